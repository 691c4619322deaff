import Foundation
import KubeModels

/// The storage of an ``RBACPolicy``: every table, and the logic that keeps them
/// consistent and walks them.
///
/// `@unchecked Sendable` because it is mutable: ``RBACPolicy`` mutates it only when it
/// holds the only reference (copy-on-write, as the standard collections do), so a
/// table that is shared, and so possibly read by another thread, is never written.
final class RBACTables: @unchecked Sendable {
    var roles: [String: [String: [CompiledPolicyRule]]] = [:]
    var clusterRoles: [String: ClusterRole] = [:]
    /// Rules of every ClusterRole after aggregation.
    var clusterRoleRules: [String: [CompiledPolicyRule]] = [:]
    var aggregatedNames: Set<String> = []
    var clusterBindings: [String: RBACBinding] = [:]
    var clusterBindingIndex = RBACSubjectIndex()
    var namespaceBindings: [String: [String: RBACBinding]] = [:]
    var namespaceBindingIndex: [String: RBACSubjectIndex] = [:]

    init() {}

    /// A copy sharing every table until one of them is changed.
    func copy() -> RBACTables {
        let c = RBACTables()
        c.roles = roles
        c.clusterRoles = clusterRoles
        c.clusterRoleRules = clusterRoleRules
        c.aggregatedNames = aggregatedNames
        c.clusterBindings = clusterBindings
        c.clusterBindingIndex = clusterBindingIndex
        c.namespaceBindings = namespaceBindings
        c.namespaceBindingIndex = namespaceBindingIndex
        return c
    }

    // MARK: Updates

    func upsert(_ role: Role) {
        let ns = role.metadata.namespace ?? ""
        roles[ns, default: [:]][role.metadata.name ?? ""] = (role.rules ?? []).map(CompiledPolicyRule.init)
    }

    func removeRole(namespace: String, name: String) {
        roles[namespace]?[name] = nil
        if roles[namespace]?.isEmpty == true { roles[namespace] = nil }
    }

    func upsert(_ clusterRole: ClusterRole) {
        let old = clusterRoles[clusterRole.metadata.name ?? ""]
        storeClusterRole(clusterRole)
        resolveAggregation(changed: [old, clusterRole].compactMap { $0 })
    }

    func removeClusterRole(name: String) {
        guard let old = clusterRoles.removeValue(forKey: name) else { return }
        clusterRoleRules[name] = nil
        aggregatedNames.remove(name)
        resolveAggregation(changed: [old])
    }

    func upsert(_ binding: RoleBinding) {
        let entry = RBACBinding(
            name: binding.metadata.name ?? "", namespace: binding.metadata.namespace ?? "", roleRef: binding.roleRef,
            subjects: binding.subjects ?? [])
        guard !entry.namespace.isEmpty else { return }
        removeRoleBinding(namespace: entry.namespace, name: entry.name)
        namespaceBindings[entry.namespace, default: [:]][entry.name] = entry
        namespaceBindingIndex[entry.namespace, default: RBACSubjectIndex()].insert(entry)
    }

    func removeRoleBinding(namespace: String, name: String) {
        guard let old = namespaceBindings[namespace]?.removeValue(forKey: name) else { return }
        namespaceBindingIndex[namespace]?.remove(old)
        if namespaceBindings[namespace]?.isEmpty == true {
            namespaceBindings[namespace] = nil
            namespaceBindingIndex[namespace] = nil
        }
    }

    func upsert(_ binding: ClusterRoleBinding) {
        let entry = RBACBinding(
            name: binding.metadata.name ?? "", namespace: "", roleRef: binding.roleRef, subjects: binding.subjects ?? []
        )
        removeClusterRoleBinding(name: entry.name)
        clusterBindings[entry.name] = entry
        clusterBindingIndex.insert(entry)
    }

    func removeClusterRoleBinding(name: String) {
        guard let old = clusterBindings.removeValue(forKey: name) else { return }
        clusterBindingIndex.remove(old)
    }

    // MARK: Aggregation

    func storeClusterRole(_ role: ClusterRole) {
        let name = role.metadata.name ?? ""
        clusterRoles[name] = role
        if role.aggregationRule != nil {
            aggregatedNames.insert(name)
        } else {
            aggregatedNames.remove(name)
            clusterRoleRules[name] = (role.rules ?? []).map(CompiledPolicyRule.init)
        }
    }

    /// Recomputes the aggregated ClusterRoles. When `changed` is given, only if one of
    /// those roles is aggregated or carries labels: an unlabelled plain role cannot be
    /// selected by any aggregation rule.
    func resolveAggregation(changed: [ClusterRole]?) {
        guard !aggregatedNames.isEmpty else { return }
        if let changed,
            !changed.contains(where: { $0.aggregationRule != nil || !($0.metadata.labels ?? [:]).isEmpty })
        {
            return
        }
        var solver = ClusterRoleAggregation.Solver(roles: clusterRoles)
        for name in aggregatedNames {
            clusterRoleRules[name] = (solver.rules(of: name) ?? []).map(CompiledPolicyRule.init)
        }
    }

    // MARK: Walking

    /// Calls `visit` with each binding that applies to `user`, the position of the
    /// subject that made it apply, and its role's rules, until `visit` returns `false`:
    /// ClusterRoleBindings first, then the RoleBindings of `namespace` when it is not
    /// empty. Bindings naming a role that does not exist add an error instead
    /// (`clusterrole.rbac.authorization.k8s.io "x" not found`), as in the real server.
    func visitRules(
        for user: AuthenticatedUser, namespace: String, errors: inout [String],
        _ visit: (RBACBinding, Int, [CompiledPolicyRule]) -> Bool
    ) {
        for binding in clusterBindingIndex.candidates(for: user) {
            guard let subject = binding.firstSubject(matching: user) else { continue }
            if let rules = rules(of: binding.roleRef, namespace: "", errors: &errors), !visit(binding, subject, rules) {
                return
            }
        }
        guard !namespace.isEmpty, let index = namespaceBindingIndex[namespace] else { return }
        for binding in index.candidates(for: user) {
            guard let subject = binding.firstSubject(matching: user) else { continue }
            if let rules = rules(of: binding.roleRef, namespace: namespace, errors: &errors),
                !visit(binding, subject, rules)
            {
                return
            }
        }
    }

    private func rules(of ref: RoleRef, namespace: String, errors: inout [String]) -> [CompiledPolicyRule]? {
        switch ref.kind {
        case "ClusterRole":
            if let rules = clusterRoleRules[ref.name] { return rules }
            errors.append("clusterrole.rbac.authorization.k8s.io \(AuthText.quoted(ref.name)) not found")
        case "Role":
            if let rules = roles[namespace]?[ref.name] { return rules }
            errors.append("role.rbac.authorization.k8s.io \(AuthText.quoted(ref.name)) not found")
        default:
            errors.append("unsupported role reference kind: \(AuthText.quoted(ref.kind))")
        }
        return nil
    }
}
