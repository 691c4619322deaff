import Foundation
import KubeCore

/// A failure of an authentication or authorization API call (TokenRequest, TokenReview,
/// access reviews) as the `Status` the real API server answers with.
///
/// The API server writes ``status`` as the response body with ``code`` as the HTTP status.
public struct AuthAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The response body.
    public var status: Status

    public init(status: Status) {
        self.status = status
    }

    /// The HTTP status code.
    public var code: Int { status.code ?? 500 }

    public var description: String { "\(code) \(status.reason?.rawValue ?? "Error"): \(status.message ?? "")" }

    /// 400 `BadRequest` with `message` as is.
    public static func badRequest(_ message: String) -> AuthAPIError {
        AuthAPIError(status: Status(message: message, reason: .badRequest, code: 400))
    }

    /// 404 `NotFound`: `<resource>[.<group>] "<name>" not found`.
    public static func notFound(resource: String, group: String = "", name: String) -> AuthAPIError {
        let message = "\(qualified(resource, group)) \(AuthText.quoted(name)) not found"
        return AuthAPIError(
            status: Status(
                message: message, reason: .notFound,
                details: StatusDetails(name: name, group: group.isEmpty ? nil : group, kind: resource), code: 404))
    }

    /// 409 `Conflict`: `Operation cannot be fulfilled on <resource>[.<group>] "<name>": <message>`.
    public static func conflict(resource: String, group: String = "", name: String, message: String) -> AuthAPIError {
        let text = "Operation cannot be fulfilled on \(qualified(resource, group)) \(AuthText.quoted(name)): \(message)"
        return AuthAPIError(
            status: Status(
                message: text, reason: .conflict,
                details: StatusDetails(name: name, group: group.isEmpty ? nil : group, kind: resource), code: 409))
    }

    /// 500 `InternalError`: `Internal error occurred: <message>`.
    public static func internalError(_ message: String) -> AuthAPIError {
        AuthAPIError(
            status: Status(
                message: "Internal error occurred: \(message)", reason: .internalError,
                details: StatusDetails(causes: [StatusCause(message: message)]), code: 500))
    }

    /// 422 `Invalid`: `<Kind>.<group> "<name>" is invalid: <errors>`, with one cause per error.
    public static func invalid(kind: String, group: String, name: String, errors: [AuthFieldError]) -> AuthAPIError {
        let qualifiedKind = group.isEmpty ? kind : "\(kind).\(group)"
        let list = errors.map(\.description)
        // The real server prints one error bare and several as a bracketed list.
        let joined = list.count == 1 ? list[0] : "[" + list.joined(separator: ", ") + "]"
        let causes = errors.map { StatusCause(reason: $0.reason, message: $0.body, field: $0.field) }
        return AuthAPIError(
            status: Status(
                message: "\(qualifiedKind) \(AuthText.quoted(name)) is invalid: \(joined)", reason: .invalid,
                details: StatusDetails(name: name, group: group.isEmpty ? nil : group, kind: kind, causes: causes),
                code: 422))
    }

    static func qualified(_ resource: String, _ group: String) -> String {
        group.isEmpty ? resource : "\(resource).\(group)"
    }
}

/// One field of a request that failed validation, printed as the real server prints it:
/// `spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes`.
public struct AuthFieldError: Sendable, Hashable, CustomStringConvertible {
    /// The kinds of field error the auth APIs produce.
    public enum Kind: Sendable, Hashable {
        /// `Invalid value: <value>` (`FieldValueInvalid`).
        case invalid(value: String)
        /// `Required value` (`FieldValueRequired`).
        case required
    }

    /// The field path, e.g. `spec.expirationSeconds`.
    public var field: String
    /// What is wrong.
    public var kind: Kind
    /// The explanation after the value.
    public var detail: String

    public init(field: String, kind: Kind, detail: String) {
        self.field = field
        self.kind = kind
        self.detail = detail
    }

    /// An invalid integer value.
    public static func invalid(_ field: String, _ value: Int64, _ detail: String) -> AuthFieldError {
        AuthFieldError(field: field, kind: .invalid(value: String(value)), detail: detail)
    }

    /// An invalid string value, printed quoted as Go's `%q` does.
    public static func invalid(_ field: String, _ value: String, _ detail: String) -> AuthFieldError {
        AuthFieldError(field: field, kind: .invalid(value: AuthText.quoted(value)), detail: detail)
    }

    /// `StatusCause.reason`.
    public var reason: String {
        switch kind {
        case .invalid: return "FieldValueInvalid"
        case .required: return "FieldValueRequired"
        }
    }

    /// The message without the field path (`StatusCause.message`).
    public var body: String {
        var s: String
        switch kind {
        case .invalid(let value): s = "Invalid value: \(value)"
        case .required: s = "Required value"
        }
        if !detail.isEmpty { s += ": \(detail)" }
        return s
    }

    public var description: String { "\(field): \(body)" }
}

/// Text formatting shared by the auth files, named apart from the rest of the module
/// (other files of KubeAPIMachinery have their own helpers).
enum AuthText {
    /// A string quoted as Go's `%q` quotes it, which every message of the real server uses
    /// for names. Printable characters other than `"` and `\` stay as they are.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\x%02x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A list of strings as Go's `%q` prints a `[]string`: `["a" "b"]`.
    static func quotedList(_ list: [String]) -> String {
        "[" + list.map(quoted).joined(separator: " ") + "]"
    }

    /// Several error messages as Go's aggregate error prints them: one bare, several
    /// de-duplicated in brackets.
    static func aggregate(_ messages: [String]) -> String {
        var seen = Set<String>()
        var unique = [String]()
        for m in messages where seen.insert(m).inserted { unique.append(m) }
        if unique.count == 1 { return unique[0] }
        return "[" + unique.joined(separator: ", ") + "]"
    }
}
