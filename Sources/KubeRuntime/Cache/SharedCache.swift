import KubeClient
import KubeCore
import Logging
import Synchronization

/// How a ``SharedCache`` selects, trims and indexes its objects.
public struct CacheOptions<Object: KubernetesObject>: Sendable {
    /// Cache only this namespace; `nil` for every namespace (or the registry's default).
    public var namespace: String?
    /// Cache only objects whose labels match. Caching big kinds (Pods, Secrets) cluster-wide
    /// is the usual cause of controller memory blow-ups: select what you need.
    public var labelSelector: String?
    /// Cache only objects whose fields match.
    public var fieldSelector: String?
    /// Applied to every object before it is cached, to drop fields no controller reads.
    /// The default drops `metadata.managedFields`, often the largest part of an object.
    public var transform: (@Sendable (inout Object) -> Void)?
    /// Extra indexes, by name, besides ``CacheIndex/namespace`` and ``CacheIndex/ownerUID``.
    public var indexers: [String: Store<Object>.IndexFunction]
    /// Let cached objects with equal labels, annotations, owner references or finalizers
    /// share one copy of them (``StoreWriter/ingest(_:)``).
    public var internMetadata: Bool
    /// Keep the ``CacheIndex/ownerUID`` index. Turn it off for large caches nobody looks up
    /// by owner (`Owns` does not need it: it reads the owner references of each event).
    public var indexOwners: Bool
    /// Keep the ``CacheIndex/namespace`` index. Without it, ``Store/list(namespace:)`` scans
    /// every object: turn it off for large caches read by key.
    public var indexNamespaces: Bool
    /// Re-deliver every cached object to subscribers this often (as an update with origin
    /// `resync`), so reconcilers get a periodic chance to correct drift; `nil` for never.
    public var resyncPeriod: Duration?
    /// Paging, watch timeout and backoff (its selectors are taken from this struct).
    public var watcher: WatcherConfiguration

    public init(
        namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil,
        transform: (@Sendable (inout Object) -> Void)? = CacheOptions.dropManagedFields,
        indexers: [String: Store<Object>.IndexFunction] = [:], internMetadata: Bool = true, indexOwners: Bool = true,
        indexNamespaces: Bool = true, resyncPeriod: Duration? = nil,
        watcher: WatcherConfiguration = WatcherConfiguration()
    ) {
        self.indexOwners = indexOwners
        self.indexNamespaces = indexNamespaces
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.transform = transform
        self.indexers = indexers
        self.internMetadata = internMetadata
        self.resyncPeriod = resyncPeriod
        self.watcher = watcher
    }

    /// The default transform: removes `metadata.managedFields`.
    public static var dropManagedFields: @Sendable (inout Object) -> Void {
        { $0.metadata.managedFields = nil }
    }

    /// A transform for caches of children a controller compares by an annotation (say,
    /// the hash of what it applied) and follows to their owners: keeps only the labels
    /// and annotations named, and drops `managedFields` and `generateName`. Names,
    /// owner references, finalizers, generation, resourceVersion, uid and deletion
    /// timestamps stay.
    ///
    /// Children carry labels and annotations that are unique per owner (its name in a
    /// label, a hash in an annotation), so interning cannot share them; at thousands of
    /// children they are most of what a metadata-only cache holds.
    public static func keepMetadata(labels: Set<String> = [], annotations: Set<String> = [])
        -> @Sendable (inout Object)
        -> Void
    {
        { object in
            object.metadata.managedFields = nil
            object.metadata.generateName = nil
            object.metadata.labels = Self.keep(labels, of: object.metadata.labels)
            object.metadata.annotations = Self.keep(annotations, of: object.metadata.annotations)
        }
    }

    /// The entries of `map` under `keys`; nil when none is left.
    static func keep(_ keys: Set<String>, of map: [String: String]?) -> [String: String]? {
        guard let map else { return nil }
        // Rebuilt rather than filtered in place: the result is sized for what it holds.
        var kept: [String: String] = [:]
        for key in keys { if let value = map[key] { kept[key] = value } }
        return kept.isEmpty ? nil : kept
    }
}

