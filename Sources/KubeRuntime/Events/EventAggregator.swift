import Foundation
import KubeModels

/// A token bucket: up to `capacity` actions at once, then one per `refillInterval`.
struct TokenBucket: Sendable {
    let capacity: Double
    let refillInterval: Duration
    private(set) var tokens: Double
    private(set) var last: RuntimeInstant

    init(capacity: Int, refillInterval: Duration, now: RuntimeInstant) {
        self.capacity = Double(max(1, capacity))
        self.refillInterval = refillInterval
        self.tokens = Double(max(1, capacity))
        self.last = now
    }

    /// Takes a token if one is available.
    mutating func take(now: RuntimeInstant) -> Bool {
        let elapsed = (now - last).seconds
        let interval = max(refillInterval.seconds, 1e-9)
        tokens = min(capacity, tokens + elapsed / interval)
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}

/// What the recorder should write for one occurrence of an event.
enum EventWrite: Sendable, Hashable {
    /// The first occurrence of a series: create an Event named `name`.
    case create(name: String, count: Int32)
    /// A repeat: update the Event named `name` to `count` occurrences.
    case update(name: String, count: Int32)
    /// Rate-limited: write nothing now (the count is carried by the next write of the series).
    case drop
}

/// Groups repeated events into series and rate-limits writes per object, without I/O:
/// the rules of the ``EventRecorder``.
///
/// Occurrences with the same object, type, reason, action, note and related object within
/// `seriesWindow` of the previous one form a series: the first creates an Event, the others
/// update its count. Each object has a token bucket; an occurrence without a token is
/// counted but not written.
struct EventAggregator: Sendable {
    struct Key: Hashable, Sendable {
        var regarding: String
        var type: String
        var reason: String
        var action: String
        var note: String
        var related: String
    }

    struct Series: Sendable {
        var name: String
        var count: Int32
        var last: RuntimeInstant
    }

    let burst: Int
    let refillInterval: Duration
    let seriesWindow: Duration
    private var buckets: [String: TokenBucket] = [:]
    private var series: [Key: Series] = [:]
    private var operations = 0

    init(burst: Int, refillInterval: Duration, seriesWindow: Duration) {
        self.burst = burst
        self.refillInterval = refillInterval
        self.seriesWindow = seriesWindow
    }

    /// Decides what to write for an occurrence of `key` at `now`; `makeName` names a new series.
    mutating func occurrence(_ key: Key, now: RuntimeInstant, makeName: () -> String) -> EventWrite {
        operations += 1
        if operations % 1024 == 0 { prune(now: now) }
        var bucket =
            buckets[key.regarding] ?? TokenBucket(capacity: burst, refillInterval: refillInterval, now: now)
        let allowed = bucket.take(now: now)
        buckets[key.regarding] = bucket
        if var s = series[key], now - s.last < seriesWindow {
            s.count += 1
            s.last = now
            series[key] = s
            return allowed ? .update(name: s.name, count: s.count) : .drop
        }
        guard allowed else {
            // The series is not created, so a later occurrence starts it with a fresh count.
            return .drop
        }
        let s = Series(name: makeName(), count: 1, last: now)
        series[key] = s
        return .create(name: s.name, count: 1)
    }

    /// Forgets series and buckets idle long enough to have no effect any more.
    private mutating func prune(now: RuntimeInstant) {
        series = series.filter { now - $0.value.last < seriesWindow }
        // A bucket idle this long has refilled completely: a new one is the same.
        let refilled = refillInterval.scaled(by: Double(burst))
        buckets = buckets.filter { now - $0.value.last < refilled }
    }
}
