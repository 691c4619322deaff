import Foundation
import KubeCore
import KubeHTTPServer
import NIOHTTP1
import Synchronization

/// Test-only access to a running control plane, for end-to-end tests of code that talks to it
/// (the controller runtime's): see the requests it received, make chosen requests fail, and
/// change the store behind the API's back.
///
/// Off by default: ``ControlPlane/testing`` is `nil` unless
/// ``ControlPlane/Configuration/enableTestHooks`` is set, and `astrolift dev` never sets it.
/// Nothing here is a Kubernetes API; a real cluster offers none of it.
public final class ControlPlaneTesting: Sendable {
    /// One request as the server received it (recorded after it fully arrived, before
    /// authentication and handling, so refused requests count too).
    public struct RecordedRequest: Sendable {
        /// The HTTP method.
        public let method: HTTPMethod
        /// The path, without the query.
        public let path: String
        /// The decoded query.
        public let query: [QueryItem]
    }

    private let hooks: RequestHooks
    private let api: APIServer
    private let serving: Serving

    init(api: APIServer, hooks: RequestHooks, serving: Serving) {
        self.api = api
        self.hooks = hooks
        self.serving = serving
    }

    /// Every request received since the start or the last ``resetRequests()``.
    public var requests: [RecordedRequest] { hooks.recorded.withLock { $0 } }

    /// Forgets the recorded requests.
    public func resetRequests() { hooks.recorded.withLock { $0.removeAll() } }

    /// Makes the next request whose path ends with `pathSuffix` fail with `status` instead of
    /// being handled (once; queue several calls for several failures).
    public func failNextRequest(pathSuffix: String, with status: Status) {
        hooks.failures.withLock { $0.append((pathSuffix, status)) }
    }

    /// Stores `object` as a create through the API would (uid, creationTimestamp,
    /// resourceVersion, generation; a CRD is served at once) but without authorization,
    /// admission or namespace checks. Returns the stored object.
    @discardableResult
    public func seed(_ object: JSONValue) throws(ControlPlaneError) -> JSONValue {
        let r = try resource(of: object)
        guard let name = object[path: ["metadata", "name"]]?.stringValue, !name.isEmpty else {
            throw .testing("a seeded object needs metadata.name")
        }
        var o = object
        if !r.namespaced { o[path: ["metadata", "namespace"]] = nil }
        let namespace = r.namespaced ? (o[path: ["metadata", "namespace"]]?.stringValue ?? "default") : nil
        if let namespace { o[path: ["metadata", "namespace"]] = .string(namespace) }
        ObjectPreparation.prepareCreate(&o, r, now: .now())
        do {
            let stored = try api.store.create(
                r.storageKey, key: ObjectKey.make(namespace: namespace, name: name), object: r.storageObject(o))
            api.afterWrite(r, stored)
            return try JSONValue.parse(r.serve(stored))
        } catch {
            throw .testing("seeding \(r.kind) \(name) failed: \(error)")
        }
    }

    /// Every stored object of a kind, sorted by namespace and name.
    public func stored(apiVersion: String, kind: String) -> [JSONValue] {
        guard let r = api.registry.lookup(apiVersion: apiVersion, kind: kind) else { return [] }
        return api.store.list(r.storageKey, namespace: nil).objects.compactMap { try? JSONValue.parse(r.serve($0)) }
    }

    /// Deletes an object at once, ignoring finalizers (watchers see DELETED; garbage
    /// collection follows as after any deletion). Returns whether it existed.
    @discardableResult
    public func remove(apiVersion: String, kind: String, namespace: String?, name: String) -> Bool {
        guard let r = api.registry.lookup(apiVersion: apiVersion, kind: kind) else { return false }
        let key = ObjectKey.make(namespace: r.namespaced ? namespace : nil, name: name)
        guard let outcome = try? api.store.mutate(r.storageKey, key: key, { _ in .delete }), let gone = outcome.object
        else { return false }
        api.afterDelete(r, gone)
        return true
    }

    /// Forgets the watch history up to now, as an etcd compaction would: watches from, and
    /// continue tokens of, any earlier resourceVersion get 410 Gone.
    public func compactWatchHistory() {
        api.store.hub.compact()
    }

    /// How many watches the server is serving right now.
    public var activeWatches: Int { api.store.hub.subscriberCount }

    /// Stops serving as a crashed API server would (listener closed, every connection and
    /// watch cut); the store, CA and port are kept for ``resumeServing()``.
    public func suspendServing() async {
        await serving.stop()
        api.store.hub.closeAll()
    }

    /// Serves again after ``suspendServing()``, on the same port with the same certificate.
    public func resumeServing() async throws {
        try await serving.start()
    }

    private func resource(of object: JSONValue) throws(ControlPlaneError) -> ServedResource {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let kind = object["kind"]?.stringValue ?? ""
        guard let r = api.registry.lookup(apiVersion: apiVersion, kind: kind) else {
            throw .testing("kind \"\(kind)\" of apiVersion \"\(apiVersion)\" is not served")
        }
        return r
    }
}

/// Request recording and failure injection behind ``ControlPlaneTesting``; the API server
/// consults it first when test hooks are enabled.
final class RequestHooks: Sendable {
    let recorded = Mutex<[ControlPlaneTesting.RecordedRequest]>([])
    let failures = Mutex<[(pathSuffix: String, status: Status)]>([])

    /// Records `request` and returns the failure injected for it, if any.
    func intercept(_ request: ServerRequest) -> ServerResponse? {
        recorded.withLock {
            $0.append(
                ControlPlaneTesting.RecordedRequest(method: request.method, path: request.path, query: request.query))
        }
        let injected: Status? = failures.withLock { queue in
            guard let i = queue.firstIndex(where: { request.path.hasSuffix($0.pathSuffix) }) else { return nil }
            return queue.remove(at: i).status
        }
        return injected.map { APIStatus(status: $0).response }
    }
}

/// The HTTPS listener, which tests can stop and start again on the same port.
final class Serving: Sendable {
    private let server = Mutex<HTTPServer?>(nil)
    private let configuration: Mutex<HTTPServer.Configuration>
    private let handler: HTTPServer.Handler

    init(configuration: HTTPServer.Configuration, handler: @escaping HTTPServer.Handler) {
        self.configuration = Mutex(configuration)
        self.handler = handler
    }

    /// Starts listening; returns the port. A restart reuses the first start's port.
    @discardableResult
    func start() async throws -> Int {
        let started = try await HTTPServer.start(configuration: configuration.withLock { $0 }, handler: handler)
        configuration.withLock { $0.port = started.port }
        server.withLock { $0 = started }
        return started.port
    }

    func stop() async {
        let running = server.withLock { s in
            defer { s = nil }
            return s
        }
        await running?.shutdown()
    }
}
