import Foundation
import KubeCore

/// `Role`: a set of permissions within a namespace.
public struct Role: KubernetesObject, Hashable {
    /// The schema version, `rbac.authorization.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `Role`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The permissions.
    public var rules: [PolicyRule]?

    /// Served at `rbac.authorization.k8s.io/v1`, resource `roles`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", plural: "roles", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), rules: [PolicyRule]? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.rules = rules
    }
}

/// A list of ``Role`` objects, as returned by a list request.
public typealias RoleList = ObjectList<Role>

/// `ClusterRole`: a set of permissions, cluster-wide or reused across namespaces.
public struct ClusterRole: KubernetesObject, Hashable {
    /// The schema version, `rbac.authorization.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `ClusterRole`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The permissions.
    public var rules: [PolicyRule]?
    /// Builds the rules from other ClusterRoles; the controller then owns `rules`.
    public var aggregationRule: AggregationRule?

    /// Served at `rbac.authorization.k8s.io/v1`, resource `clusterroles`, cluster-scoped.
    public static let resource = ResourceDescriptor(
        group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", plural: "clusterroles",
        namespaced: false)

    /// An object with `apiVersion` and `kind` already set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), rules: [PolicyRule]? = nil, aggregationRule: AggregationRule? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.rules = rules
        self.aggregationRule = aggregationRule
    }
}

/// A list of ``ClusterRole`` objects, as returned by a list request.
public typealias ClusterRoleList = ObjectList<ClusterRole>

/// Permission for some verbs on some resources or non-resource URLs.
public struct PolicyRule: Codable, Sendable, Hashable {
    /// The verbs, e.g. `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, or `*`.
    public var verbs: [String]
    /// The API groups; `""` is the core group.
    public var apiGroups: [String]?
    /// The resources, e.g. `pods`, `pods/log`, or `*`.
    public var resources: [String]?
    /// Restricts the rule to these object names.
    public var resourceNames: [String]?
    /// URLs such as `/healthz` (ClusterRoles only).
    public var nonResourceURLs: [String]?

    public init(
        verbs: [String], apiGroups: [String]? = nil, resources: [String]? = nil, resourceNames: [String]? = nil,
        nonResourceURLs: [String]? = nil
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }
}

/// Selects the ClusterRoles whose rules are aggregated.
public struct AggregationRule: Codable, Sendable, Hashable {
    /// ClusterRoles matching any selector contribute their rules.
    public var clusterRoleSelectors: [LabelSelector]?

    public init(clusterRoleSelectors: [LabelSelector]? = nil) {
        self.clusterRoleSelectors = clusterRoleSelectors
    }
}
