import KubeCore
import Synchronization

/// Names of the indexes every ``Store`` keeps.
public enum CacheIndex {
    /// Objects by namespace (`""` for cluster-scoped objects).
    public static let namespace = "namespace"
    /// Objects by the UID of each of their owners (`metadata.ownerReferences[].uid`).
    public static let ownerUID = "ownerUID"
}

/// The objects of one cache, read-only: what controllers read instead of the API server.
///
/// Reads are consistent: each call sees the store between two changes, never halfway
/// through one (a relist replaces the whole content at once). Objects are values; what a
/// read returns is a copy the caller may change freely without affecting the cache.
///
/// Only the owning ``StoreWriter`` (the cache's watcher) changes a store.
public final class Store<Object: KubernetesObject>: Sendable {
    /// Computes the values an object is indexed under.
    public typealias IndexFunction = @Sendable (Object) -> [String]

    let state: Mutex<StoreContent<Object>>

    init(indexers: [String: IndexFunction]) {
        var all = indexers
        all[CacheIndex.namespace] = { [$0.metadata.namespace ?? ""] }
        all[CacheIndex.ownerUID] = { ($0.metadata.ownerReferences ?? []).map(\.uid) }
        state = Mutex(StoreContent(indexers: all))
    }

    /// The object with `key`, if cached.
    public func get(_ key: ObjectKey) -> Object? {
        state.withLock { $0.objects[key] }
    }

    /// The object named `name` in `namespace` (nil for cluster-scoped), if cached.
    public func get(name: String, namespace: String? = nil) -> Object? {
        get(ObjectKey(namespace: namespace, name: name))
    }

    /// Every cached object, in no particular order.
    public func list() -> [Object] {
        state.withLock { Array($0.objects.values) }
    }

    /// The cached objects in `namespace`.
    public func list(namespace: String) -> [Object] {
        list(index: CacheIndex.namespace, value: namespace)
    }

    /// The cached objects indexed under `value` by the index `index`.
    public func list(index: String, value: String) -> [Object] {
        state.withLock { s in
            (s.indexes[index]?[value] ?? []).compactMap { s.objects[$0] }
        }
    }

    /// The keys of the cached objects indexed under `value` by `index`.
    public func keys(index: String, value: String) -> [ObjectKey] {
        state.withLock { Array($0.indexes[index]?[value] ?? []) }
    }

    /// The keys of every cached object.
    public func keys() -> [ObjectKey] {
        state.withLock { Array($0.objects.keys) }
    }

    /// How many objects are cached.
    public var count: Int { state.withLock { $0.objects.count } }

    /// An immutable copy of the whole store, for reading many objects consistently.
    /// Taking it is O(1); the cache's next change then copies its tables once.
    public func snapshot() -> StoreSnapshot<Object> {
        state.withLock { StoreSnapshot(objects: $0.objects, indexes: $0.indexes) }
    }
}

/// An immutable view of a ``Store`` at one moment.
public struct StoreSnapshot<Object: KubernetesObject>: Sendable {
    public let objects: [ObjectKey: Object]
    let indexes: [String: [String: Set<ObjectKey>]]

    /// The object with `key`.
    public func get(_ key: ObjectKey) -> Object? { objects[key] }

    /// The objects indexed under `value` by `index`.
    public func list(index: String, value: String) -> [Object] {
        (indexes[index]?[value] ?? []).compactMap { objects[$0] }
    }
}

/// The writer side of a ``Store``: applies watch events and relists. A cache owns one;
/// nothing else should write to its store.
public struct StoreWriter<Object: KubernetesObject>: Sendable {
    /// The store this writer fills, for readers.
    public let store: Store<Object>
    let transform: (@Sendable (inout Object) -> Void)?
    let interning: InternTable?

    /// A writer of a new, empty store with the built-in indexes plus `indexers`.
    ///
    /// - Parameters:
    ///   - transform: applied by ``ingest(_:)`` to drop fields before caching.
    ///   - internMetadata: let objects with equal labels, annotations, owner references
    ///     or finalizers share one copy of them (see ``ingest(_:)``).
    public init(
        indexers: [String: Store<Object>.IndexFunction] = [:], transform: (@Sendable (inout Object) -> Void)? = nil,
        internMetadata: Bool = true
    ) {
        store = Store(indexers: indexers)
        self.transform = transform
        interning = internMetadata ? InternTable() : nil
    }

