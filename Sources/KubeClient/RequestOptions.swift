import Foundation
import KubeCore

/// Options of a list request.
public struct ListOptions: Sendable, Hashable {
    /// A label selector in its string form (`app=web,tier!=db`).
    public var labelSelector: String?
    /// A field selector (`metadata.name=x`).
    public var fieldSelector: String?
    /// Page size; `nil` for the server's default (everything).
    public var limit: Int?
    /// The continue token of the previous page.
    public var continueToken: String?
    /// `resourceVersion` semantics for the read (`"0"` allows a cached answer).
    public var resourceVersion: String?
    /// `resourceVersionMatch` (`NotOlderThan`, `Exact`).
    public var resourceVersionMatch: String?
    /// Server-side timeout.
    public var timeoutSeconds: Int?

    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil,
        continueToken: String? = nil, resourceVersion: String? = nil, resourceVersionMatch: String? = nil,
        timeoutSeconds: Int? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
        self.timeoutSeconds = timeoutSeconds
    }

    var queryItems: [URLQueryItem] {
        var q = [URLQueryItem]()
        if let labelSelector, !labelSelector.isEmpty { q.append(.init(name: "labelSelector", value: labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { q.append(.init(name: "fieldSelector", value: fieldSelector)) }
        if let limit { q.append(.init(name: "limit", value: String(limit))) }
        if let continueToken, !continueToken.isEmpty { q.append(.init(name: "continue", value: continueToken)) }
        if let resourceVersion { q.append(.init(name: "resourceVersion", value: resourceVersion)) }
        if let resourceVersionMatch { q.append(.init(name: "resourceVersionMatch", value: resourceVersionMatch)) }
        if let timeoutSeconds { q.append(.init(name: "timeoutSeconds", value: String(timeoutSeconds))) }
        return q
    }
}

/// Options of a watch request.
public struct WatchOptions: Sendable, Hashable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Start after this version; `nil` or `"0"` starts from "any" (synthetic ADDED events first).
    public var resourceVersion: String?
    /// Ask for BOOKMARK events (on by default, as every informer does).
    public var allowWatchBookmarks: Bool
    /// How long the server keeps the watch open; the default is kube-rs's 290 s,
    /// just under the API server's 5-minute cap.
    public var timeoutSeconds: Int?
    /// Ask for synthetic ADDED events and an initial-events-end bookmark (watch-list).
    public var sendInitialEvents: Bool?

    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, resourceVersion: String? = nil,
        allowWatchBookmarks: Bool = true, timeoutSeconds: Int? = 290, sendInitialEvents: Bool? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.allowWatchBookmarks = allowWatchBookmarks
        self.timeoutSeconds = timeoutSeconds
        self.sendInitialEvents = sendInitialEvents
    }

    var queryItems: [URLQueryItem] {
        var q = [URLQueryItem(name: "watch", value: "true")]
        if let labelSelector, !labelSelector.isEmpty { q.append(.init(name: "labelSelector", value: labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { q.append(.init(name: "fieldSelector", value: fieldSelector)) }
        if let resourceVersion { q.append(.init(name: "resourceVersion", value: resourceVersion)) }
        if allowWatchBookmarks { q.append(.init(name: "allowWatchBookmarks", value: "true")) }
        if let timeoutSeconds { q.append(.init(name: "timeoutSeconds", value: String(timeoutSeconds))) }
        if let sendInitialEvents {
            q.append(.init(name: "sendInitialEvents", value: String(sendInitialEvents)))
            if sendInitialEvents { q.append(.init(name: "resourceVersionMatch", value: "NotOlderThan")) }
        }
        return q
    }
}

/// Options shared by create, update and patch.
public struct WriteOptions: Sendable, Hashable {
    /// The manager recorded in managedFields.
    public var fieldManager: String?
    /// Validate and default without persisting (`dryRun=All`).
    public var dryRun: Bool
    /// `Strict`, `Warn` or `Ignore` for unknown or duplicate fields.
    public var fieldValidation: String?

    public init(fieldManager: String? = nil, dryRun: Bool = false, fieldValidation: String? = nil) {
        self.fieldManager = fieldManager
        self.dryRun = dryRun
        self.fieldValidation = fieldValidation
    }

    var queryItems: [URLQueryItem] {
        var q = [URLQueryItem]()
        if let fieldManager { q.append(.init(name: "fieldManager", value: fieldManager)) }
        if dryRun { q.append(.init(name: "dryRun", value: "All")) }
        if let fieldValidation { q.append(.init(name: "fieldValidation", value: fieldValidation)) }
        return q
    }
}

/// A patch body and its type.
public enum Patch: Sendable, Hashable {
    /// RFC 7386 JSON merge patch (`application/merge-patch+json`).
    case merge(JSONValue)
    /// RFC 6902 JSON patch (`application/json-patch+json`): an array of operations.
    case json([JSONValue])
    /// Kubernetes strategic merge patch (`application/strategic-merge-patch+json`), built-in kinds only.
    case strategic(JSONValue)
    /// Server-side apply (`application/apply-patch+yaml`); needs a field manager.
    case apply(JSONValue)

    var contentType: String {
        switch self {
        case .merge: return "application/merge-patch+json"
        case .json: return "application/json-patch+json"
        case .strategic: return "application/strategic-merge-patch+json"
        case .apply: return "application/apply-patch+yaml"
        }
    }

    var body: JSONValue {
        switch self {
        case .merge(let v), .strategic(let v), .apply(let v): return v
        case .json(let ops): return .array(ops)
        }
    }
}

/// Options of a patch request.
public struct PatchOptions: Sendable, Hashable {
    public var fieldManager: String?
    /// Take ownership of conflicting fields (server-side apply only).
    public var force: Bool
    public var dryRun: Bool
    public var fieldValidation: String?

    public init(fieldManager: String? = nil, force: Bool = false, dryRun: Bool = false, fieldValidation: String? = nil)
    {
        self.fieldManager = fieldManager
        self.force = force
        self.dryRun = dryRun
        self.fieldValidation = fieldValidation
    }

    var queryItems: [URLQueryItem] {
        var q = [URLQueryItem]()
        if let fieldManager { q.append(.init(name: "fieldManager", value: fieldManager)) }
        if force { q.append(.init(name: "force", value: "true")) }
        if dryRun { q.append(.init(name: "dryRun", value: "All")) }
        if let fieldValidation { q.append(.init(name: "fieldValidation", value: fieldValidation)) }
        return q
    }
}

/// How dependents are treated when their owner is deleted.
public enum PropagationPolicy: String, Sendable, Hashable, Codable {
    case background = "Background"
    case foreground = "Foreground"
    case orphan = "Orphan"
}

/// Options of a delete request (sent as a `DeleteOptions` body).
public struct DeleteOptions: Sendable, Hashable, Encodable {
    public var propagationPolicy: PropagationPolicy?
    public var gracePeriodSeconds: Int64?
    /// Delete only if the object still has this uid and/or resourceVersion.
    public var preconditions: Preconditions?
    public var dryRun: [String]?

    public struct Preconditions: Sendable, Hashable, Encodable {
        public var uid: String?
        public var resourceVersion: String?
        public init(uid: String? = nil, resourceVersion: String? = nil) {
            self.uid = uid
            self.resourceVersion = resourceVersion
        }
    }

    public init(
        propagationPolicy: PropagationPolicy? = nil, gracePeriodSeconds: Int64? = nil,
        preconditions: Preconditions? = nil, dryRun: Bool = false
    ) {
        self.propagationPolicy = propagationPolicy
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditions = preconditions
        self.dryRun = dryRun ? ["All"] : nil
    }

    enum CodingKeys: String, CodingKey {
        case kind, apiVersion, propagationPolicy, gracePeriodSeconds, preconditions, dryRun
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("DeleteOptions", forKey: .kind)
        try c.encode("v1", forKey: .apiVersion)
        try c.encodeIfPresent(propagationPolicy, forKey: .propagationPolicy)
        try c.encodeIfPresent(gracePeriodSeconds, forKey: .gracePeriodSeconds)
        try c.encodeIfPresent(preconditions, forKey: .preconditions)
        try c.encodeIfPresent(dryRun, forKey: .dryRun)
    }
}

/// The answer to a delete: the object when deletion is pending (finalizers or
/// a grace period), or the server's `Status` when it is gone.
public enum DeleteResult<Object: Sendable>: Sendable {
    case pending(Object)
    case deleted(Status)
}
