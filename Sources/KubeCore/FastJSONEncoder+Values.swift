import Foundation

// How ``FastJSONEncoder`` writes values: scalars, the direct routes for common types,
// and JSON text (escaping, numbers).

extension _FJEncoder {

    /// Value mode: stores `v` in the innermost open container (under `pendingKey` in an
    /// object) or as the result.
    @inline(__always) func emit(_ v: JSONValue) {
        if _slowPath(valueFrames.isEmpty) {
            result = v
            return
        }
        valueStack.append((pendingKey, v))
    }

    @inline(__always) func writeNull() {
        if valueMode { emit(.null) } else { out.append("null") }
    }

    @inline(__always) func writeBool(_ b: Bool) {
        if valueMode {
            emit(.bool(b))
        } else if b {
            out.append("true")
        } else {
            out.append("false")
        }
    }

    @inline(__always) func writeStringValue(_ s: String) {
        if valueMode {
            emit(.string(s))
        } else {
            _ = writeString(s)
        }
    }

    @inline(__always) func writeInt(_ v: Int64) {
        if valueMode {
            emit(.int(v))
        } else {
            _FJNumber.appendInt(v, to: &out)
        }
    }

    @inline(__always) func writeUInt(_ v: UInt64) {
        if valueMode {
            emit(v <= UInt64(Int64.max) ? .int(Int64(v)) : _FJNumber.parsedNumber(String(v)) ?? .null)
        } else {
            _FJNumber.appendUInt(v, to: &out)
        }
    }

    func writeWideInteger<I: FixedWidthInteger>(_ v: I) {
        if valueMode {
            if let small = Int64(exactly: v) {
                emit(.int(small))
            } else {
                emit(_FJNumber.parsedNumber(v.description) ?? .null)
            }
        } else {
            var s = v.description
            s.withUTF8 { b in if let p = b.baseAddress { out.append(p, b.count) } }
        }
    }

    /// A finite double, as Foundation writes it (`description` without a trailing `.0`).
    @inline(__always) func writeDouble(_ d: Double) {
        if valueMode {
            emit(_FJNumber.jsonValue(d))
        } else {
            _FJNumber.appendDouble(d, to: &out)
        }
    }

    func writeFloat(_ f: Float) {
        let text = _FJNumber.text(f)
        if valueMode {
            if let v = _FJNumber.parsedNumber(text) { emit(v) } else { poison() }
        } else {
            var s = text
            s.withUTF8 { b in if let p = b.baseAddress { out.append(p, b.count) } }
        }
    }

    /// Writes `s` quoted and escaped as Foundation does; returns flags: 1 = something
    /// was escaped, 2 = some byte is not ASCII.
    @discardableResult @inline(__always) func writeString(_ s: String) -> UInt8 {
        withUTF8(s) { _FJEscaping.appendQuoted($0, to: &out) }
    }

