import Crypto
import Foundation
import KubePKI
import SwiftASN1
import Testing
import X509

@Suite("KubePKI certificate authority")
struct CertificateAuthorityTests {
    @Test func generatedCAHasCAExtensions() throws {
        let now = Date()
        let ca = try CertificateAuthority.generate(commonName: "unit-ca", now: now)
        let certificate = ca.certificate
        #expect(CertificateIdentityTests.commonName(of: certificate) == "unit-ca")
        #expect(certificate.issuer == certificate.subject)
        let constraints = try #require(try certificate.extensions.basicConstraints)
        #expect(constraints == .isCertificateAuthority(maxPathLength: 0))
        let basicConstraintsExtension = try #require(certificate.extensions[oid: .X509ExtensionID.basicConstraints])
        #expect(basicConstraintsExtension.critical)
        let usage = try #require(try certificate.extensions.keyUsage)
        #expect(usage.keyCertSign && usage.cRLSign && !usage.digitalSignature)
        #expect(try certificate.extensions.subjectKeyIdentifier != nil)
        // Default validity: ten years from now (notBefore is back-dated for clock skew).
        let years = certificate.notValidAfter.timeIntervalSince(now) / (365 * 24 * 3600)
        #expect(abs(years - 10) < 0.01)
        #expect(certificate.notValidBefore < now)
    }

    @Test func serverCertificateChainsToCAWithSANsAndServerAuth() async throws {
        let ca = try CertificateAuthority.generate()
        let issued = try ca.issueServerCertificate(
            dnsNames: ["localhost", "api.test"], ipAddresses: ["127.0.0.1", "::1"])
        let certificate = issued.certificate

        #expect(await ca.validates(certificate))
        #expect(ca.signed(certificate))
        #expect(certificate.issuer == ca.certificate.subject)

        let sans = try #require(try certificate.extensions.subjectAlternativeNames)
        let names = Array(sans)
        #expect(names.contains(.dnsName("localhost")))
        #expect(names.contains(.dnsName("api.test")))
        #expect(names.contains(.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))))
        #expect(names.contains(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(IPAddress.loopbackV6.bytes)))))

        let eku = try #require(try certificate.extensions.extendedKeyUsage)
        #expect(Array(eku) == [.serverAuth])
        let aki = try #require(try certificate.extensions.authorityKeyIdentifier)
        let caSKI = try #require(try ca.certificate.extensions.subjectKeyIdentifier)
        #expect(aki.keyIdentifier == caSKI.keyIdentifier)
        #expect(try certificate.extensions.basicConstraints == .notCertificateAuthority)
    }

    @Test func serverCertificateDoesNotValidateAgainstAnotherCA() async throws {
        let ca = try CertificateAuthority.generate()
        let other = try CertificateAuthority.generate(commonName: "other-ca")
        let issued = try ca.issueServerCertificate()
        #expect(await other.validates(issued.certificate) == false)
        #expect(other.signed(issued.certificate) == false)
    }

    @Test func expiredLeafDoesNotValidate() async throws {
        let ca = try CertificateAuthority.generate()
        let issued = try ca.issueServerCertificate(validity: 60)
        #expect(await ca.validates(issued.certificate, at: Date().addingTimeInterval(3600)) == false)
    }

    @Test func clientCertificateCarriesUserAndGroups() async throws {
        let ca = try CertificateAuthority.generate()
        let issued = try ca.issueClientCertificate(user: "alice", groups: ["system:masters", "devs"])
        #expect(await ca.validates(issued.certificate))
        let identity = try CertificateIdentity(certificate: issued.certificate)
        #expect(identity == CertificateIdentity(user: "alice", groups: ["system:masters", "devs"]))
        let eku = try #require(try issued.certificate.extensions.extendedKeyUsage)
        #expect(Array(eku) == [.clientAuth])
        #expect(try CertificateIdentity(pemEncoded: issued.certificatePEM) == identity)
    }

