import KubeCore

/// One node of an OpenAPI v3 schema, limited to what a structural
/// CustomResourceDefinition schema may hold.
///
/// Astrolift's types declare their schema next to their fields with the builder in
/// `SchemaBuilder.swift`; ``openAPI`` renders it for the CRD. Tests prove that every
/// declared property is a Codable property of the type and the other way round.
public struct Schema: Sendable, Hashable {
    /// The JSON type of a value.
    public enum DataType: String, Sendable, Hashable {
        case object, array, string, integer, number, boolean
    }

    /// How the API server merges a list on server-side apply (`x-kubernetes-list-type`).
    public enum ListType: String, Sendable, Hashable {
        /// Replaced as a whole.
        case atomic
        /// Scalar items, each at most once; merged by value.
        case set
        /// Objects identified by the ``Schema/listMapKeys``; merged by key.
        case map
    }

    /// How the API server merges a map on server-side apply (`x-kubernetes-map-type`).
    public enum MapType: String, Sendable, Hashable {
        /// Replaced as a whole.
        case atomic
        /// Merged field by field.
        case granular
    }

    /// The JSON type; absent only for int-or-string and preserve-unknown nodes.
    public var type: DataType?
    /// A format refining `type`: `int32`, `int64`, `date-time`, …
    public var format: String?
    /// What `kubectl explain` prints for the field.
    public var description: String?
    /// The properties of an object, in declaration order.
    public var properties: [Property] = []
    /// The value the API server fills in when the field is absent.
    public var defaultValue: JSONValue?
    /// The only values allowed.
    public var enumValues: [JSONValue]?
    /// The smallest number allowed.
    public var minimum: Int64?
    /// The largest number allowed.
    public var maximum: Int64?
    /// The shortest string allowed, in characters.
    public var minLength: Int?
    /// The longest string allowed, in characters.
    public var maxLength: Int?
    /// The fewest list items allowed.
    public var minItems: Int?
    /// The most list items allowed.
    public var maxItems: Int?
    /// The fewest map entries allowed.
    public var minProperties: Int?
    /// The most map entries allowed.
    public var maxProperties: Int?
    /// A regular expression strings must match (RE2 and ECMAScript compatible).
    public var pattern: String?
    /// Whether `null` is accepted and kept.
    public var nullable = false
    /// Whether the value may be an integer or a string (`x-kubernetes-int-or-string`).
    public var intOrString = false
    /// Whether fields the schema does not declare are kept (`x-kubernetes-preserve-unknown-fields`).
    public var preservesUnknownFields = false
    /// The merge strategy of a list.
    public var listType: ListType?
    /// The key fields of a `map` list.
    public var listMapKeys: [String] = []
    /// The merge strategy of a map or object.
    public var mapType: MapType?
    /// CEL rules the API server checks (`x-kubernetes-validations`).
    public var rules: [ValidationRule] = []
    /// A valid value used by tests that build a fully populated object from the schema;
    /// never rendered into the CRD.
    public var example: JSONValue?

    // Recursive members are kept in arrays of at most one element, which gives the
    // struct the indirection it needs without a class.
    private var itemsStorage: [Schema] = []
    private var additionalPropertiesStorage: [Schema] = []
    private var anyOfStorage: [[Schema]] = []

    /// Creates a node of `type`.
    public init(type: DataType?, description: String? = nil) {
        self.type = type
        self.description = description
    }

    /// The schema of list items.
    public var items: Schema? {
        get { itemsStorage.first }
        set { itemsStorage = newValue.map { [$0] } ?? [] }
    }

    /// The schema of map values (`additionalProperties`).
    public var additionalProperties: Schema? {
        get { additionalPropertiesStorage.first }
        set { additionalPropertiesStorage = newValue.map { [$0] } ?? [] }
    }

    /// Alternatives; only used for int-or-string values, as structural schemas require.
    public var anyOf: [Schema] {
        get { anyOfStorage.first ?? [] }
        set { anyOfStorage = newValue.isEmpty ? [] : [newValue] }
    }

    /// The names of the required properties, in declaration order.
    public var required: [String] { properties.filter(\.isRequired).map(\.name) }

    /// The property named `name`.
    public subscript(property name: String) -> Property? {
        properties.first { $0.name == name }
    }
}

/// A named property of an object schema.
public struct Property: Sendable, Hashable {
    /// The JSON name.
    public var name: String
    /// The schema of the value, including its description.
    public var schema: Schema
    /// Whether the property must be present.
    public var isRequired: Bool

    public init(name: String, schema: Schema, isRequired: Bool = false) {
        self.name = name
        self.schema = schema
        self.isRequired = isRequired
    }
}

