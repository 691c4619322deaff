import AsyncHTTPClient
import Foundation
import KubeCore
import NIOHTTP1

/// The verbs of one resource type, in one namespace or across all of them.
///
/// `Object` is a typed model (`Api<Pod>`) or `DynamicObject` (`Api<DynamicObject>`);
/// both have the same verbs. Obtain one from `KubeClient.api(_:namespace:)` or
/// `KubeClient.dynamicApi(_:namespace:)`.
///
/// Writes never destroy fields the model does not know: `create`, `patch` and
/// `apply` send only what the caller set; `update` of a typed model carries the
/// server's unknown fields over from the current object (see ``update(_:options:)``).
public struct Api<Object: APIObject>: Sendable {
    public let client: KubeClient
    public let resource: ResourceDescriptor
    /// The namespace of this handle; `nil` means all namespaces for lists and
    /// watches, and the client's default namespace for single objects.
    public let namespace: String?

    init(client: KubeClient, resource: ResourceDescriptor, namespace: String?) {
        self.client = client
        self.resource = resource
        self.namespace = namespace
    }

    // MARK: Reads

    /// Reads one object.
    public func get(_ name: String) async throws -> Object {
        let response = try await client.send(
            APIRequest(method: .GET, path: objectPath(name, namespace: nil), idempotent: true))
        return try decode(Object.self, response.body, "GET \(name)")
    }

