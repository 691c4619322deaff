/// Why a Kubernetes protobuf body could not be turned into JSON.
///
/// Every malformed input ends in one of these; the decoder never traps on bytes it is given.
public enum KubeProtobufError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The body does not start with the 4-byte `k8s\0` magic of the Kubernetes envelope.
    case missingMagic
    /// The input ended inside a value that started at `offset`.
    case truncated(offset: Int)
    /// A varint at `offset` ran past 10 bytes.
    case malformedVarint(offset: Int)
    /// A tag at `offset` used wire type `wireType`, which protobuf does not define.
    case invalidWireType(Int, offset: Int)
    /// A tag at `offset` carried field number 0 or one above 2^29 - 1.
    case invalidFieldNumber(UInt64, offset: Int)
    /// A length prefix at `offset` pointed past the end of its enclosing message.
    case lengthOutOfRange(offset: Int)
    /// An end-group tag at `offset` had no matching start, or a group was never closed.
    case unbalancedGroup(offset: Int)
    /// Messages nested deeper than the decoder accepts.
    case nestingTooDeep(limit: Int)
    /// Field `field` (`number`) of `message` arrived with wire type `actual`; its type needs `expected`.
    case wireTypeMismatch(message: String, field: String, number: Int, expected: Int, actual: Int)
    /// No schema is known for this kind, so its body cannot be decoded.
    case unsupportedKind(apiVersion: String, kind: String)
    /// `KubeProtobuf.decodeMessage` was given a schema key that names no message.
    case unknownMessage(String)
    /// The envelope's `runtime.Unknown` named no kind.
    case missingKind
    /// The envelope's payload is compressed or otherwise encoded (`contentEncoding`).
    case unsupportedContentEncoding(String)
    /// The envelope's payload is in a serialization other than protobuf or JSON.
    case unsupportedContentType(String)
    /// A payload declared as JSON (or a `FieldsV1` blob) did not parse.
    case invalidEmbeddedJSON(String)

    /// A sentence for logs and for the message of the `Status` the server answers with.
    public var description: String {
        switch self {
        case .missingMagic:
            return "not a Kubernetes protobuf body: it does not start with the \"k8s\\0\" magic"
        case .truncated(let offset):
            return "protobuf input ends inside the value starting at byte \(offset)"
        case .malformedVarint(let offset):
            return "malformed protobuf varint at byte \(offset): longer than 10 bytes"
        case .invalidWireType(let wireType, let offset):
            return "invalid protobuf wire type \(wireType) at byte \(offset)"
        case .invalidFieldNumber(let number, let offset):
            return "invalid protobuf field number \(number) at byte \(offset)"
        case .lengthOutOfRange(let offset):
            return "protobuf length at byte \(offset) runs past the end of its message"
        case .unbalancedGroup(let offset):
            return "unbalanced protobuf group at byte \(offset)"
        case .nestingTooDeep(let limit):
            return "protobuf messages nested deeper than \(limit) levels"
        case .wireTypeMismatch(let message, let field, let number, let expected, let actual):
            return "field \(field) (\(number)) of \(message) has wire type \(actual), expected \(expected)"
        case .unsupportedKind(let apiVersion, let kind):
            let gv = apiVersion.isEmpty ? "" : "\(apiVersion) "
            return "protobuf bodies of kind \(gv)\(kind) are not supported; send it as application/json"
        case .unknownMessage(let name):
            return "no protobuf schema for message \(name)"
        case .missingKind:
            return "the protobuf envelope names no kind"
        case .unsupportedContentEncoding(let encoding):
            return "unsupported protobuf envelope content encoding \"\(encoding)\""
        case .unsupportedContentType(let type):
            return "unsupported protobuf envelope content type \"\(type)\""
        case .invalidEmbeddedJSON(let reason):
            return "invalid JSON inside a protobuf body: \(reason)"
        }
    }
}
