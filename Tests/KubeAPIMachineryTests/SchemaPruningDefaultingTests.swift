import KubeCore
import XCTest

@testable import KubeAPIMachinery

final class SchemaPruningDefaultingTests: XCTestCase {
    func testPruningReportsSortedPaths() throws {
        let schema = try SchemaFixtures.widgetSchema()
        var object = try SchemaFixtures.widget(
            spec: """
                size: small
                bogus: 1
                ports: [{name: http, extra: x}]
                template: {keep: {everything: true}}
                config: {apiVersion: v1, kind: Pod, metadata: {name: p, junk: 1}, spec: {kept: true}}
                labels: {a: b}
                """)
        object["status"] = ["phase": "Ready", "unknown": 1]
        object[path: ["metadata", "oops"]] = "x"
        object["extraTop"] = 1
        let paths = schema.prune(&object)
        XCTAssertEqual(
            paths,
            [
                "extraTop", "metadata.oops", "spec.bogus", "spec.config.metadata.junk", "spec.ports[0].extra",
                "status.unknown",
            ])
        XCTAssertEqual(object[path: ["spec", "template"]], ["keep": ["everything": true]])
        XCTAssertEqual(object[path: ["spec", "config", "spec"]], ["kept": true])
        XCTAssertEqual(object["apiVersion"], "example.com/v1")
        XCTAssertEqual(object[path: ["metadata", "name"]], "w1")
    }

    func testDefaultsApplyRecursivelyAndReplaceNulls() throws {
        let schema = try SchemaFixtures.widgetSchema()
        var object = try SchemaFixtures.widget(spec: "size: small\nreplicas: null\nname: null\nports: [{name: http}]")
        _ = schema.prune(&object)
        schema.applyDefaults(to: &object)
        XCTAssertEqual(object[path: ["spec", "replicas"]], 1, "a null with a default is defaulted")
        XCTAssertNil(object[path: ["spec", "name"]], "a null without default is dropped")
        XCTAssertEqual(object[path: ["spec", "minReplicas"]], 0)
        XCTAssertEqual(object[path: ["spec", "color"]], "#000000")
        XCTAssertEqual(object[path: ["spec", "ports"]], [["name": "http", "protocol": "TCP"]])
        XCTAssertNil(object["status"], "no default creates a parent")
    }

    func testAdmissionPipeline() throws {
        let schema = try SchemaFixtures.widgetSchema()
        let body = try SchemaFixtures.widget(spec: "size: small\nfoo: 1")
        let warn = schema.admit(body, fieldValidation: .warn)
        XCTAssertEqual(warn.unknownFields, ["spec.foo"])
        XCTAssertEqual(warn.warnings, [#"unknown field "spec.foo""#])
        XCTAssertNil(warn.strictError)
        XCTAssertEqual(warn.errors, [])
        XCTAssertEqual(warn.object[path: ["spec", "replicas"]], 1)

        let strict = schema.admit(body, fieldValidation: .strict)
        XCTAssertEqual(strict.strictError?.message, #"strict decoding error: unknown field "spec.foo""#)
        XCTAssertEqual(strict.warnings, [])

        let ignore = schema.admit(body, fieldValidation: .ignore)
        XCTAssertEqual(ignore.warnings, [])
        XCTAssertNil(ignore.strictError)

        let invalid = schema.admit(try SchemaFixtures.widget(spec: "replicas: 3"))
        let status = Status.invalid(kind: "Widget", group: "example.com", name: "w1", errors: invalid.errors)
        XCTAssertEqual(
            status.message,
            #"Widget.example.com "w1" is invalid: [spec.size: Required value, <nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]"#
        )
    }

    func testAdditionalPropertiesTrueKeepsScalarsOnly() throws {
        let schema = try CustomResourceSchema(
            openAPIV3Schema: try SchemaFixtures.yaml(
                "type: object\nproperties: {spec: {type: object, additionalProperties: true}}"))
        var object: JSONValue = ["spec": ["a": 1, "b": ["c": 2]]]
        XCTAssertEqual(schema.prune(&object), ["spec.b.c"])
        XCTAssertEqual(object["spec"], ["a": 1, "b": [:]])
    }
}
