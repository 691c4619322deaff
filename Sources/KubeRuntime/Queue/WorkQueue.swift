import Synchronization

/// A de-duplicating, delaying, rate-limiting work queue with two priority lanes: the
/// queue a controller's workers take keys from.
///
/// - Each key waits at most once, however often it is added.
/// - A key handed out by ``next()`` is not handed out again until ``done(_:)``, so two
///   workers never process the same key at once; adds in the meantime requeue it after.
/// - ``add(_:after:priority:)`` queues a key later; ``addRateLimited(_:)`` queues it after its
///   per-key exponential backoff (5 ms doubling to 1000 s); ``forget(_:)`` resets that backoff.
/// - Keys from bulk sources (an initial list, a resync) go to the ``WorkQueuePriority/low``
///   lane, live changes to the high lane. Workers prefer the high lane but take a low key
///   after every few high ones, so a 10,000-object initial list neither delays a change
///   that arrives behind it nor starves. (See ``QueueCore`` for the exact rules.)
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    /// Tunables.
    public struct Configuration: Sendable {
        /// After this many consecutive high-lane keys, one low-lane key is taken if any waits.
        public var fairness: Int
        /// Per-key backoff of ``addRateLimited(_:)``.
        public var backoffBase: Duration
        public var backoffMaximum: Duration

        public init(
            fairness: Int = 4, backoffBase: Duration = .milliseconds(5), backoffMaximum: Duration = .seconds(1000)
        ) {
            self.fairness = fairness
            self.backoffBase = backoffBase
            self.backoffMaximum = backoffMaximum
        }
    }

    private struct State {
        var core: QueueCore<Key>
        var backoff: ItemBackoff<Key>
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Key?, Never>)] = []
        var nextID: UInt64 = 0
        var shuttingDown = false
        /// The deadline a timer task is sleeping until, and the timer tasks alive.
        var scheduledWake: RuntimeInstant?
        var timers: [UInt64: Task<Void, Never>] = [:]
    }

    private let state: Mutex<State>
    let clock: any RuntimeClock
    let metrics: WorkQueueMetrics?

    public convenience init(configuration: Configuration = Configuration(), clock: any RuntimeClock = SystemClock()) {
        self.init(configuration: configuration, clock: clock, metrics: nil)
    }

    init(configuration: Configuration, clock: any RuntimeClock, metrics: WorkQueueMetrics?) {
        state = Mutex(
            State(
                core: QueueCore(fairness: configuration.fairness),
                backoff: ItemBackoff(base: configuration.backoffBase, maximum: configuration.backoffMaximum)))
        self.clock = clock
        self.metrics = metrics
    }

    /// Keys queued and ready.
    public var depth: Int { state.withLock { $0.core.depth } }
    /// Keys waiting for a delay.
    public var delayedCount: Int { state.withLock { $0.core.delayedCount } }
    /// Keys handed out and not yet done.
    public var processingCount: Int { state.withLock { $0.core.processingCount } }
    public var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }

    /// Queues `key` now.
    public func add(_ key: Key, priority: WorkQueuePriority = .high) {
        let now = clock.now
        let handoffs = state.withLock { s -> [(CheckedContinuation<Key?, Never>, Key)] in
            guard !s.shuttingDown else { return [] }
            if s.core.add(key, priority: priority, now: now) { metrics?.adds.increment() }
            return Self.match(&s, now: now, metrics: metrics)
        }
        for (c, k) in handoffs { c.resume(returning: k) }
    }

    /// Queues `key` once `delay` has passed (at once if it is not positive).
    public func add(_ key: Key, after delay: Duration, priority: WorkQueuePriority = .high) {
        let now = clock.now
        let handoffs = state.withLock { s -> [(CheckedContinuation<Key?, Never>, Key)] in
            guard !s.shuttingDown else { return [] }
            if delay <= .zero {
                if s.core.add(key, priority: priority, now: now) { metrics?.adds.increment() }
                return Self.match(&s, now: now, metrics: metrics)
            }
            s.core.add(key, after: delay, priority: priority, now: now)
            scheduleWake(&s)
            return []
        }
        for (c, k) in handoffs { c.resume(returning: k) }
    }

    /// Queues `key` after its backoff and returns that delay: 5 ms after the first failure,
    /// doubling with each consecutive one up to 1000 s.
    @discardableResult
    public func addRateLimited(_ key: Key) -> Duration {
        let delay = state.withLock { $0.backoff.next(for: key) }
        metrics?.retries.increment()
        add(key, after: delay)
        return delay
    }

    /// Forgets `key`'s failures, so its next ``addRateLimited(_:)`` waits the base delay.
    public func forget(_ key: Key) {
        state.withLock { $0.backoff.forget(key) }
    }

    /// How many consecutive times `key` was rate-limited since it was last forgotten.
    public func failures(of key: Key) -> Int {
        state.withLock { $0.backoff.failures(of: key) }
    }

    /// The next key to process, waiting for one if none is ready; `nil` once the queue is
    /// shut down (or the task is cancelled). Call ``done(_:)`` when finished with it.
    public func next() async -> Key? {
        // Fast path: when a key is ready, no continuation (an allocation) is needed.
        let now = clock.now
        let ready: Key?? = state.withLock { s in
            if s.shuttingDown || Task.isCancelled { return .some(nil) }
            guard let (key, waited) = s.core.pop(now: now) else { return .none }
            Self.recordPop(s, waited: waited, metrics: metrics)
            return .some(key)
        }
        if case .some(let key) = ready { return key }
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Key?, Never>) in
                let now = clock.now
                let immediate: Key?? = state.withLock { s in
                    if s.shuttingDown || Task.isCancelled { return .some(nil) }
                    if let (key, waited) = s.core.pop(now: now) {
                        Self.recordPop(s, waited: waited, metrics: metrics)
                        return .some(key)
                    }
                    s.waiters.append((id, c))
                    return .none
                }
                if case .some(let key) = immediate { c.resume(returning: key) }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Key?, Never>? in
                guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: i).continuation
            }
            waiter?.resume(returning: nil)
        }
    }

    /// The next ready key without waiting, or `nil`.
    public func tryNext() -> Key? {
        let now = clock.now
        return state.withLock { s in
            guard !s.shuttingDown, let (key, waited) = s.core.pop(now: now) else { return nil }
            Self.recordPop(s, waited: waited, metrics: metrics)
            return key
        }
    }

    /// Marks `key` as processed; if it was added while being processed it is queued again.
    public func done(_ key: Key) {
        let now = clock.now
        let handoffs = state.withLock { s -> [(CheckedContinuation<Key?, Never>, Key)] in
            if let worked = s.core.done(key, now: now) {
                metrics?.workDuration.recordNanoseconds(worked.nanosecondsClamped)
            }
            guard !s.shuttingDown else { return [] }
            return Self.match(&s, now: now, metrics: metrics)
        }
        for (c, k) in handoffs { c.resume(returning: k) }
    }

    /// Stops handing out keys: waiting and later ``next()`` calls return `nil`, adds are
    /// ignored. Keys being processed may still be marked ``done(_:)``.
    public func shutDown() {
        let (waiters, timers) = state.withLock { s in
            s.shuttingDown = true
            defer {
                s.waiters.removeAll()
                s.timers.removeAll()
            }
            return (s.waiters.map(\.continuation), Array(s.timers.values))
        }
        for t in timers { t.cancel() }
        for w in waiters { w.resume(returning: nil) }
    }

    /// Pairs waiting workers with ready keys.
    private static func match(
        _ s: inout State, now: RuntimeInstant, metrics: WorkQueueMetrics?
    ) -> [(CheckedContinuation<Key?, Never>, Key)] {
        var pairs: [(CheckedContinuation<Key?, Never>, Key)] = []
        while !s.waiters.isEmpty, let (key, waited) = s.core.pop(now: now) {
            pairs.append((s.waiters.removeFirst().continuation, key))
            recordPop(s, waited: waited, metrics: metrics)
        }
        metrics?.depth.set(s.core.depth)
        return pairs
    }

    private static func recordPop(_ s: State, waited: Duration, metrics: WorkQueueMetrics?) {
        guard let metrics else { return }
        metrics.queueDuration.recordNanoseconds(waited.nanosecondsClamped)
        metrics.depth.set(s.core.depth)
    }

    /// Makes sure a timer task wakes at the earliest deadline. A timer for a later
    /// deadline may keep sleeping; when it fires it finds nothing due and goes away.
    private func scheduleWake(_ s: inout State) {
        guard let deadline = s.core.nextDeadline else { return }
        if let scheduled = s.scheduledWake, scheduled <= deadline { return }
        s.scheduledWake = deadline
        s.nextID += 1
        let id = s.nextID
        let clock = self.clock
        s.timers[id] = Task { [weak self] in
            do { try await clock.sleep(until: deadline) } catch { return }
            self?.timerFired(id: id, deadline: deadline)
        }
    }

    private func timerFired(id: UInt64, deadline: RuntimeInstant) {
        let now = clock.now
        let handoffs = state.withLock { s -> [(CheckedContinuation<Key?, Never>, Key)] in
            s.timers[id] = nil
            guard !s.shuttingDown else { return [] }
            if s.scheduledWake == deadline { s.scheduledWake = nil }
            let moved = s.core.promoteDue(now: now)
            if moved > 0 { metrics?.adds.increment(by: moved) }
            scheduleWake(&s)
            return Self.match(&s, now: now, metrics: metrics)
        }
        for (c, k) in handoffs { c.resume(returning: k) }
    }
}
