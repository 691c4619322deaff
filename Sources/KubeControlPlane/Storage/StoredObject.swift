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
        self = PreparedObject(json: json).stored(at: revision)
    }

    /// The list fields read from `object`; no bytes and no revision yet (see ``PreparedObject``).
    fileprivate init(fieldsOf object: JSONValue) {
        self.data = Data()
        self.namespace = object[path: ["metadata", "namespace"]]?.stringValue
        self.name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        self.labels = (object[path: ["metadata", "labels"]]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        self.revision = 0
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

/// An object serialized ahead of its commit, its `metadata.resourceVersion` left as a
/// placeholder whose place in the bytes is known: the revision is handed out under the
/// store's lock, and splicing it in there is a copy, where serializing is a walk of the tree.
struct PreparedObject: Sendable {
    private var bytes: [UInt8]
    /// Where the placeholder's text sits in `bytes` (between its quotes).
    private var placeholderRange: Range<Int>?
    /// The stored object's other fields, read before the lock is taken.
    private var template: StoredObject

    /// Random per process, so no stored value can be taken for it; it starts with a byte
    /// JSON of Kubernetes objects rarely holds, which the search below skips to.
    private static let placeholder = "~astrolift-revision-" + UUID.random().uuidString
    private static let placeholderBytes = Array(placeholder.utf8)
    private static let keyPrefix = Array("\"resourceVersion\":\"".utf8)

    init(json: JSONValue) {
        var object = json
        object[path: ["metadata", "resourceVersion"]] = .string(Self.placeholder)
        bytes = object.serializedBytes()
        placeholderRange = Self.placeholderRange(in: bytes)
        template = StoredObject(fieldsOf: object)
    }

    /// The object as stored at `revision`.
    func stored(at revision: Int64) -> StoredObject {
        var data = Data()
        if let range = placeholderRange {
            let digits = Array(String(revision).utf8)
            data.reserveCapacity(bytes.count - range.count + digits.count)
            data.append(contentsOf: bytes[..<range.lowerBound])
            data.append(contentsOf: digits)
            data.append(contentsOf: bytes[range.upperBound...])
        } else {
            data = Data(bytes)
        }
        var stored = template
        stored.data = data
        stored.revision = revision
        return stored
    }

    /// Where the placeholder stands as the value of `resourceVersion` in `bytes`.
    private static func placeholderRange(in bytes: [UInt8]) -> Range<Int>? {
        let needle = placeholderBytes
        let prefix = keyPrefix
        return bytes.withUnsafeBufferPointer { haystack -> Range<Int>? in
            guard let base = haystack.baseAddress, haystack.count >= needle.count + prefix.count else { return nil }
            var from = prefix.count
            while from + needle.count <= haystack.count {
                guard let hit = memchr(base + from, Int32(needle[0]), haystack.count - from - needle.count + 1) else {
                    return nil
                }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let matches =
                    memcmp(base + at, needle, needle.count) == 0
                    && memcmp(base + at - prefix.count, prefix, prefix.count) == 0
                if matches { return at..<(at + needle.count) }
                from = at + 1
            }
            return nil
        }
    }
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
