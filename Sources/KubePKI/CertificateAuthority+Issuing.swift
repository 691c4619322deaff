import Crypto
import Foundation
import SwiftASN1
import X509

extension CertificateAuthority {
    /// One year: the lifetime kubeadm gives its leaf certificates.
    public static let defaultLeafValidity: TimeInterval = 365 * 24 * 60 * 60

    /// Issues a TLS server certificate for the given names.
    ///
    /// The certificate carries the DNS names and IP addresses as subject alternative names
    /// (clients match only SANs, never the CN), extendedKeyUsage `serverAuth`, keyUsage
    /// `digitalSignature` and an authority key identifier pointing at this CA.
    ///
    /// - Parameters:
    ///   - commonName: the subject CN; informational only.
    ///   - dnsNames: DNS SANs, e.g. `localhost`.
    ///   - ipAddresses: IP SANs as text, e.g. `127.0.0.1`, `::1`.
    ///   - validity: lifetime from `now`.
    /// - Throws: ``PKIError/invalidIPAddress(_:)`` for a malformed address,
    ///   ``PKIError/invalidArgument(_:)`` when no name at all is given.
    public func issueServerCertificate(
        commonName: String = "astrolift-apiserver",
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1", "::1"],
        validity: TimeInterval = defaultLeafValidity,
        now: Date = Date()
    ) throws -> IssuedCertificate {
        let ips = try ipAddresses.map(IPAddress.init)
        guard !dnsNames.isEmpty || !ips.isEmpty else {
            throw PKIError.invalidArgument("a server certificate needs at least one DNS name or IP address")
        }
        let names: [GeneralName] =
            dnsNames.map { .dnsName($0) } + ips.map { .ipAddress(ASN1OctetString(contentBytes: ArraySlice($0.bytes))) }
        return try issueLeaf(
            subject: { try DistinguishedName { CommonName(commonName) } },
            usage: .serverAuth,
            subjectAlternativeNames: SubjectAlternativeNames(names),
            validity: validity,
            now: now,
            what: "server certificate '\(commonName)'"
        )
    }

    /// Issues a TLS client certificate that a Kubernetes API server maps to a user:
    /// the subject CN is the user name and each subject O is a group
    /// (e.g. `O=system:masters` for cluster-admin).
    ///
    /// - Throws: ``PKIError/invalidArgument(_:)`` for an empty user or group name.
    public func issueClientCertificate(
        user: String,
        groups: [String] = [],
        validity: TimeInterval = defaultLeafValidity,
        now: Date = Date()
    ) throws -> IssuedCertificate {
        guard !user.isEmpty else { throw PKIError.invalidArgument("a client certificate needs a user name") }
        guard !groups.contains(where: \.isEmpty) else {
            throw PKIError.invalidArgument("client certificate group names must not be empty")
        }
        return try issueLeaf(
            subject: {
                // One RDN per group, groups first, CN last: the layout kubeadm and
                // `openssl req -subj "/O=g/CN=u"` produce.
                var rdns = groups.map {
                    RelativeDistinguishedName(.init(type: .RDNAttributeType.organizationName, utf8String: $0))
                }
                rdns.append(RelativeDistinguishedName(.init(type: .RDNAttributeType.commonName, utf8String: user)))
                return DistinguishedName(rdns)
            },
            usage: .clientAuth,
            subjectAlternativeNames: nil,
            validity: validity,
            now: now,
            what: "client certificate for '\(user)'"
        )
    }

    private func issueLeaf(
        subject: () throws -> DistinguishedName,
        usage: ExtendedKeyUsage.Usage,
        subjectAlternativeNames: SubjectAlternativeNames?,
        validity: TimeInterval,
        now: Date,
        what: String
    ) throws -> IssuedCertificate {
        guard validity > 0 else { throw PKIError.invalidValidity(validity) }
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        // A leaf must not outlive its issuer: verifiers reject the chain after the CA expires anyway.
        let notAfter = min(now + validity, certificate.notValidAfter)
        guard notAfter > now else {
            throw PKIError.certificateCreationFailed(
                reason: "\(what): the CA expired at \(certificate.notValidAfter)"
            )
        }
        let certificate: Certificate
        do {
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([usage])
                SubjectKeyIdentifier(hash: publicKey)
                AuthorityKeyIdentifier(keyIdentifier: keyIdentifier)
                if let subjectAlternativeNames {
                    subjectAlternativeNames
                }
            }
            certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: publicKey,
                notValidBefore: now - Self.clockSkewAllowance,
                notValidAfter: notAfter,
                issuer: self.certificate.subject,
                subject: subject(),
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: Certificate.PrivateKey(privateKey)
            )
        } catch {
            throw PKIError.certificateCreationFailed(reason: "\(what): \(error)")
        }
        return try IssuedCertificate(certificate: certificate, privateKey: key)
    }
}
