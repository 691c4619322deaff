import Foundation
import KubeAPIMachinery
import KubeCore
import XCTest

/// The 403 messages are compared with the exact text a real API server sends.
final class AuthForbiddenMessageTests: XCTestCase {
    private let sa = AuthenticatedUser(username: "system:serviceaccount:default:default")
    private let alice = AuthenticatedUser(username: "alice")

    func testNamespacedCollectionInCoreGroup() {
        let a = AuthorizationAttributes.resource(
            user: sa, verb: "list", version: "v1", resource: "pods", namespace: "default")
        XCTAssertEqual(
            a.forbiddenMessage(),
            "pods is forbidden: User \"system:serviceaccount:default:default\" cannot list resource \"pods\" "
                + "in API group \"\" in the namespace \"default\"")
    }

    func testNamedObjectInAGroup() {
        let a = AuthorizationAttributes.resource(
            user: alice, verb: "delete", group: "apps", version: "v1", resource: "deployments", name: "web",
            namespace: "prod")
        XCTAssertEqual(
            a.forbiddenMessage(),
            "deployments.apps \"web\" is forbidden: User \"alice\" cannot delete resource \"deployments\" "
                + "in API group \"apps\" in the namespace \"prod\"")
    }

    func testClusterScope() {
        let list = AuthorizationAttributes.resource(
            user: alice, verb: "list", group: "rbac.authorization.k8s.io", resource: "clusterroles")
        XCTAssertEqual(
            list.forbiddenMessage(),
            "clusterroles.rbac.authorization.k8s.io is forbidden: User \"alice\" cannot list resource \"clusterroles\" "
                + "in API group \"rbac.authorization.k8s.io\" at the cluster scope")
        let ns = AuthorizationAttributes.resource(
            user: alice, verb: "delete", resource: "namespaces", name: "kube-system")
        XCTAssertEqual(
            ns.forbiddenMessage(),
            "namespaces \"kube-system\" is forbidden: User \"alice\" cannot delete resource \"namespaces\" "
                + "in API group \"\" at the cluster scope")
        // Listing a namespaced resource across all namespaces is a cluster-scope request.
        let all = AuthorizationAttributes.resource(user: alice, verb: "watch", resource: "secrets")
        XCTAssertEqual(
            all.forbiddenMessage(),
            "secrets is forbidden: User \"alice\" cannot watch resource \"secrets\" in API group \"\" at the cluster scope"
        )
    }

    func testSubresource() {
        let a = AuthorizationAttributes.resource(
            user: alice, verb: "get", resource: "pods", subresource: "log", name: "web-0", namespace: "default")
        XCTAssertEqual(
            a.forbiddenMessage(),
            "pods \"web-0\" is forbidden: User \"alice\" cannot get resource \"pods/log\" in API group \"\" "
                + "in the namespace \"default\"")
        let token = AuthorizationAttributes.resource(
            user: alice, verb: "create", resource: "serviceaccounts", subresource: "token", name: "builder",
            namespace: "ci")
        XCTAssertEqual(
            token.forbiddenMessage(),
            "serviceaccounts \"builder\" is forbidden: User \"alice\" cannot create resource \"serviceaccounts/token\" "
                + "in API group \"\" in the namespace \"ci\"")
    }

    func testNonResourcePath() {
        let a = AuthorizationAttributes.nonResource(user: AuthenticatedUser.anonymous, verb: "get", path: "/metrics")
        XCTAssertEqual(a.forbiddenMessage(), "forbidden: User \"system:anonymous\" cannot get path \"/metrics\"")
        let status = a.forbiddenStatus()
        XCTAssertEqual(status.details, StatusDetails())
        XCTAssertEqual(status.code, 403)
    }

    func testReasonIsAppended() {
        let a = AuthorizationAttributes.resource(user: alice, verb: "get", resource: "pods", namespace: "default")
        XCTAssertEqual(
            a.forbiddenMessage(reason: "RBAC: clusterrole.rbac.authorization.k8s.io \"missing\" not found"),
            "pods is forbidden: User \"alice\" cannot get resource \"pods\" in API group \"\" in the namespace \"default\": "
                + "RBAC: clusterrole.rbac.authorization.k8s.io \"missing\" not found")
    }

    func testStatusObject() throws {
        let a = AuthorizationAttributes.resource(
            user: alice, verb: "get", group: "apps", resource: "deployments", subresource: "scale", name: "web",
            namespace: "n")
        let status = a.forbiddenStatus()
        let json = try JSONValue(encoding: status)
        XCTAssertEqual(
            json,
            [
                "kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "Forbidden", "code": 403,
                "message": .string(a.forbiddenMessage()),
                "details": ["name": "web", "group": "apps", "kind": "deployments"],
            ])
        let core = AuthorizationAttributes.resource(user: alice, verb: "list", resource: "pods", namespace: "n")
        XCTAssertEqual(core.forbiddenStatus().details, StatusDetails(kind: "pods"))
    }

    func testUserNamesAreQuotedLikeGo() {
        let odd = AuthenticatedUser(username: "a\"b\\c")
        let a = AuthorizationAttributes.nonResource(user: odd, verb: "get", path: "/")
        XCTAssertEqual(a.forbiddenMessage(), "forbidden: User \"a\\\"b\\\\c\" cannot get path \"/\"")
    }
}