    /// Prepares an object as received from the server for caching: applies the transform,
    /// then shares metadata values equal to ones already seen (labels, annotations, owner
    /// references, finalizers), so that, say, ten thousand Pods of one ReplicaSet hold one
    /// copy of their labels. Pass every object through it before ``apply(_:)`` or ``replaceAll(_:origin:)``.
    public func ingest(_ object: Object) -> Object {
        var copy = object
        transform?(&copy)
        guard let interning else { return copy }
        let storeCount = store.count
        interning.interner.withLock { table in
            // Values no cached object uses any more would pile up as objects churn; starting
            // over loses nothing already shared.
            if table.count > 2 * storeCount + 4096 { table.reset() }
            table.intern(&copy.metadata)
        }
        return copy
    }

    /// Inserts or replaces `object`; returns the object it replaced.
    @discardableResult
    public func apply(_ object: Object) -> Object? {
        store.state.withLock { $0.upsert(object, key: ObjectKey(object)) }
    }

    /// Removes the object with `key`; returns it.
    @discardableResult
    public func delete(_ key: ObjectKey) -> Object? {
        store.state.withLock { $0.remove(key) }
    }

    /// Replaces the whole content with `objects` in one step and returns the differences
    /// as events: objects new to the store, objects whose `resourceVersion` changed, and
    /// objects no longer present.
    public func replaceAll(_ objects: [ObjectKey: Object], origin: CacheEvent<Object>.Origin) -> [CacheEvent<Object>] {
        let fresh = StoreContent<Object>(indexers: store.state.withLock { $0.indexers }, objects: objects)
        let old = store.state.withLock { s in
            let previous = s.objects
            s = fresh
            return previous
        }
        var events: [CacheEvent<Object>] = []
        for (key, object) in objects {
            if let before = old[key] {
                if before.metadata.resourceVersion != object.metadata.resourceVersion {
                    events.append(CacheEvent(kind: .updated, object: object, oldObject: before, origin: origin))
                }
            } else {
                events.append(CacheEvent(kind: .added, object: object, origin: origin))
            }
        }
        for (key, before) in old where objects[key] == nil {
            events.append(CacheEvent(kind: .deleted, object: before, origin: origin))
        }
        return events
    }
}

/// The tables behind a store: objects by key and the indexes over them.
struct StoreContent<Object: KubernetesObject>: Sendable {
    let indexers: [String: Store<Object>.IndexFunction]
    var objects: [ObjectKey: Object] = [:]
    var indexes: [String: [String: Set<ObjectKey>]] = [:]

    init(indexers: [String: Store<Object>.IndexFunction]) {
        self.indexers = indexers
    }

    init(indexers: [String: Store<Object>.IndexFunction], objects: [ObjectKey: Object]) {
        self.indexers = indexers
        self.objects = objects
        for (key, object) in objects { index(object, key: key) }
    }

    mutating func upsert(_ object: Object, key: ObjectKey) -> Object? {
        let old = objects.updateValue(object, forKey: key)
        if let old { unindex(old, key: key) }
        index(object, key: key)
        return old
    }

    mutating func remove(_ key: ObjectKey) -> Object? {
        guard let old = objects.removeValue(forKey: key) else { return nil }
        unindex(old, key: key)
        return old
    }

    private mutating func index(_ object: Object, key: ObjectKey) {
        for (name, function) in indexers {
            for value in function(object) {
                indexes[name, default: [:]][value, default: []].insert(key)
            }
        }
    }

    private mutating func unindex(_ object: Object, key: ObjectKey) {
        for (name, function) in indexers {
            for value in function(object) {
                indexes[name]?[value]?.remove(key)
                if indexes[name]?[value]?.isEmpty == true { indexes[name]?[value] = nil }
            }
        }
    }
}
