import NIOCore

/// Joins the small writes made between two flushes into one buffer before TLS.
///
/// The HTTP encoder writes a response as several buffers (head, body, the end; a chunk
/// of a watch stream as its size line, the data and a line break), and TLS turns each
/// write into a record of its own: three encryptions and record headers where one would
/// do, for the server and for every client reading them. Large buffers pass through as
/// they are, so a big list is not copied.
final class WriteCoalescingHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    /// Buffers at least this large are written on their own, not copied.
    static let passThroughSize = 16 * 1024

    private var pending: ByteBuffer?
    private var promises: [EventLoopPromise<Void>] = []

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .byteBuffer(var buffer) where buffer.readableBytes < Self.passThroughSize:
            if pending == nil {
                var fresh = context.channel.allocator.buffer(capacity: max(1024, buffer.readableBytes))
                fresh.writeBuffer(&buffer)
                pending = fresh
            } else {
                pending?.writeBuffer(&buffer)
            }
            if let promise { promises.append(promise) }
            if (pending?.readableBytes ?? 0) >= Self.passThroughSize { emit(context: context) }
        default:
            emit(context: context)
            context.write(data, promise: promise)
        }
    }

    func flush(context: ChannelHandlerContext) {
        emit(context: context)
        context.flush()
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        // Hand on what was written, unflushed, as the handlers after us would have had it.
        emit(context: context)
        context.close(mode: mode, promise: promise)
    }

    /// Writes the joined buffer on, completing the promises of the writes it holds.
    private func emit(context: ChannelHandlerContext) {
        guard let buffer = pending else { return }
        pending = nil
        let waiting = promises
        promises = []
        var promise: EventLoopPromise<Void>?
        if !waiting.isEmpty {
            let joined = context.eventLoop.makePromise(of: Void.self)
            joined.futureResult.whenComplete { result in
                for p in waiting { p.completeWith(result) }
            }
            promise = joined
        }
        context.write(wrapOutboundOut(.byteBuffer(buffer)), promise: promise)
    }
}
