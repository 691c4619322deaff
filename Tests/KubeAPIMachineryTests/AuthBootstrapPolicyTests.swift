import Foundation
import KubeAPIMachinery
import KubeCore
import KubeModels
import XCTest

final class AuthBootstrapPolicyTests: XCTestCase {
    private let policy = BootstrapPolicy.policy()
    private let someone = AuthenticatedUser(username: "someone").addingAuthenticatedGroup()

    func testObjectsAndMetadata() throws {
        let names = BootstrapPolicy.clusterRoles.map { $0.metadata.name ?? "" }
        for expected in [
            "admin", "cluster-admin", "edit", "view", "system:aggregate-to-admin", "system:aggregate-to-edit",
            "system:aggregate-to-view", "system:basic-user", "system:discovery", "system:public-info-viewer",
            "system:service-account-issuer-discovery",
        ] {
            XCTAssertTrue(names.contains(expected), expected)
        }
        XCTAssertEqual(names, names.sorted())
        for role in BootstrapPolicy.clusterRoles {
            XCTAssertEqual(role.metadata.labels?["kubernetes.io/bootstrapping"], "rbac-defaults")
            XCTAssertEqual(role.metadata.annotations?["rbac.authorization.kubernetes.io/autoupdate"], "true")
        }
        let bindings = Dictionary(
            uniqueKeysWithValues: BootstrapPolicy.clusterRoleBindings.map { ($0.metadata.name ?? "", $0) })
        XCTAssertEqual(bindings["cluster-admin"]?.subjects, [.group("system:masters")])
        XCTAssertEqual(bindings["system:discovery"]?.subjects, [.group("system:authenticated")])
        XCTAssertEqual(bindings["system:basic-user"]?.subjects, [.group("system:authenticated")])
        XCTAssertEqual(
            bindings["system:public-info-viewer"]?.subjects,
            [.group("system:authenticated"), .group("system:unauthenticated")])
        let objects = try BootstrapPolicy.objects()
        XCTAssertEqual(objects.count, BootstrapPolicy.clusterRoles.count + BootstrapPolicy.clusterRoleBindings.count)
        XCTAssertEqual(objects.first?["apiVersion"], "rbac.authorization.k8s.io/v1")
    }

    func testAggregatedRolesAreFilledIn() throws {
        let roles = Dictionary(uniqueKeysWithValues: BootstrapPolicy.clusterRoles.map { ($0.metadata.name ?? "", $0) })
        let view = try XCTUnwrap(roles["view"])
        XCTAssertEqual(
            view.aggregationRule?.clusterRoleSelectors,
            [LabelSelector(matchLabels: ["rbac.authorization.k8s.io/aggregate-to-view": "true"])])
        XCTAssertEqual(view.rules, roles["system:aggregate-to-view"]?.rules)
        XCTAssertEqual(view.metadata.labels?["rbac.authorization.k8s.io/aggregate-to-edit"], "true")
        // edit = aggregate-to-edit + view; admin = aggregate-to-admin + edit.
        let edit = try XCTUnwrap(roles["edit"]?.rules)
        XCTAssertTrue(edit.count > (roles["system:aggregate-to-edit"]?.rules?.count ?? 0))
        let admin = try XCTUnwrap(roles["admin"]?.rules)
        XCTAssertTrue(admin.count > edit.count)
        XCTAssertEqual(ClusterRoleAggregation.pendingUpdates(among: BootstrapPolicy.clusterRoles), [])
    }

