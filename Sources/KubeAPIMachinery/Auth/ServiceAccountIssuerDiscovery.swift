import Foundation
import KubeCore

/// The OpenID Connect discovery documents of the service account issuer, served at
/// ``openIDConfigurationPath`` and ``jwksPath`` so that OIDC consumers (and OpenBao's
/// JWT auth) can verify service account tokens without calling TokenReview.
public struct ServiceAccountIssuerDiscovery: Sendable {
    /// `/.well-known/openid-configuration`.
    public static let openIDConfigurationPath = "/.well-known/openid-configuration"
    /// `/openid/v1/jwks`.
    public static let jwksPath = "/openid/v1/jwks"
    /// The content type of the configuration.
    public static let openIDConfigurationContentType = "application/json"
    /// The content type the real server gives the key set.
    public static let jwksContentType = "application/jwk-set+json"

    /// The `issuer` (the `iss` of the tokens).
    public let issuer: String
    /// Where the key set is fetched from: the real server points at its own external
    /// address (`https://HOST:PORT/openid/v1/jwks`), not at the issuer.
    public let jwksURI: String
    /// The public keys.
    public let keys: [ServiceAccountVerificationKey]

    /// - Parameter jwksURI: the key set's URL; `nil` means the issuer's URL with path
    ///   ``jwksPath``. Pass the server's external URL when the issuer is not reachable.
    public init(issuer: String, keys: [ServiceAccountVerificationKey], jwksURI: String? = nil) {
        self.issuer = issuer
        self.keys = keys
        if let jwksURI {
            self.jwksURI = jwksURI
        } else {
            var base = issuer
            while base.hasSuffix("/") { base.removeLast() }
            self.jwksURI = base + Self.jwksPath
        }
    }

    /// `{"issuer":…,"jwks_uri":…,"response_types_supported":["id_token"],
    /// "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["ES256"]}`.
    public var openIDConfiguration: JSONValue {
        [
            "issuer": .string(issuer),
            "jwks_uri": .string(jwksURI),
            "response_types_supported": ["id_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["ES256"],
        ]
    }

    /// `{"keys":[…]}`, one JSON Web Key per public key.
    public var jwks: JSONValue {
        ["keys": .array(keys.map(\.jwk))]
    }

    /// The body for ``openIDConfigurationPath``.
    public func openIDConfigurationBody() -> Data { openIDConfiguration.serialized() }

    /// The body for ``jwksPath``.
    public func jwksBody() -> Data { jwks.serialized() }
}
