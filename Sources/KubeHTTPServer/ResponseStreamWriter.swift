import Foundation
import KubeCore
import NIOCore
import NIOHTTP1
import Synchronization

/// Writes a streaming response body chunk by chunk; handed to the closure of a
/// ``ServerResponse/Body/stream(_:)`` response.
///
/// Every write returns once the chunk has been handed to the socket, so a delay between
/// two writes (`try await Task.sleep(for: .milliseconds(50))`) makes them arrive as
/// separate chunks. A chunk's boundaries are entirely up to the test: it may end in the
/// middle of a JSON object or hold several objects, which is what watch-decoder tests need.
public struct ResponseStreamWriter: Sendable {
    private let channel: any Channel
    private let state: StreamState

    init(channel: any Channel, state: StreamState) {
        self.channel = channel
        self.state = state
    }

    /// Sends `bytes` as one chunk. Empty writes are skipped: an empty chunk would end the body.
    ///
    /// - Throws: if the connection is closed (the client went away, the stream was aborted,
    ///   or the server is shutting down).
    public func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        if state.isAborted { throw ChannelError.ioOnClosedChannel }
        let part = HTTPServerResponsePart.body(.byteBuffer(channel.allocator.buffer(bytes: bytes)))
        try await channel.writeAndFlush(part)
    }

    /// Sends the UTF-8 bytes of `text` as one chunk.
    public func write(_ text: String) async throws {
        try await write(Array(text.utf8))
    }

    /// Sends `value` as compact JSON followed by a newline (as the API server frames watch
    /// events), in one chunk.
    public func writeJSON<Value: Encodable>(_ value: Value, newline: Bool = true) async throws {
        var bytes = Array(try KubeJSON.encode(value))
        if newline { bytes.append(UInt8(ascii: "\n")) }
        try await write(bytes)
    }

    /// Closes the connection at once, without the terminating zero-length chunk, so the
    /// client sees the body cut off (possibly mid-object), as when an API server dies.
    public func abort() async {
        state.markAborted()
        try? await channel.close()
    }

    /// Suspends until the connection is closed: by the client (e.g. it cancelled a watch),
    /// by ``abort()``, or by server shutdown. Lets a handler hold a watch open "forever".
    public func waitUntilClosed() async {
        try? await channel.closeFuture.get()
    }

    /// Suspends until the connection is closed (as ``waitUntilClosed()``) or the calling task
    /// is cancelled, whichever comes first. A streaming handler races this against its
    /// writes to notice a client that went away without waiting for its next write.
    public func waitUntilClosedOrCancelled() async {
        let waiter = CloseWaiter()
        let closeFuture = channel.closeFuture
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                waiter.install(continuation)
                closeFuture.whenComplete { _ in waiter.resume() }
            }
        } onCancel: {
            waiter.resume()
        }
    }

    /// Whether the connection is still open (the client has not gone away).
    public var isOpen: Bool {
        channel.isActive && !state.isAborted
    }
}

/// Resumes one continuation exactly once, whoever comes first: the channel closing, task
/// cancellation, or (when cancelled before the continuation exists) its installation.
private final class CloseWaiter: Sendable {
    private enum State {
        case waiting
        case installed(CheckedContinuation<Void, Never>)
        case done
    }

    private let state = Mutex(State.waiting)

    func install(_ continuation: CheckedContinuation<Void, Never>) {
        let resumeNow = state.withLock { s -> Bool in
            if case .done = s { return true }
            s = .installed(continuation)
            return false
        }
        if resumeNow { continuation.resume() }
    }

    func resume() {
        let continuation = state.withLock { s -> CheckedContinuation<Void, Never>? in
            defer { s = .done }
            if case .installed(let c) = s { return c }
            return nil
        }
        continuation?.resume()
    }
}

/// Shared between a ``ResponseStreamWriter`` (possibly copied into child tasks) and the
/// connection loop, which must know whether to send the terminating chunk.
final class StreamState: Sendable {
    private let aborted = Mutex(false)

    var isAborted: Bool {
        aborted.withLock { $0 }
    }

    func markAborted() {
        aborted.withLock { $0 = true }
    }
}
