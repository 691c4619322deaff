import Foundation
import KubeCore

/// A CustomResourceDefinition version's `openAPIV3Schema`, read into a tree the server can
/// validate, default and prune objects with.
///
/// A *structural* schema (the only kind `apiextensions.k8s.io/v1` accepts) gives a type to
/// every field, array and item, and keeps `allOf`/`anyOf`/`oneOf`/`not` to value checks
/// only. ``StructuralSchema/init(json:)`` reads any schema leniently;
/// ``SchemaCheck/check(_:at:)`` reports what makes one unacceptable, the way the API server
/// does when a CRD is created.
///
/// Nodes are immutable and shared freely between threads.
public final class StructuralSchema: Sendable {
    /// What a node says about fields not listed in `properties`.
    public enum AdditionalProperties: Sendable {
        /// `additionalProperties: true` or `false`.
        case allowed(Bool)
        /// `additionalProperties: {schema}`: the object is a map with values of this schema.
        case schema(StructuralSchema)
    }

    /// A rule of `x-kubernetes-validations`, as declared.
    public struct ValidationRule: Sendable, Hashable {
        /// The CEL expression, e.g. `self.minReplicas <= self.replicas`.
        public var rule: String
        /// The message shown when the rule fails.
        public var message: String?
        /// A CEL expression giving the message.
        public var messageExpression: String?
        /// The `StatusCause` reason for a failure: `FieldValueInvalid` (default),
        /// `FieldValueForbidden`, `FieldValueRequired` or `FieldValueDuplicate`.
        public var reason: String?
        /// Where the error points, relative to this node, e.g. `.spec.replicas`.
        public var fieldPath: String?
        /// `optionalOldSelf`, accepted and reported but not supported by the evaluator.
        public var optionalOldSelf: Bool?

        /// A rule with the given fields.
        public init(
            rule: String, message: String? = nil, messageExpression: String? = nil, reason: String? = nil,
            fieldPath: String? = nil, optionalOldSelf: Bool? = nil
        ) {
            self.rule = rule
            self.message = message
            self.messageExpression = messageExpression
            self.reason = reason
            self.fieldPath = fieldPath
            self.optionalOldSelf = optionalOldSelf
        }

        /// The rule as JSON, for messages.
        var json: JSONValue {
            var o: [String: JSONValue] = ["rule": .string(rule)]
            if let message { o["message"] = .string(message) }
            if let messageExpression { o["messageExpression"] = .string(messageExpression) }
            if let reason { o["reason"] = .string(reason) }
            if let fieldPath { o["fieldPath"] = .string(fieldPath) }
            if let optionalOldSelf { o["optionalOldSelf"] = .bool(optionalOldSelf) }
            return .object(o)
        }
    }

    // MARK: Generic

    /// The declared type (`object`, `array`, `string`, `integer`, `number`, `boolean`), or
    /// the empty string when none is given.
    public let type: String
    /// The `format`, e.g. `date-time`, `int32`.
    public let format: String?
    /// The `title`.
    public let title: String?
    /// The `description`, shown by `kubectl explain`.
    public let description: String?
    /// Whether `null` is an accepted value.
    public let nullable: Bool
    /// The `default` value, if any.
    public let defaultValue: JSONValue?

    // MARK: Structure

    /// The declared fields of an object.
    public let properties: [String: StructuralSchema]
    /// The `additionalProperties` keyword, if present.
    public let additionalProperties: AdditionalProperties?
    /// The schema of an array's items.
    public let items: StructuralSchema?

    // MARK: Kubernetes extensions

    /// `x-kubernetes-preserve-unknown-fields: true`: unknown fields are kept, not pruned.
    public let preserveUnknownFields: Bool
    /// `x-kubernetes-embedded-resource: true`: the value is a Kubernetes object with its own
    /// `apiVersion`, `kind` and `metadata`.
    public let embeddedResource: Bool
    /// `x-kubernetes-int-or-string: true`: an integer or a string.
    public let intOrString: Bool
    /// `x-kubernetes-list-type`: `atomic`, `set` or `map`.
    public let listType: String?
    /// `x-kubernetes-list-map-keys`: the fields that identify an item of a `map` list.
    public let listMapKeys: [String]
    /// `x-kubernetes-map-type`: `atomic` or `granular`.
    public let mapType: String?
    /// `x-kubernetes-validations`.
    public let validationRules: [ValidationRule]

    // MARK: Value validation

