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
        Iterator(open: open, maxLineBytes: maxLineBytes, path: path)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let open: @Sendable () async throws -> HTTPClientResponse.Body
        let path: String
        var body: HTTPClientResponse.Body.AsyncIterator?
        var framer: LineFramer
        var pending: [ArraySlice<UInt8>] = []
        var pendingIndex = 0
        var finished = false

        init(open: @escaping @Sendable () async throws -> HTTPClientResponse.Body, maxLineBytes: Int, path: String) {
            self.open = open
            self.path = path
            self.framer = LineFramer(maxLineBytes: maxLineBytes)
        }

        public mutating func next() async throws -> WatchEvent<Object>? {
            while true {
                if pendingIndex < pending.count {
                    let line = pending[pendingIndex]
                    pendingIndex += 1
                    return try WatchLineDecoder.decode(line, as: Object.self, path: path)
                }
                if finished { return nil }
                if body == nil { body = try await open().makeAsyncIterator() }
                let chunk: ByteBuffer?
                do {
                    chunk = try await body?.next()
                } catch {
                    finished = true
                    throw KubeClientError(.connection, "watch \(path) was cut: \(error)")
                }
                guard let chunk else {
                    finished = true
                    let rest = framer.remainder
                    pending = rest.isEmpty ? [] : [rest]
                    pendingIndex = 0
                    continue
                }
                do {
                    pending = try chunk.withUnsafeReadableBytes { try framer.push($0) }
                } catch let e as LineFramer.LineTooLong {
                    finished = true
                    throw KubeClientError(.oversizedResponse, "watch \(path) sent an object over \(e.limit) bytes")
                }
                pendingIndex = 0
            }
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
