import AstroliftAPI
import XCTest

/// What can be checked of the CEL rules before a CEL implementation exists (the
/// API-server tests against `astrolift dev` compile and run them): parentheses,
/// brackets and quotes balance, and every field a rule reads through `self.` or
/// `oldSelf.` (or a comprehension variable over a list of objects) is declared.
final class CELRuleSanityTests: XCTestCase {
    static let functions: Set<String> = [
        "all", "exists", "exists_one", "map", "filter", "size", "matches", "startsWith", "endsWith", "contains",
    ]

    func testRulesAreBalancedAndReadOnlyDeclaredFields() {
        var count = 0
        for kind in AstroliftGroup.kinds {
            kind.schema.walk { path, node in
                for rule in node.rules {
                    count += 1
                    let where_ = "\(kind.resource.kind) \(path): \(rule.rule)"
                    XCTAssertTrue(balanced(rule.rule), "unbalanced: \(where_)")
                    for problem in undeclaredFields(rule.rule, node) { XCTFail("\(problem) in \(where_)") }
                }
            }
        }
        XCTAssertGreaterThan(count, 25)
    }

    func testTheCheckCatchesTyposAndUnbalancedRules() {
        let schema = Schema.object {
            Field("enabled", .boolean, "On.")
            Field("items", Schema.array(of: NameReference.self, maxItems: 4), "Things.")
        }
        XCTAssertEqual(undeclaredFields("has(self.enabled) && self.enabled", schema), [])
        XCTAssertEqual(undeclaredFields("self.enabeld == true", schema), ["self.enabeld is not declared"])
        XCTAssertEqual(undeclaredFields("self.items.exists(i, i.name == 'a.b')", schema), [])
        XCTAssertEqual(undeclaredFields("self.items.all(i, i.nmae != '')", schema), ["i.nmae is not declared"])
        XCTAssertEqual(undeclaredFields("self.items.size() > 0", schema), [])
        XCTAssertFalse(balanced("has(self.enabled"))
        XCTAssertFalse(balanced("self.x == 'a"))
    }

    func testImmutabilityRulesAreTransitionRules() {
        let spec = Workbench.schema[property: "spec"]?.schema
        for field in ["owner", "classRef"] {
            let rules = spec?[property: field]?.schema.rules ?? []
            XCTAssertEqual(rules.filter(\.isTransitionRule).count, 1, field)
        }
    }

    private func balanced(_ rule: String) -> Bool {
        var stack: [Character] = []
        var quote: Character?
        for c in rule {
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "'", "\"": quote = c
            case "(", "[", "{": stack.append(c)
            case ")": if stack.popLast() != "(" { return false }
            case "]": if stack.popLast() != "[" { return false }
            case "}": if stack.popLast() != "{" { return false }
            default: break
            }
        }
        return stack.isEmpty && quote == nil
    }

    /// Field chains read from `self`/`oldSelf` (and from `x` in `list.exists(x, x.f …)`)
    /// that the schema does not declare.
    private func undeclaredFields(_ rule: String, _ node: Schema) -> [String] {
        let text = stripStrings(rule)
        var problems: [String] = []
        var roots: [String: Schema] = ["self": node, "oldSelf": node]
        // Comprehension variables over lists of objects: `self.profiles.exists(p, p.name …)`.
        let comprehension = try? NSRegularExpression(
            pattern: "self((?:\\.[A-Za-z_]+)+)\\.(?:all|exists|exists_one)\\(([a-z]+),")
        for m in comprehension?.matches(in: text, range: NSRange(text.startIndex..., in: text)) ?? [] {
            guard let chain = Range(m.range(at: 1), in: text), let variable = Range(m.range(at: 2), in: text) else {
                continue
            }
            if let list = resolve(String(text[chain]).split(separator: ".").map(String.init), from: node),
                let items = list.items
            {
                roots[String(text[variable])] = items
            }
        }
        let access = try? NSRegularExpression(pattern: "\\b([A-Za-z_]+)((?:\\.[A-Za-z_]+)+)")
        for m in access?.matches(in: text, range: NSRange(text.startIndex..., in: text)) ?? [] {
            guard let rootRange = Range(m.range(at: 1), in: text), let chainRange = Range(m.range(at: 2), in: text),
                let root = roots[String(text[rootRange])]
            else { continue }
            var names = String(text[chainRange]).split(separator: ".").map(String.init)
            // A trailing function call (`.size()`, `.matches(…)`) is not a field.
            if let last = names.last, Self.functions.contains(last),
                text[chainRange.upperBound...].hasPrefix("(")
            {
                names.removeLast()
            }
            if names.first == "metadata", root.properties.contains(where: { $0.name == "metadata" }) { continue }
            if resolve(names, from: root) == nil {
                problems.append("\(text[rootRange]).\(names.joined(separator: ".")) is not declared")
            }
        }
        return problems
    }

    private func resolve(_ names: [String], from root: Schema) -> Schema? {
        var node = root
        for name in names {
            guard let p = node[property: name] else { return nil }
            node = p.schema
        }
        return node
    }

    private func stripStrings(_ rule: String) -> String {
        var out = ""
        var quote: Character?
        for c in rule {
            if let q = quote {
                if c == q {
                    quote = nil
                    out.append("''")
                }
                continue
            }
            if c == "'" || c == "\"" { quote = c } else { out.append(c) }
        }
        return out
    }
}
