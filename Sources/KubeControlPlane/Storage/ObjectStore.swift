import Foundation
import KubeCore

/// All objects of the control plane, kept in memory for reads and written
/// through to ``Persistence``. One global revision orders every write, as
/// etcd's does, and becomes each object's `resourceVersion`.
///
/// Preconditions (existence, resourceVersion) are checked and the write is
/// committed in one critical section, so concurrent writers cannot interleave.
final class ObjectStore: @unchecked Sendable {
    // Guarded by `lock`. A lock (not an actor) keeps reads cheap: a GET is a
    // dictionary lookup returning bytes that are already serialized.
    private let lock = NSLock()
    private var objects: [String: [String: StoredObject]] = [:]
    private(set) var revision: Int64
    /// Which objects exist by uid, and which objects name each uid as an owner, so the
    /// garbage collector looks owners and dependents up instead of scanning every object.
    private var byUID: [String: ObjectRef] = [:]
    private var dependentsByOwner: [String: Set<ObjectRef>] = [:]
    private let persistence: any Persistence
    let hub: WatchHub

    init(persistence: any Persistence, historyCapacity: Int = 10_000) throws {
        self.persistence = persistence
        let loaded = try persistence.load()
        for (resource, object) in loaded.objects { objects[resource, default: [:]][object.key] = object }
        revision = loaded.revision
        hub = WatchHub(capacity: historyCapacity, startRevision: loaded.revision)
        for (resource, object) in loaded.objects { index(object, resource: resource) }
    }

    var currentRevision: Int64 {
        lock.lock()
        defer { lock.unlock() }
        return revision
    }

    func get(_ resource: String, key: String) -> StoredObject? {
        lock.lock()
        defer { lock.unlock() }
        return objects[resource]?[key]
    }

    /// A consistent snapshot of one resource's objects (optionally in one namespace),
    /// sorted by key as etcd returns them, with the revision it was taken at.
    func list(_ resource: String, namespace: String?) -> (objects: [StoredObject], revision: Int64) {
        lock.lock()
        let all = objects[resource] ?? [:]
        let rev = revision
        lock.unlock()
        var items = Array(all.values)
        if let namespace { items = items.filter { $0.namespace == namespace } }
        items.sort { $0.key < $1.key }
        return (items, rev)
    }

    /// One resource's objects in no particular order (for the simulator, which visits each
    /// and needs no order).
    func unorderedObjects(_ resource: String) -> [StoredObject] {
        lock.lock()
        defer { lock.unlock() }
        return Array((objects[resource] ?? [:]).values)
    }

    /// One resource's objects (optionally in one namespace) as they were at `revision`,
    /// sorted by key — what etcd's MVCC gives a paginated list, so every page of it
    /// shows the same snapshot. Rebuilt from the current objects by undoing, newest
    /// first, the retained changes made after `revision`; `nil` when the watch history
    /// no longer reaches back that far (the snapshot was compacted).
    func list(_ resource: String, namespace: String?, at revision: Int64) -> [StoredObject]? {
        lock.lock()
        var all = objects[resource] ?? [:]
        let current = self.revision
        // Taken under the store lock: no write can fall between the objects and the changes.
        let changes = revision >= current ? [] : hub.changes(of: resource, after: revision)
        lock.unlock()
        guard let changes else { return nil }
        for change in changes.reversed() {
            let key = change.object.key
            switch change.type {
            case .added: all[key] = nil
            case .modified, .deleted: all[key] = change.previous
            }
        }
        var items = Array(all.values)
        if let namespace { items = items.filter { $0.namespace == namespace } }
        items.sort { $0.key < $1.key }
        return items
    }

    /// Where an object is: its resource and key.
    struct ObjectRef: Hashable, Sendable {
        var resource: String
        var key: String
    }

    /// Whether an object with `uid` exists.
    func exists(uid: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return byUID[uid] != nil
    }

    /// Releases the persistence at shutdown (a restarted server in the same process can then
    /// open the same data directory); writes after this fail.
    func close() throws {
        lock.lock()
        defer { lock.unlock() }
        try persistence.close()
    }

    /// Where the object with `uid` is, if it exists.
    func location(ofUID uid: String) -> ObjectRef? {
        lock.lock()
        defer { lock.unlock() }
        return byUID[uid]
    }

    /// The objects whose ownerReferences name `uid`.
    func dependents(ofOwner uid: String) -> [(resource: String, object: StoredObject)] {
        lock.lock()
        defer { lock.unlock() }
        return (dependentsByOwner[uid] ?? []).compactMap { ref in
            objects[ref.resource]?[ref.key].map { (ref.resource, $0) }
        }
    }

    // Callers hold `lock`.
    private func index(_ object: StoredObject, resource: String) {
        let ref = ObjectRef(resource: resource, key: object.key)
        if !object.uid.isEmpty { byUID[object.uid] = ref }
        for owner in object.ownerUIDs { dependentsByOwner[owner, default: []].insert(ref) }
    }

