import Foundation
import Yams

/// The YAML 1.1 scalar rules of the Go YAML library behind kubectl (`gopkg.in/yaml.v2`
/// `resolve`), applied to unquoted scalars only.
enum YAMLScalars {
    /// The tag Yams gives untagged plain scalars once it resolves them. Yams resolves a
    /// tag in place when it hashes a node (it does so for every mapping key to find
    /// duplicates), so an untagged key would otherwise look like an explicit `!!str` one;
    /// a resolver that maps every implicit scalar to this private tag keeps them apart.
    static let plainTag = Tag.Name(rawValue: "tag:astrolift.dev,2024:plain")
    static let resolver: Resolver = (try? Resolver.basic.appending(plainTag, "^")) ?? .basic

    /// Whether a scalar carried no tag in the source.
    static func isUntagged(_ scalar: Node.Scalar) -> Bool {
        let tag = scalar.tag.rawValue
        return tag.isEmpty || tag == plainTag.rawValue
    }
    static let trueWords: Set<String> = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    static let falseWords: Set<String> = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]
    static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
    static let nonFiniteWords: Set<String> = [
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    ]

    /// The value an unquoted scalar stands for. Non-finite floats come back as doubles
    /// that the caller must reject, since JSON cannot hold them.
    static func resolvePlain(_ s: String) -> JSONValue {
        if nullWords.contains(s) { return .null }
        if trueWords.contains(s) { return .bool(true) }
        if falseWords.contains(s) { return .bool(false) }
        if nonFiniteWords.contains(s) {
            return .double(
                s.contains("nan") || s.contains("NaN") || s.contains("NAN")
                    ? .nan : (s.hasPrefix("-") ? -.infinity : .infinity))
        }
        guard let first = s.utf8.first else { return .string(s) }
        if first == UInt8(ascii: ".") {
            if isDecimalFloat(s), let d = Double(s) { return .double(d) }
            return .string(s)
        }
        let isDigit = first >= 0x30 && first <= 0x39
        guard isDigit || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return .string(s) }
        // Timestamps stay strings (Go keeps them as strings when decoding untyped values).
        if looksLikeTimestamp(s) { return .string(s) }
        let plain = s.replacingOccurrences(of: "_", with: "")
        if let (magnitude, negative) = parseGoInteger(plain) {
            if negative {
                if magnitude <= UInt64(Int64.max) { return .int(-Int64(magnitude)) }
                if magnitude == UInt64(Int64.max) + 1 { return .int(Int64.min) }
            } else if magnitude <= UInt64(Int64.max) {
                return .int(Int64(magnitude))
            }
            // Too big for Int64: kept as a double, like the JSON parser does.
            let d = Double(magnitude)
            return .double(negative ? -d : d)
        }
        if isDecimalFloat(plain), let d = Double(plain) { return .double(d) }
        return .string(s)
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    static func isDecimalFloat(_ s: String) -> Bool {
        var b = Substring(s).utf8[...]
        func digits() -> Int {
            var n = 0
            while let c = b.first, c >= 0x30 && c <= 0x39 {
                b = b.dropFirst()
                n += 1
            }
            return n
        }
        if let c = b.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { b = b.dropFirst() }
        if b.first == UInt8(ascii: ".") {
            b = b.dropFirst()
            if digits() == 0 { return false }
        } else {
            if digits() == 0 { return false }
            if b.first == UInt8(ascii: ".") {
                b = b.dropFirst()
                _ = digits()
            }
        }
        if let c = b.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            b = b.dropFirst()
            if let c = b.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { b = b.dropFirst() }
            if digits() == 0 { return false }
        }
        return b.isEmpty
    }

    /// Go's `strconv.ParseUint(s, 0, 64)` with an optional sign: `0x`, `0o`, `0b` prefixes
    /// and a leading `0` for octal. Returns the magnitude and sign, or `nil`.
    static func parseGoInteger(_ s: String) -> (UInt64, Bool)? {
        var b = Array(s.utf8)
        var negative = false
        if let c = b.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            b.removeFirst()
        }
        guard !b.isEmpty else { return nil }
        var radix: UInt64 = 10
        if b.count > 1, b[0] == UInt8(ascii: "0") {
            switch b[1] {
            case UInt8(ascii: "x"), UInt8(ascii: "X"): radix = 16; b.removeFirst(2)
            case UInt8(ascii: "o"), UInt8(ascii: "O"): radix = 8; b.removeFirst(2)
            case UInt8(ascii: "b"), UInt8(ascii: "B"): radix = 2; b.removeFirst(2)
            default: radix = 8; b.removeFirst(1)
            }
            if b.isEmpty { return nil }
        }
        var value: UInt64 = 0
        for c in b {
            let digit: UInt64
            switch c {
            case 0x30...0x39: digit = UInt64(c - 0x30)
            case 0x61...0x66: digit = UInt64(c - 0x61 + 10)
            case 0x41...0x46: digit = UInt64(c - 0x41 + 10)
            default: return nil
            }
            guard digit < radix else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (a, o2) = m.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = a
        }
        return (value, negative)
    }

    /// Whether `s` starts like a YAML timestamp (`YYYY-`), the quick check Go's YAML library
    /// makes before trying timestamp layouts. Used to keep such strings as strings when
    /// reading, and to quote them when writing (as kubectl does with `creationTimestamp`).
    static func looksLikeTimestamp(_ s: String) -> Bool {
        let b = Array(s.utf8.prefix(5))
        guard b.count == 5, b[4] == UInt8(ascii: "-") else { return false }
        return b[0..<4].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Base-60 numbers (`1:20`), which YAML 1.1 readers may take as integers.
    static func looksSexagesimal(_ s: String) -> Bool {
        guard s.contains(":"), let first = s.first, first.isNumber || first == "+" || first == "-" else { return false }
        return s.allSatisfy {
            ($0.isASCII && $0.isNumber) || $0 == ":" || $0 == "_" || $0 == "." || $0 == "+" || $0 == "-"
        }
    }

    /// Whether a string must be quoted so that a YAML 1.1 reader reads it back as this string.
    static func needsQuotes(_ s: String) -> Bool {
        if case .string = resolvePlain(s) {
            return looksLikeTimestamp(s) || looksSexagesimal(s) || s == "<<" || s == "="
        }
        return true
    }
}

