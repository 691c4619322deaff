import Foundation
import KubeAPIMachinery
import KubeCore
import KubeModels
import XCTest

/// Sanity checks that decisions stay cheap with many bindings. Timings are printed, not
/// asserted: CI machines vary too much for thresholds.
final class AuthPerformanceTests: XCTestCase {
    /// 2,000 namespaces, each with a Role, a RoleBinding to a user and one to a service
    /// account, and 1,000 ClusterRoleBindings to other users.
    private func bigPolicy() -> RBACPolicy {
        var policy = BootstrapPolicy.policy()
        for i in 0..<2000 {
            let ns = "ns-\(i)"
            policy.upsert(
                Role(
                    metadata: ObjectMeta(name: "app", namespace: ns),
                    rules: [PolicyRule(verbs: ["get", "list"], apiGroups: [""], resources: ["configmaps", "secrets"])]))
            policy.upsert(
                RoleBinding(
                    metadata: ObjectMeta(name: "user", namespace: ns), roleRef: RoleRef(kind: "Role", name: "app"),
                    subjects: [.user("user-\(i)")]))
            policy.upsert(
                RoleBinding(
                    metadata: ObjectMeta(name: "sa", namespace: ns),
                    roleRef: RoleRef(kind: "ClusterRole", name: "edit"),
                    subjects: [.serviceAccount("runner", namespace: ns)]))
        }
        for i in 0..<1000 {
            policy.upsert(
                ClusterRoleBinding(
                    metadata: ObjectMeta(name: "crb-\(i)"), roleRef: RoleRef(kind: "ClusterRole", name: "view"),
                    subjects: [.user("viewer-\(i)")]))
        }
        return policy
    }

    func testManyDecisions() {
        let build = Date()
        let authorizer = RBACAuthorizer(bigPolicy())
        let built = Date().timeIntervalSince(build)
        let n = 20_000
        var allowed = 0
        let start = Date()
        for i in 0..<n {
            let k = i % 2000
            let user: AuthenticatedUser
            let attributes: AuthorizationAttributes
            switch i % 3 {
            case 0:
                user = AuthenticatedUser(username: "user-\(k)", groups: ["system:authenticated"])
                attributes = .resource(user: user, verb: "get", resource: "secrets", name: "s", namespace: "ns-\(k)")
            case 1:
                user = ServiceAccountUsername.user(namespace: "ns-\(k)", name: "runner", uid: "u")
                attributes = .resource(
                    user: user, verb: "create", group: "apps", resource: "deployments", namespace: "ns-\(k)")
            default:
                user = AuthenticatedUser(username: "viewer-\(k % 1000)", groups: ["system:authenticated"])
                attributes = .resource(user: user, verb: "delete", resource: "pods", namespace: "ns-\(k)")
            }
            if authorizer.authorize(attributes).isAllowed { allowed += 1 }
        }
        let elapsed = Date().timeIntervalSince(start)
        // Two thirds are allowed; viewers may not delete.
        XCTAssertEqual(allowed, (0..<n).filter { $0 % 3 != 2 }.count)
        print(
            "RBAC: built 5,000 bindings in \(Int(built * 1000)) ms; "
                + "\(n) decisions in \(Int(elapsed * 1000)) ms (\(Int(Double(n) / max(elapsed, 1e-9))) /s)")
    }

    func testConcurrentReadsDuringUpdates() async {
        let authorizer = RBACAuthorizer(bigPolicy())
        await withTaskGroup(of: Int.self) { group in
            for t in 0..<4 {
                group.addTask {
                    var allowed = 0
                    for i in 0..<5_000 {
                        let k = (i + t) % 2000
                        let user = AuthenticatedUser(username: "user-\(k)")
                        if authorizer.authorize(
                            .resource(user: user, verb: "list", resource: "configmaps", namespace: "ns-\(k)")
                        ).isAllowed {
                            allowed += 1
                        }
                    }
                    return allowed
                }
            }
            group.addTask {
                for i in 0..<500 {
                    authorizer.upsert(
                        ClusterRoleBinding(
                            metadata: ObjectMeta(name: "churn-\(i % 50)"),
                            roleRef: RoleRef(kind: "ClusterRole", name: "view"),
                            subjects: [.user("churn-\(i)")]))
                }
                return 0
            }
            var total = 0
            for await count in group { total += count }
            XCTAssertEqual(total, 20_000)
        }
        XCTAssertEqual(authorizer.policy.counts.clusterRoleBindings, 1000 + 6 + 50)
    }

    func testTokenVerificationThroughput() async throws {
        let issuer = AuthFixtures.issuer()
        let objects = AuthTestObjects()
        objects.put(.serviceAccount, "team-a", "builder", AuthObjectRecord(uid: "sa-uid-1"))
        let verifier = ServiceAccountTokenVerifier(issuer: issuer, lookup: objects.lookup)
        let token = try issuer.issue(for: AuthFixtures.builder).token
        let n = 500
        let start = Date()
        var ok = 0
        for _ in 0..<n where await verifier.authenticate(token: token, audiences: []).isAuthenticated { ok += 1 }
        XCTAssertEqual(ok, n)
        let elapsed = Date().timeIntervalSince(start)
        print("ServiceAccountTokenVerifier: \(n) verifications in \(Int(elapsed * 1000)) ms")
    }
}