    // Callers hold `lock`.
    private func unindex(_ object: StoredObject, resource: String) {
        let ref = ObjectRef(resource: resource, key: object.key)
        if !object.uid.isEmpty, byUID[object.uid] == ref { byUID[object.uid] = nil }
        for owner in object.ownerUIDs {
            dependentsByOwner[owner]?.remove(ref)
            if dependentsByOwner[owner]?.isEmpty == true { dependentsByOwner[owner] = nil }
        }
    }

    /// Every resource key that has objects in `namespace`.
    func resources(inNamespace namespace: String) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        return objects.compactMap { resource, map in
            map.values.contains { $0.namespace == namespace } ? resource : nil
        }
    }

    enum WriteError: Error {
        case alreadyExists
        case notFound
        case conflict(current: StoredObject)
    }

    /// The write to make, decided under the lock from the current object.
    enum Decision {
        case put(JSONValue)
        case delete
        case unchanged
    }

    /// Creates `object` at `key`; fails if it exists.
    @discardableResult
    func create(_ resource: String, key: String, object: JSONValue) throws -> StoredObject {
        let outcome = try update(resource, key: key) { current in
            if current != nil { throw WriteError.alreadyExists }
            return .put(object)
        }
        // A `.put` always stores an object.
        guard let stored = outcome.object else { throw WriteError.notFound }
        return stored
    }

    /// Reads the current object, asks `decide` what to write, and commits it —
    /// all under the lock. `decide` receives `nil` when the object does not exist.
    /// Returns the stored result (or the unchanged / deleted object) and the event type.
    func mutate(
        _ resource: String, key: String, _ decide: (StoredObject?) throws -> Decision
    ) throws -> (object: StoredObject?, change: ChangeType?) {
        lock.lock()
        let current = objects[resource]?[key]
        let decision: Decision
        do {
            decision = try decide(current)
        } catch {
            lock.unlock()
            throw error
        }
        return try commit(decision, prepared: nil, resource: resource, key: key, current: current)
    }

    /// As ``mutate(_:key:_:)``, but `decide` runs outside the lock, so writes to different
    /// objects are computed in parallel and only their commits are serialized. When another
    /// write to the same object commits in between, `decide` runs again on the newer version
    /// (as kube-apiserver's guaranteed update retries its etcd transaction on the key's
    /// revision); after a few such rounds it runs under the lock, so a hot key still makes
    /// progress. `decide` may thus run more than once and must not act but through its result.
    func update(
        _ resource: String, key: String, _ decide: (StoredObject?) throws -> Decision
    ) throws -> (object: StoredObject?, change: ChangeType?) {
        for _ in 0..<Self.optimisticAttempts {
            let seen = get(resource, key: key)
            let decision = try decide(seen)
            // Serialized here too: under the lock only the revision is spliced in.
            var prepared: PreparedObject?
            if case .put(let json) = decision { prepared = PreparedObject(json: json) }
            lock.lock()
            let current = objects[resource]?[key]
            guard current?.revision == seen?.revision else {
                lock.unlock()
                continue
            }
            return try commit(decision, prepared: prepared, resource: resource, key: key, current: current)
        }
        return try mutate(resource, key: key, decide)
    }

    private static let optimisticAttempts = 4

    /// Commits `decision` against `current` (a `.put`'s object already serialized when
    /// `prepared` is given); called with `lock` held, which it releases.
    private func commit(
        _ decision: Decision, prepared: PreparedObject?, resource: String, key: String, current: StoredObject?
    ) throws -> (object: StoredObject?, change: ChangeType?) {
        switch decision {
        case .unchanged:
            lock.unlock()
            return (current, nil)
        case .put(let json):
            let next = revision + 1
            let stored = (prepared ?? PreparedObject(json: json)).stored(at: next)
            do {
                try persistence.put(resource: resource, object: stored)
            } catch {
                lock.unlock()
                throw error
            }
            revision = next
            if let current { unindex(current, resource: resource) }
            objects[resource, default: [:]][key] = stored
            index(stored, resource: resource)
            let event = ChangeEvent(
                type: current == nil ? .added : .modified, resource: resource, object: stored, previous: current)
            hub.publish(event)
            lock.unlock()
            return (stored, event.type)
        case .delete:
            guard let current else {
                lock.unlock()
                throw WriteError.notFound
            }
            let next = revision + 1
            do {
                try persistence.delete(resource: resource, key: key, revision: next)
            } catch {
                lock.unlock()
                throw error
            }
            revision = next
            objects[resource]?[key] = nil
            unindex(current, resource: resource)
            // The deleted object carries the deletion's revision, as the real server's DELETED events do.
            var tombstone = current
            if var json = try? current.json() {
                json[path: ["metadata", "resourceVersion"]] = .string(String(next))
                tombstone = StoredObject(json: json, revision: next)
            }
            hub.publish(ChangeEvent(type: .deleted, resource: resource, object: tombstone, previous: current))
            lock.unlock()
            return (tombstone, .deleted)
        }
    }
}
