import Foundation
import KubeAPIMachinery
import KubeCore
import KubeModels
import XCTest

final class AuthAccessReviewTests: XCTestCase {
    private let reviewer = AccessReviewer(rbac: RBACAuthorizer(AuthRBACTests.policy()))
    private let alice = AuthenticatedUser(username: "alice", groups: ["system:authenticated"])

    func testSelfSubjectAccessReviewAllowed() throws {
        let request = SelfSubjectAccessReview(
            spec: SelfSubjectAccessReviewSpec(
                resourceAttributes: ResourceAttributes(namespace: "default", verb: "list", resource: "pods")))
        let response = try reviewer.review(request, user: alice)
        XCTAssertEqual(
            response.status,
            SubjectAccessReviewStatus(
                allowed: true,
                reason:
                    "RBAC: allowed by ClusterRoleBinding \"alice-pods\" of ClusterRole \"pod-reader\" to User \"alice\""
            ))
        XCTAssertEqual(response.spec, request.spec)
        let json = try JSONValue(encoding: response)
        XCTAssertEqual(json["apiVersion"], "authorization.k8s.io/v1")
        XCTAssertEqual(json["kind"], "SelfSubjectAccessReview")
    }

    func testSelfSubjectAccessReviewDenied() throws {
        let request = SelfSubjectAccessReview(
            spec: SelfSubjectAccessReviewSpec(
                resourceAttributes: ResourceAttributes(namespace: "default", verb: "delete", resource: "pods")))
        let status = try XCTUnwrap(try reviewer.review(request, user: alice).status)
        XCTAssertEqual(status, SubjectAccessReviewStatus(allowed: false))
        // The wire form has only `allowed: false`, as `kubectl auth can-i` expects.
        XCTAssertEqual(try JSONValue(encoding: status), ["allowed": false])
    }

    func testNonResourceReview() throws {
        let request = SelfSubjectAccessReview(
            spec: SelfSubjectAccessReviewSpec(
                nonResourceAttributes: NonResourceAttributes(path: "/metrics", verb: "get")))
        let mon = AuthenticatedUser(username: "mon")
        XCTAssertEqual(try reviewer.review(request, user: mon).status?.allowed, true)
        XCTAssertEqual(try reviewer.review(request, user: alice).status?.allowed, false)
    }

    func testSelfSubjectAccessReviewValidation() {
        XCTAssertThrowsError(
            try reviewer.review(SelfSubjectAccessReview(spec: SelfSubjectAccessReviewSpec()), user: alice)
        ) {
            error in
            let error = error as? AuthAPIError
            XCTAssertEqual(error?.code, 422)
            XCTAssertEqual(
                error?.status.message,
                "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: Invalid value: "
                    + "null: exactly one of nonResourceAttributes or resourceAttributes must be specified")
        }
        let both = SelfSubjectAccessReviewSpec(
            resourceAttributes: ResourceAttributes(verb: "get", resource: "pods"),
            nonResourceAttributes: NonResourceAttributes(path: "/", verb: "get"))
        XCTAssertThrowsError(try reviewer.review(SelfSubjectAccessReview(spec: both), user: alice)) { error in
            XCTAssertEqual((error as? AuthAPIError)?.status.details?.causes?.first?.field, "spec.nonResourceAttributes")
        }
    }

    func testSubjectAccessReviewUsesTheSpecUser() throws {
        let request = SubjectAccessReview(
            spec: SubjectAccessReviewSpec(
                resourceAttributes: ResourceAttributes(
                    namespace: "n", verb: "patch", group: "apps", resource: "deployments"),
                user: "someone", groups: ["ops"]))
        let status = try XCTUnwrap(try reviewer.review(request).status)
        XCTAssertTrue(status.allowed)
        XCTAssertEqual(
            status.reason,
            "RBAC: allowed by ClusterRoleBinding \"ops-apps\" of ClusterRole \"wildcard-apps\" to Group \"ops\"")
        let masters = SubjectAccessReview(
            spec: SubjectAccessReviewSpec(
                resourceAttributes: ResourceAttributes(verb: "delete", resource: "nodes"), groups: ["system:masters"]))
        XCTAssertEqual(try reviewer.review(masters).status, SubjectAccessReviewStatus(allowed: true))
        let broken = SubjectAccessReview(
            spec: SubjectAccessReviewSpec(
                resourceAttributes: ResourceAttributes(verb: "get", resource: "pods"), user: "carol"))
        XCTAssertEqual(
            try reviewer.review(broken).status?.reason,
            "RBAC: clusterrole.rbac.authorization.k8s.io \"missing\" not found")
    }

