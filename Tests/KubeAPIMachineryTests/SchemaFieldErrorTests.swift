import KubeCore
import XCTest

@testable import KubeAPIMachinery

final class SchemaFieldErrorTests: XCTestCase {
    func testFieldPathRendering() {
        XCTAssertEqual(FieldPath("spec", "replicas").description, "spec.replicas")
        XCTAssertEqual(FieldPath("spec", "items").index(2).child("name").description, "spec.items[2].name")
        XCTAssertEqual(
            FieldPath("spec", "versions").index(0).child("schema", "openAPIV3Schema").child("properties").key("spec")
                .child("type").description,
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].type")
        XCTAssertEqual(FieldPath.root.fieldString, "<nil>")
    }

    func testBodiesMatchTheServer() {
        XCTAssertEqual(FieldError.required(FieldPath("spec", "y")).description, "spec.y: Required value")
        XCTAssertEqual(
            FieldError.invalid(FieldPath("spec", "x"), "abc", "must be no more than 2 characters").description,
            #"spec.x: Invalid value: "abc": must be no more than 2 characters"#)
        XCTAssertEqual(
            FieldError.notSupported(FieldPath("spec", "size"), "huge", supported: ["small", "large"]).description,
            #"spec.size: Unsupported value: "huge": supported values: "small", "large""#)
        XCTAssertEqual(
            FieldError.forbidden(FieldPath("spec", "x"), "may not be set").description,
            "spec.x: Forbidden: may not be set")
        XCTAssertEqual(
            FieldError.duplicate(FieldPath("spec", "tags").index(2), "a").description,
            #"spec.tags[2]: Duplicate value: "a""#)
        XCTAssertEqual(
            FieldError.tooMany(FieldPath("spec", "tags"), actual: 5, max: 3).description,
            "spec.tags: Too many: 5: must have at most 3 items")
        XCTAssertEqual(
            FieldError.tooLong(FieldPath("metadata", "name"), maxLength: 63).description,
            "metadata.name: Too long: may not be more than 63 bytes")
        XCTAssertEqual(
            FieldError.invalid(FieldPath("spec", "n"), 15, "too big").description, "spec.n: Invalid value: 15: too big")
        XCTAssertEqual(FieldError.invalid(FieldPath("spec", "n"), 1.5, "x").body, "Invalid value: 1.5: x")
        XCTAssertEqual(FieldError.invalid(FieldPath("spec", "n"), 1e6, "x").body, "Invalid value: 1e+06: x")
        XCTAssertEqual(FieldError.invalid(FieldPath("spec", "b"), true, "x").body, "Invalid value: true: x")
        XCTAssertEqual(
            FieldError.invalid(FieldPath("s"), ["b": 1, "a": "<x>"], "x").body,
            #"Invalid value: {"a":"\u003cx\u003e","b":1}: x"#)
        XCTAssertEqual(
            FieldError.invalid(FieldPath("s"), "tab\there \"q\"", "x").body, #"Invalid value: "tab\there \"q\"": x"#)
    }

    func testStatusCauseReasons() {
        XCTAssertEqual(FieldError.required(FieldPath("a")).statusCause.reason, "FieldValueRequired")
        XCTAssertEqual(FieldError.invalid(FieldPath("a"), 1, "").statusCause.reason, "FieldValueInvalid")
        XCTAssertEqual(
            FieldError.notSupported(FieldPath("a"), 1, supported: []).statusCause.reason, "FieldValueNotSupported")
        XCTAssertEqual(FieldError.tooLong(FieldPath("a"), maxLength: 1).statusCause.reason, "FieldValueTooLong")
        XCTAssertEqual(FieldError.typeInvalid(FieldPath("a"), "x", "").statusCause.reason, "FieldValueTypeInvalid")
        XCTAssertEqual(FieldError.forbidden(FieldPath("a"), "").statusCause.reason, "FieldValueForbidden")
        XCTAssertEqual(FieldError.duplicate(FieldPath("a"), 1).statusCause.reason, "FieldValueDuplicate")
        XCTAssertEqual(FieldError.tooMany(FieldPath("a"), actual: 2, max: 1).statusCause.reason, "FieldValueTooMany")
        let cause = FieldError.invalid(FieldPath("spec", "replicas"), 15, "too big").statusCause
        XCTAssertEqual(
            cause,
            StatusCause(reason: "FieldValueInvalid", message: "Invalid value: 15: too big", field: "spec.replicas"))
    }

    func testInvalidStatusMessage() {
        let one = Status.invalid(
            kind: "Widget", group: "example.com", name: "w1", errors: [.required(FieldPath("spec", "size"))])
        XCTAssertEqual(one.message, #"Widget.example.com "w1" is invalid: spec.size: Required value"#)
        XCTAssertEqual(one.code, 422)
        XCTAssertEqual(one.reason, .invalid)
        XCTAssertEqual(one.details?.kind, "Widget")
        XCTAssertEqual(one.details?.group, "example.com")
        XCTAssertEqual(one.details?.causes?.count, 1)

        let two = Status.invalid(
            kind: "ConfigMap", group: "", name: "cm",
            errors: [
                .invalid(FieldPath("spec", "x"), "abc", "must be short"), .required(FieldPath("spec", "y")),
                .required(FieldPath("spec", "y")),
            ])
        XCTAssertEqual(
            two.message,
            #"ConfigMap "cm" is invalid: [spec.x: Invalid value: "abc": must be short, spec.y: Required value]"#)
        XCTAssertEqual(two.details?.causes?.count, 3, "causes keep duplicates, the message drops them")
    }

    /// A 422 a real server returned (kubernetes-client Java issue about null objects), rebuilt
    /// from our validator's errors, byte for byte.
    func testRealServerMessageForNullObjects() throws {
        let schema = StructuralSchema(
            json: try SchemaFixtures.yaml(
                """
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      sentinel: {type: object, properties: {config: {type: object}}}
                      redis: {type: object, properties: {storage: {type: object}, config: {type: object}}}
                  status: {type: object}
                """))
        let object: JSONValue = [
            "spec": ["sentinel": ["config": nil], "redis": ["storage": nil, "config": nil]], "status": nil,
        ]
        var validator = OpenAPIValidator()
        validator.validate(object, schema, name: "")
        // The server walks maps in random order; put ours in the order of the captured message.
        let order = ["spec.sentinel.config", "spec.redis.storage", "spec.redis.config", "status"]
        let errors = validator.errors.sorted {
            (order.firstIndex(of: $0.field) ?? 9) < (order.firstIndex(of: $1.field) ?? 9)
        }
        let status = Status.invalid(kind: "ZcacheCluster", group: "com.zto.zcache", name: "sentinel-1", errors: errors)
        XCTAssertEqual(
            status.message,
            #"ZcacheCluster.com.zto.zcache "sentinel-1" is invalid: [spec.sentinel.config: Invalid value: "null": spec.sentinel.config in body must be of type object: "null", spec.redis.storage: Invalid value: "null": spec.redis.storage in body must be of type object: "null", spec.redis.config: Invalid value: "null": spec.redis.config in body must be of type object: "null", status: Invalid value: "null": status in body must be of type object: "null"]"#
        )
        XCTAssertEqual(errors.first?.statusCause.reason, "FieldValueTypeInvalid")
    }

    func testUnknownFieldMessages() {
        XCTAssertEqual(UnknownFieldMessages.warning(path: "spec.foo"), #"unknown field "spec.foo""#)
        let status = UnknownFieldMessages.strictStatus(paths: ["spec.a", "spec.b"])
        XCTAssertEqual(status.code, 400)
        XCTAssertEqual(status.reason, .badRequest)
        XCTAssertEqual(status.message, #"strict decoding error: unknown field "spec.a", unknown field "spec.b""#)
        XCTAssertEqual(FieldValidationDirective(queryValue: nil), .warn)
        XCTAssertEqual(FieldValidationDirective(queryValue: "Strict"), .strict)
        XCTAssertNil(FieldValidationDirective(queryValue: "strict"))
    }

    func testGoFloatFormatting() {
        XCTAssertEqual(GoFormat.float(10), "10")
        XCTAssertEqual(GoFormat.float(0.5), "0.5")
        XCTAssertEqual(GoFormat.float(123456), "123456")
        XCTAssertEqual(GoFormat.float(1234567), "1.234567e+06")
        XCTAssertEqual(GoFormat.float(0.0001), "0.0001")
        XCTAssertEqual(GoFormat.float(0.00001), "1e-05")
        XCTAssertEqual(GoFormat.float(-2.5), "-2.5")
        XCTAssertEqual(GoFormat.jsonFloat(1e6), "1000000")
        XCTAssertEqual(GoFormat.jsonFloat(1e21), "1e+21")
        XCTAssertEqual(GoFormat.jsonFloat(0.0000001), "1e-07")
    }
}
