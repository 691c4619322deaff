import Foundation

/// An error the Kubernetes API returned: the server's `Status`, plus the request it answered.
///
/// Switch on ``kind`` (not-found, conflict, …) rather than on codes or strings.
public struct KubeAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The decoded `Status` (synthesised from the HTTP code when the body was not a Status).
    public var status: Status
    /// The HTTP method and path, for messages.
    public var method: String
    public var path: String

    public init(status: Status, method: String = "", path: String = "") {
        self.status = status
        self.method = method
        self.path = path
    }

    /// The classes of error a caller acts on.
    public enum Kind: Sendable, Hashable {
        case notFound, alreadyExists, conflict, invalid, forbidden, unauthorized, gone
        case tooManyRequests, timeout, badRequest, serverError, other
    }

    /// The class of this error, from the reason and, failing that, the code.
    public var kind: Kind {
        switch status.reason {
        case .notFound?: return .notFound
        case .alreadyExists?: return .alreadyExists
        case .conflict?: return .conflict
        case .invalid?: return .invalid
        case .forbidden?: return .forbidden
        case .unauthorized?: return .unauthorized
        case .gone?, .expired?: return .gone
        case .tooManyRequests?: return .tooManyRequests
        case .timeout?, .serverTimeout?: return .timeout
        case .badRequest?: return .badRequest
        default: break
        }
        switch status.code ?? 0 {
        case 400: return .badRequest
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 409: return .conflict
        case 410: return .gone
        case 422: return .invalid
        case 429: return .tooManyRequests
        case 504: return .timeout
        case 500...599: return .serverError
        default: return .other
        }
    }

    public var code: Int { status.code ?? 0 }
    public var isNotFound: Bool { kind == .notFound }
    public var isAlreadyExists: Bool { kind == .alreadyExists }
    public var isConflict: Bool { kind == .conflict }
    public var isGone: Bool { kind == .gone }
    public var isInvalid: Bool { kind == .invalid }
    public var isForbidden: Bool { kind == .forbidden }

    /// What a person should do about this error.
    public var advice: String {
        switch kind {
        case .notFound: return "check the name, namespace and that the resource type is installed"
        case .alreadyExists: return "choose another name or update the existing object"
        case .conflict:
            return "the object changed since it was read: read it again and reapply the change"
        case .invalid: return "fix the fields named above"
        case .forbidden:
            if status.message?.contains("is being terminated") ?? false {
                return "the namespace is being deleted: wait until it is gone, or use another namespace"
            }
            return "grant the missing permission to this identity (see `astrolift doctor`)"
        case .unauthorized:
            return "the credentials were rejected: refresh the token or check the kubeconfig user"
        case .gone: return "the requested resourceVersion is too old: list again"
        case .tooManyRequests: return "the server is throttling: retry later"
        case .timeout, .serverError: return "the server failed: retry, and check its health"
        case .badRequest, .other: return "check the request"
        }
    }

    public var description: String {
        var s = ""
        if !method.isEmpty { s += "\(method) \(path): " }
        s += "\(status.code.map(String.init) ?? "?") \(status.reason?.rawValue ?? "Error")"
        if let m = status.message, !m.isEmpty { s += ": \(m)" }
        if let causes = status.details?.causes, !causes.isEmpty {
            let list = causes.map { c in
                [c.field, c.message].compactMap { $0 }.joined(separator: ": ")
            }
            if !(status.message ?? "").contains(list.joined(separator: ", ")) {
                s += " [" + list.joined(separator: "; ") + "]"
            }
        }
        return s + " (\(advice))"
    }
}
