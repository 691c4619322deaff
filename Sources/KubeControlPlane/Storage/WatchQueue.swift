import Synchronization

/// The items waiting for one watcher, handed over in batches.
///
/// A watcher that falls behind during a burst of writes takes everything queued at once
/// and sends it as one chunk: one hop to the connection's event loop, one TLS record and
/// one system call for many events, instead of one each. Unbounded, as a watch's backlog
/// is in the real server until the client is dropped.
final class WatchQueue: Sendable {
    private struct State {
        var items: [WatchHub.WatchItem] = []
        var waiter: CheckedContinuation<[WatchHub.WatchItem]?, Never>?
        var finished = false
    }

    private let state = Mutex(State())

    /// Queues `item` behind the others (or hands it to the waiting watcher).
    func push(_ item: WatchHub.WatchItem) {
        let waiter = state.withLock { s -> CheckedContinuation<[WatchHub.WatchItem]?, Never>? in
            guard !s.finished else { return nil }
            guard let waiter = s.waiter else {
                s.items.append(item)
                return nil
            }
            s.waiter = nil
            return waiter
        }
        waiter?.resume(returning: [item])
    }

    /// Ends the queue: the watcher gets what is queued, then `nil`.
    func finish() {
        let waiter = state.withLock { s -> CheckedContinuation<[WatchHub.WatchItem]?, Never>? in
            s.finished = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Everything queued, oldest first, waiting for at least one item; `nil` once the queue
    /// is finished and empty, or when the calling task is cancelled.
    func next() async -> [WatchHub.WatchItem]? {
        if Task.isCancelled { return nil }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[WatchHub.WatchItem]?, Never>) in
                let ready = state.withLock { s -> [WatchHub.WatchItem]?? in
                    if !s.items.isEmpty {
                        defer { s.items = [] }
                        return .some(s.items)
                    }
                    if s.finished { return .some(nil) }
                    s.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            finish()
        }
    }
}
