import Foundation
import KubeCore

/// Renders values the way the API server's Go code prints them in messages, so that our
/// messages are byte-for-byte those of a real server: `%q` for strings, `%v` for numbers,
/// and `encoding/json` for lists and objects.
enum GoFormat {
    /// `strconv.Quote`: a double-quoted Go string literal. Printable characters, non-ASCII
    /// included, are kept; control characters are escaped.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F {
                    out += "\\x" + hex(v, width: 2)
                } else if (0x80...0x9F).contains(v) || v == 0xFEFF || (0xD800...0xDFFF).contains(v) {
                    out += "\\u" + hex(v, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `fmt.Sprint(float64)`: the shortest representation that round-trips, in `%e` form
    /// when the decimal exponent is below -4 or at least 6, as Go's `%v` does
    /// (`1e+06`, `1.5`, `100000`).
    static func float(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let exponent = shortestDigits(d).pointPosition - 1
        return render(d, exponentForm: exponent < -4 || exponent >= 6)
    }

    /// `encoding/json` for a float64: plain decimal unless the magnitude is below 1e-6 or
    /// at least 1e21, then an exponent (`1e-07`, `1e+21`).
    static func jsonFloat(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return "0" }
        let magnitude = abs(d)
        return render(d, exponentForm: magnitude < 1e-6 || magnitude >= 1e21)
    }

    private static func render(_ d: Double, exponentForm: Bool) -> String {
        let (negative, digits, pointPosition) = shortestDigits(d)
        var out = negative ? "-" : ""
        if exponentForm {
            let exponent = pointPosition - 1
            out += String(digits.first ?? "0")
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += "e" + (exponent < 0 ? "-" : "+")
            let e = String(abs(exponent))
            out += e.count < 2 ? "0" + e : e
        } else if pointPosition <= 0 {
            out += "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            out += digits + String(repeating: "0", count: pointPosition - digits.count)
        } else {
            let i = digits.index(digits.startIndex, offsetBy: pointPosition)
            out += digits[..<i] + "." + digits[i...]
        }
        return out
    }

    /// The shortest round-tripping decimal digits of `d` (no leading or trailing zeros) and
    /// the position of the decimal point relative to them: `1.5` is ("15", 1), `0.001` is
    /// ("1", -2). Swift's `description` already finds the shortest digits; this only
    /// reads them back.
    static func shortestDigits(_ d: Double) -> (negative: Bool, digits: String, pointPosition: Int) {
        var text = String(describing: abs(d))
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var intPart = text
        var fracPart = ""
        if let dot = text.firstIndex(of: ".") {
            intPart = String(text[..<dot])
            fracPart = String(text[text.index(after: dot)...])
        }
        var digits = intPart + fracPart
        var point = intPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (d < 0, digits, point)
    }

    /// `fmt.Sprintf("%v", v)` for the scalar types the API server passes as bad values.
    static func value(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return float(d)
        case .string(let s): return quote(s)
        case .array, .object: return json(v)
        }
    }

    /// `encoding/json.Marshal`: compact, keys sorted, and `<`, `>`, `&` escaped as Go does.
    static func json(_ v: JSONValue) -> String {
        var out = ""
        writeJSON(v, into: &out)
        return out
    }

    private static func writeJSON(_ v: JSONValue, into out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += jsonFloat(d)
        case .string(let s): writeJSONString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                writeJSON(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                writeJSONString(key, into: &out)
                out += ":"
                if let member = members[key] { writeJSON(member, into: &out) }
            }
            out += "}"
        }
    }

    private static func writeJSONString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u" + hex(scalar.value, width: 4)
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
