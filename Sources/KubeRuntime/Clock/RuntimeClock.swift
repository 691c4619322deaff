import Foundation

/// A point on a ``RuntimeClock``'s monotonic time line: the time elapsed since the
/// clock's own origin. Instants of different clocks are not comparable.
public struct RuntimeInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Time since the clock's origin.
    public var offset: Duration

    public init(offset: Duration) { self.offset = offset }

    public static func < (a: RuntimeInstant, b: RuntimeInstant) -> Bool { a.offset < b.offset }
    public static func + (a: RuntimeInstant, d: Duration) -> RuntimeInstant { RuntimeInstant(offset: a.offset + d) }
    public static func - (a: RuntimeInstant, b: RuntimeInstant) -> Duration { a.offset - b.offset }
    public var description: String { "t+\(offset)" }
}

/// The time source of the runtime: every delay, backoff, lease and timestamp goes through
/// one, so tests can substitute a ``ManualClock`` and step time deterministically.
///
/// Monotonic time (``now``) schedules work; wall time (``wallNow``) is written into
/// objects (Lease `renewTime`, Event `eventTime`), where other processes read it.
public protocol RuntimeClock: Sendable {
    /// The current monotonic instant.
    var now: RuntimeInstant { get }
    /// The current wall-clock time.
    var wallNow: Date { get }
    /// Suspends until `deadline` has passed; throws `CancellationError` if the task is cancelled first.
    func sleep(until deadline: RuntimeInstant) async throws
}

extension RuntimeClock {
    /// Suspends for `duration`; throws `CancellationError` if the task is cancelled first.
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now + duration)
    }
}

/// The real clock: `ContinuousClock` for monotonic time (it keeps counting while the
/// machine sleeps, as lease expiry must) and `Date()` for wall time.
public struct SystemClock: RuntimeClock {
    private let origin: ContinuousClock.Instant

    public init() { origin = ContinuousClock.now }

    public var now: RuntimeInstant { RuntimeInstant(offset: ContinuousClock.now - origin) }
    public var wallNow: Date { Date() }

    public func sleep(until deadline: RuntimeInstant) async throws {
        try await Task.sleep(until: origin + deadline.offset, clock: .continuous)
    }
}

extension Duration {
    /// The duration in seconds as a `Double`, for metrics and `TimeInterval` arithmetic.
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }

    /// `self` multiplied by a floating-point factor, rounded to nanoseconds.
    func scaled(by factor: Double) -> Duration {
        let nanos = seconds * factor * 1e9
        guard nanos.isFinite else { return .seconds(Int64.max / 2) }
        if nanos >= Double(Int64.max) { return .nanoseconds(Int64.max) }
        return .nanoseconds(Int64(nanos.rounded()))
    }
}
