import Foundation
import KubePKI
import Testing

/// Checks the PEM output with independent implementations: OpenSSL's command line and
/// Python's `ssl` module (the same OpenSSL that kubectl-adjacent tooling and our Python
/// clients use). Skipped where the tools are missing.
@Suite("KubePKI interoperability")
struct PKIInteropTests {
    @Test(.enabled(if: ExternalTool.path("openssl") != nil))
    func opensslVerifiesServerAndClientCertificates() async throws {
        let openssl = try #require(ExternalTool.path("openssl"))
        let files = try TemporaryDirectory()
        let ca = try CertificateAuthority.generate(commonName: "interop-ca")
        let server = try ca.issueServerCertificate(dnsNames: ["localhost"], ipAddresses: ["127.0.0.1", "::1"])
        let client = try ca.issueClientCertificate(user: "alice", groups: ["devs", "ops"])
        let caPath = try files.write("ca.crt", ca.certificatePEM)
        let serverPath = try files.write("server.crt", server.certificatePEM)
        let clientPath = try files.write("client.crt", client.certificatePEM)

        let serverCheck = try await ExternalTool.run(
            openssl, ["verify", "-CAfile", caPath, "-purpose", "sslserver", serverPath]
        )
        #expect(serverCheck.exitCode == 0, "\(serverCheck.stdout)\(serverCheck.stderr)")
        let clientCheck = try await ExternalTool.run(
            openssl, ["verify", "-CAfile", caPath, "-purpose", "sslclient", clientPath]
        )
        #expect(clientCheck.exitCode == 0, "\(clientCheck.stdout)\(clientCheck.stderr)")
        // A client certificate must not pass as a server certificate (EKU is enforced).
        let wrongPurpose = try await ExternalTool.run(
            openssl, ["verify", "-CAfile", caPath, "-purpose", "sslserver", clientPath]
        )
        #expect(wrongPurpose.exitCode != 0)

        let text = try await ExternalTool.run(openssl, ["x509", "-noout", "-text", "-in", serverPath])
        #expect(text.stdout.contains("DNS:localhost"))
        #expect(text.stdout.contains("IP Address:127.0.0.1"))
        #expect(text.stdout.contains("IP Address:0:0:0:0:0:0:0:1"))
        #expect(text.stdout.contains("TLS Web Server Authentication"))
        #expect(text.stdout.contains("Authority Key Identifier"))

        let caText = try await ExternalTool.run(openssl, ["x509", "-noout", "-text", "-in", caPath])
        #expect(caText.stdout.contains("CA:TRUE"))
        #expect(caText.stdout.contains("Certificate Sign, CRL Sign"))

        let subject = try await ExternalTool.run(
            openssl, ["x509", "-noout", "-subject", "-nameopt", "RFC2253", "-in", clientPath]
        )
        #expect(subject.stdout.contains("CN=alice,O=ops,O=devs"))
    }

    @Test(.enabled(if: ExternalTool.path("openssl") != nil))
    func opensslReadsBothKeyEncodings() async throws {
        let openssl = try #require(ExternalTool.path("openssl"))
        let files = try TemporaryDirectory()
        let issued = try CertificateAuthority.generate().issueClientCertificate(user: "k")
        for (name, pem) in [("pkcs8.key", issued.privateKeyPEM), ("sec1.key", try issued.sec1PrivateKeyPEM())] {
            let path = try files.write(name, pem)
            let check = try await ExternalTool.run(openssl, ["pkey", "-in", path, "-noout"])
            #expect(check.exitCode == 0, "\(name): \(check.stderr)")
            let ec = try await ExternalTool.run(openssl, ["ec", "-in", path, "-check", "-noout"])
            #expect(ec.exitCode == 0, "\(name): \(ec.stderr)")
        }
    }

    @Test(.enabled(if: ExternalTool.path("python3") != nil))
    func pythonSSLLoadsCertificateWithEitherKeyEncoding() async throws {
        let python = try #require(ExternalTool.path("python3"))
        let files = try TemporaryDirectory()
        let ca = try CertificateAuthority.generate()
        let issued = try ca.issueClientCertificate(user: "py")
        let certificatePath = try files.write("client.crt", issued.certificatePEM)
        let caPath = try files.write("ca.crt", ca.certificatePEM)
        let script = """
            import ssl, sys
            context = ssl.create_default_context(cafile=sys.argv[1])
            context.load_cert_chain(sys.argv[2], sys.argv[3])
            print("ok")
            """
        for (name, pem) in [("pkcs8.key", issued.privateKeyPEM), ("sec1.key", try issued.sec1PrivateKeyPEM())] {
            let keyPath = try files.write(name, pem)
            let result = try await ExternalTool.run(python, ["-c", script, caPath, certificatePath, keyPath])
            #expect(result.exitCode == 0 && result.stdout == "ok\n", "\(name): \(result.stderr)")
        }
    }
}
