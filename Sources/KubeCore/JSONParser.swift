import Foundation

/// A JSON syntax error, with the byte offset where parsing stopped.
public struct JSONSyntaxError: Error, CustomStringConvertible, Sendable {
    /// The byte offset in the input where the problem was found.
    public var offset: Int
    /// What is wrong.
    public var reason: String
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// A strict RFC 8259 parser producing `JSONValue`. Written by hand because it is
/// on the hot path of dynamic objects and watch streams, and because Foundation's
/// `JSONSerialization` loses the distinction between integers and doubles.
enum JSONParser {
    static func parse(_ data: Data) throws -> JSONValue {
        try data.withUnsafeBytes { raw -> JSONValue in
            let buf = raw.bindMemory(to: UInt8.self)
            var p = Parser(buf: buf, pos: 0, depth: 0)
            p.skipWhitespace()
            let v = try p.parseValue()
            p.skipWhitespace()
            if p.pos != buf.count { throw p.error("unexpected data after the value") }
            return v
        }
    }

    private struct Parser {
        let buf: UnsafeBufferPointer<UInt8>
        var pos: Int
        var depth: Int

        func error(_ reason: String) -> JSONSyntaxError {
            JSONSyntaxError(offset: pos, reason: reason)
        }

        mutating func skipWhitespace() {
            while pos < buf.count {
                switch buf[pos] {
                case 0x20, 0x0A, 0x0D, 0x09: pos += 1
                default: return
                }
            }
        }

        mutating func parseValue() throws -> JSONValue {
            guard pos < buf.count else { throw error("unexpected end of input") }
            switch buf[pos] {
            case UInt8(ascii: "{"): return try parseObject()
            case UInt8(ascii: "["): return try parseArray()
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default: throw error("unexpected character '\(Character(Unicode.Scalar(buf[pos])))'")
            }
        }

        mutating func expect(_ word: StaticString) throws {
            let n = word.utf8CodeUnitCount
            guard pos + n <= buf.count else { throw error("unexpected end of input") }
            let w = word.utf8Start
            for i in 0..<n where buf[pos + i] != w[i] { throw error("invalid literal") }
            pos += n
        }

        mutating func parseObject() throws -> JSONValue {
            depth += 1
            if depth > 512 { throw error("nesting deeper than 512 levels") }
            defer { depth -= 1 }
            pos += 1
            var dict = [String: JSONValue]()
            skipWhitespace()
            if pos < buf.count, buf[pos] == UInt8(ascii: "}") {
                pos += 1
                return .object(dict)
            }
            while true {
                skipWhitespace()
                guard pos < buf.count, buf[pos] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let key = try parseString()
                skipWhitespace()
                guard pos < buf.count, buf[pos] == UInt8(ascii: ":") else { throw error("expected ':'") }
                pos += 1
                skipWhitespace()
                dict[key] = try parseValue()
                skipWhitespace()
                guard pos < buf.count else { throw error("unexpected end of input in an object") }
                if buf[pos] == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                if buf[pos] == UInt8(ascii: "}") {
                    pos += 1
                    return .object(dict)
                }
                throw error("expected ',' or '}'")
            }
        }

        mutating func parseArray() throws -> JSONValue {
            depth += 1
            if depth > 512 { throw error("nesting deeper than 512 levels") }
            defer { depth -= 1 }
            pos += 1
            var arr = [JSONValue]()
            skipWhitespace()
            if pos < buf.count, buf[pos] == UInt8(ascii: "]") {
                pos += 1
                return .array(arr)
            }
            while true {
                skipWhitespace()
                arr.append(try parseValue())
                skipWhitespace()
                guard pos < buf.count else { throw error("unexpected end of input in an array") }
                if buf[pos] == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                if buf[pos] == UInt8(ascii: "]") {
                    pos += 1
                    return .array(arr)
                }
                throw error("expected ',' or ']'")
            }
        }

        mutating func parseString() throws -> String {
            pos += 1
            let start = pos
            // Fast path: no escapes.
            while pos < buf.count {
                let c = buf[pos]
                if c == UInt8(ascii: "\"") {
                    let s = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
                    pos += 1
                    return s
                }
                if c == UInt8(ascii: "\\") { break }
                if c < 0x20 { throw error("control character in a string") }
                pos += 1
            }
            var bytes = [UInt8](UnsafeBufferPointer(rebasing: buf[start..<pos]))
            while pos < buf.count {
                let c = buf[pos]
                if c == UInt8(ascii: "\"") {
                    pos += 1
                    return String(decoding: bytes, as: UTF8.self)
                }
                if c < 0x20 { throw error("control character in a string") }
                if c != UInt8(ascii: "\\") {
                    bytes.append(c)
                    pos += 1
                    continue
                }
                pos += 1
                guard pos < buf.count else { break }
                let e = buf[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): bytes.append(0x22)
                case UInt8(ascii: "\\"): bytes.append(0x5C)
                case UInt8(ascii: "/"): bytes.append(0x2F)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard pos + 1 < buf.count, buf[pos] == UInt8(ascii: "\\"), buf[pos + 1] == UInt8(ascii: "u")
                        else { throw error("unpaired surrogate") }
                        pos += 2
                        let low = try parseHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw error("unpaired surrogate")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("invalid unicode escape") }
                    bytes.append(contentsOf: Array(String(Character(u)).utf8))
                default: throw error("invalid escape")
                }
            }
            throw error("unterminated string")
        }

        mutating func parseHex4() throws -> UInt32 {
            guard pos + 4 <= buf.count else { throw error("short unicode escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = buf[pos]
                v <<= 4
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): v |= UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): v |= UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): v |= UInt32(c - UInt8(ascii: "A") + 10)
                default: throw error("invalid hex digit")
                }
                pos += 1
            }
            return v
        }

        mutating func parseNumber() throws -> JSONValue {
            let start = pos
            var isInteger = true
            if buf[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < buf.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(buf[pos]) else {
                throw error("invalid number")
            }
            if buf[pos] == UInt8(ascii: "0") {
                pos += 1
            } else {
                while pos < buf.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(buf[pos]) { pos += 1 }
            }
            if pos < buf.count, buf[pos] == UInt8(ascii: ".") {
                isInteger = false
                pos += 1
                let digits = pos
                while pos < buf.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(buf[pos]) { pos += 1 }
                if pos == digits { throw error("invalid number") }
            }
            if pos < buf.count, buf[pos] == UInt8(ascii: "e") || buf[pos] == UInt8(ascii: "E") {
                isInteger = false
                pos += 1
                if pos < buf.count, buf[pos] == UInt8(ascii: "+") || buf[pos] == UInt8(ascii: "-") { pos += 1 }
                let digits = pos
                while pos < buf.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(buf[pos]) { pos += 1 }
                if pos == digits { throw error("invalid number") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
            if isInteger, let i = Int64(text) { return .int(i) }
            guard let d = Double(text) else { throw error("invalid number") }
            // 1e400 would become infinity, which JSON cannot hold and the writer would turn into null.
            guard d.isFinite else { throw JSONSyntaxError(offset: start, reason: "number out of range") }
            return .double(d)
        }
    }
}

/// Compact JSON serialization with sorted keys.
enum JSONWriter {
    static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d):
            if d.isFinite, d.rounded() == d, abs(d) < 1e15 {
                out.append(contentsOf: String(Int64(d)).utf8)
            } else if d.isFinite {
                out.append(contentsOf: "\(d)".utf8)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case .string(let s): writeString(s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(v, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, key) in o.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                if let v = o[key] { write(v, into: &out) }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            switch c {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
