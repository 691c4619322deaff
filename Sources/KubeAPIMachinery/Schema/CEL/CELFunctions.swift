import Foundation
import KubeCore

/// The functions of the supported CEL subset: the standard `size`, `matches`, string
/// tests and type conversions, Kubernetes' string library (`lowerAscii`, `split`, …) and
/// list library (`isSorted`, `sum`, `min`, `max`, `indexOf`).
extension CELInterpreter {
    func call(_ name: String, receiver: CELValue?, args: [CELValue]) throws(CELRuntimeError) -> CELValue {
        if let receiver { return try method(name, receiver, args) }
        switch (name, args.count) {
        case ("size", 1): return try method("size", args[0], [])
        case ("matches", 2): return try method("matches", args[0], [args[1]])
        case ("int", 1): return try toInt(args[0])
        case ("uint", 1): return try toUint(args[0])
        case ("double", 1): return try toDouble(args[0])
        case ("string", 1): return .string(try args[0].stringConversion())
        case ("bool", 1):
            switch args[0] {
            case .bool: return args[0]
            case .string(let s):
                switch s {
                case "true", "TRUE", "True", "t", "1": return .bool(true)
                case "false", "FALSE", "False", "f", "0": return .bool(false)
                default: throw CELRuntimeError(message: "type conversion error from 'string' to 'bool'")
                }
            default: break
            }
        case ("bytes", 1):
            switch args[0] {
            case .bytes: return args[0]
            case .string(let s): return .bytes(Array(s.utf8))
            default: break
            }
        case ("duration", 1):
            guard case .string(let text) = args[0] else { break }
            guard let parsed = try? KubeDuration(parsing: text) else {
                throw CELRuntimeError(message: "type conversion error from 'string' to 'google.protobuf.Duration'")
            }
            let c = parsed.duration.components
            return .int(c.seconds &* 1_000_000_000 &+ c.attoseconds / 1_000_000_000)
        case ("dyn", 1): return args[0]
        case ("type", 1): return .type(args[0].typeName)
        default: break
        }
        throw noOverload(name, args)
    }

    private func noOverload(_ name: String, _ args: [CELValue], receiver: CELValue? = nil) -> CELRuntimeError {
        let list = args.map(\.typeName).joined(separator: ", ")
        let applied = receiver.map { "\($0.typeName).\(name)(\(list))" } ?? "\(name)(\(list))"
        return CELRuntimeError(message: "no such overload: \(applied)")
    }

