import KubeCore
import XCTest

@testable import KubeAPIMachinery

final class SchemaValidationTests: XCTestCase {
    private func errors(_ spec: String, old: JSONValue? = nil) throws -> [String] {
        let schema = try SchemaFixtures.widgetSchema()
        var object = try SchemaFixtures.widget(spec: spec)
        _ = schema.prune(&object)
        schema.applyDefaults(to: &object)
        return schema.validate(object, oldObject: old).errors.map(\.description)
    }

    func testTheFixtureIsAcceptedAndAValidWidgetPasses() throws {
        XCTAssertEqual(SchemaCheck.checkCustomResourceDefinition(SchemaFixtures.widgetCRD).map(\.description), [])
        XCTAssertEqual(
            try errors(
                """
                size: small
                replicas: 3
                name: gear
                tags: [a, b]
                ports: [{name: http, port: 80}, {name: https, port: 443}]
                cpu: 500m
                labels: {team: core}
                template: {anything: [1, 2, {x: y}]}
                startedAt: "2024-05-01T12:00:00Z"
                ratio: 1.5
                config: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: v}}
                """), [])
    }

    func testMessagesOfEachKeyword() throws {
        XCTAssertEqual(
            try errors(
                """
                size: huge
                replicas: 15
                name: ""
                color: red
                tags: [a, b, c, d]
                ratio: 0.7
                startedAt: yesterday
                """),
            [
                #"spec.color: Invalid value: "red": spec.color in body should match '^#[0-9a-f]{6}$'"#,
                #"spec.name: Invalid value: "": spec.name in body should be at least 1 chars long"#,
                "spec.ratio: Invalid value: 0.7: spec.ratio in body should be a multiple of 0.5",
                "spec.replicas: Invalid value: 15: spec.replicas in body should be less than or equal to 10",
                #"spec.size: Unsupported value: "huge": supported values: "small", "medium", "large""#,
                #"spec.startedAt: Invalid value: "yesterday": spec.startedAt in body must be of type date-time: "yesterday""#,
                "spec.tags: Too many: 4: must have at most 3 items",
                #"<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"#,
            ])
    }

    func testTypesRequiredAndLengths() throws {
        XCTAssertEqual(
            try errors("replicas: many\nname: abcdefghijkl\nports: [{port: 0}]\nlabels: {a: 1}"),
            [
                "spec.labels.a: Invalid value: \"integer\": spec.labels.a in body must be of type string: \"integer\"",
                "spec.name: Too long: may not be more than 10 bytes",
                "spec.ports[0].port: Invalid value: 0: spec.ports[0].port in body should be greater than or equal to 1",
                "spec.ports[0].name: Required value",
                "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"",
                "spec.size: Required value",
                #"<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"#,
            ])
    }

    /// The cloudnative-pg report of an int-or-string field given a float, byte for byte.
    func testIntOrStringAnyOfMatchesTheServer() throws {
        let schema = StructuralSchema(
            json: try SchemaFixtures.yaml(
                """
                type: object
                properties:
                  cpu:
                    x-kubernetes-int-or-string: true
                    anyOf: [{type: integer}, {type: string}]
                """))
        var validator = OpenAPIValidator()
        validator.validate(
            ["cpu": 0.5], schema.properties["cpu"] ?? schema,
            name: "spec.template.spec.containers[0].resources.limits.cpu")
        XCTAssertEqual(
            validator.errors.map(\.description),
            [
                #"spec.template.spec.containers[0].resources.limits.cpu: Invalid value: "object": spec.template.spec.containers[0].resources.limits.cpu in body must be of type integer,string: "object""#,
                #"<nil>: Invalid value: "": "spec.template.spec.containers[0].resources.limits.cpu" must validate at least one schema (anyOf)"#,
                #"spec.template.spec.containers[0].resources.limits.cpu: Invalid value: "object": spec.template.spec.containers[0].resources.limits.cpu in body must be of type integer: "object""#,
            ])
        var v2 = OpenAPIValidator()
        v2.validate(
            0.5, schema.properties["cpu"] ?? schema, name: "spec.template.spec.containers[0].resources.limits.cpu")
        XCTAssertEqual(
            v2.errors.map(\.description),
            [
                #"spec.template.spec.containers[0].resources.limits.cpu: Invalid value: "number": spec.template.spec.containers[0].resources.limits.cpu in body must be of type integer,string: "number""#,
                #"<nil>: Invalid value: "": "spec.template.spec.containers[0].resources.limits.cpu" must validate at least one schema (anyOf)"#,
                #"spec.template.spec.containers[0].resources.limits.cpu: Invalid value: "number": spec.template.spec.containers[0].resources.limits.cpu in body must be of type integer: "number""#,
            ])
    }

