import Crypto
import Foundation
import KubeCore

/// The private key the API server signs service account tokens with: ECDSA P-256 (ES256).
///
/// The server generates one at first start and keeps it in its data directory as PEM
/// (``pemRepresentation``), so tokens stay valid across restarts.
public struct ServiceAccountSigningKey: Sendable {
    /// The key itself.
    public let privateKey: P256.Signing.PrivateKey

    public init(privateKey: P256.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// A new random key.
    public static func generate() -> ServiceAccountSigningKey {
        ServiceAccountSigningKey(privateKey: P256.Signing.PrivateKey())
    }

    /// Reads a PEM private key: PKCS#8 (`BEGIN PRIVATE KEY`) or SEC 1 (`BEGIN EC PRIVATE KEY`).
    public init(pemRepresentation pem: String) throws {
        self.init(privateKey: try P256.Signing.PrivateKey(pemRepresentation: pem))
    }

    /// The key as PKCS#8 PEM (`BEGIN PRIVATE KEY`), for the data directory.
    public var pemRepresentation: String { privateKey.pemRepresentation }

    /// The public half, which verifies tokens and is published in the JWKS.
    public var verificationKey: ServiceAccountVerificationKey {
        ServiceAccountVerificationKey(publicKey: privateKey.publicKey)
    }
}

/// A public key that verifies service account tokens, with the key ID the real server
/// derives: base64url (unpadded) of the SHA-256 of the DER SubjectPublicKeyInfo.
public struct ServiceAccountVerificationKey: Sendable, Hashable {
    /// The key itself.
    public let publicKey: P256.Signing.PublicKey
    /// The `kid` header of tokens signed with the matching private key.
    public let keyID: String

    public init(publicKey: P256.Signing.PublicKey) {
        self.publicKey = publicKey
        self.keyID = CompactJWS.base64URLEncode(Data(SHA256.hash(data: publicKey.derRepresentation)))
    }

    /// Reads a PEM public key (`BEGIN PUBLIC KEY`).
    public init(pemRepresentation pem: String) throws {
        self.init(publicKey: try P256.Signing.PublicKey(pemRepresentation: pem))
    }

    /// The key as PEM (`BEGIN PUBLIC KEY`).
    public var pemRepresentation: String { publicKey.pemRepresentation }

    /// The key as a JSON Web Key, as `/openid/v1/jwks` lists it:
    /// `{"use":"sig","kty":"EC","kid":…,"crv":"P-256","alg":"ES256","x":…,"y":…}`.
    public var jwk: JSONValue {
        // x963 is 0x04 || X || Y with 32-byte coordinates.
        let point = publicKey.x963Representation
        let x = point.dropFirst().prefix(32)
        let y = point.dropFirst(33).prefix(32)
        return .object([
            "use": "sig",
            "kty": "EC",
            "kid": .string(keyID),
            "crv": "P-256",
            "alg": "ES256",
            "x": .string(CompactJWS.base64URLEncode(Data(x))),
            "y": .string(CompactJWS.base64URLEncode(Data(y))),
        ])
    }

    public static func == (a: Self, b: Self) -> Bool { a.keyID == b.keyID }
    public func hash(into hasher: inout Hasher) { hasher.combine(keyID) }
}
