import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL

/// An HTTP response from a key-management service or a token endpoint.
struct KMSHTTPResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func decode<T: Decodable>(_ type: T.Type, service: String) throws -> T {
        do {
            // Some calls answer 200 with an empty body; that is an empty object.
            return try JSONDecoder().decode(T.self, from: body.isEmpty ? Data("{}".utf8) : Data(body))
        } catch {
            throw KMSError(
                .service, "\(service) answered HTTP \(status) with a body that is not the expected JSON")
        }
    }
}

/// The HTTPS client a provider uses: AsyncHTTPClient with the system trust store or a
/// given CA bundle, a timeout, and errors that name the service but never a body.
public final class KMSHTTPClient: Sendable {
    private let client: HTTPClient
    private let timeout: TimeAmount
    private let logger: Logger

    /// A client trusting `caBundlePEM` (when given) instead of the system roots.
    public init(caBundlePEM: [UInt8]? = nil, timeout: Duration = .seconds(20), logger: Logger? = nil) throws {
        var configuration = HTTPClient.Configuration()
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caBundlePEM {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(caBundlePEM))
            } catch {
                throw KMSError(.invalidConfiguration, "the CA bundle is not valid PEM certificates")
            }
        }
        configuration.tlsConfiguration = tls
        configuration.redirectConfiguration = .disallow
        let (seconds, attoseconds) = timeout.components
        self.timeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        // A refused connection is retried until the connect timeout: keep it within the request's.
        configuration.timeout = .init(connect: min(.seconds(10), self.timeout), read: self.timeout)
        // Fail fast on a refused connection; the controller retries with its own backoff.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.logger = logger ?? Logger(label: "astrolift.kms")
    }

    deinit {
        // A forgotten shutdown must not crash the process (AsyncHTTPClient asserts on it);
        // without blocking, since the last reference may drop on an event loop.
        _ = client.shutdown()
    }

    /// Closes every connection; the client cannot be used afterwards.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Sends one request. `service` names the peer in errors (e.g. `AWS KMS at https://…`).
    func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil, service: String
    ) async throws -> KMSHTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(request, timeout: timeout, logger: logger)
            let buffer = try await response.body.collect(upTo: 4 * 1024 * 1024)
            // Only method, path and status: bodies carry keys and tokens.
            logger.debug(
                "KMS request",
                metadata: [
                    "method": "\(method.rawValue)", "url": "\(Self.redacted(url))",
                    "status": "\(response.status.code)",
                ])
            return KMSHTTPResponse(
                status: Int(response.status.code), headers: response.headers, body: Array(buffer.readableBytesView))
        } catch let error as KMSError {
            throw error
        } catch {
            throw KMSError(
                .unreachable,
                "\(service) could not be reached (\(KMSError.excerpt(Self.describe(error)))): check the address, the network path "
                    + "and the CA bundle; the controller retries")
        }
    }

    /// The URL without its query, which can carry tokens.
    static func redacted(_ url: String) -> String {
        url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        if error is NIOSSLError { return "TLS: \(error)" }
        return String(describing: error)
    }
}

extension KMSHTTPResponse {
    /// Throws a ``KMSError`` for a non-2xx status, naming the service and what to do.
    func requireSuccess(_ service: String, key: String, action: String, serviceMessage: String?) throws {
        guard !(200..<300).contains(status) else { return }
        let detail = serviceMessage.map { ": " + KMSError.excerpt($0) } ?? ""
        let kind = KMSError.kind(forStatus: status)
        let advice: String
        switch kind {
        case .unauthorized: advice = "check the credentials and that they may \(action) with \(key)"
        case .keyNotFound: advice = "check that \(key) exists and is enabled"
        case .unreachable: advice = "the service is unavailable; the controller retries"
        default: advice = "check the provider's settings"
        }
        throw KMSError(kind, "\(service) refused to \(action) with \(key) (HTTP \(status)\(detail)): \(advice)")
    }
}

/// Base64url without padding (JWTs, Azure Key Vault).
enum Base64URL {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s).map(Array.init)
    }
}

/// `application/x-www-form-urlencoded` bodies for token endpoints.
enum FormEncoding {
    static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func encode(_ pairs: [(String, String)]) -> [UInt8] {
        Array(
            pairs.map { name, value in
                (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name) + "="
                    + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
            }.joined(separator: "&").utf8)
    }
}

/// A bearer token and when to stop using it.
struct CachedToken: Sendable {
    var token: String
    var expires: Date

    /// Usable for at least another minute, so a request does not race the expiry.
    var isFresh: Bool { expires.timeIntervalSinceNow > 60 }
}

/// Holds one token and refreshes it on demand; concurrent callers share one refresh.
actor TokenCache {
    private var cached: CachedToken?
    private var refreshing: Task<CachedToken, any Error>?

    func token(_ fetch: @escaping @Sendable () async throws -> CachedToken) async throws -> String {
        if let cached, cached.isFresh { return cached.token }
        if let refreshing { return try await refreshing.value.token }
        let task = Task { try await fetch() }
        refreshing = task
        defer { refreshing = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh.token
    }

    /// Forgets the token after the service refused it.
    func invalidate() {
        cached = nil
    }
}
