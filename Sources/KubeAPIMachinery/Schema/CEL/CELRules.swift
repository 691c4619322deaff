import Foundation
import KubeCore

/// An `x-kubernetes-validations` rule, parsed and type-checked.
struct CompiledRule: Sendable {
    var declaration: StructuralSchema.ValidationRule
    var program: CELNode
    var messageProgram: CELNode?
    /// A transition rule: evaluated only on update, when the old value exists.
    var usesOldSelf: Bool
    /// Where a failure points, relative to the node (from `fieldPath`).
    var fieldPath: FieldPath?
    /// The constant patterns of `matches()` calls, compiled.
    var regexes: [String: ECMARegex] = [:]
}

/// The compiled rules of a whole schema, by node.
struct CELRuleSet: Sendable {
    private var rules: [ObjectIdentifier: [CompiledRule]] = [:]
    /// The nodes with a rule at or below them: validation descends only into these, so a
    /// write to a part of an object no rule covers (a status, say) costs no walk.
    private var nodesWithRules: Set<ObjectIdentifier> = []

    var isEmpty: Bool { rules.isEmpty }

    /// Records whether `node` has rules at or below it; called for each node after its
    /// children (properties, additionalProperties, items) have been compiled and recorded.
    mutating func recordSubtree(of node: StructuralSchema) {
        let below =
            node.properties.values.contains { nodesWithRules.contains(ObjectIdentifier($0)) }
            || node.additionalPropertiesSchema.map { nodesWithRules.contains(ObjectIdentifier($0)) } == true
            || node.items.map { nodesWithRules.contains(ObjectIdentifier($0)) } == true
        if below || rules[ObjectIdentifier(node)] != nil { nodesWithRules.insert(ObjectIdentifier(node)) }
    }

    /// The reasons a rule may give.
    static let supportedReasons = [
        "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired",
    ]

    // MARK: Compilation

