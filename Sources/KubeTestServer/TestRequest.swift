import Foundation
import KubeCore
import KubeHTTPServer
import NIOHTTP1

/// A complete HTTP request as the test server hands it to a handler: head and body
/// already read, and the caller already authenticated.
public struct TestRequest: Sendable {
    /// The HTTP method.
    public let method: HTTPMethod
    /// The request target exactly as sent, e.g. `/api/v1/namespaces/a/pods?watch=true`.
    public let target: String
    /// The path part of the target (not percent-decoded: Kubernetes names never need it).
    public let path: String
    /// The query items, decoded like Go's `url.ParseQuery` (`+` is a space, `%XX` escapes).
    public let query: [TestQueryItem]
    /// The request headers (lookups are case-insensitive).
    public let headers: HTTPHeaders
    /// The request body; empty when none was sent.
    public let body: [UInt8]
    /// Who sent the request: from a verified client certificate or a known bearer token,
    /// `nil` for an anonymous caller when the server does not require authentication.
    public let identity: TestIdentity?

    /// Creates a request; the server does this, tests rarely need to.
    public init(
        method: HTTPMethod, target: String, headers: HTTPHeaders = [:], body: [UInt8] = [],
        identity: TestIdentity? = nil
    ) {
        self.method = method
        self.target = target
        let parsed = ServerRequest(method: method, target: target)
        (self.path, self.query) = (parsed.path, parsed.query)
        self.headers = headers
        self.body = body
        self.identity = identity
    }

    /// The first value of query parameter `name`, or `nil` if absent.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Every value of query parameter `name`, in order.
    public func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// The first value of header `name` (case-insensitive), or `nil`.
    public func header(_ name: String) -> String? {
        headers.first(name: name)
    }

    /// The body as UTF-8 text.
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }

    /// Decodes the body as JSON with Astrolift's decoder settings.
    public func decodeBody<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try KubeJSON.decode(T.self, from: Data(body))
    }
}
