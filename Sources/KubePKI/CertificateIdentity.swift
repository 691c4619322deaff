import Foundation
import X509

/// The user and groups a client certificate names, read the way the Kubernetes API server
/// reads them: the subject common name (CN) is the user name, and every organization (O)
/// is a group.
public struct CertificateIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The subject CN.
    public var user: String
    /// The subject O values, in certificate order.
    public var groups: [String]

    /// Creates an identity directly (for comparisons in tests).
    public init(user: String, groups: [String] = []) {
        self.user = user
        self.groups = groups
    }

    /// Reads the identity from a parsed certificate.
    ///
    /// - Throws: ``PKIError/missingCommonName`` when the subject has no non-empty CN.
    ///   If several CNs are present the last one wins, as in Go's `pkix.Name`, which the
    ///   API server uses.
    public init(certificate: Certificate) throws {
        var user: String?
        var groups: [String] = []
        for rdn in certificate.subject {
            for attribute in rdn {
                // Values that are not strings (a rare ASN1Any) cannot name a user or group.
                guard let value = String(attribute.value) else { continue }
                switch attribute.type {
                case .RDNAttributeType.commonName: user = value
                case .RDNAttributeType.organizationName: groups.append(value)
                default: break
                }
            }
        }
        guard let user, !user.isEmpty else { throw PKIError.missingCommonName }
        self.init(user: user, groups: groups)
    }

    /// Reads the identity from a DER-encoded certificate, as TLS libraries hand it over.
    public init(derBytes: [UInt8]) throws {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: derBytes)
        } catch {
            throw PKIError.invalidPEM(what: "client certificate", reason: "not a DER certificate: \(error)")
        }
        try self.init(certificate: certificate)
    }

    /// Reads the identity from a PEM certificate.
    public init(pemEncoded pem: String) throws {
        try self.init(certificate: Certificate.parsePEM(pem, what: "client certificate"))
    }

    public var description: String {
        groups.isEmpty ? user : "\(user) (groups: \(groups.joined(separator: ", ")))"
    }
}
