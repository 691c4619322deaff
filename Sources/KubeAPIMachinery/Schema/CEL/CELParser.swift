import Foundation

/// A node of a parsed CEL expression, with the source offset errors point at.
struct CELNode: Sendable {
    /// A comprehension macro: `all`, `exists`, `exists_one`, `map` or `filter`.
    struct Comprehension: Sendable {
        var macro: String
        var variable: String
        var range: CELNode
        /// The predicate (`all`, `exists`, `exists_one`, `filter`), or the filter of a
        /// three-argument `map`.
        var predicate: CELNode?
        /// The transform of `map`.
        var transform: CELNode?
    }

    /// A map literal entry.
    struct Entry: Sendable {
        var key: CELNode
        var value: CELNode
    }

    indirect enum Kind: Sendable {
        case literal(CELValue)
        case ident(String)
        /// `operand.field`.
        case select(CELNode, String)
        /// `has(operand.field)`.
        case presence(CELNode, String)
        /// `operand[index]`.
        case index(CELNode, CELNode)
        /// A function call, global (`size(x)`) or with a receiver (`x.size()`).
        case call(String, target: CELNode?, args: [CELNode])
        case list([CELNode])
        case map([Entry])
        /// `!x` or `-x`.
        case unary(String, CELNode)
        /// `a op b` for the arithmetic, relational and logical operators and `in`.
        case binary(String, CELNode, CELNode)
        /// `c ? a : b`.
        case conditional(CELNode, CELNode, CELNode)
        case comprehension(Comprehension)
    }

    var offset: Int
    var kind: Kind
}

/// A recursive-descent parser for CEL with the precedence of the CEL specification (from
/// loosest: `?:`, `||`, `&&`, relations and `in`, `+ -`, `* / %`, unary `! -`, member access).
struct CELParser {
    private var tokens: [CELToken]
    private var pos = 0
    private let source: String
    private var depth = 0