    /// The problems with the declaration of a rule that need no compilation (empty rule,
    /// message with line breaks, unknown reason, bad `fieldPath`), reported with the schema's
    /// other errors.
    static func declarationErrors(
        _ rule: StructuralSchema.ValidationRule, node: StructuralSchema, path: FieldPath
    ) -> [FieldError] {
        var errors = [FieldError]()
        let trimmedRule = rule.rule.trimmingCharacters(in: .whitespaces)
        let trimmedMessage = rule.message?.trimmingCharacters(in: .whitespaces) ?? ""
        if trimmedRule.isEmpty {
            errors.append(.required(path.child("rule"), "rule is not specified"))
        } else if let m = rule.message, !m.isEmpty, trimmedMessage.isEmpty {
            errors.append(.invalid(path.child("message"), .string(m), "message must be non-empty if specified"))
        } else if trimmedMessage.contains(where: \.isNewline) {
            errors.append(
                .invalid(path.child("message"), .string(rule.message ?? ""), "message must not contain line breaks"))
        } else if trimmedRule.contains(where: \.isNewline) && trimmedMessage.isEmpty {
            errors.append(.required(path.child("message"), "message must be specified if rule contains line breaks"))
        }
        if let me = rule.messageExpression, !me.isEmpty, me.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(
                .required(path.child("messageExpression"), "messageExpression must be non-empty if specified"))
        }
        if let reason = rule.reason, !supportedReasons.contains(reason) {
            errors.append(.notSupported(path.child("reason"), .string(reason), supported: supportedReasons))
        }
        if let fp = rule.fieldPath {
            if fp.trimmingCharacters(in: .whitespaces).isEmpty {
                errors.append(
                    .invalid(path.child("fieldPath"), .string(fp), "fieldPath must be non-empty if specified"))
            } else if fp.contains(where: \.isNewline) {
                errors.append(.invalid(path.child("fieldPath"), .string(fp), "fieldPath must not contain line breaks"))
            } else if RuleFieldPath.parse(fp, in: node) == nil {
                errors.append(.invalid(path.child("fieldPath"), .string(fp), "fieldPath must be a valid path"))
            }
        }
        return errors
    }

    /// Compiles the rules of one node (`path` is the node's schema path) and keeps those that
    /// compile; returns the compilation errors. `uncorrelatable` is the path of the nearest
    /// enclosing part of the schema whose values cannot be matched with old values, where
    /// `oldSelf` is not allowed.
    mutating func compileRules(
        of node: StructuralSchema, resourceRoot: Bool, path: FieldPath, uncorrelatable: FieldPath?
    ) -> [FieldError] {
        var errors = [FieldError]()
        var compiled = [CompiledRule]()
        let selfType = CELType.of(node, resourceRoot: resourceRoot)
        for (i, rule) in node.validationRules.enumerated() {
            let rulePath = path.child("x-kubernetes-validations").index(i)
            guard Self.declarationErrors(rule, node: node, path: rulePath).isEmpty else { continue }
            if let c = Self.compile(
                rule, node: node, selfType: selfType, path: rulePath, uncorrelatable: uncorrelatable, errors: &errors)
            {
                compiled.append(c)
            }
        }
        if !compiled.isEmpty { rules[ObjectIdentifier(node)] = compiled }
        return errors
    }

    private static func compile(
        _ rule: StructuralSchema.ValidationRule, node: StructuralSchema, selfType: CELType, path: FieldPath,
        uncorrelatable: FieldPath?, errors: inout [FieldError]
    ) -> CompiledRule? {
        let before = errors.count
        let fieldPath = rule.fieldPath.flatMap { RuleFieldPath.parse($0, in: node) }
        let program: CELNode
        let usesOldSelf: Bool
        var regexes = [String: ECMARegex]()
        do {
            program = try CELParser.parse(rule.rule)
            var checker = CELChecker(selfType: selfType, source: rule.rule)
            let type = try checker.check(program)
            regexes = try CELRegexLiterals.compile(program, source: rule.rule)
            usesOldSelf = checker.usesOldSelf
            guard case .bool = type else {
                errors.append(.invalid(path.child("rule"), rule.json, "cel expression must evaluate to a bool"))
                return nil
            }
        } catch {
            errors.append(.invalid(path.child("rule"), rule.json, "compilation failed: \(error)"))
            return nil
        }
        var messageProgram: CELNode?
        if let me = rule.messageExpression, !me.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                let p = try CELParser.parse(me)
                var checker = CELChecker(selfType: selfType, source: me)
                switch try checker.check(p) {
                case .string, .dyn:
                    messageProgram = p
                    regexes.merge(try CELRegexLiterals.compile(p, source: me)) { a, _ in a }
                default:
                    errors.append(
                        .invalid(
                            path.child("messageExpression"), rule.json, "messageExpression must evaluate to a string"))
                }
            } catch {
                errors.append(
                    .invalid(
                        path.child("messageExpression"), rule.json, "messageExpression compilation failed: \(error)"))
            }
        }
        if usesOldSelf, let uncorrelatable {
            errors.append(
                .invalid(
                    path.child("rule"), .string(rule.rule),
                    "oldSelf cannot be used on the uncorrelatable portion of the schema within \(uncorrelatable)"))
        } else if !usesOldSelf, let optional = rule.optionalOldSelf {
            errors.append(
                .invalid(
                    path.child("optionalOldSelf"), .bool(optional), "may not be set if oldSelf is not used in rule"))
        }
        guard errors.count == before else { return nil }
        return CompiledRule(
            declaration: rule, program: program, messageProgram: messageProgram, usesOldSelf: usesOldSelf,
            fieldPath: fieldPath, regexes: regexes)
    }

    // MARK: Evaluation

    /// The failures of the rules over an object.
    struct Outcome {
        var errors: [FieldError] = []
        /// Failures of rules over parts unchanged by an update: ratcheted, the server reports
        /// them as warnings only.
        var warnings: [String] = []
    }

    /// Evaluates every rule that applies to `object` (and, for transition rules, to the
    /// corresponding parts of `old`), returning the failures as the API server reports them.
    func validate(_ object: JSONValue, old: JSONValue?, schema: StructuralSchema) -> Outcome {
        var outcome = Outcome()
        guard !rules.isEmpty else { return outcome }
        validate(object, old: old, schema: schema, path: .root, outcome: &outcome)
        return outcome
    }

    private func validate(
        _ value: JSONValue, old: JSONValue?, schema: StructuralSchema, path: FieldPath, outcome: inout Outcome
    ) {
        // Rules see only non-null values, as in Kubernetes.
        if case .null = value { return }
        guard nodesWithRules.contains(ObjectIdentifier(schema)) else { return }
        let oldValue: JSONValue? = old.flatMap { $0.isNull ? nil : $0 }
        if let nodeRules = rules[ObjectIdentifier(schema)] {
            for rule in nodeRules {
                evaluate(rule, value: value, old: oldValue, schema: schema, path: path, outcome: &outcome)
            }
        }
        switch value {
        case .object(let members):
            // Fields of an atomic map are not correlated with their old values.
            let oldMembers = schema.mapType == "atomic" ? nil : oldValue?.objectValue
            for key in members.keys.sorted() {
                guard let child = members[key] else { continue }
                if let p = schema.properties[key] {
                    validate(child, old: oldMembers?[key], schema: p, path: path.child(key), outcome: &outcome)
                } else if let ap = schema.additionalPropertiesSchema {
                    validate(child, old: oldMembers?[key], schema: ap, path: path.key(key), outcome: &outcome)
                }
            }
        case .array(let items):
            guard let itemSchema = schema.items else { return }
            let oldItems = schema.listType == "map" ? oldValue?.arrayValue : nil
            for (i, item) in items.enumerated() {
                let oldItem = oldItems.flatMap { ListMapKeys.match(item, in: $0, keys: schema.listMapKeys) }
                validate(item, old: oldItem, schema: itemSchema, path: path.index(i), outcome: &outcome)
            }
        default:
            break
        }
    }

    private func evaluate(
        _ rule: CompiledRule, value: JSONValue, old: JSONValue?, schema: StructuralSchema, path: FieldPath,
        outcome: inout Outcome
    ) {
        // Transition rules run only when there is an old value to compare with.
        if rule.usesOldSelf && old == nil { return }
        let ratcheted = !rule.usesOldSelf && old.map { JSONSemantics.equal($0, value) } == true
        var errors = [FieldError]()
        defer {
            if ratcheted {
                outcome.warnings += errors.map(\.description)
            } else {
                outcome.errors += errors
            }
        }
        var variables = ["self": CELValue(json: value, schema: schema)]
        if let old { variables["oldSelf"] = CELValue(json: old, schema: schema) }
        let interpreter = CELInterpreter(variables: variables, regexes: rule.regexes)
        let typeValue = JSONValue.string(schema.intOrString ? "" : schema.type)
        let ruleText = Self.ruleErrorString(rule.declaration)
        let result: CELValue
        do {
            result = try interpreter.eval(rule.program)
        } catch {
            errors.append(.invalid(path, typeValue, "\(error.message) evaluating rule: \(ruleText)"))
            return
        }
        guard let passed = result.boolValue else {
            errors.append(.invalid(path, typeValue, "no such overload evaluating rule: \(ruleText)"))
            return
        }
        if passed { return }

        let errorPath = rule.fieldPath.map { path.appending($0) } ?? path
        var detail: String?
        if let m = rule.messageProgram, case .string(let s)? = try? interpreter.eval(m) {
            let trimmed = s.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, !trimmed.contains(where: \.isNewline), trimmed.utf8.count <= 5 * 1024 {
                detail = trimmed
            }
        }
        let message = detail ?? Self.ruleMessageOrDefault(rule.declaration)
        switch rule.declaration.reason {
        case "FieldValueForbidden"?: errors.append(.forbidden(errorPath, message))
        case "FieldValueRequired"?: errors.append(.required(errorPath, message))
        case "FieldValueDuplicate"?: errors.append(.duplicate(errorPath, typeValue))
        default: errors.append(.invalid(errorPath, typeValue, message))
        }
    }

    /// The message of a failed rule: its `message`, or `failed rule: <rule>`.
    static func ruleMessageOrDefault(_ rule: StructuralSchema.ValidationRule) -> String {
        if let m = rule.message, !m.isEmpty { return m.trimmingCharacters(in: .whitespaces) }
        return "failed rule: " + ruleErrorString(rule)
    }

    /// How a rule is named in evaluation errors: its message if it has one, else its text.
    static func ruleErrorString(_ rule: StructuralSchema.ValidationRule) -> String {
        if let m = rule.message, !m.isEmpty { return m.trimmingCharacters(in: .whitespaces) }
        return rule.rule.trimmingCharacters(in: .whitespaces)
    }
}

