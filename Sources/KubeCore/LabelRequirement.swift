import Foundation

/// One term of a label selector: `app=web`, `tier in (a,b)`, `!canary`, ….
///
/// Built by ``LabelQuery/init(parsing:)`` or the validating initialiser; both check keys
/// and values with the API server's rules, so a requirement that exists is one the server
/// accepts.
public struct LabelRequirement: Sendable, Hashable, CustomStringConvertible {
    /// How a requirement compares a label.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        /// `key=value` (also written `key==value`).
        case equals = "="
        /// `key!=value`: true also when the label is absent.
        case notEquals = "!="
        /// `key in (a,b)`.
        case `in` = "in"
        /// `key notin (a,b)`: true also when the label is absent.
        case notIn = "notin"
        /// `key`: the label is present, with any value.
        case exists = "exists"
        /// `!key`: the label is absent.
        case doesNotExist = "!"
        /// `key>5`: the label's value is an integer greater than the value.
        case greaterThan = "gt"
        /// `key<5`: the label's value is an integer less than the value.
        case lessThan = "lt"
    }

    /// The label key.
    public private(set) var key: String
    /// The comparison.
    public private(set) var `operator`: Operator
    /// The values compared with, sorted and without duplicates (empty for `exists`
    /// and `doesNotExist`).
    public private(set) var values: [String]

    /// A validated requirement; throws ``SelectorError`` when the key or a value is
    /// not valid or the number of values does not fit the operator (one for `=`, `!=`,
    /// `>` and `<`; at least one for `in` and `notin`; none for `exists` and `!`).
    public init(key: String, _ op: Operator, _ values: [String] = []) throws {
        let keyErrors = Validation.labelKey(key)
        if let first = keyErrors.first {
            throw SelectorError(message: "invalid label key \(Validation.quoted(key)): \(first)")
        }
        let unique = Array(Set(values)).sorted()
        switch op {
        case .equals, .notEquals:
            guard unique.count == 1 else {
                throw SelectorError(message: "exact-match operators need exactly one value, got \(values.count)")
            }
        case .in, .notIn:
            guard !unique.isEmpty else {
                throw SelectorError(message: "for 'in', 'notin' operators, values set can't be empty")
            }
        case .exists, .doesNotExist:
            guard unique.isEmpty else {
                throw SelectorError(message: "values set must be empty for exists and does not exist")
            }
        case .greaterThan, .lessThan:
            guard unique.count == 1, Int64(unique[0]) != nil else {
                throw SelectorError(message: "for 'gt', 'lt' operators, exactly one integer value is required")
            }
        }
        for value in unique {
            if let first = Validation.labelValue(value).first {
                throw SelectorError(message: "invalid label value \(Validation.quoted(value)): \(first)")
            }
        }
        self.key = key
        self.operator = op
        self.values = unique
    }

    /// A requirement built without validation, for the parser, which validates as it goes.
    init(unchecked key: String, _ op: Operator, _ values: [String]) {
        self.key = key
        self.operator = op
        self.values = Array(Set(values)).sorted()
    }

    /// Whether a set of labels satisfies this requirement.
    public func matches(labels: [String: String]) -> Bool {
        let value = labels[key]
        switch self.operator {
        case .equals, .in:
            guard let value else { return false }
            return values.contains(value)
        case .notEquals, .notIn:
            guard let value else { return true }
            return !values.contains(value)
        case .exists:
            return value != nil
        case .doesNotExist:
            return value == nil
        case .greaterThan, .lessThan:
            guard let value, let have = Int64(value), let want = values.first.flatMap({ Int64($0) }) else {
                return false
            }
            return self.operator == .greaterThan ? have > want : have < want
        }
    }

    /// The canonical text: `key=value`, `key!=value`, `key in (a,b)`, `key notin (a)`,
    /// `key`, `!key`, `key>5`, `key<5`; `==` is written `=`.
    public var description: String {
        switch self.operator {
        case .equals: return key + "=" + (values.first ?? "")
        case .notEquals: return key + "!=" + (values.first ?? "")
        case .in: return key + " in (" + values.joined(separator: ",") + ")"
        case .notIn: return key + " notin (" + values.joined(separator: ",") + ")"
        case .exists: return key
        case .doesNotExist: return "!" + key
        case .greaterThan: return key + ">" + (values.first ?? "")
        case .lessThan: return key + "<" + (values.first ?? "")
        }
    }
}

/// A label or field selector that could not be parsed or is not valid.
public struct SelectorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which kind of selector.
    public enum Kind: String, Sendable, Hashable {
        case label, field
    }

    /// Whether a label or a field selector is at fault.
    public var kind: Kind
    /// The selector text, when the error comes from parsing.
    public var selector: String?
    /// The character offset (0-based) in `selector` where the problem starts.
    public var position: Int?
    /// What is wrong.
    public var message: String

    public init(kind: Kind = .label, selector: String? = nil, position: Int? = nil, message: String) {
        self.kind = kind
        self.selector = selector
        self.position = position
        self.message = message
    }

    public var description: String {
        guard let selector else { return "invalid \(kind.rawValue) selector: \(message)" }
        let at = position.map { " at position \($0)" } ?? ""
        return "invalid \(kind.rawValue) selector \(Validation.quoted(selector))\(at): \(message)"
    }
}

/// A label selector in its string form, as sent in `?labelSelector=`: requirements
/// joined with commas, all of which must hold.
///
/// The empty query matches every object. ``description`` gives the canonical form
/// (requirements sorted by key, values sorted), the same as the API server's.
public struct LabelQuery: Sendable, Hashable, CustomStringConvertible, Codable {
    /// The requirements, sorted by key.
    public private(set) var requirements: [LabelRequirement]

    /// A query of these requirements.
    public init(_ requirements: [LabelRequirement] = []) {
        self.requirements = Self.sorted(requirements)
    }

    /// The query that every object matches.
    public static let everything = LabelQuery()

    /// A query that matches objects carrying all of `labels` (the `matchLabels` form).
    /// Throws when a key or value is not valid.
    public init(matching labels: [String: String]) throws {
        self.init(try labels.map { try LabelRequirement(key: $0.key, .equals, [$0.value]) })
    }

    /// Parses the string form; throws ``SelectorError`` naming the position and
    /// the problem.
    public init(parsing text: String) throws {
        var parser = LabelSelectorParser(text: text)
        self.init(try parser.parse())
    }

    /// Whether no requirement is set (the query matches everything).
    public var isEmpty: Bool { requirements.isEmpty }

    /// Whether `labels` satisfies every requirement.
    public func matches(labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels: labels) }
    }

    /// This query with one more requirement.
    public func adding(_ requirement: LabelRequirement) -> LabelQuery {
        LabelQuery(requirements + [requirement])
    }

    /// The canonical string.
    public var description: String {
        requirements.map(\.description).joined(separator: ",")
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch let error as SelectorError {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    // Stable sort by key, like the API server, so equal queries render equally.
    static func sorted(_ requirements: [LabelRequirement]) -> [LabelRequirement] {
        requirements.enumerated().sorted { a, b in
            a.element.key != b.element.key ? a.element.key < b.element.key : a.offset < b.offset
        }.map(\.element)
    }
}

/// The earlier name of ``SelectorError``, from before field selectors reported their own kind.
@available(*, deprecated, renamed: "SelectorError")
public typealias LabelSelectorError = SelectorError
