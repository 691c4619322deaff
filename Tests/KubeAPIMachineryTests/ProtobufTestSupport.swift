import Foundation
import KubeCore

@testable import KubeAPIMachinery

/// A protobuf body (base64, split over lines) and the JSON it must decode to (split anywhere).
struct ProtobufFixture {
    let name: String
    let body: String
    let json: String

    var bytes: [UInt8] { [UInt8](Data(base64Encoded: body.filter { !$0.isNewline }) ?? Data()) }

    /// The JSON with the line breaks of the source removed (escaped `\n`s inside strings stay).
    func expected() throws -> JSONValue { try JSONValue.parse(Data(json.filter { $0 != "\n" }.utf8)) }
}

/// A minimal protobuf writer, enough to hand-encode test messages.
struct ProtoWriter {
    private(set) var bytes: [UInt8] = []

    init(_ build: (inout ProtoWriter) -> Void = { _ in }) { build(&self) }

    mutating func rawVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func tag(_ field: Int, _ wireType: Int) { rawVarint(UInt64(field) << 3 | UInt64(wireType)) }

    mutating func varint(_ field: Int, _ value: UInt64) {
        tag(field, 0)
        rawVarint(value)
    }

    /// A signed integer as Go writes int32 and int64: two's complement in 64 bits.
    mutating func int(_ field: Int, _ value: Int64) { varint(field, UInt64(bitPattern: value)) }

    mutating func bool(_ field: Int, _ value: Bool) { varint(field, value ? 1 : 0) }

    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        tag(field, 2)
        rawVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ field: Int, _ value: String) { bytes(field, Array(value.utf8)) }

    mutating func message(_ field: Int, _ build: (inout ProtoWriter) -> Void) {
        bytes(field, ProtoWriter(build).bytes)
    }

    mutating func fixed32(_ field: Int, _ value: UInt32) {
        tag(field, 5)
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(i)))) }
    }

    mutating func fixed64(_ field: Int, _ value: UInt64) {
        tag(field, 1)
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    /// Integers packed into one length-delimited value.
    mutating func packed(_ field: Int, _ values: [Int64]) {
        var inner = ProtoWriter()
        for v in values { inner.rawVarint(UInt64(bitPattern: v)) }
        bytes(field, inner.bytes)
    }

    mutating func entry(_ field: Int, _ key: String, _ value: String) {
        message(field) {
            $0.string(1, key)
            $0.string(2, value)
        }
    }

    mutating func entry(_ field: Int, _ key: String, _ build: @escaping (inout ProtoWriter) -> Void) {
        message(field) {
            $0.string(1, key)
            $0.message(2, build)
        }
    }

    /// `k8s\0` and a `runtime.Unknown` around the message built by `build`.
    static func envelope(_ apiVersion: String, _ kind: String, _ build: (inout ProtoWriter) -> Void) -> [UInt8] {
        let raw = ProtoWriter(build).bytes
        let unknown = ProtoWriter {
            $0.message(1) {
                $0.string(1, apiVersion)
                $0.string(2, kind)
            }
            $0.bytes(2, raw)
        }
        return KubeProtobuf.magic + unknown.bytes
    }
}

/// A deterministic pseudo-random generator (SplitMix64), so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
