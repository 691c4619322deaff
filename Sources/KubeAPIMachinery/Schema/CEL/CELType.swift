import Foundation

/// The static type of a CEL expression, derived from the schema the rule is attached to.
indirect enum CELType: Sendable, CustomStringConvertible {
    case int, uint, double, string, bool, bytes, null, dyn, type
    case list(CELType)
    case map(CELType, CELType)
    case object(CELObjectType)

    var description: String {
        switch self {
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bool: return "bool"
        case .bytes: return "bytes"
        case .null: return "null_type"
        case .dyn: return "dyn"
        case .type: return "type"
        case .list(let e): return "list(\(e))"
        case .map(let k, let v): return "map(\(k), \(v))"
        case .object: return "object"
        }
    }

    var isDyn: Bool {
        if case .dyn = self { return true }
        return false
    }

    /// Whether a value of type `self` can be used where `other` is expected: `dyn` fits
    /// anything, lists and maps fit by element type, objects fit objects, and `null` fits
    /// objects, lists and maps (absent optional fields).
    func isAssignable(to other: CELType) -> Bool {
        switch (self, other) {
        case (.dyn, _), (_, .dyn): return true
        case (.int, .int), (.uint, .uint), (.double, .double), (.string, .string), (.bool, .bool),
            (.bytes, .bytes), (.null, .null), (.type, .type):
            return true
        case (.list(let a), .list(let b)): return a.isAssignable(to: b)
        case (.map(let ak, let av), .map(let bk, let bv)): return ak.isAssignable(to: bk) && av.isAssignable(to: bv)
        case (.object, .object): return true
        case (.null, .object), (.object, .null), (.null, .list), (.null, .map): return true
        default: return false
        }
    }

    var isNumeric: Bool {
        switch self {
        case .int, .uint, .double: return true
        default: return false
        }
    }

    /// The CEL type of values validated by `schema` (Kubernetes' mapping: `integer` is `int`,
    /// `number` is `double`, objects with properties are objects, objects with
    /// `additionalProperties` are maps, int-or-string and unknown fields are `dyn`).
    static func of(_ schema: StructuralSchema?, resourceRoot: Bool = false) -> CELType {
        guard let s = schema else { return .dyn }
        if s.intOrString { return .dyn }
        switch s.type {
        case "string": return s.format == "byte" ? .bytes : .string
        case "integer": return .int
        case "number": return .double
        case "boolean": return .bool
        case "array": return .list(of(s.items, resourceRoot: s.items?.embeddedResource ?? false))
        case "object":
            if let ap = s.additionalPropertiesSchema, s.properties.isEmpty {
                return .map(.string, of(ap, resourceRoot: ap.embeddedResource))
            }
            if s.preserveUnknownFields && s.properties.isEmpty && !resourceRoot && !s.embeddedResource {
                return .dyn
            }
            return .object(.schema(s, resourceRoot: resourceRoot || s.embeddedResource))
        default:
            return .dyn
        }
    }
}

/// The field table of a CEL object type.
enum CELObjectType: Sendable {
    /// An object described by a schema node; a resource root also has `apiVersion`, `kind`
    /// and `metadata` (with `name` and `generateName` only, as in Kubernetes).
    case schema(StructuralSchema, resourceRoot: Bool)
    /// The `metadata` of a resource root.
    case metadata

    /// The type of field `name` as written in an expression (escaped names such as
    /// `foo__dash__bar` are resolved), `nil` when the object has no such field.
    func field(_ name: String) -> CELType? {
        switch self {
        case .metadata:
            return name == "name" || name == "generateName" ? .string : nil
        case .schema(let s, let resourceRoot):
            if resourceRoot {
                switch name {
                case "apiVersion", "kind": return .string
                case "metadata": return .object(.metadata)
                default: break
                }
            }
            if let property = CELNames.property(named: name, in: s) {
                return CELType.of(property, resourceRoot: property.embeddedResource)
            }
            if s.preserveUnknownFields { return .dyn }
            return nil
        }
    }

    /// The property name in the object for an identifier of an expression.
    func propertyName(for identifier: String) -> String {
        if case .schema(let s, _) = self, let name = CELNames.propertyName(for: identifier, in: s) {
            return name
        }
        return identifier
    }
}
