import Synchronization

/// A one-way gate: closed until ``open()``, then open forever. Tasks wait on it for
/// one-time conditions such as "the cache has synced" or "shutdown was requested".
public final class Latch: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [UInt64: CheckedContinuation<Void, any Error>] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Whether the latch has been opened.
    public var isOpen: Bool { state.withLock { $0.isOpen } }

    /// Opens the latch, waking every waiter. Later calls do nothing.
    public func open() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, any Error>] in
            if s.isOpen { return [] }
            s.isOpen = true
            defer { s.waiters.removeAll() }
            return Array(s.waiters.values)
        }
        for w in waiters { w.resume() }
    }

    /// Suspends until the latch is open; throws `CancellationError` if the task is cancelled first.
    public func wait() async throws {
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let now: Result<Void, any Error>? = state.withLock { s in
                    if s.isOpen { return .success(()) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    s.waiters[id] = c
                    return nil
                }
                if let now { c.resume(with: now) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Waits until the latch opens or `timeout` passes on `clock`; returns whether it opened.
    /// Throws `CancellationError` if the task is cancelled first.
    public func wait(timeout: Duration, clock: any RuntimeClock) async throws -> Bool {
        if isOpen { return true }
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await self.wait()
                return true
            }
            group.addTask {
                try await clock.sleep(for: timeout)
                return false
            }
            let first = try await group.next() ?? false
            group.cancelAll()
            return first || isOpen
        }
    }
}
