import Foundation

/// `metav1.Status`: the body of every API error and of some successful deletes.
public struct Status: Codable, Sendable, Hashable, Error {
    public var kind: String? = "Status"
    public var apiVersion: String? = "v1"
    public var metadata: ListMeta?
    /// `Success` or `Failure`.
    public var status: String?
    public var message: String?
    public var reason: StatusReason?
    public var details: StatusDetails?
    /// The HTTP status code.
    public var code: Int?

    public init(
        status: String? = "Failure", message: String? = nil, reason: StatusReason? = nil,
        details: StatusDetails? = nil, code: Int? = nil
    ) {
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }
}

/// `metav1.StatusDetails`: which object an error is about, and per-field causes.
public struct StatusDetails: Codable, Sendable, Hashable {
    public var name: String?
    public var group: String?
    public var kind: String?
    public var uid: String?
    public var causes: [StatusCause]?
    public var retryAfterSeconds: Int?

    public init(
        name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil,
        causes: [StatusCause]? = nil, retryAfterSeconds: Int? = nil
    ) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// `metav1.StatusCause`: one reason a request failed, often naming a field path.
public struct StatusCause: Codable, Sendable, Hashable {
    /// e.g. `FieldValueRequired`, `FieldValueInvalid`.
    public var reason: String?
    public var message: String?
    /// The field path, e.g. `spec.replicas`.
    public var field: String?

    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}

/// `metav1.StatusReason`, kept open: unknown reasons decode as `.other`.
public enum StatusReason: Sendable, Hashable, Codable, RawRepresentable {
    case unauthorized, forbidden, notFound, alreadyExists, conflict, gone, invalid
    case serverTimeout, timeout, tooManyRequests, badRequest, methodNotAllowed, notAcceptable
    case requestEntityTooLarge, unsupportedMediaType, internalError, expired, serviceUnavailable
    case other(String)

    // The names of the known reasons. `rawValue` used to search a table of
    // `(StatusReason, String)` pairs comparing with `==`; but for a RawRepresentable type
    // `==` compares `rawValue`s, so every access recursed until the stack overflowed
    // (any `description` of an API error crashed). A switch has no such loop.
    public init(rawValue: String) {
        switch rawValue {
        case "Unauthorized": self = .unauthorized
        case "Forbidden": self = .forbidden
        case "NotFound": self = .notFound
        case "AlreadyExists": self = .alreadyExists
        case "Conflict": self = .conflict
        case "Gone": self = .gone
        case "Invalid": self = .invalid
        case "ServerTimeout": self = .serverTimeout
        case "Timeout": self = .timeout
        case "TooManyRequests": self = .tooManyRequests
        case "BadRequest": self = .badRequest
        case "MethodNotAllowed": self = .methodNotAllowed
        case "NotAcceptable": self = .notAcceptable
        case "RequestEntityTooLarge": self = .requestEntityTooLarge
        case "UnsupportedMediaType": self = .unsupportedMediaType
        case "InternalError": self = .internalError
        case "Expired": self = .expired
        case "ServiceUnavailable": self = .serviceUnavailable
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .unauthorized: return "Unauthorized"
        case .forbidden: return "Forbidden"
        case .notFound: return "NotFound"
        case .alreadyExists: return "AlreadyExists"
        case .conflict: return "Conflict"
        case .gone: return "Gone"
        case .invalid: return "Invalid"
        case .serverTimeout: return "ServerTimeout"
        case .timeout: return "Timeout"
        case .tooManyRequests: return "TooManyRequests"
        case .badRequest: return "BadRequest"
        case .methodNotAllowed: return "MethodNotAllowed"
        case .notAcceptable: return "NotAcceptable"
        case .requestEntityTooLarge: return "RequestEntityTooLarge"
        case .unsupportedMediaType: return "UnsupportedMediaType"
        case .internalError: return "InternalError"
        case .expired: return "Expired"
        case .serviceUnavailable: return "ServiceUnavailable"
        case .other(let s): return s
        }
    }

    /// Reasons are equal when their names are: `.other("NotFound") == .notFound`.
    public static func == (a: StatusReason, b: StatusReason) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