/// A CEL rule the API server checks on writes (`x-kubernetes-validations`).
public struct ValidationRule: Sendable, Hashable, Codable {
    /// The CEL expression; `self` is the value, `oldSelf` the previous one on updates.
    public var rule: String
    /// What the error says when the rule fails.
    public var message: String?
    /// The field the error is reported on, relative to the node (e.g. `.defaultProfile`).
    public var fieldPath: String?
    /// The error reason: `FieldValueInvalid` (default), `FieldValueForbidden`,
    /// `FieldValueRequired` or `FieldValueDuplicate`.
    public var reason: String?
    /// Whether a transition rule also runs on creates, with `oldSelf` an optional.
    public var optionalOldSelf: Bool?

    public init(
        _ rule: String, message: String? = nil, fieldPath: String? = nil, reason: String? = nil,
        optionalOldSelf: Bool? = nil
    ) {
        self.rule = rule
        self.message = message
        self.fieldPath = fieldPath
        self.reason = reason
        self.optionalOldSelf = optionalOldSelf
    }

    /// Whether the rule compares with the previous value (a transition rule).
    public var isTransitionRule: Bool { rule.contains("oldSelf") }
}

/// A type whose JSON shape is described by a schema declared next to its fields.
public protocol SchemaDescribed {
    /// The schema of the type's JSON encoding.
    static var schema: Schema { get }
}

// MARK: - Rendering

extension Schema {
    /// The node as OpenAPI v3 JSON, as it goes into a CRD's `openAPIV3Schema`.
    public var openAPI: JSONValue {
        var o: [String: JSONValue] = [:]
        if let type { o["type"] = .string(type.rawValue) }
        if let format { o["format"] = .string(format) }
        if let description { o["description"] = .string(description) }
        if !properties.isEmpty {
            var props: [String: JSONValue] = [:]
            for p in properties { props[p.name] = p.schema.openAPI }
            o["properties"] = .object(props)
            if !required.isEmpty { o["required"] = .array(required.map { .string($0) }) }
        }
        if let items { o["items"] = items.openAPI }
        if let additionalProperties { o["additionalProperties"] = additionalProperties.openAPI }
        if !anyOf.isEmpty { o["anyOf"] = .array(anyOf.map(\.openAPI)) }
        if let defaultValue { o["default"] = defaultValue }
        if let enumValues { o["enum"] = .array(enumValues) }
        if let minimum { o["minimum"] = .int(minimum) }
        if let maximum { o["maximum"] = .int(maximum) }
        if let minLength { o["minLength"] = .int(Int64(minLength)) }
        if let maxLength { o["maxLength"] = .int(Int64(maxLength)) }
        if let minItems { o["minItems"] = .int(Int64(minItems)) }
        if let maxItems { o["maxItems"] = .int(Int64(maxItems)) }
        if let minProperties { o["minProperties"] = .int(Int64(minProperties)) }
        if let maxProperties { o["maxProperties"] = .int(Int64(maxProperties)) }
        if let pattern { o["pattern"] = .string(pattern) }
        if nullable { o["nullable"] = true }
        if intOrString { o["x-kubernetes-int-or-string"] = true }
        if preservesUnknownFields { o["x-kubernetes-preserve-unknown-fields"] = true }
        if let listType { o["x-kubernetes-list-type"] = .string(listType.rawValue) }
        if !listMapKeys.isEmpty { o["x-kubernetes-list-map-keys"] = .array(listMapKeys.map { .string($0) }) }
        if let mapType { o["x-kubernetes-map-type"] = .string(mapType.rawValue) }
        if !rules.isEmpty {
            o["x-kubernetes-validations"] = .array(
                rules.map { r in
                    var v: [String: JSONValue] = ["rule": .string(r.rule)]
                    if let m = r.message { v["message"] = .string(m) }
                    if let f = r.fieldPath { v["fieldPath"] = .string(f) }
                    if let reason = r.reason { v["reason"] = .string(reason) }
                    if let o = r.optionalOldSelf { v["optionalOldSelf"] = .bool(o) }
                    return .object(v)
                })
        }
        return .object(o)
    }

    /// Every node of the tree with its path (`.spec.profiles[*].name`), depth first.
    public func walk(path: String = "", _ visit: (String, Schema) -> Void) {
        visit(path.isEmpty ? "." : path, self)
        for p in properties { p.schema.walk(path: path + "." + p.name, visit) }
        items?.walk(path: path + "[*]", visit)
        additionalProperties?.walk(path: path + "[*]", visit)
        for (i, alternative) in anyOf.enumerated() { alternative.walk(path: path + "<anyOf \(i)>", visit) }
    }
}
