/// The wire types of the protobuf encoding (the low three bits of a tag).
enum ProtobufWireType: Int, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}

/// One value as it appeared on the wire, before the schema gives it a meaning.
enum ProtobufWireValue: Sendable {
    case varint(UInt64)
    case fixed64(UInt64)
    case fixed32(UInt32)
    /// The bytes of a length-delimited value, as a range into the reader's buffer.
    case bytes(Range<Int>)

    var wireType: ProtobufWireType {
        switch self {
        case .varint: return .varint
        case .fixed64: return .fixed64
        case .fixed32: return .fixed32
        case .bytes: return .lengthDelimited
        }
    }
}

/// A cursor over protobuf-encoded bytes.
///
/// Every read either moves the cursor forward or throws, and no read goes past `end`, so a loop
/// of `nextField()` calls always terminates, whatever the input.
struct ProtobufWireReader {
    let buffer: [UInt8]
    private(set) var position: Int
    let end: Int

    /// Reads `range` of `buffer` (all of it by default).
    init(_ buffer: [UInt8], range: Range<Int>? = nil) {
        self.buffer = buffer
        let r = range ?? buffer.indices
        self.position = r.lowerBound
        self.end = r.upperBound
    }

    var isAtEnd: Bool { position >= end }

    /// A protobuf varint (at most 10 bytes; bits past 64 are an error in spirit but harmless, so
    /// only the length is checked, as Go's decoder does).
    mutating func readVarint() throws -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw KubeProtobufError.truncated(offset: start) }
            guard shift < 70 else { throw KubeProtobufError.malformedVarint(offset: start) }
            let byte = buffer[position]
            position += 1
            if shift < 64 { result |= UInt64(byte & 0x7f) << shift }
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func readFixed32() throws -> UInt32 {
        guard end - position >= 4 else { throw KubeProtobufError.truncated(offset: position) }
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(buffer[position + i]) << (8 * UInt32(i)) }
        position += 4
        return value
    }

    mutating func readFixed64() throws -> UInt64 {
        guard end - position >= 8 else { throw KubeProtobufError.truncated(offset: position) }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(buffer[position + i]) << (8 * UInt64(i)) }
        position += 8
        return value
    }

    /// A length prefix and the range of bytes it covers.
    mutating func readLengthDelimited() throws -> Range<Int> {
        let start = position
        let length = try readVarint()
        // Compare as unsigned so a huge length cannot overflow `Int` arithmetic.
        guard length <= UInt64(end - position) else { throw KubeProtobufError.lengthOutOfRange(offset: start) }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return range
    }

    /// The next field's number and value, or `nil` at the end of the message. Groups (a proto2
    /// feature Kubernetes never uses) are skipped whole and reported as no value.
    mutating func nextField() throws -> (number: Int, value: ProtobufWireValue?)? {
        guard !isAtEnd else { return nil }
        let (number, wireType) = try readTag()
        switch wireType {
        case .varint: return (number, .varint(try readVarint()))
        case .fixed64: return (number, .fixed64(try readFixed64()))
        case .fixed32: return (number, .fixed32(try readFixed32()))
        case .lengthDelimited: return (number, .bytes(try readLengthDelimited()))
        case .startGroup:
            try skipGroup(number)
            return (number, nil)
        case .endGroup:
            throw KubeProtobufError.unbalancedGroup(offset: position)
        }
    }

    private mutating func readTag() throws -> (Int, ProtobufWireType) {
        let start = position
        let tag = try readVarint()
        guard let wireType = ProtobufWireType(rawValue: Int(tag & 7)) else {
            throw KubeProtobufError.invalidWireType(Int(tag & 7), offset: start)
        }
        let number = tag >> 3
        guard number >= 1, number <= 536_870_911 else {
            throw KubeProtobufError.invalidFieldNumber(number, offset: start)
        }
        return (Int(number), wireType)
    }

    /// Skips the fields of a group up to its matching end tag. Nested groups are tracked with a
    /// counter rather than recursion, so hostile nesting cannot exhaust the stack.
    private mutating func skipGroup(_ number: Int) throws {
        let start = position
        var open = [number]
        while let top = open.last {
            guard !isAtEnd else { throw KubeProtobufError.unbalancedGroup(offset: start) }
            let (inner, wireType) = try readTag()
            switch wireType {
            case .varint: _ = try readVarint()
            case .fixed64: _ = try readFixed64()
            case .fixed32: _ = try readFixed32()
            case .lengthDelimited: _ = try readLengthDelimited()
            case .startGroup:
                guard open.count < ProtobufMessageDecoder.maximumDepth else {
                    throw KubeProtobufError.nestingTooDeep(limit: ProtobufMessageDecoder.maximumDepth)
                }
                open.append(inner)
            case .endGroup:
                guard inner == top else { throw KubeProtobufError.unbalancedGroup(offset: position) }
                open.removeLast()
            }
        }
    }
}
