import Foundation
import KubeCore

/// The checks the API server makes on a CustomResourceDefinition version's
/// `openAPIV3Schema` when the CRD is created or updated: structural-schema rules, defaults
/// that must validate and be pruned, the keywords and extensions Kubernetes allows, and the
/// `x-kubernetes-validations` rules, which must compile.
///
/// Errors come in the server's order (structural errors sorted, then defaults, then the
/// other schema errors, then rule compilation errors) with paths like
/// `spec.versions[0].schema.openAPIV3Schema.properties[spec].type`.
public enum SchemaCheck {
    /// The JSON types of the keywords a schema may use, for the errors a server reports when
    /// it cannot decode a schema.
    private static let keywordTypes: [String: String] = [
        "type": "string", "format": "string", "title": "string", "description": "string", "pattern": "string",
        "nullable": "boolean", "uniqueItems": "boolean", "exclusiveMaximum": "boolean", "exclusiveMinimum": "boolean",
        "x-kubernetes-preserve-unknown-fields": "boolean", "x-kubernetes-embedded-resource": "boolean",
        "x-kubernetes-int-or-string": "boolean", "x-kubernetes-list-type": "string", "x-kubernetes-map-type": "string",
        "maximum": "number", "minimum": "number", "multipleOf": "number", "maxLength": "integer",
        "minLength": "integer",
        "maxItems": "integer", "minItems": "integer", "maxProperties": "integer", "minProperties": "integer",
        "properties": "object", "required": "array", "enum": "array", "allOf": "array", "anyOf": "array",
        "oneOf": "array", "not": "object", "x-kubernetes-list-map-keys": "array", "x-kubernetes-validations": "array",
    ]

    /// The problems with one version's schema; `path` is where the schema is in the CRD,
    /// e.g. `spec.versions[0].schema.openAPIV3Schema`. `statusSubresource` restricts the root
    /// as the server does when the version has a status subresource. An empty list means
    /// the schema is accepted.
    public static func check(_ schema: JSONValue?, at path: FieldPath, statusSubresource: Bool = false) -> [FieldError]
    {
        analyze(schema, at: path, statusSubresource: statusSubresource).errors
    }

    /// Checks every `spec.versions[*].schema.openAPIV3Schema` of a CRD object.
    public static func checkCustomResourceDefinition(_ crd: JSONValue) -> [FieldError] {
        var errors = [FieldError]()
        for (i, version) in (crd[path: ["spec", "versions"]]?.arrayValue ?? []).enumerated() {
            let path = FieldPath("spec", "versions").index(i).child("schema", "openAPIV3Schema")
            let status = version[path: ["subresources", "status"]] != nil
            errors += check(version[path: ["schema", "openAPIV3Schema"]], at: path, statusSubresource: status)
        }
        return errors
    }

    /// The parsed schema, its compiled rules and its problems.
    static func analyze(_ json: JSONValue?, at path: FieldPath, statusSubresource: Bool)
        -> (schema: StructuralSchema, rules: CELRuleSet, errors: [FieldError])
    {
        guard let json, case .object = json else {
            let schema = StructuralSchema(json: .object([:]))
            if let json {
                return (schema, CELRuleSet(), [.invalid(path, json, "must be an object")])
            }
            return (schema, CELRuleSet(), [.required(path, "schemas are required")])
        }
        let decodeErrors = keywordTypeErrors(json, path: path)
        let schema = StructuralSchema(json: json)
        guard decodeErrors.isEmpty else { return (schema, CELRuleSet(), decodeErrors) }

        var errors = [FieldError]()
        if statusSubresource { errors += statusRootErrors(schema, path: path) }
        if schema.nullable { errors.append(.forbidden(path.child("nullable"), "nullable cannot be true at the root")) }

        var celEnabled = false
        let structural = StructuralCheck.check(schema, path: path)
        if !structural.isEmpty {
            errors += structural
        } else {
            let defaults = DefaultsCheck.check(schema, path: path)
            errors += defaults
            celEnabled = defaults.isEmpty
        }
        var rules = CELRuleSet()
        var walker = OpenAPISchemaWalker(celEnabled: celEnabled)
        let (schemaErrors, celErrors) = walker.walk(schema, path: path, context: .init(isRoot: true))
        rules = walker.rules
        errors += schemaErrors + celErrors
        return (schema, rules, errors)
    }

    /// Keywords whose JSON type is not the one Kubernetes decodes.
    private static func keywordTypeErrors(_ json: JSONValue, path: FieldPath) -> [FieldError] {
        guard case .object(let o) = json else { return [] }
        var errors = [FieldError]()
        for key in o.keys.sorted() {
            guard let value = o[key] else { continue }
            if let expected = keywordTypes[key] {
                let actual = OpenAPIValidator.jsonType(value)
                let ok =
                    actual == expected || (expected == "number" && actual == "integer") || actual == "null"
                    || (expected == "integer" && value.intValue != nil)
                if !ok {
                    errors.append(.invalid(path.child(key), value, "must be of type \(expected)"))
                    continue
                }
            }
            switch key {
            case "properties":
                for name in (value.objectValue ?? [:]).keys.sorted() {
                    if let p = value[name] {
                        if p.objectValue == nil {
                            errors.append(.invalid(path.child(key).key(name), p, "must be an object"))
                        } else {
                            errors += keywordTypeErrors(p, path: path.child(key).key(name))
                        }
                    }
                }
            case "items", "additionalProperties", "not":
                if value.objectValue != nil { errors += keywordTypeErrors(value, path: path.child(key)) }
            case "allOf", "anyOf", "oneOf":
                for (i, s) in (value.arrayValue ?? []).enumerated() {
                    errors += keywordTypeErrors(s, path: path.child(key).index(i))
                }
            case "x-kubernetes-validations":
                for (i, r) in (value.arrayValue ?? []).enumerated() where r["rule"]?.stringValue == nil {
                    errors.append(.required(path.child(key).index(i).child("rule"), "rule is not specified"))
                }
            default:
                break
            }
        }
        return errors
    }

    /// With a status subresource, the root may only have the keywords that survive taking
    /// `properties.status` out.
    private static func statusRootErrors(_ schema: StructuralSchema, path: FieldPath) -> [FieldError] {
        let allowed: Set<String> = [
            "description", "type", "format", "title", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
            "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "multipleOf", "required",
            "items",
            "properties", "externalDocs", "example", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-validations",
        ]
        var errors = [FieldError]()
        if !schema.type.isEmpty && schema.type != "object" {
            errors.append(
                .invalid(
                    path.child("type"), .string(schema.type),
                    "only \"object\" is allowed as the type at the root of the schema if the status subresource is enabled"
                ))
        }
        let keys = schema.raw.objectValue?.keys.sorted() ?? []
        if keys.contains(where: { !allowed.contains($0) }) {
            let names =
                "[Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength "
                + "Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties ExternalDocs Example "
                + "XPreserveUnknownFields XValidations]"
            errors.append(
                .invalid(
                    path, schema.raw,
                    "only \(names) fields are allowed at the root of the schema if the status subresource is enabled"))
        }
        return errors
    }
}
