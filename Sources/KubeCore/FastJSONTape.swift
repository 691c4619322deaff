// The index ("tape") FastJSONDecoder decodes from: one validating pass over the
// bytes writes a flat array of 16-byte tokens in document order. Containers
// record where they end, so a decoder can skip any value in O(1); strings and
// numbers record only their byte range and are converted when (and if) a model
// asks for them.

/// The kind of a tape token. Containers sort last so `kind >= .array` tests for one.
enum FJKind: UInt8 {
    case null, `false`, `true`, number, string, array, object
}

/// One value of the document (object members are a key token followed by the value's tokens).
///
/// - string: `a..<b` is the byte range between the quotes.
/// - number: `a..<b` is the byte range of the number text.
/// - array: `a` is the index of the token after the array's last descendant, `b` the element count.
/// - object: as array (`b` counts members); `c` is the lookup hint, the member to try first.
struct FJToken {
    var kind: FJKind
    var flags: UInt8
    var a: UInt32
    var b: UInt32
    var c: UInt32

    @inline(__always) init(kind: FJKind, flags: UInt8 = 0, a: UInt32 = 0, b: UInt32 = 0, c: UInt32 = 0) {
        self.kind = kind
        self.flags = flags
        self.a = a
        self.b = b
        self.c = c
    }
}

/// Flag bits of `FJToken.flags`; their meaning depends on the kind.
enum FJFlag {
    /// string: contains backslash escapes.
    static let escaped: UInt8 = 1
    /// string: contains bytes >= 0x80 (so UTF-8 must be validated on conversion).
    static let nonASCII: UInt8 = 2
    /// number: only an optional minus sign and digits (no fraction or exponent).
    static let simpleInteger: UInt8 = 1
    /// object: some key is escaped or non-ASCII, so byte comparison alone cannot find every key.
    static let complexKeys: UInt8 = 1
    /// object: the duplicate-key check has run (it runs when the object is first decoded).
    static let keysChecked: UInt8 = 2
    /// object: two members have equal keys; the first one wins, as with Foundation.
    static let duplicateKeys: UInt8 = 4
}

/// Builds the tape for a UTF-8 document. Strict RFC 8259: structure, literals,
/// number grammar, escape sequences and control characters are validated for
/// the whole document; UTF-8 validity and surrogate pairing are checked when a
/// string is converted.
struct FJTapeBuilder {
    /// The deepest nesting of arrays and objects accepted, as with Foundation's JSONDecoder.
    static let maxDepth = 512

    let base: UnsafePointer<UInt8>
    let end: Int
    var pos: Int
    var tape: UnsafeMutablePointer<FJToken>
    var count: Int
    var capacity: Int
    /// Per open object, the (signature, start) of its keys so far: duplicate keys are
    /// found while the bytes are in cache. A stack shared by nested objects.
    var keys: UnsafeMutablePointer<UInt64>
    var keysCount = 0
    var keysCapacity = 64

    /// Objects with more members than this are checked for duplicates when first decoded.
    static let maxTrackedKeys = 32

    init(base: UnsafePointer<UInt8>, count end: Int) {
        self.base = base
        self.end = end
        self.pos = 0
        // Compact API objects average 10-15 bytes per token. Pages of a large allocation that are
        // never written cost no memory, so err on the generous side; grow by doubling when short.
        self.capacity = max(64, end / 6)
        self.tape = UnsafeMutablePointer<FJToken>.allocate(capacity: capacity)
        self.count = 0
        self.keys = UnsafeMutablePointer<UInt64>.allocate(capacity: keysCapacity)
    }

    /// Scans the whole document. On success the tape holds one extra `null`
    /// token after the root value, used for absent values (`superDecoder`).
    /// On failure the tape is deallocated.
    mutating func build() throws(JSONSyntaxError) {
        defer { keys.deallocate() }
        do throws(JSONSyntaxError) {
            skipWhitespace()
            try parseValue(depth: 0)
            skipWhitespace()
            if pos != end { throw error("unexpected data after the top-level value") }
            append(FJToken(kind: .null))
        } catch {
            tape.deallocate()
            throw error
        }
    }

