import Foundation

/// A problem found while compiling a CEL expression, at a character offset of the source.
///
/// ``description`` follows cel-go's report, which the API server passes on:
/// `ERROR: <input>:1:5: undefined field 'foo'` followed by the source line and a caret.
public struct CELError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The offset, in characters, of the place the problem was found.
    public var offset: Int
    /// The whole expression.
    public var source: String

    public var description: String {
        let chars = Array(source)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < min(offset, chars.count) {
            if chars[i] == "\n" {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var lineEnd = lineStart
        while lineEnd < chars.count && chars[lineEnd] != "\n" { lineEnd += 1 }
        let column = offset - lineStart
        let text = String(chars[lineStart..<lineEnd])
        return "ERROR: <input>:\(line):\(column + 1): \(message)\n | \(text)\n | "
            + String(repeating: ".", count: max(0, column)) + "^"
    }
}

/// A token of CEL source.
struct CELToken: Equatable {
    enum Kind: Equatable {
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case identifier(String)
        /// An operator or punctuation: `==`, `&&`, `.`, `(`, `?`, ….
        case symbol(String)
        case end
    }
    var kind: Kind
    var offset: Int
}

/// Splits CEL source into tokens (CEL spec "Syntax": numbers, quoted and raw strings, bytes,
/// identifiers and operators; `//` comments are skipped).
struct CELLexer {
    private let chars: [Character]
    private let source: String
    private var pos = 0

    init(_ source: String) {
        self.source = source
        chars = Array(source)
    }

    private func error(_ message: String, at offset: Int) -> CELError {
        CELError(message: message, offset: offset, source: source)
    }

    /// All tokens, ending with `.end`.
    mutating func tokenize() throws(CELError) -> [CELToken] {
        var tokens = [CELToken]()
        while true {
            let t = try next()
            tokens.append(t)
            if t.kind == .end { return tokens }
        }
    }

    private static let symbols2: Set<String> = ["==", "!=", "<=", ">=", "&&", "||"]
    private static let symbols1: Set<Character> = [
        "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", ".", ",", "[", "]", "(", ")", "{", "}",
    ]

    private mutating func next() throws(CELError) -> CELToken {
        skipSpaceAndComments()
        guard pos < chars.count else { return CELToken(kind: .end, offset: pos) }
        let start = pos
        let c = chars[pos]

        // String and bytes literals, with their r/R (raw) and b/B (bytes) prefixes.
        if c == "\"" || c == "'" {
            return CELToken(kind: .string(try readString(raw: false)), offset: start)
        }
        if c == "r" || c == "R" || c == "b" || c == "B", pos + 1 < chars.count {
            var p = pos
            var raw = false
            var bytes = false
            while p < chars.count, p - pos < 2 {
                let ch = chars[p]
                if (ch == "r" || ch == "R") && !raw {
                    raw = true
                } else if (ch == "b" || ch == "B") && !bytes {
                    bytes = true
                } else {
                    break
                }
                p += 1
            }
            if p < chars.count, chars[p] == "\"" || chars[p] == "'" {
                pos = p
                let s = try readString(raw: raw)
                return CELToken(kind: bytes ? .bytes(Array(s.utf8)) : .string(s), offset: start)
            }
        }
        if c.isNumber || (c == "." && pos + 1 < chars.count && chars[pos + 1].isNumber) {
            return try readNumber()
        }
        if c.isLetter || c == "_" {
            while pos < chars.count, chars[pos].isLetter || chars[pos].isNumber || chars[pos] == "_",
                chars[pos].isASCII
            {
                pos += 1
            }
            return CELToken(kind: .identifier(String(chars[start..<pos])), offset: start)
        }
        if pos + 1 < chars.count, Self.symbols2.contains(String(chars[pos...pos + 1])) {
            pos += 2
            return CELToken(kind: .symbol(String(chars[start..<pos])), offset: start)
        }
        if Self.symbols1.contains(c) {
            pos += 1
            return CELToken(kind: .symbol(String(c)), offset: start)
        }
        if c == "=" || c == "&" || c == "|" {
            throw error("Syntax error: token recognition error at: '\(c)'", at: start)
        }
        throw error("Syntax error: token recognition error at: '\(c)'", at: start)
    }

    private mutating func skipSpaceAndComments() {
        while pos < chars.count {
            if chars[pos].isWhitespace {
                pos += 1
            } else if chars[pos] == "/", pos + 1 < chars.count, chars[pos + 1] == "/" {
                while pos < chars.count, chars[pos] != "\n" { pos += 1 }
            } else {
                return
            }
        }
    }

    private mutating func readNumber() throws(CELError) -> CELToken {
        let start = pos
        // Hexadecimal integers.
        if chars[pos] == "0", pos + 1 < chars.count, chars[pos + 1] == "x" || chars[pos + 1] == "X" {
            pos += 2
            let digitsStart = pos
            while pos < chars.count, chars[pos].isHexDigit { pos += 1 }
            let digits = String(chars[digitsStart..<pos])
            if pos < chars.count, chars[pos] == "u" || chars[pos] == "U" {
                pos += 1
                guard let v = UInt64(digits, radix: 16) else { throw error("invalid uint literal", at: start) }
                return CELToken(kind: .uint(v), offset: start)
            }
            guard let v = Int64(digits, radix: 16) else { throw error("invalid int literal", at: start) }
            return CELToken(kind: .int(v), offset: start)
        }
        var isDouble = false
        while pos < chars.count, chars[pos].isNumber, chars[pos].isASCII { pos += 1 }
        if pos < chars.count, chars[pos] == ".", pos + 1 < chars.count, chars[pos + 1].isNumber {
            isDouble = true
            pos += 1
            while pos < chars.count, chars[pos].isNumber, chars[pos].isASCII { pos += 1 }
        }
        if pos < chars.count, chars[pos] == "e" || chars[pos] == "E" {
            var p = pos + 1
            if p < chars.count, chars[p] == "+" || chars[p] == "-" { p += 1 }
            if p < chars.count, chars[p].isNumber {
                isDouble = true
                pos = p
                while pos < chars.count, chars[pos].isNumber, chars[pos].isASCII { pos += 1 }
            }
        }
        let text = String(chars[start..<pos])
        if isDouble {
            guard let d = Double(text) else { throw error("invalid double literal", at: start) }
            return CELToken(kind: .double(d), offset: start)
        }
        if pos < chars.count, chars[pos] == "u" || chars[pos] == "U" {
            pos += 1
            guard let v = UInt64(text) else { throw error("invalid uint literal", at: start) }
            return CELToken(kind: .uint(v), offset: start)
        }
        guard let v = Int64(text) else { throw error("invalid int literal", at: start) }
        return CELToken(kind: .int(v), offset: start)
    }

    /// Reads a quoted string at `pos` (single, double or triple quotes), decoding escapes
    /// unless `raw`.
    private mutating func readString(raw: Bool) throws(CELError) -> String {
        let start = pos
        let quote = chars[pos]
        let triple = pos + 2 < chars.count && chars[pos + 1] == quote && chars[pos + 2] == quote
        pos += triple ? 3 : 1
        var out = ""
        while true {
            guard pos < chars.count else {
                throw error("Syntax error: token recognition error at: '\(quote)'", at: start)
            }
            let c = chars[pos]
            if triple {
                if c == quote, pos + 2 < chars.count, chars[pos + 1] == quote, chars[pos + 2] == quote {
                    pos += 3
                    return out
                }
            } else if c == quote {
                pos += 1
                return out
            } else if c == "\n" {
                throw error("Syntax error: token recognition error at: '\(quote)'", at: start)
            }
            if c == "\\" && !raw {
                pos += 1
                guard pos < chars.count else { throw error("Syntax error: invalid escape sequence", at: pos) }
                let e = chars[pos]
                pos += 1
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "a": out.append("\u{07}")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "v": out.append("\u{0B}")
                case "\\", "'", "\"", "`", "?": out.append(e)
                case "x", "u", "U":
                    let count = e == "x" ? 2 : (e == "u" ? 4 : 8)
                    guard pos + count <= chars.count, let v = UInt32(String(chars[pos..<pos + count]), radix: 16),
                        let scalar = Unicode.Scalar(v)
                    else { throw error("Syntax error: invalid escape sequence", at: pos - 2) }
                    out.unicodeScalars.append(scalar)
                    pos += count
                default:
                    if e.isNumber, pos + 1 < chars.count,
                        let v = UInt32(String(chars[(pos - 1)...(pos + 1)]), radix: 8),
                        let scalar = Unicode.Scalar(v)
                    {
                        out.unicodeScalars.append(scalar)
                        pos += 2
                    } else {
                        throw error("Syntax error: invalid escape sequence", at: pos - 2)
                    }
                }
                continue
            }
            out.append(c)
            pos += 1
        }
    }
}