    /// The CronTab example of the Kubernetes documentation: field, value and detail.
    func testCronTabDocumentationExample() throws {
        let schema = try CustomResourceSchema(
            openAPIV3Schema: try SchemaFixtures.yaml(
                #"""
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      cronSpec:
                        type: string
                        pattern: '^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$'
                      image:
                        type: string
                      replicas:
                        type: integer
                        minimum: 1
                        maximum: 10
                """#))
        let object: JSONValue = [
            "apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": ["name": "my-new-cron-object"],
            "spec": ["cronSpec": "* * * *", "image": "my-awesome-cron-image", "replicas": 15],
        ]
        let errors = schema.validate(object).errors
        XCTAssertEqual(errors.count, 2)
        XCTAssertEqual(errors[0].type, .invalid)
        XCTAssertEqual(errors[0].field, "spec.cronSpec")
        XCTAssertEqual(errors[0].badValue, .value("* * * *"))
        XCTAssertEqual(
            errors[0].detail, #"spec.cronSpec in body should match '^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$'"#)
        XCTAssertEqual(errors[1].field, "spec.replicas")
        XCTAssertEqual(errors[1].badValue, .value(15))
        XCTAssertEqual(errors[1].detail, "spec.replicas in body should be less than or equal to 10")
    }

    func testListTypesAndEmbeddedResources() throws {
        XCTAssertEqual(
            try errors(
                """
                size: small
                tags: [a, b, a]
                ports: [{name: http, port: 80}, {name: http, port: 81}]
                config: {metadata: {name: x}}
                """),
            [
                "spec.config.apiVersion: Required value: must not be empty",
                "spec.config.kind: Required value: must not be empty",
                #"spec.ports[1]: Duplicate value: {"name":"http","port":81,"protocol":"TCP"}"#,
                #"spec.tags[2]: Duplicate value: "a""#,
                #"<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"#,
            ])
    }

    func testFormats() {
        XCTAssertEqual(SchemaFormats.isValid("2024-05-01T12:00:00Z", format: "date-time"), true)
        XCTAssertEqual(SchemaFormats.isValid("2024-05-01T12:00:00.123+02:00", format: "date-time"), true)
        XCTAssertEqual(SchemaFormats.isValid("2024-02-30T12:00:00Z", format: "date-time"), false)
        XCTAssertEqual(SchemaFormats.isValid("2024-05-01", format: "date"), true)
        XCTAssertEqual(SchemaFormats.isValid("2024-13-01", format: "date"), false)
        XCTAssertEqual(SchemaFormats.isValid("aGVsbG8=", format: "byte"), true)
        XCTAssertEqual(SchemaFormats.isValid("not base64!", format: "byte"), false)
        XCTAssertEqual(SchemaFormats.isValid("123e4567-e89b-12d3-a456-426614174000", format: "uuid"), true)
        XCTAssertEqual(SchemaFormats.isValid("123e4567", format: "uuid"), false)
        XCTAssertEqual(SchemaFormats.isValid("my-host.example.com", format: "hostname"), true)
        XCTAssertEqual(SchemaFormats.isValid("-bad-.example.com", format: "hostname"), false)
        XCTAssertEqual(SchemaFormats.isValid("10.0.0.1", format: "ipv4"), true)
        XCTAssertEqual(SchemaFormats.isValid("10.0.0.256", format: "ipv4"), false)
        XCTAssertEqual(SchemaFormats.isValid("fe80::1", format: "ipv6"), true)
        XCTAssertEqual(SchemaFormats.isValid("10.0.0.0/8", format: "cidr"), true)
        XCTAssertEqual(SchemaFormats.isValid("10.0.0.0/33", format: "cidr"), false)
        XCTAssertEqual(SchemaFormats.isValid("1h30m", format: "duration"), true)
        XCTAssertEqual(SchemaFormats.isValid("3 days", format: "duration"), true)
        XCTAssertEqual(SchemaFormats.isValid("soon", format: "duration"), false)
        XCTAssertEqual(SchemaFormats.isValid("https://example.com/x", format: "uri"), true)
        XCTAssertEqual(SchemaFormats.isValid("not a uri", format: "uri"), false)
        XCTAssertEqual(SchemaFormats.isValid("a@b.example", format: "email"), true)
        XCTAssertNil(SchemaFormats.isValid("99999999999", format: "int32"), "int32 is not checked by the server")
    }

    func testRatchetingIgnoresUnchangedInvalidParts() throws {
        let schema = try SchemaFixtures.widgetSchema()
        // Stored under an older schema, this widget has a name too long for today's.
        let old = try SchemaFixtures.widget(spec: "size: small\nname: averyverylongname\nreplicas: 1\nminReplicas: 0")
        var updated = old
        updated[path: ["spec", "replicas"]] = 2
        XCTAssertEqual(schema.validate(updated, oldObject: old).errors, [])
        XCTAssertEqual(
            schema.validate(updated).errors.map(\.description).first,
            "spec.name: Too long: may not be more than 10 bytes")
    }
}
