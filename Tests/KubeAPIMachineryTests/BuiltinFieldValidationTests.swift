import Foundation
import KubeCore
import XCTest

@testable import KubeAPIMachinery

/// Unknown and duplicate fields of built-in kinds, reported as the strict decoder reports them.
final class BuiltinFieldValidationTests: XCTestCase {
    func testUnknownFieldsAreFoundAndDroppedWhereTheSchemaIsComplete() throws {
        var deployment: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "web", "bogusMeta": 1, "labels": ["a": "b"]],
            "spec": [
                "replicas": 2, "foo": true,
                "selector": ["matchLabels": ["a": "b"]],
                "template": [
                    "metadata": ["labels": ["a": "b"]],
                    "spec": [
                        "containers": [
                            [
                                "name": "main", "image": "nginx", "lifecycle": ["preStop": [:]],
                                "env": [["name": "A", "value": "1", "bogus": "x"]],
                            ]
                        ],
                        "notAPodSpecFieldHereYet": 1,
                    ],
                ],
            ],
        ]
        let unknown = BuiltinFieldValidation.pruneUnknownFields(&deployment, group: "apps", kind: "Deployment")
        XCTAssertEqual(
            unknown, ["metadata.bogusMeta", "spec.foo", "spec.template.spec.containers[0].env[0].bogus"])
        XCTAssertNil(deployment[path: ["spec", "foo"]])
        XCTAssertNil(deployment[path: ["metadata", "bogusMeta"]])
        // Container and PodSpec are described only in part here: their other fields are kept.
        XCTAssertNotNil(deployment[path: ["spec", "template", "spec", "containers"]]?[0]?["lifecycle"])
        XCTAssertNotNil(deployment[path: ["spec", "template", "spec", "notAPodSpecFieldHereYet"]])
    }

    func testKindsWithoutADefinitionAreCheckedAtTheTopAndInMetadata() {
        var role: JSONValue = [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": ["name": "r", "nme": "x"],
            "rules": [["verbs": ["get"], "anything": 1]], "spec": [:],
        ]
        let unknown = BuiltinFieldValidation.pruneUnknownFields(
            &role, group: "rbac.authorization.k8s.io", kind: "Role")
        XCTAssertEqual(unknown, ["metadata.nme", "spec"])
        var configMap: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "data": ["k": "v"], "spec": ["x": 1]]
        XCTAssertEqual(BuiltinFieldValidation.pruneUnknownFields(&configMap, group: "", kind: "ConfigMap"), ["spec"])
        var widget: JSONValue = ["spec": 1]
        XCTAssertNil(BuiltinFieldValidation.pruneUnknownFields(&widget, group: "example.com", kind: "Widget"))
    }

    func testDuplicateKeysAreReportedWithTheirPathsInDocumentOrder() {
        let body = #"""
            {"metadata": {"name": "a", "labels": {"x": "1", "x": "2"}, "name": "b"},
             "spec": {"containers": [{"name": "c", "image": "i", "image": "j"}]}, "k\"q": 1, "k\"q": 2}
            """#
        XCTAssertEqual(
            BuiltinFieldValidation.duplicateFields(in: Array(body.utf8)),
            ["metadata.labels.x", "metadata.name", "spec.containers[0].image", "k\"q"])
        XCTAssertEqual(BuiltinFieldValidation.duplicateFields(in: Array(#"{"a": [1, {"b": 2}], "c": null}"#.utf8)), [])
        // Keys are compared as decoded, and objects with many keys are checked as well as small ones.
        XCTAssertEqual(
            BuiltinFieldValidation.duplicateFields(in: Array(#"{"a\nb": 1, "a\u000ab": 2, "a\nb": 3}"#.utf8)),
            ["a\nb"])
        let many = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        XCTAssertEqual(
            BuiltinFieldValidation.duplicateFields(in: Array("{\"data\": {\(many), \"k7\": 0, \"k39\": 1}}".utf8)),
            ["data.k7", "data.k39"])
        XCTAssertEqual(BuiltinFieldValidation.duplicateFields(in: Array("{\"data\": {\(many)}}".utf8)), [])
    }

    func testMessagesHaveTheServersShape() {
        let status = BuiltinFieldValidation.strictStatus(duplicates: ["metadata.name"], unknown: ["spec.foo"])
        XCTAssertEqual(status.code, 400)
        XCTAssertEqual(status.reason, .badRequest)
        XCTAssertEqual(
            status.message, #"strict decoding error: duplicate field "metadata.name", unknown field "spec.foo""#)
        XCTAssertEqual(
            BuiltinFieldValidation.warningHeaderValue(#"unknown field "spec.foo""#),
            #"299 - "unknown field \"spec.foo\"""#)
    }
}
