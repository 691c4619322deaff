import KubeCore

/// The operation a managed-fields entry records.
public enum ManagedFieldsOperation: String, Sendable, Hashable {
    /// Fields set by server-side apply.
    case apply = "Apply"
    /// Fields changed by create, update or a non-apply patch.
    case update = "Update"
}

/// What makes two managed-fields entries one: appliers are one entry per manager and
/// subresource whatever the API version; updaters are one per manager, API version and
/// subresource (Kubernetes' `BuildManagerIdentifier`).
struct ManagerIdentity: Hashable, Sendable {
    var manager: String
    var operation: ManagedFieldsOperation
    /// Empty for appliers.
    var apiVersion: String
    var subresource: String

    init(manager: String, operation: ManagedFieldsOperation, apiVersion: String, subresource: String) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = operation == .apply ? "" : apiVersion
        self.subresource = subresource
    }

    /// The identifier's JSON, as Kubernetes builds it; its order decides some tie-breaks.
    var identifier: String {
        var out = "{\"manager\":" + JSONValue.string(manager).jsonString + ",\"operation\":\"\(operation.rawValue)\""
        if !apiVersion.isEmpty { out += ",\"apiVersion\":" + JSONValue.string(apiVersion).jsonString }
        if !subresource.isEmpty { out += ",\"subresource\":" + JSONValue.string(subresource).jsonString }
        return out + "}"
    }

    /// How conflict messages name the manager: `"kubectl-client-side-apply" using apps/v1`.
    var displayName: String {
        var out = JSONValue.string(manager).jsonString
        if !subresource.isEmpty { out += " with subresource " + JSONValue.string(subresource).jsonString }
        if operation == .update { out += " using \(apiVersion)" }
        return out
    }
}

/// One manager's fields.
struct ManagedEntry: Sendable {
    var set: FieldSet
    var apiVersion: String
    var time: Time?
    /// The `fieldsV1` the entry was decoded from, kept when the set does not change (as the
    /// server keeps the bytes), so that unchanged entries stay byte-identical.
    var originalFields: JSONValue?
    var originalSet: FieldSet?
}

/// Every manager's fields of one object.
struct ManagedFieldSets: Sendable {
    var entries: [ManagerIdentity: ManagedEntry] = [:]

    init() {}

    /// Decodes `metadata.managedFields`.
    init(decoding list: [JSONValue]) throws(FieldsV1Error) {
        for item in list {
            guard case .object(let entry) = item else {
                throw FieldsV1Error(reason: "a managedFields entry must be an object")
            }
            let operation = ManagedFieldsOperation(rawValue: entry["operation"]?.stringValue ?? "") ?? .update
            let identity = ManagerIdentity(
                manager: entry["manager"]?.stringValue ?? "", operation: operation,
                apiVersion: entry["apiVersion"]?.stringValue ?? "", subresource: entry["subresource"]?.stringValue ?? ""
            )
            if entries[identity] != nil {
                throw FieldsV1Error(reason: "duplicate manager \(identity.identifier) in managedFields")
            }
            let fields = entry["fieldsV1"] ?? .object([:])
            let set = try FieldSet(fieldsV1: fields)
            entries[identity] = ManagedEntry(
                set: set, apiVersion: entry["apiVersion"]?.stringValue ?? "",
                time: entry["time"]?.stringValue.flatMap { Time(rfc3339: $0) }, originalFields: entry["fieldsV1"],
                originalSet: set)
        }
    }

    /// The managers' fields as `metadata.managedFields`, in the server's order: appliers
    /// first, then by time, manager, API version and subresource.
    func encoded() -> [JSONValue] {
        let sorted = entries.filter { !$0.value.set.isEmpty }.sorted { a, b in
            let (p, q) = (a.key, b.key)
            if p.operation != q.operation { return p.operation.rawValue < q.operation.rawValue }
            let ps = Int64((a.value.time?.date.timeIntervalSince1970 ?? 0).rounded(.down))
            let qs = Int64((b.value.time?.date.timeIntervalSince1970 ?? 0).rounded(.down))
            if ps != qs { return ps < qs }
            if p.manager != q.manager { return ManagedPathElement.byteLess(p.manager, q.manager) }
            if a.value.apiVersion != b.value.apiVersion {
                return ManagedPathElement.byteLess(a.value.apiVersion, b.value.apiVersion)
            }
            return ManagedPathElement.byteLess(p.subresource, q.subresource)
        }
        return sorted.map { identity, entry in
            var out: [String: JSONValue] = [
                "manager": .string(identity.manager), "operation": .string(identity.operation.rawValue),
                "apiVersion": .string(entry.apiVersion), "fieldsType": "FieldsV1",
            ]
            if let time = entry.time { out["time"] = .string(time.description) }
            if !identity.subresource.isEmpty { out["subresource"] = .string(identity.subresource) }
            if let original = entry.originalFields, entry.originalSet == entry.set {
                out["fieldsV1"] = original
            } else {
                out["fieldsV1"] = entry.set.fieldsV1
            }
            return .object(out)
        }
    }

    /// Removes managers that own nothing.
    mutating func dropEmpty() {
        entries = entries.filter { !$0.value.set.isEmpty }
    }

    /// Caps the number of updaters at `max`, merging the oldest into `ancient-changes`
    /// entries per API version (Kubernetes' `capManagersManager`).
    mutating func capUpdaters(at max: Int) {
        var updaters = entries.keys.filter { $0.operation == .update }
        guard updaters.count > max else { return }
        func seconds(_ id: ManagerIdentity) -> Int64 {
            Int64((entries[id]?.time?.date.timeIntervalSince1970 ?? 0).rounded(.down))
        }
        updaters.sort { a, b in
            let (x, y) = (seconds(a), seconds(b))
            return x != y ? x < y : a.identifier < b.identifier
        }
        var firstByVersion: [String: ManagerIdentity] = [:]
        var count = updaters.count
        for manager in updaters where count > max {
            guard let entry = entries[manager] else { continue }
            let bucket = ManagerIdentity(
                manager: "ancient-changes", operation: .update, apiVersion: entry.apiVersion, subresource: "")
            guard let first = firstByVersion[entry.apiVersion] else {
                firstByVersion[entry.apiVersion] = manager
                continue
            }
            if entries[bucket] == nil, let firstEntry = entries.removeValue(forKey: first) {
                entries[bucket] = ManagedEntry(
                    set: firstEntry.set, apiVersion: firstEntry.apiVersion, time: firstEntry.time)
            }
            let merged = entry.set.union(entries[bucket]?.set ?? FieldSet())
            entries[bucket] = ManagedEntry(set: merged, apiVersion: entry.apiVersion, time: entry.time)
            entries.removeValue(forKey: manager)
            count -= 1
        }
    }
}
