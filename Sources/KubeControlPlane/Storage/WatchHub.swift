import Foundation
import KubeCore

/// Recent changes and the watchers that follow them.
///
/// A bounded history lets a watch start from any recent resourceVersion; older
/// versions get 410 Gone, as from a compacted etcd.
final class WatchHub: @unchecked Sendable {
    // Guarded by `lock`: watch registration happens off the store's actor.
    private let lock = NSLock()
    private var history: [ChangeEvent] = []
    private var historyStart = 0
    private let capacity: Int
    /// Revisions at or below this are no longer in the history.
    private(set) var compactedThrough: Int64 = 0
    private var subscribers: [UUID: Subscriber] = [:]

    struct Subscriber {
        var resource: String
        var queue: WatchQueue
    }

    /// What a watcher receives, in commit order.
    enum WatchItem: Sendable {
        case change(ChangeEvent)
        /// Every change up to this revision has been delivered before this item.
        case progress(Int64)
    }

    /// The revision of the newest published change.
    private var lastRevision: Int64 = 0

    init(capacity: Int = 10_000, startRevision: Int64) {
        self.capacity = capacity
        self.compactedThrough = startRevision
        self.lastRevision = startRevision
    }

    /// Records a committed change and hands it to every watcher of its resource.
    func publish(_ event: ChangeEvent) {
        lock.lock()
        defer { lock.unlock() }
        lastRevision = event.object.revision
        history.append(event)
        if history.count - historyStart > capacity {
            compactedThrough = history[historyStart].object.revision
            historyStart += 1
            if historyStart > capacity {
                history.removeFirst(historyStart)
                historyStart = 0
            }
        }
        // Yielding under the lock keeps each watcher's order identical to commit order,
        // which progress markers rely on.
        for s in subscribers.values where s.resource == event.resource {
            s.queue.push(.change(event))
        }
    }

    /// Queues a progress marker for one watcher, behind every change already published.
    func markProgress(_ id: UUID) {
        lock.lock()
        defer { lock.unlock() }
        subscribers[id]?.queue.push(.progress(lastRevision))
    }

    enum Start {
        /// The changes after `revision`, then live ones.
        case events([ChangeEvent], WatchQueue, UUID)
        /// `revision` is older than the retained history.
        case gone(oldest: Int64)
    }

    /// Subscribes to `resource` from after `revision`. The backlog and the live stream
    /// are taken under one lock, so no change falls between them.
    func subscribe(resource: String, after revision: Int64?) -> Start {
        lock.lock()
        defer { lock.unlock() }
        var backlog: [ChangeEvent] = []
        if let revision {
            if revision < compactedThrough { return .gone(oldest: compactedThrough + 1) }
            backlog = retained(after: revision).filter { $0.resource == resource }
        }
        let queue = WatchQueue()
        let id = UUID.random()
        subscribers[id] = Subscriber(resource: resource, queue: queue)
        return .events(backlog, queue, id)
    }

    /// The retained changes of `resource` after `revision`, oldest first, or `nil` when
    /// some of them were already compacted away. The store calls this under its own lock,
    /// so the result and the store's current objects describe the same moment.
    func changes(of resource: String, after revision: Int64) -> [ChangeEvent]? {
        lock.lock()
        defer { lock.unlock() }
        if revision < compactedThrough { return nil }
        return retained(after: revision).filter { $0.resource == resource }
    }

    /// Every retained change after `revision`, of all resources, oldest first; `nil` when
    /// some were compacted away. The workload simulator follows the store through this.
    func changes(after revision: Int64) -> [ChangeEvent]? {
        lock.lock()
        defer { lock.unlock() }
        if revision < compactedThrough { return nil }
        return Array(retained(after: revision))
    }

    /// The retained changes after `revision`, found from the newest back. Callers hold `lock`.
    private func retained(after revision: Int64) -> ArraySlice<ChangeEvent> {
        var i = history.count
        while i > historyStart, history[i - 1].object.revision > revision { i -= 1 }
        return history[i...]
    }

    func unsubscribe(_ id: UUID) {
        lock.lock()
        let s = subscribers.removeValue(forKey: id)
        lock.unlock()
        s?.queue.finish()
    }

    /// How many watches are subscribed.
    var subscriberCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return subscribers.count
    }

    /// Forgets every retained change, as an etcd compaction at the current revision would.
    func compact() {
        lock.lock()
        defer { lock.unlock() }
        compactedThrough = lastRevision
        history.removeAll()
        historyStart = 0
    }

    /// Ends every watch (server shutdown).
    func closeAll() {
        lock.lock()
        let all = subscribers.values
        subscribers.removeAll()
        lock.unlock()
        for s in all { s.queue.finish() }
    }
}
