import AsyncHTTPClient
import Foundation
import KubeCore
import NIOCore

/// The events of one watch request, in order, as an `AsyncSequence`.
///
/// The sequence ends when the server closes the watch normally (its timeout);
/// it throws ``WatchErrorEvent`` when the server sends an `ERROR` event (check
/// `isGone` for 410: the resourceVersion is too old, list again), and
/// ``KubeClientError`` when the connection breaks. In both cases resume with a
/// new watch from the last resourceVersion seen.
public struct WatchStream<Object: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = WatchEvent<Object>

    let open: @Sendable () async throws -> HTTPClientResponse.Body
    let maxLineBytes: Int
    let path: String

    public func makeAsyncIterator() -> Iterator {
        // The request runs in a task of its own that the iterator's end cancels: a consumer
        // that stops iterating (breaks out of its loop) closes the connection instead of
        // leaving the watch open until the server's timeout.
        let (stream, continuation) = AsyncThrowingStream<WatchEvent<Object>, any Error>.makeStream()
        let open = self.open
        let path = self.path
        let maxLineBytes = self.maxLineBytes
        let producer = Task {
            do {
                var framer = LineFramer(maxLineBytes: maxLineBytes)
                let body = try await open()
                do {
                    for try await chunk in body {
                        let lines = try chunk.withUnsafeReadableBytes { try framer.push($0) }
                        for line in lines {
                            continuation.yield(try WatchLineDecoder.decode(line, as: Object.self, path: path))
                        }
                    }
                } catch let e as LineFramer.LineTooLong {
                    throw KubeClientError(.oversizedResponse, "watch \(path) sent an object over \(e.limit) bytes")
                } catch let e as WatchErrorEvent {
                    throw e
                } catch let e as KubeClientError {
                    throw e
                } catch {
                    if Task.isCancelled { throw CancellationError() }
                    throw KubeClientError(.connection, "watch \(path) was cut: \(error)")
                }
                let rest = framer.remainder
                if !rest.isEmpty {
                    continuation.yield(try WatchLineDecoder.decode(rest, as: Object.self, path: path))
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in producer.cancel() }
        return Iterator(base: stream.makeAsyncIterator())
    }

    public struct Iterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<WatchEvent<Object>, any Error>.AsyncIterator

        public mutating func next() async throws -> WatchEvent<Object>? {
            try await base.next()
        }
    }
}

/// Decodes one line of a watch stream: `{"type": "...", "object": {...}}`.
public enum WatchLineDecoder {
    public static func decode<Object: Decodable & Sendable>(
        _ line: ArraySlice<UInt8>, as type: Object.Type, path: String = ""
    ) throws -> WatchEvent<Object> {
        let envelope: Envelope<Object>
        do {
            envelope = try KubeJSON.decode(Envelope<Object>.self, from: Data(line))
        } catch let error as WatchErrorEvent {
            throw error
        } catch {
            throw KubeClientError(.decoding, "watch \(path) sent an event that could not be decoded: \(error)")
        }
        return envelope.event
    }

    struct Envelope<Object: Decodable & Sendable>: Decodable {
        var event: WatchEvent<Object>

        enum CodingKeys: String, CodingKey { case type, object }

        struct BookmarkObject: Decodable {
            struct Meta: Decodable { var resourceVersion: String? }
            var metadata: Meta?
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let type = try c.decode(String.self, forKey: .type)
            switch type {
            case "ADDED": event = .added(try c.decode(Object.self, forKey: .object))
            case "MODIFIED": event = .modified(try c.decode(Object.self, forKey: .object))
            case "DELETED": event = .deleted(try c.decode(Object.self, forKey: .object))
            case "BOOKMARK":
                let o = try c.decode(BookmarkObject.self, forKey: .object)
                event = .bookmark(resourceVersion: o.metadata?.resourceVersion ?? "")
            case "ERROR":
                let status = (try? c.decode(Status.self, forKey: .object)) ?? Status(message: "watch error", code: 500)
                throw WatchErrorEvent(status: status)
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .type, in: c, debugDescription: "unknown watch event type '\(type)'")
            }
        }
    }
}
