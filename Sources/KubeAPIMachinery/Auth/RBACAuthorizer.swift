import Foundation
import KubeCore
import KubeModels
import Synchronization

/// The API server's RBAC authorizer: an ``RBACPolicy`` that many request handlers read
/// while the server's watch on RBAC objects updates it.
///
/// Decisions take a snapshot of the policy under a short lock and evaluate outside it, so
/// concurrent requests do not wait for each other; an update that lands while snapshots
/// are held copies only the tables it changes.
public final class RBACAuthorizer: Authorizer, Sendable {
    private let state: Mutex<RBACPolicy>

    public init(_ policy: RBACPolicy = RBACPolicy()) {
        state = Mutex(policy)
    }

    /// An authorizer holding these objects.
    public convenience init(
        roles: [Role] = [], clusterRoles: [ClusterRole] = [], roleBindings: [RoleBinding] = [],
        clusterRoleBindings: [ClusterRoleBinding] = [], privilegedGroups: Set<String> = [WellKnownGroup.masters]
    ) {
        self.init(
            RBACPolicy(
                roles: roles, clusterRoles: clusterRoles, roleBindings: roleBindings,
                clusterRoleBindings: clusterRoleBindings, privilegedGroups: privilegedGroups))
    }

    /// The current policy (a copy).
    public var policy: RBACPolicy { state.withLock { $0 } }

    /// Replaces the whole policy, e.g. after the server relists RBAC objects.
    public func replace(with policy: RBACPolicy) {
        state.withLock { $0 = policy }
    }

    /// Changes the policy in place.
    public func update<T>(_ body: (inout RBACPolicy) throws -> T) rethrows -> T {
        try state.withLock { try body(&$0) }
    }

    public func authorize(_ attributes: AuthorizationAttributes) -> AuthorizationDecision {
        policy.authorize(attributes)
    }

    /// See ``RBACPolicy/rules(for:namespace:)``.
    public func rules(for user: AuthenticatedUser, namespace: String) -> (rules: [PolicyRule], errors: [String]) {
        policy.rules(for: user, namespace: namespace)
    }

    /// Adds or replaces a Role.
    public func upsert(_ role: Role) { update { $0.upsert(role) } }
    /// Adds or replaces a ClusterRole.
    public func upsert(_ clusterRole: ClusterRole) { update { $0.upsert(clusterRole) } }
    /// Adds or replaces a RoleBinding.
    public func upsert(_ binding: RoleBinding) { update { $0.upsert(binding) } }
    /// Adds or replaces a ClusterRoleBinding.
    public func upsert(_ binding: ClusterRoleBinding) { update { $0.upsert(binding) } }
    /// Removes a Role.
    public func removeRole(namespace: String, name: String) {
        update { $0.removeRole(namespace: namespace, name: name) }
    }
    /// Removes a ClusterRole.
    public func removeClusterRole(name: String) { update { $0.removeClusterRole(name: name) } }
    /// Removes a RoleBinding.
    public func removeRoleBinding(namespace: String, name: String) {
        update { $0.removeRoleBinding(namespace: namespace, name: name) }
    }
    /// Removes a ClusterRoleBinding.
    public func removeClusterRoleBinding(name: String) { update { $0.removeClusterRoleBinding(name: name) } }

    /// See ``RBACPolicy/upsert(object:)``.
    @discardableResult
    public func upsert(object: JSONValue) throws -> Bool {
        // Decode outside the lock: it is the slow part.
        guard let decoded = try RBACObject(object) else { return false }
        update { $0.upsert(decoded) }
        return true
    }

    /// See ``RBACPolicy/remove(object:)``.
    @discardableResult
    public func remove(object: JSONValue) -> Bool { update { $0.remove(object: object) } }

    /// See ``RBACPolicy/apply(_:)``.
    public func apply(_ event: WatchEvent<JSONValue>) throws {
        switch event {
        case .added(let object), .modified(let object): try upsert(object: object)
        case .deleted(let object): remove(object: object)
        case .bookmark: break
        }
    }
}
