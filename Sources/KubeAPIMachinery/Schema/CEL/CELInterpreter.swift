import Foundation

/// Evaluates a checked CEL expression over values bound to `self` and `oldSelf`.
///
/// Errors follow CEL: `&&` and `||` absorb an error when the other side decides the result,
/// `all` and `exists` likewise; anything else propagates.
final class CELInterpreter {
    private var scopes: [[String: CELValue]]
    private var regexes: [String: ECMARegex] = [:]

    /// - Parameter regexes: patterns compiled in advance (the rule's literal patterns).
    init(variables: [String: CELValue], regexes: [String: ECMARegex] = [:]) {
        scopes = [variables]
        self.regexes = regexes
    }

    private func lookup(_ name: String) -> CELValue? {
        for scope in scopes.reversed() {
            if let v = scope[name] { return v }
        }
        return nil
    }

    func eval(_ node: CELNode) throws(CELRuntimeError) -> CELValue {
        switch node.kind {
        case .literal(let v):
            return v
        case .ident(let name):
            guard let v = lookup(name) else { throw CELRuntimeError(message: "no such attribute: \(name)") }
            return v
        case .select(let operand, let field):
            let base = try eval(operand)
            guard case .map(let m) = base else {
                throw CELRuntimeError(message: "no such overload: \(base.typeName).\(field)")
            }
            if let v = m[.string(field)] { return v }
            let unescaped = CELNames.unescape(field)
            if let v = m[.string(unescaped)] { return v }
            throw CELRuntimeError(message: "no such key: \(unescaped)")
        case .presence(let operand, let field):
            let base = try eval(operand)
            guard case .map(let m) = base else {
                throw CELRuntimeError(message: "no such overload: has(\(base.typeName).\(field))")
            }
            let v = m[.string(field)] ?? m[.string(CELNames.unescape(field))]
            if let v, case .null = v { return .bool(false) }
            return .bool(v != nil)
        case .index(let operand, let indexNode):
            let base = try eval(operand)
            let index = try eval(indexNode)
            return try Self.index(base, index)
        case .call(let name, let target, let args):
            let receiver = try target.map { (t: CELNode) throws(CELRuntimeError) -> CELValue in try eval(t) }
            var values = [CELValue]()
            for a in args { values.append(try eval(a)) }
            return try call(name, receiver: receiver, args: values)
        case .list(let items):
            var values = [CELValue]()
            for item in items { values.append(try eval(item)) }
            return .list(values, unordered: false)
        case .map(let entries):
            var m = CELMap()
            for entry in entries {
                let k = try eval(entry.key)
                guard let key = CELMapKey(k) else {
                    throw CELRuntimeError(message: "unsupported key type: \(k.typeName)")
                }
                if m[key] != nil { throw CELRuntimeError(message: "Failed with repeated key") }
                m.set(key, try eval(entry.value))
            }
            return .map(m)
        case .unary(let op, let operand):
            let v = try eval(operand)
            switch (op, v) {
            case ("!", .bool(let b)): return .bool(!b)
            case ("-", .int(let i)):
                guard i != .min else { throw CELRuntimeError(message: "integer overflow") }
                return .int(-i)
            case ("-", .double(let d)): return .double(-d)
            default: throw CELRuntimeError(message: "no such overload: \(op)\(v.typeName)")
            }
        case .binary("&&", let lhs, let rhs):
            return try logical(lhs, rhs, decisive: false)
        case .binary("||", let lhs, let rhs):
            return try logical(lhs, rhs, decisive: true)
        case .binary(let op, let lhs, let rhs):
            return try Self.binary(op, try eval(lhs), try eval(rhs))
        case .conditional(let c, let a, let b):
            let cond = try eval(c)
            guard let flag = cond.boolValue else {
                throw CELRuntimeError(message: "no such overload: \(cond.typeName) ? _ : _")
            }
            return try eval(flag ? a : b)
        case .comprehension(let c):
            return try comprehension(c)
        }
    }

