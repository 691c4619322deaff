import Foundation
import KubeAPIMachinery
import KubeCore
import KubeModels
import XCTest

final class AuthRBACTests: XCTestCase {
    static func clusterRole(_ name: String, _ rules: [PolicyRule], labels: [String: String]? = nil) -> ClusterRole {
        ClusterRole(metadata: ObjectMeta(name: name, labels: labels), rules: rules)
    }

    static func crb(_ name: String, role: String, _ subjects: [Subject]) -> ClusterRoleBinding {
        ClusterRoleBinding(
            metadata: ObjectMeta(name: name), roleRef: RoleRef(kind: "ClusterRole", name: role), subjects: subjects)
    }

    static func rb(_ ns: String, _ name: String, kind: String = "ClusterRole", role: String, _ subjects: [Subject])
        -> RoleBinding
    {
        RoleBinding(
            metadata: ObjectMeta(name: name, namespace: ns), roleRef: RoleRef(kind: kind, name: role),
            subjects: subjects)
    }

    static func policy() -> RBACPolicy {
        RBACPolicy(
            roles: [
                Role(
                    metadata: ObjectMeta(name: "secret-reader", namespace: "team-a"),
                    rules: [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["secrets"])])
            ],
            clusterRoles: [
                clusterRole(
                    "pod-reader", [PolicyRule(verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods"])]),
                clusterRole("wildcard-apps", [PolicyRule(verbs: ["*"], apiGroups: ["apps"], resources: ["*"])]),
                clusterRole("scaler", [PolicyRule(verbs: ["update"], apiGroups: ["*"], resources: ["*/scale"])]),
                clusterRole("log-reader", [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"])]),
                clusterRole(
                    "named-cm",
                    [
                        PolicyRule(
                            verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["app-config"])
                    ]
                ),
                clusterRole("metrics", [PolicyRule(verbs: ["get"], nonResourceURLs: ["/metrics", "/logs/*"])]),
            ],
            roleBindings: [
                rb("team-a", "bob-logs", role: "log-reader", [.user("bob")]),
                rb("team-a", "bob-secrets", kind: "Role", role: "secret-reader", [.user("bob")]),
                rb("team-a", "sa-binding", role: "pod-reader", [Subject(kind: "ServiceAccount", name: "builder")]),
            ],
            clusterRoleBindings: [
                crb("alice-pods", role: "pod-reader", [.user("alice")]),
                crb("ops-apps", role: "wildcard-apps", [.group("ops")]),
                crb("scalers", role: "scaler", [.group("scalers")]),
                crb("sa-cluster", role: "named-cm", [.serviceAccount("deployer", namespace: "ci")]),
                crb("broken", role: "missing", [.user("carol")]),
                crb("metrics-readers", role: "metrics", [.user("mon")]),
            ])
    }

    private let alice = AuthenticatedUser(username: "alice", groups: ["system:authenticated"])
    private let bob = AuthenticatedUser(username: "bob", groups: ["system:authenticated"])
    private let ops = AuthenticatedUser(username: "olga", groups: ["ops", "system:authenticated"])
    private let scaler = AuthenticatedUser(username: "sam", groups: ["scalers"])
    private let builder = ServiceAccountUsername.user(namespace: "team-a", name: "builder", uid: "u")
    private let deployer = ServiceAccountUsername.user(namespace: "ci", name: "deployer", uid: "u2")

    private func can(
        _ policy: RBACPolicy, _ user: AuthenticatedUser, _ verb: String, _ resource: String, group: String = "",
        sub: String = "", name: String = "", ns: String = ""
    ) -> Bool {
        policy.authorize(
            .resource(
                user: user, verb: verb, group: group, resource: resource, subresource: sub, name: name, namespace: ns)
        ).isAllowed
    }

    func testClusterRoleBindingToUser() {
        let p = Self.policy()
        let decision = p.authorize(.resource(user: alice, verb: "get", resource: "pods", name: "web", namespace: "x"))
        XCTAssertTrue(decision.isAllowed)
        XCTAssertEqual(
            decision.reason,
            "RBAC: allowed by ClusterRoleBinding \"alice-pods\" of ClusterRole \"pod-reader\" to User \"alice\"")
        XCTAssertTrue(can(p, alice, "list", "pods"))
        XCTAssertTrue(can(p, alice, "watch", "pods", ns: "y"))
        XCTAssertFalse(can(p, alice, "delete", "pods", ns: "x"))
        XCTAssertFalse(can(p, alice, "get", "pods", sub: "log", ns: "x"), "pods does not cover pods/log")
        XCTAssertFalse(can(p, alice, "get", "pods", group: "apps", ns: "x"), "the group must match")
        XCTAssertFalse(can(p, alice, "*", "pods", ns: "x"), "verb * needs a * rule")
    }

    func testWildcardsAndGroups() {
        let p = Self.policy()
        let decision = p.authorize(
            .resource(user: ops, verb: "delete", group: "apps", resource: "deployments", namespace: "n"))
        XCTAssertEqual(
            decision.reason,
            "RBAC: allowed by ClusterRoleBinding \"ops-apps\" of ClusterRole \"wildcard-apps\" to Group \"ops\"")
        XCTAssertTrue(can(p, ops, "*", "statefulsets", group: "apps"))
        XCTAssertTrue(
            can(p, ops, "patch", "deployments", group: "apps", sub: "scale", ns: "n"), "* covers subresources")
        XCTAssertFalse(can(p, ops, "get", "deployments", group: "extensions", ns: "n"))
        XCTAssertFalse(can(p, ops, "get", "pods", ns: "n"))
    }

    func testStarSlashSubresource() {
        let p = Self.policy()
        XCTAssertTrue(can(p, scaler, "update", "deployments", group: "apps", sub: "scale", ns: "n"))
        XCTAssertTrue(can(p, scaler, "update", "statefulsets", group: "apps", sub: "scale", ns: "n"))
        XCTAssertTrue(can(p, scaler, "update", "widgets", group: "example.com", sub: "scale", ns: "n"))
        XCTAssertFalse(can(p, scaler, "update", "deployments", group: "apps", ns: "n"), "no subresource")
        XCTAssertFalse(can(p, scaler, "update", "deployments", group: "apps", sub: "status", ns: "n"))
        XCTAssertFalse(can(p, scaler, "get", "deployments", group: "apps", sub: "scale", ns: "n"))
        // `pods/*` is not a wildcard in RBAC.
        let literal = RBACPolicy(
            clusterRoles: [Self.clusterRole("r", [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/*"])])],
            clusterRoleBindings: [Self.crb("b", role: "r", [.user("u")])])
        XCTAssertFalse(can(literal, AuthFixtures.user("u"), "get", "pods", sub: "log", ns: "n"))
    }

    func testRoleBindingToClusterRoleGrantsInItsNamespaceOnly() {
        let p = Self.policy()
        let decision = p.authorize(
            .resource(user: bob, verb: "get", resource: "pods", subresource: "log", name: "w", namespace: "team-a"))
        XCTAssertEqual(
            decision.reason,
            "RBAC: allowed by RoleBinding \"bob-logs/team-a\" of ClusterRole \"log-reader\" to User \"bob\"")
        XCTAssertFalse(can(p, bob, "get", "pods", sub: "log", ns: "team-b"))
        XCTAssertFalse(can(p, bob, "get", "pods", sub: "log"), "a RoleBinding never grants cluster-wide")
        let secret = p.authorize(.resource(user: bob, verb: "get", resource: "secrets", name: "s", namespace: "team-a"))
        XCTAssertEqual(
            secret.reason,
            "RBAC: allowed by RoleBinding \"bob-secrets/team-a\" of Role \"secret-reader\" to User \"bob\"")
        XCTAssertFalse(can(p, bob, "list", "secrets", ns: "team-a"))
    }

    func testResourceNames() {
        let p = Self.policy()
        XCTAssertTrue(can(p, deployer, "get", "configmaps", name: "app-config", ns: "any"))
        XCTAssertFalse(can(p, deployer, "get", "configmaps", name: "other", ns: "any"))
        XCTAssertFalse(can(p, deployer, "list", "configmaps", ns: "any"), "a named rule does not cover collections")
        XCTAssertFalse(can(p, deployer, "get", "configmaps", ns: "any"))
    }

    func testServiceAccountSubjects() {
        let p = Self.policy()
        let d = p.authorize(.resource(user: builder, verb: "list", resource: "pods", namespace: "team-a"))
        XCTAssertEqual(
            d.reason,
            "RBAC: allowed by RoleBinding \"sa-binding/team-a\" of ClusterRole \"pod-reader\" to ServiceAccount \"builder/team-a\""
        )
        XCTAssertFalse(can(p, builder, "list", "pods", ns: "team-b"))
        let sameNameElsewhere = ServiceAccountUsername.user(namespace: "team-b", name: "builder", uid: "x")
        XCTAssertFalse(can(p, sameNameElsewhere, "list", "pods", ns: "team-a"))
        let c = p.authorize(
            .resource(user: deployer, verb: "get", resource: "configmaps", name: "app-config", namespace: "z"))
        XCTAssertEqual(
            c.reason,
            "RBAC: allowed by ClusterRoleBinding \"sa-cluster\" of ClusterRole \"named-cm\" to ServiceAccount \"deployer/ci\""
        )
        // A ClusterRoleBinding's service account subject needs a namespace.
        var q = p
        q.upsert(Self.crb("no-ns", role: "pod-reader", [Subject(kind: "ServiceAccount", name: "builder")]))
        XCTAssertFalse(can(q, builder, "list", "pods", ns: "team-b"))
        // Service account groups can be bound like any group.
        q.upsert(Self.crb("ns-group", role: "pod-reader", [.group("system:serviceaccounts:team-a")]))
        XCTAssertTrue(can(q, builder, "list", "pods", ns: "team-b"))
        // A User subject with a service account's user name matches that account.
        q.upsert(Self.crb("as-user", role: "wildcard-apps", [.user("system:serviceaccount:team-a:builder")]))
        XCTAssertTrue(can(q, builder, "get", "deployments", group: "apps", ns: "team-b"))
    }

    func testNonResourceURLs() {
        let p = Self.policy()
        let mon = AuthFixtures.user("mon")
        XCTAssertTrue(p.authorize(.nonResource(user: mon, verb: "get", path: "/metrics")).isAllowed)
        XCTAssertTrue(p.authorize(.nonResource(user: mon, verb: "get", path: "/logs/kube-apiserver.log")).isAllowed)
        XCTAssertFalse(p.authorize(.nonResource(user: mon, verb: "get", path: "/logs")).isAllowed)
        XCTAssertFalse(p.authorize(.nonResource(user: mon, verb: "post", path: "/metrics")).isAllowed)
        XCTAssertFalse(p.authorize(.nonResource(user: alice, verb: "get", path: "/metrics")).isAllowed)
        // A URL rule does not grant resources, nor a resource rule URLs.
        XCTAssertFalse(can(p, mon, "get", "metrics"))
        XCTAssertFalse(p.authorize(.nonResource(user: alice, verb: "get", path: "/api/v1/pods")).isAllowed)
    }

    func testMissingRoleIsReportedInTheReason() {
        let p = Self.policy()
        let carol = AuthFixtures.user("carol")
        let d = p.authorize(.resource(user: carol, verb: "get", resource: "pods", namespace: "x"))
        XCTAssertEqual(d.verdict, .noOpinion)
        XCTAssertEqual(d.reason, "RBAC: clusterrole.rbac.authorization.k8s.io \"missing\" not found")
        var q = p
        q.upsert(Self.rb("x", "missing-role", kind: "Role", role: "gone", [.user("carol")]))
        let both = q.authorize(.resource(user: carol, verb: "get", resource: "pods", namespace: "x"))
        XCTAssertEqual(
            both.reason,
            "RBAC: [clusterrole.rbac.authorization.k8s.io \"missing\" not found, role.rbac.authorization.k8s.io \"gone\" not found]"
        )
        XCTAssertEqual(p.authorize(.resource(user: alice, verb: "delete", resource: "pods", namespace: "x")).reason, "")
    }

    func testSystemMastersAlwaysAllowed() {
        let p = RBACPolicy()
        let admin = AuthenticatedUser(username: "admin", groups: ["system:masters", "system:authenticated"])
        let d = p.authorize(.resource(user: admin, verb: "delete", resource: "namespaces", name: "kube-system"))
        XCTAssertTrue(d.isAllowed)
        XCTAssertEqual(d.reason, "")
        XCTAssertTrue(p.authorize(.nonResource(user: admin, verb: "get", path: "/anything")).isAllowed)
        XCTAssertFalse(
            RBACPolicy(privilegedGroups: []).authorize(.nonResource(user: admin, verb: "get", path: "/x")).isAllowed)
    }

    func testAggregation() {
        var p = RBACPolicy()
        p.upsert(
            ClusterRole(
                metadata: ObjectMeta(name: "monitoring"),
                aggregationRule: AggregationRule(clusterRoleSelectors: [
                    LabelSelector(matchLabels: ["example.com/aggregate-to-monitoring": "true"])
                ])))
        p.upsert(Self.crb("dave-monitoring", role: "monitoring", [.user("dave")]))
        let dave = AuthFixtures.user("dave")
        XCTAssertFalse(can(p, dave, "get", "pods", ns: "n"))
        p.upsert(
            Self.clusterRole(
                "monitoring-pods", [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"])],
                labels: ["example.com/aggregate-to-monitoring": "true"]))
        XCTAssertTrue(can(p, dave, "get", "pods", ns: "n"))
        XCTAssertEqual(p.effectiveRules(ofClusterRole: "monitoring")?.count, 1)
        // Changing the contributing role's rules flows through.
        p.upsert(
            Self.clusterRole(
                "monitoring-pods", [PolicyRule(verbs: ["list"], apiGroups: [""], resources: ["pods"])],
                labels: ["example.com/aggregate-to-monitoring": "true"]))
        XCTAssertFalse(can(p, dave, "get", "pods", ns: "n"))
        XCTAssertTrue(can(p, dave, "list", "pods", ns: "n"))
        // Dropping the label removes the rules.
        p.upsert(
            Self.clusterRole("monitoring-pods", [PolicyRule(verbs: ["list"], apiGroups: [""], resources: ["pods"])]))
        XCTAssertFalse(can(p, dave, "list", "pods", ns: "n"))
        // Transitive: a role aggregated into another aggregated role.
        p.upsert(
            ClusterRole(
                metadata: ObjectMeta(name: "inner", labels: ["example.com/aggregate-to-monitoring": "true"]),
                aggregationRule: AggregationRule(clusterRoleSelectors: [LabelSelector(matchLabels: ["inner": "yes"])])))
        p.upsert(
            Self.clusterRole(
                "leaf", [PolicyRule(verbs: ["watch"], apiGroups: [""], resources: ["events"])], labels: ["inner": "yes"]
            ))
        XCTAssertTrue(can(p, dave, "watch", "events", ns: "n"))
        p.removeClusterRole(name: "leaf")
        XCTAssertFalse(can(p, dave, "watch", "events", ns: "n"))
        // Pending updates tell the server what to write back into the stored objects.
        let pending = p.pendingAggregationUpdates()
        XCTAssertEqual(pending.map { $0.metadata.name ?? "" }, [])
        p.upsert(
            Self.clusterRole(
                "leaf", [PolicyRule(verbs: ["watch"], apiGroups: [""], resources: ["events"])], labels: ["inner": "yes"]
            ))
        XCTAssertEqual(p.pendingAggregationUpdates().map { $0.metadata.name ?? "" }, ["inner", "monitoring"])
    }

    func testIncrementalUpdates() throws {
        var p = Self.policy()
        XCTAssertTrue(can(p, alice, "get", "pods", ns: "x"))
        p.removeClusterRoleBinding(name: "alice-pods")
        XCTAssertFalse(can(p, alice, "get", "pods", ns: "x"))
        p.upsert(Self.crb("alice-pods", role: "pod-reader", [.user("alice")]))
        XCTAssertTrue(can(p, alice, "get", "pods", ns: "x"))
        // Replacing a binding's subjects re-indexes it.
        p.upsert(Self.crb("alice-pods", role: "pod-reader", [.user("someone-else")]))
        XCTAssertFalse(can(p, alice, "get", "pods", ns: "x"))
        // Changing a role's rules takes effect for existing bindings.
        p.upsert(
            Self.clusterRole(
                "log-reader", [PolicyRule(verbs: ["get", "list"], apiGroups: [""], resources: ["pods/log"])]))
        XCTAssertTrue(can(p, bob, "list", "pods", sub: "log", ns: "team-a"))
        p.removeRole(namespace: "team-a", name: "secret-reader")
        let d = p.authorize(.resource(user: bob, verb: "get", resource: "secrets", namespace: "team-a"))
        XCTAssertEqual(d.reason, "RBAC: role.rbac.authorization.k8s.io \"secret-reader\" not found")
        p.removeRoleBinding(namespace: "team-a", name: "bob-secrets")
        XCTAssertEqual(
            p.authorize(.resource(user: bob, verb: "get", resource: "secrets", namespace: "team-a")).reason, "")
        XCTAssertEqual(p.counts.roles, 0)
        XCTAssertEqual(p.counts.roleBindings, 2)
    }

    func testWatchEventsOfJSONObjects() throws {
        let authorizer = RBACAuthorizer()
        let role = try JSONValue(
            encoding: Self.clusterRole("reader", [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"])]))
        let binding = try JSONValue(encoding: Self.rb("n", "b", role: "reader", [.user("eve")]))
        try authorizer.apply(.added(role))
        try authorizer.apply(.added(binding))
        try authorizer.apply(.bookmark(resourceVersion: "5"))
        let eve = AuthFixtures.user("eve")
        XCTAssertTrue(
            authorizer.authorize(.resource(user: eve, verb: "get", resource: "pods", namespace: "n")).isAllowed)
        try authorizer.apply(.deleted(binding))
        XCTAssertFalse(
            authorizer.authorize(.resource(user: eve, verb: "get", resource: "pods", namespace: "n")).isAllowed)
        XCTAssertFalse(try authorizer.upsert(object: ["kind": "ConfigMap", "metadata": ["name": "x"]]))
        XCTAssertThrowsError(try authorizer.upsert(object: ["kind": "Role", "rules": "nonsense"]))
    }

    func testRulesForUser() {
        let p = Self.policy()
        let (rules, errors) = p.rules(for: bob, namespace: "team-a")
        XCTAssertEqual(
            Set(rules),
            [
                PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"]),
                PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["secrets"]),
            ])
        XCTAssertEqual(errors, [])
        XCTAssertEqual(p.rules(for: AuthFixtures.user("carol"), namespace: "x").errors.count, 1)
    }

    func testMatcherDirectly() {
        let rule = PolicyRule(verbs: ["get"], apiGroups: ["*"], resources: ["*"], resourceNames: ["a"])
        XCTAssertTrue(
            RBACRuleMatcher.allows(rule, .resource(user: alice, verb: "get", group: "x", resource: "y", name: "a")))
        XCTAssertFalse(
            RBACRuleMatcher.allows(rule, .resource(user: alice, verb: "get", group: "x", resource: "y", name: "b")))
        let url = PolicyRule(verbs: ["*"], nonResourceURLs: ["/healthz/**"])
        XCTAssertTrue(RBACRuleMatcher.allows(url, .nonResource(user: alice, verb: "get", path: "/healthz/etcd")))
        XCTAssertFalse(RBACRuleMatcher.allows(url, .nonResource(user: alice, verb: "get", path: "/healthz")))
    }
}
