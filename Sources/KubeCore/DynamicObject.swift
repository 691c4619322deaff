import Foundation

/// An object of any kind, held as its JSON tree so that every field, known or
/// not, survives a read-modify-write cycle.
public struct DynamicObject: APIObject, Hashable {
    /// The whole object.
    public var raw: JSONValue

    public init(_ raw: JSONValue) { self.raw = raw }

    public init(apiVersion: String, kind: String, name: String, namespace: String? = nil) {
        var meta: [String: JSONValue] = ["name": .string(name)]
        if let namespace { meta["namespace"] = .string(namespace) }
        raw = .object(["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": .object(meta)])
    }

    public init(from decoder: any Decoder) throws {
        raw = try JSONValue(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try raw.encode(to: encoder)
    }

    public var apiVersion: String? {
        get { raw["apiVersion"]?.stringValue }
        set { raw["apiVersion"] = newValue.map(JSONValue.string) }
    }
    public var kind: String? {
        get { raw["kind"]?.stringValue }
        set { raw["kind"] = newValue.map(JSONValue.string) }
    }
    public var name: String? {
        get { raw[path: ["metadata", "name"]]?.stringValue }
        set { raw[path: ["metadata", "name"]] = newValue.map(JSONValue.string) }
    }
    public var namespace: String? {
        get { raw[path: ["metadata", "namespace"]]?.stringValue }
        set { raw[path: ["metadata", "namespace"]] = newValue.map(JSONValue.string) }
    }
    public var uid: String? { raw[path: ["metadata", "uid"]]?.stringValue }
    public var resourceVersion: String? {
        get { raw[path: ["metadata", "resourceVersion"]]?.stringValue }
        set { raw[path: ["metadata", "resourceVersion"]] = newValue.map(JSONValue.string) }
    }
    public var generation: Int64? { raw[path: ["metadata", "generation"]]?.intValue }
    public var labels: [String: String] {
        get { (raw[path: ["metadata", "labels"]]?.objectValue ?? [:]).compactMapValues(\.stringValue) }
        set {
            raw[path: ["metadata", "labels"]] = newValue.isEmpty ? nil : .object(newValue.mapValues(JSONValue.string))
        }
    }
    public var annotations: [String: String] {
        get { (raw[path: ["metadata", "annotations"]]?.objectValue ?? [:]).compactMapValues(\.stringValue) }
        set {
            raw[path: ["metadata", "annotations"]] =
                newValue.isEmpty ? nil : .object(newValue.mapValues(JSONValue.string))
        }
    }
    public var objectName: String? { name }
    public var objectNamespace: String? { namespace }
    public var objectResourceVersion: String? { resourceVersion }

    /// The group, version and kind from `apiVersion` and `kind`.
    public var gvk: GroupVersionKind? {
        guard let apiVersion, let kind else { return nil }
        return GroupVersionKind(apiVersion: apiVersion, kind: kind)
    }

    /// The metadata decoded as `ObjectMeta`.
    public var metadata: ObjectMeta {
        get { (try? raw["metadata"]?.decode(as: ObjectMeta.self)) ?? ObjectMeta() }
        set {
            if let v = try? JSONValue(encoding: newValue) { raw["metadata"] = v }
        }
    }

    /// Decodes the object as a typed model.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try raw.decode(as: T.self)
    }

    /// Converts a typed object into its dynamic form.
    public init<T: Encodable>(encoding object: T) throws {
        raw = try JSONValue(encoding: object)
    }
}
