import Foundation
import KubeCore

/// `RoleBinding`: grants a Role or ClusterRole to subjects within a namespace.
public struct RoleBinding: KubernetesObject, Hashable {
    /// The schema version, `rbac.authorization.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `RoleBinding`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The role granted; cannot change after creation.
    public var roleRef: RoleRef
    /// The users, groups and service accounts granted the role.
    public var subjects: [Subject]?

    /// Served at `rbac.authorization.k8s.io/v1`, resource `rolebindings`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", plural: "rolebindings", namespaced: true
    )

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), roleRef: RoleRef, subjects: [Subject]? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.roleRef = roleRef
        self.subjects = subjects
    }
}

/// A list of ``RoleBinding`` objects, as returned by a list request.
public typealias RoleBindingList = ObjectList<RoleBinding>

/// `ClusterRoleBinding`: grants a ClusterRole to subjects cluster-wide.
public struct ClusterRoleBinding: KubernetesObject, Hashable {
    /// The schema version, `rbac.authorization.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `ClusterRoleBinding`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The ClusterRole granted; cannot change after creation.
    public var roleRef: RoleRef
    /// The users, groups and service accounts granted the role.
    public var subjects: [Subject]?

    /// Served at `rbac.authorization.k8s.io/v1`, resource `clusterrolebindings`, cluster-scoped.
    public static let resource = ResourceDescriptor(
        group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings",
        namespaced: false)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), roleRef: RoleRef, subjects: [Subject]? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.roleRef = roleRef
        self.subjects = subjects
    }
}

/// A list of ``ClusterRoleBinding`` objects, as returned by a list request.
public typealias ClusterRoleBindingList = ObjectList<ClusterRoleBinding>

/// The role a binding grants.
public struct RoleRef: Codable, Sendable, Hashable {
    /// The role's group.
    public var apiGroup: String
    /// `Role` or `ClusterRole`.
    public var kind: String
    /// The role's name.
    public var name: String

    public init(apiGroup: String = "rbac.authorization.k8s.io", kind: String, name: String) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}

/// Who a binding grants a role to.
public struct Subject: Codable, Sendable, Hashable {
    /// `User`, `Group` or `ServiceAccount`.
    public var kind: String
    /// `rbac.authorization.k8s.io` for users and groups; empty for service accounts.
    public var apiGroup: String?
    /// The name.
    public var name: String
    /// The namespace of a service account.
    public var namespace: String?

    public init(kind: String, apiGroup: String? = nil, name: String, namespace: String? = nil) {
        self.kind = kind
        self.apiGroup = apiGroup
        self.name = name
        self.namespace = namespace
    }

    /// A ServiceAccount subject.
    public static func serviceAccount(_ name: String, namespace: String) -> Subject {
        Subject(kind: "ServiceAccount", apiGroup: "", name: name, namespace: namespace)
    }

    /// A user subject.
    public static func user(_ name: String) -> Subject {
        Subject(kind: "User", apiGroup: "rbac.authorization.k8s.io", name: name)
    }

    /// A group subject.
    public static func group(_ name: String) -> Subject {
        Subject(kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: name)
    }
}
