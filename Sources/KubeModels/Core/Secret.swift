import Foundation
import KubeCore

/// `Secret`: a small amount of sensitive data. `data` values are base64 as on the wire;
/// use ``data(forKey:)``, ``string(forKey:)`` and ``setData(_:forKey:)`` to work with the bytes.
public struct Secret: KubernetesObject, Hashable {
    /// The schema version, `v1`.
    public var apiVersion: String?
    /// The kind, `Secret`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The type, e.g. `Opaque`, `kubernetes.io/tls`, `kubernetes.io/dockerconfigjson`.
    public var type: String?
    /// Base64-encoded values by key.
    public var data: [String: String]?
    /// Plain-text values merged into `data` by the server on write; never returned on read.
    public var stringData: [String: String]?
    /// When true, the data can no longer be changed (only the Secret deleted).
    public var immutable: Bool?

    /// Served at `v1`, resource `secrets`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), type: String? = nil, data: [String: String]? = nil,
        stringData: [String: String]? = nil, immutable: Bool? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.type = type
        self.data = data
        self.stringData = stringData
        self.immutable = immutable
    }

    /// The decoded bytes of `data[key]`, or `nil` when absent or not valid base64.
    public func data(forKey key: String) -> Data? {
        data?[key].flatMap { Data(base64Encoded: $0) }
    }

    /// The value of `data[key]` decoded as UTF-8 text, or `nil`.
    public func string(forKey key: String) -> String? {
        data(forKey: key).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Every entry of `data` decoded; entries that are not valid base64 are left out.
    public var decodedData: [String: Data] {
        (data ?? [:]).compactMapValues { Data(base64Encoded: $0) }
    }

    /// Stores `value` base64-encoded in `data[key]`.
    public mutating func setData(_ value: Data, forKey key: String) {
        var d = data ?? [:]
        d[key] = value.base64EncodedString()
        data = d
    }

    /// Stores the UTF-8 bytes of `value` in `data[key]`.
    public mutating func setString(_ value: String, forKey key: String) {
        setData(Data(value.utf8), forKey: key)
    }
}

/// A list of ``Secret`` objects, as returned by a list request.
public typealias SecretList = ObjectList<Secret>
