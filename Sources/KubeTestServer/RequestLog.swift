import NIOHTTP1
import Synchronization

/// One request the server received, kept so tests can assert on traffic
/// ("the client retried twice", "the list used `resourceVersion=0`").
public struct RecordedRequest: Sendable {
    /// The HTTP method.
    public let method: HTTPMethod
    /// The request path (no query).
    public let path: String
    /// The decoded query items.
    public let query: [TestQueryItem]
    /// The authenticated identity, or `nil` for anonymous and rejected callers.
    public let identity: TestIdentity?
}

/// A thread-safe, append-only record of requests. Each is recorded once it has fully
/// arrived and its caller is authenticated or rejected, before the handler runs, so
/// rejected requests and requests whose handler is still busy count too.
final class RequestLog: Sendable {
    private let entries = Mutex<[RecordedRequest]>([])

    func append(_ request: RecordedRequest) {
        entries.withLock { $0.append(request) }
    }

    var all: [RecordedRequest] {
        entries.withLock { $0 }
    }

    func count(path: String, method: HTTPMethod?) -> Int {
        entries.withLock { entries in
            entries.count { $0.path == path && (method == nil || $0.method == method) }
        }
    }

    func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}
