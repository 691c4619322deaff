import NIOCore
import NIOEmbedded
import XCTest

@testable import KubeHTTPServer

final class WriteCoalescingTests: XCTestCase {
    private func bytes(_ text: String) -> IOData { .byteBuffer(ByteBuffer(string: text)) }

    /// Small writes between two flushes leave as one buffer (one TLS record), in order, and
    /// every write's promise is kept; a large buffer is not copied but keeps its place.
    func testSmallWritesAreJoinedUntilFlushAndLargeOnesPassThrough() throws {
        let channel = EmbeddedChannel(handler: WriteCoalescingHandler())
        var completed = 0
        for part in ["HTTP/1.1 200 OK\r\n", "Content-Length: 2\r\n\r\n", "{}"] {
            let promise = channel.eventLoop.makePromise(of: Void.self)
            promise.futureResult.whenSuccess { completed += 1 }
            channel.write(bytes(part), promise: promise)
        }
        XCTAssertNil(try channel.readOutbound(as: IOData.self), "nothing leaves before the flush")
        channel.flush()
        guard case .byteBuffer(let joined)? = try channel.readOutbound(as: IOData.self) else {
            return XCTFail("expected one buffer")
        }
        XCTAssertEqual(String(buffer: joined), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
        XCTAssertNil(try channel.readOutbound(as: IOData.self))
        XCTAssertEqual(completed, 3)

        let large = String(repeating: "x", count: WriteCoalescingHandler.passThroughSize)
        channel.write(bytes("a"), promise: nil)
        channel.write(bytes(large), promise: nil)
        channel.write(bytes("b"), promise: nil)
        channel.flush()
        var out: [String] = []
        while case .byteBuffer(let buffer)? = try channel.readOutbound(as: IOData.self) {
            out.append(String(buffer: buffer))
        }
        XCTAssertEqual(out, ["a", large, "b"])
        XCTAssertTrue(try channel.finish().isClean)
    }
}
