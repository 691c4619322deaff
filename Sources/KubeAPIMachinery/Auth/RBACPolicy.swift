import Foundation
import KubeCore
import KubeModels

/// The RBAC objects of a cluster, indexed for authorization: Roles, ClusterRoles,
/// RoleBindings and ClusterRoleBindings, with bindings indexed by subject and
/// aggregated ClusterRoles resolved.
///
/// A value type: ``RBACAuthorizer`` wraps one for concurrent use and incremental updates.
/// Updates cost work proportional to the changed object (and, for a ClusterRole, to the
/// number of aggregated ClusterRoles); a decision looks only at the bindings whose
/// subjects name the user or one of its groups.
public struct RBACPolicy: Sendable {
    /// Groups allowed everything before RBAC is consulted, as the real server's
    /// privileged-group authorizer does; `system:masters` by default.
    public var privilegedGroups: Set<String>

    private var roles: [String: [String: [CompiledPolicyRule]]] = [:]
    private var clusterRoles: [String: ClusterRole] = [:]
    /// Rules of every ClusterRole after aggregation.
    private var clusterRoleRules: [String: [CompiledPolicyRule]] = [:]
    private var aggregatedNames: Set<String> = []
    private var clusterBindings: [String: RBACBinding] = [:]
    private var clusterBindingIndex = RBACSubjectIndex()
    private var namespaceBindings: [String: [String: RBACBinding]] = [:]
    private var namespaceBindingIndex: [String: RBACSubjectIndex] = [:]

    public init(privilegedGroups: Set<String> = [WellKnownGroup.masters]) {
        self.privilegedGroups = privilegedGroups
    }

    /// A policy holding these objects.
    public init(
        roles: [Role] = [], clusterRoles: [ClusterRole] = [], roleBindings: [RoleBinding] = [],
        clusterRoleBindings: [ClusterRoleBinding] = [], privilegedGroups: Set<String> = [WellKnownGroup.masters]
    ) {
        self.init(privilegedGroups: privilegedGroups)
        for r in roles { upsert(r) }
        for r in clusterRoles { storeClusterRole(r) }
        resolveAggregation(changed: nil)
        for b in roleBindings { upsert(b) }
        for b in clusterRoleBindings { upsert(b) }
    }

    // MARK: Updates

    /// Adds or replaces a Role.
    public mutating func upsert(_ role: Role) {
        let ns = role.metadata.namespace ?? ""
        roles[ns, default: [:]][role.metadata.name ?? ""] = (role.rules ?? []).map(CompiledPolicyRule.init)
    }

    /// Removes a Role.
    public mutating func removeRole(namespace: String, name: String) {
        roles[namespace]?[name] = nil
        if roles[namespace]?.isEmpty == true { roles[namespace] = nil }
    }

    /// Adds or replaces a ClusterRole, re-resolving the aggregated ClusterRoles it affects.
    public mutating func upsert(_ clusterRole: ClusterRole) {
        let old = clusterRoles[clusterRole.metadata.name ?? ""]
        storeClusterRole(clusterRole)
        resolveAggregation(changed: [old, clusterRole].compactMap { $0 })
    }

    /// Removes a ClusterRole.
    public mutating func removeClusterRole(name: String) {
        guard let old = clusterRoles.removeValue(forKey: name) else { return }
        clusterRoleRules[name] = nil
        aggregatedNames.remove(name)
        resolveAggregation(changed: [old])
    }

    /// Adds or replaces a RoleBinding.
    public mutating func upsert(_ binding: RoleBinding) {
        let entry = RBACBinding(
            name: binding.metadata.name ?? "", namespace: binding.metadata.namespace ?? "", roleRef: binding.roleRef,
            subjects: binding.subjects ?? [])
        // A RoleBinding without a namespace cannot be stored; ignore rather than let it act cluster-wide.
        guard !entry.namespace.isEmpty else { return }
        removeRoleBinding(namespace: entry.namespace, name: entry.name)
        namespaceBindings[entry.namespace, default: [:]][entry.name] = entry
        namespaceBindingIndex[entry.namespace, default: RBACSubjectIndex()].insert(entry)
    }

    /// Removes a RoleBinding.
    public mutating func removeRoleBinding(namespace: String, name: String) {
        guard let old = namespaceBindings[namespace]?.removeValue(forKey: name) else { return }
        namespaceBindingIndex[namespace]?.remove(old)
        if namespaceBindings[namespace]?.isEmpty == true {
            namespaceBindings[namespace] = nil
            namespaceBindingIndex[namespace] = nil
        }
    }

