import Foundation

/// A JSON Pointer (RFC 6901): `/metadata/labels/app.kubernetes.io~1name`.
///
/// `~1` stands for `/` and `~0` for `~` in a token; the empty pointer is the whole document.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens.
    public var tokens: [String]

    /// The pointer to these tokens.
    public init(tokens: [String]) { self.tokens = tokens }

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    /// Parses the string form; throws when it does not start with `/` or has a `~` not
    /// followed by `0` or `1`.
    public init(parsing text: String) throws {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw JSONPointerError(pointer: text, reason: "a non-empty JSON pointer must start with '/'")
        }
        tokens = try text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { raw in
            var token = ""
            var tilde = false
            for c in raw {
                if tilde {
                    switch c {
                    case "0": token.append("~")
                    case "1": token.append("/")
                    default:
                        throw JSONPointerError(pointer: text, reason: "'~\(c)' is not a valid escape (use ~0 or ~1)")
                    }
                    tilde = false
                } else if c == "~" {
                    tilde = true
                } else {
                    token.append(c)
                }
            }
            if tilde { throw JSONPointerError(pointer: text, reason: "a token ends with a lone '~'") }
            return token
        }
    }

    /// Escapes one token: `~` → `~0`, `/` → `~1`.
    public static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The string form.
    public var description: String {
        tokens.map { "/" + Self.escape($0) }.joined()
    }

    /// The pointer to the parent, or `nil` for the root.
    public var parent: JSONPointer? {
        tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast()))
    }

    /// This pointer with one more token.
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [token])
    }

    /// Whether `other` is this pointer or lies below it.
    public func isPrefix(of other: JSONPointer) -> Bool {
        other.tokens.count >= tokens.count && Array(other.tokens.prefix(tokens.count)) == tokens
    }

    /// The value the pointer designates in `document`, or `nil` if there is none.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let o):
                guard let next = o[token] else { return nil }
                current = next
            case .array(let a):
                guard let i = Self.arrayIndex(token), i < a.count else { return nil }
                current = a[i]
            default:
                return nil
            }
        }
        return current
    }

    /// The array index a token stands for: decimal digits without leading zeros.
    static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if token.count > 1 && token.hasPrefix("0") { return nil }
        return Int(token)
    }
}

/// A JSON pointer that is not syntactically valid.
public struct JSONPointerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pointer text given.
    public var pointer: String
    /// What is wrong with it.
    public var reason: String
    public var description: String { "invalid JSON pointer \(Validation.quoted(pointer)): \(reason)" }
}