/// The `fieldPath` of a rule: a JSON path relative to the node, of field names (`.a.b`) and
/// quoted map keys or names (`['a.b']`), that must lead to a declared field.
enum RuleFieldPath {
    static func parse(_ text: String, in schema: StructuralSchema) -> FieldPath? {
        var chars = Array(text)[...]
        var node: StructuralSchema? = schema
        var path = FieldPath.root
        while let c = chars.first {
            var name: String
            if c == "." {
                chars = chars.dropFirst()
                let ident = chars.prefix { $0 != "." && $0 != "[" && $0 != "]" }
                guard !ident.isEmpty else { return nil }
                name = String(ident)
                chars = chars.dropFirst(ident.count)
            } else if c == "[" {
                chars = chars.dropFirst()
                guard chars.first == "'" else { return nil }
                chars = chars.dropFirst()
                var s = ""
                while let d = chars.first, d != "'" {
                    if d == "\\", let e = chars.dropFirst().first {
                        s.append(e)
                        chars = chars.dropFirst(2)
                        continue
                    }
                    s.append(d)
                    chars = chars.dropFirst()
                }
                guard chars.first == "'" else { return nil }
                chars = chars.dropFirst()
                guard chars.first == "]" else { return nil }
                chars = chars.dropFirst()
                name = s
            } else {
                return nil
            }
            guard let current = node else { return nil }
            if !current.properties.isEmpty {
                guard let next = current.properties[name] else { return nil }
                path = path.child(name)
                node = next
            } else if let ap = current.additionalPropertiesSchema {
                path = path.key(name)
                node = ap
            } else {
                return nil
            }
        }
        return path.isEmpty ? nil : path
    }
}