    func testDefaultPermissionsOfEveryone() {
        for path in ["/api", "/api/v1", "/apis/apps/v1", "/version", "/healthz", "/openapi/v2", "/readyz"] {
            XCTAssertTrue(policy.authorize(.nonResource(user: someone, verb: "get", path: path)).isAllowed, path)
        }
        XCTAssertFalse(policy.authorize(.nonResource(user: someone, verb: "get", path: "/metrics")).isAllowed)
        XCTAssertFalse(
            policy.authorize(.nonResource(user: AuthenticatedUser.anonymous, verb: "get", path: "/api")).isAllowed)
        XCTAssertTrue(
            policy.authorize(.nonResource(user: AuthenticatedUser.anonymous, verb: "get", path: "/version")).isAllowed)
        for (group, resource) in [
            ("authorization.k8s.io", "selfsubjectaccessreviews"), ("authorization.k8s.io", "selfsubjectrulesreviews"),
            ("authentication.k8s.io", "selfsubjectreviews"),
        ] {
            XCTAssertTrue(
                policy.authorize(.resource(user: someone, verb: "create", group: group, resource: resource)).isAllowed,
                resource)
        }
        XCTAssertFalse(
            policy.authorize(.resource(user: someone, verb: "list", resource: "pods", namespace: "default")).isAllowed)
        let sa = ServiceAccountUsername.user(namespace: "x", name: "y", uid: "u")
        XCTAssertTrue(policy.authorize(.nonResource(user: sa, verb: "get", path: "/openid/v1/jwks")).isAllowed)
    }

    func testAdminEditViewThroughRoleBindings() {
        var p = policy
        for (user, role) in [("ann", "admin"), ("ed", "edit"), ("vi", "view")] {
            p.upsert(
                RoleBinding(
                    metadata: ObjectMeta(name: "\(user)-\(role)", namespace: "work"),
                    roleRef: RoleRef(kind: "ClusterRole", name: role), subjects: [.user(user)]))
        }
        func can(_ user: String, _ verb: String, _ resource: String, group: String = "", sub: String = "") -> Bool {
            p.authorize(
                .resource(
                    user: AuthenticatedUser(username: user), verb: verb, group: group, resource: resource,
                    subresource: sub, namespace: "work")
            ).isAllowed
        }
        XCTAssertTrue(can("vi", "list", "pods"))
        XCTAssertTrue(can("vi", "get", "deployments", group: "apps", sub: "scale"))
        XCTAssertFalse(can("vi", "get", "secrets"))
        XCTAssertFalse(can("vi", "create", "pods"))
        XCTAssertTrue(can("ed", "create", "deployments", group: "apps"))
        XCTAssertTrue(can("ed", "get", "secrets"))
        XCTAssertTrue(can("ed", "list", "pods"), "edit includes view")
        XCTAssertTrue(can("ed", "create", "serviceaccounts", sub: "token"))
        XCTAssertFalse(can("ed", "create", "rolebindings", group: "rbac.authorization.k8s.io"))
        XCTAssertTrue(can("ann", "create", "rolebindings", group: "rbac.authorization.k8s.io"))
        XCTAssertTrue(can("ann", "delete", "jobs", group: "batch"))
        XCTAssertFalse(can("ann", "delete", "namespaces"))
        let d = p.authorize(
            .resource(user: AuthenticatedUser(username: "vi"), verb: "get", resource: "pods", namespace: "work"))
        XCTAssertEqual(d.reason, "RBAC: allowed by RoleBinding \"vi-view/work\" of ClusterRole \"view\" to User \"vi\"")
        // A custom ClusterRole labelled for aggregation extends `view` at once.
        p.upsert(
            ClusterRole(
                metadata: ObjectMeta(
                    name: "workbench-viewer", labels: ["rbac.authorization.k8s.io/aggregate-to-view": "true"]),
                rules: [PolicyRule(verbs: ["get", "list"], apiGroups: ["astrolift.dev"], resources: ["workbenches"])]))
        XCTAssertTrue(can("vi", "list", "workbenches", group: "astrolift.dev"))
        XCTAssertTrue(can("ann", "list", "workbenches", group: "astrolift.dev"))
        XCTAssertEqual(p.pendingAggregationUpdates().map { $0.metadata.name ?? "" }, ["admin", "edit", "view"])
    }

    func testClusterAdminBindingWithoutPrivilegedShortcut() {
        let p = BootstrapPolicy.policy(privilegedGroups: [])
        let admin = AuthenticatedUser(username: "admin", groups: ["system:masters"])
        let d = p.authorize(.resource(user: admin, verb: "delete", resource: "namespaces", name: "x"))
        XCTAssertEqual(
            d.reason,
            "RBAC: allowed by ClusterRoleBinding \"cluster-admin\" of ClusterRole \"cluster-admin\" to Group \"system:masters\""
        )
    }
}