    @Test func pemRoundTripPreservesCAAndKeys() throws {
        let ca = try CertificateAuthority.generate(commonName: "round-trip")
        #expect(ca.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
        #expect(ca.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let loaded = try CertificateAuthority(certificatePEM: ca.certificatePEM, privateKeyPEM: ca.privateKeyPEM)
        #expect(loaded.certificate == ca.certificate)
        #expect(loaded.privateKey.rawRepresentation == ca.privateKey.rawRepresentation)

        // SEC1 ("EC PRIVATE KEY") loads to the same key.
        let sec1 = try ca.sec1PrivateKeyPEM()
        #expect(sec1.hasPrefix("-----BEGIN EC PRIVATE KEY-----"))
        let fromSEC1 = try CertificateAuthority(certificatePEM: ca.certificatePEM, privateKeyPEM: sec1)
        #expect(fromSEC1.privateKey.rawRepresentation == ca.privateKey.rawRepresentation)

        let leaf = try loaded.issueClientCertificate(user: "bob")
        let leafLoaded = try IssuedCertificate(
            certificatePEM: leaf.certificatePEM, privateKeyPEM: try leaf.sec1PrivateKeyPEM())
        #expect(leafLoaded.certificate == leaf.certificate)
        #expect(ca.signed(leafLoaded.certificate))
    }

    @Test func mismatchedKeyIsRejected() throws {
        let ca = try CertificateAuthority.generate()
        let other = try CertificateAuthority.generate()
        #expect(throws: PKIError.self) {
            try CertificateAuthority(certificatePEM: ca.certificatePEM, privateKeyPEM: other.privateKeyPEM)
        }
        let leaf = try ca.issueServerCertificate()
        #expect(throws: PKIError.keyDoesNotMatchCertificate(what: "certificate")) {
            try IssuedCertificate(certificatePEM: leaf.certificatePEM, privateKeyPEM: other.privateKeyPEM)
        }
    }

    @Test func leafCannotBeLoadedAsCA() throws {
        let ca = try CertificateAuthority.generate()
        let leaf = try ca.issueServerCertificate()
        #expect(throws: PKIError.self) {
            try CertificateAuthority(certificatePEM: leaf.certificatePEM, privateKeyPEM: leaf.privateKeyPEM)
        }
    }

    @Test func invalidInputsGiveTypedErrors() throws {
        let ca = try CertificateAuthority.generate()
        #expect(throws: PKIError.invalidIPAddress("300.1.1.1")) {
            try ca.issueServerCertificate(ipAddresses: ["300.1.1.1"])
        }
        #expect(throws: PKIError.invalidValidity(0)) {
            try ca.issueClientCertificate(user: "x", validity: 0)
        }
        #expect(throws: PKIError.self) { try ca.issueClientCertificate(user: "") }
        #expect(throws: PKIError.self) {
            try PrivateKeyPEM.parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        }
        #expect(throws: PKIError.self) { try PrivateKeyPEM.parse("not pem") }
        #expect(PKIError.invalidIPAddress("x").description.contains("'x'"))
    }

    @Test func leafNeverOutlivesCA() throws {
        let ca = try CertificateAuthority.generate(validity: 3600)
        let leaf = try ca.issueServerCertificate(validity: 365 * 24 * 3600)
        #expect(leaf.certificate.notValidAfter <= ca.certificate.notValidAfter)
    }

    @Test func ipAddressesParseAndPrint() throws {
        #expect(try IPAddress("127.0.0.1").bytes == [127, 0, 0, 1])
        #expect(try IPAddress("0:0::1") == IPAddress.loopbackV6)
        #expect(IPAddress.loopbackV6.description == "::1")
        #expect(try IPAddress("10.1.2.3").description == "10.1.2.3")
        #expect(throws: PKIError.self) { try IPAddress("localhost") }
        #expect(throws: PKIError.self) { try IPAddress("fe80::1%eth0") }
    }
}
