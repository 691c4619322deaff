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

    init(indexers: [String: IndexFunction], indexOwners: Bool = true, indexNamespaces: Bool = true) {
        var all = indexers
        if indexNamespaces { all[CacheIndex.namespace] = { [$0.metadata.namespace ?? ""] } }
        if indexOwners { all[CacheIndex.ownerUID] = { ($0.metadata.ownerReferences ?? []).map(\.uid) } }
        state = Mutex(StoreContent(indexers: all))
    }

    /// The object with `key`, if cached.
    public func get(_ key: ObjectKey) -> Object? {
        state.withLock { $0.object(key) }
    }

    /// The object named `name` in `namespace` (nil for cluster-scoped), if cached.
    public func get(name: String, namespace: String? = nil) -> Object? {
        get(ObjectKey(namespace: namespace, name: name))
    }

    /// Every cached object, in no particular order.
    public func list() -> [Object] {
        state.withLock { Array($0.items) }
    }

    /// The cached objects in `namespace` (a scan when the namespace index is off).
    public func list(namespace: String) -> [Object] {
        state.withLock { s in
            guard s.indexers[CacheIndex.namespace] == nil else {
                return s.list(index: CacheIndex.namespace, value: namespace)
            }
            return s.items.filter { ($0.metadata.namespace ?? "") == namespace }
        }
    }

    /// The cached objects indexed under `value` by the index `index`.
    public func list(index: String, value: String) -> [Object] {
        state.withLock { $0.list(index: index, value: value) }
    }

    /// The keys of the cached objects indexed under `value` by `index` (for the namespace
    /// index when it is off: a scan).
    public func keys(index: String, value: String) -> [ObjectKey] {
        state.withLock { s in
            if index == CacheIndex.namespace, s.indexers[index] == nil {
                return s.items.filter { ($0.metadata.namespace ?? "") == value }.map { ObjectKey($0) }
            }
            return s.indexes[index]?[value]?.keys ?? []
        }
    }

    /// The keys of every cached object.
    public func keys() -> [ObjectKey] {
        state.withLock { Array($0.slots.keys) }
    }

    /// How many objects are cached.
    public var count: Int { state.withLock { $0.items.count } }

    /// An immutable copy of the whole store, for reading many objects consistently.
    /// Taking it is O(1); the cache's next change then copies its tables once.
    public func snapshot() -> StoreSnapshot<Object> {
        state.withLock { StoreSnapshot(content: $0) }
    }
}

/// An immutable view of a ``Store`` at one moment.
public struct StoreSnapshot<Object: KubernetesObject>: Sendable {
    let content: StoreContent<Object>

    /// Every object, in no particular order (a new array each time it is read).
    public var objects: [Object] { Array(content.items) }

    /// The keys of every object.
    public var keys: [ObjectKey] { Array(content.slots.keys) }

    /// The object with `key`.
    public func get(_ key: ObjectKey) -> Object? { content.object(key) }

    /// The objects indexed under `value` by `index`.
    public func list(index: String, value: String) -> [Object] {
        content.list(index: index, value: value)
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
    ///   - indexOwners: keep the ``CacheIndex/ownerUID`` index.
    public init(
        indexers: [String: Store<Object>.IndexFunction] = [:], transform: (@Sendable (inout Object) -> Void)? = nil,
        internMetadata: Bool = true, indexOwners: Bool = true
    ) {
        self.init(
            indexers: indexers, transform: transform, interning: internMetadata ? InternTable() : nil,
            indexOwners: indexOwners, indexNamespaces: true)
    }

    /// A writer interning into `interning`, which other stores may share.
    init(
        indexers: [String: Store<Object>.IndexFunction], transform: (@Sendable (inout Object) -> Void)?,
        interning: InternTable?, indexOwners: Bool, indexNamespaces: Bool
    ) {
        store = Store(indexers: indexers, indexOwners: indexOwners, indexNamespaces: indexNamespaces)
        self.transform = transform
        self.interning = interning
    }

    /// Prepares an object as received from the server for caching: applies the transform,
    /// then shares metadata values equal to ones already seen (labels, annotations, owner
    /// references, finalizers), so that, say, ten thousand Pods of one ReplicaSet hold one
    /// copy of their labels. Pass every object through it before ``apply(_:)`` or ``replaceAll(_:origin:)``.
    public func ingest(_ object: Object) -> Object {
        var copy = object
        transform?(&copy)
        interning?.intern(&copy.metadata)
        return copy
    }

    /// Inserts or replaces `object`; returns the object it replaced.
    @discardableResult
    public func apply(_ object: Object) -> Object? {
        let old = store.state.withLock { $0.upsert(object, key: ObjectKey(object)) }
        if old == nil { interning?.objectsChanged(by: 1) }
        return old
    }

    /// Removes the object with `key`; returns it.
    @discardableResult
    public func delete(_ key: ObjectKey) -> Object? {
        let old = store.state.withLock { $0.remove(key) }
        if old != nil { interning?.objectsChanged(by: -1) }
        return old
    }

    /// Replaces the whole content with `objects` (as a list returns them; of equal keys
    /// the last wins) in one step and returns the differences as events: objects new to
    /// the store, objects whose `resourceVersion` changed, and objects no longer present.
    public func replaceAll(_ objects: some Collection<Object>, origin: CacheEvent<Object>.Origin)
        -> [CacheEvent<Object>]
    {
        let fresh = StoreContent<Object>(indexers: store.state.withLock { $0.indexers }, objects: objects)
        let old = store.state.withLock { s in
            let previous = s
            s = fresh
            return previous
        }
        interning?.objectsChanged(by: fresh.items.count - old.items.count)
        var events: [CacheEvent<Object>] = []
        for object in fresh.items {
            if let before = old.object(ObjectKey(object)) {
                if before.metadata.resourceVersion != object.metadata.resourceVersion {
                    events.append(CacheEvent(kind: .updated, object: object, oldObject: before, origin: origin))
                }
            } else {
                events.append(CacheEvent(kind: .added, object: object, origin: origin))
            }
        }
        for before in old.items where fresh.slots[ObjectKey(before)] == nil {
            events.append(CacheEvent(kind: .deleted, object: before, origin: origin))
        }
        return events
    }
}

/// The keys an index holds under one value. Most values index a single object (the
/// owner UID of a child, a name), so that case is held inline, without a set of its own.
enum IndexEntry: Sendable {
    case one(ObjectKey)
    case many(Set<ObjectKey>)

