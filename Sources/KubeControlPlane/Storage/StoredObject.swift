import Foundation
import KubeCore

/// One object as the store keeps it: its serialized JSON (served as is on reads)
/// plus the few fields lists filter and sort on, so reads never re-parse.
struct StoredObject: Sendable {
    /// The object's JSON, with `metadata.resourceVersion` set to ``revision``.
    var data: Data
    var namespace: String?
    var name: String
    var labels: [String: String]
    /// The revision of the write that produced this version (its resourceVersion).
    var revision: Int64
    /// `metadata.uid` (empty when unset).
    var uid: String
    /// The `uid`s of `metadata.ownerReferences`, for the garbage collector's index.
    var ownerUIDs: [String]

    init(json: JSONValue, revision: Int64) {
        var object = json
        object[path: ["metadata", "resourceVersion"]] = .string(String(revision))
        self.data = object.serialized()
        self.namespace = object[path: ["metadata", "namespace"]]?.stringValue
        self.name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        self.labels = (object[path: ["metadata", "labels"]]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        self.revision = revision
        self.uid = object[path: ["metadata", "uid"]]?.stringValue ?? ""
        self.ownerUIDs = (object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).compactMap {
            $0["uid"]?.stringValue
        }
    }

    /// The object parsed (for writes, which need the tree).
    func json() throws -> JSONValue {
        try JSONValue.parse(data)
    }

    /// The key within its resource: `namespace/name` or `name`.
    var key: String { ObjectKey.make(namespace: namespace, name: name) }
}

/// Keys of objects within one resource.
enum ObjectKey {
    static func make(namespace: String?, name: String) -> String {
        guard let namespace, !namespace.isEmpty else { return name }
        return namespace + "/" + name
    }
}

/// What kind of change a write made, as watch events name it.
enum ChangeType: String, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
}

/// One committed change, as watchers receive it.
struct ChangeEvent: Sendable {
    var type: ChangeType
    /// `group/plural` of the resource.
    var resource: String
    var object: StoredObject
    /// The object before the change (for selector transitions), if any.
    var previous: StoredObject?
}
