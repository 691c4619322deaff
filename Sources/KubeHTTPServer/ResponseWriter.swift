import NIOCore
import NIOHTTP1

/// Writes a ``ServerResponse`` to a connection: a complete body with `Content-Length`, or a
/// stream with chunked transfer encoding (the HTTP encoder adds the chunk framing).
enum ResponseWriter {
    /// Writes `response` and returns whether the connection may serve another request.
    static func write(
        _ response: ServerResponse, for request: HTTPRequestHead, keepAlive: Bool, on channel: any Channel
    ) async throws -> Bool {
        var headers = response.headers
        headers.remove(name: "Content-Length")
        headers.remove(name: "Transfer-Encoding")
        if !keepAlive {
            headers.replaceOrAdd(name: "Connection", value: "close")
        }
        // HEAD responses carry no body; the encoder rejects body writes for them.
        let sendsBody = request.method != .HEAD

        switch response.body {
        case .bytes(let bytes):
            headers.replaceOrAdd(name: "Content-Length", value: String(bytes.count))
            let head = HTTPResponseHead(version: request.version, status: response.status, headers: headers)
            let body = sendsBody && !bytes.isEmpty ? channel.allocator.buffer(bytes: bytes) : nil
            // Head, body and end in one trip to the event loop, flushed once.
            try await channel.eventLoop.flatSubmit {
                channel.write(HTTPServerResponsePart.head(head), promise: nil)
                if let body { channel.write(HTTPServerResponsePart.body(.byteBuffer(body)), promise: nil) }
                return channel.writeAndFlush(HTTPServerResponsePart.end(nil))
            }.get()
            return keepAlive

        case .stream(let produce):
            // No framing header: the encoder adds `Transfer-Encoding: chunked` for HTTP/1.1.
            // HTTP/1.0 has no chunking, so there the body ends with the connection.
            let framedByClose = request.version.major == 1 && request.version.minor == 0
            let head = HTTPResponseHead(version: request.version, status: response.status, headers: headers)
            // Flush the head at once: a watch client must see 200 before the first event.
            try await channel.writeAndFlush(HTTPServerResponsePart.head(head))
            let state = StreamState()
            if sendsBody {
                do {
                    try await produce(ResponseStreamWriter(channel: channel, state: state))
                } catch {
                    // A producer that fails cuts the stream like an abort; the test sees it
                    // as a truncated body, which is the observable behaviour of a server bug.
                    state.markAborted()
                }
            }
            if state.isAborted {
                try? await channel.close()
                return false
            }
            try await channel.writeAndFlush(HTTPServerResponsePart.end(nil))
            return keepAlive && !framedByClose
        }
    }
}