    var keys: [ObjectKey] {
        switch self {
        case .one(let key): [key]
        case .many(let set): Array(set)
        }
    }

    mutating func insert(_ key: ObjectKey) {
        switch self {
        case .one(let existing):
            if existing != key { self = .many([existing, key]) }
        case .many(var set):
            // Let go of our reference first, so the set is unique and grows in place.
            self = .one(key)
            set.insert(key)
            self = .many(set)
        }
    }

    /// Removes `key`; returns whether nothing is left.
    mutating func remove(_ key: ObjectKey) -> Bool {
        switch self {
        case .one(let existing):
            return existing == key
        case .many(var set):
            self = .one(key)
            set.remove(key)
            if set.count == 1, let last = set.first {
                self = .one(last)
            } else {
                self = .many(set)
            }
            return set.isEmpty
        }
    }
}

/// The tables behind a store: the objects and the indexes over them.
///
/// Objects sit in an array, found by key through `slots`, rather than as the values of a
/// dictionary: a dictionary keeps between 4/3 and 8/3 slots per entry (its capacity is a
/// power of two), each as large as the object's inline struct (hundreds of bytes for most
/// kinds), where the array keeps one and the slot table only a key and a position.
struct StoreContent<Object: KubernetesObject>: Sendable {
    let indexers: [String: Store<Object>.IndexFunction]
    var items: ContiguousArray<Object> = []
    var slots: [ObjectKey: Int] = [:]
    var indexes: [String: [String: IndexEntry]] = [:]

    init(indexers: [String: Store<Object>.IndexFunction]) {
        self.indexers = indexers
    }

    /// A store holding `objects` (the last of equal keys wins).
    init(indexers: [String: Store<Object>.IndexFunction], objects: some Collection<Object>) {
        self.indexers = indexers
        items.reserveCapacity(objects.count)
        slots.reserveCapacity(objects.count)
        for object in objects { _ = upsert(object, key: ObjectKey(object)) }
    }

    func object(_ key: ObjectKey) -> Object? {
        slots[key].map { items[$0] }
    }

    func list(index: String, value: String) -> [Object] {
        switch indexes[index]?[value] {
        case nil: []
        case .one(let key): object(key).map { [$0] } ?? []
        case .many(let keys): keys.compactMap { object($0) }
        }
    }

    mutating func upsert(_ object: Object, key: ObjectKey) -> Object? {
        if let slot = slots[key] {
            let old = items[slot]
            items[slot] = object
            unindex(old, key: key)
            index(object, key: key)
            return old
        }
        slots[key] = items.count
        items.append(object)
        index(object, key: key)
        return nil
    }

    mutating func remove(_ key: ObjectKey) -> Object? {
        guard let slot = slots.removeValue(forKey: key) else { return nil }
        let old = items[slot]
        // The last object moves into the hole, so the array stays dense.
        let last = items.count - 1
        if slot != last {
            items.swapAt(slot, last)
            slots[ObjectKey(items[slot])] = slot
        }
        items.removeLast()
        unindex(old, key: key)
        return old
    }

    private mutating func index(_ object: Object, key: ObjectKey) {
        for (name, function) in indexers {
            for value in function(object) {
                if indexes[name]?[value] == nil {
                    indexes[name, default: [:]][value] = .one(key)
                } else {
                    indexes[name]?[value]?.insert(key)
                }
            }
        }
    }

    private mutating func unindex(_ object: Object, key: ObjectKey) {
        for (name, function) in indexers {
            for value in function(object) where indexes[name]?[value]?.remove(key) == true {
                indexes[name]?[value] = nil
            }
        }
    }
}
