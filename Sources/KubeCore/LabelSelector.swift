import Foundation

/// `metav1.LabelSelector`: the structured selector of workloads, Services' owners,
/// NetworkPolicies, …. All of `matchLabels` and `matchExpressions` must hold.
///
/// An empty selector matches every object; an absent (`nil`) one matches none, which
/// ``LabelSelector/matches(_:labels:)`` encodes.
public struct LabelSelector: Codable, Sendable, Hashable {
    /// Labels that must be present with exactly these values.
    public var matchLabels: [String: String]?
    /// Further requirements.
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Whether neither labels nor expressions are set (matches everything).
    public var isEmpty: Bool {
        (matchLabels ?? [:]).isEmpty && (matchExpressions ?? []).isEmpty
    }

    /// The requirements this selector stands for, validated as the API server does
    /// (`metav1.LabelSelectorAsSelector`).
    public func requirements() throws -> [LabelRequirement] {
        var result = [LabelRequirement]()
        for (key, value) in (matchLabels ?? [:]).sorted(by: { $0.key < $1.key }) {
            result.append(try LabelRequirement(key: key, .equals, [value]))
        }
        for expression in matchExpressions ?? [] {
            let op: LabelRequirement.Operator
            switch expression.operator {
            case .in: op = .in
            case .notIn: op = .notIn
            case .exists: op = .exists
            case .doesNotExist: op = .doesNotExist
            }
            result.append(try LabelRequirement(key: expression.key, op, expression.values ?? []))
        }
        return result
    }

    /// The selector as a ``LabelQuery``.
    public func query() throws -> LabelQuery {
        LabelQuery(try requirements())
    }

    /// The string form for `?labelSelector=`, e.g. `app=web,tier in (api,db)`.
    public func selectorString() throws -> String {
        try query().description
    }

    /// Whether `labels` satisfies the selector. A selector that is not valid matches
    /// nothing, so that a bad selector never selects every object.
    public func matches(labels: [String: String]) -> Bool {
        guard let q = try? query() else { return false }
        return q.matches(labels: labels)
    }

    /// Whether `labels` satisfies an optional selector: `nil` matches nothing, as in Kubernetes.
    public static func matches(_ selector: LabelSelector?, labels: [String: String]) -> Bool {
        selector?.matches(labels: labels) ?? false
    }

    /// The structured form of a query. Equality requirements become `matchLabels` (when a
    /// key has one equality), `!=` becomes `NotIn`; throws for `>` and `<`, which
    /// `metav1.LabelSelector` cannot express.
    public init(_ query: LabelQuery) throws {
        var labels = [String: String]()
        var expressions = [LabelSelectorRequirement]()
        let equalityCounts = Dictionary(
            query.requirements.filter { $0.operator == .equals }.map { ($0.key, 1) }, uniquingKeysWith: +)
        for r in query.requirements {
            switch r.operator {
            case .equals:
                if equalityCounts[r.key] == 1, let value = r.values.first {
                    labels[r.key] = value
                } else {
                    expressions.append(LabelSelectorRequirement(key: r.key, operator: .in, values: r.values))
                }
            case .notEquals:
                expressions.append(LabelSelectorRequirement(key: r.key, operator: .notIn, values: r.values))
            case .in: expressions.append(LabelSelectorRequirement(key: r.key, operator: .in, values: r.values))
            case .notIn: expressions.append(LabelSelectorRequirement(key: r.key, operator: .notIn, values: r.values))
            case .exists: expressions.append(LabelSelectorRequirement(key: r.key, operator: .exists))
            case .doesNotExist: expressions.append(LabelSelectorRequirement(key: r.key, operator: .doesNotExist))
            case .greaterThan, .lessThan:
                throw SelectorError(
                    message: "'\(r)' uses an operator that metav1.LabelSelector cannot express")
            }
        }
        self.init(
            matchLabels: labels.isEmpty ? nil : labels, matchExpressions: expressions.isEmpty ? nil : expressions)
    }
}

/// `metav1.LabelSelectorRequirement`: one expression of a ``LabelSelector``.
public struct LabelSelectorRequirement: Codable, Sendable, Hashable {
    /// The label key.
    public var key: String
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    public var `operator`: LabelSelectorOperator
    /// The values, non-empty for `In` and `NotIn`, empty for `Exists` and `DoesNotExist`.
    public var values: [String]?

    public init(key: String, operator: LabelSelectorOperator, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}

/// The operators of ``LabelSelectorRequirement``.
public enum LabelSelectorOperator: String, Codable, Sendable, Hashable, CaseIterable {
    case `in` = "In"
    case notIn = "NotIn"
    case exists = "Exists"
    case doesNotExist = "DoesNotExist"
}