    /// `&&` (decisive value `false`) and `||` (decisive value `true`), commutative with
    /// respect to errors as CEL requires.
    private func logical(_ lhs: CELNode, _ rhs: CELNode, decisive: Bool) throws(CELRuntimeError) -> CELValue {
        var firstError: CELRuntimeError?
        for side in [lhs, rhs] {
            do throws(CELRuntimeError) {
                let v = try eval(side)
                guard let b = v.boolValue else {
                    throw CELRuntimeError(message: "no such overload: \(decisive ? "_||_" : "_&&_")(\(v.typeName))")
                }
                if b == decisive { return .bool(decisive) }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
        return .bool(!decisive)
    }

    private func comprehension(_ c: CELNode.Comprehension) throws(CELRuntimeError) -> CELValue {
        let range = try eval(c.range)
        let elements: [CELValue]
        switch range {
        case .list(let items, _): elements = items
        case .map(let m): elements = m.keys.map(\.value)
        default:
            throw CELRuntimeError(message: "expression of type '\(range.typeName)' cannot be range of a comprehension")
        }
        scopes.append([:])
        defer { scopes.removeLast() }
        func bind(_ v: CELValue) { scopes[scopes.count - 1] = [c.variable: v] }
        func test(_ node: CELNode?) throws(CELRuntimeError) -> Bool {
            guard let node else { return true }
            let v = try eval(node)
            guard let b = v.boolValue else { throw CELRuntimeError(message: "no such overload: \(v.typeName)") }
            return b
        }
        switch c.macro {
        case "all", "exists":
            let decisive = c.macro == "exists"
            var firstError: CELRuntimeError?
            for e in elements {
                bind(e)
                do throws(CELRuntimeError) {
                    if try test(c.predicate) == decisive { return .bool(decisive) }
                } catch {
                    if firstError == nil { firstError = error }
                }
            }
            if let firstError { throw firstError }
            return .bool(!decisive)
        case "exists_one":
            var count = 0
            for e in elements {
                bind(e)
                if try test(c.predicate) { count += 1 }
            }
            return .bool(count == 1)
        case "filter":
            var out = [CELValue]()
            for e in elements {
                bind(e)
                if try test(c.predicate) { out.append(e) }
            }
            return .list(out, unordered: false)
        default:  // map
            var out = [CELValue]()
            for e in elements {
                bind(e)
                guard try test(c.predicate), let transform = c.transform else { continue }
                out.append(try eval(transform))
            }
            return .list(out, unordered: false)
        }
    }

    /// A compiled regular expression, cached for the life of this interpreter.
    func regex(_ pattern: String) throws(CELRuntimeError) -> ECMARegex {
        if let r = regexes[pattern] { return r }
        do {
            let r = try ECMARegex(pattern)
            regexes[pattern] = r
            return r
        } catch {
            throw CELRuntimeError(message: error.description)
        }
    }

    // MARK: Operators

    static func index(_ base: CELValue, _ index: CELValue) throws(CELRuntimeError) -> CELValue {
        switch base {
        case .list(let items, _):
            let i: Int64
            switch index {
            case .int(let v): i = v
            case .uint(let u): i = Int64(clamping: u)
            case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: i = Int64(d)
            default: throw CELRuntimeError(message: "unsupported index type '\(index.typeName)' in list")
            }
            guard i >= 0, i < Int64(items.count) else { throw CELRuntimeError(message: "index out of bounds: \(i)") }
            return items[Int(i)]
        case .map(let m):
            guard let key = CELMapKey(index) else {
                throw CELRuntimeError(message: "unsupported key type: \(index.typeName)")
            }
            guard let v = m[key] else {
                let shown = (try? index.stringConversion()) ?? index.typeName
                throw CELRuntimeError(message: "no such key: \(shown)")
            }
            return v
        default:
            throw CELRuntimeError(message: "no such overload: \(base.typeName)[\(index.typeName)]")
        }
    }

    static func binary(_ op: String, _ l: CELValue, _ r: CELValue) throws(CELRuntimeError) -> CELValue {
        switch op {
        case "==": return .bool(CELValue.equal(l, r))
        case "!=": return .bool(!CELValue.equal(l, r))
        case "<", "<=", ">", ">=":
            guard let c = CELValue.compare(l, r) else {
                throw CELRuntimeError(message: "no such overload: \(l.typeName) \(op) \(r.typeName)")
            }
            switch op {
            case "<": return .bool(c == .orderedAscending)
            case "<=": return .bool(c != .orderedDescending)
            case ">": return .bool(c == .orderedDescending)
            default: return .bool(c != .orderedAscending)
            }
        case "in":
            switch r {
            case .list(let items, _): return .bool(items.contains { CELValue.equal(l, $0) })
            case .map(let m): return .bool(CELMapKey(l).map { m[$0] != nil } ?? false)
            default: throw CELRuntimeError(message: "no such overload: \(l.typeName) in \(r.typeName)")
            }
        default:
            return try arithmetic(op, l, r)
        }
    }

    private static func arithmetic(_ op: String, _ l: CELValue, _ r: CELValue) throws(CELRuntimeError) -> CELValue {
        switch (l, r) {
        case (.int(let a), .int(let b)):
            let result: (partialValue: Int64, overflow: Bool)
            switch op {
            case "+": result = a.addingReportingOverflow(b)
            case "-": result = a.subtractingReportingOverflow(b)
            case "*": result = a.multipliedReportingOverflow(by: b)
            case "/":
                guard b != 0 else { throw CELRuntimeError(message: "division by zero") }
                result = a.dividedReportingOverflow(by: b)
            case "%":
                guard b != 0 else { throw CELRuntimeError(message: "modulus by zero") }
                result = a.remainderReportingOverflow(dividingBy: b)
            default: throw CELRuntimeError(message: "no such overload: int \(op) int")
            }
            if result.overflow { throw CELRuntimeError(message: "integer overflow") }
            return .int(result.partialValue)
        case (.uint(let a), .uint(let b)):
            let result: (partialValue: UInt64, overflow: Bool)
            switch op {
            case "+": result = a.addingReportingOverflow(b)
            case "-": result = a.subtractingReportingOverflow(b)
            case "*": result = a.multipliedReportingOverflow(by: b)
            case "/":
                guard b != 0 else { throw CELRuntimeError(message: "division by zero") }
                result = a.dividedReportingOverflow(by: b)
            case "%":
                guard b != 0 else { throw CELRuntimeError(message: "modulus by zero") }
                result = a.remainderReportingOverflow(dividingBy: b)
            default: throw CELRuntimeError(message: "no such overload: uint \(op) uint")
            }
            if result.overflow { throw CELRuntimeError(message: "unsigned integer overflow") }
            return .uint(result.partialValue)
        case (.double(let a), .double(let b)):
            switch op {
            case "+": return .double(a + b)
            case "-": return .double(a - b)
            case "*": return .double(a * b)
            case "/": return .double(a / b)
            default: break
            }
        case (.string(let a), .string(let b)) where op == "+":
            return .string(a + b)
        case (.bytes(let a), .bytes(let b)) where op == "+":
            return .bytes(a + b)
        case (.list(let a, _), .list(let b, _)) where op == "+":
            return .list(a + b, unordered: false)
        default:
            break
        }
        throw CELRuntimeError(message: "no such overload: \(l.typeName) \(op) \(r.typeName)")
    }
}
