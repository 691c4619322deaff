import Foundation
import KubeCore

/// An error raised while evaluating a CEL expression (`no such key: foo`,
/// `division by zero`, …).
struct CELRuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The key of a CEL map: CEL allows `int`, `uint`, `bool` and `string` keys; `uint` keys
/// that fit are stored as `int` so that `1 == 1u` finds the same entry.
enum CELMapKey: Hashable, Sendable {
    case int(Int64)
    case uint(UInt64)
    case bool(Bool)
    case string(String)

    init?(_ v: CELValue) {
        switch v {
        case .int(let i): self = .int(i)
        case .uint(let u): self = u <= UInt64(Int64.max) ? .int(Int64(u)) : .uint(u)
        case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: self = .int(Int64(d))
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    var value: CELValue {
        switch self {
        case .int(let i): return .int(i)
        case .uint(let u): return .uint(u)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        }
    }
}

/// A CEL map, keeping the insertion order for iteration.
struct CELMap: Sendable {
    private(set) var keys: [CELMapKey] = []
    private(set) var storage: [CELMapKey: CELValue] = [:]

    init() {}

    subscript(key: CELMapKey) -> CELValue? { storage[key] }

    mutating func set(_ key: CELMapKey, _ value: CELValue) {
        if storage.updateValue(value, forKey: key) == nil { keys.append(key) }
    }

    var count: Int { keys.count }
}

/// A runtime CEL value.
///
/// Objects and maps are both `map` values: CEL distinguishes them in its type checker
/// (which ``CELChecker`` does), not at run time.
indirect enum CELValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    /// A list; `unordered` for `x-kubernetes-list-type` `set` and `map` lists, whose equality
    /// ignores order in Kubernetes CEL.
    case list([CELValue], unordered: Bool)
    case map(CELMap)
    /// A type value, from `type(x)`.
    case type(String)

    /// The CEL type name, as used in error messages.
    var typeName: String {
        switch self {
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        case .list: return "list"
        case .map: return "map"
        case .type: return "type"
        }
    }

    /// Converts a JSON value to CEL, using the schema to type numbers (a `number` field holding
    /// `3` is the double `3.0`) and to mark set and map lists.
    init(json: JSONValue, schema: StructuralSchema?) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i):
            self = schema?.type == "number" ? .double(Double(i)) : .int(i)
        case .double(let d):
            if schema?.type == "integer" || schema?.intOrString == true, d.rounded() == d, abs(d) < 9.2e18 {
                self = .int(Int64(d))
            } else {
                self = .double(d)
            }
        case .string(let s): self = .string(s)
        case .array(let items):
            let itemSchema = schema?.items
            let unordered = schema?.listType == "set" || schema?.listType == "map"
            self = .list(items.map { CELValue(json: $0, schema: itemSchema) }, unordered: unordered)
        case .object(let members):
            var m = CELMap()
            for key in members.keys.sorted() {
                guard let v = members[key] else { continue }
                m.set(.string(key), CELValue(json: v, schema: schema?.schema(forField: key)))
            }
            self = .map(m)
        }
    }

    /// Whether the value is true; `nil` when it is not a bool.
    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The value as a double, for the numeric types.
    var numericValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .uint(let u): return Double(u)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The text `string(x)` gives.
    func stringConversion() throws(CELRuntimeError) -> String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return GoFormat.float(d)
        case .bool(let b): return b ? "true" : "false"
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else {
                throw CELRuntimeError(message: "invalid UTF-8 in bytes, cannot convert to string")
            }
            return s
        case .null, .list, .map, .type:
            throw CELRuntimeError(message: "type conversion error from '\(typeName)' to 'string'")
        }
    }
}

// MARK: Equality and ordering

extension CELValue {
    /// CEL's heterogeneous equality: numbers compare by value across `int`, `uint` and
    /// `double`; values of other different types are unequal; lists compare element by
    /// element (as multisets when either is a set or map list); maps by keys and values.
    static func equal(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.type(let x), .type(let y)): return x == y
        case (.list(let x, let ux), .list(let y, let uy)):
            guard x.count == y.count else { return false }
            if ux || uy {
                var remaining = y
                for item in x {
                    guard let i = remaining.firstIndex(where: { equal(item, $0) }) else { return false }
                    remaining.remove(at: i)
                }
                return true
            }
            return zip(x, y).allSatisfy { equal($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for key in x.keys {
                guard let xv = x[key], let yv = y[key], equal(xv, yv) else { return false }
            }
            return true
        default:
            if let c = compareNumbers(a, b) { return c == .orderedSame }
            return false
        }
    }

    /// Compares two numbers of any numeric types exactly (no rounding of large integers).
    static func compareNumbers(_ a: CELValue, _ b: CELValue) -> ComparisonResult? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult {
            x < y ? .orderedAscending : (x > y ? .orderedDescending : .orderedSame)
        }
        switch (a, b) {
        case (.int(let x), .int(let y)): return cmp(x, y)
        case (.uint(let x), .uint(let y)): return cmp(x, y)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return nil }
            return cmp(x, y)
        case (.int(let x), .uint(let y)): return x < 0 ? .orderedAscending : cmp(UInt64(x), y)
        case (.uint, .int): return compareNumbers(b, a).map(\.reversed)
        case (.int(let x), .double(let y)): return compareIntDouble(x, y)
        case (.double, .int(let y)):
            guard case .double(let x) = a else { return nil }
            return compareIntDouble(y, x).map(\.reversed)
        case (.uint(let x), .double(let y)):
            if y.isNaN { return nil }
            if y < 0 { return .orderedDescending }
            if y >= 18446744073709551616.0 { return .orderedAscending }
            let t = y.rounded(.towardZero)
            let c = cmp(x, UInt64(t))
            return c != .orderedSame ? c : (y > t ? .orderedAscending : .orderedSame)
        case (.double, .uint):
            return compareNumbers(b, a).map(\.reversed)
        default: return nil
        }
    }

    private static func compareIntDouble(_ x: Int64, _ y: Double) -> ComparisonResult? {
        if y.isNaN { return nil }
        if y >= 9223372036854775808.0 { return .orderedAscending }
        if y < -9223372036854775808.0 { return .orderedDescending }
        let t = y.rounded(.towardZero)
        let ti = Int64(t)
        if x != ti { return x < ti ? .orderedAscending : .orderedDescending }
        if y > t { return .orderedAscending }
        if y < t { return .orderedDescending }
        return .orderedSame
    }

    /// The ordering of `<`, `<=`, `>`, `>=`: numbers across types, strings by code point,
    /// bools (`false < true`) and bytes; `nil` for values CEL cannot order.
    static func compare(_ a: CELValue, _ b: CELValue) -> ComparisonResult? {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
                ? .orderedAscending : (x == y ? .orderedSame : .orderedDescending)
        case (.bool(let x), .bool(let y)):
            return x == y ? .orderedSame : (!x ? .orderedAscending : .orderedDescending)
        case (.bytes(let x), .bytes(let y)):
            return x.lexicographicallyPrecedes(y) ? .orderedAscending : (x == y ? .orderedSame : .orderedDescending)
        default:
            return compareNumbers(a, b)
        }
    }
}

extension ComparisonResult {
    fileprivate var reversed: ComparisonResult {
        switch self {
        case .orderedAscending: return .orderedDescending
        case .orderedDescending: return .orderedAscending
        case .orderedSame: return .orderedSame
        }
    }
}
