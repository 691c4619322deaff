import Crypto
import Foundation
import SwiftASN1
// The SPI exposes RFC5280Policy(fixedExpiryValidationTime:), the supported way to check
// expiry at a time other than now (tests check expired and future certificates).
@_spi(FixedExpiryValidationTime) import X509

/// A self-signed certificate authority with an ECDSA P-256 key, able to issue server and
/// client certificates.
///
/// `astrolift dev` keeps one in its data directory (see ``PKIDirectory``); tests make a
/// fresh one per server. The value is immutable and `Sendable`, so one CA can issue from
/// many tasks at once.
public struct CertificateAuthority: Sendable {
    /// The CA certificate (self-signed).
    public let certificate: Certificate
    /// The CA's signing key.
    public let privateKey: P256.Signing.PrivateKey
    /// The CA certificate as PEM: what clients put in `--cacert` or a kubeconfig's
    /// `certificate-authority-data`.
    public let certificatePEM: String
    /// The CA key as PKCS#8 PEM.
    public let privateKeyPEM: String

    /// Ten years: long enough that a developer's local CA never expires under them.
    public static let defaultValidity: TimeInterval = 10 * 365 * 24 * 60 * 60

    /// How far `notBefore` is set into the past, so that a certificate made a moment ago
    /// is already valid for a peer whose clock is slightly behind ours.
    static let clockSkewAllowance: TimeInterval = 5 * 60

    /// Generates a new CA with a fresh key.
    ///
    /// The certificate carries basicConstraints `CA:true, pathlen:0` (critical: it signs
    /// leaves only), keyUsage `keyCertSign, cRLSign` (critical) and a subject key identifier
    /// that issued certificates reference through their authority key identifier.
    ///
    /// - Parameters:
    ///   - commonName: the CA's subject CN, shown by `openssl x509 -text` and in TLS errors.
    ///   - validity: how long the CA is valid from `now`.
    ///   - now: the issuing time; a parameter so tests can make expired CAs.
    public static func generate(
        commonName: String = "astrolift-ca",
        validity: TimeInterval = defaultValidity,
        now: Date = Date()
    ) throws -> CertificateAuthority {
        guard !commonName.isEmpty else { throw PKIError.invalidArgument("the CA common name must not be empty") }
        guard validity > 0 else { throw PKIError.invalidValidity(validity) }
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let certificate: Certificate
        do {
            let name = try DistinguishedName { CommonName(commonName) }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: publicKey)
            }
            certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: publicKey,
                notValidBefore: now - clockSkewAllowance,
                notValidAfter: now + validity,
                issuer: name,
                subject: name,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: Certificate.PrivateKey(key)
            )
        } catch {
            throw PKIError.certificateCreationFailed(reason: "CA '\(commonName)': \(error)")
        }
        return try CertificateAuthority(certificate: certificate, privateKey: key)
    }

    /// Wraps an existing CA certificate and key.
    ///
    /// - Throws: ``PKIError/keyDoesNotMatchCertificate(what:)`` if the key is not the
    ///   certificate's, ``PKIError/notACertificateAuthority(subject:)`` if basicConstraints
    ///   does not say `CA:true`.
    public init(certificate: Certificate, privateKey: P256.Signing.PrivateKey) throws {
        let subject = "\(certificate.subject)"
        guard certificate.publicKey == Certificate.PublicKey(privateKey.publicKey) else {
            throw PKIError.keyDoesNotMatchCertificate(what: "CA \(subject)")
        }
        let constraints: BasicConstraints?
        do {
            constraints = try certificate.extensions.basicConstraints
        } catch {
            throw PKIError.invalidPEM(what: "CA \(subject)", reason: "unreadable basicConstraints: \(error)")
        }
        guard case .isCertificateAuthority = constraints else {
            throw PKIError.notACertificateAuthority(subject: subject)
        }
        self.certificate = certificate
        self.privateKey = privateKey
        self.certificatePEM = try certificate.pemString(what: "CA \(subject)")
        self.privateKeyPEM = PrivateKeyPEM.pkcs8(privateKey)
    }

    /// Loads a CA from PEM text; the key may be PKCS#8 or SEC1.
    ///
    /// - Parameter what: names the CA in error messages (e.g. the directory it came from).
    public init(certificatePEM: String, privateKeyPEM: String, what: String = "CA") throws {
        let certificate = try Certificate.parsePEM(certificatePEM, what: "\(what) certificate")
        let key = try PrivateKeyPEM.parse(privateKeyPEM, what: "\(what) key")
        try self.init(certificate: certificate, privateKey: key)
    }

    /// The CA key as SEC1 PEM (`EC PRIVATE KEY`).
    public func sec1PrivateKeyPEM() throws -> String {
        try PrivateKeyPEM.sec1(privateKey)
    }

    /// The subject key identifier that issued certificates name as their authority key
    /// identifier; derived from the key when a loaded CA lacks the extension.
    var keyIdentifier: ArraySlice<UInt8> {
        if let ski = try? certificate.extensions.subjectKeyIdentifier {
            return ski.keyIdentifier
        }
        return SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier
    }

    /// Whether `leaf` chains to this CA under RFC 5280 rules (signature, validity at `time`,
    /// CA constraints), using swift-certificates' `Verifier`.
    public func validates(_ leaf: Certificate, at time: Date = Date()) async -> Bool {
        var verifier = Verifier(rootCertificates: CertificateStore([certificate])) {
            RFC5280Policy(fixedExpiryValidationTime: time)
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore())
        if case .validCertificate = result { return true }
        return false
    }

    /// Whether this CA's key signed `certificate`. Cheaper than ``validates(_:at:)``; used to
    /// decide whether a serving certificate on disk still belongs to the current CA.
    public func signed(_ certificate: Certificate) -> Bool {
        certificate.issuer == self.certificate.subject
            && self.certificate.publicKey.isValidSignature(certificate.signature, for: certificate)
    }
}
