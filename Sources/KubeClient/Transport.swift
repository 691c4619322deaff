import AsyncHTTPClient
import Foundation
import KubeConfig
import KubeCore
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTP request to the API server, before credentials are added.
struct APIRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var query: [URLQueryItem] = []
    var body: Data?
    var contentType: String?
    var accept: String = "application/json"
    /// Whether sending it twice is harmless (reads, PUT with resourceVersion, delete, apply).
    var idempotent: Bool

    var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        var c = URLComponents()
        c.queryItems = query
        // URLComponents leaves '+' alone, which servers read as a space.
        let q = (c.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return path + "?" + q
    }
}

/// A successful response with its body read whole.
struct APIResponse: Sendable {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: Data
}

extension KubeClient {
    /// Sends `request`, retrying per the retry policy and refreshing credentials once on 401.
    /// Returns a 2xx response; any other status becomes a thrown `KubeAPIError`.
    func send(_ request: APIRequest, timeout: Duration? = nil) async throws -> APIResponse {
        try await withRetries(request) { attemptRequest in
            let deadline = NIODeadline.now() + .init(timeout ?? configuration.requestTimeout)
            let response = try await http.execute(attemptRequest, deadline: deadline, logger: logger)
            let body = Data(buffer: try await response.body.collect(upTo: configuration.maxResponseBytes))
            return Attempt(
                status: response.status, headers: response.headers,
                payload: APIResponse(status: response.status, headers: response.headers, body: body), errorBody: body)
        }
    }

    /// Opens a streaming request (a watch); returns the response with its body unread.
    func openStream(_ request: APIRequest, timeout: Duration) async throws -> HTTPClientResponse {
        try await withRetries(request) { attemptRequest in
            let deadline = NIODeadline.now() + .init(timeout)
            let response = try await http.execute(attemptRequest, deadline: deadline, logger: logger)
            var errorBody = Data()
            if !(200..<300).contains(response.status.code) {
                errorBody = Data(buffer: try await response.body.collect(upTo: 1 << 20))
            }
            return Attempt(status: response.status, headers: response.headers, payload: response, errorBody: errorBody)
        }
    }

    /// The outcome of one attempt: the payload is used on 2xx, the error body otherwise.
    private struct Attempt<Payload: Sendable>: Sendable {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var payload: Payload
        var errorBody: Data
    }

    /// The shared attempt loop: builds the HTTP request with fresh credentials, runs
    /// `attempt`, classifies failures, and waits between retries.
    private func withRetries<Payload: Sendable>(
        _ request: APIRequest, attempt: (HTTPClientRequest) async throws -> Attempt<Payload>
    ) async throws -> Payload {
        var attemptNumber = 0
        var refreshedCredentials = false
        while true {
            attemptNumber += 1
            let started = ContinuousClock.now
            var code: Int?
            defer {
                configuration.requestObserver?(
                    RequestRecord(
                        method: request.method.rawValue, path: request.path, host: displayHost, code: code,
                        duration: ContinuousClock.now - started))
            }
            let httpRequest = try await buildHTTPRequest(request)
            let outcome: Attempt<Payload>
            do {
                outcome = try await attempt(httpRequest)
            } catch {
                let failure = classify(error, request: request)
                if failure.retryable(idempotent: request.idempotent), attemptNumber < configuration.retry.maxAttempts {
                    let delay = configuration.retry.delay(afterAttempt: attemptNumber)
                    logger.debug(
                        "retrying after transport failure",
                        metadata: ["path": "\(request.path)", "error": "\(failure.error)", "delay": "\(delay)"])
                    try await Task.sleep(for: delay)
                    continue
                }
                throw failure.error
            }
            let status = outcome.status
            code = Int(status.code)
            if (200..<300).contains(status.code) {
                return outcome.payload
            }
            let apiError = decodeError(status: status, body: outcome.errorBody, request: request)
            if status.code == 401, !refreshedCredentials, let credentials = connection.credentials {
                // Exec plugins and rotated token files may hold a newer token: ask once more.
                refreshedCredentials = true
                await credentials.invalidate()
                continue
            }
            let retryAfter = RetryPolicy.parseRetryAfter(outcome.headers.first(name: "Retry-After"))
            let retryable =
                status.code == 429 || (request.idempotent && (status.code == 503 || status.code == 504))
                || (retryAfter != nil && request.idempotent && status.code >= 500)
            if retryable, attemptNumber < configuration.retry.maxAttempts {
                let delay = configuration.retry.delay(afterAttempt: attemptNumber, retryAfter: retryAfter)
                logger.debug(
                    "retrying after server answer",
                    metadata: ["path": "\(request.path)", "code": "\(status.code)", "delay": "\(delay)"])
                try await Task.sleep(for: delay)
                continue
            }
            throw apiError
        }
    }

    private func buildHTTPRequest(_ request: APIRequest) async throws -> HTTPClientRequest {
        var r = HTTPClientRequest(url: base + request.pathAndQuery)
        r.method = request.method
        r.headers.add(name: "User-Agent", value: configuration.userAgent)
        r.headers.add(name: "Accept", value: request.accept)
        if let credentials = connection.credentials {
            let token: String?
            do {
                token = try await credentials.token()
            } catch let error as KubeClientError {
                throw error
            } catch {
                throw KubeClientError(.credentials, "could not get credentials for \(connection.origin): \(error)")
            }
            if let token, !token.isEmpty {
                r.headers.add(name: "Authorization", value: "Bearer \(token)")
            }
        }
        if let body = request.body {
            r.headers.add(name: "Content-Type", value: request.contentType ?? "application/json")
            r.body = .bytes(ByteBuffer(data: body))
        }
        return r
    }

