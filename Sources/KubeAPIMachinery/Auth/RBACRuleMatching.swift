import Foundation
import KubeModels

/// How one RBAC `PolicyRule` matches a request, exactly as Kubernetes matches it:
///
/// - verbs: `*` or an equal verb (a request for verb `*` needs a rule with `*`);
/// - apiGroups: `*` or an equal group (`""` is the core group);
/// - resources: `*`, the exact `resource` or `resource/subresource`, or `*/subresource`
///   for any resource's subresource (`pods/*` is **not** a wildcard);
/// - resourceNames: empty means any name, otherwise the request's name must be listed (a
///   request without a name, such as `list` or `create`, matches only an empty list);
/// - nonResourceURLs: `*`, an equal path, or a prefix ending in `*` (`/healthz/*`).
public enum RBACRuleMatcher {
    /// Whether `rule` allows the request.
    public static func allows(_ rule: PolicyRule, _ attributes: AuthorizationAttributes) -> Bool {
        CompiledPolicyRule(rule).allows(attributes)
    }
}

/// A rule with its lists prepared once, so that matching costs a few comparisons.
///
/// A class: rules are shared by every decision that reads them, and copying a reference
/// is cheaper than copying a dozen collections.
final class CompiledPolicyRule: Sendable {
    let rule: PolicyRule
    private let anyVerb: Bool
    private let verbs: RBACStringSet
    private let anyGroup: Bool
    private let groups: RBACStringSet
    private let anyResource: Bool
    private let resources: RBACStringSet
    /// The `x` of every `*/x` entry.
    private let anyResourceSubresources: RBACStringSet
    private let names: RBACStringSet
    private let anyURL: Bool
    private let urls: RBACStringSet
    /// The prefixes of entries ending in `*`, with every trailing `*` removed.
    private let urlPrefixes: [String]

    init(_ rule: PolicyRule) {
        self.rule = rule
        anyVerb = rule.verbs.contains("*")
        verbs = RBACStringSet(rule.verbs)
        let groupList = rule.apiGroups ?? []
        anyGroup = groupList.contains("*")
        groups = RBACStringSet(groupList)
        let resourceList = rule.resources ?? []
        anyResource = resourceList.contains("*")
        resources = RBACStringSet(resourceList)
        anyResourceSubresources = RBACStringSet(
            resourceList.filter { $0.hasPrefix("*/") }.map { String($0.dropFirst(2)) })
        names = RBACStringSet(rule.resourceNames ?? [])
        let urlList = rule.nonResourceURLs ?? []
        anyURL = urlList.contains("*")
        urls = RBACStringSet(urlList)
        urlPrefixes = urlList.filter { $0.hasSuffix("*") }.map { url in
            var prefix = Substring(url)
            while prefix.hasSuffix("*") { prefix = prefix.dropLast() }
            return String(prefix)
        }
    }

    func allows(_ a: AuthorizationAttributes) -> Bool {
        guard anyVerb || verbs.contains(a.verb) else { return false }
        if a.isResourceRequest {
            return matchesGroup(a.apiGroup) && matchesResource(a.resource, a.subresource) && matchesName(a.name)
        }
        return matchesURL(a.path)
    }

    private func matchesGroup(_ group: String) -> Bool { anyGroup || groups.contains(group) }

    private func matchesResource(_ resource: String, _ subresource: String) -> Bool {
        if anyResource { return true }
        if subresource.isEmpty { return resources.contains(resource) }
        return anyResourceSubresources.contains(subresource) || resources.contains("\(resource)/\(subresource)")
    }

    private func matchesName(_ name: String) -> Bool { names.isEmpty || names.contains(name) }

    private func matchesURL(_ path: String) -> Bool {
        if anyURL || urls.contains(path) { return true }
        return urlPrefixes.contains { path.hasPrefix($0) }
    }
}

/// A set of strings tuned for RBAC lists, which are mostly a handful of short words:
/// small lists are scanned (comparing short strings is cheaper than hashing them),
/// long ones hashed.
struct RBACStringSet: Sendable {
    private let small: [String]
    private let large: Set<String>?

    init(_ items: [String]) {
        if items.count <= 12 {
            small = items
            large = nil
        } else {
            small = []
            large = Set(items)
        }
    }

    var isEmpty: Bool { small.isEmpty && (large?.isEmpty ?? true) }

    func contains(_ s: String) -> Bool {
        if let large { return large.contains(s) }
        return small.contains(s)
    }
}
