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

/// A rule with its lists turned into sets once, so that matching costs a few hash lookups.
struct CompiledPolicyRule: Sendable, Hashable {
    let rule: PolicyRule
    private let anyVerb: Bool
    private let verbs: Set<String>
    private let anyGroup: Bool
    private let groups: Set<String>
    private let anyResource: Bool
    private let resources: Set<String>
    /// The `x` of every `*/x` entry.
    private let anyResourceSubresources: Set<String>
    private let names: Set<String>
    private let anyURL: Bool
    private let urls: Set<String>
    /// The prefixes of entries ending in `*`, with every trailing `*` removed.
    private let urlPrefixes: [String]

    init(_ rule: PolicyRule) {
        self.rule = rule
        anyVerb = rule.verbs.contains("*")
        verbs = Set(rule.verbs)
        let groupList = rule.apiGroups ?? []
        anyGroup = groupList.contains("*")
        groups = Set(groupList)
        let resourceList = rule.resources ?? []
        anyResource = resourceList.contains("*")
        resources = Set(resourceList)
        anyResourceSubresources = Set(resourceList.filter { $0.hasPrefix("*/") }.map { String($0.dropFirst(2)) })
        names = Set(rule.resourceNames ?? [])
        let urlList = rule.nonResourceURLs ?? []
        anyURL = urlList.contains("*")
        urls = Set(urlList)
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
        return resources.contains("\(resource)/\(subresource)") || anyResourceSubresources.contains(subresource)
    }

    private func matchesName(_ name: String) -> Bool { names.isEmpty || names.contains(name) }

    private func matchesURL(_ path: String) -> Bool {
        if anyURL || urls.contains(path) { return true }
        return urlPrefixes.contains { path.hasPrefix($0) }
    }

    static func == (a: Self, b: Self) -> Bool { a.rule == b.rule }
    func hash(into hasher: inout Hasher) { hasher.combine(rule) }
}
