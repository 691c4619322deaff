import Foundation
import KubeControlPlane
import XCTest

@testable import AstroliftKMS

/// Vault's Kubernetes auth method for real: OpenBao (ASTROLIFT_TEST_BAO_ADDR) checks a
/// service-account token issued by the embedded control plane through that control
/// plane's TokenReview, and the provider signs in with it.
final class VaultKubernetesAuthTests: XCTestCase {
    func testLoginWithAProjectedServiceAccountToken() async throws {
        let address = try integrationServer("ASTROLIFT_TEST_BAO_ADDR", what: "bao server -dev")
        let rootToken = ProcessInfo.processInfo.environment["ASTROLIFT_TEST_BAO_TOKEN"] ?? "root"
        let cp = try await ControlPlane.start()
        let http = try KMSHTTPClient(caBundlePEM: Array(cp.caPEM.utf8))
        do {
            let kube = cp.baseURL.absoluteString
            let admin = [("Authorization", "Bearer \(cp.adminToken)"), ("Content-Type", "application/json")]
            func kubePost(_ path: String, _ body: String) async throws -> KMSHTTPResponse {
                let answer = try await http.send(
                    .POST, kube + path, headers: admin, body: Array(body.utf8), service: "control plane")
                XCTAssertTrue((200..<300).contains(answer.status), "\(path): \(answer.status) \(answer.text)")
                return answer
            }
            _ = try await kubePost("/api/v1/namespaces", #"{"metadata":{"name":"astrolift-system"}}"#)
            _ = try await kubePost(
                "/api/v1/namespaces/astrolift-system/serviceaccounts", #"{"metadata":{"name":"astrolift"}}"#)
            func serviceAccountToken(audience: String) async throws -> String {
                let answer = try await kubePost(
                    "/api/v1/namespaces/astrolift-system/serviceaccounts/astrolift/token",
                    #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"audiences":["\#(audience)"],"expirationSeconds":600}}"#
                )
                let object = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
                return try XCTUnwrap((object?["status"] as? [String: Any])?["token"] as? String)
            }

            let id = UUID().uuidString.prefix(8).lowercased()
            let mount = "transit-\(id)"
            let authMount = "k8s-\(id)"
            let vault = [("X-Vault-Token", rootToken), ("Content-Type", "application/json")]
            func vaultPost(_ path: String, _ body: [String: Any]) async throws {
                let data = try JSONSerialization.data(withJSONObject: body)
                let answer = try await http.send(
                    .POST, "\(address)/v1/\(path)", headers: vault, body: Array(data), service: "bao")
                XCTAssertTrue((200..<300).contains(answer.status), "\(path): \(answer.status) \(answer.text)")
            }
            try await vaultPost("sys/mounts/\(mount)", ["type": "transit"])
            try await vaultPost("\(mount)/keys/astrolift", [:])
            try await vaultPost(
                "sys/policies/acl/astrolift-\(id)",
                [
                    "policy": """
                    path "\(mount)/datakey/plaintext/astrolift" { capabilities = ["update"] }
                    path "\(mount)/decrypt/astrolift" { capabilities = ["update"] }
                    path "\(mount)/keys/astrolift" { capabilities = ["read"] }
                    """
                ])
            try await vaultPost("sys/auth/\(authMount)", ["type": "kubernetes"])
            try await vaultPost(
                "auth/\(authMount)/config",
                [
                    "kubernetes_host": kube, "kubernetes_ca_cert": cp.caPEM, "token_reviewer_jwt": cp.adminToken,
                    "disable_local_ca_jwt": true,
                ])
            try await vaultPost(
                "auth/\(authMount)/role/astrolift",
                [
                    "bound_service_account_names": ["astrolift"],
                    "bound_service_account_namespaces": ["astrolift-system"], "audience": "vault",
                    "token_policies": ["astrolift-\(id)"], "ttl": "1h",
                ])

            let token = try await serviceAccountToken(audience: "vault")
            let kms = VaultTransit(
                address: address, mountPath: mount, transitKey: "astrolift",
                auth: .kubernetes(role: "astrolift", mountPath: authMount, jwt: { token }), http: http,
                ownsHTTP: false)
            let binding = EnvelopeBinding(namespace: "team-a", name: "db", dataKey: "password")
            let cipher = EnvelopeCipher(kms: kms)
            let sealed = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
            let opened = try await cipher.open(sealed, for: binding, current: try await kms.describeKey())
            XCTAssertEqual(String(decoding: opened.plaintext, as: UTF8.self), Plaintexts.first)

            // A token for another audience is refused by the role; the error names it.
            let wrongAudience = try await serviceAccountToken(audience: "not-vault")
            let refused = VaultTransit(
                address: address, mountPath: mount, transitKey: "astrolift",
                auth: .kubernetes(role: "astrolift", mountPath: authMount, jwt: { wrongAudience }), http: http,
                ownsHTTP: false)
            do {
                _ = try await refused.describeKey()
                XCTFail("signed in with a token for another audience")
            } catch let error as KMSError {
                XCTAssertEqual(error.kind, .unauthorized, error.message)
                XCTAssertTrue(error.message.contains("role astrolift"), error.message)
                assertNoSecrets(error.message, extra: [wrongAudience, token, cp.adminToken])
            }
        } catch {
            await http.shutdown()
            await cp.shutdown()
            throw error
        }
        await http.shutdown()
        await cp.shutdown()
    }
}
