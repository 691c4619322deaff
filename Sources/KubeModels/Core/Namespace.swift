import Foundation
import KubeCore

/// `Namespace`: a scope for names, quotas and policies.
public struct Namespace: KubernetesObject, Hashable, HasStatus {
    /// The schema version, `v1`.
    public var apiVersion: String?
    /// The kind, `Namespace`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The finalizers that must run before the namespace is removed.
    public var spec: NamespaceSpec?
    /// The phase and conditions, written by the server.
    public var status: NamespaceStatus?

    /// Served at `v1`, resource `namespaces`, cluster-scoped.
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: NamespaceSpec? = nil, status: NamespaceStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A list of ``Namespace`` objects, as returned by a list request.
public typealias NamespaceList = ObjectList<Namespace>

/// The desired state of a Namespace.
public struct NamespaceSpec: Codable, Sendable, Hashable {
    /// Finalizers that must be removed before the namespace is deleted, e.g. `kubernetes`.
    public var finalizers: [String]?

    public init(finalizers: [String]? = nil) {
        self.finalizers = finalizers
    }
}

/// The observed state of a Namespace.
public struct NamespaceStatus: Codable, Sendable, Hashable {
    /// `Active`, or `Terminating` once deletion has begun.
    public var phase: String?
    /// Conditions such as `NamespaceDeletionContentFailure`.
    public var conditions: [ObjectCondition]?

    public init(phase: String? = nil, conditions: [ObjectCondition]? = nil) {
        self.phase = phase
        self.conditions = conditions
    }
}
