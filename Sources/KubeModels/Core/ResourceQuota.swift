import Foundation
import KubeCore

/// `ResourceQuota`: limits on the total resources and object counts of a namespace.
public struct ResourceQuota: KubernetesObject, Hashable, HasStatus {
    /// The schema version, `v1`.
    public var apiVersion: String?
    /// The kind, `ResourceQuota`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The limits.
    public var spec: ResourceQuotaSpec?
    /// The limits in force and current usage, written by the server.
    public var status: ResourceQuotaStatus?

    /// Served at `v1`, resource `resourcequotas`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", kind: "ResourceQuota", plural: "resourcequotas", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: ResourceQuotaSpec? = nil, status: ResourceQuotaStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A list of ``ResourceQuota`` objects, as returned by a list request.
public typealias ResourceQuotaList = ObjectList<ResourceQuota>

/// The limits of a quota.
public struct ResourceQuotaSpec: Codable, Sendable, Hashable {
    /// The limit by resource, e.g. `requests.cpu: 8`, `pods: 20`, `count/secrets: 50`.
    public var hard: [String: Quantity]?
    /// The kinds of Pods counted, e.g. `BestEffort`, `NotTerminating`.
    public var scopes: [String]?
    /// A finer selection of the Pods counted, kept as raw JSON.
    public var scopeSelector: JSONValue?

    public init(hard: [String: Quantity]? = nil, scopes: [String]? = nil, scopeSelector: JSONValue? = nil) {
        self.hard = hard
        self.scopes = scopes
        self.scopeSelector = scopeSelector
    }
}

/// The state of a quota.
public struct ResourceQuotaStatus: Codable, Sendable, Hashable {
    /// The limits in force.
    public var hard: [String: Quantity]?
    /// The current usage.
    public var used: [String: Quantity]?

    public init(hard: [String: Quantity]? = nil, used: [String: Quantity]? = nil) {
        self.hard = hard
        self.used = used
    }
}
