import Foundation
import KubeClient
import KubeConfig
import KubeControlPlane
import KubeCore
import XCTest

/// Service-account tokens the server signs, TokenReview, RBAC allow and deny, and
/// access reviews answered by the same rules.
final class AuthTests: XCTestCase {
    static let serviceAccounts = ResourceDescriptor(
        group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true)
    static let roleBindings = ResourceDescriptor(
        group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", plural: "rolebindings", namespaced: true
    )
    static let tokenReviews = ResourceDescriptor(
        group: "authentication.k8s.io", version: "v1", kind: "TokenReview", plural: "tokenreviews", namespaced: false)
    static let accessReviews = ResourceDescriptor(
        group: "authorization.k8s.io", version: "v1", kind: "SubjectAccessReview", plural: "subjectaccessreviews",
        namespaced: false)

    /// Asks `serviceaccounts/NAME/token` for a token, through a dynamic create on the subresource path.
    private func token(_ f: ControlPlaneFixture, _ sa: String, audiences: [String] = []) async throws -> String {
        let body: JSONValue = [
            "apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
            "spec": ["audiences": .array(audiences.map(JSONValue.string)), "expirationSeconds": 3600],
        ]
        let response = try await f.client.rawPost("/api/v1/namespaces/default/serviceaccounts/\(sa)/token", body: body)
        return try XCTUnwrap(response[path: ["status", "token"]]?.stringValue)
    }

    func testServiceAccountTokensAreVerifiedAndRBACDecides() async throws {
        let f = try await ControlPlaneFixture.start()
        _ = try await f.client.dynamicApi(Self.serviceAccounts, namespace: "default").create(
            DynamicObject(["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "bot"]]))
        let token = try await token(f, "bot")
        let bot = try KubeClient(
            connection: ClusterConnection(
                server: f.controlPlane.baseURL, certificateAuthorityPEM: Array(f.controlPlane.caPEM.utf8),
                credentials: StaticTokenProvider(token: token), namespace: "default", origin: "bot"))
        do {
            _ = try await bot.dynamicApi(ControlPlaneFixture.configMaps, namespace: "default").list()
            XCTFail("expected 403")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.kind, .forbidden)
            XCTAssertEqual(
                e.status.message,
                "configmaps is forbidden: User \"system:serviceaccount:default:bot\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\""
            )
        }
        _ = try await f.client.dynamicApi(Self.roleBindings, namespace: "default").create(
            DynamicObject([
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": ["name": "bot-view"],
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"],
                "subjects": [["kind": "ServiceAccount", "name": "bot", "namespace": "default"]],
            ]))
        _ = try await bot.dynamicApi(ControlPlaneFixture.configMaps, namespace: "default").list()

        // The same rules answer access reviews.
        let review = try await f.client.dynamicApi(Self.accessReviews).create(
            DynamicObject([
                "apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview",
                "spec": [
                    "user": "system:serviceaccount:default:bot",
                    "groups": ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"],
                    "resourceAttributes": ["verb": "delete", "resource": "configmaps", "namespace": "default"],
                ],
            ]))
        XCTAssertEqual(review.raw[path: ["status", "allowed"]], false)

        // TokenReview accepts the token for its audience, and not a forged one.
        let vaultToken = try await self.token(f, "bot", audiences: ["vault"])
        let accepted = try await f.client.dynamicApi(Self.tokenReviews).create(
            DynamicObject([
                "apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview",
                "spec": ["token": .string(vaultToken), "audiences": ["vault"]],
            ]))
        XCTAssertEqual(accepted.raw[path: ["status", "authenticated"]], true)
        XCTAssertEqual(accepted.raw[path: ["status", "user", "username"]], "system:serviceaccount:default:bot")
        let forged = try await f.client.dynamicApi(Self.tokenReviews).create(
            DynamicObject([
                "apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview",
                "spec": ["token": .string(vaultToken.dropLast(4) + "AAAA")],
            ]))
        XCTAssertNotEqual(forged.raw[path: ["status", "authenticated"]], true)

        // Deleting the service account invalidates its tokens.
        try await f.client.dynamicApi(Self.serviceAccounts, namespace: "default").delete("bot")
        do {
            _ = try await bot.dynamicApi(ControlPlaneFixture.configMaps, namespace: "default").list()
            XCTFail("expected 401")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.kind, .unauthorized)
        }
        try await bot.shutdown()
        await f.stop()
    }
}