/// Type-erased operations on a cache, for the registry and the manager.
public protocol AnySharedCache: AnyObject, Sendable {
    /// The resource and selection, for logs and errors.
    var cacheDescription: String { get }
    /// Whether the first list has completed.
    var hasSynced: Bool { get }
    /// Lists and watches until the task is cancelled.
    func run() async
    /// Waits for the first list; throws ``RuntimeError`` (`cacheSyncTimeout`) after `timeout`.
    func waitForSync(timeout: Duration) async throws
}

/// A watch of one kind shared by every controller of the process: a ``Watcher`` feeding a
/// ``Store``, and the changes fanned out to subscribers.
///
/// Obtain one from ``CacheRegistry/cache(for:options:)`` so that the same kind and
/// selection is watched once. Read objects through ``store``; react to changes through
/// ``subscribe(_:)``.
public final class SharedCache<Object: KubernetesObject>: AnySharedCache {
    public typealias Handler = @Sendable (CacheEvent<Object>) -> Void

    /// The cached objects.
    public let store: Store<Object>
    public let options: CacheOptions<Object>
    let writer: StoreWriter<Object>
    let api: Api<Object>
    let clock: any RuntimeClock
    let logger: Logger
    private let synced = Latch()
    /// Serialises delivery to subscribers with subscribing, so that a subscriber sees
    /// every object either in its initial snapshot or as a later event.
    private let subscribers = Mutex<[UInt64: Handler]>([:])
    private let nextSubscriber = Atomic<UInt64>(0)
    private let stateObserver = Mutex<(@Sendable (WatcherState) -> Void)?>(nil)

    public convenience init(api: Api<Object>, options: CacheOptions<Object>, clock: any RuntimeClock, logger: Logger) {
        self.init(
            api: api, options: options, interning: options.internMetadata ? InternTable() : nil, clock: clock,
            logger: logger)
    }

    /// A cache interning metadata into `interning` (the registry's, shared by its caches).
    init(
        api: Api<Object>, options: CacheOptions<Object>, interning: InternTable?, clock: any RuntimeClock,
        logger: Logger
    ) {
        self.api = api
        self.options = options
        self.clock = clock
        self.logger = logger
        writer = StoreWriter(
            indexers: options.indexers, transform: options.transform,
            interning: options.internMetadata ? interning : nil, indexOwners: options.indexOwners,
            indexNamespaces: options.indexNamespaces)
        store = writer.store
    }

    public var cacheDescription: String {
        var s = api.resource.qualifiedName
        if let ns = api.namespace { s += " in \(ns)" }
        if let l = options.labelSelector, !l.isEmpty { s += " labels \(l)" }
        if let f = options.fieldSelector, !f.isEmpty { s += " fields \(f)" }
        return s
    }

    public var hasSynced: Bool { synced.isOpen }

    /// Waits until the first list has completed.
    public func waitForSync() async throws {
        try await synced.wait()
    }

    public func waitForSync(timeout: Duration) async throws {
        guard try await synced.wait(timeout: timeout, clock: clock) else {
            throw RuntimeError(
                .cacheSyncTimeout,
                "the cache of \(cacheDescription) did not sync within \(timeout): check that the API server is reachable and that this identity may list and watch \(api.resource.qualifiedName)"
            )
        }
    }

