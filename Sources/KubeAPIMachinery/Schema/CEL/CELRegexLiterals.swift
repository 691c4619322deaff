import Foundation

/// The constant patterns of `matches()` calls in an expression, compiled once when the rule
/// is compiled: a bad pattern is then a CRD error rather than a failure of every object, and
/// rules evaluated per list item do not recompile it.
enum CELRegexLiterals {
    /// Compiles every literal pattern; throws the first invalid one as a compilation error.
    static func compile(_ node: CELNode, source: String) throws(CELError) -> [String: ECMARegex] {
        var found = [(String, Int)]()
        collect(node, into: &found)
        var regexes = [String: ECMARegex]()
        for (pattern, offset) in found where regexes[pattern] == nil {
            do {
                regexes[pattern] = try ECMARegex(pattern)
            } catch {
                throw CELError(message: error.description, offset: offset, source: source)
            }
        }
        return regexes
    }

    private static func collect(_ node: CELNode, into found: inout [(String, Int)]) {
        switch node.kind {
        case .literal, .ident:
            break
        case .select(let operand, _), .presence(let operand, _), .unary(_, let operand):
            collect(operand, into: &found)
        case .index(let a, let b), .binary(_, let a, let b):
            collect(a, into: &found)
            collect(b, into: &found)
        case .call(let name, let target, let args):
            if name == "matches", let pattern = args.last, case .literal(.string(let p)) = pattern.kind,
                args.count == (target == nil ? 2 : 1)
            {
                found.append((p, pattern.offset))
            }
            if let target { collect(target, into: &found) }
            for a in args { collect(a, into: &found) }
        case .list(let items):
            for i in items { collect(i, into: &found) }
        case .map(let entries):
            for e in entries {
                collect(e.key, into: &found)
                collect(e.value, into: &found)
            }
        case .conditional(let c, let a, let b):
            collect(c, into: &found)
            collect(a, into: &found)
            collect(b, into: &found)
        case .comprehension(let c):
            collect(c.range, into: &found)
            if let p = c.predicate { collect(p, into: &found) }
            if let t = c.transform { collect(t, into: &found) }
        }
    }
}
