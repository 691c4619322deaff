import Foundation
import KubeCore

/// A `fieldsV1` value that is not a valid field set.
public struct FieldsV1Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var reason: String
    public var description: String { "invalid FieldsV1: \(reason)" }
}

/// The `FieldsV1` encoding of field sets (`metadata.managedFields[].fieldsV1`).
///
/// Each path element is a key: `f:<field>`, `k:<JSON object of the key fields>`,
/// `v:<JSON value>` or `i:<index>`; a node that is owned and also has owned descendants
/// carries `".": {}`; an owned leaf is `{}`.
extension FieldSet {
    /// The set as `FieldsV1` JSON text, byte for byte as the Kubernetes API server writes it:
    /// `"."` first, then elements in structured-merge-diff's order (fields, keys, values,
    /// indexes; numbers numerically), strings escaped as Go's `encoding/json` escapes them.
    public var fieldsV1JSON: String {
        var out = "{"
        FieldsV1Writer.writeContents(self, includeSelf: false, into: &out)
        out += "}"
        return out
    }

    /// The set as a JSON value, for ``ManagedFieldsEntry/fieldsV1``. (A `JSONValue` object
    /// has no member order; ``fieldsV1JSON`` gives the server's exact bytes.)
    public var fieldsV1: JSONValue { FieldsV1Writer.value(self) }

    /// Reads a `fieldsV1` value. Keys with an unknown prefix are ignored, as Kubernetes
    /// ignores them.
    public init(fieldsV1: JSONValue) throws(FieldsV1Error) {
        guard case .object(let members) = fieldsV1 else {
            throw FieldsV1Error(reason: "expected a JSON object, got \(fieldsV1.jsonString)")
        }
        self = try FieldsV1Reader.read(members).children ?? FieldSet()
    }

    /// Reads `fieldsV1` JSON text.
    public init(fieldsV1JSON text: String) throws(FieldsV1Error) {
        let value: JSONValue
        do { value = try JSONValue.parse(Data(text.utf8)) } catch { throw FieldsV1Error(reason: "\(error)") }
        try self.init(fieldsV1: value)
    }
}

enum FieldsV1Writer {
    static func writeContents(_ set: FieldSet, includeSelf: Bool, into out: inout String) {
        var first = true
        func separate() {
            if !first { out += "," }
            first = false
        }
        if includeSelf && !set.isEmpty {
            separate()
            out += "\".\":{}"
        }
        for element in set.members.union(set.children.keys).sorted() {
            separate()
            writeString(serialize(element), into: &out)
            out += ":{"
            if let child = set.children[element] {
                writeContents(child, includeSelf: set.members.contains(element), into: &out)
            }
            out += "}"
        }
    }

    static func value(_ set: FieldSet) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for element in set.members.union(set.children.keys) {
            var child: [String: JSONValue] = [:]
            if let below = set.children[element] {
                if case .object(let nested) = value(below) { child = nested }
                if set.members.contains(element) { child["."] = .object([:]) }
            }
            members[serialize(element)] = .object(child)
        }
        return .object(members)
    }

    /// A path element as a `FieldsV1` key (before JSON string escaping).
    static func serialize(_ element: ManagedPathElement) -> String {
        switch element {
        case .field(let name): return "f:" + name
        case .key(let fields):
            var out = "k:{"
            for (i, field) in fields.enumerated() {
                if i > 0 { out += "," }
                writeString(field.name, into: &out)
                out += ":"
                writeValue(field.value, into: &out)
            }
            return out + "}"
        case .value(let value):
            var out = "v:"
            writeValue(value, into: &out)
            return out
        case .index(let i): return "i:\(i)"
        }
    }

    /// JSON as Go's `encoding/json` writes it (HTML-escaping included).
    static func writeValue(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.rounded() == d, abs(d) < 1e21 { out += String(format: "%.0f", d) } else { out += "\(d)" }
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                writeValue(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted(by: ManagedPathElement.byteLess).enumerated() {
                if i > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                writeValue(members[key] ?? .null, into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

enum FieldsV1Reader {
    /// The set below a node, and whether the node itself is a member.
    static func read(_ members: [String: JSONValue]) throws(FieldsV1Error) -> (children: FieldSet?, isMember: Bool) {
        var set: FieldSet?
        var isMember = false
        for (key, value) in members {
            if key == "." {
                isMember = true
                continue
            }
            guard let element = try parse(key) else { continue }
            guard case .object(let nested) = value else {
                throw FieldsV1Error(reason: "the value of \(JSONValue.string(key).jsonString) is not an object")
            }
            let (grandchildren, childIsMember) = try read(nested)
            var node = set ?? FieldSet()
            if childIsMember { node.insertMember(element) }
            if let grandchildren { node.addChild(element, grandchildren) }
            set = node
        }
        // A node with nothing below it is a leaf, i.e. a member.
        if set == nil { isMember = true }
        return (set, isMember)
    }

    /// Parses one key; `nil` for an unknown prefix.
    static func parse(_ key: String) throws(FieldsV1Error) -> ManagedPathElement? {
        let bytes = Array(key.utf8)
        guard bytes.count >= 2 else { throw FieldsV1Error(reason: "key must be 2 characters long: \(key)") }
        guard bytes[1] == UInt8(ascii: ":") else { throw FieldsV1Error(reason: "missing colon: \(key)") }
        let rest = String(decoding: bytes[2...], as: UTF8.self)
        switch bytes[0] {
        case UInt8(ascii: "f"):
            return .field(rest)
        case UInt8(ascii: "k"):
            guard case .object(let fields) = try json(rest) else {
                throw FieldsV1Error(reason: "a k: element must hold a JSON object: \(key)")
            }
            return .keyed(fields.map { ($0.key, $0.value) })
        case UInt8(ascii: "v"):
            return .value(ManagedPathElement.canonical(try json(rest)))
        case UInt8(ascii: "i"):
            guard let index = Int(rest) else { throw FieldsV1Error(reason: "invalid index: \(key)") }
            return .index(index)
        default:
            return nil
        }
    }

    private static func json(_ text: String) throws(FieldsV1Error) -> JSONValue {
        do { return try JSONValue.parse(Data(text.utf8)) } catch { throw FieldsV1Error(reason: "\(error)") }
    }
}
