import Crypto
import Foundation
import KubePKI
import SwiftASN1
import Testing
import X509

@Suite("KubePKI client certificate identity")
struct CertificateIdentityTests {
    static func commonName(of certificate: Certificate) -> String? {
        certificate.subject.flatMap { $0 }.first { $0.type == .RDNAttributeType.commonName }.flatMap {
            String($0.value)
        }
    }

    @Test func userWithoutGroups() throws {
        let ca = try CertificateAuthority.generate()
        let issued = try ca.issueClientCertificate(user: "system:serviceaccount:ns:sa")
        let identity = try CertificateIdentity(certificate: issued.certificate)
        #expect(identity.user == "system:serviceaccount:ns:sa")
        #expect(identity.groups.isEmpty)
    }

    @Test func fromDER() throws {
        let ca = try CertificateAuthority.generate()
        let issued = try ca.issueClientCertificate(user: "carol", groups: ["g1"])
        var serializer = DER.Serializer()
        try serializer.serialize(issued.certificate)
        #expect(
            try CertificateIdentity(derBytes: serializer.serializedBytes)
                == CertificateIdentity(user: "carol", groups: ["g1"]))
    }

    @Test func certificateWithoutCommonNameIsRejected() throws {
        // A CA certificate whose only subject attribute is an O would name no user.
        let ca = try CertificateAuthority.generate()
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { OrganizationName("only-org") }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: Date(), notValidAfter: Date().addingTimeInterval(60),
            issuer: ca.certificate.subject, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(),
            issuerPrivateKey: Certificate.PrivateKey(ca.privateKey)
        )
        #expect(throws: PKIError.missingCommonName) { try CertificateIdentity(certificate: certificate) }
    }
}
