import KubeCore
import Synchronization

/// Shares equal metadata values between cached objects.
///
/// Objects of one kind repeat the same labels, annotations, owner references and
/// finalizers: every Pod of a ReplicaSet has the same labels and the same owner. Swift
/// collections are copy-on-write, so when an incoming object's labels equal labels
/// already cached, the object can point at that storage instead of keeping its own
/// copy. That saves a dictionary (and its strings) per object, about a third of a small
/// object's memory, for the cost of one hash lookup per field when an object arrives.
struct MetadataInterner: Sendable {
    private var maps = Set<[String: String]>()
    private var owners = Set<[OwnerReference]>()
    private var lists = Set<[String]>()
    private var strings = Set<String>()

    /// Distinct values held.
    var count: Int { maps.count + owners.count + lists.count + strings.count }

    mutating func intern(_ meta: inout ObjectMeta) {
        if let v = meta.labels { meta.labels = maps.insert(v).memberAfterInsert }
        if let v = meta.annotations { meta.annotations = maps.insert(v).memberAfterInsert }
        if let v = meta.ownerReferences { meta.ownerReferences = owners.insert(v).memberAfterInsert }
        if let v = meta.finalizers { meta.finalizers = lists.insert(v).memberAfterInsert }
        // Short strings live inline; only longer ones have storage worth sharing.
        if let v = meta.namespace, v.utf8.count > 15 { meta.namespace = strings.insert(v).memberAfterInsert }
        if let v = meta.generateName, v.utf8.count > 15 {
            meta.generateName = strings.insert(v).memberAfterInsert
        }
    }

    /// Forgets every value; objects keep what they share already.
    mutating func reset() {
        maps.removeAll()
        owners.removeAll()
        lists.removeAll()
        strings.removeAll()
    }
}

/// A ``MetadataInterner`` shared by the stores that use it: one per ``CacheRegistry``, so
/// that, say, the five children of one owner, each in the cache of its kind, hold one copy
/// of their common owner references.
final class InternTable: Sendable {
    let interner = Mutex(MetadataInterner())
    /// Objects held by the stores using this table: values none of them use any more pile up
    /// as objects churn, so the table starts over when it holds far more values than that.
    let liveObjects = Atomic<Int>(0)

    /// Interns `meta`'s shareable values.
    func intern(_ meta: inout ObjectMeta) {
        let live = liveObjects.load(ordering: .relaxed)
        interner.withLock { table in
            // Starting over loses nothing already shared.
            if table.count > 2 * live + 4096 { table.reset() }
            table.intern(&meta)
        }
    }

    func objectsChanged(by delta: Int) {
        if delta != 0 { liveObjects.add(delta, ordering: .relaxed) }
    }
}
