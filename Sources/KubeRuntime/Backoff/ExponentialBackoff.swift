/// Exponential backoff with jitter that starts over after a healthy period: the delay
/// between retries of a failing watch or list.
///
/// The defaults are kube-rs's watcher defaults: 800 ms doubling to 30 s, with jitter, and
/// back to 800 ms once no failure has been seen for 120 s, so a watch that broke once an
/// hour is not retried 30 s late.
public struct ExponentialBackoff: Sendable {
    /// The first delay.
    public var initial: Duration
    /// The largest delay.
    public var maximum: Duration
    /// The growth factor per consecutive failure.
    public var multiplier: Double
    /// Each delay is stretched by a random fraction up to `jitter` of itself (0.5: up to +50 %),
    /// so many clients that failed together do not retry together. The result never exceeds ``maximum``.
    public var jitter: Double
    /// A failure this long after the previous one starts the sequence over.
    public var resetAfter: Duration
    /// Random numbers in `0..<1`; replaceable for deterministic tests.
    public var random: @Sendable () -> Double

    private var current: Duration?
    private var lastFailure: RuntimeInstant?

    public init(
        initial: Duration = .milliseconds(800), maximum: Duration = .seconds(30), multiplier: Double = 2,
        jitter: Double = 0.5, resetAfter: Duration = .seconds(120),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
        self.jitter = jitter
        self.resetAfter = resetAfter
        self.random = random
    }

    /// The delay before the next retry after a failure at `now`.
    public mutating func next(now: RuntimeInstant) -> Duration {
        if let last = lastFailure, now - last >= resetAfter { current = nil }
        lastFailure = now
        let base: Duration
        if let current {
            base = min(current.scaled(by: multiplier), maximum)
        } else {
            base = min(initial, maximum)
        }
        current = base
        let stretched = base + base.scaled(by: jitter * max(0, min(random(), 1)))
        return min(stretched, maximum)
    }

    /// Starts over: the next failure waits ``initial`` again.
    public mutating func reset() {
        current = nil
        lastFailure = nil
    }
}
