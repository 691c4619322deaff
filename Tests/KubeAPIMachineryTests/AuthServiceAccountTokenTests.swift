import Foundation
import KubeAPIMachinery
import KubeCore
import KubeModels
import XCTest

final class AuthServiceAccountTokenTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_750_000_000)

    private func setUp(
        _ issuer: ServiceAccountTokenIssuer = AuthFixtures.issuer()
    ) -> (ServiceAccountTokenIssuer, AuthTestObjects, ServiceAccountTokenVerifier) {
        let objects = AuthTestObjects()
        objects.put(.serviceAccount, "team-a", "builder", AuthObjectRecord(uid: "sa-uid-1"))
        let verifier = ServiceAccountTokenVerifier(issuer: issuer, lookup: objects.lookup)
        return (issuer, objects, verifier)
    }

    private func claims(of token: String) throws -> JSONValue {
        let parts = token.split(separator: ".")
        XCTAssertEqual(parts.count, 3)
        var payload = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        return try JSONValue.parse(XCTUnwrap(Data(base64Encoded: payload)))
    }

    func testRoundTripWithRealClaims() async throws {
        let (issuer, _, verifier) = setUp()
        let issued = try issuer.issue(for: AuthFixtures.builder, now: now, tokenID: "jti-1")
        let c = try claims(of: issued.token)
        XCTAssertEqual(c["iss"], .string(AuthFixtures.issuerURL))
        XCTAssertEqual(c["sub"], "system:serviceaccount:team-a:builder")
        XCTAssertEqual(c["aud"], [.string(AuthFixtures.issuerURL)])
        XCTAssertEqual(c["iat"], .int(1_750_000_000))
        XCTAssertEqual(c["nbf"], .int(1_750_000_000))
        XCTAssertEqual(c["exp"], .int(1_750_003_600))
        XCTAssertEqual(c["jti"], "jti-1")
        XCTAssertEqual(
            c["kubernetes.io"], ["namespace": "team-a", "serviceaccount": ["name": "builder", "uid": "sa-uid-1"]])
        XCTAssertEqual(issued.expiration, now.addingTimeInterval(3600))

        let outcome = await verifier.verify(token: issued.token, audiences: [], now: now.addingTimeInterval(10))
        guard case .authenticated(let user, let audiences) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(user.username, "system:serviceaccount:team-a:builder")
        XCTAssertEqual(user.uid, "sa-uid-1")
        XCTAssertEqual(
            user.groups, ["system:serviceaccounts", "system:serviceaccounts:team-a", "system:authenticated"])
        XCTAssertEqual(user.extra, ["authentication.kubernetes.io/credential-id": ["JTI=jti-1"]])
        XCTAssertEqual(audiences, [AuthFixtures.issuerURL])
    }

    func testHeaderNamesAlgorithmAndKeyID() throws {
        let issuer = AuthFixtures.issuer()
        let token = try issuer.issue(for: AuthFixtures.builder, now: now).token
        var header = String(token.split(separator: ".")[0])
        while header.count % 4 != 0 { header += "=" }
        let json = try JSONValue.parse(
            XCTUnwrap(
                Data(
                    base64Encoded: header.replacingOccurrences(of: "_", with: "/").replacingOccurrences(
                        of: "-", with: "+"))))
        XCTAssertEqual(json, ["alg": "ES256", "kid": .string(issuer.signingKey.verificationKey.keyID)])
    }

    func testTamperedTokensAreRejected() async throws {
        let (issuer, _, verifier) = setUp()
        let token = try issuer.issue(for: AuthFixtures.builder, now: now).token
        var parts = token.split(separator: ".").map(String.init)
        // Swap in a payload claiming another service account, keeping the signature.
        var forged = try claims(of: token)
        forged[path: ["kubernetes.io", "serviceaccount", "name"]] = "admin"
        parts[1] = base64URL(forged.serialized())
        let outcome = await verifier.verify(token: parts.joined(separator: "."), audiences: [], now: now)
        XCTAssertEqual(outcome, .rejected("square/go-jose: error in cryptographic primitive"))

        // A signature by another key is no better.
        let other = ServiceAccountTokenIssuer(issuer: AuthFixtures.issuerURL, signingKey: .generate())
        let foreign = try other.issue(for: AuthFixtures.builder, now: now).token
        let foreignOutcome = await verifier.verify(token: foreign, audiences: [], now: now)
        XCTAssertEqual(foreignOutcome, .rejected("square/go-jose: error in cryptographic primitive"))
    }

    func testNotAJWTOrOtherIssuerIsNotRecognized() async throws {
        let (_, _, verifier) = setUp()
        let garbage = await verifier.verify(token: "abc.def", audiences: [], now: now)
        XCTAssertEqual(garbage, .notRecognized)
        let other = ServiceAccountTokenIssuer(issuer: "https://elsewhere", signingKey: .generate())
        let token = try other.issue(for: AuthFixtures.builder, now: now).token
        let outcome = await verifier.verify(token: token, audiences: [], now: now)
        XCTAssertEqual(outcome, .notRecognized)
    }

    func testAudiences() async throws {
        let (issuer, _, verifier) = setUp()
        let token = try issuer.issue(for: AuthFixtures.builder, audiences: ["vault", "other"], now: now).token
        let ok = await verifier.verify(token: token, audiences: ["vault"], now: now)
        XCTAssertEqual(ok.isAuthenticated, true)
        if case .authenticated(_, let auds) = ok { XCTAssertEqual(auds, ["vault"]) }
        let wrong = await verifier.verify(token: token, audiences: [], now: now)
        XCTAssertEqual(
            wrong,
            .rejected(
                "token audiences [\"vault\" \"other\"] is invalid for the target audiences "
                    + "[\"https://kubernetes.default.svc.cluster.local\"]"))
    }

    func testExpiryAndNotBeforeWithLeeway() async throws {
        let (issuer, _, verifier) = setUp()
        let token = try issuer.issue(for: AuthFixtures.builder, expirationSeconds: 600, now: now).token
        let withinLeeway = await verifier.verify(token: token, audiences: [], now: now.addingTimeInterval(650))
        XCTAssertTrue(withinLeeway.isAuthenticated)
        let expired = await verifier.verify(token: token, audiences: [], now: now.addingTimeInterval(661))
        XCTAssertEqual(expired, .rejected("service account token has expired"))
        let early = await verifier.verify(token: token, audiences: [], now: now.addingTimeInterval(-61))
        XCTAssertEqual(early, .rejected("service account token is not valid yet"))
        let slightlyEarly = await verifier.verify(token: token, audiences: [], now: now.addingTimeInterval(-30))
        XCTAssertTrue(slightlyEarly.isAuthenticated)
    }

    func testDeletedOrRecreatedServiceAccount() async throws {
        let (issuer, objects, verifier) = setUp()
        let token = try issuer.issue(for: AuthFixtures.builder, now: now).token
        objects.put(.serviceAccount, "team-a", "builder", AuthObjectRecord(uid: "sa-uid-2"))
        let recreated = await verifier.verify(token: token, audiences: [], now: now)
        XCTAssertEqual(recreated, .rejected("service account UID (sa-uid-2) does not match claim (sa-uid-1)"))
        objects.delete(.serviceAccount, "team-a", "builder")
        let gone = await verifier.verify(token: token, audiences: [], now: now)
        XCTAssertEqual(gone, .rejected("serviceaccounts \"builder\" not found"))
        // Being deleted (finalizers pending) counts after the leeway.
        objects.put(
            .serviceAccount, "team-a", "builder",
            AuthObjectRecord(uid: "sa-uid-1", deletionTimestamp: now.addingTimeInterval(-120)))
        let deleting = await verifier.verify(token: token, audiences: [], now: now)
        XCTAssertEqual(deleting, .rejected("service account team-a/builder has been deleted"))
    }

    func testPodBoundToken() async throws {
        let (issuer, objects, verifier) = setUp()
        objects.put(
            .pod, "team-a", "web-0", AuthObjectRecord(uid: "pod-1", serviceAccountName: "builder", nodeName: "n1"))
        objects.put(.node, "", "n1", AuthObjectRecord(uid: "node-1"))
        let request = TokenRequest(
            spec: TokenRequestSpec(
                audiences: ["vault"], expirationSeconds: 1200,
                boundObjectRef: BoundObjectReference(kind: "Pod", apiVersion: "v1", name: "web-0", uid: "pod-1")))
        let response = try await issuer.respond(
            to: request, serviceAccount: AuthFixtures.builder, now: now, lookup: objects.lookup)
        let token = try XCTUnwrap(response.status?.token)
        let c = try claims(of: token)
        XCTAssertEqual(c[path: ["kubernetes.io", "pod"]], ["name": "web-0", "uid": "pod-1"])
        XCTAssertEqual(c[path: ["kubernetes.io", "node"]], ["name": "n1", "uid": "node-1"])

        let outcome = await verifier.verify(token: token, audiences: ["vault"], now: now)
        let user = try XCTUnwrap(outcome.user)
        XCTAssertEqual(user.extra["authentication.kubernetes.io/pod-name"], ["web-0"])
        XCTAssertEqual(user.extra["authentication.kubernetes.io/pod-uid"], ["pod-1"])
        XCTAssertEqual(user.extra["authentication.kubernetes.io/node-name"], ["n1"])

        objects.put(.pod, "team-a", "web-0", AuthObjectRecord(uid: "pod-2", serviceAccountName: "builder"))
        let replaced = await verifier.verify(token: token, audiences: ["vault"], now: now)
        XCTAssertEqual(replaced, .rejected("pod UID (pod-2) does not match service account pod ref claim (pod-1)"))
        objects.delete(.pod, "team-a", "web-0")
        let deleted = await verifier.verify(token: token, audiences: ["vault"], now: now)
        XCTAssertEqual(deleted, .rejected("service account token has been invalidated"))
    }

    func testTokenRequestDefaults() async throws {
        let (issuer, objects, verifier) = setUp()
        let response = try await issuer.respond(
            to: TokenRequest(spec: TokenRequestSpec()), serviceAccount: AuthFixtures.builder, now: now,
            lookup: objects.lookup)
        XCTAssertEqual(response.spec.audiences, [AuthFixtures.issuerURL])
        XCTAssertEqual(response.spec.expirationSeconds, 3600)
        XCTAssertEqual(response.metadata.name, "builder")
        XCTAssertEqual(response.metadata.namespace, "team-a")
        XCTAssertEqual(response.metadata.creationTimestamp, Time(now))
        XCTAssertEqual(response.status?.expirationTimestamp, Time(now.addingTimeInterval(3600)))
        let outcome = await verifier.verify(token: response.status?.token ?? "", audiences: [], now: now)
        XCTAssertTrue(outcome.isAuthenticated)
        // The JSON the API server returns.
        let json = try JSONValue(encoding: response)
        XCTAssertEqual(json["kind"], "TokenRequest")
        XCTAssertEqual(json[path: ["status", "expirationTimestamp"]], "2025-06-15T16:06:40Z")
    }

    func testTokenRequestExpirationLimits() async throws {
        let (issuer, objects, _) = setUp()
        do throws(AuthAPIError) {
            _ = try await issuer.respond(
                to: TokenRequest(spec: TokenRequestSpec(expirationSeconds: 60)), serviceAccount: AuthFixtures.builder,
                now: now, lookup: objects.lookup)
            XCTFail("expected 422")
        } catch {
            XCTAssertEqual(error.code, 422)
            XCTAssertEqual(
                error.status.message,
                "TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 60: "
                    + "may not specify a duration less than 10 minutes")
            XCTAssertEqual(error.status.details?.causes?.first?.field, "spec.expirationSeconds")
            XCTAssertEqual(error.status.details?.causes?.first?.reason, "FieldValueInvalid")
        }
        do throws(AuthAPIError) {
            _ = try await issuer.respond(
                to: TokenRequest(spec: TokenRequestSpec(expirationSeconds: (1 << 32) + 1)),
                serviceAccount: AuthFixtures.builder, now: now, lookup: objects.lookup)
            XCTFail("expected 422")
        } catch {
            XCTAssertTrue(
                error.status.message?.hasSuffix("may not specify a duration larger than 2^32 seconds") ?? false)
        }
        let capped = AuthFixtures.issuer(maxExpirationSeconds: 7200)
        let response = try await capped.respond(
            to: TokenRequest(spec: TokenRequestSpec(expirationSeconds: 86400)), serviceAccount: AuthFixtures.builder,
            now: now, lookup: objects.lookup)
        XCTAssertEqual(response.spec.expirationSeconds, 7200)
        XCTAssertEqual(response.status?.expirationTimestamp, Time(now.addingTimeInterval(7200)))
        let min = try await issuer.respond(
            to: TokenRequest(spec: TokenRequestSpec(expirationSeconds: 600)), serviceAccount: AuthFixtures.builder,
            now: now, lookup: objects.lookup)
        XCTAssertEqual(min.spec.expirationSeconds, 600)
    }

    func testTokenRequestBindingErrors() async throws {
        let (issuer, objects, _) = setUp()
        objects.put(.pod, "team-a", "other-pod", AuthObjectRecord(uid: "p9", serviceAccountName: "default"))
        objects.put(.secret, "team-a", "s", AuthObjectRecord(uid: "s1"))
        func attempt(_ ref: BoundObjectReference) async -> AuthAPIError? {
            do throws(AuthAPIError) {
                _ = try await issuer.respond(
                    to: TokenRequest(spec: TokenRequestSpec(boundObjectRef: ref)), serviceAccount: AuthFixtures.builder,
                    now: now, lookup: objects.lookup)
                return nil
            } catch { return error }
        }
        let deployment = await attempt(BoundObjectReference(kind: "Deployment", apiVersion: "apps/v1", name: "d"))
        XCTAssertEqual(deployment?.code, 400)
        XCTAssertEqual(deployment?.status.message, "cannot bind token to object of type apps/v1, Kind=Deployment")
        let missing = await attempt(BoundObjectReference(kind: "Pod", apiVersion: "v1", name: "nope"))
        XCTAssertEqual(missing?.code, 404)
        XCTAssertEqual(missing?.status.message, "pods \"nope\" not found")
        let wrongAccount = await attempt(BoundObjectReference(kind: "Pod", apiVersion: "v1", name: "other-pod"))
        XCTAssertEqual(wrongAccount?.code, 400)
        XCTAssertEqual(
            wrongAccount?.status.message,
            "cannot bind token for serviceaccount \"builder\" to pod running with different serviceaccount name.")
        let wrongUID = await attempt(BoundObjectReference(kind: "Secret", apiVersion: "v1", name: "s", uid: "s0"))
        XCTAssertEqual(wrongUID?.code, 409)
        XCTAssertEqual(
            wrongUID?.status.message,
            "Operation cannot be fulfilled on Secret \"s\": the UID in the bound object reference (s0) does not match "
                + "the UID in record. The object might have been deleted and then recreated")
        let secretOK = await attempt(BoundObjectReference(kind: "Secret", apiVersion: "v1", name: "s", uid: "s1"))
        XCTAssertNil(secretOK)
    }

    func testSigningKeyPEMRoundTrip() async throws {
        let key = ServiceAccountSigningKey.generate()
        XCTAssertTrue(key.pemRepresentation.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let again = try ServiceAccountSigningKey(pemRepresentation: key.pemRepresentation)
        XCTAssertEqual(again.verificationKey, key.verificationKey)
        XCTAssertEqual(again.verificationKey.keyID, key.verificationKey.keyID)
        let publicOnly = try ServiceAccountVerificationKey(pemRepresentation: key.verificationKey.pemRepresentation)
        XCTAssertEqual(publicOnly.keyID, key.verificationKey.keyID)
        XCTAssertThrowsError(try ServiceAccountSigningKey(pemRepresentation: "not a key"))

        // A token signed before a restart verifies with the reloaded key.
        let issuer = ServiceAccountTokenIssuer(issuer: AuthFixtures.issuerURL, signingKey: key)
        let token = try issuer.issue(for: AuthFixtures.builder, now: now).token
        let reloaded = ServiceAccountTokenIssuer(issuer: AuthFixtures.issuerURL, signingKey: again)
        let objects = AuthTestObjects()
        objects.put(.serviceAccount, "team-a", "builder", AuthObjectRecord(uid: "sa-uid-1"))
        let verifier = ServiceAccountTokenVerifier(issuer: reloaded, lookup: objects.lookup)
        let outcome = await verifier.verify(token: token, audiences: [], now: now)
        XCTAssertTrue(outcome.isAuthenticated)
    }

    func testRecordFromJSONObject() throws {
        let pod: JSONValue = [
            "metadata": ["uid": "u1", "deletionTimestamp": "2025-01-01T00:00:00Z"],
            "spec": ["serviceAccountName": "builder", "nodeName": "n1"],
        ]
        let record = try XCTUnwrap(AuthObjectRecord(object: pod))
        XCTAssertEqual(record.uid, "u1")
        XCTAssertEqual(record.serviceAccountName, "builder")
        XCTAssertEqual(record.nodeName, "n1")
        XCTAssertEqual(record.deletionTimestamp, RFC3339.parse("2025-01-01T00:00:00Z"))
        XCTAssertNil(AuthObjectRecord(object: ["metadata": [:]]))
    }

    private func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