/// Turns a Yams node tree into `JSONValue`, with the rules of ``YAMLScalars``.
struct YAMLReader {
    let document: Int

    func error(_ node: Node?, _ message: String) -> YAMLError {
        YAMLError(document: document, line: node?.mark?.line, column: node?.mark?.column, message: message)
    }

    func convert(_ node: Node) throws -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return try convert(scalar, node: node)
        case .sequence(let sequence):
            return .array(try sequence.map { try convert($0) })
        case .mapping(let mapping):
            return .object(try convertMapping(mapping, node: node))
        case .alias:
            throw error(node, "unexpected alias")
        }
    }

    func convert(_ scalar: Node.Scalar, node: Node) throws -> JSONValue {
        let text = scalar.string
        let tag = YAMLScalars.isUntagged(scalar) ? "" : scalar.tag.rawValue
        let value: JSONValue
        switch tag {
        case "":
            value = YAMLScalars.resolvePlain(text)
        case Tag.Name.str.rawValue, Tag.Name.nonSpecific.rawValue, Tag.Name.timestamp.rawValue,
            Tag.Name.binary.rawValue:
            return .string(text)
        case Tag.Name.null.rawValue:
            return .null
        case Tag.Name.bool.rawValue:
            if YAMLScalars.trueWords.contains(text) { return .bool(true) }
            if YAMLScalars.falseWords.contains(text) { return .bool(false) }
            throw error(node, "\(Validation.quoted(text)) is not a boolean (!!bool)")
        case Tag.Name.int.rawValue:
            value = YAMLScalars.resolvePlain(text)
            guard case .int = value else { throw error(node, "\(Validation.quoted(text)) is not an integer (!!int)") }
        case Tag.Name.float.rawValue:
            let resolved = YAMLScalars.resolvePlain(text)
            guard let d = resolved.doubleValue else {
                throw error(node, "\(Validation.quoted(text)) is not a number (!!float)")
            }
            value = .double(d)
        default:
            // An application tag (`!Ref x`): keep the value as if untagged.
            value = scalar.style == .plain ? YAMLScalars.resolvePlain(text) : .string(text)
        }
        if case .double(let d) = value, !d.isFinite {
            throw error(node, "\(Validation.quoted(text)) is infinite or not a number, which JSON cannot hold")
        }
        return value
    }

    func convertMapping(_ mapping: Node.Mapping, node: Node) throws -> [String: JSONValue] {
        var result = [String: JSONValue]()
        var merges = [Node]()
        for (keyNode, valueNode) in mapping {
            if case .scalar(let k) = keyNode, k.string == "<<", YAMLScalars.isUntagged(k) {
                merges.append(valueNode)
                continue
            }
            let key = try keyString(keyNode)
            result[key] = try convert(valueNode)
        }
        // Merge keys: explicit keys win, then earlier merged mappings over later ones.
        for merge in merges {
            let sources: [Node]
            switch merge {
            case .mapping: sources = [merge]
            case .sequence(let s): sources = Array(s)
            default: throw error(merge, "a merge key '<<' needs a mapping or a list of mappings")
            }
            for source in sources {
                guard case .mapping(let m) = source else {
                    throw error(source, "a merge key '<<' needs a mapping or a list of mappings")
                }
                for (key, value) in try convertMapping(m, node: source) where result[key] == nil {
                    result[key] = value
                }
            }
        }
        return result
    }

    /// Keys become strings the way kubectl's YAML-to-JSON conversion writes them.
    func keyString(_ node: Node) throws -> String {
        guard case .scalar(let scalar) = node else {
            throw error(node, "a mapping key must be a scalar, not a list or mapping")
        }
        switch try convert(scalar, node: node) {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double(let d):
            if d == d.rounded(), d.magnitude < 1e15 { return String(Int64(d)) }
            return "\(d)"
        case .null: throw error(node, "a mapping key cannot be null")
        case .array, .object: throw error(node, "a mapping key must be a scalar")
        }
    }
}

