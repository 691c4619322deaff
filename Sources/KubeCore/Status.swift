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

    private static let table: [(StatusReason, String)] = [
        (.unauthorized, "Unauthorized"), (.forbidden, "Forbidden"), (.notFound, "NotFound"),
        (.alreadyExists, "AlreadyExists"), (.conflict, "Conflict"), (.gone, "Gone"), (.invalid, "Invalid"),
        (.serverTimeout, "ServerTimeout"), (.timeout, "Timeout"), (.tooManyRequests, "TooManyRequests"),
        (.badRequest, "BadRequest"), (.methodNotAllowed, "MethodNotAllowed"), (.notAcceptable, "NotAcceptable"),
        (.requestEntityTooLarge, "RequestEntityTooLarge"), (.unsupportedMediaType, "UnsupportedMediaType"),
        (.internalError, "InternalError"), (.expired, "Expired"), (.serviceUnavailable, "ServiceUnavailable"),
    ]

    public init(rawValue: String) {
        self = Self.table.first { $0.1 == rawValue }?.0 ?? .other(rawValue)
    }

    public var rawValue: String {
        if case .other(let s) = self { return s }
        return Self.table.first { $0.0 == self }?.1 ?? ""
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
