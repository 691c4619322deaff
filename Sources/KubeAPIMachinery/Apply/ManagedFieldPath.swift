import KubeCore

/// One step of a field path, as server-side apply records ownership.
///
/// The four cases are the four prefixes of the `FieldsV1` format: `f:` a member of an
/// object, `k:` the item of an associative list with these key fields, `v:` the item of a
/// set with this value, `i:` an item of a list by position.
public enum ManagedPathElement: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A member of an object (`f:name`).
    case field(String)
    /// The item of an associative list whose key fields have these values (`k:{"name":"web"}`),
    /// sorted by field name.
    case key([KeyField])
    /// The item of a set-type list equal to this scalar (`v:"example.com/finalizer"`).
    case value(JSONValue)
    /// An item by position (`i:0`).
    case index(Int)

    /// One key field of a `.key` element.
    public struct KeyField: Sendable, Hashable {
        /// The key field's name, e.g. `containerPort`.
        public var name: String
        /// Its value in the item, e.g. `80`.
        public var value: JSONValue

        /// A key field; whole doubles become integers.
        public init(name: String, value: JSONValue) {
            self.name = name
            self.value = ManagedPathElement.canonical(value)
        }
    }

    /// A key element from unsorted fields; the fields are sorted by name, as the format requires.
    public static func keyed(_ fields: [(String, JSONValue)]) -> ManagedPathElement {
        .key(fields.map { KeyField(name: $0.0, value: $0.1) }.sorted { byteLess($0.name, $1.name) })
    }

    /// Numbers are held as integers when they are whole, so that `80` and `80.0` (which JSON
    /// and Kubernetes treat as the same key) are one element.
    static func canonical(_ value: JSONValue) -> JSONValue {
        if case .double(let d) = value, d.rounded() == d, abs(d) < 9.2e18 { return .int(Int64(d)) }
        return value
    }

    /// The order structured-merge-diff gives path elements: fields, then keys, then values, then
    /// indexes; `FieldsV1` lists members in this order.
    public static func < (a: ManagedPathElement, b: ManagedPathElement) -> Bool { compare(a, b) < 0 }

    /// Three-way comparison in the `FieldsV1` order.
    public static func compare(_ a: ManagedPathElement, _ b: ManagedPathElement) -> Int {
        switch (a, b) {
        case (.field(let x), .field(let y)): return byteCompare(x, y)
        case (.field, _): return -1
        case (_, .field): return 1
        case (.key(let x), .key(let y)): return compareKeys(x, y)
        case (.key, _): return -1
        case (_, .key): return 1
        case (.value(let x), .value(let y)): return FieldValueOrder.compare(x, y)
        case (.value, _): return -1
        case (_, .value): return 1
        case (.index(let x), .index(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        }
    }

    private static func compareKeys(_ x: [KeyField], _ y: [KeyField]) -> Int {
        for (l, r) in zip(x, y) {
            let c = byteCompare(l.name, r.name)
            if c != 0 { return c }
            let v = FieldValueOrder.compare(l.value, r.value)
            if v != 0 { return v }
        }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    }

    /// The element as conflict messages print it: `.image`, `[name="web"]`, `[="a"]`, `[0]`.
    public var description: String {
        switch self {
        case .field(let name): return "." + name
        case .key(let fields):
            return "[" + fields.map { "\($0.name)=\(FieldValueOrder.goString($0.value))" }.joined(separator: ",") + "]"
        case .value(let v): return "[=\(FieldValueOrder.goString(v))]"
        case .index(let i): return "[\(i)]"
        }
    }

    /// Compares strings by their UTF-8 bytes, as Go's `strings.Compare` does (Swift's `<`
    /// compares canonically equivalent forms, which may order differently).
    static func byteCompare(_ a: String, _ b: String) -> Int {
        var i = a.utf8.makeIterator()
        var j = b.utf8.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    static func byteLess(_ a: String, _ b: String) -> Bool { byteCompare(a, b) < 0 }
}

/// A path from the root of an object to a field or list item.
public struct ManagedFieldPath: Sendable, Hashable, CustomStringConvertible {
    /// The steps from the root.
    public var elements: [ManagedPathElement]

    /// The path of these steps.
    public init(_ elements: [ManagedPathElement]) { self.elements = elements }

    /// A path of object members only, e.g. `ManagedFieldPath(fields: "spec", "replicas")`.
    public init(fields: String...) { self.elements = fields.map { .field($0) } }

    /// This path with one more element.
    public func appending(_ element: ManagedPathElement) -> ManagedFieldPath { ManagedFieldPath(elements + [element]) }

    /// The path as conflict messages print it, e.g. `.spec.template.spec.containers[name="web"].image`.
    public var description: String { elements.map(\.description).joined() }
}

/// The total order structured-merge-diff gives JSON values (used to sort `v:` and `k:`
/// elements): numbers (compared numerically), then strings, booleans, lists, objects, null.
enum FieldValueOrder {
    private static func rank(_ v: JSONValue) -> Int {
        switch v {
        case .int, .double: return 0
        case .string: return 1
        case .bool: return 2
        case .array: return 3
        case .object: return 4
        case .null: return 5
        }
    }

    static func compare(_ a: JSONValue, _ b: JSONValue) -> Int {
        let ra = rank(a)
        let rb = rank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return ManagedPathElement.byteCompare(x, y)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.array(let x), .array(let y)):
            for (l, r) in zip(x, y) {
                let c = compare(l, r)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        case (.object(let x), .object(let y)):
            let xk = x.keys.sorted(by: ManagedPathElement.byteLess)
            let yk = y.keys.sorted(by: ManagedPathElement.byteLess)
            for (l, r) in zip(xk, yk) {
                let c = ManagedPathElement.byteCompare(l, r)
                if c != 0 { return c }
                if let lv = x[l], let rv = y[r] {
                    let v = compare(lv, rv)
                    if v != 0 { return v }
                }
            }
            return xk.count < yk.count ? -1 : (xk.count == yk.count ? 0 : 1)
        case (.null, .null): return 0
        default:
            // Mixed int/double: compare numerically.
            let x = a.doubleValue ?? 0
            let y = b.doubleValue ?? 0
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }

    /// A value as Go's `%v`/`%q` print it in conflict messages: strings quoted, numbers and
    /// booleans bare.
    static func goString(_ v: JSONValue) -> String {
        switch v {
        case .string: return v.jsonString
        case .null: return "null"
        default: return v.jsonString
        }
    }
}
