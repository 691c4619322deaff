import KubeCore

extension FieldManager {
    /// Updates `metadata.managedFields` for a write that is not an apply: a create (`old` is
    /// `nil`), an update, or a JSON, merge or strategic merge patch. Call it with the object
    /// as it will be stored (after defaulting), before mutating admission, as the real server
    /// does.
    ///
    /// The manager (operation `Update`, per API version and subresource) takes ownership of
    /// the fields it changed or added; other managers lose them and everyone loses removed
    /// fields. Requests may edit managed fields directly (a non-empty list in `new` is taken
    /// as is) or reset them (an empty list, or a list of one empty entry). As in Kubernetes,
    /// an existing object that never had managed fields stays untracked, and bookkeeping
    /// never fails a write: `managedFields` that cannot be decoded are dropped.
    ///
    /// - Parameters:
    ///   - manager: the `fieldManager` query parameter, or the user agent's product; empty
    ///     becomes `unknown`.
    ///   - subresource: `status` for writes through the status subresource.
    ///   - resetFields: fields that write cannot change (by default `status`, or everything
    ///     but `status` for the status subresource); they are not recorded.
    ///   - time: recorded for the manager when it takes fields.
    /// - Returns: `new` with its managed fields updated.
    public func recordUpdate(
        old: JSONValue?, new: JSONValue, manager: String, operation: ManagedFieldsOperation = .update,
        subresource: String? = nil, resetFields: ResetFields? = nil, time: Time
    ) -> JSONValue {
        guard case .object = new else { return new }
        let requested = Self.managedFieldsList(of: new)
        if let requested, Self.isReset(requested) { return Self.withoutManagedFields(new) }

        var managers: ManagedFieldSets
        if let requested, !requested.isEmpty, let decoded = try? ManagedFieldSets(decoding: requested),
            !decoded.entries.isEmpty
        {
            managers = decoded
        } else if let decoded = try? ManagedFieldSets(decoding: Self.managedFieldsList(of: old) ?? []) {
            // Clients that do not know managedFields must not erase them by leaving them out.
            managers = decoded
        } else {
            return Self.withoutManagedFields(new)
        }
        let newObject = Self.withoutManagedFields(new)
        // Objects that predate field tracking stay untracked; creates are always tracked.
        if managers.entries.isEmpty && old != nil { return newObject }

        let apiVersion = new["apiVersion"]?.stringValue ?? ""
        let kind = GroupVersionKind(apiVersion: apiVersion, kind: new["kind"]?.stringValue ?? "")
        let schema = schema(for: kind)
        let oldObject = old.map(Self.withoutManagedFields) ?? Self.zeroObject(schema)
        let reset =
            resetFields ?? schemas.resetFields(for: kind, subresource: subresource)
            ?? .default(forSubresource: subresource)
        let identity = ManagerIdentity(
            manager: Self.managerName(manager), operation: operation, apiVersion: apiVersion,
            subresource: subresource ?? "")
        Self.recordChange(
            from: oldObject, to: newObject, by: identity, apiVersion: apiVersion, in: &managers,
            ignoring: reset.fieldSet(objects: [oldObject, newObject]), schema: schema, time: time)
        managers.capUpdaters(at: maxUpdateManagers)
        return Self.setting(managers.encoded(), on: newObject)
    }

    /// Whether a requested `managedFields` asks for a reset: `[]`, or one empty entry.
    static func isReset(_ list: [JSONValue]) -> Bool {
        if list.isEmpty { return true }
        if list.count == 1, let only = list.first?.objectValue {
            return only.values.allSatisfy { $0.isNull || $0 == .string("") || $0 == .object([:]) }
        }
        return false
    }
}