    /// Records a plain (ASCII, unescaped) key of the object whose keys start at
    /// `frame`; returns true if an equal key was recorded before.
    @inline(__always) mutating func recordKey(frame: Int, bloom: inout UInt64, start: Int, end keyEnd: Int) -> Bool {
        let length = keyEnd - start
        var signature = UInt64(length)
        if length > 0 { signature |= UInt64(base[start]) << 16 | UInt64(base[keyEnd - 1]) << 24 }
        // Distinct bloom bits prove distinct signatures, hence distinct keys; only look back on a hit.
        let bit: UInt64 = 1 << ((signature &* 0x9E37_79B9_7F4A_7C15) >> 58)
        var duplicate = false
        if bloom & bit != 0 {
            for i in frame..<keysCount where keys[i] & 0xFFFF_FFFF == signature {
                let other = Int(keys[i] >> 32)
                if FJTapeBuilder.equal(base + other, base + start, length) {
                    duplicate = true
                    break
                }
            }
        }
        bloom |= bit
        if keysCount == keysCapacity {
            let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: keysCapacity * 2)
            bigger.moveInitialize(from: keys, count: keysCount)
            keys.deallocate()
            keys = bigger
            keysCapacity *= 2
        }
        keys[keysCount] = signature | UInt64(start) << 32
        keysCount += 1
        return duplicate
    }

    @inline(__always) static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i + 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
                != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
            {
                return false
            }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    func error(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: pos, reason: reason)
    }

    @inline(__always) mutating func append(_ token: FJToken) {
        if count == capacity { grow() }
        (tape + count).initialize(to: token)
        count += 1
    }

    mutating func grow() {
        let newCapacity = capacity * 2
        let newTape = UnsafeMutablePointer<FJToken>.allocate(capacity: newCapacity)
        newTape.moveInitialize(from: tape, count: count)
        tape.deallocate()
        tape = newTape
        capacity = newCapacity
    }

    @inline(__always) mutating func skipWhitespace() {
        while pos < end {
            let c = base[pos]
            if c > 0x20 { return }
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            pos += 1
        }
    }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) {
        guard pos < end else { throw error("unexpected end of input") }
        switch base[pos] {
        case UInt8(ascii: "\""): _ = try parseString()
        case UInt8(ascii: "{"): try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): try parseArray(depth: depth + 1)
        case UInt8(ascii: "t"): try parseLiteral(0x6575_7274, length: 4, kind: .true)  // "true"
        case UInt8(ascii: "f"): try parseLiteral(0x6573_6C61, length: 5, kind: .false)  // "alse" after "f"
        case UInt8(ascii: "n"): try parseLiteral(0x6C6C_756E, length: 4, kind: .null)  // "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
        default: throw error("unexpected character")
        }
    }

    /// Matches `true`, `null` (the 4 bytes at pos) or `false` (the 4 bytes after the `f`).
    mutating func parseLiteral(_ word: UInt32, length: Int, kind: FJKind) throws(JSONSyntaxError) {
        guard pos + length <= end else { throw error("invalid literal") }
        let at = UnsafeRawPointer(base + pos + length - 4).loadUnaligned(as: UInt32.self)
        guard UInt32(littleEndian: at) == word else { throw error("invalid literal") }
        pos += length
        append(FJToken(kind: kind))
    }

    mutating func parseObject(depth: Int) throws(JSONSyntaxError) {
        if depth > FJTapeBuilder.maxDepth { throw error("nesting deeper than \(FJTapeBuilder.maxDepth) levels") }
        let slot = count
        append(FJToken(kind: .object))
        pos += 1
        skipWhitespace()
        var members: UInt32 = 0
        var keyFlags: UInt8 = 0
        let frame = keysCount
        var tracking = true
        var duplicates = false
        var bloom: UInt64 = 0
        if pos < end, base[pos] == UInt8(ascii: "}") {
            pos += 1
        } else {
            while true {
                guard pos < end, base[pos] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let keyStart = pos + 1
                keyFlags |= try parseString()
                if tracking {
                    if keyFlags != 0 || members >= FJTapeBuilder.maxTrackedKeys || pos - keyStart > 0xFFFF {
                        tracking = false  // left to the decoder (string comparison or hashing)
                    } else if recordKey(frame: frame, bloom: &bloom, start: keyStart, end: pos - 1) {
                        duplicates = true
                    }
                }
                skipWhitespace()
                guard pos < end, base[pos] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
                pos += 1
                skipWhitespace()
                try parseValue(depth: depth)
                members += 1
                skipWhitespace()
                guard pos < end else { throw error("unexpected end of input in an object") }
                let c = base[pos]
                pos += 1
                if c == UInt8(ascii: ",") {
                    skipWhitespace()
                    continue
                }
                if c == UInt8(ascii: "}") { break }
                pos -= 1
                throw error("expected ',' or '}' in an object")
            }
        }
        keysCount = frame
        var flags: UInt8 = keyFlags != 0 ? FJFlag.complexKeys : 0
        if tracking { flags |= FJFlag.keysChecked | (duplicates ? FJFlag.duplicateKeys : 0) }
        tape[slot] = FJToken(
            kind: .object, flags: flags, a: UInt32(truncatingIfNeeded: count), b: members,
            c: UInt32(truncatingIfNeeded: slot + 1))
    }

    mutating func parseArray(depth: Int) throws(JSONSyntaxError) {
        if depth > FJTapeBuilder.maxDepth { throw error("nesting deeper than \(FJTapeBuilder.maxDepth) levels") }
        let slot = count
        append(FJToken(kind: .array))
        pos += 1
        skipWhitespace()
        var elements: UInt32 = 0
        if pos < end, base[pos] == UInt8(ascii: "]") {
            pos += 1
        } else {
            while true {
                try parseValue(depth: depth)
                elements += 1
                skipWhitespace()
                guard pos < end else { throw error("unexpected end of input in an array") }
                let c = base[pos]
                pos += 1
                if c == UInt8(ascii: ",") {
                    skipWhitespace()
                    continue
                }
                if c == UInt8(ascii: "]") { break }
                pos -= 1
                throw error("expected ',' or ']' in an array")
            }
        }
        tape[slot] = FJToken(kind: .array, a: UInt32(truncatingIfNeeded: count), b: elements)
    }

    /// Scans a string starting at its opening quote, appends its token and
    /// returns its flags. Eight bytes at a time while there is nothing to stop for.
    mutating func parseString() throws(JSONSyntaxError) -> UInt8 {
        pos += 1
        let start = pos
        var flags: UInt8 = 0
        var high: UInt64 = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        while true {
            while pos + 8 <= end {
                let w = UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)
                let quote = w ^ (ones &* 0x22)
                let backslash = w ^ (ones &* 0x5C)
                // Classic "has a zero byte" / "has a byte below n" tests; the lowest flagged
                // byte is always a true match (false positives only sit above a true one).
                let stop =
                    ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (w &- ones &* 0x20) & ~w)
                    & highBits
                if stop == 0 {
                    high |= w
                    pos += 8
                    continue
                }
                let n = stop.trailingZeroBitCount >> 3
                if n > 0 { high |= w & ((1 << UInt64(n &* 8)) &- 1) }
                pos += n
                break
            }
            guard pos < end else {
                throw error("unterminated string")
            }
            let c = base[pos]
            if c == UInt8(ascii: "\"") {
                break
            } else if c == UInt8(ascii: "\\") {
                flags |= FJFlag.escaped
                guard pos + 1 < end else { throw error("unterminated string") }
                switch base[pos + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    pos += 2
                case UInt8(ascii: "u"):
                    guard pos + 6 <= end else { throw error("short unicode escape") }
                    for i in 2..<6 where FJText.hexValue(base[pos + i]) == nil {
                        pos += i
                        throw error("invalid hex digit in a unicode escape")
                    }
                    pos += 6
                default:
                    pos += 1
                    throw error("invalid escape sequence")
                }
            } else if c < 0x20 {
                throw error("unescaped control character in a string")
            } else {
                high |= UInt64(c)
                pos += 1
            }
        }
        if high & highBits != 0 { flags |= FJFlag.nonASCII }
        append(
            FJToken(
                kind: .string, flags: flags, a: UInt32(truncatingIfNeeded: start), b: UInt32(truncatingIfNeeded: pos)))
        pos += 1
        return flags
    }

    mutating func parseNumber() throws(JSONSyntaxError) {
        let start = pos
        var flags = FJFlag.simpleInteger
        if base[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < end, FJText.isDigit(base[pos]) else { throw error("invalid number") }
        if base[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < end, FJText.isDigit(base[pos]) { throw error("leading zero in a number") }
        } else {
            while pos < end, FJText.isDigit(base[pos]) { pos += 1 }
        }
        if pos < end, base[pos] == UInt8(ascii: ".") {
            flags = 0
            pos += 1
            let digits = pos
            while pos < end, FJText.isDigit(base[pos]) { pos += 1 }
            if pos == digits { throw error("invalid number: no digits after '.'") }
        }
        if pos < end, base[pos] | 0x20 == UInt8(ascii: "e") {
            flags = 0
            pos += 1
            if pos < end, base[pos] == UInt8(ascii: "+") || base[pos] == UInt8(ascii: "-") { pos += 1 }
            let digits = pos
            while pos < end, FJText.isDigit(base[pos]) { pos += 1 }
            if pos == digits { throw error("invalid number: no digits in the exponent") }
        }
        append(
            FJToken(
                kind: .number, flags: flags, a: UInt32(truncatingIfNeeded: start), b: UInt32(truncatingIfNeeded: pos)))
    }
}

