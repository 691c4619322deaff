import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small HTTP/1.1 server for `/metrics`, `/healthz` and `/readyz`. Plain HTTP, as
/// kubelet probes and Prometheus scrapes of a Pod expect.
final class ProbeServer: Sendable {
    struct Response: Sendable {
        var status: HTTPResponseStatus
        var contentType: String
        var body: String
    }

    typealias Handler = @Sendable (_ method: HTTPMethod, _ path: String) -> Response
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    /// The port the server listens on.
    let port: Int
    private let listener: NIOAsyncChannel<Connection, Never>
    private let handler: Handler
    private let connections = Mutex<[ObjectIdentifier: any Channel]>([:])

    private init(port: Int, listener: NIOAsyncChannel<Connection, Never>, handler: @escaping Handler) {
        self.port = port
        self.listener = listener
        self.handler = handler
    }

    /// Binds `host:port` (port 0 picks a free one).
    static func bind(host: String, port: Int, handler: @escaping Handler) async throws -> ProbeServer {
        let listener: NIOAsyncChannel<Connection, Never>
        do {
            listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw RuntimeError(
                .configuration,
                "could not listen on \(host):\(port) for /metrics, /healthz and /readyz: \(error); choose a free port or disable the endpoint"
            )
        }
        guard let bound = listener.channel.localAddress?.port else {
            try? await listener.channel.close()
            throw RuntimeError(.configuration, "the probe endpoint on \(host):\(port) has no local address")
        }
        return ProbeServer(port: bound, listener: listener, handler: handler)
    }

    /// Serves connections until ``close()``.
    func run() async {
        await withDiscardingTaskGroup { group in
            do {
                try await listener.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask { await self.serve(connection) }
                    }
                }
            } catch {
                // Closing the listener ends the loop.
            }
        }
    }

    /// Stops listening and closes open connections.
    func close() async {
        try? await listener.channel.close()
        let open = connections.withLock { c -> [any Channel] in
            defer { c.removeAll() }
            return Array(c.values)
        }
        for channel in open { try? await channel.close() }
    }

    private func serve(_ connection: Connection) async {
        let channel = connection.channel
        let id = ObjectIdentifier(channel)
        connections.withLock { $0[id] = channel }
        defer { _ = connections.withLock { $0.removeValue(forKey: id) } }
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                for try await part in inbound {
                    switch part {
                    case .head(let h): head = h
                    case .body: break
                    case .end:
                        guard let request = head else { continue }
                        head = nil
                        let path = String(request.uri.split(separator: "?", maxSplits: 1).first ?? "")
                        let response = handler(request.method, path)
                        var headers = HTTPHeaders()
                        headers.add(name: "Content-Type", value: response.contentType)
                        headers.add(name: "Content-Length", value: String(response.body.utf8.count))
                        if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
                        try await outbound.write(
                            .head(HTTPResponseHead(version: request.version, status: response.status, headers: headers))
                        )
                        if request.method != .HEAD {
                            try await outbound.write(.body(.byteBuffer(ByteBuffer(string: response.body))))
                        }
                        try await outbound.write(.end(nil))
                        if !request.isKeepAlive { return }
                    }
                }
            }
        } catch {
            // A client going away is not a failure of the server.
        }
    }
}
