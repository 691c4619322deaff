import Foundation
import KubeAPIMachinery
import KubeCore
import KubeModels
import XCTest

final class AuthTokenReviewTests: XCTestCase {
    private func reviewer() throws -> (TokenReviewer, ServiceAccountTokenIssuer, AuthTestObjects) {
        let issuer = AuthFixtures.issuer()
        let objects = AuthTestObjects()
        objects.put(.serviceAccount, "team-a", "builder", AuthObjectRecord(uid: "sa-uid-1"))
        let file = try StaticTokenFile.parse("admin-token,admin,admin-uid,system:masters\n")
        let union = TokenAuthenticatorUnion([
            ServiceAccountTokenVerifier(issuer: issuer, lookup: objects.lookup),
            StaticTokenAuthenticator(file: file, apiAudiences: issuer.apiAudiences),
        ])
        return (TokenReviewer(authenticator: union, apiAudiences: issuer.apiAudiences), issuer, objects)
    }

    func testServiceAccountTokenForRequestedAudience() async throws {
        let (reviewer, issuer, _) = try reviewer()
        let token = try issuer.issue(for: AuthFixtures.builder, audiences: ["vault"]).token
        let response = try await reviewer.review(TokenReview(spec: TokenReviewSpec(token: token, audiences: ["vault"])))
        XCTAssertEqual(response.status?.authenticated, true)
        XCTAssertEqual(response.status?.user?.username, "system:serviceaccount:team-a:builder")
        XCTAssertEqual(response.status?.user?.uid, "sa-uid-1")
        XCTAssertEqual(
            response.status?.user?.groups,
            ["system:serviceaccounts", "system:serviceaccounts:team-a", "system:authenticated"])
        XCTAssertEqual(response.status?.audiences, ["vault"])
        XCTAssertNil(response.status?.error)
        let json = try JSONValue(encoding: response)
        XCTAssertEqual(json["apiVersion"], "authentication.k8s.io/v1")
        XCTAssertEqual(json["kind"], "TokenReview")
    }

    func testWrongAudienceIsUnauthenticatedWithError() async throws {
        let (reviewer, issuer, _) = try reviewer()
        let token = try issuer.issue(for: AuthFixtures.builder, audiences: ["vault"]).token
        let response = try await reviewer.review(TokenReview(spec: TokenReviewSpec(token: token)))
        XCTAssertNil(response.status?.authenticated)
        XCTAssertEqual(response.status?.user, UserInfo())
        XCTAssertEqual(
            response.status?.error,
            "token audiences [\"vault\"] is invalid for the target audiences [\"https://kubernetes.default.svc.cluster.local\"]"
        )
        // The wire form: the real server leaves `authenticated: false` out and keeps `user: {}`.
        let status = try JSONValue(encoding: XCTUnwrap(response.status))
        XCTAssertNil(status["authenticated"])
        XCTAssertEqual(status["user"], [:])
    }

    func testStaticTokenAndUnknownToken() async throws {
        let (reviewer, _, _) = try reviewer()
        let admin = try await reviewer.review(TokenReview(spec: TokenReviewSpec(token: "admin-token")))
        XCTAssertEqual(admin.status?.authenticated, true)
        XCTAssertEqual(admin.status?.user?.groups, ["system:masters", "system:authenticated"])
        XCTAssertEqual(admin.status?.audiences, [AuthFixtures.issuerURL])
        // A static token asked about for another audience is not recognised.
        let vault = try await reviewer.review(
            TokenReview(spec: TokenReviewSpec(token: "admin-token", audiences: ["vault"])))
        XCTAssertNil(vault.status?.authenticated)
        XCTAssertNil(vault.status?.error)
        let unknown = try await reviewer.review(TokenReview(spec: TokenReviewSpec(token: "what")))
        XCTAssertNil(unknown.status?.authenticated)
        XCTAssertNil(unknown.status?.error)
    }

    func testEmptyTokenIsBadRequest() async throws {
        let (reviewer, _, _) = try reviewer()
        do throws(AuthAPIError) {
            _ = try await reviewer.review(TokenReview(spec: TokenReviewSpec(token: "")))
            XCTFail("expected 400")
        } catch {
            XCTAssertEqual(error.code, 400)
            XCTAssertEqual(error.status.reason, .badRequest)
            XCTAssertEqual(error.status.message, "token is required for TokenReview in authentication")
        }
    }

    func testDeletedServiceAccount() async throws {
        let (reviewer, issuer, objects) = try reviewer()
        let token = try issuer.issue(for: AuthFixtures.builder).token
        objects.delete(.serviceAccount, "team-a", "builder")
        let response = try await reviewer.review(TokenReview(spec: TokenReviewSpec(token: token)))
        XCTAssertNil(response.status?.authenticated)
        XCTAssertEqual(response.status?.error, "serviceaccounts \"builder\" not found")
    }
}