    /// Adds or replaces a ClusterRoleBinding.
    public mutating func upsert(_ binding: ClusterRoleBinding) {
        let entry = RBACBinding(
            name: binding.metadata.name ?? "", namespace: "", roleRef: binding.roleRef, subjects: binding.subjects ?? []
        )
        removeClusterRoleBinding(name: entry.name)
        clusterBindings[entry.name] = entry
        clusterBindingIndex.insert(entry)
    }

    /// Removes a ClusterRoleBinding.
    public mutating func removeClusterRoleBinding(name: String) {
        guard let old = clusterBindings.removeValue(forKey: name) else { return }
        clusterBindingIndex.remove(old)
    }

    /// Adds or replaces an RBAC object given as JSON (as the API server stores objects);
    /// its `kind` says which. Objects of other kinds are ignored and return `false`.
    @discardableResult
    public mutating func upsert(object: JSONValue) throws -> Bool {
        guard let decoded = try RBACObject(object) else { return false }
        upsert(decoded)
        return true
    }

    mutating func upsert(_ object: RBACObject) {
        switch object {
        case .role(let r): upsert(r)
        case .clusterRole(let r): upsert(r)
        case .roleBinding(let b): upsert(b)
        case .clusterRoleBinding(let b): upsert(b)
        }
    }

    /// Removes the RBAC object `object` names (by `kind`, namespace and name); `false`
    /// for other kinds.
    @discardableResult
    public mutating func remove(object: JSONValue) -> Bool {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let ns = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
        switch object["kind"]?.stringValue {
        case "Role": removeRole(namespace: ns, name: name)
        case "ClusterRole": removeClusterRole(name: name)
        case "RoleBinding": removeRoleBinding(namespace: ns, name: name)
        case "ClusterRoleBinding": removeClusterRoleBinding(name: name)
        default: return false
        }
        return true
    }

    /// Applies one event of a watch on an RBAC resource: added and modified objects are
    /// upserted, deleted ones removed, bookmarks ignored.
    public mutating func apply(_ event: WatchEvent<JSONValue>) throws {
        switch event {
        case .added(let object), .modified(let object): try upsert(object: object)
        case .deleted(let object): remove(object: object)
        case .bookmark: break
        }
    }

    // MARK: Aggregation

