import Foundation
import KubeCore
import KubePKI
import NIOHTTP1

/// One HTTP request as a handler sees it: the body read whole, the query decoded,
/// and the identity of a verified client certificate if the client sent one.
public struct ServerRequest: Sendable {
    public let method: HTTPMethod
    /// The request target as sent (`/api/v1/pods?watch=1`).
    public let target: String
    /// The path without the query, percent-escapes left as sent.
    public let path: String
    /// The decoded query items, in order.
    public let query: [QueryItem]
    public let headers: HTTPHeaders
    public let body: [UInt8]
    /// CN and O of the client certificate, when TLS verified one.
    public let peerCertificate: CertificateIdentity?

    public init(
        method: HTTPMethod, target: String, headers: HTTPHeaders = [:], body: [UInt8] = [],
        peerCertificate: CertificateIdentity? = nil
    ) {
        self.method = method
        self.target = target
        (self.path, self.query) = QueryString.split(target: target)
        self.headers = headers
        self.body = body
        self.peerCertificate = peerCertificate
    }

    /// The first value of a query parameter.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Every value of a repeated query parameter.
    public func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// The first value of a header (names are case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first(name: name)
    }

    /// The body as UTF-8 text.
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }

    /// The token of an `Authorization: Bearer <token>` header; the scheme is matched
    /// case-insensitively (RFC 9110 §11.1), the token exactly.
    public var bearerToken: String? {
        guard let value = headers.first(name: "Authorization") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
