import Foundation
import KubeCore

/// The Kubernetes protobuf envelope: the type of the object and its serialized bytes.
///
/// On the wire it is the 4-byte magic `k8s\0` followed by a `runtime.Unknown` message:
/// `TypeMeta typeMeta = 1` (`apiVersion = 1`, `kind = 2`), `bytes raw = 2`,
/// `string contentEncoding = 3`, `string contentType = 4`.
public struct KubeProtobufEnvelope: Sendable, Equatable {
    /// The object's `apiVersion` (`v1`, `apps/v1`, ...).
    public var apiVersion: String
    /// The object's `kind`.
    public var kind: String
    /// The object itself, a protobuf message unless `contentType` says otherwise.
    public var raw: [UInt8]
    /// How `raw` is encoded (compression); empty when it is not.
    public var contentEncoding: String
    /// The serialization of `raw`; empty means protobuf.
    public var contentType: String

    /// An envelope with the given parts.
    public init(apiVersion: String, kind: String, raw: [UInt8], contentEncoding: String = "", contentType: String = "")
    {
        self.apiVersion = apiVersion
        self.kind = kind
        self.raw = raw
        self.contentEncoding = contentEncoding
        self.contentType = contentType
    }
}

/// Decoding of `application/vnd.kubernetes.protobuf` request bodies into JSON.
///
/// kubectl's imperative commands (`kubectl create deployment|secret|role|...`,
/// `kubectl create token`, `kubectl autoscale`) send their objects as protobuf and do not fall
/// back to JSON when refused, so a server that stores JSON needs this to accept them. The result
/// is the JSON the API server would show for the same object: fields Go would omit are left out,
/// times are RFC 3339 strings, quantities and int-or-strings take their JSON forms and bytes are
/// base64. Kinds come from `KubeProtobufSchema`; others are refused with
/// `KubeProtobufError.unsupportedKind`.
public enum KubeProtobuf {
    /// The media type of Kubernetes protobuf.
    public static let mediaType = "application/vnd.kubernetes.protobuf"

    /// The bytes every Kubernetes protobuf body starts with.
    public static let magic: [UInt8] = [0x6b, 0x38, 0x73, 0x00]

    /// Whether a `Content-Type` header value names Kubernetes protobuf.
    ///
    /// Parameters are ignored except `stream`: a `stream=watch` body is a sequence of framed
    /// envelopes, not one object, so it does not count.
    public static func isProtobuf(contentType: String?) -> Bool {
        guard let contentType else { return false }
        let parts = contentType.split(separator: ";", omittingEmptySubsequences: false)
        guard let type = parts.first, type.trimmingCharacters(in: .whitespaces).lowercased() == mediaType else {
            return false
        }
        return !parts.dropFirst().contains { parameter in
            parameter.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("stream=")
        }
    }

    /// Splits a protobuf body into its type and payload without decoding the payload.
    public static func decodeEnvelope(_ bytes: [UInt8]) throws -> KubeProtobufEnvelope {
        guard bytes.count >= magic.count, Array(bytes.prefix(magic.count)) == magic else {
            throw KubeProtobufError.missingMagic
        }
        var envelope = KubeProtobufEnvelope(apiVersion: "", kind: "", raw: [])
        var reader = ProtobufWireReader(bytes, range: magic.count..<bytes.count)
        while let next = try reader.nextField() {
            guard let value = next.value else { continue }
            switch (next.number, value) {
            case (1, .bytes(let range)):
                // Decode TypeMeta in place; repeats merge field by field, as protobuf specifies.
                var typeMeta = ProtobufWireReader(bytes, range: range)
                while let field = try typeMeta.nextField() {
                    guard case .some(.bytes(let r)) = field.value else { continue }
                    let text = String(decoding: bytes[r], as: UTF8.self)
                    if field.number == 1 { envelope.apiVersion = text }
                    if field.number == 2 { envelope.kind = text }
                }
            case (2, .bytes(let range)): envelope.raw = Array(bytes[range])
            case (3, .bytes(let range)): envelope.contentEncoding = String(decoding: bytes[range], as: UTF8.self)
            case (4, .bytes(let range)): envelope.contentType = String(decoding: bytes[range], as: UTF8.self)
            case (1...4, _):
                throw KubeProtobufError.wireTypeMismatch(
                    message: "runtime.Unknown",
                    field: ["typeMeta", "raw", "contentEncoding", "contentType"][next.number - 1],
                    number: next.number, expected: ProtobufWireType.lengthDelimited.rawValue,
                    actual: value.wireType.rawValue)
            default: continue
            }
        }
        return envelope
    }

    /// Decodes a protobuf body (magic, envelope, object) into the object's JSON, with
    /// `apiVersion` and `kind` set from the envelope.
    public static func decodeObject(_ bytes: [UInt8]) throws -> JSONValue {
        let envelope = try decodeEnvelope(bytes)
        guard envelope.contentEncoding.isEmpty else {
            throw KubeProtobufError.unsupportedContentEncoding(envelope.contentEncoding)
        }
        guard !envelope.kind.isEmpty else { throw KubeProtobufError.missingKind }
        var object: [String: JSONValue]
        switch envelope.contentType.lowercased() {
        case "", mediaType:
            guard let message = KubeProtobufSchema.messageName(apiVersion: envelope.apiVersion, kind: envelope.kind)
            else {
                throw KubeProtobufError.unsupportedKind(apiVersion: envelope.apiVersion, kind: envelope.kind)
            }
            object = try decodeMessage(message, from: envelope.raw).objectValue ?? [:]
        case "application/json":
            // runtime.Unknown may carry JSON; the envelope's type then fills in what it lacks.
            do {
                object = try JSONValue.parse(Data(envelope.raw)).objectValue ?? [:]
            } catch {
                throw KubeProtobufError.invalidEmbeddedJSON(String(describing: error))
            }
        default:
            throw KubeProtobufError.unsupportedContentType(envelope.contentType)
        }
        if !envelope.apiVersion.isEmpty { object["apiVersion"] = .string(envelope.apiVersion) }
        object["kind"] = .string(envelope.kind)
        return .object(object)
    }

    /// Decodes a protobuf body held in `Data`; see `decodeObject(_:)`.
    public static func decodeObject(_ data: Data) throws -> JSONValue {
        try decodeObject([UInt8](data))
    }

    /// Decodes a bare message (no magic, no envelope) of the given schema key, such as
    /// `meta.DeleteOptions` or `apps.DeploymentSpec`, into JSON. A message whose JSON is `null`
    /// (a zero time) comes back as `.null`.
    public static func decodeMessage(_ messageName: String, from bytes: [UInt8]) throws -> JSONValue {
        let decoder = ProtobufMessageDecoder(messages: KubeProtobufSchema.messages)
        let special = [
            "meta.Time", "meta.MicroTime", "resource.Quantity", "intstr.IntOrString", "meta.FieldsV1",
            "meta.StringList",
        ]
        guard decoder.messages[messageName] != nil || special.contains(messageName) else {
            throw KubeProtobufError.unknownMessage(messageName)
        }
        return try decoder.decode(messageName, bytes, bytes.indices) ?? .null
    }
}
