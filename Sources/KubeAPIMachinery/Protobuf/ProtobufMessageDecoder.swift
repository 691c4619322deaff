import Foundation
import KubeCore

/// Turns protobuf messages into the JSON the same Go object would marshal to, driven by
/// `KubeProtobufSchema`.
struct ProtobufMessageDecoder {
    /// Deeper nesting than any Kubernetes type has; the limit keeps hostile input from
    /// exhausting the stack.
    static let maximumDepth = 64

    let messages: [String: ProtobufMessageSchema]

    /// The JSON of message `name` held in `range` of `buffer`, or `nil` when Go would marshal it
    /// as `null` (a zero `metav1.Time`), which the caller then leaves out.
    func decode(_ name: String, _ buffer: [UInt8], _ range: Range<Int>, depth: Int = 0) throws -> JSONValue? {
        guard depth <= Self.maximumDepth else { throw KubeProtobufError.nestingTooDeep(limit: Self.maximumDepth) }
        if let special = try decodeSpecial(name, buffer, range) { return special.value }
        guard let schema = messages[name] else {
            // Only a typo in the tables leads here; unknown data is better than a failed request.
            return .object([:])
        }
        var object: [String: JSONValue] = [:]
        try decodeFields(schema, buffer, range, depth: depth, into: &object)
        return .object(object)
    }

    /// Decodes the fields of `schema` into `object`; `inline` fields recurse with the same object.
    private func decodeFields(
        _ schema: ProtobufMessageSchema, _ buffer: [UInt8], _ range: Range<Int>, depth: Int,
        into object: inout [String: JSONValue]
    ) throws {
        // Gather each known field's occurrences first: protobuf lets a field repeat, and what a
        // repeat means (append, merge or replace) depends on the field's type.
        var occurrences: [Int: [ProtobufWireValue]] = [:]
        var order: [Int] = []
        var reader = ProtobufWireReader(buffer, range: range)
        while let (number, value) = try reader.nextField() {
            guard let value, schema.fieldsByNumber[number] != nil else { continue }
            if occurrences[number] == nil { order.append(number) }
            occurrences[number, default: []].append(value)
        }
        for number in order {
            guard let field = schema.fieldsByNumber[number], let values = occurrences[number] else { continue }
            try decodeField(field, of: schema.name, values, buffer, depth: depth, into: &object)
        }
    }

    private func decodeField(
        _ field: ProtobufField, of message: String, _ values: [ProtobufWireValue], _ buffer: [UInt8], depth: Int,
        into object: inout [String: JSONValue]
    ) throws {
        func mismatch(_ value: ProtobufWireValue, _ expected: ProtobufWireType) -> KubeProtobufError {
            .wireTypeMismatch(
                message: message, field: field.name.isEmpty ? "(inline)" : field.name, number: field.number,
                expected: expected.rawValue, actual: value.wireType.rawValue)
        }
        switch field.type {
        case .string, .bytes, .int32, .int64, .bool:
            // A repeated scalar means the last one wins.
            guard let last = values.last else { return }
            let value = try scalar(field.type, last, buffer, mismatch: mismatch)
            // JSONValue is ExpressibleByNilLiteral, so a bare `nil` here would store `.null`.
            object[field.name] = field.zeroValue == .omit && Self.isZero(value) ? JSONValue?.none : value
        case .message(let type):
            // Repeats of a message merge, which is what decoding their concatenation does.
            let (joined, range) = try concatenate(values, buffer, mismatch: mismatch)
            object[field.name] = try decode(type, joined, range, depth: depth + 1)
        case .inline(let type):
            let (joined, range) = try concatenate(values, buffer, mismatch: mismatch)
            guard let schema = messages[type] else { return }
            try decodeFields(schema, joined, range, depth: depth + 1, into: &object)
        case .repeated(let element):
            var items: [JSONValue] = []
            for value in values {
                try appendElements(element, value, buffer, depth: depth, to: &items, mismatch: mismatch)
            }
            object[field.name] = items.isEmpty ? JSONValue?.none : .array(items)
        case .map(let valueType):
            var entries: [String: JSONValue] = [:]
            for value in values {
                guard case .bytes(let range) = value else { throw mismatch(value, .lengthDelimited) }
                let (key, entry) = try mapEntry(valueType, buffer, range, depth: depth, mismatch: mismatch)
                entries[key] = entry
            }
            object[field.name] = entries.isEmpty ? JSONValue?.none : .object(entries)
        }
    }