    @inline(__always) func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = s
        return copy.withUTF8(body)
    }

    // MARK: Direct routes

    /// Writes values of types with a direct route (strings, JSON values, string maps
    /// and lists, and the types Foundation treats specially: Data, URL, Decimal);
    /// false for any other type. `key` is the member's key or index, for error paths.
    @inline(__always) func encodeLeaf<T: Encodable>(_ value: T, _ key: (any CodingKey)?) throws -> Bool {
        if T.self == String.self {
            writeStringValue(unsafeBitCast(value, to: String.self))
            return true
        }
        if T.self == JSONValue.self {
            try writeJSONValue(unsafeBitCast(value, to: JSONValue.self))
            return true
        }
        if T.self == [String: String].self {
            writeStringMap(unsafeBitCast(value, to: [String: String].self))
            return true
        }
        if T.self == [String].self {
            writeStringList(unsafeBitCast(value, to: [String].self))
            return true
        }
        if T.self == [String: JSONValue].self {
            try writeJSONValue(.object(unsafeBitCast(value, to: [String: JSONValue].self)))
            return true
        }
        if T.self == [JSONValue].self {
            try writeJSONValue(.array(unsafeBitCast(value, to: [JSONValue].self)))
            return true
        }
        if T.self == Int.self {
            writeInt(Int64(unsafeBitCast(value, to: Int.self)))
            return true
        }
        if T.self == Bool.self {
            writeBool(unsafeBitCast(value, to: Bool.self))
            return true
        }
        if T.self == Data.self, let data = value as? Data {
            // Foundation's default `.base64` strategy.
            writeStringValue(data.base64EncodedString())
            return true
        }
        if T.self == URL.self, let url = value as? URL {
            writeStringValue(url.absoluteString)
            return true
        }
        if T.self == Decimal.self, let decimal = value as? Decimal {
            // Foundation writes the description as a number, even "NaN".
            let text = decimal.description
            if valueMode {
                if let v = _FJNumber.parsedNumber(text) { emit(v) } else { poison() }
            } else {
                var s = text
                s.withUTF8 { b in if let p = b.baseAddress { out.append(p, b.count) } }
            }
            return true
        }
        return false
    }

    func writeStringMap(_ map: [String: String]) {
        if frames.count + 1 >= 512 { tooDeep = true }
        if valueMode {
            emit(.object(map.mapValues(JSONValue.string)))
            return
        }
        var f = _FJEFrame(id: 0, isObject: true, memberBase: members.count, sideBase: sideKeys.count)
        out.append(UInt8(ascii: "{"))
        for (k, v) in map {
            beginMember(k, in: &f)
            _ = writeString(v)
        }
        finishObject(f)
        out.append(UInt8(ascii: "}"))
    }

    func writeStringList(_ list: [String]) {
        if frames.count + 1 >= 512 { tooDeep = true }
        if valueMode {
            emit(.array(list.map(JSONValue.string)))
            return
        }
        out.append(UInt8(ascii: "["))
        var first = true
        for s in list {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            _ = writeString(s)
        }
        out.append(UInt8(ascii: "]"))
    }

    func writeJSONValue(_ v: JSONValue) throws {
        if valueMode {
            switch try normalized(v, level: frames.count) {
            case .some(let n): emit(n)
            case .none: emit(v)
            }
        } else {
            try writeJSON(v, level: frames.count)
        }
    }

    /// Bytes mode: a JSONValue as Foundation writes it through `JSONValue.encode(to:)`.
    /// `level` is the number of containers around it.
    func writeJSON(_ v: JSONValue, level: Int) throws {
        switch v {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): _FJNumber.appendInt(i, to: &out)
        case .double(let d):
            guard d.isFinite else { throw nonFiniteInJSONValue() }
            _FJNumber.appendDouble(d, to: &out)
        case .string(let s): writeString(s)
        case .array(let a):
            if level + 1 >= 512 { tooDeep = true }
            out.append(UInt8(ascii: "["))
            var first = true
            for e in a {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                try writeJSON(e, level: level + 1)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            if level + 1 >= 512 { tooDeep = true }
            var f = _FJEFrame(id: 0, isObject: true, memberBase: members.count, sideBase: sideKeys.count)
            out.append(UInt8(ascii: "{"))
            for (k, e) in o {
                beginMember(k, in: &f)
                try writeJSON(e, level: level + 1)
            }
            finishObject(f)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Value mode: `v` as parsing Foundation's output would give it back (doubles written
    /// without a fraction come back as integers), or nil when that is `v` itself.
    func normalized(_ v: JSONValue, level: Int) throws -> JSONValue? {
        switch v {
        case .double(let d):
            guard d.isFinite else { throw nonFiniteInJSONValue() }
            let n = _FJNumber.jsonValue(d)
            if case .double = n { return nil }
            return n
        case .array(let a):
            if level + 1 >= 512 { tooDeep = true }
            var copy: [JSONValue]?
            for (i, e) in a.enumerated() {
                guard let n = try normalized(e, level: level + 1) else { continue }
                if copy == nil { copy = a }
                copy?[i] = n
            }
            return copy.map(JSONValue.array)
        case .object(let o):
            if level + 1 >= 512 { tooDeep = true }
            var copy: [String: JSONValue]?
            for (k, e) in o {
                guard let n = try normalized(e, level: level + 1) else { continue }
                if copy == nil { copy = o }
                copy?[k] = n
            }
            return copy.map(JSONValue.object)
        default:
            return nil
        }
    }

    /// A NaN or infinity inside a JSONValue: Foundation reports it with the coding path
    /// of dictionary and index keys it built on the way; hand the value to Foundation
    /// rather than track that path on the fast route.
    func nonFiniteInJSONValue() -> Error {
        poison()
        return _FJEncoderFallback()
    }
}

// MARK: - Text

/// String escaping as Foundation's JSON writer does it with `.withoutEscapingSlashes`.
enum _FJEscaping {
    /// Appends `"…"`; returns 1 if something was escaped, plus 2 if some byte is not ASCII.
    @inline(__always) static func appendQuoted(_ s: UnsafeBufferPointer<UInt8>, to out: inout _FJBytes) -> UInt8 {
        let n = s.count
        out.reserve(n + 2)
        out.base[out.count] = UInt8(ascii: "\"")
        out.count += 1
        guard let p = s.baseAddress, n > 0 else {
            out.append(UInt8(ascii: "\""))
            return 0
        }
        var flags: UInt8 = 0
        var any: UInt8 = 0
        var mark = 0
        var i = 0
        while i < n {
            let c = p[i]
            any |= c
            if c < 0x20 || c == 0x22 || c == 0x5C {
                if i > mark { out.append(p + mark, i - mark) }
                appendEscape(c, to: &out)
                mark = i + 1
                flags = 1
            }
            i += 1
        }
        if n > mark { out.append(p + mark, n - mark) }
        out.append(UInt8(ascii: "\""))
        if any >= 0x80 { flags |= 2 }
        return flags
    }

    static func appendEscape(_ c: UInt8, to out: inout _FJBytes) {
        out.append(UInt8(ascii: "\\"))
        switch c {
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            out.append("u00")
            out.append(hex.utf8Start[Int(c >> 4)])
            out.append(hex.utf8Start[Int(c & 0xF)])
        }
    }
}

/// Number text as Foundation writes it, and the JSONValue parsing that text gives.
enum _FJNumber {
    @inline(__always) static func appendInt(_ v: Int64, to out: inout _FJBytes) {
        if v < 0 {
            out.append(UInt8(ascii: "-"))
            appendUInt(0 &- UInt64(bitPattern: v), to: &out)
        } else {
            appendUInt(UInt64(v), to: &out)
        }
    }

    @inline(__always) static func appendUInt(_ v: UInt64, to out: inout _FJBytes) {
        if v < 10 {
            out.append(UInt8(truncatingIfNeeded: v) &+ 0x30)
            return
        }
        var digits = 1
        var t = v
        while t >= 10 {
            t /= 10
            digits += 1
        }
        out.reserve(digits)
        var p = out.base + out.count + digits
        var x = v
        repeat {
            p -= 1
            p.pointee = UInt8(truncatingIfNeeded: x % 10) &+ 0x30
            x /= 10
        } while x > 0
        out.count += digits
    }

    /// 2^53: integral doubles up to this print as `N.0` (Foundation drops the `.0`);
    /// larger ones print with an exponent.
    static let exactIntegerLimit: Double = 9_007_199_254_740_992

    /// Appends a finite double as Foundation does: `description`, less a trailing `.0`.
    @inline(__always) static func appendDouble(_ d: Double, to out: inout _FJBytes) {
        if d.rounded(.towardZero) == d && d.magnitude <= exactIntegerLimit {
            if d == 0 && d.sign == .minus {
                out.append("-0")
            } else {
                appendInt(Int64(d), to: &out)
            }
            return
        }
        var s = text(d)
        s.withUTF8 { b in if let p = b.baseAddress { out.append(p, b.count) } }
    }

    static func text<F: BinaryFloatingPoint & CustomStringConvertible>(_ f: F) -> String {
        var s = f.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    /// The JSONValue that parsing Foundation's text for `d` gives: an integer when the
    /// text has no fraction or exponent, else the double (the text round-trips).
    @inline(__always) static func jsonValue(_ d: Double) -> JSONValue {
        if d.rounded(.towardZero) == d && d.magnitude <= exactIntegerLimit { return .int(Int64(d)) }
        return .double(d)
    }

    /// `JSONValue.parse` of a number's text; nil if that would fail (e.g. Decimal's "NaN").
    static func parsedNumber(_ text: String) -> JSONValue? {
        try? JSONParser.parse(Data(text.utf8))
    }
}
