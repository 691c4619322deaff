import KubeCore

/// The outcome of a server-side apply.
public struct ApplyResult: Sendable, Hashable {
    /// The object to store (or, when unchanged, the live object), `managedFields` included.
    public var object: JSONValue
    /// Whether `object` differs from the live object at all, managed fields included. An apply
    /// that changes nothing must not be written (no new resourceVersion).
    public var changed: Bool
    /// Whether there was no live object: the apply creates it.
    public var created: Bool
}

extension FieldManager {
    /// The manager name `kubectl apply --server-side` uses, which gets the client-side apply
    /// migration (conflicts with values still equal to the last client-side applied
    /// configuration are not conflicts) and keeps that annotation in sync.
    public static let kubectlManager = "kubectl"
    /// The annotation client-side `kubectl apply` keeps its configuration in.
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// Server-side apply of `config` (the decoded `application/apply-patch+yaml` body) to
    /// `live` (`nil` when the object does not exist yet).
    ///
    /// The configuration's fields become `manager`'s (operation `Apply`); fields the manager
    /// applied before and no longer applies are removed unless someone else owns them;
    /// changing a value another manager owns is a conflict unless `force` (which transfers
    /// the field). Reset fields (by default `status` for the main resource, everything but
    /// `status` for the `status` subresource) keep their live values and are not owned.
    ///
    /// - Parameters:
    ///   - kind: the kind the request addresses; the configuration must have the same
    ///     `apiVersion` and `kind`.
    ///   - time: the time recorded for the manager when the object changes.
    /// - Returns: the object to store and whether it changed; unchanged results must not be
    ///   written.
    public func apply(
        _ config: JSONValue, to live: JSONValue?, kind: GroupVersionKind, manager: String, force: Bool = false,
        subresource: String? = nil, resetFields: ResetFields? = nil, time: Time
    ) throws(ApplyError) -> ApplyResult {
        guard case .object = config else { throw .badRequest("the applied configuration must be a JSON object") }
        guard !manager.isEmpty else { throw .badRequest("fieldManager is required for apply requests") }
        let configKind = GroupVersionKind(
            apiVersion: config["apiVersion"]?.stringValue ?? "", kind: config["kind"]?.stringValue ?? "")
        guard configKind == kind else {
            throw .badRequest("invalid object type: \(configKind.group)/\(configKind.version), Kind=\(configKind.kind)")
        }
        if config[path: ["metadata", "managedFields"]] != nil {
            throw .badRequest("metadata.managedFields must be nil")
        }
        if let live, live.objectValue == nil { throw .badRequest("the live object must be a JSON object") }

        var managers = ManagedFieldSets()
        do throws(FieldsV1Error) {
            managers = try ManagedFieldSets(decoding: Self.managedFieldsList(of: live) ?? [])
        } catch {
            throw .invalidManagedFields("failed to decode managed fields: \(error.reason)")
        }
        let schema = schema(for: kind)
        let liveObject = live.map(Self.withoutManagedFields)
        let reset =
            resetFields ?? schemas.resetFields(for: kind, subresource: subresource)
            ?? .default(forSubresource: subresource)
        let ignored = reset.fieldSet(objects: [liveObject, config])
        if let liveObject, managers.entries.isEmpty {
            // Objects written before any field tracking: their fields go to a placeholder
            // manager, so an apply cannot silently take them.
            let identity = ManagerIdentity(
                manager: "before-first-apply", operation: .update, apiVersion: kind.apiVersion, subresource: "")
            Self.recordChange(
                from: Self.zeroObject(schema), to: liveObject, by: identity, apiVersion: kind.apiVersion,
                in: &managers, ignoring: ignored, schema: schema, time: time)
        }

        let identity = ManagerIdentity(
            manager: manager, operation: .apply, apiVersion: "", subresource: subresource ?? "")
        var outcome: (object: JSONValue?, managers: ManagedFieldSets)
        do throws(ApplyError) {
            outcome = try applyCore(
                config, to: liveObject, identity: identity, apiVersion: kind.apiVersion, managers: managers,
                schema: schema, reset: reset, ignored: ignored, force: force)
        } catch .conflict(let conflict) where manager == Self.kubectlManager {
            // kubectl's server-side apply after client-side apply: fields whose live value is
            // still the last client-side applied one may be taken.
            let allowed = LastAppliedMigration.allowedConflicts(live: liveObject, schema: schema)
            let remaining = conflict.conflicts.filter { !allowed.contains($0.path) }
            guard remaining.isEmpty else {
                var narrowed = conflict
                narrowed.conflicts = remaining
                throw .conflict(narrowed)
            }
            outcome = try applyCore(
                config, to: liveObject, identity: identity, apiVersion: kind.apiVersion, managers: managers,
                schema: schema, reset: reset, ignored: ignored, force: true)
        }

        var object = outcome.object ?? liveObject ?? config
        managers = outcome.managers
        if outcome.object != nil { managers.entries[identity]?.time = time }
        managers.capUpdaters(at: maxUpdateManagers)
        if manager == Self.kubectlManager {
            object = LastAppliedMigration.syncAnnotation(of: object, with: config)
        }
        object = Self.setting(managers.encoded(), on: object)
        let changed = live.map { !JSONEquality.equal($0, object) } ?? true
        return ApplyResult(object: changed ? object : (live ?? object), changed: changed, created: live == nil)
    }

