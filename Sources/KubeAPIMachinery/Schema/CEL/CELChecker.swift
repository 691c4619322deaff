import Foundation

/// Type-checks a parsed CEL expression against the schema its rule is attached to, so that
/// a CRD with a rule the evaluator cannot run is rejected when it is created, as the API
/// server rejects rules that do not compile: unknown variables, fields and functions,
/// operators applied to the wrong types.
struct CELChecker {
    private var scopes: [[String: CELType]]
    private let source: String
    /// Whether the expression mentions `oldSelf` (a transition rule).
    private(set) var usesOldSelf = false

    init(selfType: CELType, source: String) {
        scopes = [["self": selfType, "oldSelf": selfType]]
        self.source = source
    }

    private func error(_ message: String, _ node: CELNode) -> CELError {
        CELError(message: message, offset: node.offset, source: source)
    }

    private func lookup(_ name: String) -> CELType? {
        for scope in scopes.reversed() {
            if let t = scope[name] { return t }
        }
        return nil
    }

    private func noOverload(_ name: String, _ args: [CELType], _ node: CELNode, receiver: CELType? = nil) -> CELError {
        let list = args.map(\.description).joined(separator: ", ")
        let applied = receiver.map { "\($0).(\(list))" } ?? "(\(list))"
        return error("found no matching overload for '\(name)' applied to '\(applied)'", node)
    }

    /// The type of `node`, or the first error in it.
    mutating func check(_ node: CELNode) throws(CELError) -> CELType {
        switch node.kind {
        case .literal(let v):
            switch v {
            case .null: return .null
            case .bool: return .bool
            case .int: return .int
            case .uint: return .uint
            case .double: return .double
            case .string: return .string
            case .bytes: return .bytes
            case .list: return .list(.dyn)
            case .map: return .map(.dyn, .dyn)
            case .type: return .type
            }
        case .ident(let name):
            guard let t = lookup(name) else {
                throw error("undeclared reference to '\(name)' (in container '')", node)
            }
            if name == "oldSelf" && !isShadowed(name) { usesOldSelf = true }
            return t
        case .select(let operand, let field):
            return try fieldType(of: try check(operand), field: field, node: node)
        case .presence(let operand, let field):
            let t = try check(operand)
            if case .map = t { return .bool }
            _ = try fieldType(of: t, field: field, node: node)
            return .bool
        case .index(let operand, let index):
            let base = try check(operand)
            let i = try check(index)
            switch base {
            case .list(let e):
                guard i.isAssignable(to: .int) || i.isAssignable(to: .uint) else {
                    throw noOverload("_[_]", [base, i], node)
                }
                return e
            case .map(let k, let v):
                guard i.isAssignable(to: k) else { throw noOverload("_[_]", [base, i], node) }
                return v
            case .dyn: return .dyn
            case .object(let o):
                // `self['name']` selects a field by name.
                if case .literal(.string(let name)) = index.kind, let t = o.field(name) { return t }
                throw noOverload("_[_]", [base, i], node)
            default:
                throw noOverload("_[_]", [base, i], node)
            }
        case .call(let name, let target, let args):
            let receiver = try target.map { (t: CELNode) throws(CELError) -> CELType in try check(t) }
            var argTypes = [CELType]()
            for a in args { argTypes.append(try check(a)) }
            return try callType(name, receiver: receiver, args: argTypes, node: node)
        case .list(let items):
            var elem: CELType?
            for item in items {
                let t = try check(item)
                if let e = elem, !t.isAssignable(to: e) || !e.isAssignable(to: t) {
                    elem = .dyn
                } else if elem == nil {
                    elem = t
                }
            }
            return .list(elem ?? .dyn)
        case .map(let entries):
            var keyType: CELType?
            var valueType: CELType?
            for entry in entries {
                let k = try check(entry.key)
                switch k {
                case .int, .uint, .bool, .string, .dyn: break
                default: throw error("unsupported map key type: \(k)", entry.key)
                }
                let v = try check(entry.value)
                keyType = keyType.map { $0.isAssignable(to: k) ? $0 : .dyn } ?? k
                valueType = valueType.map { $0.isAssignable(to: v) && v.isAssignable(to: $0) ? $0 : .dyn } ?? v
            }
            return .map(keyType ?? .dyn, valueType ?? .dyn)
        case .unary(let op, let operand):
            let t = try check(operand)
            if op == "!" {
                guard t.isAssignable(to: .bool) else { throw noOverload("!_", [t], node) }
                return .bool
            }
            switch t {
            case .int, .double, .dyn: return t
            default: throw noOverload("-_", [t], node)
            }
        case .binary(let op, let lhs, let rhs):
            return try binaryType(op, try check(lhs), try check(rhs), node: node)
        case .conditional(let c, let a, let b):
            let ct = try check(c)
            let at = try check(a)
            let bt = try check(b)
            guard ct.isAssignable(to: .bool) else { throw noOverload("_?_:_", [ct, at, bt], node) }
            if at.isDyn { return bt }
            if bt.isDyn { return at }
            guard at.isAssignable(to: bt) else { throw noOverload("_?_:_", [ct, at, bt], node) }
            if case .null = at { return bt }
            return at
        case .comprehension(let c):
            let rangeType = try check(c.range)
            let elem: CELType
            switch rangeType {
            case .list(let e): elem = e
            case .map(let k, _): elem = k
            case .dyn: elem = .dyn
            default:
                throw error(
                    "expression of type '\(rangeType)' cannot be range of a comprehension "
                        + "(must be list, map, or dynamic)", c.range)
            }
            scopes.append([c.variable: elem])
            defer { scopes.removeLast() }
            if let p = c.predicate {
                let pt = try check(p)
                guard pt.isAssignable(to: .bool) else { throw noOverload("_&&_", [.bool, pt], p) }
            }
            switch c.macro {
            case "map":
                guard let transform = c.transform else { return .list(.dyn) }
                return .list(try check(transform))
            case "filter":
                return .list(elem)
            default:
                return .bool
            }
        }
    }

