import Foundation
import KubeCore

/// The apimachinery types whose JSON is not an object of their protobuf fields.
extension ProtobufMessageDecoder {
    /// A decoded special type: `value` is `nil` when Go marshals it as `null`.
    struct Special {
        let value: JSONValue?
    }

    /// The JSON of `name` if it is one of the special types, else `nil`.
    ///
    /// Their layouts, from apimachinery's generated.proto files:
    /// - `meta.Time`, `meta.MicroTime`: `int64 seconds = 1; int32 nanos = 2` (Unix time).
    /// - `resource.Quantity`: `string string = 1`.
    /// - `intstr.IntOrString`: `int64 type = 1; int32 intVal = 2; string strVal = 3` (type 1 is a string).
    /// - `meta.FieldsV1`: `bytes Raw = 1`, holding JSON.
    /// - `meta.StringList` (`ExtraValue`, `Verbs`): `repeated string items = 1`.
    func decodeSpecial(_ name: String, _ buffer: [UInt8], _ range: Range<Int>) throws -> Special? {
        switch name {
        case "meta.Time", "meta.MicroTime":
            return Special(value: try time(buffer, range, micro: name == "meta.MicroTime"))
        case "resource.Quantity":
            let text = try fields(of: name, buffer, range)[1].map { try string($0, name, "string", 1, buffer) }
            // A zero Quantity marshals as "0".
            return Special(value: .string(text.flatMap { $0.isEmpty ? nil : $0 } ?? "0"))
        case "intstr.IntOrString":
            let f = try fields(of: name, buffer, range)
            let type = try f[1].map { try varint($0, name, "type", 1) } ?? 0
            if type == 1 {
                return Special(value: .string(try f[3].map { try string($0, name, "strVal", 3, buffer) } ?? ""))
            }
            let int = try f[2].map { try varint($0, name, "intVal", 2) } ?? 0
            return Special(value: .int(Int64(Int32(truncatingIfNeeded: int))))
        case "meta.FieldsV1":
            guard let raw = try fields(of: name, buffer, range)[1] else { return Special(value: nil) }
            guard case .bytes(let r) = raw else { throw Self.mismatch(name, "Raw", 1, raw, .lengthDelimited) }
            do {
                return Special(value: try JSONValue.parse(Data(buffer[r])))
            } catch {
                throw KubeProtobufError.invalidEmbeddedJSON(String(describing: error))
            }
        case "meta.StringList":
            var items: [JSONValue] = []
            var reader = ProtobufWireReader(buffer, range: range)
            while let next = try reader.nextField() {
                guard next.number == 1, let value = next.value else { continue }
                items.append(.string(try string(value, name, "items", 1, buffer)))
            }
            return Special(value: .array(items))
        default:
            return nil
        }
    }

    /// Go's `metav1.Time` writes nothing for the zero time and reads an empty message back as
    /// zero; its JSON is `null`, so the field is left out. Anything else is a Unix time, shown
    /// as RFC 3339 in UTC: whole seconds for `Time`, microseconds for `MicroTime`, both truncated
    /// as Go's formatting truncates.
    private func time(_ buffer: [UInt8], _ range: Range<Int>, micro: Bool) throws -> JSONValue? {
        let name = micro ? "meta.MicroTime" : "meta.Time"
        let f = try fields(of: name, buffer, range)
        guard f[1] != nil || f[2] != nil else { return nil }
        var seconds = Int64(bitPattern: try f[1].map { try varint($0, name, "seconds", 1) } ?? 0)
        var nanos = Int64(Int32(truncatingIfNeeded: try f[2].map { try varint($0, name, "nanos", 2) } ?? 0))
        // Normalise as Go's time.Unix does, so nanos end up in 0..<1e9.
        seconds = seconds.addingReportingOverflow(nanos / 1_000_000_000).partialValue
        nanos %= 1_000_000_000
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds = seconds.subtractingReportingOverflow(1).partialValue
        }
        let micros = micro ? Double(nanos / 1000) / 1_000_000 : 0
        let date = Date(timeIntervalSince1970: Double(seconds) + micros)
        return .string(RFC3339.format(date, fractionDigits: micro ? 6 : 0))
    }

    /// The last occurrence of each field of a small special message, indexed by number.
    private func fields(of name: String, _ buffer: [UInt8], _ range: Range<Int>) throws -> SpecialFields {
        var found = SpecialFields()
        var reader = ProtobufWireReader(buffer, range: range)
        while let next = try reader.nextField() {
            guard let value = next.value, (1...3).contains(next.number) else { continue }
            found.values[next.number] = value
        }
        return found
    }

    private func varint(_ value: ProtobufWireValue, _ message: String, _ field: String, _ number: Int) throws
        -> UInt64
    {
        guard case .varint(let v) = value else { throw Self.mismatch(message, field, number, value, .varint) }
        return v
    }

    private func string(
        _ value: ProtobufWireValue, _ message: String, _ field: String, _ number: Int, _ buffer: [UInt8]
    ) throws -> String {
        guard case .bytes(let r) = value else {
            throw Self.mismatch(message, field, number, value, .lengthDelimited)
        }
        return String(decoding: buffer[r], as: UTF8.self)
    }

    private static func mismatch(
        _ message: String, _ field: String, _ number: Int, _ value: ProtobufWireValue, _ expected: ProtobufWireType
    ) -> KubeProtobufError {
        .wireTypeMismatch(
            message: message, field: field, number: number, expected: expected.rawValue,
            actual: value.wireType.rawValue)
    }
}

/// Fields 1 to 3 of a special message.
struct SpecialFields {
    var values: [ProtobufWireValue?] = [nil, nil, nil, nil]

    subscript(_ number: Int) -> ProtobufWireValue? { values[number] }
}