    private func scalar(
        _ type: ProtobufFieldType, _ value: ProtobufWireValue, _ buffer: [UInt8],
        mismatch: (ProtobufWireValue, ProtobufWireType) -> KubeProtobufError
    ) throws -> JSONValue {
        switch (type, value) {
        case (.string, .bytes(let range)):
            // Go does not check UTF-8 here and its JSON encoder replaces bad sequences with
            // U+FFFD, which is what decoding as UTF-8 does.
            return .string(String(decoding: buffer[range], as: UTF8.self))
        case (.bytes, .bytes(let range)):
            return .string(Data(buffer[range]).base64EncodedString())
        case (.int32, .varint(let v)):
            // Negative int32s are sign-extended to 64 bits on the wire; truncating undoes that.
            return .int(Int64(Int32(truncatingIfNeeded: v)))
        case (.int64, .varint(let v)):
            return .int(Int64(bitPattern: v))
        case (.bool, .varint(let v)):
            return .bool(v != 0)
        case (.string, _), (.bytes, _):
            throw mismatch(value, .lengthDelimited)
        default:
            throw mismatch(value, .varint)
        }
    }

    private func appendElements(
        _ element: ProtobufFieldType, _ value: ProtobufWireValue, _ buffer: [UInt8], depth: Int,
        to items: inout [JSONValue], mismatch: (ProtobufWireValue, ProtobufWireType) -> KubeProtobufError
    ) throws {
        switch (element, value) {
        case (.message(let type), .bytes(let range)):
            // A zero Time inside a list is still a list element; Go shows it as null.
            items.append(try decode(type, buffer, range, depth: depth + 1) ?? .null)
        case (.message, _):
            throw mismatch(value, .lengthDelimited)
        case (.int32, .bytes(let range)), (.int64, .bytes(let range)), (.bool, .bytes(let range)):
            // Packed encoding: the varints back to back inside one length-delimited value.
            var reader = ProtobufWireReader(buffer, range: range)
            while !reader.isAtEnd {
                items.append(try scalar(element, .varint(try reader.readVarint()), buffer, mismatch: mismatch))
            }
        default:
            items.append(try scalar(element, value, buffer, mismatch: mismatch))
        }
    }

    /// One entry of a `map<string, V>`: a message with the key as field 1 and the value as field 2.
    private func mapEntry(
        _ valueType: ProtobufFieldType, _ buffer: [UInt8], _ range: Range<Int>, depth: Int,
        mismatch: (ProtobufWireValue, ProtobufWireType) -> KubeProtobufError
    ) throws -> (String, JSONValue) {
        var key = ""
        var rawValue: ProtobufWireValue?
        var reader = ProtobufWireReader(buffer, range: range)
        while let (number, value) = try reader.nextField() {
            guard let value else { continue }
            if number == 1 {
                guard case .bytes(let r) = value else { throw mismatch(value, .lengthDelimited) }
                key = String(decoding: buffer[r], as: UTF8.self)
            } else if number == 2 {
                rawValue = value
            }
        }
        // A missing value is the type's zero value, as in every protobuf implementation.
        let value = rawValue ?? .bytes(range.upperBound..<range.upperBound)
        switch valueType {
        case .message(let type):
            guard case .bytes(let r) = value else { throw mismatch(value, .lengthDelimited) }
            return (key, try decode(type, buffer, r, depth: depth + 1) ?? .null)
        default:
            return (key, try scalar(valueType, value, buffer, mismatch: mismatch))
        }
    }

    /// The payload of a message field: the one occurrence as is, or several joined into a copy.
    private func concatenate(
        _ values: [ProtobufWireValue], _ buffer: [UInt8],
        mismatch: (ProtobufWireValue, ProtobufWireType) -> KubeProtobufError
    ) throws -> ([UInt8], Range<Int>) {
        var ranges: [Range<Int>] = []
        for value in values {
            guard case .bytes(let range) = value else { throw mismatch(value, .lengthDelimited) }
            ranges.append(range)
        }
        if ranges.count == 1, let only = ranges.first { return (buffer, only) }
        var joined: [UInt8] = []
        for range in ranges { joined.append(contentsOf: buffer[range]) }
        return (joined, joined.indices)
    }

    static func isZero(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let s): return s.isEmpty
        case .int(let i): return i == 0
        case .bool(let b): return !b
        default: return false
        }
    }
}
