import AsyncHTTPClient
import Foundation
import KubeConfig
import KubeCore
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// The connection to one Kubernetes API server. Create one per process and share
/// it: it holds the keep-alive connection pool, the TLS context and credentials.
///
/// Access resources through ``api(_:namespace:)`` (typed) or
/// ``dynamicApi(_:namespace:)`` (any kind); both offer the same verbs.
public final class KubeClient: Sendable {
    /// Tunables of the transport.
    public struct Configuration: Sendable {
        /// Time to establish a TCP + TLS connection.
        public var connectTimeout: Duration
        /// Deadline for a whole non-watch request.
        public var requestTimeout: Duration
        public var retry: RetryPolicy
        /// Largest response body accepted for a non-streaming request.
        public var maxResponseBytes: Int
        /// Largest single line of a watch stream (one object).
        public var maxWatchLineBytes: Int
        /// Idle keep-alive connections are closed after this long.
        public var idleConnectionTimeout: Duration
        /// Sent as `User-Agent`.
        public var userAgent: String
        /// Called after every HTTP exchange (for metrics such as `rest_client_requests_total`).
        public var requestObserver: (@Sendable (RequestRecord) -> Void)?
        /// HTTP/1.1 connections kept to the API server at once. Every open watch holds one
        /// (client-go multiplexes them over HTTP/2), so a controller with many caches needs
        /// more than the HTTP client's default of 8.
        public var maxConnections: Int

        public init(
            connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60),
            retry: RetryPolicy = RetryPolicy(), maxResponseBytes: Int = 512 << 20,
            maxWatchLineBytes: Int = 64 << 20, idleConnectionTimeout: Duration = .seconds(90),
            userAgent: String = "astrolift/\(AstroliftVersion.current)",
            requestObserver: (@Sendable (RequestRecord) -> Void)? = nil, maxConnections: Int = 64
        ) {
            self.maxConnections = maxConnections
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.retry = retry
            self.maxResponseBytes = maxResponseBytes
            self.maxWatchLineBytes = maxWatchLineBytes
            self.idleConnectionTimeout = idleConnectionTimeout
            self.userAgent = userAgent
            self.requestObserver = requestObserver
        }
    }

    /// What one HTTP exchange did, for metrics and logs.
    public struct RequestRecord: Sendable {
        public var method: String
        public var path: String
        public var host: String
        /// HTTP status code, or `nil` when no response arrived.
        public var code: Int?
        public var duration: Duration
    }

    /// Where this client connects, with credentials.
    public let connection: ClusterConnection
    public let configuration: Configuration
    public let logger: Logger
    /// The namespace used when a namespaced call is given none.
    public var defaultNamespace: String { connection.namespace }

    let http: HTTPClient
    /// Scheme, host and port (and path prefix) every request path is appended to.
    let base: String
    /// The host as the user wrote it, for messages.
    let displayHost: String

    /// Connects to the server `connection` describes.
    ///
    /// - Throws: `KubeClientError` when the TLS material is unusable.
    public init(
        connection: ClusterConnection, configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "astrolift.client")
    ) throws {
        self.connection = connection
        self.configuration = configuration
        self.logger = logger
        guard let components = URLComponents(url: connection.server, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = components.host, !host.isEmpty
        else {
            throw KubeClientError(
                .configuration,
                "server URL '\(connection.server.absoluteString)' of \(connection.origin) must look like https://HOST:PORT"
            )
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        let hostForURL = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        displayHost = "\(hostForURL):\(port)"
        let prefix = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path

        var config = HTTPClient.Configuration()
        var dnsOverride = [String: String]()
        if scheme == "https" {
            config.tlsConfiguration = try TLSSetup.configuration(for: connection)
        }
        if let serverName = connection.tlsServerName, !serverName.isEmpty, scheme == "https" {
            // Verify the certificate against tls-server-name while still connecting to the
            // configured host: address requests to that name and resolve it to the host.
            dnsOverride[serverName] = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            base = "\(scheme)://\(serverName):\(port)\(prefix)"
        } else {
            base = "\(scheme)://\(hostForURL):\(port)\(prefix)"
        }
        config.dnsOverride = dnsOverride
        config.redirectConfiguration = .disallow
        config.timeout = .init(connect: .init(configuration.connectTimeout), read: nil)
        config.connectionPool = .init(
            idleTimeout: .init(configuration.idleConnectionTimeout),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, configuration.maxConnections))
        // AsyncHTTPClient would otherwise retry a failed connect (or TLS handshake) until the
        // connect timeout, turning a wrong CA into a 10-second hang; RetryPolicy decides instead.
        config.connectionPool.retryConnectionEstablishment = false
        config.decompression = .enabled(limit: .none)
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config, backgroundActivityLogger: logger)
    }

    deinit {
        // AsyncHTTPClient requires an explicit shutdown; callers should call
        // `shutdown()`, but a forgotten one must not crash the process. Not `syncShutdown`:
        // it must not block an event loop, and the last reference may drop on one.
        _ = http.shutdown()
    }

    /// Closes pooled connections. Call once when the process is done with the client.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    /// Typed access to kind `K`, in `namespace` (`nil`: all namespaces for lists and
    /// watches; the client's default namespace is not applied implicitly).
    public func api<K: KubernetesObject>(_ type: K.Type, namespace: String? = nil) -> Api<K> {
        Api(client: self, resource: K.resource, namespace: K.resource.namespaced ? namespace : nil)
    }

    /// Access to any kind, described at run time (see ``resolve(_:)`` for discovery).
    public func dynamicApi(_ resource: ResourceDescriptor, namespace: String? = nil) -> Api<DynamicObject> {
        Api(client: self, resource: resource, namespace: resource.namespaced ? namespace : nil)
    }
}

/// The version of this build, sent in `User-Agent` and printed by `astrolift version`.
public enum AstroliftVersion {
    public static let current = "0.1.0-dev"
}

extension KubeClient {
    /// Creates a client, first asking an exec credential plugin for a client
    /// certificate when the kubeconfig relies on one (plugins may return
    /// `clientCertificateData` / `clientKeyData` instead of, or with, a token).
    ///
    /// The certificate is read once: a plugin that rotates certificates needs a new client.
    public static func connect(
        _ connection: ClusterConnection, configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "astrolift.client")
    ) async throws -> KubeClient {
        var resolved = connection
        if resolved.clientCertificatePEM == nil, let exec = resolved.credentials as? ExecCredentialProvider,
            let pair = try await exec.clientCertificate()
        {
            resolved.clientCertificatePEM = pair.certificatePEM
            resolved.clientKeyPEM = pair.keyPEM
        }
        return try KubeClient(connection: resolved, configuration: configuration, logger: logger)
    }
}