    /// Calls `handler` for every change from now on, after first calling it with an
    /// `added` event (origin `initialList`) for each object already cached.
    ///
    /// Handlers run on the cache's task, one event at a time, in order: keep them short
    /// and non-blocking (enqueue a key and return). A handler must not subscribe to the
    /// same cache.
    public func subscribe(_ handler: @escaping Handler) -> CacheSubscription {
        let id = nextSubscriber.wrappingAdd(1, ordering: .relaxed).newValue
        subscribers.withLock { handlers in
            for object in store.list() {
                handler(CacheEvent(kind: .added, object: object, origin: .initialList))
            }
            handlers[id] = handler
        }
        return CacheSubscription { [weak self] in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
    }

    /// Observes the watcher's state changes (tests and diagnostics).
    public func observeWatcherState(_ observer: @escaping @Sendable (WatcherState) -> Void) {
        stateObserver.withLock { $0 = observer }
    }

    /// Delivers every cached object to subscribers as an unchanged update (origin `resync`).
    public func resync() {
        subscribers.withLock { handlers in
            guard !handlers.isEmpty else { return }
            for object in store.list() {
                let event = CacheEvent(kind: .updated, object: object, oldObject: object, origin: .resync)
                for handler in handlers.values { handler(event) }
            }
        }
    }

    public func run() async {
        var configured = Watcher(api: api, configuration: watcherConfiguration, clock: clock, logger: logger)
        configured.onStateChange = stateObserver.withLock { $0 }
        let watcher = configured
        await withTaskGroup(of: Void.self) { group in
            if let period = options.resyncPeriod {
                group.addTask { await self.resyncLoop(every: period) }
            }
            group.addTask { await self.consume(watcher) }
            await group.next()
            group.cancelAll()
        }
    }

    private var watcherConfiguration: WatcherConfiguration {
        var c = options.watcher
        c.labelSelector = options.labelSelector
        c.fieldSelector = options.fieldSelector
        return c
    }

    private func resyncLoop(every period: Duration) async {
        while !Task.isCancelled {
            do { try await clock.sleep(for: period) } catch { return }
            if hasSynced { resync() }
        }
    }

    private func consume(_ watcher: Watcher<Object>) async {
        // The list being received; swapped in whole when it completes.
        var buffer: [Object]?
        await watcher.run { event in
            switch event {
            case .listStarted:
                // Objects being listed count as live for the shared intern table, or it
                // would start over every few thousand values while every cache lists at once.
                writer.interning?.objectsChanged(by: -(buffer?.count ?? 0))
                buffer = []
            case .listPage(let items):
                let before = buffer?.count ?? 0
                for item in items { buffer?.append(writer.ingest(item)) }
                writer.interning?.objectsChanged(by: (buffer?.count ?? 0) - before)
            case .listCompleted:
                let origin: CacheEvent<Object>.Origin = hasSynced ? .relist : .initialList
                writer.interning?.objectsChanged(by: -(buffer?.count ?? 0))
                let changes = writer.replaceAll(buffer ?? [], origin: origin)
                buffer = nil
                deliver(changes)
                synced.open()
            case .applied(let item):
                let object = writer.ingest(item)
                let old = writer.apply(object)
                if let old {
                    deliver([CacheEvent(kind: .updated, object: object, oldObject: old, origin: .watch)])
                } else {
                    deliver([CacheEvent(kind: .added, object: object, origin: .watch)])
                }
            case .deleted(let item):
                let object = writer.ingest(item)
                let old = writer.delete(ObjectKey(object))
                deliver([CacheEvent(kind: .deleted, object: old ?? object, origin: .watch)])
            case .bookmark:
                break
            }
        }
    }

    private func deliver(_ events: [CacheEvent<Object>]) {
        guard !events.isEmpty else { return }
        subscribers.withLock { handlers in
            for event in events {
                for handler in handlers.values { handler(event) }
            }
        }
    }
}

/// A subscription to a cache; ``cancel()`` stops delivery.
public final class CacheSubscription: Sendable {
    private let onCancel: Mutex<(@Sendable () -> Void)?>

    init(_ onCancel: @escaping @Sendable () -> Void) {
        self.onCancel = Mutex(onCancel)
    }

    /// Stops delivery to the subscriber. Safe to call more than once.
    public func cancel() {
        let action = onCancel.withLock { a -> (@Sendable () -> Void)? in
            defer { a = nil }
            return a
        }
        action?()
    }
}