    private mutating func storeClusterRole(_ role: ClusterRole) {
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
    private mutating func resolveAggregation(changed: [ClusterRole]?) {
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

    /// The aggregated ClusterRoles whose stored `rules` differ from their aggregation,
    /// with the rules replaced: what the API server writes back, as the real aggregation
    /// controller does, so that `kubectl get clusterrole admin -o yaml` shows the rules.
    public func pendingAggregationUpdates() -> [ClusterRole] {
        aggregatedNames.sorted().compactMap { name in
            guard var role = clusterRoles[name] else { return nil }
            let rules = clusterRoleRules[name]?.map(\.rule) ?? []
            guard rules != (role.rules ?? []) else { return nil }
            role.rules = rules
            return role
        }
    }

    // MARK: Decisions

    /// Decides a request as the real server's privileged-group and RBAC authorizers do.
    ///
    /// Members of ``privilegedGroups`` are allowed with an empty reason. Otherwise the
    /// ClusterRoleBindings that apply to the user are tried, then (for a namespaced
    /// request) the RoleBindings of the namespace; the first rule that allows gives the
    /// reason `RBAC: allowed by …`. When none does the verdict is no opinion, with the
    /// reason `RBAC: …` listing roles that bindings name but that do not exist.
    public func authorize(_ attributes: AuthorizationAttributes) -> AuthorizationDecision {
        if !privilegedGroups.isEmpty, attributes.user.groups.contains(where: privilegedGroups.contains) {
            return .allow()
        }
        var errors = [String]()
        var allowedBy: String?
        visitRules(for: attributes.user, namespace: attributes.namespace, errors: &errors) { binding, subject, rules in
            guard rules.contains(where: { $0.allows(attributes) }) else { return true }
            allowedBy = binding.describe(subject: subject)
            return false
        }
        if let allowedBy { return .allow("RBAC: allowed by \(allowedBy)") }
        return .noOpinion(errors.isEmpty ? "" : "RBAC: \(AuthText.aggregate(errors))")
    }

    /// The rules that apply to `user` in `namespace` (cluster-wide rules, plus the
    /// namespace's when it is not empty), and the errors met finding them: what
    /// SelfSubjectRulesReview reports and `kubectl auth can-i --list` prints.
    public func rules(for user: AuthenticatedUser, namespace: String) -> (rules: [PolicyRule], errors: [String]) {
        var errors = [String]()
        var result = [PolicyRule]()
        visitRules(for: user, namespace: namespace, errors: &errors) { _, _, rules in
            result.append(contentsOf: rules.map(\.rule))
            return true
        }
        return (result, errors)
    }

    /// Calls `visit` with each binding that applies to `user`, the subject that made it
    /// apply, and its role's rules, until `visit` returns `false`. Bindings naming a role
    /// that does not exist add an error (`clusterrole.rbac.authorization.k8s.io "x" not found`).
    private func visitRules(
        for user: AuthenticatedUser, namespace: String, errors: inout [String],
        _ visit: (RBACBinding, Subject, [CompiledPolicyRule]) -> Bool
    ) {
        for name in clusterBindingIndex.candidates(for: user) {
            guard let binding = clusterBindings[name], let subject = binding.firstSubject(matching: user) else {
                continue
            }
            switch roleRules(binding.roleRef, namespace: "") {
            case .success(let rules): if !visit(binding, subject, rules) { return }
            case .failure(let error): errors.append(error.message)
            }
        }
        guard !namespace.isEmpty, let index = namespaceBindingIndex[namespace] else { return }
        for name in index.candidates(for: user) {
            guard let binding = namespaceBindings[namespace]?[name], let subject = binding.firstSubject(matching: user)
            else { continue }
            switch roleRules(binding.roleRef, namespace: namespace) {
            case .success(let rules): if !visit(binding, subject, rules) { return }
            case .failure(let error): errors.append(error.message)
            }
        }
    }

    private struct RoleLookupError: Error {
        var message: String
    }

    private func roleRules(_ ref: RoleRef, namespace: String) -> Result<[CompiledPolicyRule], RoleLookupError> {
        switch ref.kind {
        case "ClusterRole":
            if let rules = clusterRoleRules[ref.name] { return .success(rules) }
            return .failure(
                RoleLookupError(message: "clusterrole.rbac.authorization.k8s.io \(AuthText.quoted(ref.name)) not found")
            )
        case "Role":
            if let rules = roles[namespace]?[ref.name] { return .success(rules) }
            return .failure(
                RoleLookupError(message: "role.rbac.authorization.k8s.io \(AuthText.quoted(ref.name)) not found"))
        default:
            return .failure(RoleLookupError(message: "unsupported role reference kind: \(AuthText.quoted(ref.kind))"))
        }
    }

    // MARK: Inspection

    /// The number of Roles, ClusterRoles, RoleBindings and ClusterRoleBindings held.
    public var counts: (roles: Int, clusterRoles: Int, roleBindings: Int, clusterRoleBindings: Int) {
        (
            roles.values.reduce(0) { $0 + $1.count }, clusterRoles.count,
            namespaceBindings.values.reduce(0) { $0 + $1.count }, clusterBindings.count
        )
    }

    /// The effective rules of a ClusterRole (after aggregation), or `nil` when unknown.
    public func effectiveRules(ofClusterRole name: String) -> [PolicyRule]? {
        clusterRoleRules[name]?.map(\.rule)
    }
}

/// An RBAC object decoded from JSON.
enum RBACObject: Sendable {
    case role(Role)
    case clusterRole(ClusterRole)
    case roleBinding(RoleBinding)
    case clusterRoleBinding(ClusterRoleBinding)

    /// Decodes by `kind`; `nil` for other kinds.
    init?(_ object: JSONValue) throws {
        switch object["kind"]?.stringValue {
        case "Role": self = .role(try object.decode(as: Role.self))
        case "ClusterRole": self = .clusterRole(try object.decode(as: ClusterRole.self))
        case "RoleBinding": self = .roleBinding(try object.decode(as: RoleBinding.self))
        case "ClusterRoleBinding": self = .clusterRoleBinding(try object.decode(as: ClusterRoleBinding.self))
        default: return nil
        }
    }
}
