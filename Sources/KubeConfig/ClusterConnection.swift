import Foundation

/// Everything needed to talk to one API server, resolved from a kubeconfig
/// context or from the in-cluster environment. Holds no network state.
public struct ClusterConnection: Sendable {
    /// The API server's base URL, e.g. `https://127.0.0.1:6443` (a path prefix is allowed).
    public var server: URL
    /// PEM bundle of CAs to trust instead of the system store; `nil` means the system store.
    public var certificateAuthorityPEM: [UInt8]?
    /// Skip server certificate verification (kubeconfig `insecure-skip-tls-verify`).
    public var insecureSkipTLSVerify: Bool
    /// Name to verify the server certificate against (kubeconfig `tls-server-name`).
    public var tlsServerName: String?
    /// PEM client certificate (chain) and key for mutual TLS.
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?
    /// Where bearer tokens come from; `nil` for none.
    public var credentials: (any CredentialProvider)?
    /// The namespace commands use when none is given.
    public var namespace: String
    /// Where this came from, for messages: `kubeconfig /path (context "x")` or `in-cluster`.
    public var origin: String
    /// The context name, when loaded from a kubeconfig.
    public var contextName: String?

    public init(
        server: URL, certificateAuthorityPEM: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false,
        tlsServerName: String? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil,
        credentials: (any CredentialProvider)? = nil, namespace: String = "default", origin: String = "",
        contextName: String? = nil
    ) {
        self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.credentials = credentials
        self.namespace = namespace
        self.origin = origin
        self.contextName = contextName
    }
}

/// A source of bearer tokens. Implementations cache; the client calls
/// ``invalidate()`` after a 401 so the next ``token()`` fetches a fresh one.
public protocol CredentialProvider: Sendable {
    /// The current bearer token (without the `Bearer ` prefix), or `nil` to send none.
    func token() async throws -> String?
    /// Forgets any cached token, e.g. after the server answered 401.
    func invalidate() async
}

/// A fixed token (kubeconfig `token`).
public struct StaticTokenProvider: CredentialProvider {
    private let value: String
    public init(token: String) { self.value = token }
    public func token() async throws -> String? { value }
    public func invalidate() async {}
}
