import Foundation
import KubeCore
import Logging

/// The controllers a real cluster runs inside kube-controller-manager that
/// deletion depends on: the garbage collector (ownerReferences with background,
/// foreground and orphan propagation) and the namespace lifecycle (a deleted
/// namespace empties itself, then goes).
///
/// Work is level-based: pending deletions are re-examined until done, so
/// objects that wait on other finalizers are finished when those go.
final class LifecycleController: @unchecked Sendable {
    private let store: ObjectStore
    private let registry: ResourceRegistry
    private let logger: Logger
    // Guarded by `lock`.
    private let lock = NSLock()
    private var pending: [String: Pending] = [:]
    private var orphanedOwners: Set<String> = []
    private var task: Task<Void, Never>?
    /// Called for every object this controller deletes (for CRD cleanup and cascading).
    var onDeleted: (@Sendable (String, StoredObject) -> Void)?

    struct Pending {
        var storageKey: String
        var key: String
        var uid: String
        var propagation: String
        var isNamespace: Bool
    }

    init(store: ObjectStore, registry: ResourceRegistry, logger: Logger) {
        self.store = store
        self.registry = registry
        self.logger = logger
    }

    func start(interval: Duration = .milliseconds(100)) {
        task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                self?.reconcile()
            }
        }
    }

    func stop() {
        task?.cancel()
    }

    /// An object was marked for deletion (it has finalizers to wait for).
    func deletionRequested(resource r: ServedResource, object: StoredObject, propagation: String) {
        guard let json = try? object.json(), let uid = json[path: ["metadata", "uid"]]?.stringValue else { return }
        lock.lock()
        pending[uid] = Pending(
            storageKey: r.storageKey, key: object.key, uid: uid, propagation: propagation,
            isNamespace: r.group.isEmpty && r.plural == "namespaces")
        lock.unlock()
    }

    /// An object is gone: its dependents are collected (background propagation).
    func ownerDeleted(uid: String?) {
        guard let uid else { return }
        lock.lock()
        orphanedOwners.insert(uid)
        lock.unlock()
    }

    /// One pass over pending work.
    func reconcile() {
        lock.lock()
        let work = Array(pending.values)
        let owners = orphanedOwners
        orphanedOwners.removeAll()
        lock.unlock()
        if !owners.isEmpty { collectDependents(ofDeleted: owners) }
        for item in work where process(item) {
            lock.lock()
            pending[item.uid] = nil
            lock.unlock()
        }
    }

    /// Deletes (or un-owns) objects whose owners are all gone. Dependents and owners are
    /// looked up in the store's index, so a pass costs the dependents, not every object.
    private func collectDependents(ofDeleted uids: Set<String>) {
        var seen = Set<ObjectStore.ObjectRef>()
        for uid in uids.sorted() {
            for (resource, object) in store.dependents(ofOwner: uid)
            where seen.insert(ObjectStore.ObjectRef(resource: resource, key: object.key)).inserted {
                guard let json = try? object.json(),
                    let refs = json[path: ["metadata", "ownerReferences"]]?.arrayValue, !refs.isEmpty
                else { continue }
                let remaining = refs.filter { ref in
                    guard let owner = ref["uid"]?.stringValue else { return false }
                    return !uids.contains(owner) && store.exists(uid: owner)
                }
                if remaining.isEmpty {
                    delete(resource, key: object.key)
                } else {
                    _ = try? store.mutate(resource, key: object.key) { current in
                        guard var j = try current?.json() else { return .unchanged }
                        j[path: ["metadata", "ownerReferences"]] = .array(remaining)
                        return .put(j)
                    }
                }
            }
        }
    }

    /// Deletes an object the way the API would: marks it if it has finalizers.
    func delete(_ resource: String, key: String) {
        let outcome = try? store.mutate(resource, key: key) { current in
            guard let current, var json = try? current.json() else { return .unchanged }
            let finalizers = json[path: ["metadata", "finalizers"]]?.arrayValue ?? []
            if finalizers.isEmpty { return .delete }
            if json[path: ["metadata", "deletionTimestamp"]] != nil { return .unchanged }
            json[path: ["metadata", "deletionTimestamp"]] = .string(Time.now().description)
            json[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
            return .put(json)
        }
        if let outcome, outcome.change == .deleted, let object = outcome.object {
            finished(resource, object)
        }
    }

    private func finished(_ resource: String, _ object: StoredObject) {
        ownerDeleted(uid: (try? object.json())?[path: ["metadata", "uid"]]?.stringValue)
        onDeleted?(resource, object)
    }

    /// Advances one pending deletion; returns true when it is complete.
    private func process(_ item: Pending) -> Bool {
        guard let current = store.get(item.storageKey, key: item.key), let json = try? current.json(),
            json[path: ["metadata", "uid"]]?.stringValue == item.uid
        else { return true }
        if item.isNamespace { return finishNamespace(item, json) }
        let dependents = store.dependents(ofOwner: item.uid)
        let finalizers = (json[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
        if finalizers.contains("foregroundDeletion") {
            if dependents.isEmpty {
                removeFinalizer("foregroundDeletion", item)
            } else {
                for d in dependents { delete(d.resource, key: d.object.key) }
            }
            return false
        }
        if finalizers.contains("orphan") {
            for d in dependents {
                _ = try? store.mutate(d.resource, key: d.object.key) { current in
                    guard var j = try current?.json() else { return .unchanged }
                    let refs = (j[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).filter {
                        $0["uid"]?.stringValue != item.uid
                    }
                    j[path: ["metadata", "ownerReferences"]] = refs.isEmpty ? nil : .array(refs)
                    return .put(j)
                }
            }
            removeFinalizer("orphan", item)
            return false
        }
        // Waiting on other controllers' finalizers.
        return false
    }

    private func removeFinalizer(_ name: String, _ item: Pending) {
        let outcome = try? store.mutate(item.storageKey, key: item.key) { current in
            guard var j = try current?.json() else { return .unchanged }
            let remaining = (j[path: ["metadata", "finalizers"]]?.arrayValue ?? []).filter { $0.stringValue != name }
            j[path: ["metadata", "finalizers"]] = remaining.isEmpty ? nil : .array(remaining)
            if remaining.isEmpty { return .delete }
            return .put(j)
        }
        if let outcome, outcome.change == .deleted, let object = outcome.object {
            finished(item.storageKey, object)
        }
    }

    /// Deletes everything in a terminating namespace, then the namespace itself.
    private func finishNamespace(_ item: Pending, _ json: JSONValue) -> Bool {
        let namespace = json[path: ["metadata", "name"]]?.stringValue ?? ""
        let resources = store.resources(inNamespace: namespace)
        if !resources.isEmpty {
            for resource in resources {
                for object in store.list(resource, namespace: namespace).objects {
                    delete(resource, key: object.key)
                }
            }
            return false
        }
        // Empty: clear the namespace finalizer ("kubernetes") and any metadata finalizers we own.
        let outcome = try? store.mutate(item.storageKey, key: item.key) { current in
            guard var j = try current?.json() else { return .unchanged }
            j[path: ["spec", "finalizers"]] = nil
            if (j[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty { return .delete }
            return .put(j)
        }
        if let outcome, outcome.change == .deleted, let object = outcome.object {
            finished(item.storageKey, object)
            return true
        }
        return false
    }
}
