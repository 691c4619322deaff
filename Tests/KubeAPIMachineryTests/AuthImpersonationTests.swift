import Foundation
import KubeAPIMachinery
import KubeModels
import XCTest

final class AuthImpersonationTests: XCTestCase {
    private let admin = AuthenticatedUser(username: "admin", groups: ["system:masters", "system:authenticated"])
    private let alice = AuthenticatedUser(username: "alice", groups: ["system:authenticated"])

    private func authorizer() -> RBACAuthorizer {
        var policy = BootstrapPolicy.policy()
        policy.upsert(
            ClusterRole(
                metadata: .init(name: "impersonate-ci"),
                rules: [
                    PolicyRule(
                        verbs: ["impersonate"], apiGroups: [""], resources: ["serviceaccounts"],
                        resourceNames: ["builder"])
                ]))
        policy.upsert(
            RoleBinding(
                metadata: .init(name: "alice-impersonates", namespace: "ci"),
                roleRef: RoleRef(kind: "ClusterRole", name: "impersonate-ci"), subjects: [.user("alice")]))
        return RBACAuthorizer(policy)
    }

    func testHeaders() {
        let request = ImpersonationRequest(headers: [
            ("Impersonate-User", "bob"), ("impersonate-group", "a"), ("Impersonate-Group", "b"),
            ("Impersonate-Extra-Scopes%2Fx", "s1"), ("Impersonate-Extra-scopes%2fx", "s2"), ("Impersonate-Uid", "42"),
            ("Authorization", "Bearer x"),
        ])
        XCTAssertEqual(
            request,
            ImpersonationRequest(user: "bob", uid: "42", groups: ["a", "b"], extra: ["scopes/x": ["s1", "s2"]]))
        XCTAssertTrue(ImpersonationRequest(headers: [("Accept", "x")]).isEmpty)
    }

    func testServiceAccountImpersonation() throws {
        let auth = authorizer()
        let user = try Impersonation.resolve(
            ImpersonationRequest(user: "system:serviceaccount:ci:builder"), requester: alice, authorizer: auth)
        XCTAssertEqual(user.username, "system:serviceaccount:ci:builder")
        XCTAssertEqual(user.groups, ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"])
        // The impersonated account's own permissions then apply.
        XCTAssertFalse(auth.authorize(.resource(user: user, verb: "list", resource: "pods", namespace: "ci")).isAllowed)
    }

    func testDenialsUseTheForbiddenFormat() {
        let auth = authorizer()
        XCTAssertThrowsError(
            try Impersonation.resolve(
                ImpersonationRequest(user: "system:serviceaccount:ci:other"), requester: alice, authorizer: auth)
        ) { error in
            XCTAssertEqual(
                (error as? AuthAPIError)?.status.message,
                "serviceaccounts \"other\" is forbidden: User \"alice\" cannot impersonate resource \"serviceaccounts\" "
                    + "in API group \"\" in the namespace \"ci\"")
        }
        XCTAssertThrowsError(
            try Impersonation.resolve(ImpersonationRequest(user: "admin"), requester: alice, authorizer: auth)
        ) { error in
            XCTAssertEqual(
                (error as? AuthAPIError)?.status.message,
                "users \"admin\" is forbidden: User \"alice\" cannot impersonate resource \"users\" in API group \"\" "
                    + "at the cluster scope")
            XCTAssertEqual((error as? AuthAPIError)?.code, 403)
        }
        XCTAssertThrowsError(
            try Impersonation.resolve(
                ImpersonationRequest(groups: ["system:masters"]), requester: admin, authorizer: auth)
        ) { error in
            XCTAssertEqual((error as? AuthAPIError)?.code, 400)
        }
    }

    func testGroupsAndAnonymous() throws {
        let auth = authorizer()
        let user = try Impersonation.resolve(
            ImpersonationRequest(user: "dev", groups: ["team"]), requester: admin, authorizer: auth)
        XCTAssertEqual(user.groups, ["team", "system:authenticated"])
        let anon = try Impersonation.resolve(
            ImpersonationRequest(user: "system:anonymous"), requester: admin, authorizer: auth)
        XCTAssertEqual(anon.groups, ["system:unauthenticated"])
        let sa = try Impersonation.resolve(
            ImpersonationRequest(user: "system:serviceaccount:a:b", groups: ["x"]), requester: admin, authorizer: auth)
        XCTAssertEqual(sa.groups, ["x", "system:authenticated"])
    }
}
