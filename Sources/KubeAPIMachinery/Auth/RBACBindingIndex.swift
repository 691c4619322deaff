import Foundation
import KubeModels

/// A RoleBinding or ClusterRoleBinding as the authorizer keeps it.
struct RBACBinding: Sendable, Hashable {
    /// The binding's name.
    var name: String
    /// The binding's namespace; empty for a ClusterRoleBinding.
    var namespace: String
    var roleRef: RoleRef
    var subjects: [Subject]

    var isClusterBinding: Bool { namespace.isEmpty }

    /// The key a subject is indexed under: user subjects and service account subjects both
    /// by user name (`system:serviceaccount:<ns>:<name>` for the latter), groups by name.
    /// `nil` for subjects that can never match: unknown kinds, and service accounts
    /// without a namespace in a ClusterRoleBinding.
    func indexKey(of subject: Subject) -> RBACSubjectKey? {
        switch subject.kind {
        case "User": return .user(subject.name)
        case "Group": return .group(subject.name)
        case "ServiceAccount":
            // A RoleBinding's service account subject defaults to the binding's namespace.
            let ns = (subject.namespace ?? "").isEmpty ? namespace : (subject.namespace ?? "")
            guard !ns.isEmpty else { return nil }
            return .user(ServiceAccountUsername.make(namespace: ns, name: subject.name))
        default: return nil
        }
    }

    /// The first subject that applies to `user`, as the real server reports it in reasons.
    func firstSubject(matching user: AuthenticatedUser) -> Subject? {
        subjects.first { subject in
            switch indexKey(of: subject) {
            case .user(let name)?: return name == user.username
            case .group(let name)?: return user.groups.contains(name)
            case nil: return false
            }
        }
    }

    /// `ClusterRoleBinding "x" of ClusterRole "y" to User "z"` or
    /// `RoleBinding "x/ns" of Role "y" to ServiceAccount "sa/ns"`: the real server's words.
    func describe(subject: Subject) -> String {
        let who: String
        if subject.kind == "ServiceAccount" {
            let ns = (subject.namespace ?? "").isEmpty ? namespace : (subject.namespace ?? "")
            who = "\(subject.kind) \(AuthText.quoted(subject.name + "/" + ns))"
        } else {
            who = "\(subject.kind) \(AuthText.quoted(subject.name))"
        }
        let binding =
            isClusterBinding
            ? "ClusterRoleBinding \(AuthText.quoted(name))" : "RoleBinding \(AuthText.quoted(name + "/" + namespace))"
        return "\(binding) of \(roleRef.kind) \(AuthText.quoted(roleRef.name)) to \(who)"
    }
}

/// The key of a binding subject in ``RBACSubjectIndex``.
enum RBACSubjectKey: Hashable, Sendable {
    case user(String)
    case group(String)
}

/// Which bindings (by name) grant something to which users and groups, so that a request
/// looks at only the bindings that can apply to its user rather than at all of them.
struct RBACSubjectIndex: Sendable {
    private var byUser: [String: Set<String>] = [:]
    private var byGroup: [String: Set<String>] = [:]

    var isEmpty: Bool { byUser.isEmpty && byGroup.isEmpty }

    mutating func insert(_ binding: RBACBinding) {
        for subject in binding.subjects {
            switch binding.indexKey(of: subject) {
            case .user(let name)?: byUser[name, default: []].insert(binding.name)
            case .group(let name)?: byGroup[name, default: []].insert(binding.name)
            case nil: continue
            }
        }
    }

    mutating func remove(_ binding: RBACBinding) {
        for subject in binding.subjects {
            switch binding.indexKey(of: subject) {
            case .user(let name)?: Self.remove(binding.name, from: name, in: &byUser)
            case .group(let name)?: Self.remove(binding.name, from: name, in: &byGroup)
            case nil: continue
            }
        }
    }

    private static func remove(_ binding: String, from key: String, in map: inout [String: Set<String>]) {
        guard var set = map[key] else { return }
        set.remove(binding)
        map[key] = set.isEmpty ? nil : set
    }

    /// The names of the bindings that may apply to `user`, sorted so that reasons do not
    /// depend on hash order.
    func candidates(for user: AuthenticatedUser) -> [String] {
        var names = byUser[user.username] ?? []
        for group in user.groups {
            if let more = byGroup[group] { names.formUnion(more) }
        }
        return names.sorted()
    }
}