    /// Reads one object, or `nil` when it does not exist.
    public func getIfExists(_ name: String) async throws -> Object? {
        do {
            return try await get(name)
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
    }

    /// Lists one page (or everything when `options.limit` is nil).
    public func list(_ options: ListOptions = ListOptions()) async throws -> ObjectList<Object> {
        let response = try await client.send(
            APIRequest(
                method: .GET, path: resource.collectionPath(namespace: namespace), query: options.queryItems,
                idempotent: true))
        return try decode(ObjectList<Object>.self, response.body, "LIST \(resource)")
    }

    /// Lists every page, `pageSize` objects at a time, following `continue` tokens.
    /// The returned list carries the resourceVersion of the first page, from
    /// which a watch can start. An expired continue token (410) restarts the list.
    public func listAll(_ options: ListOptions = ListOptions(), pageSize: Int = 500) async throws -> ObjectList<Object>
    {
        var opts = options
        opts.limit = pageSize
        opts.continueToken = nil
        var items: [Object] = []
        var first: ObjectList<Object>?
        var restarts = 0
        while true {
            let page: ObjectList<Object>
            do {
                page = try await list(opts)
            } catch let error as KubeAPIError where error.isGone && opts.continueToken != nil && restarts < 3 {
                restarts += 1
                items.removeAll()
                first = nil
                opts.continueToken = nil
                continue
            }
            if first == nil { first = page }
            items.append(contentsOf: page.items)
            guard let token = page.metadata.continue, !token.isEmpty else { break }
            opts.continueToken = token
        }
        return ObjectList(
            apiVersion: first?.apiVersion, kind: first?.kind,
            metadata: ListMeta(resourceVersion: first?.metadata.resourceVersion), items: items)
    }

    /// Watches for changes. The request is made when iteration starts.
    public func watch(_ options: WatchOptions = WatchOptions()) -> WatchStream<Object> {
        let client = self.client
        let path = resource.collectionPath(namespace: namespace)
        let request = APIRequest(method: .GET, path: path, query: options.queryItems, idempotent: true)
        // The deadline outlives the server-side timeout so the server ends the watch cleanly.
        let timeout: Duration = .seconds((options.timeoutSeconds ?? 1800) + 30)
        return WatchStream(
            open: { try await client.openStream(request, timeout: timeout).body },
            maxLineBytes: client.configuration.maxWatchLineBytes, path: path)
    }

    // MARK: Writes

    /// Creates `object` (in its namespace, else this handle's, else the client's default).
    public func create(_ object: Object, options: WriteOptions = WriteOptions()) async throws -> Object {
        let ns = try namespaceFor(object)
        let body = try encodeForWrite(object, namespace: ns)
        let response = try await client.send(
            APIRequest(
                method: .POST, path: resource.collectionPath(namespace: ns), query: options.queryItems,
                body: body.serialized(), idempotent: false))
        return try decode(Object.self, response.body, "CREATE \(object.objectName ?? "")")
    }

    /// Replaces the object (PUT) with optimistic concurrency: the write fails with a
    /// conflict (`KubeAPIError.isConflict`) unless `object` carries the current
    /// `metadata.resourceVersion`.
    ///
    /// A typed model may know only part of the kind's fields. So that fields it
    /// does not know survive, the current object is read and the caller's changes
    /// (relative to what the model sees of it) are carried onto it before the PUT.
    public func update(_ object: Object, options: WriteOptions = WriteOptions()) async throws -> Object {
        try await replace(object, subresource: nil, options: options)
    }

    /// Patches the object named `name`.
    public func patch(_ name: String, _ patch: Patch, options: PatchOptions = PatchOptions()) async throws -> Object {
        try await sendPatch(name: name, namespace: nil, patch, options: options, subresource: nil)
    }

    /// Server-side apply: declares the fields `object` sets as owned by `fieldManager`.
    /// A conflict with another manager fails with 409 unless `force` is set.
    public func apply(
        _ object: Object, fieldManager: String, force: Bool = false, dryRun: Bool = false
    ) async throws -> Object {
        try await sendApply(object, fieldManager: fieldManager, force: force, dryRun: dryRun, subresource: nil)
    }

    /// Server-side apply, as ``apply(_:fieldManager:force:dryRun:)``, without decoding the
    /// server's copy of the object: for controllers that read their children from a watch
    /// cache, where decoding every answer would be work thrown away.
    public func applyDiscardingResult(_ object: Object, fieldManager: String, force: Bool = false) async throws {
        let (name, ns, patch, options) = try applyRequest(
            object, fieldManager: fieldManager, force: force, dryRun: false)
        _ = try await sendPatchForBody(name: name, namespace: ns, patch, options: options, subresource: nil)
    }

    /// Deletes the object named `name`.
    @discardableResult
    public func delete(_ name: String, options: DeleteOptions = DeleteOptions()) async throws -> DeleteResult<Object> {
        let body = try KubeJSON.encode(options)
        let response = try await client.send(
            APIRequest(
                method: .DELETE, path: objectPath(name, namespace: nil), body: body, idempotent: true))
        return try decodeDeleteResult(response.body, name: name)
    }

    /// Deletes every object matching `listOptions` in this handle's namespace (or cluster-wide).
    public func deleteCollection(
        _ listOptions: ListOptions = ListOptions(), options: DeleteOptions = DeleteOptions()
    ) async throws {
        let body = try KubeJSON.encode(options)
        _ = try await client.send(
            APIRequest(
                method: .DELETE, path: resource.collectionPath(namespace: namespace), query: listOptions.queryItems,
                body: body, idempotent: true))
    }

    // MARK: Status subresource

    /// Reads the object through its `status` subresource.
    public func getStatus(_ name: String) async throws -> Object {
        let response = try await client.send(
            APIRequest(method: .GET, path: objectPath(name, namespace: nil, subresource: "status"), idempotent: true))
        return try decode(Object.self, response.body, "GET \(name)/status")
    }

    /// Replaces the status (PUT `/status`); other parts of `object` are ignored by the server.
    public func updateStatus(_ object: Object, options: WriteOptions = WriteOptions()) async throws -> Object {
        try await replace(object, subresource: "status", options: options)
    }

    /// Patches the status subresource.
    public func patchStatus(_ name: String, _ patch: Patch, options: PatchOptions = PatchOptions()) async throws
        -> Object
    {
        try await sendPatch(name: name, namespace: nil, patch, options: options, subresource: "status")
    }

    /// Patches the status subresource, as ``patchStatus(_:_:options:)``, without decoding the
    /// server's copy of the object (the caller's cache receives it from its watch).
    public func patchStatusDiscardingResult(
        _ name: String, _ patch: Patch, options: PatchOptions = PatchOptions()
    ) async throws {
        _ = try await sendPatchForBody(name: name, namespace: nil, patch, options: options, subresource: "status")
    }

    /// Server-side apply of the status subresource.
    public func applyStatus(_ object: Object, fieldManager: String, force: Bool = false) async throws -> Object {
        try await sendApply(object, fieldManager: fieldManager, force: force, dryRun: false, subresource: "status")
    }

    // MARK: Helpers

    func objectPath(_ name: String, namespace ns: String?, subresource: String? = nil) -> String {
        resource.objectPath(
            name: name, namespace: resource.namespaced ? (ns ?? namespace ?? client.defaultNamespace) : nil,
            subresource: subresource)
    }

    private func namespaceFor(_ object: Object) throws -> String? {
        guard resource.namespaced else { return nil }
        if let ns = namespace, let objectNS = object.objectNamespace, !objectNS.isEmpty, objectNS != ns {
            throw KubeClientError(
                .configuration,
                "\(resource.kind) \(object.objectName ?? "") is in namespace \(objectNS), but the request is for namespace \(ns): make them agree"
            )
        }
        if let ns = object.objectNamespace, !ns.isEmpty { return ns }
        return namespace ?? client.defaultNamespace
    }

    /// The JSON body of a write: the encoded object with apiVersion, kind and namespace filled in.
    private func encodeForWrite(_ object: Object, namespace ns: String?) throws -> JSONValue {
        var json = try JSONValue(encoding: object)
        if json["apiVersion"] == nil || json["apiVersion"] == .null {
            json["apiVersion"] = .string(resource.apiVersion)
        }
        if json["kind"] == nil || json["kind"] == .null { json["kind"] = .string(resource.kind) }
        if let ns { json[path: ["metadata", "namespace"]] = .string(ns) }
        return json
    }

    private func replace(_ object: Object, subresource: String?, options: WriteOptions) async throws -> Object {
        guard let name = object.objectName, !name.isEmpty else {
            throw KubeClientError(.configuration, "cannot update a \(resource.kind) without metadata.name")
        }
        let ns = try namespaceFor(object)
        var body = try encodeForWrite(object, namespace: ns)
        if Object.self != DynamicObject.self {
            body = try await carryUnknownFields(into: body, name: name, namespace: ns)
        }
        // A PUT without resourceVersion is an unconditional overwrite; with one it is
        // guarded by optimistic concurrency, so only then is it safe to retry.
        let guarded = object.objectResourceVersion.map { !$0.isEmpty } ?? false
        let response = try await client.send(
            APIRequest(
                method: .PUT, path: objectPath(name, namespace: ns, subresource: subresource),
                query: options.queryItems, body: body.serialized(), idempotent: guarded))
        return try decode(Object.self, response.body, "UPDATE \(name)")
    }

    /// Reads the current object and returns it with the changes the typed body
    /// makes to the typed view of it, so fields unknown to the model are kept.
    private func carryUnknownFields(into body: JSONValue, name: String, namespace ns: String?) async throws -> JSONValue
    {
        let current = try await client.send(
            APIRequest(method: .GET, path: objectPath(name, namespace: ns), idempotent: true))
        let raw = try JSONValue.parse(current.body)
        let typedView = try JSONValue(encoding: decode(Object.self, current.body, "GET \(name)"))
        var merged = UnknownFieldOverlay.overlay(raw: raw, before: typedView, after: body)
        // The caller's resourceVersion is the concurrency guard, even if the model dropped it.
        merged[path: ["metadata", "resourceVersion"]] = body[path: ["metadata", "resourceVersion"]]
        return merged
    }

    private func sendPatch(
        name: String, namespace ns: String?, _ patch: Patch, options: PatchOptions, subresource: String?
    ) async throws -> Object {
        let body = try await sendPatchForBody(
            name: name, namespace: ns, patch, options: options, subresource: subresource)
        return try decode(Object.self, body, "PATCH \(name)")
    }

    /// Sends a patch and returns the server's answer undecoded.
    private func sendPatchForBody(
        name: String, namespace ns: String?, _ patch: Patch, options: PatchOptions, subresource: String?
    ) async throws -> Data {
        var opts = options
        if case .apply = patch, opts.fieldManager == nil {
            throw KubeClientError(.configuration, "server-side apply of \(resource.kind) \(name) needs a fieldManager")
        }
        if case .apply = patch {} else { opts.force = false }
        // Apply is declarative, and a JSON patch with a `test` op guards itself: both are safe to repeat.
        let idempotent: Bool
        switch patch {
        case .apply: idempotent = true
        case .json(let ops): idempotent = ops.contains { $0["op"]?.stringValue == "test" }
        default: idempotent = false
        }
        let response = try await client.send(
            APIRequest(
                method: .PATCH, path: objectPath(name, namespace: ns, subresource: subresource),
                query: opts.queryItems, body: patch.body.serialized(), contentType: patch.contentType,
                idempotent: idempotent))
        return response.body
    }

    private func sendApply(
        _ object: Object, fieldManager: String, force: Bool, dryRun: Bool, subresource: String?
    ) async throws -> Object {
        let (name, ns, patch, options) = try applyRequest(
            object, fieldManager: fieldManager, force: force, dryRun: dryRun)
        let body = try await sendPatchForBody(
            name: name, namespace: ns, patch, options: options, subresource: subresource)
        return try decode(Object.self, body, "PATCH \(name)")
    }

    /// What a server-side apply of `object` sends: its name, namespace, body and options.
    private func applyRequest(
        _ object: Object, fieldManager: String, force: Bool, dryRun: Bool
    ) throws -> (String, String?, Patch, PatchOptions) {
        guard let name = object.objectName, !name.isEmpty else {
            throw KubeClientError(.configuration, "cannot apply a \(resource.kind) without metadata.name")
        }
        let ns = try namespaceFor(object)
        var body = try encodeForWrite(object, namespace: ns)
        // The server rejects applies that carry managedFields; they are its bookkeeping.
        body[path: ["metadata", "managedFields"]] = nil
        return (name, ns, .apply(body), PatchOptions(fieldManager: fieldManager, force: force, dryRun: dryRun))
    }

    private func decodeDeleteResult(_ body: Data, name: String) throws -> DeleteResult<Object> {
        let json = try? JSONValue.parse(body)
        if json?["kind"]?.stringValue == "Status" {
            return .deleted(try decode(Status.self, body, "DELETE \(name)"))
        }
        return .pending(try decode(Object.self, body, "DELETE \(name)"))
    }

    func decode<T: Decodable>(_ type: T.Type, _ body: Data, _ what: String) throws -> T {
        do {
            return try KubeJSON.decode(T.self, from: body)
        } catch {
            throw KubeClientError(.decoding, "\(what) (\(resource)): the response could not be decoded: \(error)")
        }
    }
}
