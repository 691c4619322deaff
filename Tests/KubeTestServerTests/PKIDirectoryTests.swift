import Foundation
import KubePKI
import Testing

@Suite("KubePKI directory reuse")
struct PKIDirectoryTests {
    private func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func createsThenReusesCAAndServingCertificate() throws {
        let temporary = try TemporaryDirectory()
        let directory = PKIDirectory(url: temporary.url.appendingPathComponent("pki"))

        let first = try directory.loadOrCreate()
        #expect(first.generatedCA && first.issuedServing)
        #expect(try permissions(directory.path(PKIDirectory.caKeyFile)) == 0o600)
        #expect(try permissions(directory.path(PKIDirectory.servingKeyFile)) == 0o600)
        #expect(try permissions(directory.path(PKIDirectory.caCertificateFile)) == 0o644)
        #expect(try permissions(directory.url.path) == 0o700)
        #expect(first.ca.signed(first.serving.certificate))

        let second = try directory.loadOrCreate()
        #expect(!second.generatedCA && !second.issuedServing)
        #expect(second.ca.certificate == first.ca.certificate)
        #expect(second.serving.certificate == first.serving.certificate)
    }

    @Test func newSANReissuesServingButKeepsCA() throws {
        let temporary = try TemporaryDirectory()
        let directory = PKIDirectory(url: temporary.url)
        let first = try directory.loadOrCreate()

        let wider = ServingCertificateRequest(
            dnsNames: ["localhost", "dev.internal"], ipAddresses: ["127.0.0.1", "::1", "10.0.0.5"])
        let second = try directory.loadOrCreate(wider)
        #expect(!second.generatedCA && second.issuedServing)
        #expect(second.ca.certificate == first.ca.certificate)
        #expect(try wider.isCovered(by: second.serving.certificate))

        // A narrower request is still covered by the wider certificate: reuse.
        let third = try directory.loadOrCreate(ServingCertificateRequest(ipAddresses: ["0:0:0:0:0:0:0:1"]))
        #expect(!third.issuedServing)
        #expect(third.serving.certificate == second.serving.certificate)
    }

    @Test func servingCertificateNearExpiryIsReissued() throws {
        let temporary = try TemporaryDirectory()
        let directory = PKIDirectory(url: temporary.url)
        let request = ServingCertificateRequest(servingValidity: 30 * 24 * 3600, renewBefore: 7 * 24 * 3600)
        let first = try directory.loadOrCreate(request)
        let later = try directory.loadOrCreate(request, now: Date().addingTimeInterval(25 * 24 * 3600))
        #expect(!later.generatedCA && later.issuedServing)
        #expect(later.serving.certificate != first.serving.certificate)
    }

    @Test func expiredCAIsReplacedTogetherWithServing() throws {
        let temporary = try TemporaryDirectory()
        let directory = PKIDirectory(url: temporary.url)
        let request = ServingCertificateRequest(caValidity: 3600, renewBefore: 60)
        let first = try directory.loadOrCreate(request)
        let later = try directory.loadOrCreate(request, now: Date().addingTimeInterval(7200))
        #expect(later.generatedCA && later.issuedServing)
        #expect(later.ca.certificate != first.ca.certificate)
        #expect(later.ca.signed(later.serving.certificate))
    }

    @Test func servingFromAnotherCAIsReplaced() throws {
        let temporary = try TemporaryDirectory()
        let directory = PKIDirectory(url: temporary.url)
        _ = try directory.loadOrCreate()
        let stranger = try CertificateAuthority.generate().issueServerCertificate()
        try directory.write(serving: stranger)
        let bundle = try directory.loadOrCreate()
        #expect(!bundle.generatedCA && bundle.issuedServing)
        #expect(bundle.ca.signed(bundle.serving.certificate))
    }

    @Test func corruptServingFilesAreReplacedButCorruptCAIsAnError() throws {
        let temporary = try TemporaryDirectory()
        let directory = PKIDirectory(url: temporary.url)
        _ = try directory.loadOrCreate()
        try temporary.write(PKIDirectory.servingCertificateFile, "garbage")
        #expect(try directory.loadOrCreate().issuedServing)

        try temporary.write(PKIDirectory.caKeyFile, "garbage")
        #expect(throws: PKIError.self) { try directory.loadOrCreate() }
    }

    @Test func halfAKeyPairIsAnError() throws {
        let temporary = try TemporaryDirectory()
        let directory = PKIDirectory(url: temporary.url)
        let ca = try CertificateAuthority.generate()
        try temporary.write(PKIDirectory.caCertificateFile, ca.certificatePEM)
        #expect(
            throws: PKIError.incompleteKeyPair(
                present: directory.path(PKIDirectory.caCertificateFile), missing: directory.path(PKIDirectory.caKeyFile)
            )
        ) {
            try directory.loadOrCreate()
        }
    }

    @Test func loadsKeysWrittenBySEC1Tools() throws {
        let temporary = try TemporaryDirectory()
        let directory = PKIDirectory(url: temporary.url)
        let ca = try CertificateAuthority.generate()
        try temporary.write(PKIDirectory.caCertificateFile, ca.certificatePEM)
        try temporary.write(PKIDirectory.caKeyFile, try ca.sec1PrivateKeyPEM())
        let bundle = try directory.loadOrCreate()
        #expect(!bundle.generatedCA)
        #expect(bundle.ca.certificate == ca.certificate)
    }
}