    /// Structured-merge-diff's `Updater.Apply` plus the stripping of server-set metadata:
    /// merge, take ownership, prune what the manager dropped, check conflicts. Returns `nil`
    /// as object when the live object does not change.
    private func applyCore(
        _ config: JSONValue, to live: JSONValue?, identity: ManagerIdentity, apiVersion: String,
        managers: ManagedFieldSets, schema: any MergeSchema, reset: ResetFields, ignored: FieldSet, force: Bool
    ) throws(ApplyError) -> (object: JSONValue?, managers: ManagedFieldSets) {
        var managers = managers
        let applied: FieldSet
        var merged: JSONValue
        do {
            applied = try FieldSetExtraction.fieldSet(of: config, schema: schema).subtractingRecursively(ignored)
            merged = try ObjectMerge.merge(live, config, schema) ?? .object([:])
        } catch {
            let name = config[path: ["metadata", "name"]]?.stringValue ?? ""
            let namespace = config[path: ["metadata", "namespace"]]?.stringValue ?? ""
            let gvk = GroupVersionKind(
                apiVersion: config["apiVersion"]?.stringValue ?? "", kind: config["kind"]?.stringValue ?? "")
            throw .invalidConfiguration(
                "failed to create typed patch object (\(namespace)/\(name); \(gvk.group)/\(gvk.version), Kind=\(gvk.kind)): \(error)"
            )
        }
        let last = managers.entries[identity]
        let lastSet = last?.set.subtractingRecursively(ignored) ?? FieldSet()
        managers.entries[identity] = ManagedEntry(
            set: applied, apiVersion: apiVersion, time: last?.time, originalFields: last?.originalFields,
            originalSet: last?.originalSet)
        merged = ApplyPruning.prune(merged, managers: managers, applier: identity, lastSet: lastSet, schema: schema)
        merged = reset.restore(merged, from: live)

        // Ownership moves (or conflicts) only between managers: when the applier is the only
        // one (an object it creates, say), there is nothing to compare the result for.
        if managers.entries.keys.contains(where: { $0 != identity }) {
            let comparison = ObjectComparison(old: live, new: merged, schema: schema).excluding(ignored)
            do throws(ApplyConflictError) {
                try Self.transferOwnership(of: comparison, in: &managers, except: identity, force: force)
            } catch {
                throw .conflict(error)
            }
        }
        if let entry = managers.entries[identity] {
            managers.entries[identity]?.set = entry.set.subtracting(Self.strippedFields)
        }
        managers.dropEmpty()
        if let live, JSONEquality.equal(live, merged) { return (nil, managers) }
        return (merged, managers)
    }

    /// The object a typed empty object of the schema's kind would be, for comparisons.
    static func zeroObject(_ schema: any MergeSchema) -> JSONValue {
        typedView(.object([:]), schema)
    }
}

/// Removing what an applier dropped from its configuration (structured-merge-diff's
/// `prune`, `addBackOwnedItems` and `addBackDanglingItems`).
enum ApplyPruning {
    /// `merged` without the fields the applier owned last time, no longer applies, and no
    /// one else owns; fields nobody owned before stay.
    static func prune(
        _ merged: JSONValue, managers: ManagedFieldSets, applier: ManagerIdentity, lastSet: FieldSet,
        schema: any MergeSchema
    ) -> JSONValue {
        guard !lastSet.isEmpty else { return merged }
        let last = lastSet.ensuringNamedFieldsAreMembers(schema)
        let firstPass = ObjectMerge.removing(last, from: merged, schema) ?? .object([:])
        var managed = FieldSet()
        for entry in managers.entries.values { managed = managed.union(entry.set) }
        let mergedSet = fields(of: merged, schema)
        let prunedSet = fields(of: firstPass, schema)
        let ownedBack = managed.ensuringNamedFieldsAreMembers(schema)
        let pruned =
            ObjectMerge.removing(mergedSet.subtracting(prunedSet.union(ownedBack)), from: merged, schema)
            ?? .object([:])
        let prunedAgain = fields(of: pruned, schema)
        return ObjectMerge.removing(mergedSet.subtracting(prunedAgain).intersection(last), from: merged, schema)
            ?? .object([:])
    }

    /// Every field of an object, named structure fields included as members.
    private static func fields(of value: JSONValue, _ schema: any MergeSchema) -> FieldSet {
        FieldSetExtraction.lenientFieldSet(of: value, schema: schema).ensuringNamedFieldsAreMembers(schema)
    }
}
