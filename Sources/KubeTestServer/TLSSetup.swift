import KubePKI
import NIOSSL

/// Builds the server's TLS context from KubePKI material.
enum TLSSetup {
    static func makeContext(
        ca: CertificateAuthority,
        serving: IssuedCertificate,
        clientCertificates: TestServerConfiguration.ClientCertificates
    ) throws -> NIOSSLContext {
        do {
            let certificate = try NIOSSLCertificate(bytes: Array(serving.certificatePEM.utf8), format: .pem)
            let key = try NIOSSLPrivateKey(bytes: Array(serving.privateKeyPEM.utf8), format: .pem)
            let caCertificate = try NIOSSLCertificate(bytes: Array(ca.certificatePEM.utf8), format: .pem)
            // Only the leaf is sent: clients are expected to hold the CA, as with a real
            // cluster's `certificate-authority-data`.
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: [.certificate(certificate)],
                privateKey: .privateKey(key)
            )
            configuration.minimumTLSVersion = .tlsv12
            // Do not hold a closing connection open waiting for the client's close_notify.
            configuration.shutdownTimeout = .milliseconds(100)
            switch clientCertificates {
            case .none:
                configuration.certificateVerification = .none
            case .optional:
                configuration.certificateVerification = .optionalVerification
            case .required:
                // Hostname checks make no sense for client certificates.
                configuration.certificateVerification = .noHostnameVerification
            }
            if clientCertificates != .none {
                configuration.trustRoots = .certificates([caCertificate])
                // Tell clients which CA we accept, so those holding several
                // certificates (browsers, `openssl s_client`) pick the right one.
                configuration.sendCANameList = true
            }
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw TestServerError.tlsSetupFailed(reason: "\(error)")
        }
    }
}
