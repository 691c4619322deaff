import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// An HTTPS/1.1 server on SwiftNIO: keep-alive, chunked streaming responses,
/// optional client certificates, bounded request bodies. Every request goes to
/// one async handler. The embedded control plane and the test server build on it.
public final class HTTPServer: Sendable {
    /// Answers one request; runs concurrently for requests on different connections.
    public typealias Handler = @Sendable (ServerRequest) async -> ServerResponse

    /// How the server listens.
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free ephemeral port.
        public var port: Int
        /// The TLS context (serving certificate, client-certificate policy).
        public var tls: NIOSSLContext
        /// Larger request bodies get 413.
        public var maxBodySize: Int
        /// The event loops to run on; `nil` makes a group the server owns and stops.
        public var eventLoopGroup: (any EventLoopGroup)?
        /// Threads of an owned group.
        public var threads: Int

        public init(
            host: String = "127.0.0.1", port: Int = 0, tls: NIOSSLContext, maxBodySize: Int = 32 << 20,
            eventLoopGroup: (any EventLoopGroup)? = nil, threads: Int = 1
        ) {
            self.host = host
            self.port = port
            self.tls = tls
            self.maxBodySize = maxBodySize
            self.eventLoopGroup = eventLoopGroup
            self.threads = threads
        }
    }

    /// The port the server listens on.
    public let port: Int
    private let core: ServerCore
    private let listener: any Channel
    private let group: any EventLoopGroup
    private let ownsGroup: Bool
    private let acceptLoop: Task<Void, Never>

    private init(
        port: Int, core: ServerCore, listener: any Channel, group: any EventLoopGroup, ownsGroup: Bool,
        acceptLoop: Task<Void, Never>
    ) {
        self.port = port
        self.core = core
        self.listener = listener
        self.group = group
        self.ownsGroup = ownsGroup
        self.acceptLoop = acceptLoop
    }

    /// Binds and starts accepting; returns once the server is listening.
    public static func start(configuration: Configuration, handler: @escaping Handler) async throws -> HTTPServer {
        let core = ServerCore(handler: handler, maxBodySize: configuration.maxBodySize)
        let ownsGroup = configuration.eventLoopGroup == nil
        let group = configuration.eventLoopGroup ?? MultiThreadedEventLoopGroup(numberOfThreads: configuration.threads)
        let tls = configuration.tls
        let listener: NIOAsyncChannel<ServerCore.Connection, Never>
        do {
            listener = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: 256)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.addHandler(NIOSSLServerHandler(context: tls))
                        try pipeline.addHandler(WriteCoalescingHandler())
                        try pipeline.configureHTTPServerPipeline(
                            withPipeliningAssistance: true, withErrorHandling: true)
                        core.register(channel)
                        return try ServerCore.Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            if ownsGroup { try? await group.shutdownGracefully() }
            throw HTTPServerError.bindFailed(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        guard let port = listener.channel.localAddress?.port else {
            try? await listener.channel.close()
            if ownsGroup { try? await group.shutdownGracefully() }
            throw HTTPServerError.bindFailed(
                host: configuration.host, port: configuration.port, reason: "no local address after bind")
        }
        let acceptLoop = Task { await core.run(listener) }
        return HTTPServer(
            port: port, core: core, listener: listener.channel, group: group, ownsGroup: ownsGroup,
            acceptLoop: acceptLoop)
    }

    /// Stops accepting, closes every open connection (ending streams without their
    /// terminating chunk), cancels running handlers and waits for them. Idempotent.
    public func shutdown() async {
        guard let connections = core.beginShutdown() else {
            await acceptLoop.value
            return
        }
        // Cancel first so handlers sleeping between stream chunks wake up promptly.
        acceptLoop.cancel()
        try? await listener.close()
        for connection in connections {
            try? await connection.close()
        }
        await acceptLoop.value
        if ownsGroup {
            try? await group.shutdownGracefully()
        }
    }
}

/// Errors from starting an ``HTTPServer``.
public enum HTTPServerError: Error, Sendable, CustomStringConvertible {
    case bindFailed(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .bindFailed(let host, let port, let reason):
            return "could not listen on \(host):\(port): \(reason)"
        }
    }
}
