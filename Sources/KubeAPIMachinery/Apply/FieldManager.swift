import KubeCore

/// Server-side apply and the `metadata.managedFields` bookkeeping of every write, as the
/// Kubernetes API server's field manager does them. Pure functions of the objects given:
/// storage, admission and defaulting stay with the caller.
///
/// - ``apply(_:to:kind:manager:force:subresource:resetFields:time:)`` serves
///   `PATCH` with `application/apply-patch+yaml`.
/// - ``recordUpdate(old:new:manager:operation:subresource:resetFields:time:)`` updates the
///   managed fields of a create, update or non-apply patch (operation `Update`).
///
/// Objects of one kind are treated as one API version: managers recorded under another
/// version of the kind are compared as if they were in the same version.
public struct FieldManager: Sendable {
    /// The list and map semantics of kinds (CRD schemas, built-in table).
    public let schemas: any ListSemanticsProvider
    /// How many `Update` managers an object keeps before the oldest merge into `ancient-changes`.
    public let maxUpdateManagers: Int

    /// A field manager using `schemas` (the built-in table by default).
    public init(schemas: any ListSemanticsProvider = BuiltinPatchSchemas(), maxUpdateManagers: Int = 10) {
        self.schemas = schemas
        self.maxUpdateManagers = maxUpdateManagers
    }

    /// The schema of `kind`, or a lenient generic one.
    func schema(for kind: GroupVersionKind) -> any MergeSchema {
        schemas.applySchema(for: kind) ?? BuiltinPatchSchemas.genericObject
    }

    /// Fields never recorded as owned (Kubernetes' `stripMetaManager`).
    static let strippedFields = FieldSet(
        [
            ManagedFieldPath(fields: "apiVersion"), ManagedFieldPath(fields: "kind"),
            ManagedFieldPath(fields: "metadata"),
        ]
            + [
                "name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation",
                "managedFields",
                "resourceVersion",
            ]
            .map { ManagedFieldPath(fields: "metadata", $0) })

    /// The manager name given by the request, or `unknown`.
    static func managerName(_ manager: String) -> String { manager.isEmpty ? "unknown" : manager }

    /// The `metadata.managedFields` list, `nil` when absent or null.
    static func managedFieldsList(of object: JSONValue?) -> [JSONValue]? {
        object?[path: ["metadata", "managedFields"]]?.arrayValue
    }

    /// `object` without `metadata.managedFields`.
    static func withoutManagedFields(_ object: JSONValue) -> JSONValue {
        var copy = object
        copy[path: ["metadata", "managedFields"]] = nil
        return copy
    }

    /// `object` with `metadata.managedFields` set to `entries` (removed when empty).
    static func setting(_ entries: [JSONValue], on object: JSONValue) -> JSONValue {
        var copy = object
        copy[path: ["metadata", "managedFields"]] = entries.isEmpty ? nil : .array(entries)
        return copy
    }

    /// The object as a typed (Go) object would look: `null` members dropped (Go reads them as
    /// unset) and the members Go always serialises filled in with their zero values. Managed
    /// fields are computed on this view so that they match a real server's.
    static func typedView(_ value: JSONValue, _ schema: any MergeSchema) -> JSONValue {
        switch value {
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (name, child) in members where !child.isNull {
                out[name] = typedView(child, schema.member(name))
            }
            if !schema.isAtomicObject {
                for (name, zero) in schema.zeroMembers where out[name] == nil {
                    out[name] = typedView(zero, schema.member(name))
                }
            }
            return .object(out)
        case .array(let items):
            if schema.isAtomicList { return value }
            return .array(items.map { typedView($0, schema.listElement) })
        default:
            return value
        }
    }

    /// Takes the fields a change touches away from every manager but `except`: the changed
    /// and added fields (Kubernetes calls them conflicts; they are errors unless `force`),
    /// and the removed fields.
    static func transferOwnership(
        of comparison: ObjectComparison, in managers: inout ManagedFieldSets, except: ManagerIdentity?, force: Bool
    ) throws(ApplyConflictError) {
        let touched = comparison.modified.union(comparison.added)
        var conflicts: [(ManagerIdentity, FieldSet)] = []
        for (identity, entry) in managers.entries where identity != except {
            let taken = entry.set.intersection(touched)
            if !taken.isEmpty { conflicts.append((identity, taken)) }
        }
        if !force && !conflicts.isEmpty { throw ApplyConflictError(conflicts) }
        for (identity, taken) in conflicts {
            if let entry = managers.entries[identity] { managers.entries[identity]?.set = entry.set.subtracting(taken) }
        }
        if !comparison.removed.isEmpty {
            for (identity, entry) in managers.entries where identity != except {
                managers.entries[identity]?.set = entry.set.subtracting(comparison.removed)
            }
        }
        managers.dropEmpty()
    }

    /// Records the change from `old` to `new` as made by `identity` (Kubernetes'
    /// `Updater.Update` under the `current-operation` manager, then merged into the
    /// manager's entry): everyone loses what changed; the manager gains what it changed.
    static func recordChange(
        from old: JSONValue, to new: JSONValue, by identity: ManagerIdentity, apiVersion: String,
        in managers: inout ManagedFieldSets, ignoring ignored: FieldSet, schema: any MergeSchema, time: Time
    ) {
        let comparison = ObjectComparison(
            old: typedView(old, schema), new: typedView(new, schema), schema: schema
        ).excluding(ignored)
        // With force nothing throws; the manager itself is an "other" manager to the
        // current operation, so it loses what changed like everyone else before regaining it.
        try? transferOwnership(of: comparison, in: &managers, except: nil, force: true)
        let taken = comparison.modified.union(comparison.added).subtracting(comparison.removed)
            .subtractingRecursively(ignored).subtracting(strippedFields)
        guard !taken.isEmpty else { return }
        let previous = managers.entries[identity]?.set ?? FieldSet()
        let original = managers.entries[identity]
        managers.entries[identity] = ManagedEntry(
            set: previous.union(taken), apiVersion: apiVersion, time: time, originalFields: original?.originalFields,
            originalSet: original?.originalSet)
    }
}