    func testSubjectAccessReviewNeedsAUserOrGroup() {
        let request = SubjectAccessReview(
            spec: SubjectAccessReviewSpec(resourceAttributes: ResourceAttributes(verb: "get", resource: "pods")))
        XCTAssertThrowsError(try reviewer.review(request)) { error in
            XCTAssertEqual(
                (error as? AuthAPIError)?.status.message,
                "SubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.user: Invalid value: \"\": "
                    + "at least one of user or group must be specified")
        }
    }

    func testSelfSubjectReview() throws {
        let user = AuthenticatedUser(
            username: "system:serviceaccount:ns:sa", uid: "u1",
            groups: ["system:serviceaccounts", "system:serviceaccounts:ns", "system:authenticated"],
            extra: ["authentication.kubernetes.io/credential-id": ["JTI=x"]])
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let response = AccessReviewer.review(SelfSubjectReview(), user: user, now: now)
        XCTAssertEqual(response.status?.userInfo, user.userInfo)
        XCTAssertEqual(response.metadata.creationTimestamp, Time(now))
        let json = try JSONValue(encoding: response)
        XCTAssertEqual(json[path: ["status", "userInfo", "username"]], "system:serviceaccount:ns:sa")
        XCTAssertEqual(
            json[path: ["status", "userInfo", "extra", "authentication.kubernetes.io/credential-id"]], ["JTI=x"])
        XCTAssertEqual(json["apiVersion"], "authentication.k8s.io/v1")
        // Empty members are left out, as the real server does.
        let bare = try JSONValue(
            encoding: AccessReviewer.review(SelfSubjectReview(), user: AuthenticatedUser(username: "u")))
        XCTAssertEqual(bare[path: ["status", "userInfo"]], ["username": "u"])
    }

    func testSelfSubjectRulesReview() throws {
        let bob = AuthenticatedUser(username: "bob", groups: ["system:authenticated"])
        let request: JSONValue = [
            "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectRulesReview", "spec": ["namespace": "team-a"],
        ]
        let response = try reviewer.rulesReview(request, user: bob)
        let rules = try XCTUnwrap(response[path: ["status", "resourceRules"]]?.arrayValue)
        XCTAssertEqual(
            Set(rules),
            [
                ["verbs": ["get"], "apiGroups": [""], "resources": ["pods/log"]],
                ["verbs": ["get"], "apiGroups": [""], "resources": ["secrets"]],
            ])
        XCTAssertEqual(response[path: ["status", "nonResourceRules"]], [])
        XCTAssertEqual(response[path: ["status", "incomplete"]], false)
        let mon = try reviewer.rulesReview(request, user: AuthenticatedUser(username: "mon"))
        XCTAssertEqual(
            mon[path: ["status", "nonResourceRules"]],
            [["verbs": ["get"], "nonResourceURLs": ["/metrics", "/logs/*"]]])
        let carol = try reviewer.rulesReview(request, user: AuthenticatedUser(username: "carol"))
        XCTAssertEqual(
            carol[path: ["status", "evaluationError"]], "clusterrole.rbac.authorization.k8s.io \"missing\" not found")
        XCTAssertThrowsError(try reviewer.rulesReview(["spec": [:]], user: bob)) { error in
            XCTAssertEqual((error as? AuthAPIError)?.status.message, "no namespace on request")
        }
        let open = AccessReviewer(authorizer: AlwaysAllowAuthorizer())
        let everything = try open.rulesReview(request, user: bob)
        XCTAssertEqual(
            everything[path: ["status", "resourceRules"]], [["verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]]])
    }
}
