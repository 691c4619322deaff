import Foundation
import KubeConfig
import NIOSSL

/// Turns a `ClusterConnection`'s TLS fields into a NIOSSL client configuration.
enum TLSSetup {
    static func configuration(for connection: ClusterConnection) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        // NIOSSL waits up to 5 s for the peer's close_notify when a connection closes; a server
        // busy streaming a watch may never send one. Go clients (kubectl) do not wait at all.
        tls.shutdownTimeout = .milliseconds(100)
        if connection.insecureSkipTLSVerify {
            tls.certificateVerification = .none
        } else if let caPEM = connection.certificateAuthorityPEM {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMBytes(caPEM)
            } catch {
                throw KubeClientError(
                    .configuration,
                    "certificate-authority of \(connection.origin) is not a valid PEM certificate bundle: fix or replace it"
                )
            }
            if roots.isEmpty {
                throw KubeClientError(
                    .configuration,
                    "certificate-authority of \(connection.origin) holds no PEM certificate: fix or replace it")
            }
            // The cluster CA replaces the system store, as kubectl does.
            tls.trustRoots = .certificates(roots)
        }
        switch (connection.clientCertificatePEM, connection.clientKeyPEM) {
        case (let cert?, let key?):
            let chain: [NIOSSLCertificate]
            do {
                chain = try NIOSSLCertificate.fromPEMBytes(cert)
            } catch {
                throw KubeClientError(
                    .configuration,
                    "client-certificate of \(connection.origin) is not a valid PEM certificate: fix or replace it")
            }
            guard !chain.isEmpty else {
                throw KubeClientError(
                    .configuration, "client-certificate of \(connection.origin) holds no PEM certificate")
            }
            let privateKey: NIOSSLPrivateKey
            do {
                privateKey = try NIOSSLPrivateKey(bytes: key, format: .pem)
            } catch {
                throw KubeClientError(
                    .configuration,
                    "client-key of \(connection.origin) is not a valid PEM private key: fix or replace it")
            }
            tls.certificateChain = chain.map { .certificate($0) }
            tls.privateKey = .privateKey(privateKey)
        case (nil, nil):
            break
        case (.some, nil):
            throw KubeClientError(
                .configuration, "\(connection.origin) has a client-certificate but no client-key: add the key")
        case (nil, .some):
            throw KubeClientError(
                .configuration, "\(connection.origin) has a client-key but no client-certificate: add the certificate")
        }
        return tls
    }
}