/// Conversions of string and number bytes, shared by the decoder.
enum FJText {
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    @inline(__always) static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c &- 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c &- 0x57)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c &- 0x37)
        default: return nil
        }
    }

    /// The string for a string token's bytes, or nil if they are not valid UTF-8
    /// or contain an unpaired surrogate escape (both errors with Foundation too).
    static func string(_ p: UnsafePointer<UInt8>, count: Int, flags: UInt8) -> String? {
        let raw = UnsafeBufferPointer(start: p, count: count)
        if flags & FJFlag.escaped == 0 {
            if flags & FJFlag.nonASCII == 0 { return String(decoding: raw, as: UTF8.self) }
            return String(validating: raw, as: UTF8.self)
        }
        // Unescaped text is never longer than the escaped text.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(count, 1)) { out -> String? in
            guard let n = unescape(raw, into: out) else { return nil }
            let text = UnsafeBufferPointer(rebasing: out[0..<n])
            if flags & FJFlag.nonASCII == 0 { return String(decoding: text, as: UTF8.self) }
            return String(validating: text, as: UTF8.self)
        }
    }

    /// Expands escapes (already validated syntactically by the scanner) into `out`;
    /// returns the byte count, or nil for an unpaired surrogate.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var i = 0
        var o = 0
        let n = raw.count
        while i < n {
            let c = raw[i]
            if c != UInt8(ascii: "\\") {
                out[o] = c
                o += 1
                i += 1
                continue
            }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out[o] = 0x08
            case UInt8(ascii: "f"): out[o] = 0x0C
            case UInt8(ascii: "n"): out[o] = 0x0A
            case UInt8(ascii: "r"): out[o] = 0x0D
            case UInt8(ascii: "t"): out[o] = 0x09
            case UInt8(ascii: "u"):
                var scalar = hex4(raw, i)
                i += 4
                if scalar >= 0xD800, scalar < 0xDC00 {
                    guard i + 6 <= n, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") else { return nil }
                    let low = hex4(raw, i + 2)
                    guard low >= 0xDC00, low < 0xE000 else { return nil }
                    i += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00, scalar < 0xE000 {
                    return nil
                }
                o += encodeUTF8(scalar, into: out, at: o)
                continue
            default: out[o] = e  // \" \\ \/
            }
            o += 1
        }
        return o
    }

    @inline(__always) static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in at..<(at + 4) { v = v << 4 | (hexValue(raw[k]) ?? 0) }
        return v
    }

    static func encodeUTF8(_ s: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at o: Int) -> Int {
        if s < 0x80 {
            out[o] = UInt8(s)
            return 1
        } else if s < 0x800 {
            out[o] = UInt8(0xC0 | s >> 6)
            out[o + 1] = UInt8(0x80 | s & 0x3F)
            return 2
        } else if s < 0x10000 {
            out[o] = UInt8(0xE0 | s >> 12)
            out[o + 1] = UInt8(0x80 | s >> 6 & 0x3F)
            out[o + 2] = UInt8(0x80 | s & 0x3F)
            return 3
        } else {
            out[o] = UInt8(0xF0 | s >> 18)
            out[o + 1] = UInt8(0x80 | s >> 12 & 0x3F)
            out[o + 2] = UInt8(0x80 | s >> 6 & 0x3F)
            out[o + 3] = UInt8(0x80 | s & 0x3F)
            return 4
        }
    }

    /// Converts a number token to an integer type with Foundation's rules: exact
    /// integers; otherwise values whose nearest Double is integral (`1.0`, `1e3`);
    /// beyond 2^53 the decimal value truncated toward zero. Nil when not representable.
    static func integer<T: FixedWidthInteger>(
        _ p: UnsafePointer<UInt8>, count n: Int, flags: UInt8, as _: T.Type
    ) -> T? {
        if flags & FJFlag.simpleInteger != 0 {
            let negative = p[0] == UInt8(ascii: "-")
            let first = negative ? 1 : 0
            if n - first <= 18 {
                var v: UInt64 = 0
                for i in first..<n { v = v &* 10 &+ UInt64(p[i] &- 0x30) }
                if !negative { return T(exactly: v) }
                if v == 0 { return 0 }
                return T.isSigned ? T(exactly: -Int64(bitPattern: v)) : nil
            }
            return exactInteger(
                digits: UnsafeBufferPointer(start: p + first, count: n - first), exponent: 0, negative: negative)
        }
        // Fraction or exponent: the route Foundation takes, through Double and then exact decimal.
        let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        guard let d = Double(text), let value = T(exactly: d) else { return nil }
        if d.magnitude < 9_007_199_254_740_992 { return value }
        return decimalInteger(UnsafeBufferPointer(start: p, count: n))
    }

    /// The integer part of a number with fraction and/or exponent, truncated toward zero.
    static func decimalInteger<T: FixedWidthInteger>(_ text: UnsafeBufferPointer<UInt8>) -> T? {
        var i = 0
        let negative = text[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var digits = [UInt8]()
        var fractionDigits = 0
        var seenDot = false
        while i < text.count, text[i] | 0x20 != UInt8(ascii: "e") {
            if text[i] == UInt8(ascii: ".") {
                seenDot = true
            } else {
                digits.append(text[i])
                if seenDot { fractionDigits += 1 }
            }
            i += 1
        }
        var exponent = 0
        if i < text.count {
            i += 1
            var expNegative = false
            if text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
                expNegative = text[i] == UInt8(ascii: "-")
                i += 1
            }
            while i < text.count {
                exponent = min(exponent * 10 + Int(text[i] &- 0x30), 100_000)
                i += 1
            }
            if expNegative { exponent = -exponent }
        }
        return digits.withUnsafeBufferPointer {
            exactInteger(digits: $0, exponent: exponent - fractionDigits, negative: negative)
        }
    }

    /// `digits × 10^exponent` truncated toward zero, or nil on overflow.
    static func exactInteger<T: FixedWidthInteger>(
        digits: UnsafeBufferPointer<UInt8>, exponent: Int, negative: Bool
    ) -> T? {
        let kept = digits.count + min(exponent, 0)
        var magnitude = T.Magnitude(0)
        if kept > 0 {
            for i in 0..<kept {
                let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(T.Magnitude(digits[i] &- 0x30))
                if o1 || o2 { return nil }
                magnitude = s
            }
        }
        if exponent > 0, magnitude != 0 {
            for _ in 0..<exponent {
                let (m, o) = magnitude.multipliedReportingOverflow(by: 10)
                if o { return nil }
                magnitude = m
            }
        }
        if !negative || magnitude == 0 { return T(exactly: magnitude) }
        guard T.isSigned else { return nil }
        // -magnitude, allowing T.min whose magnitude does not fit in T.
        if magnitude == T.min.magnitude { return T.min }
        guard let positive = T(exactly: magnitude) else { return nil }
        return 0 - positive
    }

    /// Converts a number token to Double or Float as Foundation does: nil when the
    /// value overflows to infinity or underflows to zero from a non-zero literal.
    static func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(
        _ p: UnsafePointer<UInt8>, count n: Int, flags: UInt8, as _: T.Type
    ) -> T? {
        let negative = p[0] == UInt8(ascii: "-")
        if T.self == Double.self, flags & FJFlag.simpleInteger != 0, n - (negative ? 1 : 0) <= 15 {
            // At most 15 digits: exactly representable, no need for strtod.
            var v: Int64 = 0
            for i in (negative ? 1 : 0)..<n { v = v &* 10 &+ Int64(p[i] &- 0x30) }
            if negative { return v == 0 ? -0.0 : T(-v) }
            return T(v)
        }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        guard let value = T(text), value.isFinite else { return nil }
        if value == 0 {
            // Rounded to zero: only accept literal zeros (digits before any exponent are all 0).
            for i in 0..<n {
                let c = p[i]
                if c | 0x20 == UInt8(ascii: "e") { break }
                if c >= UInt8(ascii: "1"), c <= UInt8(ascii: "9") { return nil }
            }
        }
        return value
    }
}
