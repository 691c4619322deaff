import Foundation

/// One event of a watch stream.
public enum WatchEvent<Object: Sendable>: Sendable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    /// A progress marker: everything up to `resourceVersion` has been sent.
    case bookmark(resourceVersion: String)

    /// The object of an added, modified or deleted event.
    public var object: Object? {
        switch self {
        case .added(let o), .modified(let o), .deleted(let o): return o
        case .bookmark: return nil
        }
    }

    /// `ADDED`, `MODIFIED`, `DELETED` or `BOOKMARK`.
    public var type: String {
        switch self {
        case .added: return "ADDED"
        case .modified: return "MODIFIED"
        case .deleted: return "DELETED"
        case .bookmark: return "BOOKMARK"
        }
    }
}

/// The error a watch stream ends with when the server sends an `ERROR` event.
/// `status.code == 410` (``isGone``) means the resourceVersion is too old: relist.
public struct WatchErrorEvent: Error, Sendable, CustomStringConvertible {
    public var status: Status
    public init(status: Status) { self.status = status }
    public var isGone: Bool { status.code == 410 || status.reason == .gone || status.reason == .expired }
    public var apiError: KubeAPIError { KubeAPIError(status: status, method: "WATCH") }
    public var description: String { apiError.description }
}