    private func isShadowed(_ name: String) -> Bool {
        scopes.dropFirst().contains { $0[name] != nil }
    }

    private func fieldType(of t: CELType, field: String, node: CELNode) throws(CELError) -> CELType {
        switch t {
        case .object(let o):
            guard let f = o.field(field) else { throw error("undefined field '\(field)'", node) }
            return f
        case .map(let k, let v):
            guard k.isAssignable(to: .string) else { throw error("type '\(t)' does not support field selection", node) }
            return v
        case .dyn:
            return .dyn
        default:
            throw error("type '\(t)' does not support field selection", node)
        }
    }

    private func binaryType(_ op: String, _ l: CELType, _ r: CELType, node: CELNode) throws(CELError) -> CELType {
        let name = op == "in" ? "@in" : "_\(op)_"
        switch op {
        case "&&", "||":
            guard l.isAssignable(to: .bool), r.isAssignable(to: .bool) else { throw noOverload(name, [l, r], node) }
            return .bool
        case "==", "!=":
            if l.isAssignable(to: r) || (l.isNumeric && r.isNumeric) { return .bool }
            throw noOverload(name, [l, r], node)
        case "<", "<=", ">", ">=":
            if l.isDyn || r.isDyn || (l.isNumeric && r.isNumeric) { return .bool }
            switch (l, r) {
            case (.string, .string), (.bool, .bool), (.bytes, .bytes): return .bool
            default: throw noOverload(name, [l, r], node)
            }
        case "in":
            switch r {
            case .list(let e):
                if l.isAssignable(to: e) || (l.isNumeric && e.isNumeric) { return .bool }
            case .map(let k, _):
                if l.isAssignable(to: k) || (l.isNumeric && k.isNumeric) { return .bool }
            case .dyn:
                return .bool
            default: break
            }
            throw noOverload(name, [l, r], node)
        case "+":
            if l.isDyn { return r }
            if r.isDyn { return l }
            switch (l, r) {
            case (.int, .int), (.uint, .uint), (.double, .double), (.string, .string), (.bytes, .bytes): return l
            case (.list(let a), .list(let b)):
                return .list(a.isAssignable(to: b) && b.isAssignable(to: a) ? a : .dyn)
            default: throw noOverload(name, [l, r], node)
            }
        default:  // - * / %
            if l.isDyn { return r.isNumeric ? r : .dyn }
            if r.isDyn { return l.isNumeric ? l : .dyn }
            switch (l, r) {
            case (.int, .int), (.uint, .uint): return l
            case (.double, .double) where op != "%": return l
            default: throw noOverload(name, [l, r], node)
            }
        }
    }

    // MARK: Functions