    /// Decodes the server's `Status` from an error body, or synthesises one from the code.
    func decodeError(status: HTTPResponseStatus, body: Data, request: APIRequest) -> KubeAPIError {
        if let decoded = try? KubeJSON.decode(Status.self, from: body), decoded.kind == "Status" {
            var s = decoded
            if s.code == nil || s.code == 0 { s.code = Int(status.code) }
            return KubeAPIError(status: s, method: request.method.rawValue, path: request.path)
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = StatusReason.fromHTTPCode(Int(status.code))
        let message = text.isEmpty ? status.reasonPhrase : text
        return KubeAPIError(
            status: Status(message: message, reason: reason, code: Int(status.code)),
            method: request.method.rawValue, path: request.path)
    }

    private struct ClassifiedFailure {
        var error: any Error
        /// The request cannot have reached the server.
        var notSent: Bool
        var transient: Bool
        func retryable(idempotent: Bool) -> Bool {
            transient && (notSent || idempotent)
        }
    }

    private func classify(_ error: any Error, request: APIRequest) -> ClassifiedFailure {
        if error is CancellationError {
            return ClassifiedFailure(error: error, notSent: false, transient: false)
        }
        if let e = error as? KubeClientError {
            return ClassifiedFailure(error: e, notSent: true, transient: false)
        }
        let host = displayHost
        if let tls = error as? NIOSSLError {
            return ClassifiedFailure(error: tlsError(tls, host: host), notSent: true, transient: false)
        }
        if let extra = error as? NIOSSLExtraError {
            let message: String
            if extra == .failedToValidateHostname {
                message =
                    "TLS: the certificate of \(host) is not valid for the name in the server URL: use a server address the certificate names, or set tls-server-name"
            } else {
                message = "TLS with \(host) failed: \(extra)"
            }
            return ClassifiedFailure(error: KubeClientError(.tls, message), notSent: true, transient: false)
        }
        if let http = error as? HTTPClientError {
            switch http {
            case .connectTimeout:
                return ClassifiedFailure(
                    error: KubeClientError(
                        .connection, "could not connect to \(host) in time: is the API server up and reachable?"),
                    notSent: true, transient: true)
            case .deadlineExceeded, .readTimeout:
                return ClassifiedFailure(
                    error: KubeClientError(.timeout, "\(request.method.rawValue) \(request.path) on \(host) timed out"),
                    notSent: false, transient: true)
            case .remoteConnectionClosed:
                return ClassifiedFailure(
                    error: KubeClientError(
                        .connection, "\(host) closed the connection during \(request.method.rawValue) \(request.path)"),
                    notSent: false, transient: true)
            case .cancelled:
                return ClassifiedFailure(error: CancellationError(), notSent: false, transient: false)
            default:
                return ClassifiedFailure(
                    error: KubeClientError(.connection, "request to \(host) failed: \(http)"), notSent: false,
                    transient: false)
            }
        }
        if error is NIOConnectionError || (error as? IOError).map({ $0.errnoCode == ECONNREFUSED }) == true {
            return ClassifiedFailure(
                error: KubeClientError(.connection, "could not connect to \(host): is the API server running there?"),
                notSent: true, transient: true)
        }
        if error is ChannelError || error is IOError {
            return ClassifiedFailure(
                error: KubeClientError(.connection, "connection to \(host) failed: \(error)"), notSent: false,
                transient: true)
        }
        if "\(error)".contains("handshake") {
            return ClassifiedFailure(
                error: KubeClientError(.tls, "TLS handshake with \(host) failed: \(error)"), notSent: true,
                transient: false)
        }
        return ClassifiedFailure(
            error: KubeClientError(.connection, "request to \(host) failed: \(error)"), notSent: false, transient: false
        )
    }

    private func tlsError(_ error: NIOSSLError, host: String) -> KubeClientError {
        let text = "\(error)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
            return KubeClientError(
                .tls,
                "TLS: the certificate of \(host) is not signed by a trusted CA: set certificate-authority in the kubeconfig to the cluster's CA"
            )
        }
        if text.contains("CERTIFICATE_REQUIRED") || text.contains("ALERT_CERTIFICATE")
            || text.contains("BAD_CERTIFICATE")
        {
            return KubeClientError(
                .tls, "TLS: \(host) rejected the client certificate: check client-certificate and client-key")
        }
        return KubeClientError(.tls, "TLS handshake with \(host) failed: \(text)")
    }
}

extension StatusReason {
    /// The reason the API server uses for an HTTP code, when the body carries none.
    static func fromHTTPCode(_ code: Int) -> StatusReason? {
        switch code {
        case 400: return .badRequest
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 405: return .methodNotAllowed
        case 406: return .notAcceptable
        case 409: return .conflict
        case 410: return .gone
        case 413: return .requestEntityTooLarge
        case 415: return .unsupportedMediaType
        case 422: return .invalid
        case 429: return .tooManyRequests
        case 500: return .internalError
        case 503: return .serviceUnavailable
        case 504: return .timeout
        default: return nil
        }
    }
}
