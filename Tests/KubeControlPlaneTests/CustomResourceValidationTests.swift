import Foundation
import KubeClient
import KubeControlPlane
import KubeCore
import XCTest

/// Custom resources are pruned, defaulted and validated against their CRD's schema,
/// and the OpenAPI documents kubectl reads describe them.
final class CustomResourceValidationTests: XCTestCase {
    static let crd: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "gadgets.example.com"],
        "spec": [
            "group": "example.com", "scope": "Namespaced",
            "names": ["plural": "gadgets", "singular": "gadget", "kind": "Gadget"],
            "versions": [
                [
                    "name": "v1", "served": true, "storage": true,
                    "schema": [
                        "openAPIV3Schema": [
                            "type": "object",
                            "properties": [
                                "spec": [
                                    "type": "object", "required": ["owner"],
                                    "description": "What the gadget should be.",
                                    "properties": [
                                        "owner": ["type": "string", "description": "Who owns it."],
                                        "size": ["type": "integer", "minimum": 1, "maximum": 10, "default": 3],
                                        "mode": ["type": "string", "enum": ["Fast", "Slow"]],
                                        "ttl": ["type": "string"],
                                    ],
                                    "x-kubernetes-validations": [
                                        [
                                            "rule": "!has(self.ttl) || duration(self.ttl) <= duration('1h')",
                                            "message": "ttl must be at most 1h",
                                        ],
                                        ["rule": "self.owner == oldSelf.owner", "message": "owner is immutable"],
                                    ],
                                ]
                            ],
                        ]
                    ],
                ]
            ],
        ],
    ]
    static let gadgets = ResourceDescriptor(
        group: "example.com", version: "v1", kind: "Gadget", plural: "gadgets", namespaced: true)

    private func gadget(_ spec: JSONValue, extra: JSONValue? = nil) -> DynamicObject {
        var o: JSONValue = ["apiVersion": "example.com/v1", "kind": "Gadget", "metadata": ["name": "g"], "spec": spec]
        if let extra { o["extra"] = extra }
        return DynamicObject(o)
    }

    private func fieldsOf(_ error: KubeAPIError) -> [String] {
        error.status.details?.causes?.compactMap(\.field) ?? []
    }

    func testPruningDefaultingValidationAndImmutability() async throws {
        let f = try await ControlPlaneFixture.start()
        _ = try await f.client.dynamicApi(ControlPlaneFixture.crds).create(DynamicObject(Self.crd))
        let api = f.client.dynamicApi(Self.gadgets, namespace: "default")

        let created = try await api.create(gadget(["owner": "ann"], extra: "dropped"))
        XCTAssertEqual(created.raw[path: ["spec", "size"]], 3, "default applied")
        XCTAssertNil(created.raw["extra"], "unknown field pruned")

        for (spec, field) in [
            (["owner": "ann", "size": 11] as JSONValue, "spec.size"),
            (["owner": "ann", "mode": "Medium"], "spec.mode"),
            (["size": 2], "spec.owner"),
            (["owner": "ann", "ttl": "2h"], "spec"),
        ] {
            do {
                _ = try await api.create(DynamicObject(gadget(spec).raw.with(name: "bad")))
                XCTFail("expected 422 for \(spec)")
            } catch let e as KubeAPIError {
                XCTAssertEqual(e.code, 422, "\(e)")
                XCTAssertTrue(fieldsOf(e).contains(field), "\(fieldsOf(e)) for \(spec): \(e.status.message ?? "")")
            }
        }
        do {
            _ = try await api.patch("g", .merge(["spec": ["owner": "bob"]]))
            XCTFail("owner is immutable")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.code, 422)
            XCTAssertTrue(e.status.message?.contains("owner is immutable") == true, e.status.message ?? "")
        }
        await f.stop()
    }

    func testOpenAPIDescribesCustomResources() async throws {
        let f = try await ControlPlaneFixture.start()
        _ = try await f.client.dynamicApi(ControlPlaneFixture.crds).create(DynamicObject(Self.crd))
        let response = try await f.client.rawGet("/openapi/v2")
        let doc = try JSONValue.parse(response)
        XCTAssertEqual(
            doc[path: [
                "definitions", "com.example.v1.Gadget", "properties", "spec", "properties", "owner", "description",
            ]],
            "Who owns it.")
        let v3 = try JSONValue.parse(try await f.client.rawGet("/openapi/v3"))
        XCTAssertNotNil(v3[path: ["paths", "apis/example.com/v1"]])
        await f.stop()
    }
}

extension JSONValue {
    fileprivate func with(name: String) -> JSONValue {
        var copy = self
        copy[path: ["metadata", "name"]] = .string(name)
        return copy
    }
}
