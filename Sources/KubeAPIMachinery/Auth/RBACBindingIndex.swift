import Foundation
import KubeModels

/// A RoleBinding or ClusterRoleBinding as the authorizer keeps it: immutable, with what
/// decisions need worked out once when it is stored.
final class RBACBinding: Sendable {
    /// The binding's name.
    let name: String
    /// The binding's namespace; empty for a ClusterRoleBinding.
    let namespace: String
    let roleRef: RoleRef
    let subjects: [Subject]
    /// The index key of each subject (see ``indexKey(of:namespace:)``).
    let keys: [RBACSubjectKey?]
    /// How reasons name the binding for each subject.
    let descriptions: [String]

    init(name: String, namespace: String, roleRef: RoleRef, subjects: [Subject]) {
        self.name = name
        self.namespace = namespace
        self.roleRef = roleRef
        self.subjects = subjects
        self.keys = subjects.map { Self.indexKey(of: $0, namespace: namespace) }
        self.descriptions = subjects.map { Self.describe(name, namespace, roleRef, $0) }
    }

    var isClusterBinding: Bool { namespace.isEmpty }

    /// The key a subject is indexed under: user subjects and service account subjects both
    /// by user name (`system:serviceaccount:<ns>:<name>` for the latter), groups by name.
    /// `nil` for subjects that can never match: unknown kinds, and service accounts
    /// without a namespace in a ClusterRoleBinding.
    static func indexKey(of subject: Subject, namespace: String) -> RBACSubjectKey? {
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

    /// The position of the first subject that applies to `user`, as the real server
    /// reports it in reasons.
    func firstSubject(matching user: AuthenticatedUser) -> Int? {
        keys.firstIndex { key in
            switch key {
            case .user(let name)?: return name == user.username
            case .group(let name)?: return user.groups.contains(name)
            case nil: return false
            }
        }
    }

    /// `ClusterRoleBinding "x" of ClusterRole "y" to User "z"` or
    /// `RoleBinding "x/ns" of Role "y" to ServiceAccount "sa/ns"`: the real server's words.
    private static func describe(_ name: String, _ namespace: String, _ roleRef: RoleRef, _ subject: Subject) -> String
    {
        let who: String
        if subject.kind == "ServiceAccount" {
            let ns = (subject.namespace ?? "").isEmpty ? namespace : (subject.namespace ?? "")
            who = "\(subject.kind) \(AuthText.quoted(subject.name + "/" + ns))"
        } else {
            who = "\(subject.kind) \(AuthText.quoted(subject.name))"
        }
        let binding =
            namespace.isEmpty
            ? "ClusterRoleBinding \(AuthText.quoted(name))" : "RoleBinding \(AuthText.quoted(name + "/" + namespace))"
        return "\(binding) of \(roleRef.kind) \(AuthText.quoted(roleRef.name)) to \(who)"
    }
}

/// The key of a binding subject in ``RBACSubjectIndex``.
enum RBACSubjectKey: Hashable, Sendable {
    case user(String)
    case group(String)
}

/// Which bindings grant something to which users and groups, so that a request looks at
/// only the bindings that can apply to its user rather than at all of them. Each list is
/// kept sorted by binding name, so that reasons do not depend on hash order.
struct RBACSubjectIndex: Sendable {
    private var byUser: [String: [RBACBinding]] = [:]
    private var byGroup: [String: [RBACBinding]] = [:]

    var isEmpty: Bool { byUser.isEmpty && byGroup.isEmpty }

    mutating func insert(_ binding: RBACBinding) {
        for key in Set(binding.keys.compactMap { $0 }) {
            switch key {
            case .user(let name): Self.insert(binding, under: name, in: &byUser)
            case .group(let name): Self.insert(binding, under: name, in: &byGroup)
            }
        }
    }

    mutating func remove(_ binding: RBACBinding) {
        for key in Set(binding.keys.compactMap { $0 }) {
            switch key {
            case .user(let name): Self.remove(binding, from: name, in: &byUser)
            case .group(let name): Self.remove(binding, from: name, in: &byGroup)
            }
        }
    }

    private static func insert(_ binding: RBACBinding, under key: String, in map: inout [String: [RBACBinding]]) {
        var list = map[key] ?? []
        let at = list.firstIndex { $0.name > binding.name } ?? list.endIndex
        list.insert(binding, at: at)
        map[key] = list
    }

    private static func remove(_ binding: RBACBinding, from key: String, in map: inout [String: [RBACBinding]]) {
        guard var list = map[key] else { return }
        list.removeAll { $0 === binding }
        map[key] = list.isEmpty ? nil : list
    }

    /// The bindings that may apply to `user`, in name order.
    func candidates(for user: AuthenticatedUser) -> [RBACBinding] {
        var result = byUser[user.username] ?? []
        var merged = false
        for group in user.groups {
            guard let more = byGroup[group] else { continue }
            if result.isEmpty {
                result = more
            } else {
                result.append(contentsOf: more)
                merged = true
            }
        }
        guard merged else { return result }
        result.sort { $0.name < $1.name }
        // A binding naming the user and a group (or two groups) appears once; names are
        // unique within an index, so after sorting its copies are adjacent.
        var unique = [RBACBinding]()
        unique.reserveCapacity(result.count)
        for binding in result where unique.last !== binding {
            unique.append(binding)
        }
        return unique
    }
}
