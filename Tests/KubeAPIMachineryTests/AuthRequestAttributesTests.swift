import Foundation
import KubeAPIMachinery
import XCTest

final class AuthRequestAttributesTests: XCTestCase {
    private let user = AuthenticatedUser(username: "u")

    private func attrs(_ method: String, _ path: String, _ query: [String: String] = [:]) -> AuthorizationAttributes {
        AuthorizationAttributes(user: user, method: method, path: path, query: query)
    }

    private func check(
        _ a: AuthorizationAttributes, verb: String, group: String = "", version: String = "v1", resource: String,
        sub: String = "", name: String = "", ns: String = "", line: UInt = #line
    ) {
        XCTAssertTrue(a.isResourceRequest, line: line)
        XCTAssertEqual(a.verb, verb, line: line)
        XCTAssertEqual(a.apiGroup, group, line: line)
        XCTAssertEqual(a.apiVersion, version, line: line)
        XCTAssertEqual(a.resource, resource, line: line)
        XCTAssertEqual(a.subresource, sub, line: line)
        XCTAssertEqual(a.name, name, line: line)
        XCTAssertEqual(a.namespace, ns, line: line)
    }

    func testCoreAndGroupResources() {
        check(attrs("GET", "/api/v1/namespaces/default/pods"), verb: "list", resource: "pods", ns: "default")
        check(
            attrs("GET", "/api/v1/namespaces/default/pods/web"), verb: "get", resource: "pods", name: "web",
            ns: "default")
        check(
            attrs("GET", "/api/v1/namespaces/default/pods/web/log"), verb: "get", resource: "pods", sub: "log",
            name: "web", ns: "default")
        check(
            attrs("POST", "/api/v1/namespaces/ci/serviceaccounts/builder/token"), verb: "create",
            resource: "serviceaccounts", sub: "token", name: "builder", ns: "ci")
        check(attrs("GET", "/api/v1/pods"), verb: "list", resource: "pods")
        check(attrs("GET", "/api/v1/pods", ["watch": "true"]), verb: "watch", resource: "pods")
        check(attrs("GET", "/api/v1/pods", ["watch": "1"]), verb: "watch", resource: "pods")
        check(attrs("GET", "/api/v1/pods", ["watch": "false"]), verb: "list", resource: "pods")
        check(
            attrs("PATCH", "/apis/apps/v1/namespaces/prod/deployments/web/scale"), verb: "patch", group: "apps",
            resource: "deployments", sub: "scale", name: "web", ns: "prod")
        check(
            attrs("PUT", "/apis/apps/v1/namespaces/prod/deployments/web"), verb: "update", group: "apps",
            resource: "deployments", name: "web", ns: "prod")
        check(
            attrs("DELETE", "/apis/batch/v1/namespaces/j/jobs"), verb: "deletecollection", group: "batch",
            resource: "jobs", ns: "j")
        check(
            attrs("DELETE", "/apis/batch/v1/namespaces/j/jobs/x"), verb: "delete", group: "batch", resource: "jobs",
            name: "x", ns: "j")
        check(
            attrs("HEAD", "/api/v1/namespaces/a/configmaps/c"), verb: "get", resource: "configmaps", name: "c", ns: "a")
        check(
            attrs("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"), verb: "create",
            group: "authorization.k8s.io", resource: "selfsubjectaccessreviews")
    }

    func testNamespacesThemselves() {
        check(attrs("GET", "/api/v1/namespaces"), verb: "list", resource: "namespaces")
        check(attrs("GET", "/api/v1/namespaces/foo"), verb: "get", resource: "namespaces", name: "foo", ns: "foo")
        check(attrs("DELETE", "/api/v1/namespaces/foo"), verb: "delete", resource: "namespaces", name: "foo", ns: "foo")
        check(
            attrs("PUT", "/api/v1/namespaces/foo/finalize"), verb: "update", resource: "namespaces", sub: "finalize",
            name: "foo", ns: "foo")
        check(
            attrs("PUT", "/api/v1/namespaces/foo/status"), verb: "update", resource: "namespaces", sub: "status",
            name: "foo", ns: "foo")
    }

    func testVerbsInThePath() {
        check(attrs("GET", "/api/v1/watch/namespaces/a/pods"), verb: "watch", resource: "pods", ns: "a")
        check(attrs("GET", "/api/v1/watch/namespaces/a/pods/p"), verb: "watch", resource: "pods", name: "p", ns: "a")
        check(
            attrs("GET", "/api/v1/proxy/namespaces/a/services/s/some/path"), verb: "proxy", resource: "services",
            name: "s", ns: "a")
    }

    func testFieldSelectorOnName() {
        check(
            attrs("GET", "/api/v1/namespaces/a/pods", ["watch": "true", "fieldSelector": "metadata.name=web"]),
            verb: "watch", resource: "pods", name: "web", ns: "a")
        check(
            attrs("GET", "/api/v1/namespaces/a/pods", ["fieldSelector": "metadata.name!=web"]), verb: "list",
            resource: "pods", ns: "a")
    }

    func testNonResourcePaths() {
        for path in [
            "/api", "/api/v1", "/apis", "/apis/apps", "/apis/apps/v1", "/healthz", "/version", "/openapi/v2", "/",
        ] {
            let a = attrs("GET", path)
            XCTAssertFalse(a.isResourceRequest, path)
            XCTAssertEqual(a.verb, "get", path)
            XCTAssertEqual(a.path, path)
        }
        XCTAssertEqual(attrs("POST", "/logs").verb, "post")
        XCTAssertFalse(attrs("GET", "/metrics/slis/x").isResourceRequest)
    }

    func testEndToEndWithForbiddenMessage() {
        let a = attrs("GET", "/api/v1/namespaces/default/pods/web/log")
        XCTAssertEqual(
            a.forbiddenMessage(),
            "pods \"web\" is forbidden: User \"u\" cannot get resource \"pods/log\" in API group \"\" in the namespace \"default\""
        )
        let ns = attrs("GET", "/api/v1/namespaces/kube-system")
        XCTAssertEqual(
            ns.forbiddenMessage(),
            "namespaces \"kube-system\" is forbidden: User \"u\" cannot get resource \"namespaces\" in API group \"\" "
                + "in the namespace \"kube-system\"")
    }
}
