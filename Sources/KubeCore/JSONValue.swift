import Foundation

/// A JSON document held in memory: the representation of objects whose schema
/// the program does not know (custom resources, dynamic clients, patches).
///
/// Integers and floating-point numbers are kept apart so that 64-bit integers
/// (generations, sizes) survive a round trip without loss.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue {
    /// The dictionary of an object value, or `nil` for any other value.
    public var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }
    /// The elements of an array value, or `nil`.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
    /// The string of a string value, or `nil`.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
    /// The boolean of a bool value, or `nil`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
    /// The integer of an integer value (or of a double with no fractional part), or `nil`.
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: return Int64(d)
        default: return nil
        }
    }
    /// The number as a double, or `nil`.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Member access on objects; `nil` when this is not an object or the key is absent.
    public subscript(key: String) -> JSONValue? {
        get { objectValue?[key] }
        set {
            guard case .object(var o) = self else { return }
            o[key] = newValue
            self = .object(o)
        }
    }

    /// Element access on arrays; `nil` when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }

    /// The value at a path of object keys, e.g. `["metadata", "name"]`.
    public subscript(path path: [String]) -> JSONValue? {
        get {
            var current: JSONValue? = self
            for key in path { current = current?[key] }
            return current
        }
        set {
            guard let first = path.first else {
                if let newValue { self = newValue }
                return
            }
            // Removing something that is not there changes nothing: in particular it must
            // not create empty parent objects (clearing labels on an object without
            // metadata used to add `"metadata": {}`).
            if case .none = newValue, case .none = self[first] { return }
            var members = objectValue ?? [:]
            if path.count == 1 {
                members[first] = newValue
            } else {
                var child = members[first] ?? .object([:])
                child[path: Array(path.dropFirst())] = newValue
                members[first] = child
            }
            // Setting below a non-object replaces it with an object, at every depth alike.
            self = .object(members)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral,
    ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        // FastJSONDecoder builds the tree directly (same result, no try? cascade per node).
        if let fast = decoder as? _FJDecoder, let value = fast.jsonValue(fast.current) {
            self = value
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

extension JSONValue {
    /// Parses JSON bytes.
    public static func parse(_ data: Data) throws -> JSONValue {
        try JSONParser.parse(data)
    }

    /// Serializes to compact JSON with keys sorted, so equal values give equal bytes.
    public func serialized() -> Data {
        Data(serializedBytes())
    }

    /// The compact JSON, keys sorted, as bytes.
    public func serializedBytes() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(256)
        JSONWriter.write(self, into: &out)
        return out
    }

    /// The compact JSON text.
    public var jsonString: String {
        String(decoding: serialized(), as: UTF8.self)
    }

    /// Converts any `Encodable` value to a `JSONValue`: the value that parsing
    /// `KubeJSON.encode(value)` gives, built directly by ``FastJSONEncoder``.
    public init<T: Encodable>(encoding value: T) throws {
        self = try FastJSONEncoder().encodeToJSONValue(value)
    }

    /// Decodes this value as `T`.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try KubeJSON.decode(T.self, from: serialized())
    }
}
