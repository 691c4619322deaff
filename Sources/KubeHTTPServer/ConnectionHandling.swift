import KubePKI
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// The state a running server shares between its accept loop, its connections and the
/// public ``HTTPServer`` object: the handler, the body limit and the set of open
/// connections (which shutdown must close, since keep-alive clients never will).
final class ServerCore: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, Never>

    let handler: HTTPServer.Handler
    let maxBodySize: Int
    private let openChannels = Mutex<[ObjectIdentifier: any Channel]>([:])
    private let stopping = Mutex(false)

    init(handler: @escaping HTTPServer.Handler, maxBodySize: Int) {
        self.handler = handler
        self.maxBodySize = maxBodySize
    }

    /// Tracks `channel` until it closes. Runs on the channel's event loop during setup, so
    /// a connection accepted while shutdown is under way is closed right here.
    func register(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        let accepted = stopping.withLock { stopping in
            if stopping { return false }
            openChannels.withLock { $0[id] = channel }
            return true
        }
        if !accepted {
            channel.close(promise: nil)
            return
        }
        channel.closeFuture.whenComplete { [self] _ in
            _ = openChannels.withLock { $0.removeValue(forKey: id) }
        }
    }

    /// Marks the server as stopping and returns the connections still open;
    /// `nil` if shutdown had already begun.
    func beginShutdown() -> [any Channel]? {
        stopping.withLock { stopping in
            if stopping { return nil }
            stopping = true
            return openChannels.withLock { Array($0.values) }
        }
    }

    /// Accepts connections until the server channel closes or the task is cancelled,
    /// serving each in its own child task; returns when all have finished.
    func run(_ server: NIOAsyncChannel<Connection, Never>) async {
        await withDiscardingTaskGroup { group in
            do {
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask { await self.serve(connection) }
                    }
                }
            } catch {
                // The listening socket closing (shutdown) ends the loop; nothing to report.
            }
        }
    }

    /// Serves HTTP/1.1 requests on one connection, one at a time (pipelined requests wait
    /// their turn), until the client closes, asks to close, or a stream is aborted.
    private func serve(_ connection: Connection) async {
        let channel = connection.channel
        do {
            try await connection.executeThenClose { inbound in
                // The TLS handshake is over by the first request and the peer certificate
                // cannot change afterwards, so it is read once per connection.
                var certificateIdentity: CertificateIdentity?
                var certificateRead = false
                var head: HTTPRequestHead?
                var body = channel.allocator.buffer(capacity: 0)
                var tooLarge = false
                for try await part in inbound {
                    switch part {
                    case .head(let newHead):
                        head = newHead
                        body.clear()
                        tooLarge = false
                        if Self.expectsContinue(newHead) {
                            // curl sends `Expect: 100-continue` for larger bodies and would
                            // otherwise wait a second before sending the body.
                            let interim = HTTPResponseHead(version: newHead.version, status: .continue)
                            try await channel.writeAndFlush(HTTPServerResponsePart.head(interim))
                        }
                    case .body(var chunk):
                        if body.readableBytes + chunk.readableBytes > maxBodySize {
                            tooLarge = true
                        } else {
                            body.writeBuffer(&chunk)
                        }
                    case .end:
                        guard let requestHead = head else { continue }
                        head = nil
                        if tooLarge {
                            let response = ServerResponse.status(
                                code: 413, reason: .requestEntityTooLarge,
                                message: "request body exceeds \(maxBodySize) bytes"
                            )
                            _ = try await ResponseWriter.write(
                                response, for: requestHead, keepAlive: false, on: channel)
                            return
                        }
                        if !certificateRead {
                            certificateIdentity = await Self.clientCertificateIdentity(of: channel)
                            certificateRead = true
                        }
                        let keepOpen = try await respond(
                            to: requestHead,
                            body: Array(body.readableBytesView),
                            certificateIdentity: certificateIdentity,
                            channel: channel
                        )
                        if !keepOpen { return }
                    }
                }
            }
        } catch {
            // Clients vanishing mid-request, failed handshakes and shutdown all land here;
            // for a test server they are expected events, not failures.
        }
    }

    private func respond(
        to head: HTTPRequestHead, body: [UInt8], certificateIdentity: CertificateIdentity?, channel: any Channel
    ) async throws -> Bool {
        let request = ServerRequest(
            method: head.method, target: head.uri, headers: head.headers, body: body,
            peerCertificate: certificateIdentity)
        let response = await handler(request)
        return try await ResponseWriter.write(response, for: head, keepAlive: head.isKeepAlive, on: channel)
    }

    private static func expectsContinue(_ head: HTTPRequestHead) -> Bool {
        head.version == .http1_1 && head.headers["Expect"].contains { $0.lowercased() == "100-continue" }
    }

    /// The identity in the client's verified certificate, if it sent one with a CN.
    /// NIOSSL only exposes a peer certificate that passed verification against the
    /// server's trust roots, so no further chain check is needed here.
    private static func clientCertificateIdentity(of channel: any Channel) async -> CertificateIdentity? {
        guard let certificate = try? await channel.nioSSL_peerCertificate().get(),
            let der = try? certificate.toDERBytes()
        else { return nil }
        return try? CertificateIdentity(derBytes: der)
    }
}
