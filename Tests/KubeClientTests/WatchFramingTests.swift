import Foundation
import KubeCore
import XCTest

@testable import KubeClient

/// A minimal typed object for decoding tests.
private struct Thing: Codable, Sendable, Equatable {
    struct Meta: Codable, Sendable, Equatable {
        var name: String
        var resourceVersion: String
    }
    var metadata: Meta
    var data: [String: String]?
}

final class WatchFramingTests: XCTestCase {
    /// A recorded watch stream: several events, one with a large object, a bookmark,
    /// CRLF line ends and a blank keep-alive line.
    private func recordedStream(bigObjectBytes: Int = 70_000) -> [UInt8] {
        let big = String(repeating: "x", count: bigObjectBytes)
        let lines = [
            #"{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"1"},"data":{"k":"v"}}}"#,
            #"{"type":"MODIFIED","object":{"metadata":{"name":"a","resourceVersion":"2"},"data":{"big":"\#(big)"}}}"#,
            "",
            #"{"type":"BOOKMARK","object":{"kind":"Thing","metadata":{"resourceVersion":"5"}}}"#,
            #"{"type":"DELETED","object":{"metadata":{"name":"a","resourceVersion":"6"},"data":{"ü":"\n"}}}"#,
        ]
        return Array((lines.joined(separator: "\n") + "\r\n").utf8)
    }

    private func decodeAll(chunks: [ArraySlice<UInt8>]) throws -> [WatchEvent<Thing>] {
        var framer = LineFramer()
        var events: [WatchEvent<Thing>] = []
        for chunk in chunks {
            for line in try framer.push(chunk) {
                events.append(try WatchLineDecoder.decode(line, as: Thing.self))
            }
        }
        XCTAssertTrue(framer.remainder.isEmpty)
        return events
    }

    private func summary(_ events: [WatchEvent<Thing>]) -> [String] {
        events.map { e in
            switch e {
            case .bookmark(let rv): return "BOOKMARK \(rv)"
            default: return "\(e.type) \(e.object?.metadata.resourceVersion ?? "") \(e.object?.data?.count ?? 0)"
            }
        }
    }

    func testEverySplitPointYieldsTheSameEvents() throws {
        // The large object still spans many TCP-sized reads but keeps the O(n²) loop quick.
        let stream = recordedStream(bigObjectBytes: 3000)
        let expected = ["ADDED 1 1", "MODIFIED 2 1", "BOOKMARK 5", "DELETED 6 1"]
        XCTAssertEqual(summary(try decodeAll(chunks: [stream[...]])), expected)
        // Split into two chunks at every byte offset: the chunk may end anywhere.
        for offset in 0...stream.count {
            let events = try decodeAll(chunks: [stream[..<offset], stream[offset...]])
            XCTAssertEqual(summary(events), expected, "split at \(offset)")
        }
    }

    func testTinyChunksAndWholeStreamInOneChunk() throws {
        let stream = recordedStream()
        let expected = ["ADDED 1 1", "MODIFIED 2 1", "BOOKMARK 5", "DELETED 6 1"]
        let oneByte = stream.indices.map { stream[$0...$0] }
        XCTAssertEqual(summary(try decodeAll(chunks: oneByte)), expected)
        let sevenBytes = stride(from: 0, to: stream.count, by: 7).map { stream[$0..<min($0 + 7, stream.count)] }
        XCTAssertEqual(summary(try decodeAll(chunks: sevenBytes)), expected)
    }

    func testTheLargeObjectSurvivesIntact() throws {
        let events = try decodeAll(chunks: [recordedStream()[...]])
        XCTAssertEqual(events[1].object?.data?["big"]?.count, 70_000)
        XCTAssertEqual(events[3].object?.data?["ü"], "\n")
    }

    func testErrorEventIsATypedGoneError() throws {
        let line = Array(
            #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}"#
                .utf8)
        XCTAssertThrowsError(try WatchLineDecoder.decode(line[...], as: Thing.self)) { error in
            guard let e = error as? WatchErrorEvent else { return XCTFail("got \(error)") }
            XCTAssertTrue(e.isGone)
            XCTAssertEqual(e.status.code, 410)
            XCTAssertEqual(e.apiError.kind, .gone)
        }
    }

    func testOversizedLineIsRejected() {
        var framer = LineFramer(maxLineBytes: 1000)
        XCTAssertThrowsError(try framer.push(Array(repeating: UInt8(ascii: "a"), count: 1001)))
    }

    func testUnterminatedFinalLineIsAvailableAsRemainder() throws {
        var framer = LineFramer()
        XCTAssertEqual(try framer.push(Array(#"{"a":1}"#.utf8) + [0x0A] + Array(#"{"b":2}"#.utf8)).count, 1)
        XCTAssertEqual(String(decoding: framer.remainder, as: UTF8.self), #"{"b":2}"#)
    }
}
