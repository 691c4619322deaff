/// Which lane of a ``WorkQueue`` a key waits in.
public enum WorkQueuePriority: Int, Sendable, Hashable, Comparable {
    /// Live changes and requeues.
    case high = 0
    /// Bulk work: the objects of an initial list and periodic resyncs.
    case low = 1

    public static func < (a: WorkQueuePriority, b: WorkQueuePriority) -> Bool { a.rawValue < b.rawValue }
}

/// A first-in, first-out buffer with O(1) amortised push and pop.
struct FIFO<Element: Sendable>: Sendable {
    private var items: [Element] = []
    private var head = 0

    var isEmpty: Bool { head >= items.count }
    var count: Int { items.count - head }

    mutating func push(_ e: Element) { items.append(e) }

    mutating func pop() -> Element? {
        guard head < items.count else { return nil }
        let e = items[head]
        head += 1
        // Reclaim the consumed prefix once it dominates, keeping pops O(1) amortised.
        if head >= 1024 && head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        } else if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        }
        return e
    }
}

/// A binary min-heap.
struct MinHeap<Element: Sendable>: Sendable {
    private var items: [Element] = []
    private let less: @Sendable (Element, Element) -> Bool

    init(by less: @escaping @Sendable (Element, Element) -> Bool) { self.less = less }

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }
    var top: Element? { items.first }

    mutating func push(_ e: Element) {
        items.append(e)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let e = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var m = i
            if l < items.count && less(items[l], items[m]) { m = l }
            if r < items.count && less(items[r], items[m]) { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return e
    }
}

/// The bookkeeping of a work queue without locks, tasks or clocks, so every rule can be
/// tested step by step.
///
/// Rules (client-go's work queue semantics, with two lanes):
/// - A key waits at most once: adding a waiting key does nothing, except that a high
///   priority add lifts a key waiting in the low lane into the high lane.
/// - A key being processed is never handed out again until ``done(_:now:)``; adds
///   meanwhile mark it dirty, and it is queued again when processing finishes.
/// - A delayed add keeps the earliest deadline; an immediate add cancels a pending delay
///   (the key will be processed now, and that run decides about any later requeue).
/// - ``pop(now:)`` prefers the high lane, but after `fairness` consecutive high picks with
///   low keys waiting it takes one low key, so neither lane can starve the other.
struct QueueCore<Key: Hashable & Sendable>: Sendable {
    struct Waiting: Sendable {
        var priority: WorkQueuePriority
        var seq: UInt64
        var since: RuntimeInstant
    }

    struct Delayed: Sendable {
        var deadline: RuntimeInstant
        var seq: UInt64
        var priority: WorkQueuePriority
    }

    private var lanes: [FIFO<(Key, UInt64)>] = [FIFO(), FIFO()]
    private var queuedCount = [0, 0]
    /// Keys waiting to be processed: queued in a lane, or dirty while being processed.
    private(set) var waiting: [Key: Waiting] = [:]
    /// Keys handed out and not yet done, with when processing started.
    private(set) var processing: [Key: RuntimeInstant] = [:]
    private var delayed: [Key: Delayed] = [:]
    private var timers = MinHeap<(RuntimeInstant, UInt64, Key)>(by: { ($0.0, $0.1) < ($1.0, $1.1) })
    private var seq: UInt64 = 0
    private var highStreak = 0
    let fairness: Int

    init(fairness: Int = 4) {
        self.fairness = max(1, fairness)
    }

    /// Keys queued and ready to hand out.
    var depth: Int { queuedCount[0] + queuedCount[1] }
    /// Keys queued in one lane.
    func depth(_ priority: WorkQueuePriority) -> Int { queuedCount[priority.rawValue] }
    /// Keys waiting for a delay to pass.
    var delayedCount: Int { delayed.count }
    var processingCount: Int { processing.count }
    /// The earliest pending deadline.
    var nextDeadline: RuntimeInstant? { delayed.values.map(\.deadline).min() }

    /// Queues `key`; returns whether it was not already waiting (a new add).
    @discardableResult
    mutating func add(_ key: Key, priority: WorkQueuePriority, now: RuntimeInstant) -> Bool {
        delayed[key] = nil
        if var w = waiting[key] {
            if priority < w.priority {
                // Lift the key into the higher lane; its old lane entry becomes stale.
                let oldLane = w.priority
                w.priority = priority
                if processing[key] == nil {
                    queuedCount[oldLane.rawValue] -= 1
                    seq += 1
                    w.seq = seq
                    lanes[priority.rawValue].push((key, seq))
                    queuedCount[priority.rawValue] += 1
                }
                waiting[key] = w
            }
            return false
        }
        seq += 1
        waiting[key] = Waiting(priority: priority, seq: seq, since: now)
        if processing[key] == nil {
            lanes[priority.rawValue].push((key, seq))
            queuedCount[priority.rawValue] += 1
        }
        return true
    }

    /// Queues `key` once `delay` has passed. Returns whether the earliest deadline changed.
    @discardableResult
    mutating func add(_ key: Key, after delay: Duration, priority: WorkQueuePriority, now: RuntimeInstant) -> Bool {
        if delay <= .zero {
            add(key, priority: priority, now: now)
            return false
        }
        let deadline = now + delay
        if let d = delayed[key], d.deadline <= deadline { return false }
        let before = nextDeadline
        seq += 1
        delayed[key] = Delayed(deadline: deadline, seq: seq, priority: priority)
        timers.push((deadline, seq, key))
        return before.map { deadline < $0 } ?? true
    }

    /// Moves every key whose delay has passed into its lane; returns how many.
    @discardableResult
    mutating func promoteDue(now: RuntimeInstant) -> Int {
        var moved = 0
        while let (deadline, s, key) = timers.top, deadline <= now {
            _ = timers.pop()
            guard let d = delayed[key], d.seq == s else { continue }
            delayed[key] = nil
            add(key, priority: d.priority, now: now)
            moved += 1
        }
        return moved
    }

    /// Hands out the next key and marks it processing; returns how long it waited.
    mutating func pop(now: RuntimeInstant) -> (key: Key, waited: Duration)? {
        let preferLow = highStreak >= fairness && queuedCount[1] > 0
        let order: [WorkQueuePriority] = preferLow ? [.low, .high] : [.high, .low]
        for lane in order {
            while let (key, s) = lanes[lane.rawValue].pop() {
                guard let w = waiting[key], w.seq == s, processing[key] == nil else { continue }
                queuedCount[lane.rawValue] -= 1
                waiting[key] = nil
                processing[key] = now
                highStreak = lane == .high ? highStreak + 1 : 0
                return (key, now - w.since)
            }
        }
        return nil
    }

    /// Marks `key` processed; queues it again if it was added meanwhile. Returns how long it was processed.
    @discardableResult
    mutating func done(_ key: Key, now: RuntimeInstant) -> Duration? {
        guard let started = processing.removeValue(forKey: key) else { return nil }
        if var w = waiting[key] {
            seq += 1
            w.seq = seq
            waiting[key] = w
            lanes[w.priority.rawValue].push((key, seq))
            queuedCount[w.priority.rawValue] += 1
        }
        return now - started
    }
}
