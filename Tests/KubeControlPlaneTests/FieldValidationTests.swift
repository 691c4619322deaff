import Foundation
import KubeClient
import KubeControlPlane
import KubeCore
import XCTest

/// `fieldValidation` for built-in kinds: Strict refuses unknown fields, Warn and Ignore drop them.
final class FieldValidationTests: XCTestCase {
    private static let deployments = ResourceDescriptor(
        group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true)

    private func deployment(_ name: String) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
            "spec": [
                "selector": ["matchLabels": ["app": .string(name)]], "foo": 1,
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": [
                        "containers": [["name": "main", "image": "nginx", "ports": [["containerPort": 80, "x": 1]]]]
                    ],
                ],
            ],
        ]
    }

    private func expectStrictError(_ message: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            XCTFail("expected 400 strict decoding error")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.status.code, 400)
            XCTAssertEqual(e.status.message, message)
        } catch {
            XCTFail("unexpected \(error)")
        }
    }

    func testStrictRefusesUnknownFieldsOfBuiltinKindsOnEveryWrite() async throws {
        let f = try await ControlPlaneFixture.start()
        let api = f.client.dynamicApi(Self.deployments, namespace: "default")
        let message =
            #"strict decoding error: unknown field "spec.foo", unknown field "spec.template.spec.containers[0].ports[0].x""#
        await expectStrictError(message) {
            _ = try await api.create(
                DynamicObject(self.deployment("d")), options: WriteOptions(fieldValidation: "Strict"))
        }
        // Warn (the default) and Ignore store the object without the unknown fields.
        let created = try await api.create(DynamicObject(deployment("d")))
        XCTAssertNil(created.raw[path: ["spec", "foo"]])
        XCTAssertNil(created.raw[path: ["spec", "template", "spec", "containers"]]?[0]?["ports"]?[0]?["x"])
        XCTAssertNotNil(
            created.raw[path: ["spec", "template", "spec", "containers"]]?[0]?["ports"]?[0]?["containerPort"])
        await expectStrictError(#"strict decoding error: unknown field "spec.bar""#) {
            _ = try await api.patch(
                "d", .merge(["spec": ["bar": 1]]), options: PatchOptions(fieldValidation: "Strict"))
        }
        await expectStrictError(#"strict decoding error: unknown field "spec.bar""#) {
            var replaced = created
            replaced.raw[path: ["spec", "bar"]] = 1
            _ = try await api.update(replaced, options: WriteOptions(fieldValidation: "Strict"))
        }
        let ignored = try await api.patch(
            "d", .merge(["spec": ["bar": 1]]), options: PatchOptions(fieldValidation: "Ignore"))
        XCTAssertNil(ignored.raw[path: ["spec", "bar"]])
        XCTAssertEqual(ignored.resourceVersion, created.resourceVersion, "nothing changed")
        await f.stop()
    }
}
