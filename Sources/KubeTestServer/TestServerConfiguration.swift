import KubePKI
import NIOCore

/// How a ``TestServer`` listens, what TLS it offers and whom it lets in.
public struct TestServerConfiguration: Sendable {
    /// Whether the TLS handshake asks for a client certificate.
    public enum ClientCertificates: Sendable, Hashable {
        /// No client certificate is requested.
        case none
        /// A client certificate is requested; one that is presented must chain to the
        /// server's CA, but a client without one is let in (then tokens may identify it).
        case optional
        /// The handshake fails unless the client presents a certificate from the server's CA.
        case required
    }

    /// The address to bind; loopback only, so tests never listen on a real network.
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free ephemeral port (see ``TestServer/port``).
    public var port: Int = 0
    /// The CA that signs the serving certificate and, with mutual TLS, verifies client
    /// certificates. `nil` generates a fresh one (``TestServer/certificateAuthority``).
    public var certificateAuthority: CertificateAuthority?
    /// DNS names in the serving certificate.
    public var dnsNames: [String] = ["localhost"]
    /// IP addresses in the serving certificate.
    public var ipAddresses: [String] = ["127.0.0.1", "::1"]
    /// Client-certificate (mutual TLS) mode.
    public var clientCertificates: ClientCertificates = .none
    /// Bearer tokens the server accepts, each naming a user. `nil` turns token
    /// authentication off: `Authorization` headers are ignored and unidentified callers
    /// reach the handler anonymously. With a table, every request must be identified by a
    /// verified client certificate or a listed token, or it gets a 401 `Status`.
    public var bearerTokens: [String: TestUser]?
    /// Request bodies larger than this are refused with 413, so a runaway client cannot
    /// exhaust memory in a test run.
    public var maxBodySize: Int = 32 * 1024 * 1024
    /// The event loops to run on. `nil` makes a one-thread group that ``TestServer/shutdown()``
    /// shuts down, so no threads outlive a test.
    public var eventLoopGroup: (any EventLoopGroup)?

    /// The defaults: TLS on 127.0.0.1, an ephemeral port, a fresh CA, no client
    /// certificates, no authentication.
    public init() {}

    /// A configuration with the commonly varied settings.
    public init(
        clientCertificates: ClientCertificates = .none,
        bearerTokens: [String: TestUser]? = nil,
        certificateAuthority: CertificateAuthority? = nil
    ) {
        self.clientCertificates = clientCertificates
        self.bearerTokens = bearerTokens
        self.certificateAuthority = certificateAuthority
    }
}
