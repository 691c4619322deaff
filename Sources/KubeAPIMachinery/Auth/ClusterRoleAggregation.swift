import Foundation
import KubeCore
import KubeModels

/// ClusterRole aggregation: a ClusterRole with an `aggregationRule` gets the rules of every
/// other ClusterRole whose labels match one of its `clusterRoleSelectors`.
///
/// The real server's aggregation controller writes the union into the role's `rules`
/// (matched roles in name order, repeated rules once); since it reads the matched roles'
/// own written rules, aggregation is transitive (`admin` ← `edit` ← `view`). This computes
/// the steady state of that controller directly. A selector that is not valid matches
/// nothing; cycles are cut by taking a role's stored rules when it is met again.
public enum ClusterRoleAggregation {
    /// The rules the controller would write into `role`, or `nil` when it has no
    /// `aggregationRule` (its own `rules` apply as written).
    public static func aggregatedRules(for role: ClusterRole, among roles: [ClusterRole]) -> [PolicyRule]? {
        var byName = [String: ClusterRole]()
        for r in roles { byName[r.metadata.name ?? ""] = r }
        byName[role.metadata.name ?? ""] = role
        var solver = Solver(roles: byName)
        return solver.rules(of: role.metadata.name ?? "")
    }

    /// The aggregated ClusterRoles among `roles` whose stored `rules` differ from what
    /// aggregation gives, with the rules replaced: what the API server should write back
    /// (as the aggregation controller does) after a ClusterRole changes.
    public static func pendingUpdates(among roles: [ClusterRole]) -> [ClusterRole] {
        var byName = [String: ClusterRole]()
        for r in roles { byName[r.metadata.name ?? ""] = r }
        var solver = Solver(roles: byName)
        var updates = [ClusterRole]()
        for name in byName.keys.sorted() {
            guard let role = byName[name], let rules = solver.rules(of: name), rules != (role.rules ?? []) else {
                continue
            }
            var updated = role
            updated.rules = rules
            updates.append(updated)
        }
        return updates
    }

    /// Computes aggregated rules with memoisation over one set of roles.
    struct Solver {
        let roles: [String: ClusterRole]
        private var memo: [String: [PolicyRule]] = [:]
        private var visiting: Set<String> = []
        private var queries: [String: [LabelQuery]] = [:]

        init(roles: [String: ClusterRole]) {
            self.roles = roles
        }

        /// The effective rules of an aggregated role, `nil` for a plain one or an unknown name.
        mutating func rules(of name: String) -> [PolicyRule]? {
            guard let role = roles[name], let rule = role.aggregationRule else { return nil }
            if let known = memo[name] { return known }
            visiting.insert(name)
            defer { visiting.remove(name) }
            let selectors = selectorQueries(name, rule)
            var result = [PolicyRule]()
            var seen = Set<PolicyRule>()
            for (otherName, other) in roles.sorted(by: { $0.key < $1.key }) where otherName != name {
                let labels = other.metadata.labels ?? [:]
                guard selectors.contains(where: { $0.matches(labels: labels) }) else { continue }
                let contributed: [PolicyRule]
                if other.aggregationRule != nil && !visiting.contains(otherName) {
                    contributed = rules(of: otherName) ?? []
                } else {
                    contributed = other.rules ?? []
                }
                for r in contributed where seen.insert(r).inserted { result.append(r) }
            }
            memo[name] = result
            return result
        }

        private mutating func selectorQueries(_ name: String, _ rule: AggregationRule) -> [LabelQuery] {
            if let known = queries[name] { return known }
            // An invalid selector contributes nothing rather than everything.
            let list = (rule.clusterRoleSelectors ?? []).compactMap { try? $0.query() }
            queries[name] = list
            return list
        }
    }
}
