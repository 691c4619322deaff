import Foundation

/// One term of a field selector: `metadata.name=web` or `status.phase!=Running`.
public struct FieldRequirement: Sendable, Hashable, CustomStringConvertible {
    /// How the field is compared.
    public enum Operator: String, Sendable, Hashable {
        /// `field=value` (also written `field==value`).
        case equals = "="
        /// `field!=value`.
        case notEquals = "!="
    }

    /// The field path, e.g. `metadata.namespace`.
    public var field: String
    /// The comparison.
    public var `operator`: Operator
    /// The value, unescaped.
    public var value: String

    public init(field: String, _ op: Operator, _ value: String) {
        self.field = field
        self.operator = op
        self.value = value
    }

    /// Whether the fields satisfy the term; an absent field counts as the empty string,
    /// as in Kubernetes.
    public func matches(fields: [String: String]) -> Bool {
        let have = fields[field] ?? ""
        return self.operator == .equals ? have == value : have != value
    }

    /// `field=value` or `field!=value`, with `\`, `,` and `=` in the value escaped.
    public var description: String {
        field + self.operator.rawValue + FieldQuery.escape(value)
    }
}

/// A field selector in its string form, as sent in `?fieldSelector=`: terms joined with
/// commas, all of which must hold. The empty query matches everything.
public struct FieldQuery: Sendable, Hashable, CustomStringConvertible, Codable {
    /// The terms, in canonical (sorted) order.
    public private(set) var requirements: [FieldRequirement]

    public init(_ requirements: [FieldRequirement] = []) {
        self.requirements = requirements.sorted { $0.description < $1.description }
    }

    /// The query that every object matches.
    public static let everything = FieldQuery()

    /// `field=value`.
    public static func equals(_ field: String, _ value: String) -> FieldQuery {
        FieldQuery([FieldRequirement(field: field, .equals, value)])
    }

    /// `field!=value`.
    public static func notEquals(_ field: String, _ value: String) -> FieldQuery {
        FieldQuery([FieldRequirement(field: field, .notEquals, value)])
    }

    /// Parses `a=b,c!=d,e==f`. In values, `\,`, `\=` and `\\` stand for `,`, `=` and `\`.
    /// Throws ``SelectorError`` with the position of the bad term.
    public init(parsing text: String) throws {
        var result = [FieldRequirement]()
        for (term, start) in Self.splitTerms(text) where !term.isEmpty {
            guard let (field, op, rawValue, opOffset) = Self.splitTerm(term) else {
                throw Self.error(
                    text, start, "'\(term)' has no operator; expected field=value, field==value or field!=value")
            }
            if field.isEmpty { throw Self.error(text, start, "missing field name before '\(op.rawValue)'") }
            if field.contains(where: { $0.isWhitespace }) {
                throw Self.error(text, start, "field name \(Validation.quoted(field)) contains whitespace")
            }
            let valueStart = start + opOffset + (op == .notEquals || rawValue.1 ? 2 : 1)
            result.append(FieldRequirement(field: field, op, try Self.unescape(rawValue.0, text, valueStart)))
        }
        self.init(result)
    }

    /// This query with one more term.
    public func adding(_ requirement: FieldRequirement) -> FieldQuery {
        FieldQuery(requirements + [requirement])
    }

    /// Whether no term is set (the query matches everything).
    public var isEmpty: Bool { requirements.isEmpty }

    /// Whether `fields` (field path → value) satisfies every term.
    public func matches(fields: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(fields: fields) }
    }

    public var description: String {
        requirements.map(\.description).joined(separator: ",")
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        do {
            try self.init(parsing: try c.decode(String.self))
        } catch let error as SelectorError {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    // MARK: Helpers

    static func error(_ text: String, _ position: Int, _ message: String) -> SelectorError {
        SelectorError(kind: .field, selector: text, position: position, message: message)
    }

    /// Splits on commas not escaped by a backslash, with each term's start offset.
    static func splitTerms(_ text: String) -> [(String, Int)] {
        var terms = [(String, Int)]()
        var current = ""
        var start = 0
        var escaped = false
        for (i, c) in text.enumerated() {
            if escaped {
                current.append(c)
                escaped = false
            } else if c == "\\" {
                current.append(c)
                escaped = true
            } else if c == "," {
                terms.append((current, start))
                current = ""
                start = i + 1
            } else {
                current.append(c)
            }
        }
        terms.append((current, start))
        return terms
    }

    /// Finds the first operator (`!=`, `==`, then `=` at each position), as Kubernetes does.
    /// Returns the field, operator, the raw value with whether `==` was used, and the
    /// operator's offset in the term.
    static func splitTerm(_ term: String) -> (String, FieldRequirement.Operator, (String, Bool), Int)? {
        let chars = Array(term)
        for i in chars.indices {
            if chars[i] == "!", i + 1 < chars.count, chars[i + 1] == "=" {
                return (String(chars[..<i]), .notEquals, (String(chars[(i + 2)...]), false), i)
            }
            if chars[i] == "=" {
                let double = i + 1 < chars.count && chars[i + 1] == "="
                let rest = String(chars[(i + (double ? 2 : 1))...])
                return (String(chars[..<i]), .equals, (rest, double), i)
            }
        }
        return nil
    }

    /// Escapes `\`, `,` and `=` so that a value survives the string form.
    public static func escape(_ value: String) -> String {
        var s = ""
        for c in value {
            if c == "\\" || c == "," || c == "=" { s.append("\\") }
            s.append(c)
        }
        return s
    }

    static func unescape(_ raw: String, _ text: String, _ start: Int) throws -> String {
        var s = ""
        var escaped = false
        for (i, c) in raw.enumerated() {
            if escaped {
                guard c == "\\" || c == "," || c == "=" else {
                    throw error(text, start + i - 1, "invalid escape sequence '\\\(c)' in a field selector value")
                }
                s.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "=" {
                throw error(text, start + i, "'=' in a field selector value must be escaped as '\\='")
            } else {
                s.append(c)
            }
        }
        if escaped { throw error(text, start + raw.count - 1, "a field selector value ends with a lone '\\'") }
        return s
    }
}
