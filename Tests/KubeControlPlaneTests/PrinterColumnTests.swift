import Foundation
import KubeClient
import KubeControlPlane
import KubeCore
import XCTest

/// What `kubectl get` shows for a custom resource: the cells the server computes from
/// its CRD's `additionalPrinterColumns` JSONPaths.
final class PrinterColumnTests: XCTestCase {
    static let gadgets = ResourceDescriptor(
        group: "example.com", version: "v1", kind: "Gadget", plural: "gadgets", namespaced: true)

    static let gadgetCRD: JSONValue = [
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
                            "properties": ["spec": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]],
                        ]
                    ],
                    "additionalPrinterColumns": [
                        ["name": "Providers", "type": "string", "jsonPath": ".spec.providers[*].name"],
                        ["name": "Last", "type": "string", "jsonPath": ".spec.providers[-1].name"],
                        ["name": "Sizes", "type": "integer", "jsonPath": ".spec.sizes[*]"],
                        [
                            "name": "Ready", "type": "string",
                            "jsonPath": ".spec.conditions[?(@.type==\"Ready\")].status",
                        ],
                        ["name": "Nested", "type": "string", "jsonPath": ".spec.groups[*].members[*].name"],
                    ],
                ]
            ],
        ],
    ]

    /// `[*]` finds every element; the cell shows the first value found, as the Kubernetes
    /// API server's table convertor does; nothing found is an empty (null) cell.
    func testWildcardColumnsShowTheFirstValueFound() async throws {
        let f = try await ControlPlaneFixture.start()
        _ = try await f.client.dynamicApi(ControlPlaneFixture.crds).create(DynamicObject(Self.gadgetCRD))
        let gadgets = f.client.dynamicApi(Self.gadgets, namespace: "default")
        _ = try await gadgets.create(
            DynamicObject([
                "apiVersion": "example.com/v1", "kind": "Gadget", "metadata": ["name": "full"],
                "spec": [
                    "providers": [["name": "local-models"], ["name": "anthropic"]],
                    "sizes": [7, 9],
                    "conditions": [["type": "Valid", "status": "True"], ["type": "Ready", "status": "False"]],
                    "groups": [["members": []], ["members": [["name": "ada"], ["name": "grace"]]]],
                ],
            ]))
        _ = try await gadgets.create(
            DynamicObject([
                "apiVersion": "example.com/v1", "kind": "Gadget", "metadata": ["name": "empty"],
                "spec": ["providers": [], "sizes": [], "conditions": []],
            ]))

        let answer = try await gadgets.table()
        let table = try XCTUnwrap(answer)
        XCTAssertEqual(table.columnDefinitions.map(\.name), ["Name", "Providers", "Last", "Sizes", "Ready", "Nested"])
        let rows = Dictionary(
            uniqueKeysWithValues: (table.rows ?? []).map {
                ($0.cells[0].stringValue ?? "", Array($0.cells.dropFirst()))
            })
        XCTAssertEqual(rows["full"], ["local-models", "anthropic", 7, "False", "ada"])
        XCTAssertEqual(rows["empty"], [.null, .null, .null, .null, .null])
        await f.stop()
    }
}
