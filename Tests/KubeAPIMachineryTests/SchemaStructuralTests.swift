import KubeCore
import XCTest

@testable import KubeAPIMachinery

final class SchemaStructuralTests: XCTestCase {
    private let base = FieldPath("spec", "versions").index(0).child("schema", "openAPIV3Schema")
    private let prefix = "spec.versions[0].schema.openAPIV3Schema"

    private func check(_ yaml: String, status: Bool = false) throws -> [String] {
        SchemaCheck.check(try SchemaFixtures.yaml(yaml), at: base, statusSubresource: status).map(\.description)
    }

    func testMissingTypesAndItems() throws {
        XCTAssertEqual(
            try check(
                """
                type: object
                properties:
                  spec:
                    properties:
                      list:
                        type: array
                      entries:
                        type: array
                        items:
                          description: no type
                """),
            [
                "\(prefix).properties[spec].properties[entries].items.type: Required value: must not be empty for specified array items",
                "\(prefix).properties[spec].properties[list].items: Required value: must be specified",
                "\(prefix).properties[spec].type: Required value: must not be empty for specified object fields",
            ])
        XCTAssertEqual(try check("properties: {}"), ["\(prefix).type: Required value: must not be empty at the root"])
        XCTAssertEqual(
            try check("type: string"), [#"\#(prefix).type: Invalid value: "string": must be object at the root"#])
        XCTAssertEqual(
            try check(
                "type: object\nproperties: {x: {x-kubernetes-preserve-unknown-fields: true}, y: {x-kubernetes-int-or-string: true}}"
            ), [])
    }

    func testValueValidationMustStayStructural() throws {
        XCTAssertEqual(
            try check(
                """
                type: object
                properties:
                  x:
                    type: string
                    anyOf:
                    - type: string
                      description: nope
                  y:
                    x-kubernetes-int-or-string: true
                    anyOf: [{type: integer}, {type: string}]
                  z:
                    type: object
                    properties:
                      a: {type: string}
                    oneOf:
                    - required: [a]
                    - properties:
                        metadata: {}
                """),
            [
                "\(prefix).properties[x].anyOf[0].description: Forbidden: must be empty to be structural",
                "\(prefix).properties[x].anyOf[0].type: Forbidden: must be empty to be structural",
                "\(prefix).properties[z].oneOf[1].properties[metadata]: Forbidden: must not be specified in a nested context",
            ])
        XCTAssertEqual(
            try check(
                """
                type: object
                properties:
                  a: {type: string}
                anyOf:
                - properties:
                    b: {}
                """),
            [
                "\(prefix).properties[b]: Required value: because it is defined in \(prefix).anyOf[0].properties[b]"
            ])
    }

    func testMetadataAndEmbeddedResources() throws {
        XCTAssertEqual(
            try check(
                """
                type: object
                properties:
                  metadata:
                    type: object
                    properties:
                      name: {type: string, maxLength: 20}
                """), [])
        XCTAssertEqual(
            try check(
                """
                type: object
                properties:
                  metadata:
                    type: object
                    properties:
                      labels: {type: object}
                """),
            [
                "\(prefix).properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified"
            ])
        XCTAssertEqual(
            try check("type: object\nproperties: {e: {type: object, x-kubernetes-embedded-resource: true}}"),
            [
                "\(prefix).properties[e].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"
            ])
        XCTAssertEqual(
            try check("type: object\nproperties: {kind: {type: integer}}"),
            [#"\#(prefix).properties[kind].type: Invalid value: "integer": must be string"#])
    }

    func testKeywordsKubernetesForbids() throws {
        XCTAssertEqual(
            try check(
                """
                type: object
                additionalProperties: {type: string}
                """),
            ["\(prefix).additionalProperties: Forbidden: must not be used at the root"])
        XCTAssertEqual(
            try check(
                """
                type: object
                properties:
                  a:
                    type: array
                    uniqueItems: true
                    items: {type: string}
                  b:
                    type: object
                    properties: {c: {type: string}}
                    additionalProperties: false
                  d:
                    type: string
                    x-kubernetes-preserve-unknown-fields: false
                  e:
                    $ref: '#/definitions/x'
                    type: string
                  f:
                    type: string
                    pattern: '[a-z'
                  g:
                    type: string
                    pattern: '^(?!x)'
                  h:
                    type: thing
                """),
            [
                #"\#(prefix).properties[f].pattern: Invalid value: "[a-z": must be a valid regular expression, but isn't: error parsing regexp: missing closing ]: `[a-z`"#,
                #"\#(prefix).properties[g].pattern: Invalid value: "^(?!x)": must be a valid regular expression, but isn't: error parsing regexp: invalid or unsupported Perl syntax: `(?!`"#,
                "\(prefix).properties[a].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
                "\(prefix).properties[b].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive",
                "\(prefix).properties[d].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined",
                "\(prefix).properties[e].$ref: Forbidden: $ref is not supported",
                #"\#(prefix).properties[h].type: Unsupported value: "thing": supported values: "array", "boolean", "integer", "number", "object", "string""#,
            ])
    }

    func testListAndMapTypes() throws {
        XCTAssertEqual(
            try check(
                """
                type: object
                properties:
                  a:
                    type: array
                    x-kubernetes-list-type: map
                    items:
                      type: object
                      properties:
                        name: {type: string}
                  b:
                    type: array
                    x-kubernetes-list-map-keys: [name]
                    items: {type: object, required: [name], properties: {name: {type: string}}}
                  c:
                    type: string
                    x-kubernetes-list-type: set
                  d:
                    type: object
                    x-kubernetes-map-type: loose
                  e:
                    type: array
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name, id]
                    items:
                      type: object
                      properties:
                        name: {type: string}
                """),
            [
                "\(prefix).properties[a].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map",
                "\(prefix).properties[b].x-kubernetes-list-type: Required value: must be map if x-kubernetes-list-map-keys is non-empty",
                #"\#(prefix).properties[c].type: Invalid value: "string": must be array if x-kubernetes-list-type is specified"#,
                #"\#(prefix).properties[d].x-kubernetes-map-type: Unsupported value: "loose": supported values: "atomic", "granular""#,
                #"\#(prefix).properties[e].x-kubernetes-list-map-keys: Invalid value: ["name","id"]: entries must all be names of item properties"#,
                "\(prefix).properties[e].items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property",
            ])
    }

    func testDefaultsMustValidateAndBePruned() throws {
        XCTAssertEqual(
            try check(
                """
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      replicas: {type: integer, default: many}
                      size: {type: string, enum: [s, m], default: xl}
                      nested:
                        type: object
                        default: {a: 1, extra: true}
                        properties:
                          a: {type: integer}
                """),
            [
                #"\#(prefix).properties[spec].properties[nested].default: Invalid value: {"a":1,"extra":true}: must not have unknown fields"#,
                #"\#(prefix).properties[spec].properties[replicas].default: Invalid value: "string":  in body must be of type integer: "string""#,
                #"\#(prefix).properties[spec].properties[size].default: Unsupported value: "xl": supported values: "s", "m""#,
            ])
        XCTAssertEqual(
            try check("type: object\nproperties: {metadata: {type: object, default: {name: x}}}"),
            ["\(prefix).properties[metadata].default: Forbidden: must not be set in top-level metadata"])
    }

    func testRootRestrictions() throws {
        XCTAssertEqual(
            try check("type: object\nnullable: true"),
            ["\(prefix).nullable: Forbidden: nullable cannot be true at the root"])
        let withStatus = try check("type: object\nminProperties: 1", status: true)
        XCTAssertEqual(withStatus.count, 1)
        XCTAssertTrue(
            withStatus[0].hasSuffix("fields are allowed at the root of the schema if the status subresource is enabled")
        )
        XCTAssertEqual(
            SchemaCheck.check(nil, at: base).map(\.description), ["\(prefix): Required value: schemas are required"])
        XCTAssertEqual(try check("type: 5"), ["\(prefix).type: Invalid value: 5: must be of type string"])
    }

    func testInvalidSchemaThrowsEveryError() throws {
        XCTAssertThrowsError(try CustomResourceSchema(openAPIV3Schema: try SchemaFixtures.yaml("properties: {a: {}}")))
        { error in
            guard let invalid = error as? CustomResourceSchema.InvalidSchema else { return XCTFail("\(error)") }
            XCTAssertEqual(invalid.errors.count, 2)
        }
    }
}
