/// How a protobuf field is read from the wire and shown in JSON.
public indirect enum ProtobufFieldType: Sendable, Hashable {
    /// A UTF-8 string (wire type 2).
    case string
    /// Raw bytes (wire type 2), shown in JSON as base64 like Go's `[]byte`.
    case bytes
    /// A varint read as a signed 32-bit integer (negative values arrive as 10-byte varints).
    case int32
    /// A varint read as a signed 64-bit integer.
    case int64
    /// A varint, true when non-zero.
    case bool
    /// A nested message, named by its schema key (for example `core.PodSpec`).
    case message(String)
    /// A Go struct embedded with `json:",inline"`: its fields appear in the parent's JSON object.
    case inline(String)
    /// A repeated field of the given element type (packed or not, for integers).
    case repeated(ProtobufFieldType)
    /// A `map<string, V>` field; the associated type is `V`.
    case map(ProtobufFieldType)
}

/// Whether a field present on the wire with its zero value is kept in JSON.
///
/// Kubernetes' gogo-protobuf code writes every non-pointer field, even when it is zero, so the
/// wire alone cannot tell "unset" from "zero". The JSON form can: Go omits zero `omitempty`
/// fields but keeps pointers that are set and fields without `omitempty`.
public enum ProtobufZeroValue: Sendable, Hashable {
    /// A non-pointer `omitempty` field: a zero value is dropped, as Go's JSON encoder drops it.
    case omit
    /// A pointer field or one without `omitempty`: whatever is on the wire is shown.
    case keep
}

/// One field of a message: its number on the wire, its JSON name and type.
public struct ProtobufField: Sendable, Hashable {
    /// The protobuf field number.
    public let number: Int
    /// The JSON member name (empty for `inline` fields, whose members are promoted).
    public let name: String
    /// How the value is read and rendered.
    public let type: ProtobufFieldType
    /// Whether a zero value on the wire appears in JSON.
    public let zeroValue: ProtobufZeroValue

    /// A field; prefer the shorthand constructors below in schema tables.
    public init(number: Int, name: String, type: ProtobufFieldType, zeroValue: ProtobufZeroValue = .omit) {
        self.number = number
        self.name = name
        self.type = type
        self.zeroValue = zeroValue
    }

    static func string(_ n: Int, _ name: String, _ zero: ProtobufZeroValue = .omit) -> Self {
        Self(number: n, name: name, type: .string, zeroValue: zero)
    }
    static func bytes(_ n: Int, _ name: String, _ zero: ProtobufZeroValue = .omit) -> Self {
        Self(number: n, name: name, type: .bytes, zeroValue: zero)
    }
    static func int32(_ n: Int, _ name: String, _ zero: ProtobufZeroValue = .omit) -> Self {
        Self(number: n, name: name, type: .int32, zeroValue: zero)
    }
    static func int64(_ n: Int, _ name: String, _ zero: ProtobufZeroValue = .omit) -> Self {
        Self(number: n, name: name, type: .int64, zeroValue: zero)
    }
    static func bool(_ n: Int, _ name: String, _ zero: ProtobufZeroValue = .omit) -> Self {
        Self(number: n, name: name, type: .bool, zeroValue: zero)
    }
    static func message(_ n: Int, _ name: String, _ type: String) -> Self {
        Self(number: n, name: name, type: .message(type))
    }
    static func inline(_ n: Int, _ type: String) -> Self {
        Self(number: n, name: "", type: .inline(type))
    }
    static func strings(_ n: Int, _ name: String) -> Self {
        Self(number: n, name: name, type: .repeated(.string))
    }
    static func int32s(_ n: Int, _ name: String) -> Self {
        Self(number: n, name: name, type: .repeated(.int32))
    }
    static func int64s(_ n: Int, _ name: String) -> Self {
        Self(number: n, name: name, type: .repeated(.int64))
    }
    static func messages(_ n: Int, _ name: String, _ type: String) -> Self {
        Self(number: n, name: name, type: .repeated(.message(type)))
    }
    static func stringMap(_ n: Int, _ name: String) -> Self {
        Self(number: n, name: name, type: .map(.string))
    }
    static func bytesMap(_ n: Int, _ name: String) -> Self {
        Self(number: n, name: name, type: .map(.bytes))
    }
    static func messageMap(_ n: Int, _ name: String, _ type: String) -> Self {
        Self(number: n, name: name, type: .map(.message(type)))
    }
}

/// The fields of one message type, looked up by number while decoding.
public struct ProtobufMessageSchema: Sendable {
    /// The schema key, `package.Message` (for example `apps.DeploymentSpec`).
    public let name: String
    /// The fields in table order.
    public let fields: [ProtobufField]
    /// The same fields keyed by number.
    public let fieldsByNumber: [Int: ProtobufField]

    /// A message schema; the field numbers must be distinct.
    public init(_ name: String, _ fields: [ProtobufField]) {
        self.name = name
        self.fields = fields
        // Later duplicates win rather than trap: the tables are data, and a typo there must not
        // crash the server.
        self.fieldsByNumber = Dictionary(fields.map { ($0.number, $0) }, uniquingKeysWith: { _, last in last })
    }
}

/// The messages and top-level kinds whose protobuf bodies can be decoded.
///
/// Message keys are `package.Message` with the package of the Go type: `meta` (apimachinery
/// `meta/v1`), `core`, `apps`, `batch`, `rbac`, `networking`, `policy`, `scheduling`,
/// `authentication` and `autoscaling` (all `v1`). Four apimachinery types have a JSON form of
/// their own and are handled by the decoder rather than listed: `meta.Time` and
/// `meta.MicroTime` (RFC 3339 strings), `resource.Quantity` (its string) and
/// `intstr.IntOrString` (a number or a string); `meta.FieldsV1` (raw JSON) and
/// `meta.StringList` (a message holding `repeated string items = 1`, shown as an array) too.
public enum KubeProtobufSchema {
    /// Every listed message by key.
    public static let messages: [String: ProtobufMessageSchema] = {
        let tables: [[String: [ProtobufField]]] = [
            metaMessages, podSpecMessages, coreMessages, appsMessages, batchMessages, rbacMessages, networkingMessages,
            policyMessages, schedulingMessages, authenticationMessages, authorizationMessages, autoscalingMessages,
        ]
        var all: [String: ProtobufMessageSchema] = [:]
        for table in tables {
            for (name, fields) in table { all[name] = ProtobufMessageSchema(name, fields) }
        }
        return all
    }()

    /// The message of each top-level kind, keyed by `apiVersion` and then `kind`.
    public static let kinds: [String: [String: String]] = {
        var table: [String: [String: String]] = [:]
        for (apiVersion, kind, message) in kindList { table[apiVersion, default: [:]][kind] = message }
        return table
    }()

    /// The schema key of the message for `apiVersion` and `kind`, or `nil` when unknown.
    ///
    /// `DeleteOptions` is accepted under any `apiVersion`: client-go sends it in the group
    /// version of the resource being deleted.
    public static func messageName(apiVersion: String, kind: String) -> String? {
        if let name = kinds[apiVersion]?[kind] { return name }
        if kind == "DeleteOptions" { return "meta.DeleteOptions" }
        return nil
    }
}
