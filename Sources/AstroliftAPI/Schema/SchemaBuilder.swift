import KubeCore

/// One property in a schema declaration: its JSON name, its schema and its
/// documentation, written next to each other.
///
/// ```swift
/// Field("owner", .string(maxLength: 253), "The user who owns the workbench.")
///     .required()
///     .immutable("owner cannot be changed")
/// ```
public struct Field: Sendable, Hashable, SchemaModifiable {
    /// The JSON name.
    public var name: String
    /// The schema of the value; its description is the field's documentation.
    public var schema: Schema
    /// Whether the property must be present.
    public var isRequired = false

    /// A property with the schema `schema` documented by `description`.
    public init(_ name: String, _ schema: Schema, _ description: String) {
        self.name = name
        self.schema = schema
        self.schema.description = description
    }

    /// A property whose value is a ``SchemaDescribed`` type; `description` replaces the
    /// type's own, since `kubectl explain` shows the field's.
    public init<T: SchemaDescribed>(_ name: String, _ type: T.Type, _ description: String) {
        self.init(name, T.schema, description)
    }

    /// The property must be present.
    public func required() -> Field {
        var copy = self
        copy.isRequired = true
        return copy
    }

    /// The property as it goes into an object schema.
    public var property: Property { Property(name: name, schema: schema, isRequired: isRequired) }
}

/// Collects the ``Field``s of an object schema; `if`, `if`/`else` and `for` work inside.
@resultBuilder
public enum FieldsBuilder {
    public static func buildExpression(_ field: Field) -> [Field] { [field] }
    public static func buildExpression(_ fields: [Field]) -> [Field] { fields }
    public static func buildBlock(_ parts: [Field]...) -> [Field] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Field]?) -> [Field] { part ?? [] }
    public static func buildEither(first: [Field]) -> [Field] { first }
    public static func buildEither(second: [Field]) -> [Field] { second }
    public static func buildArray(_ parts: [[Field]]) -> [Field] { parts.flatMap { $0 } }
}

/// Anything holding a schema node that the modifiers below refine: a ``Schema`` or a ``Field``.
public protocol SchemaModifiable {
    /// The node the modifiers change.
    var schema: Schema { get set }
}

extension Schema: SchemaModifiable {
    /// The node itself.
    public var schema: Schema {
        get { self }
        set { self = newValue }
    }
}

extension SchemaModifiable {
    private func with(_ change: (inout Schema) -> Void) -> Self {
        var copy = self
        change(&copy.schema)
        return copy
    }

    /// The value the API server fills in when the field is absent.
    public func defaultValue(_ value: JSONValue) -> Self { with { $0.defaultValue = value } }
    /// The smallest number allowed.
    public func minimum(_ value: Int64) -> Self { with { $0.minimum = value } }
    /// The largest number allowed.
    public func maximum(_ value: Int64) -> Self { with { $0.maximum = value } }
    /// The shortest string allowed.
    public func minLength(_ value: Int) -> Self { with { $0.minLength = value } }
    /// The longest string allowed.
    public func maxLength(_ value: Int) -> Self { with { $0.maxLength = value } }
    /// The fewest list items allowed.
    public func minItems(_ value: Int) -> Self { with { $0.minItems = value } }
    /// The most list items allowed.
    public func maxItems(_ value: Int) -> Self { with { $0.maxItems = value } }
    /// The fewest map entries allowed.
    public func minProperties(_ value: Int) -> Self { with { $0.minProperties = value } }
    /// The most map entries allowed.
    public func maxProperties(_ value: Int) -> Self { with { $0.maxProperties = value } }
    /// A regular expression strings must match.
    public func pattern(_ value: String) -> Self { with { $0.pattern = value } }
    /// A format refining the type.
    public func format(_ value: String) -> Self { with { $0.format = value } }
    /// A valid value for tests that populate every field; not rendered.
    public func example(_ value: JSONValue) -> Self { with { $0.example = value } }
    /// Items are scalars that may appear once each.
    public func listSet() -> Self { with { $0.listType = .set } }
    /// Items are objects identified by `keys`: at most one item per key, merged by key.
    public func listMap(keys: String...) -> Self {
        with {
            $0.listType = .map
            $0.listMapKeys = keys
        }
    }
    /// The list or map is replaced as a whole on server-side apply.
    public func atomic() -> Self {
        with {
            if $0.type == .array { $0.listType = .atomic } else { $0.mapType = .atomic }
        }
    }
    /// Adds a CEL rule; `message` is what the API server answers when it fails.
    public func rule(
        _ expression: String, message: String, fieldPath: String? = nil, reason: String? = nil
    ) -> Self {
        with { $0.rules.append(ValidationRule(expression, message: message, fieldPath: fieldPath, reason: reason)) }
    }
    /// The value cannot change once set (`self == oldSelf`).
    public func immutable(_ message: String) -> Self { rule("self == oldSelf", message: message) }
}

// MARK: - Constructors

extension Schema {
    /// An object with the given fields.
    public static func object(_ description: String? = nil, @FieldsBuilder _ fields: () -> [Field]) -> Schema {
        var s = Schema(type: .object, description: description)
        s.properties = fields().map(\.property)
        return s
    }

    /// A list of `items`, at most `maxItems` long.
    public static func array(of items: Schema, maxItems: Int) -> Schema {
        var s = Schema(type: .array)
        s.items = items
        s.maxItems = maxItems
        return s
    }

    /// A list of `T`, at most `maxItems` long.
    public static func array<T: SchemaDescribed>(of type: T.Type, maxItems: Int) -> Schema {
        array(of: T.schema, maxItems: maxItems)
    }

    /// A map from string keys to `values`, with at most `maxProperties` entries.
    public static func map(of values: Schema, maxProperties: Int) -> Schema {
        var s = Schema(type: .object)
        s.additionalProperties = values
        s.maxProperties = maxProperties
        return s
    }

    /// A map from string keys to strings (labels, annotations, node selectors).
    public static func stringMap(maxProperties: Int = 64, maxValueLength: Int = 4096) -> Schema {
        map(of: .string(maxLength: maxValueLength), maxProperties: maxProperties)
    }

    /// A string of at most `maxLength` characters.
    public static func string(maxLength: Int) -> Schema {
        var s = Schema(type: .string)
        s.maxLength = maxLength
        return s
    }

    /// One of the raw values of a string enum, in declaration order.
    public static func enumeration<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> Schema
    where E.RawValue == String {
        var s = Schema(type: .string)
        s.enumValues = E.allCases.map { .string($0.rawValue) }
        return s
    }

    /// One of `values`.
    public static func enumeration(_ values: [String]) -> Schema {
        var s = Schema(type: .string)
        s.enumValues = values.map { .string($0) }
        return s
    }

    /// `true` or `false`.
    public static var boolean: Schema { Schema(type: .boolean) }

    /// A 32-bit integer.
    public static var int32: Schema {
        var s = Schema(type: .integer)
        s.format = "int32"
        return s
    }

    /// A 64-bit integer.
    public static var int64: Schema {
        var s = Schema(type: .integer)
        s.format = "int64"
        return s
    }

    /// The schema of `T`.
    public static func of<T: SchemaDescribed>(_ type: T.Type) -> Schema { T.schema }
}