    /// `enum`: the accepted values.
    public let enumValues: [JSONValue]?
    /// `maximum`.
    public let maximum: Double?
    /// `exclusiveMaximum` (OpenAPI 3.0 boolean form).
    public let exclusiveMaximum: Bool
    /// `minimum`.
    public let minimum: Double?
    /// `exclusiveMinimum`.
    public let exclusiveMinimum: Bool
    /// `multipleOf`.
    public let multipleOf: Double?
    /// `maxLength`, in characters.
    public let maxLength: Int?
    /// `minLength`, in characters.
    public let minLength: Int?
    /// `pattern`, an ECMA-262 regular expression.
    public let pattern: String?
    /// `maxItems`.
    public let maxItems: Int?
    /// `minItems`.
    public let minItems: Int?
    /// `uniqueItems`.
    public let uniqueItems: Bool
    /// `maxProperties`.
    public let maxProperties: Int?
    /// `minProperties`.
    public let minProperties: Int?
    /// `required`: fields that must be present.
    public let required: [String]
    /// `allOf`: schemas the value must all match (value validation only).
    public let allOf: [StructuralSchema]
    /// `anyOf`: schemas of which the value must match at least one.
    public let anyOf: [StructuralSchema]
    /// `oneOf`: schemas of which the value must match exactly one.
    public let oneOf: [StructuralSchema]
    /// `not`: a schema the value must not match.
    public let not: StructuralSchema?

    /// The JSON the node was read from.
    public let raw: JSONValue
    /// The compiled `pattern`, or `nil` when absent or not a valid expression.
    let patternRegex: ECMARegex?

    /// Reads a schema. Never fails: keywords of the wrong JSON type are ignored here and
    /// reported by ``SchemaCheck``.
    public init(json: JSONValue) {
        let o = json.objectValue ?? [:]
        raw = json
        type = o["type"]?.stringValue ?? ""
        format = o["format"]?.stringValue
        title = o["title"]?.stringValue
        description = o["description"]?.stringValue
        nullable = o["nullable"]?.boolValue ?? false
        // `default: null` sets no default, as in the API server.
        defaultValue = o["default"].flatMap { $0.isNull ? nil : $0 }

        var props = [String: StructuralSchema]()
        for (name, value) in o["properties"]?.objectValue ?? [:] {
            props[name] = StructuralSchema(json: value)
        }
        properties = props
        switch o["additionalProperties"] {
        case .bool(let b)?: additionalProperties = .allowed(b)
        case .object(let s)?: additionalProperties = .schema(StructuralSchema(json: .object(s)))
        default: additionalProperties = nil
        }
        if let itemsJSON = o["items"], case .object = itemsJSON {
            items = StructuralSchema(json: itemsJSON)
        } else {
            items = nil
        }

        preserveUnknownFields = o["x-kubernetes-preserve-unknown-fields"]?.boolValue ?? false
        embeddedResource = o["x-kubernetes-embedded-resource"]?.boolValue ?? false
        intOrString = o["x-kubernetes-int-or-string"]?.boolValue ?? false
        listType = o["x-kubernetes-list-type"]?.stringValue
        listMapKeys = o["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
        mapType = o["x-kubernetes-map-type"]?.stringValue
        validationRules = (o["x-kubernetes-validations"]?.arrayValue ?? []).map { r in
            ValidationRule(
                rule: r["rule"]?.stringValue ?? "", message: r["message"]?.stringValue,
                messageExpression: r["messageExpression"]?.stringValue, reason: r["reason"]?.stringValue,
                fieldPath: r["fieldPath"]?.stringValue, optionalOldSelf: r["optionalOldSelf"]?.boolValue)
        }

        enumValues = o["enum"]?.arrayValue
        maximum = o["maximum"]?.doubleValue
        exclusiveMaximum = o["exclusiveMaximum"]?.boolValue ?? false
        minimum = o["minimum"]?.doubleValue
        exclusiveMinimum = o["exclusiveMinimum"]?.boolValue ?? false
        multipleOf = o["multipleOf"]?.doubleValue
        maxLength = o["maxLength"]?.intValue.map { Int(clamping: $0) }
        minLength = o["minLength"]?.intValue.map { Int(clamping: $0) }
        pattern = o["pattern"]?.stringValue
        maxItems = o["maxItems"]?.intValue.map { Int(clamping: $0) }
        minItems = o["minItems"]?.intValue.map { Int(clamping: $0) }
        uniqueItems = o["uniqueItems"]?.boolValue ?? false
        maxProperties = o["maxProperties"]?.intValue.map { Int(clamping: $0) }
        minProperties = o["minProperties"]?.intValue.map { Int(clamping: $0) }
        required = o["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        allOf = (o["allOf"]?.arrayValue ?? []).map(StructuralSchema.init(json:))
        anyOf = (o["anyOf"]?.arrayValue ?? []).map(StructuralSchema.init(json:))
        oneOf = (o["oneOf"]?.arrayValue ?? []).map(StructuralSchema.init(json:))
        not = o["not"].flatMap { $0.objectValue == nil ? nil : StructuralSchema(json: $0) }
        patternRegex = pattern.flatMap { try? ECMARegex($0) }
    }

    /// The schema of a field of an object: its declared property, else the
    /// `additionalProperties` schema, else `nil`.
    public func schema(forField name: String) -> StructuralSchema? {
        if let p = properties[name] { return p }
        if case .schema(let s)? = additionalProperties { return s }
        return nil
    }

    /// The `additionalProperties` schema, when the node is a map.
    public var additionalPropertiesSchema: StructuralSchema? {
        if case .schema(let s)? = additionalProperties { return s }
        return nil
    }
}
