import Foundation
import KubeCore

/// One problem with one field of an object, as the API server reports it: the kind of
/// problem, the field path, the offending value and a detail message.
///
/// ``description`` is `field.Error.Error()` of the real server (`spec.replicas: Invalid
/// value: 15: spec.replicas in body should be less than or equal to 10`), and
/// ``statusCause`` the `StatusCause` the server puts in a 422 `Status`.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem. The raw values are the `StatusCause.reason` strings.
    public enum ErrorType: String, Sendable, Hashable, CaseIterable {
        case notFound = "FieldValueNotFound"
        case required = "FieldValueRequired"
        case duplicate = "FieldValueDuplicate"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case forbidden = "FieldValueForbidden"
        case tooLong = "FieldValueTooLong"
        case tooShort = "FieldValueTooShort"
        case tooMany = "FieldValueTooMany"
        case tooFew = "FieldValueTooFew"
        case `internal` = "InternalError"
        /// A value of the wrong JSON type. The real server names it `FieldValueTypeInvalid`
        /// (the reason kubectl and clients see).
        case typeInvalid = "FieldValueTypeInvalid"

        /// The words that start the message: `Invalid value`, `Required value`, ….
        public var label: String {
            switch self {
            case .notFound: return "Not found"
            case .required: return "Required value"
            case .duplicate: return "Duplicate value"
            case .invalid, .typeInvalid: return "Invalid value"
            case .notSupported: return "Unsupported value"
            case .forbidden: return "Forbidden"
            case .tooLong: return "Too long"
            case .tooShort: return "Too short"
            case .tooMany: return "Too many"
            case .tooFew: return "Too few"
            case .internal: return "Internal error"
            }
        }
    }

    /// The value a message shows after the label.
    public enum BadValue: Sendable, Hashable {
        /// No value is shown (`Required value`, `Forbidden`, and errors built that way).
        case omitted
        /// A JSON value, shown as Go shows it: strings quoted, numbers bare, lists and
        /// objects as JSON.
        case value(JSONValue)
    }

    /// The kind of problem.
    public var type: ErrorType
    /// The field path, e.g. `spec.items[2].name`; `<nil>` when the server names no field.
    public var field: String
    /// The offending value.
    public var badValue: BadValue
    /// What is wrong, e.g. `must be no more than 63 characters`. May be empty.
    public var detail: String

    /// An error of any type; prefer the named constructors.
    public init(type: ErrorType, field: String, badValue: BadValue, detail: String) {
        self.type = type
        self.field = field
        self.badValue = badValue
        self.detail = detail
    }

    // MARK: Constructors, named after field.Required, field.Invalid, …

    /// `Required value` (with an optional detail).
    public static func required(_ path: FieldPath, _ detail: String = "") -> FieldError {
        FieldError(type: .required, field: path.fieldString, badValue: .omitted, detail: detail)
    }

    /// `Invalid value: <value>: <detail>`.
    public static func invalid(_ path: FieldPath, _ value: JSONValue, _ detail: String) -> FieldError {
        FieldError(type: .invalid, field: path.fieldString, badValue: .value(value), detail: detail)
    }

    /// `Invalid value: <value>: <detail>` reported as a type mismatch (`FieldValueTypeInvalid`).
    public static func typeInvalid(_ path: FieldPath, _ value: JSONValue, _ detail: String) -> FieldError {
        FieldError(type: .typeInvalid, field: path.fieldString, badValue: .value(value), detail: detail)
    }

    /// `Unsupported value: <value>: supported values: "a", "b"`.
    public static func notSupported(_ path: FieldPath, _ value: JSONValue, supported: [String]) -> FieldError {
        let detail =
            supported.isEmpty ? "" : "supported values: " + supported.map(GoFormat.quote).joined(separator: ", ")
        return FieldError(type: .notSupported, field: path.fieldString, badValue: .value(value), detail: detail)
    }

    /// `Forbidden: <detail>`.
    public static func forbidden(_ path: FieldPath, _ detail: String) -> FieldError {
        FieldError(type: .forbidden, field: path.fieldString, badValue: .omitted, detail: detail)
    }

    /// `Duplicate value: <value>`.
    public static func duplicate(_ path: FieldPath, _ value: JSONValue) -> FieldError {
        FieldError(type: .duplicate, field: path.fieldString, badValue: .value(value), detail: "")
    }

    /// `Not found: <value>`.
    public static func notFound(_ path: FieldPath, _ value: JSONValue) -> FieldError {
        FieldError(type: .notFound, field: path.fieldString, badValue: .value(value), detail: "")
    }

    /// `Too long: may not be more than <n> bytes` (the value is never shown).
    public static func tooLong(_ path: FieldPath, maxLength: Int) -> FieldError {
        let detail =
            maxLength >= 0
            ? "may not be more than \(maxLength) \(maxLength == 1 ? "byte" : "bytes")" : "value is too long"
        return FieldError(type: .tooLong, field: path.fieldString, badValue: .omitted, detail: detail)
    }

    /// `Too long: may not be more than <n> characters`, for limits counted in characters.
    public static func tooLong(_ path: FieldPath, maxCharacters: Int) -> FieldError {
        let unit = maxCharacters == 1 ? "character" : "characters"
        let detail = maxCharacters >= 0 ? "may not be more than \(maxCharacters) \(unit)" : "value is too long"
        return FieldError(type: .tooLong, field: path.fieldString, badValue: .omitted, detail: detail)
    }

    /// `Too short: must be at least <n> characters`.
    public static func tooShort(_ path: FieldPath, _ value: JSONValue, minLength: Int) -> FieldError {
        let unit = minLength == 1 ? "character" : "characters"
        let detail = minLength >= 0 ? "must be at least \(minLength) \(unit)" : "value is too short"
        return FieldError(type: .tooShort, field: path.fieldString, badValue: .omitted, detail: detail)
    }

    /// `Too many: <actual>: must have at most <n> items`.
    public static func tooMany(_ path: FieldPath, actual: Int, max: Int) -> FieldError {
        let detail = max >= 0 ? "must have at most \(max) \(max == 1 ? "item" : "items")" : "has too many items"
        return FieldError(
            type: .tooMany, field: path.fieldString, badValue: actual >= 0 ? .value(.int(Int64(actual))) : .omitted,
            detail: detail)
    }

    /// `Too few: <actual>: must have at least <n> items`.
    public static func tooFew(_ path: FieldPath, actual: Int, min: Int) -> FieldError {
        let detail = min >= 0 ? "must have at least \(min) \(min == 1 ? "item" : "items")" : "has too few items"
        return FieldError(
            type: .tooFew, field: path.fieldString, badValue: actual >= 0 ? .value(.int(Int64(actual))) : .omitted,
            detail: detail)
    }

    /// `Internal error: <detail>`.
    public static func internalError(_ path: FieldPath, _ detail: String) -> FieldError {
        FieldError(type: .internal, field: path.fieldString, badValue: .omitted, detail: detail)
    }

    // MARK: Rendering

    /// The message without the field path (`field.Error.ErrorBody()`): what the server puts
    /// in `StatusCause.message`.
    public var body: String {
        var s = type.label
        switch type {
        case .required, .forbidden, .tooLong, .tooShort, .internal:
            break
        default:
            if case .value(let v) = badValue { s += ": " + GoFormat.value(v) }
        }
        if !detail.isEmpty { s += ": " + detail }
        return s
    }

    /// `<field>: <body>`, the form used in the `Status` message.
    public var description: String { "\(field): \(body)" }

    /// The `StatusCause` the server reports for this error.
    public var statusCause: StatusCause {
        StatusCause(reason: type.rawValue, message: body, field: field)
    }

    /// This error with its field path placed under `prefix` (`metadata` + `name` →
    /// `metadata.name`), for errors found in a part of an object.
    public func prefixed(by prefix: FieldPath) -> FieldError {
        guard !prefix.isEmpty else { return self }
        var copy = self
        if field.isEmpty || field == "<nil>" {
            copy.field = prefix.description
        } else if field.hasPrefix("[") {
            copy.field = prefix.description + field
        } else {
            copy.field = prefix.description + "." + field
        }
        return copy
    }
}
