import Foundation
import KubeAPIMachinery
import KubeCore
import XCTest

final class AuthIssuerDiscoveryTests: XCTestCase {
    func testJWKSShape() throws {
        let key = ServiceAccountSigningKey.generate()
        let discovery = ServiceAccountIssuerDiscovery(
            issuer: "https://kubernetes.default.svc.cluster.local", keys: [key.verificationKey])
        let jwks = try JSONValue.parse(discovery.jwksBody())
        let keys = try XCTUnwrap(jwks["keys"]?.arrayValue)
        XCTAssertEqual(keys.count, 1)
        let jwk = keys[0]
        XCTAssertEqual(Set(jwk.objectValue?.keys.map { $0 } ?? []), ["use", "kty", "kid", "crv", "alg", "x", "y"])
        XCTAssertEqual(jwk["use"], "sig")
        XCTAssertEqual(jwk["kty"], "EC")
        XCTAssertEqual(jwk["crv"], "P-256")
        XCTAssertEqual(jwk["alg"], "ES256")
        XCTAssertEqual(jwk["kid"], .string(key.verificationKey.keyID))
        // Coordinates are 32 bytes each: 43 base64url characters without padding.
        XCTAssertEqual(jwk["x"]?.stringValue?.count, 43)
        XCTAssertEqual(jwk["y"]?.stringValue?.count, 43)
        XCTAssertFalse(jwk["x"]?.stringValue?.contains("=") ?? true)
        // The key ID is the unpadded base64url SHA-256 of the DER public key: 43 characters.
        XCTAssertEqual(key.verificationKey.keyID.count, 43)
    }

    func testOpenIDConfiguration() throws {
        let discovery = ServiceAccountIssuerDiscovery(
            issuer: "https://kubernetes.default.svc.cluster.local/", keys: [])
        let config = try JSONValue.parse(discovery.openIDConfigurationBody())
        XCTAssertEqual(
            config,
            [
                "issuer": "https://kubernetes.default.svc.cluster.local/",
                "jwks_uri": "https://kubernetes.default.svc.cluster.local/openid/v1/jwks",
                "response_types_supported": ["id_token"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["ES256"],
            ])
        let external = ServiceAccountIssuerDiscovery(
            issuer: "https://kubernetes.default.svc", keys: [], jwksURI: "https://127.0.0.1:6443/openid/v1/jwks")
        XCTAssertEqual(external.openIDConfiguration["jwks_uri"], "https://127.0.0.1:6443/openid/v1/jwks")
        XCTAssertEqual(ServiceAccountIssuerDiscovery.jwksPath, "/openid/v1/jwks")
        XCTAssertEqual(ServiceAccountIssuerDiscovery.openIDConfigurationPath, "/.well-known/openid-configuration")
        XCTAssertEqual(ServiceAccountIssuerDiscovery.jwksContentType, "application/jwk-set+json")
    }
}