    private func method(_ name: String, _ recv: CELValue, _ args: [CELValue]) throws(CELRuntimeError) -> CELValue {
        switch (recv, name, args.count) {
        case (.string(let s), "size", 0): return .int(Int64(s.unicodeScalars.count))
        case (.bytes(let b), "size", 0): return .int(Int64(b.count))
        case (.list(let l, _), "size", 0): return .int(Int64(l.count))
        case (.map(let m), "size", 0): return .int(Int64(m.count))
        case (.string(let s), "matches", 1):
            guard case .string(let p) = args[0] else { break }
            return .bool(try regex(p).matches(s))
        case (.string(let s), "startsWith", 1):
            guard case .string(let p) = args[0] else { break }
            return .bool(s.unicodeScalars.starts(with: p.unicodeScalars))
        case (.string(let s), "endsWith", 1):
            guard case .string(let p) = args[0] else { break }
            return .bool(Array(s.unicodeScalars).reversed().starts(with: Array(p.unicodeScalars).reversed()))
        case (.string(let s), "contains", 1):
            guard case .string(let p) = args[0] else { break }
            return .bool(p.isEmpty || s.contains(p))
        case (.string(let s), "lowerAscii", 0):
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.map(Self.lowerASCII))))
        case (.string(let s), "upperAscii", 0):
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.map(Self.upperASCII))))
        case (.string(let s), "trim", 0):
            return .string(s.trimmingCharacters(in: .whitespacesAndNewlines))
        case (.string(let s), "charAt", 1):
            guard case .int(let i) = args[0] else { break }
            let scalars = Array(s.unicodeScalars)
            guard i >= 0, i <= Int64(scalars.count) else {
                throw CELRuntimeError(message: "index out of range: \(i)")
            }
            return .string(i == Int64(scalars.count) ? "" : String(scalars[Int(i)]))
        case (.string(let s), "substring", 1), (.string(let s), "substring", 2):
            let scalars = Array(s.unicodeScalars)
            guard case .int(let start) = args[0] else { break }
            var end = Int64(scalars.count)
            if args.count == 2 {
                guard case .int(let e) = args[1] else { break }
                end = e
            }
            guard start >= 0, start <= Int64(scalars.count) else {
                throw CELRuntimeError(message: "index out of range: \(start)")
            }
            guard end >= start, end <= Int64(scalars.count) else {
                throw CELRuntimeError(message: "index out of range: \(end)")
            }
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[Int(start)..<Int(end)])
            return .string(String(out))
        case (.string(let s), "indexOf", _), (.string(let s), "lastIndexOf", _):
            guard case .string(let sub) = args.first else { break }
            return .int(try Self.stringIndex(s, sub, args.count > 1 ? args[1] : nil, last: name == "lastIndexOf"))
        case (.string(let s), "replace", 2), (.string(let s), "replace", 3):
            guard case .string(let old) = args[0], case .string(let new) = args[1] else { break }
            var limit = -1
            if args.count == 3 {
                guard case .int(let n) = args[2] else { break }
                limit = Int(clamping: n)
            }
            return .string(Self.replace(s, old, new, limit: limit))
        case (.string(let s), "split", 1), (.string(let s), "split", 2):
            guard case .string(let sep) = args[0] else { break }
            var limit = -1
            if args.count == 2 {
                guard case .int(let n) = args[1] else { break }
                limit = Int(clamping: n)
            }
            return .list(Self.split(s, sep, limit: limit).map(CELValue.string), unordered: false)
        case (.list(let items, _), "join", 0), (.list(let items, _), "join", 1):
            var sep = ""
            if args.count == 1 {
                guard case .string(let s) = args[0] else { break }
                sep = s
            }
            var parts = [String]()
            for item in items {
                guard case .string(let s) = item else { throw noOverload(name, args, receiver: recv) }
                parts.append(s)
            }
            return .string(parts.joined(separator: sep))
        case (.list(let items, _), "indexOf", 1):
            return .int(Int64(items.firstIndex { CELValue.equal($0, args[0]) } ?? -1))
        case (.list(let items, _), "lastIndexOf", 1):
            return .int(Int64(items.lastIndex { CELValue.equal($0, args[0]) } ?? -1))
        case (.list(let items, _), "isSorted", 0):
            for (a, b) in zip(items, items.dropFirst()) {
                guard let c = CELValue.compare(a, b) else { throw noOverload(name, args, receiver: recv) }
                if c == .orderedDescending { return .bool(false) }
            }
            return .bool(true)
        case (.list(let items, _), "sum", 0):
            var total =
                items.first.map { v -> CELValue in
                    switch v {
                    case .double: return .double(0)
                    case .uint: return .uint(0)
                    default: return .int(0)
                    }
                } ?? .int(0)
            for item in items { total = try Self.binary("+", total, item) }
            return total
        case (.list(let items, _), "min", 0), (.list(let items, _), "max", 0):
            guard var best = items.first else {
                throw CELRuntimeError(message: "\(name)(list) argument must not be empty")
            }
            for item in items.dropFirst() {
                guard let c = CELValue.compare(item, best) else { throw noOverload(name, args, receiver: recv) }
                if (name == "min" && c == .orderedAscending) || (name == "max" && c == .orderedDescending) {
                    best = item
                }
            }
            return best
        default:
            break
        }
        throw noOverload(name, args, receiver: recv)
    }

    private static func lowerASCII(_ c: Unicode.Scalar) -> Unicode.Scalar {
        (65...90).contains(c.value) ? Unicode.Scalar(c.value + 32) ?? c : c
    }

    private static func upperASCII(_ c: Unicode.Scalar) -> Unicode.Scalar {
        (97...122).contains(c.value) ? Unicode.Scalar(c.value - 32) ?? c : c
    }

    /// `indexOf`/`lastIndexOf` on strings, in code points, with an optional start offset.
    private static func stringIndex(_ s: String, _ sub: String, _ offset: CELValue?, last: Bool) throws(CELRuntimeError)
        -> Int64
    {
        let hay = Array(s.unicodeScalars)
        let needle = Array(sub.unicodeScalars)
        var start = last ? hay.count - needle.count : 0
        if let offset {
            guard case .int(let o) = offset else { throw CELRuntimeError(message: "no such overload: indexOf") }
            guard o >= 0, o <= Int64(hay.count) else { throw CELRuntimeError(message: "index out of range: \(o)") }
            start = last ? min(Int(o), hay.count - needle.count) : Int(o)
        }
        if needle.isEmpty { return Int64(last ? max(0, min(start, hay.count)) : start) }
        let candidates: [Int] =
            last
            ? Array(stride(from: start, through: 0, by: -1))
            : Array(stride(from: start, through: hay.count - needle.count, by: 1))
        for i in candidates where i >= 0 && i + needle.count <= hay.count {
            if Array(hay[i..<i + needle.count]) == needle { return Int64(i) }
        }
        return -1
    }

    private static func replace(_ s: String, _ old: String, _ new: String, limit: Int) -> String {
        guard limit != 0 else { return s }
        if old.isEmpty { return s }
        var out = ""
        var rest = Substring(s)
        var count = 0
        while let r = rest.range(of: old), limit < 0 || count < limit {
            out += rest[..<r.lowerBound] + new
            rest = rest[r.upperBound...]
            count += 1
        }
        return out + rest
    }

    private static func split(_ s: String, _ sep: String, limit: Int) -> [String] {
        if limit == 0 { return [] }
        if sep.isEmpty {
            let scalars = s.unicodeScalars.map { String($0) }
            guard limit > 0, limit < scalars.count else { return scalars }
            return Array(scalars.prefix(limit - 1)) + [scalars.dropFirst(limit - 1).joined()]
        }
        var parts = [String]()
        var rest = Substring(s)
        while let r = rest.range(of: sep), limit < 0 || parts.count < limit - 1 {
            parts.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    private func toInt(_ v: CELValue) throws(CELRuntimeError) -> CELValue {
        switch v {
        case .int: return v
        case .uint(let u):
            guard u <= UInt64(Int64.max) else { throw CELRuntimeError(message: "int overflow") }
            return .int(Int64(u))
        case .double(let d):
            guard d.isFinite, d > -9223372036854775809.0, d < 9223372036854775808.0 else {
                throw CELRuntimeError(message: "int overflow")
            }
            return .int(Int64(d.rounded(.towardZero)))
        case .string(let s):
            guard let i = Int64(s) else {
                throw CELRuntimeError(message: "type conversion error from 'string' to 'int'")
            }
            return .int(i)
        default: throw noOverload("int", [v])
        }
    }

    private func toUint(_ v: CELValue) throws(CELRuntimeError) -> CELValue {
        switch v {
        case .uint: return v
        case .int(let i):
            guard i >= 0 else { throw CELRuntimeError(message: "uint overflow") }
            return .uint(UInt64(i))
        case .double(let d):
            guard d.isFinite, d > -1, d < 18446744073709551616.0 else {
                throw CELRuntimeError(message: "uint overflow")
            }
            return .uint(UInt64(d.rounded(.towardZero)))
        case .string(let s):
            guard let u = UInt64(s) else {
                throw CELRuntimeError(message: "type conversion error from 'string' to 'uint'")
            }
            return .uint(u)
        default: throw noOverload("uint", [v])
        }
    }

    private func toDouble(_ v: CELValue) throws(CELRuntimeError) -> CELValue {
        switch v {
        case .double: return v
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
            guard let d = Double(s) else {
                throw CELRuntimeError(message: "type conversion error from 'string' to 'double'")
            }
            return .double(d)
        default: throw noOverload("double", [v])
        }
    }
}
