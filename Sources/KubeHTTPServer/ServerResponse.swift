import Foundation
import KubeCore
import NIOHTTP1

/// What a handler answers: a status, headers, and either a complete body or a stream.
public struct ServerResponse: Sendable {
    /// The body of a response.
    public enum Body: Sendable {
        /// A complete body, sent with `Content-Length`.
        case bytes([UInt8])
        /// A body produced over time with chunked transfer encoding. The closure writes
        /// chunks through the ``ResponseStreamWriter``; when it returns, the terminating chunk
        /// is sent. If it calls ``ResponseStreamWriter/abort()`` or throws, the connection is
        /// closed without a terminating chunk, as a dying API server would.
        case stream(@Sendable (ResponseStreamWriter) async throws -> Void)
    }

    /// The HTTP status.
    public var status: HTTPResponseStatus
    /// Response headers. `Content-Length` and `Transfer-Encoding` are set by the server.
    public var headers: HTTPHeaders
    /// The body.
    public var body: Body

    /// Creates a response with a complete body.
    public init(status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = .bytes(body)
    }

    /// Creates a response with any body.
    public init(status: HTTPResponseStatus, headers: HTTPHeaders, body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response encoded with Astrolift's encoder settings (`Content-Type: application/json`).
    ///
    /// If `value` cannot be encoded the response is a 500 `Status` naming the error, so a
    /// broken fixture shows up in the test's failure output instead of crashing the server.
    public static func json<Value: Encodable>(
        status: HTTPResponseStatus = .ok, _ value: Value, headers: HTTPHeaders = [:]
    ) -> ServerResponse {
        do {
            return jsonBytes(status: status, Array(try KubeJSON.encode(value)), headers: headers)
        } catch {
            return Self.status(
                code: 500, reason: .internalError, message: "test fixture could not be encoded: \(error)"
            )
        }
    }

    /// A Kubernetes `Status` response: `{"kind":"Status","apiVersion":"v1","status":"Failure",...}`,
    /// as the API server sends for every error. `status` is `Success` for codes below 400.
    public static func status(
        code: Int, reason: StatusReason? = nil, message: String, details: StatusDetails? = nil
    ) -> ServerResponse {
        let body = Status(
            status: code < 400 ? "Success" : "Failure",
            message: message,
            reason: reason,
            details: details,
            code: code
        )
        let status = HTTPResponseStatus(statusCode: code)
        do {
            return jsonBytes(status: status, Array(try KubeJSON.encode(body)), headers: [:])
        } catch {
            // Status holds only strings and integers; encoding cannot fail in practice.
            return ServerResponse(status: status, body: Array(message.utf8))
        }
    }

    /// A `text/plain` response.
    public static func text(status: HTTPResponseStatus = .ok, _ text: String) -> ServerResponse {
        ServerResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// A streaming response (chunked transfer encoding), by default typed as JSON the way
    /// the API server types watch streams.
    public static func stream(
        status: HTTPResponseStatus = .ok,
        headers: HTTPHeaders = ["Content-Type": "application/json"],
        _ produce: @escaping @Sendable (ResponseStreamWriter) async throws -> Void
    ) -> ServerResponse {
        ServerResponse(status: status, headers: headers, body: .stream(produce))
    }

    private static func jsonBytes(status: HTTPResponseStatus, _ bytes: [UInt8], headers: HTTPHeaders) -> ServerResponse
    {
        var headers = headers
        if !headers.contains(name: "Content-Type") {
            headers.add(name: "Content-Type", value: "application/json")
        }
        return ServerResponse(status: status, headers: headers, body: bytes)
    }
}
