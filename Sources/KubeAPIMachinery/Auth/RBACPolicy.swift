import Foundation
import KubeCore
import KubeModels

/// The RBAC objects of a cluster, indexed for authorization: Roles, ClusterRoles,
/// RoleBindings and ClusterRoleBindings, with bindings indexed by subject and
/// aggregated ClusterRoles resolved.
///
/// A value type with copy-on-write storage: copying one costs a reference count, so
/// ``RBACAuthorizer`` can hand each decision a snapshot. Updates cost work proportional to
/// the changed object (and, for a ClusterRole, to the number of aggregated ClusterRoles);
/// a decision looks only at the bindings whose subjects name the user or its groups.
public struct RBACPolicy: Sendable {
    /// Groups allowed everything before RBAC is consulted, as the real server's
    /// privileged-group authorizer does; `system:masters` by default.
    public var privilegedGroups: Set<String>

    private var tables = RBACTables()

    public init(privilegedGroups: Set<String> = [WellKnownGroup.masters]) {
        self.privilegedGroups = privilegedGroups
    }

    /// A policy holding these objects.
    public init(
        roles: [Role] = [], clusterRoles: [ClusterRole] = [], roleBindings: [RoleBinding] = [],
        clusterRoleBindings: [ClusterRoleBinding] = [], privilegedGroups: Set<String> = [WellKnownGroup.masters]
    ) {
        self.init(privilegedGroups: privilegedGroups)
        for r in roles { tables.upsert(r) }
        for r in clusterRoles { tables.storeClusterRole(r) }
        tables.resolveAggregation(changed: nil)
        for b in roleBindings { tables.upsert(b) }
        for b in clusterRoleBindings { tables.upsert(b) }
    }

    /// The tables, copied first when a snapshot shares them.
    private mutating func writable() -> RBACTables {
        if !isKnownUniquelyReferenced(&tables) { tables = tables.copy() }
        return tables
    }

    // MARK: Updates

    /// Adds or replaces a Role.
    public mutating func upsert(_ role: Role) { writable().upsert(role) }

    /// Removes a Role.
    public mutating func removeRole(namespace: String, name: String) {
        writable().removeRole(namespace: namespace, name: name)
    }

    /// Adds or replaces a ClusterRole, re-resolving the aggregated ClusterRoles it affects.
    public mutating func upsert(_ clusterRole: ClusterRole) { writable().upsert(clusterRole) }

    /// Removes a ClusterRole.
    public mutating func removeClusterRole(name: String) { writable().removeClusterRole(name: name) }

    /// Adds or replaces a RoleBinding. One without a namespace is ignored: it cannot be
    /// stored, and must not act cluster-wide.
    public mutating func upsert(_ binding: RoleBinding) { writable().upsert(binding) }

    /// Removes a RoleBinding.
    public mutating func removeRoleBinding(namespace: String, name: String) {
        writable().removeRoleBinding(namespace: namespace, name: name)
    }

    /// Adds or replaces a ClusterRoleBinding.
    public mutating func upsert(_ binding: ClusterRoleBinding) { writable().upsert(binding) }

    /// Removes a ClusterRoleBinding.
    public mutating func removeClusterRoleBinding(name: String) { writable().removeClusterRoleBinding(name: name) }

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
        tables.visitRules(for: attributes.user, namespace: attributes.namespace, errors: &errors) {
            binding, subject, rules in
            for rule in rules where rule.allows(attributes) {
                allowedBy = binding.descriptions[subject]
                return false
            }
            return true
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
        tables.visitRules(for: user, namespace: namespace, errors: &errors) { _, _, rules in
            result.append(contentsOf: rules.map(\.rule))
            return true
        }
        return (result, errors)
    }

    // MARK: Inspection

    /// The aggregated ClusterRoles whose stored `rules` differ from their aggregation,
    /// with the rules replaced: what the API server writes back, as the real aggregation
    /// controller does, so that `kubectl get clusterrole admin -o yaml` shows the rules.
    public func pendingAggregationUpdates() -> [ClusterRole] {
        tables.aggregatedNames.sorted().compactMap { name in
            guard var role = tables.clusterRoles[name] else { return nil }
            let rules = tables.clusterRoleRules[name]?.map(\.rule) ?? []
            guard rules != (role.rules ?? []) else { return nil }
            role.rules = rules
            return role
        }
    }

    /// The number of Roles, ClusterRoles, RoleBindings and ClusterRoleBindings held.
    public var counts: (roles: Int, clusterRoles: Int, roleBindings: Int, clusterRoleBindings: Int) {
        (
            tables.roles.values.reduce(0) { $0 + $1.count }, tables.clusterRoles.count,
            tables.namespaceBindings.values.reduce(0) { $0 + $1.count }, tables.clusterBindings.count
        )
    }

    /// The effective rules of a ClusterRole (after aggregation), or `nil` when unknown.
    public func effectiveRules(ofClusterRole name: String) -> [PolicyRule]? {
        tables.clusterRoleRules[name]?.map(\.rule)
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
