import KubeClient
import KubeCore
import Logging
import Synchronization

/// The caches of a process, one per kind and selection: however many controllers ask for
/// `ConfigMap`s in namespace `a` with label `app=x`, there is one list and one watch.
///
/// A cache is identified by the Swift type it decodes into, the resource, the namespace
/// and the label and field selectors. The other options (transform, indexes, resync) are
/// those of the first request for that cache.
///
/// Caches start when the registry starts (``start()``); a cache asked for afterwards starts at once.
public final class CacheRegistry: Sendable {
    struct CacheKey: Hashable, Sendable {
        var type: ObjectIdentifier
        var resource: String
        var namespace: String?
        var labelSelector: String?
        var fieldSelector: String?
    }

    private struct State {
        var caches: [CacheKey: any AnySharedCache] = [:]
        var order: [CacheKey] = []
        var started = false
        var stopped = false
        var tasks: [CacheKey: Task<Void, Never>] = [:]
    }

    public let client: KubeClient
    /// The namespace of caches that name none; `nil` for all namespaces.
    public let defaultNamespace: String?
    let clock: any RuntimeClock
    let logger: Logger
    /// Shared by every cache of the registry: equal metadata values are held once across kinds.
    let interning = InternTable()
    private let state = Mutex(State())

    public init(
        client: KubeClient, defaultNamespace: String? = nil, clock: any RuntimeClock = SystemClock(),
        logger: Logger = Logger(label: "kube.runtime.cache")
    ) {
        self.client = client
        self.defaultNamespace = defaultNamespace
        self.clock = clock
        self.logger = logger
    }

    /// The shared cache of `type` with `options`' namespace and selectors, created on first use.
    public func cache<Object: KubernetesObject>(
        for type: Object.Type, options: CacheOptions<Object> = CacheOptions()
    ) -> SharedCache<Object> {
        var options = options
        if options.namespace == nil { options.namespace = defaultNamespace }
        if !Object.resource.namespaced { options.namespace = nil }
        let key = CacheKey(
            type: ObjectIdentifier(type), resource: "\(Object.resource.apiVersion)/\(Object.resource.plural)",
            namespace: options.namespace, labelSelector: options.labelSelector.flatMap { $0.isEmpty ? nil : $0 },
            fieldSelector: options.fieldSelector.flatMap { $0.isEmpty ? nil : $0 })
        let (cache, startNow) = state.withLock { s -> (SharedCache<Object>, Bool) in
            if let existing = s.caches[key] as? SharedCache<Object> { return (existing, false) }
            let cache = SharedCache(
                api: client.api(Object.self, namespace: options.namespace), options: options, interning: interning,
                clock: clock, logger: logger)
            s.caches[key] = cache
            s.order.append(key)
            return (cache, s.started && !s.stopped)
        }
        if startNow { launch(key, cache) }
        return cache
    }

    /// Every cache, in the order they were first asked for.
    public var caches: [any AnySharedCache] {
        state.withLock { s in s.order.compactMap { s.caches[$0] } }
    }

    /// Whether every cache has completed its first list.
    public var allSynced: Bool { caches.allSatisfy(\.hasSynced) }

    /// Starts every cache (and, from now on, each new one at once).
    public func start() {
        let pending = state.withLock { s -> [(CacheKey, any AnySharedCache)] in
            guard !s.started else { return [] }
            s.started = true
            return s.order.compactMap { key in s.caches[key].map { (key, $0) } }
        }
        for (key, cache) in pending { launch(key, cache) }
    }

    /// Waits until every cache has synced, failing with the first cache that has not
    /// synced within `timeout`.
    public func waitForSync(timeout: Duration) async throws {
        for cache in caches {
            try await cache.waitForSync(timeout: timeout)
        }
    }

    /// Stops every cache and waits for their watches to end.
    public func stop() async {
        let tasks = state.withLock { s -> [Task<Void, Never>] in
            s.stopped = true
            defer { s.tasks.removeAll() }
            return Array(s.tasks.values)
        }
        for t in tasks { t.cancel() }
        for t in tasks { await t.value }
    }

    private func launch(_ key: CacheKey, _ cache: any AnySharedCache) {
        let task = Task { await cache.run() }
        let keep = state.withLock { s -> Bool in
            if s.stopped { return false }
            s.tasks[key] = task
            return true
        }
        if !keep { task.cancel() }
    }
}
