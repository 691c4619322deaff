import Foundation
import KubeHTTPServer
import KubePKI
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A scriptable HTTPS server for integration tests of the Kubernetes client.
///
/// It is not an API server: every request goes to one handler closure that the test
/// writes, after the server has done TLS (optionally mutual), bearer-token
/// authentication and HTTP/1.1 framing (keep-alive, chunked streaming).
///
/// ```swift
/// let server = try await TestServer.start { request in
///     .json(["kind": "PodList"])
/// }
/// defer { Task { await server.shutdown() } }   // or use `TestServer.withServer`
/// ```
///
/// Always call ``shutdown()``: it closes the listening socket and every open connection
/// and, for a server that made its own event loop group, stops its thread.
public final class TestServer: Sendable {
    /// Answers one request; runs concurrently for requests on different connections.
    public typealias Handler = @Sendable (TestRequest) async -> TestResponse

    /// The port the server listens on (ephemeral unless configured).
    public let port: Int
    /// `https://127.0.0.1:<port>`, with no trailing slash.
    public let baseURL: URL
    /// The CA that signed the serving certificate and verifies client certificates.
    public let certificateAuthority: CertificateAuthority
    /// The serving certificate and key.
    public let servingCertificate: IssuedCertificate

    private let server: HTTPServer
    private let log: RequestLog

    /// The CA certificate as PEM, for `--cacert`, a kubeconfig or a client's trust store.
    public var caPEM: String { certificateAuthority.certificatePEM }

    private init(
        port: Int, baseURL: URL, certificateAuthority: CertificateAuthority, servingCertificate: IssuedCertificate,
        server: HTTPServer, log: RequestLog
    ) {
        self.port = port
        self.baseURL = baseURL
        self.certificateAuthority = certificateAuthority
        self.servingCertificate = servingCertificate
        self.server = server
        self.log = log
    }

    /// Starts a server and returns once it is listening.
    ///
    /// - Parameters:
    ///   - configuration: address, TLS and authentication settings.
    ///   - handler: answers every request that passes authentication.
    /// - Throws: ``TestServerError`` or a PKI/NIO error if the certificates cannot be made
    ///   or the port cannot be bound.
    public static func start(
        configuration: TestServerConfiguration = .init(),
        handler: @escaping Handler
    ) async throws -> TestServer {
        let ca =
            try configuration.certificateAuthority ?? CertificateAuthority.generate(commonName: "astrolift-test-ca")
        let serving = try ca.issueServerCertificate(
            commonName: "astrolift-test-server",
            dnsNames: configuration.dnsNames,
            ipAddresses: configuration.ipAddresses
        )
        let tls = try TLSSetup.makeContext(
            ca: ca, serving: serving, clientCertificates: configuration.clientCertificates)
        let log = RequestLog()
        let tokens = configuration.bearerTokens
        let server: HTTPServer
        do {
            server = try await HTTPServer.start(
                configuration: HTTPServer.Configuration(
                    host: configuration.host, port: configuration.port, tls: tls,
                    maxBodySize: configuration.maxBodySize, eventLoopGroup: configuration.eventLoopGroup)
            ) { request in
                let certificateIdentity = request.peerCertificate.map {
                    TestIdentity(user: $0.user, groups: $0.groups, method: .clientCertificate)
                }
                let outcome = Authenticator.authenticate(
                    token: request.bearerToken, certificateIdentity: certificateIdentity, tokens: tokens)
                var identity: TestIdentity?
                if case .authenticated(let who) = outcome { identity = who }
                let testRequest = TestRequest(
                    method: request.method, target: request.target, headers: request.headers, body: request.body,
                    identity: identity)
                log.append(
                    RecordedRequest(
                        method: testRequest.method, path: testRequest.path, query: testRequest.query,
                        identity: identity))
                if case .rejected(let message) = outcome {
                    return .status(code: 401, reason: .unauthorized, message: message)
                }
                return await handler(testRequest)
            }
        } catch let error as HTTPServerError {
            if case .bindFailed(let host, let port, let reason) = error {
                throw TestServerError.bindFailed(host: host, port: port, reason: reason)
            }
            throw error
        }
        guard let baseURL = Self.makeBaseURL(host: configuration.host, port: server.port) else {
            await server.shutdown()
            throw TestServerError.bindFailed(
                host: configuration.host, port: configuration.port, reason: "no URL for the bound address")
        }
        return TestServer(
            port: server.port, baseURL: baseURL, certificateAuthority: ca, servingCertificate: serving,
            server: server, log: log)
    }

    /// Runs `body` with a started server and shuts it down afterwards, even if `body` throws.
    public static func withServer<Result: Sendable>(
        configuration: TestServerConfiguration = .init(),
        handler: @escaping Handler,
        _ body: (TestServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(configuration: configuration, handler: handler)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// Stops the server: stops accepting, closes every open connection (ending streams
    /// without their terminating chunk), cancels running handlers, waits for them, and
    /// stops the event loop group if the server made it. Safe to call more than once.
    public func shutdown() async {
        await server.shutdown()
    }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] {
        log.all
    }

    /// How many requests for `path` (and `method`, if given) have arrived.
    public func requestCount(path: String, method: HTTPMethod? = nil) -> Int {
        log.count(path: path, method: method)
    }

    /// Forgets all recorded requests.
    public func resetRequestLog() {
        log.removeAll()
    }

    /// Issues a client certificate from this server's CA, for mutual-TLS tests.
    public func issueClientCertificate(user: String, groups: [String] = []) throws -> IssuedCertificate {
        try certificateAuthority.issueClientCertificate(user: user, groups: groups)
    }

    private static func makeBaseURL(host: String, port: Int) -> URL? {
        var components = URLComponents()
        components.scheme = "https"
        // An IPv6 literal needs brackets in a URL.
        components.host = host.contains(":") ? "[\(host)]" : host
        components.port = port
        return components.url
    }
}

/// Errors from starting a ``TestServer``.
public enum TestServerError: Error, Sendable, CustomStringConvertible {
    /// The listening socket could not be set up.
    case bindFailed(host: String, port: Int, reason: String)
    /// The TLS configuration was rejected by NIOSSL.
    case tlsSetupFailed(reason: String)

    public var description: String {
        switch self {
        case .bindFailed(let host, let port, let reason):
            return "test server could not listen on \(host):\(port): \(reason)"
        case .tlsSetupFailed(let reason):
            return "test server TLS setup failed: \(reason)"
        }
    }
}