    /// Words CEL reserves; they cannot name variables or fields.
    static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
        "namespace", "return", "var", "void", "while",
    ]

    /// Parses a whole expression.
    static func parse(_ source: String) throws(CELError) -> CELNode {
        var lexer = CELLexer(source)
        var parser = CELParser(tokens: try lexer.tokenize(), source: source)
        let node = try parser.expression()
        guard case .end = parser.peek.kind else {
            throw parser.error("Syntax error: mismatched input \(parser.describe(parser.peek)) expecting <EOF>")
        }
        return node
    }

    private init(tokens: [CELToken], source: String) {
        self.tokens = tokens
        self.source = source
    }

    private var peek: CELToken { tokens[min(pos, tokens.count - 1)] }

    private mutating func advance() -> CELToken {
        let t = peek
        if pos < tokens.count - 1 { pos += 1 }
        return t
    }

    private func error(_ message: String, at offset: Int? = nil) -> CELError {
        CELError(message: message, offset: offset ?? peek.offset, source: source)
    }

    private func describe(_ t: CELToken) -> String {
        switch t.kind {
        case .end: return "'<EOF>'"
        case .symbol(let s): return "'\(s)'"
        case .identifier(let s): return "'\(s)'"
        case .int(let i): return "'\(i)'"
        case .uint(let u): return "'\(u)u'"
        case .double(let d): return "'\(d)'"
        case .string(let s): return "'\"\(s)\"'"
        case .bytes: return "'b\"...\"'"
        }
    }

    private func isSymbol(_ s: String) -> Bool {
        if case .symbol(let x) = peek.kind { return x == s }
        return false
    }

    private mutating func expect(_ s: String) throws(CELError) {
        guard isSymbol(s) else {
            throw error("Syntax error: mismatched input \(describe(peek)) expecting '\(s)'")
        }
        _ = advance()
    }

    // MARK: Grammar

    mutating func expression() throws(CELError) -> CELNode {
        depth += 1
        defer { depth -= 1 }
        // Deep nesting would exhaust the stack; the API server limits nesting too.
        guard depth < 100 else { throw error("expression recursion limit exceeded: 100") }
        let condition = try conditionalOr()
        guard isSymbol("?") else { return condition }
        let at = advance().offset
        let whenTrue = try conditionalOr()
        try expect(":")
        let whenFalse = try expression()
        return CELNode(offset: at, kind: .conditional(condition, whenTrue, whenFalse))
    }

    private mutating func conditionalOr() throws(CELError) -> CELNode {
        var lhs = try conditionalAnd()
        while isSymbol("||") {
            let at = advance().offset
            lhs = CELNode(offset: at, kind: .binary("||", lhs, try conditionalAnd()))
        }
        return lhs
    }

    private mutating func conditionalAnd() throws(CELError) -> CELNode {
        var lhs = try relation()
        while isSymbol("&&") {
            let at = advance().offset
            lhs = CELNode(offset: at, kind: .binary("&&", lhs, try relation()))
        }
        return lhs
    }

    private mutating func relation() throws(CELError) -> CELNode {
        var lhs = try addition()
        while true {
            var op: String?
            switch peek.kind {
            case .symbol(let s) where ["<", "<=", ">", ">=", "==", "!="].contains(s): op = s
            case .identifier("in"): op = "in"
            default: op = nil
            }
            guard let op else { return lhs }
            let at = advance().offset
            lhs = CELNode(offset: at, kind: .binary(op, lhs, try addition()))
        }
    }

    private mutating func addition() throws(CELError) -> CELNode {
        var lhs = try multiplication()
        while isSymbol("+") || isSymbol("-") {
            let t = advance()
            guard case .symbol(let op) = t.kind else { break }
            lhs = CELNode(offset: t.offset, kind: .binary(op, lhs, try multiplication()))
        }
        return lhs
    }

    private mutating func multiplication() throws(CELError) -> CELNode {
        var lhs = try unary()
        while isSymbol("*") || isSymbol("/") || isSymbol("%") {
            let t = advance()
            guard case .symbol(let op) = t.kind else { break }
            lhs = CELNode(offset: t.offset, kind: .binary(op, lhs, try unary()))
        }
        return lhs
    }

    private mutating func unary() throws(CELError) -> CELNode {
        if isSymbol("!") || isSymbol("-") {
            let t = advance()
            guard case .symbol(let op) = t.kind else { return try member() }
            // Fold `-` into numeric literals so that the smallest int64 can be written.
            if op == "-", case .int(let i) = peek.kind {
                let lit = advance()
                return try memberSuffix(CELNode(offset: t.offset, kind: .literal(.int(-i))), startedAt: lit.offset)
            }
            if op == "-", case .double(let d) = peek.kind {
                let lit = advance()
                return try memberSuffix(CELNode(offset: t.offset, kind: .literal(.double(-d))), startedAt: lit.offset)
            }
            return CELNode(offset: t.offset, kind: .unary(op, try unary()))
        }
        return try member()
    }

    private mutating func member() throws(CELError) -> CELNode {
        let start = peek.offset
        return try memberSuffix(try primary(), startedAt: start)
    }

    private mutating func memberSuffix(_ base: CELNode, startedAt: Int) throws(CELError) -> CELNode {
        var node = base
        while true {
            if isSymbol(".") {
                let dot = advance().offset
                guard case .identifier(let name) = peek.kind else {
                    throw error(
                        "Syntax error: no viable alternative at input '.\(describe(peek).trimmingCharacters(in: ["'"]))'"
                    )
                }
                _ = advance()
                if isSymbol("(") {
                    _ = advance()
                    let args = try arguments(closing: ")")
                    node = try receiverCall(name, target: node, args: args, at: dot)
                } else {
                    node = CELNode(offset: dot, kind: .select(node, name))
                }
            } else if isSymbol("[") {
                let at = advance().offset
                let index = try expression()
                try expect("]")
                node = CELNode(offset: at, kind: .index(node, index))
            } else {
                return node
            }
        }
    }

    private mutating func arguments(closing: String) throws(CELError) -> [CELNode] {
        var args = [CELNode]()
        if isSymbol(closing) {
            _ = advance()
            return args
        }
        while true {
            args.append(try expression())
            if isSymbol(",") {
                _ = advance()
                // A trailing comma is allowed in list literals.
                if isSymbol(closing) && closing == "]" { break }
                continue
            }
            break
        }
        try expect(closing)
        return args
    }

    private mutating func primary() throws(CELError) -> CELNode {
        let t = advance()
        switch t.kind {
        case .int(let i): return CELNode(offset: t.offset, kind: .literal(.int(i)))
        case .uint(let u): return CELNode(offset: t.offset, kind: .literal(.uint(u)))
        case .double(let d): return CELNode(offset: t.offset, kind: .literal(.double(d)))
        case .string(let s): return CELNode(offset: t.offset, kind: .literal(.string(s)))
        case .bytes(let b): return CELNode(offset: t.offset, kind: .literal(.bytes(b)))
        case .identifier(let name):
            switch name {
            case "true": return CELNode(offset: t.offset, kind: .literal(.bool(true)))
            case "false": return CELNode(offset: t.offset, kind: .literal(.bool(false)))
            case "null": return CELNode(offset: t.offset, kind: .literal(.null))
            default: break
            }
            if Self.reserved.contains(name) || name == "in" {
                throw error("Syntax error: reserved identifier: \(name)", at: t.offset)
            }
            if isSymbol("(") {
                _ = advance()
                let args = try arguments(closing: ")")
                return try globalCall(name, args: args, at: t.offset)
            }
            return CELNode(offset: t.offset, kind: .ident(name))
        case .symbol("("):
            let e = try expression()
            try expect(")")
            return e
        case .symbol("["):
            return CELNode(offset: t.offset, kind: .list(try arguments(closing: "]")))
        case .symbol("{"):
            var entries = [CELNode.Entry]()
            if !isSymbol("}") {
                while true {
                    let key = try expression()
                    try expect(":")
                    entries.append(CELNode.Entry(key: key, value: try expression()))
                    if isSymbol(",") {
                        _ = advance()
                        if isSymbol("}") { break }
                        continue
                    }
                    break
                }
            }
            try expect("}")
            return CELNode(offset: t.offset, kind: .map(entries))
        case .symbol("."):
            // A leading dot names an identifier in the root scope: `.self` is `self`.
            guard case .identifier(let name) = peek.kind else {
                throw error("Syntax error: mismatched input \(describe(peek)) expecting IDENTIFIER")
            }
            _ = advance()
            return CELNode(offset: t.offset, kind: .ident(name))
        default:
            throw error("Syntax error: mismatched input \(describe(t)) expecting <expression>", at: t.offset)
        }
    }

    /// Expands the `has()` macro; other global calls stay calls.
    private func globalCall(_ name: String, args: [CELNode], at offset: Int) throws(CELError) -> CELNode {
        guard name == "has" else { return CELNode(offset: offset, kind: .call(name, target: nil, args: args)) }
        guard args.count == 1, case .select(let operand, let field) = args[0].kind else {
            throw error("invalid argument to has() macro", at: args.first?.offset ?? offset)
        }
        return CELNode(offset: offset, kind: .presence(operand, field))
    }

    /// Expands the comprehension macros; other receiver calls stay calls.
    private func receiverCall(_ name: String, target: CELNode, args: [CELNode], at offset: Int) throws(CELError)
        -> CELNode
    {
        let macroArity: [String: Set<Int>] = [
            "all": [2], "exists": [2], "exists_one": [2], "map": [2, 3], "filter": [2],
        ]
        guard let arities = macroArity[name], arities.contains(args.count) else {
            return CELNode(offset: offset, kind: .call(name, target: target, args: args))
        }
        guard case .ident(let variable) = args[0].kind else {
            throw error("argument must be a simple name", at: args[0].offset)
        }
        var c = CELNode.Comprehension(macro: name, variable: variable, range: target, predicate: nil, transform: nil)
        switch (name, args.count) {
        case ("map", 2): c.transform = args[1]
        case ("map", 3):
            c.predicate = args[1]
            c.transform = args[2]
        default: c.predicate = args[1]
        }
        return CELNode(offset: offset, kind: .comprehension(c))
    }
}
