import Foundation

/// A regular expression of a schema `pattern` or a CEL `matches()` call.
///
/// The API server compiles these with Go's RE2, which has no look-around and no
/// back-references; ICU (behind `NSRegularExpression`) has both. Expressions RE2 rejects are
/// rejected here too, with RE2's wording, so that a CRD we accept is one a real server
/// accepts. Matching is a search anywhere in the string, as `regexp.MatchString` does.
final class ECMARegex: @unchecked Sendable {
    // NSRegularExpression is immutable once built and documented as safe to use from several
    // threads at once, hence @unchecked Sendable.
    private let regex: NSRegularExpression
    /// The expression as written.
    let pattern: String

    /// Why an expression was rejected, worded like Go's `regexp` errors.
    struct SyntaxError: Error, CustomStringConvertible {
        var description: String
    }

    init(_ pattern: String) throws(SyntaxError) {
        self.pattern = pattern
        if let problem = Self.re2Problem(pattern) {
            throw SyntaxError(description: "error parsing regexp: " + problem)
        }
        do {
            regex = try NSRegularExpression(pattern: pattern, options: [])
        } catch {
            throw SyntaxError(description: "error parsing regexp: invalid regular expression: `\(pattern)`")
        }
    }

    /// Whether the expression matches somewhere in `s`.
    func matches(_ s: String) -> Bool {
        let range = NSRange(s.startIndex..<s.endIndex, in: s)
        return regex.firstMatch(in: s, options: [], range: range) != nil
    }

    /// The first RE2 syntax error in `pattern`, if any: unsupported Perl syntax, back
    /// references, unbalanced brackets and parentheses, dangling repetition.
    private static func re2Problem(_ pattern: String) -> String? {
        let chars = Array(pattern)
        var i = 0
        var depth = 0
        var inClass = false
        var classStart = 0
        var lastWasAtom = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                guard i + 1 < chars.count else { return "trailing backslash at end of expression: ``" }
                let next = chars[i + 1]
                if next.isNumber && next != "0" && !inClass {
                    return "invalid escape sequence: `\\\(next)`"
                }
                if next == "k" && !inClass { return "invalid escape sequence: `\\k`" }
                i += 2
                lastWasAtom = true
                continue
            }
            if inClass {
                if c == "]"
                    && !(i > 0 && (chars[i - 1] == "[" || (chars[i - 1] == "^" && i > 1 && chars[i - 2] == "[")))
                {
                    inClass = false
                    lastWasAtom = true
                }
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                classStart = i
            case "(":
                if i + 2 < chars.count, chars[i + 1] == "?" {
                    let n = chars[i + 2]
                    if n == "=" || n == "!" {
                        return "invalid or unsupported Perl syntax: `(?\(n)`"
                    }
                    if n == "<", i + 3 < chars.count, chars[i + 3] == "=" || chars[i + 3] == "!" {
                        return "invalid or unsupported Perl syntax: `(?<`"
                    }
                }
                depth += 1
                lastWasAtom = false
                i += 1
                continue
            case ")":
                if depth == 0 { return "unexpected ): `\(pattern)`" }
                depth -= 1
            case "*", "+", "?":
                if !lastWasAtom { return "missing argument to repetition operator: `\(c)`" }
                // A quantifier may be followed by `?` (lazy) but not by another quantifier.
                if i + 1 < chars.count, chars[i + 1] == "*" || chars[i + 1] == "+" {
                    return "invalid nested repetition operator: `\(c)\(chars[i + 1])`"
                }
                if i + 1 < chars.count, chars[i + 1] == "?" { i += 1 }
                lastWasAtom = false
                i += 1
                continue
            case "|":
                lastWasAtom = false
                i += 1
                continue
            default:
                break
            }
            lastWasAtom = true
            i += 1
        }
        if inClass { return "missing closing ]: `\(String(chars[classStart...]))`" }
        if depth > 0 { return "missing closing ): `\(pattern)`" }
        return nil
    }
}
