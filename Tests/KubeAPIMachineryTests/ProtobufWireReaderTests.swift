import XCTest

@testable import KubeAPIMachinery

final class ProtobufWireReaderTests: XCTestCase {
    func fields(_ bytes: [UInt8]) throws -> [(Int, ProtobufWireValue?)] {
        var reader = ProtobufWireReader(bytes)
        var out: [(Int, ProtobufWireValue?)] = []
        while let next = try reader.nextField() { out.append((next.number, next.value)) }
        return out
    }

    func error(_ bytes: [UInt8]) -> KubeProtobufError? {
        do {
            _ = try fields(bytes)
            return nil
        } catch {
            return error as? KubeProtobufError
        }
    }

    func testVarints() throws {
        for value: UInt64 in [0, 1, 127, 128, 300, 1 << 35, UInt64(Int64.max), UInt64.max] {
            var w = ProtoWriter()
            w.rawVarint(value)
            var reader = ProtobufWireReader(w.bytes)
            XCTAssertEqual(try reader.readVarint(), value)
            XCTAssertTrue(reader.isAtEnd)
        }
        // UInt64.max takes exactly ten bytes; an eleventh continuation byte is malformed.
        var reader = ProtobufWireReader([UInt8](repeating: 0xff, count: 10) + [0x01])
        XCTAssertThrowsError(try reader.readVarint()) {
            XCTAssertEqual($0 as? KubeProtobufError, .malformedVarint(offset: 0))
        }
        var short = ProtobufWireReader([0x80, 0x80])
        XCTAssertThrowsError(try short.readVarint()) { XCTAssertEqual($0 as? KubeProtobufError, .truncated(offset: 0)) }
    }

    func testEveryWireType() throws {
        let w = ProtoWriter {
            $0.varint(1, 150)
            $0.fixed64(2, 0x0102_0304_0506_0708)
            $0.string(3, "hi")
            $0.fixed32(5, 0xdead_beef)
        }
        let got = try fields(w.bytes)
        XCTAssertEqual(got.map(\.0), [1, 2, 3, 5])
        guard case .varint(150) = got[0].1, case .fixed64(0x0102_0304_0506_0708) = got[1].1,
            case .bytes(let r) = got[2].1, case .fixed32(0xdead_beef) = got[3].1
        else { return XCTFail("\(got)") }
        XCTAssertEqual(Array(w.bytes[r]), Array("hi".utf8))
    }

    func testFixedWidthValuesMustBeComplete() {
        XCTAssertEqual(error([0x0d, 1, 2, 3]), .truncated(offset: 1))
        XCTAssertEqual(error([0x09, 1, 2, 3, 4, 5, 6, 7]), .truncated(offset: 1))
    }

    func testLengthsMustStayInsideTheMessage() {
        XCTAssertEqual(error([0x0a, 0x05, 1, 2]), .lengthOutOfRange(offset: 1))
        // A length near 2^64 must not overflow the bounds arithmetic.
        XCTAssertEqual(error([0x0a] + [UInt8](repeating: 0xff, count: 9) + [0x01]), .lengthOutOfRange(offset: 1))
        XCTAssertEqual(error([0x0a]), .truncated(offset: 1))
        // A nested reader cannot see past its own range even when the buffer goes on.
        var reader = ProtobufWireReader([0x0a, 0x03, 0x41, 0x42, 0x43], range: 0..<4)
        XCTAssertThrowsError(try reader.nextField())
    }

    func testInvalidTags() {
        XCTAssertEqual(error([0x0e]), .invalidWireType(6, offset: 0))
        XCTAssertEqual(error([0x0f]), .invalidWireType(7, offset: 0))
        XCTAssertEqual(error([0x00, 0x00]), .invalidFieldNumber(0, offset: 0))
        var w = ProtoWriter()
        w.rawVarint(UInt64(536_870_912) << 3)
        XCTAssertEqual(error(w.bytes), .invalidFieldNumber(536_870_912, offset: 0))
    }

    func testGroupsAreSkippedWhole() throws {
        var w = ProtoWriter()
        w.tag(4, 3)  // start group 4
        w.varint(1, 7)
        w.tag(5, 3)  // nested group 5
        w.string(2, "x")
        w.tag(5, 4)
        w.tag(4, 4)  // end group 4
        w.varint(6, 1)
        let got = try fields(w.bytes)
        XCTAssertEqual(got.map(\.0), [4, 6])
        XCTAssertNil(got[0].1)
    }

    func testUnbalancedAndDeepGroupsFail() {
        XCTAssertEqual(error([0x0c]), .unbalancedGroup(offset: 1))  // end group with no start
        var mismatched = ProtoWriter()
        mismatched.tag(1, 3)
        mismatched.tag(2, 4)
        XCTAssertEqual(error(mismatched.bytes), .unbalancedGroup(offset: 2))
        var unclosed = ProtoWriter()
        unclosed.tag(1, 3)
        unclosed.varint(2, 1)
        XCTAssertEqual(error(unclosed.bytes), .unbalancedGroup(offset: 1))
        var deep = ProtoWriter()
        for _ in 0..<1000 { deep.tag(1, 3) }
        XCTAssertEqual(error(deep.bytes), .nestingTooDeep(limit: ProtobufMessageDecoder.maximumDepth))
    }
}
