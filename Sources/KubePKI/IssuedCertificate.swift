import Crypto
import Foundation
import X509

/// A leaf certificate together with its private key, as issued by a ``CertificateAuthority``
/// or loaded from disk.
public struct IssuedCertificate: Sendable {
    /// The parsed certificate.
    public let certificate: Certificate
    /// The certificate's private key.
    public let privateKey: P256.Signing.PrivateKey
    /// The certificate as PEM (`-----BEGIN CERTIFICATE-----`).
    public let certificatePEM: String
    /// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), the form every TLS stack reads.
    public let privateKeyPEM: String

    /// Pairs a certificate with its key after checking that they belong together.
    ///
    /// - Throws: ``PKIError/keyDoesNotMatchCertificate(what:)`` if the key's public half
    ///   is not the certificate's public key.
    public init(certificate: Certificate, privateKey: P256.Signing.PrivateKey) throws {
        guard certificate.publicKey == Certificate.PublicKey(privateKey.publicKey) else {
            throw PKIError.keyDoesNotMatchCertificate(what: "\(certificate.subject)")
        }
        self.certificate = certificate
        self.privateKey = privateKey
        self.certificatePEM = try certificate.pemString(what: "\(certificate.subject)")
        self.privateKeyPEM = PrivateKeyPEM.pkcs8(privateKey)
    }

    /// Loads a certificate/key pair from PEM text. The key may be PKCS#8 or SEC1.
    ///
    /// - Parameter what: names the pair in error messages (e.g. a file path).
    public init(certificatePEM: String, privateKeyPEM: String, what: String = "certificate") throws {
        let certificate = try Certificate.parsePEM(certificatePEM, what: what)
        let key = try PrivateKeyPEM.parse(privateKeyPEM, what: "\(what) key")
        guard certificate.publicKey == Certificate.PublicKey(key.publicKey) else {
            throw PKIError.keyDoesNotMatchCertificate(what: what)
        }
        try self.init(certificate: certificate, privateKey: key)
    }

    /// The private key as SEC1 PEM (`-----BEGIN EC PRIVATE KEY-----`), for tools that want it.
    public func sec1PrivateKeyPEM() throws -> String {
        try PrivateKeyPEM.sec1(privateKey)
    }
}

extension Certificate {
    /// Parses the first `CERTIFICATE` block of `pem`, with an error that names `what`.
    static func parsePEM(_ pem: String, what: String) throws -> Certificate {
        do {
            return try Certificate(pemEncoded: pem)
        } catch {
            throw PKIError.invalidPEM(what: what, reason: "\(error)")
        }
    }

    /// The certificate as PEM text.
    func pemString(what: String) throws -> String {
        do {
            return try serializeAsPEM().pemString
        } catch {
            throw PKIError.certificateCreationFailed(reason: "PEM encoding of \(what) failed: \(error)")
        }
    }
}
