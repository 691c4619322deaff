import Foundation
import KubeCore

/// `ConfigMap`: non-confidential configuration as key-value pairs.
public struct ConfigMap: KubernetesObject, Hashable {
    /// The schema version, `v1`.
    public var apiVersion: String?
    /// The kind, `ConfigMap`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// UTF-8 values by key.
    public var data: [String: String]?
    /// Base64-encoded binary values by key; keys must not also appear in `data`.
    public var binaryData: [String: String]?
    /// When true, the data can no longer be changed (only the ConfigMap deleted).
    public var immutable: Bool?

    /// Served at `v1`, resource `configmaps`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), data: [String: String]? = nil, binaryData: [String: String]? = nil,
        immutable: Bool? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.data = data
        self.binaryData = binaryData
        self.immutable = immutable
    }

    /// The decoded bytes of `binaryData[key]`, or `nil` when absent or not valid base64.
    public func binaryData(forKey key: String) -> Data? {
        binaryData?[key].flatMap { Data(base64Encoded: $0) }
    }
}

/// A list of ``ConfigMap`` objects, as returned by a list request.
public typealias ConfigMapList = ObjectList<ConfigMap>