    /// The functions the evaluator implements, with the receiver types they accept.
    static let receiverFunctions: Set<String> = [
        "size", "matches", "startsWith", "endsWith", "contains", "lowerAscii", "upperAscii", "trim", "charAt",
        "indexOf", "lastIndexOf", "substring", "replace", "split", "join", "isSorted", "sum", "min", "max",
    ]
    static let globalFunctions: Set<String> = [
        "size", "matches", "int", "uint", "double", "string", "bool", "bytes", "dyn", "type", "duration",
    ]

    private func callType(_ name: String, receiver: CELType?, args: [CELType], node: CELNode) throws(CELError)
        -> CELType
    {
        guard let recv = receiver else {
            guard Self.globalFunctions.contains(name) else {
                throw error("undeclared reference to '\(name)' (in container '')", node)
            }
            guard let t = globalResult(name, args) else { throw noOverload(name, args, node) }
            return t
        }
        guard Self.receiverFunctions.contains(name) else {
            throw error("undeclared reference to '\(name)' (in container '')", node)
        }
        if recv.isDyn { return receiverResult(name, .dyn, args) ?? .dyn }
        guard let t = receiverResult(name, recv, args) else { throw noOverload(name, args, node, receiver: recv) }
        return t
    }

    private func globalResult(_ name: String, _ args: [CELType]) -> CELType? {
        guard args.count == 1 || (name == "matches" && args.count == 2) else { return nil }
        let a = args[0]
        switch name {
        case "size":
            switch a {
            case .string, .bytes, .list, .map, .dyn: return .int
            default: return nil
            }
        case "matches":
            return a.isAssignable(to: .string) && args[1].isAssignable(to: .string) ? .bool : nil
        case "int", "uint", "double":
            switch a {
            case .int, .uint, .double, .string, .dyn:
                return name == "int" ? .int : (name == "uint" ? .uint : .double)
            default: return nil
            }
        case "string":
            switch a {
            case .int, .uint, .double, .bool, .string, .bytes, .dyn: return .string
            default: return nil
            }
        case "bool":
            switch a {
            case .bool, .string, .dyn: return .bool
            default: return nil
            }
        case "bytes":
            switch a {
            case .string, .bytes, .dyn: return .bytes
            default: return nil
            }
        case "dyn": return .dyn
        case "type": return .type
        case "duration":
            // Durations are evaluated as nanosecond counts: comparisons and equality behave as
            // CEL's duration type does, which is what CRD rules use them for.
            switch a {
            case .string, .dyn: return .int
            default: return nil
            }
        default: return nil
        }
    }

    private func receiverResult(_ name: String, _ recv: CELType, _ args: [CELType]) -> CELType? {
        let isString = recv.isAssignable(to: .string)
        func argsAre(_ types: [CELType]) -> Bool {
            args.count == types.count && zip(args, types).allSatisfy { $0.isAssignable(to: $1) }
        }
        switch name {
        case "size":
            guard args.isEmpty else { return nil }
            switch recv {
            case .string, .bytes, .list, .map, .dyn: return .int
            default: return nil
            }
        case "matches", "startsWith", "endsWith", "contains":
            return isString && argsAre([.string]) ? .bool : nil
        case "lowerAscii", "upperAscii", "trim":
            return isString && args.isEmpty ? .string : nil
        case "charAt":
            return isString && argsAre([.int]) ? .string : nil
        case "substring":
            return isString && (argsAre([.int]) || argsAre([.int, .int])) ? .string : nil
        case "replace":
            return isString && (argsAre([.string, .string]) || argsAre([.string, .string, .int])) ? .string : nil
        case "split":
            return isString && (argsAre([.string]) || argsAre([.string, .int])) ? .list(.string) : nil
        case "indexOf", "lastIndexOf":
            if isString { return argsAre([.string]) || argsAre([.string, .int]) ? .int : nil }
            if case .list(let e) = recv, args.count == 1, args[0].isAssignable(to: e) { return .int }
            return nil
        case "join":
            guard case .list(let e) = recv, e.isAssignable(to: .string) else { return recv.isDyn ? .string : nil }
            return args.isEmpty || argsAre([.string]) ? .string : nil
        case "isSorted":
            if case .list = recv, args.isEmpty { return .bool }
            return nil
        case "sum", "min", "max":
            guard case .list(let e) = recv, args.isEmpty else { return nil }
            if name == "sum" { return e.isNumeric || e.isDyn ? e : nil }
            return e
        default:
            return nil
        }
    }
}
