import Foundation

/// The parser of the label selector string form. It follows the grammar of
/// `k8s.io/apimachinery/pkg/labels` (the lexer's token set, `in ()` meaning the empty
/// value, `a=` meaning the empty value) but reports errors with the position.
struct LabelSelectorParser {
    enum Token: Equatable {
        case identifier(String)
        case not  // !
        case equals  // =
        case doubleEquals  // ==
        case notEquals  // !=
        case greaterThan  // >
        case lessThan  // <
        case comma
        case open  // (
        case close  // )
        case inKeyword
        case notInKeyword
        case end

        var text: String {
            switch self {
            case .identifier(let s): return s
            case .not: return "!"
            case .equals: return "="
            case .doubleEquals: return "=="
            case .notEquals: return "!="
            case .greaterThan: return ">"
            case .lessThan: return "<"
            case .comma: return ","
            case .open: return "("
            case .close: return ")"
            case .inKeyword: return "in"
            case .notInKeyword: return "notin"
            case .end: return "end of input"
            }
        }

        var quoted: String { self == .end ? text : "'\(text)'" }
    }

    let text: String
    let chars: [Character]
    var tokens: [(token: Token, position: Int)] = []
    var index = 0

    init(text: String) {
        self.text = text
        self.chars = Array(text)
    }

    static func isSpecial(_ c: Character) -> Bool {
        c == "!" || c == "=" || c == "," || c == "(" || c == ")" || c == ">" || c == "<"
    }

    mutating func lex() {
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            let start = i
            switch c {
            case "!":
                if i + 1 < chars.count, chars[i + 1] == "=" {
                    tokens.append((.notEquals, start))
                    i += 2
                } else {
                    tokens.append((.not, start))
                    i += 1
                }
            case "=":
                if i + 1 < chars.count, chars[i + 1] == "=" {
                    tokens.append((.doubleEquals, start))
                    i += 2
                } else {
                    tokens.append((.equals, start))
                    i += 1
                }
            case ",": tokens.append((.comma, start)); i += 1
            case "(": tokens.append((.open, start)); i += 1
            case ")": tokens.append((.close, start)); i += 1
            case ">": tokens.append((.greaterThan, start)); i += 1
            case "<": tokens.append((.lessThan, start)); i += 1
            default:
                var word = ""
                while i < chars.count, !chars[i].isWhitespace, !Self.isSpecial(chars[i]) {
                    word.append(chars[i])
                    i += 1
                }
                switch word {
                case "in": tokens.append((.inKeyword, start))
                case "notin": tokens.append((.notInKeyword, start))
                default: tokens.append((.identifier(word), start))
                }
            }
        }
        tokens.append((.end, chars.count))
    }

    var current: Token { tokens[index].token }
    var position: Int { tokens[index].position }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    func error(_ message: String, at position: Int? = nil) -> SelectorError {
        SelectorError(selector: text, position: position ?? self.position, message: message)
    }

    mutating func parse() throws -> [LabelRequirement] {
        lex()
        var requirements = [LabelRequirement]()
        if current == .end { return requirements }
        while true {
            requirements.append(try parseRequirement())
            switch current {
            case .end:
                return requirements
            case .comma:
                advance()
                if current == .end { throw error("expected a requirement after ','") }
            default:
                throw error("found \(current.quoted), expected ',' or end of input")
            }
        }
    }

    mutating func parseRequirement() throws -> LabelRequirement {
        var negated = false
        if current == .not {
            negated = true
            advance()
        }
        guard case .identifier(let key) = current else {
            throw error("found \(current.quoted), expected a label key")
        }
        let keyPosition = position
        if let problem = Validation.labelKey(key).first {
            throw error("invalid label key \(Validation.quoted(key)): \(problem)", at: keyPosition)
        }
        advance()
        if negated {
            guard current == .comma || current == .end else {
                throw error("found \(current.quoted), expected ',' or end of input after '!\(key)'")
            }
            return LabelRequirement(unchecked: key, .doesNotExist, [])
        }
        let op: LabelRequirement.Operator
        switch current {
        case .comma, .end: return LabelRequirement(unchecked: key, .exists, [])
        case .equals, .doubleEquals: op = .equals
        case .notEquals: op = .notEquals
        case .inKeyword: op = .in
        case .notInKeyword: op = .notIn
        case .greaterThan: op = .greaterThan
        case .lessThan: op = .lessThan
        default:
            throw error("found \(current.quoted), expected one of: in, notin, =, ==, !=, >, <")
        }
        advance()
        let values: [(String, Int)]
        switch op {
        case .in, .notIn: values = try parseValueList()
        default: values = [try parseSingleValue()]
        }
        for (value, at) in values {
            if let problem = Validation.labelValue(value).first {
                throw error("invalid label value \(Validation.quoted(value)): \(problem)", at: at)
            }
            if op == .greaterThan || op == .lessThan, Int64(value) == nil {
                throw error("for '>' and '<' the value must be an integer, not \(Validation.quoted(value))", at: at)
            }
        }
        return LabelRequirement(unchecked: key, op, values.map(\.0))
    }

    /// The value after `=`, `==`, `!=`, `>` or `<`; nothing before a comma or the end
    /// means the empty value, as in Kubernetes.
    mutating func parseSingleValue() throws -> (String, Int) {
        switch current {
        case .identifier(let v):
            let at = position
            advance()
            return (v, at)
        case .inKeyword, .notInKeyword:
            // `a=in` compares with the value "in".
            let v = current.text
            let at = position
            advance()
            return (v, at)
        case .comma, .end:
            return ("", position)
        default:
            throw error("found \(current.quoted), expected a value")
        }
    }

    /// `( v1, v2, … )`; `()` is the empty value and an empty entry between commas is one too.
    mutating func parseValueList() throws -> [(String, Int)] {
        guard current == .open else { throw error("found \(current.quoted), expected '('") }
        advance()
        var values = [(String, Int)]()
        var expectValue = true
        while true {
            switch current {
            case .identifier(let v):
                guard expectValue else { throw error("found '\(v)', expected ',' or ')'") }
                values.append((v, position))
                expectValue = false
                advance()
            case .inKeyword, .notInKeyword:
                guard expectValue else { throw error("found \(current.quoted), expected ',' or ')'") }
                values.append((current.text, position))
                expectValue = false
                advance()
            case .comma:
                if expectValue { values.append(("", position)) }
                expectValue = true
                advance()
            case .close:
                if expectValue { values.append(("", position)) }
                advance()
                return values
            case .end:
                throw error("missing ')' to close the value list")
            default:
                throw error("found \(current.quoted), expected a value, ',' or ')'")
            }
        }
    }
}
