import Crypto
import Foundation
import SwiftASN1

/// Reading and writing ECDSA P-256 private keys as PEM.
///
/// Two encodings are in use around Kubernetes: PKCS#8 (`PRIVATE KEY`), which every TLS
/// stack accepts (NIOSSL/BoringSSL, Python's `ssl`, Go's `tls.X509KeyPair`), and SEC1
/// (`EC PRIVATE KEY`), which `kubeadm` and `openssl ecparam` write. We write PKCS#8 by
/// default and accept both on input.
public enum PrivateKeyPEM {
    /// The PKCS#8 encoding (`-----BEGIN PRIVATE KEY-----`).
    public static func pkcs8(_ key: P256.Signing.PrivateKey) -> String {
        key.pemRepresentation
    }

    /// The SEC1 / RFC 5915 encoding (`-----BEGIN EC PRIVATE KEY-----`).
    ///
    /// swift-crypto only writes PKCS#8, so the `ECPrivateKey` structure is serialised here.
    public static func sec1(_ key: P256.Signing.PrivateKey) throws -> String {
        var serializer = DER.Serializer()
        do {
            // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING,
            //   [0] parameters (named curve), [1] publicKey BIT STRING }
            try serializer.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(1)
                try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(key.rawRepresentation)))
                try coder.serialize(
                    ASN1ObjectIdentifier.NamedCurves.secp256r1,
                    explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific
                )
                try coder.serialize(
                    ASN1BitString(bytes: ArraySlice(key.publicKey.x963Representation)),
                    explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific
                )
            }
        } catch {
            throw PKIError.unsupportedKey(reason: "SEC1 serialisation failed: \(error)")
        }
        return PEMDocument(type: "EC PRIVATE KEY", derBytes: serializer.serializedBytes).pemString
    }

    /// Parses a P-256 private key from PKCS#8 (`PRIVATE KEY`) or SEC1 (`EC PRIVATE KEY`) PEM.
    ///
    /// - Parameter what: names the key in error messages (e.g. a file path).
    /// - Throws: ``PKIError/invalidPEM(what:reason:)`` or ``PKIError/unsupportedKey(reason:)``.
    public static func parse(_ pem: String, what: String = "private key") throws -> P256.Signing.PrivateKey {
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: pem)
        } catch {
            throw PKIError.invalidPEM(what: what, reason: "not a PEM document (\(error))")
        }
        // `openssl ecparam -genkey` puts an `EC PARAMETERS` block before the key, so
        // look for the key block instead of insisting on a single document.
        let keyTypes: Set<String> = ["PRIVATE KEY", "EC PRIVATE KEY"]
        guard let document = documents.first(where: { keyTypes.contains($0.discriminator) }) else {
            if documents.contains(where: { $0.discriminator == "RSA PRIVATE KEY" }) {
                throw PKIError.unsupportedKey(reason: "\(what) is an RSA key")
            }
            let found = documents.map(\.discriminator).joined(separator: ", ")
            throw PKIError.invalidPEM(
                what: what, reason: "expected PRIVATE KEY or EC PRIVATE KEY, found \(found.isEmpty ? "nothing" : found)"
            )
        }
        do {
            // derRepresentation accepts both PKCS#8 and SEC1 structures.
            return try P256.Signing.PrivateKey(derRepresentation: document.derBytes)
        } catch {
            throw PKIError.unsupportedKey(reason: "\(what) is not an ECDSA P-256 key (\(error))")
        }
    }
}
