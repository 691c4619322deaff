import KubeClient
import KubeCore

/// Adds and removes finalizers with JSON patches guarded by a `test` operation, so a
/// concurrent change to the finalizer list (another controller adding or removing its
/// own) makes the write fail instead of being silently overwritten.
public enum Finalizers {
    /// Whether `object` carries `finalizer`.
    public static func contains(_ finalizer: String, in object: some KubernetesObject) -> Bool {
        object.metadata.finalizers?.contains(finalizer) ?? false
    }

    /// Adds `finalizer` to `object` (as read, e.g. from the cache) and returns the updated object.
    ///
    /// The patch tests that the finalizer list is still what `object` shows (or, when it
    /// has none, that its `resourceVersion` is unchanged) before appending.
    /// - Throws: ``RuntimeError`` (`conflict`) when the object changed meanwhile: retry
    ///   from a fresh read. Other failures as `KubeAPIError` / `KubeClientError`.
    public static func add<Object: KubernetesObject>(
        _ finalizer: String, to object: Object, client: KubeClient
    ) async throws -> Object {
        if contains(finalizer, in: object) { return object }
        let ops: [JSONPatchOperation]
        if let current = object.metadata.finalizers, !current.isEmpty {
            ops = [
                try .test("/metadata/finalizers", .array(current.map(JSONValue.string))),
                try .add("/metadata/finalizers/-", .string(finalizer)),
            ]
        } else {
            ops = [
                try .test("/metadata/resourceVersion", .string(object.metadata.resourceVersion ?? "")),
                try .add("/metadata/finalizers", .array([.string(finalizer)])),
            ]
        }
        return try await patch(object, ops, client: client, action: "add finalizer \(finalizer) to")
    }

    /// Removes `finalizer` from `object` and returns the updated object (which the server
    /// may already have deleted if it was the last finalizer of a deleting object).
    ///
    /// The patch tests that the finalizer is still at the index `object` shows before removing it.
    /// - Throws: ``RuntimeError`` (`conflict`) when the list changed meanwhile: retry from a fresh read.
    public static func remove<Object: KubernetesObject>(
        _ finalizer: String, from object: Object, client: KubeClient
    ) async throws -> Object {
        guard let index = object.metadata.finalizers?.firstIndex(of: finalizer) else { return object }
        let ops: [JSONPatchOperation] = [
            try .test("/metadata/finalizers/\(index)", .string(finalizer)),
            try .remove("/metadata/finalizers/\(index)"),
        ]
        return try await patch(object, ops, client: client, action: "remove finalizer \(finalizer) from")
    }

    /// What a finalizer-guarded reconcile should do with an object.
    public enum Phase<Object: Sendable>: Sendable {
        /// The object lives and carries the finalizer: bring the world to its desired state.
        case apply(Object)
        /// The object is being deleted and carries the finalizer: release what it holds.
        /// The finalizer is removed when the cleanup returns without throwing.
        case cleanup(Object)
    }

    /// Runs a reconcile in the finalizer pattern (as kube-rs's `finalizer` does):
    ///
    /// - a live object without the finalizer gets it added, and the reconcile ends (the
    ///   change triggers the next reconcile, which then applies);
    /// - a live object with the finalizer is handed to `body` as ``Phase/apply(_:)``;
    /// - a deleting object with the finalizer is handed to `body` as ``Phase/cleanup(_:)``,
    ///   and the finalizer is removed once `body` returns;
    /// - a deleting object without the finalizer needs nothing.
    public static func reconcile<Object: KubernetesObject>(
        _ object: Object, finalizer: String, client: KubeClient,
        _ body: (Phase<Object>) async throws -> ReconcileResult
    ) async throws -> ReconcileResult {
        let deleting = object.metadata.deletionTimestamp != nil
        let present = contains(finalizer, in: object)
        switch (deleting, present) {
        case (false, false):
            _ = try await add(finalizer, to: object, client: client)
            return .done
        case (false, true):
            return try await body(.apply(object))
        case (true, true):
            let result = try await body(.cleanup(object))
            _ = try await remove(finalizer, from: object, client: client)
            return result
        case (true, false):
            return .done
        }
    }

    private static func patch<Object: KubernetesObject>(
        _ object: Object, _ ops: [JSONPatchOperation], client: KubeClient, action: String
    ) async throws -> Object {
        let name = object.metadata.name ?? ""
        let api = client.api(Object.self, namespace: object.metadata.namespace)
        do {
            return try await api.patch(name, .json(ops.map(\.json)))
        } catch let error as KubeAPIError where error.isConflict || error.isInvalid {
            // A failed `test` is answered with 422; a stale version with 409.
            throw RuntimeError(
                .conflict,
                "could not \(action) \(Object.resource.kind) \(ObjectKey(object)): it changed since it was read (\(error.status.message ?? "test failed")); read it again and retry"
            )
        }
    }
}