/// Turns `JSONValue` into a Yams node tree in kubectl's style.
enum YAMLWriter {
    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return .scalar(.init("null", Tag(.null), .plain))
        case .bool(let b): return .scalar(.init(b ? "true" : "false", Tag(.bool), .plain))
        case .int(let i): return .scalar(.init(String(i), Tag(.int), .plain))
        case .double(let d):
            guard d.isFinite else { return .scalar(.init("null", Tag(.null), .plain)) }
            return .scalar(.init("\(d)", Tag(.float), .plain))
        case .string(let s): return string(s, isKey: false)
        case .array(let items):
            return .sequence(.init(items.map(node), Tag(.seq), .block))
        case .object(let members):
            let pairs = members.keys.sorted().map { key in
                (string(key, isKey: true), node(members[key] ?? .null))
            }
            return .mapping(.init(pairs, Tag(.map), .block))
        }
    }

    static func string(_ s: String, isKey: Bool) -> Node {
        let style: Node.Scalar.Style
        if s.contains("\n") {
            style = isKey ? .doubleQuoted : .literal
        } else if YAMLScalars.needsQuotes(s) {
            style = .doubleQuoted
        } else {
            // libyaml falls back to single quotes when a plain scalar is impossible
            // (leading indicators, ": ", " #", surrounding spaces), as kubectl's output does.
            style = .plain
        }
        return .scalar(.init(s, Tag(.str), style))
    }
}
