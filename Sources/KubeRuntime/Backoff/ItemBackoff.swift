/// Per-key exponential backoff for failed reconciles: `base` doubling per consecutive
/// failure of the same key up to `maximum`, forgotten on success.
///
/// The defaults are controller-runtime's (5 ms to 1000 s): a key that fails fifteen
/// times in a row waits about 2.7 minutes; one that keeps failing settles at 16.7 minutes.
public struct ItemBackoff<Key: Hashable & Sendable>: Sendable {
    /// The delay after the first failure.
    public var base: Duration
    /// The largest delay.
    public var maximum: Duration
    private var failures: [Key: Int] = [:]

    public init(base: Duration = .milliseconds(5), maximum: Duration = .seconds(1000)) {
        self.base = base
        self.maximum = maximum
    }

    /// Records a failure of `key` and returns how long to wait before retrying it.
    public mutating func next(for key: Key) -> Duration {
        let n = failures[key, default: 0]
        failures[key] = n + 1
        // 2^n overflows Duration for large n; past the cap the answer is the cap anyway.
        if n >= 62 { return maximum }
        let factor = Double(UInt64(1) << UInt64(n))
        let delay = base.scaled(by: factor)
        return delay > maximum || delay < .zero ? maximum : delay
    }

    /// How many consecutive failures `key` has had.
    public func failures(of key: Key) -> Int { failures[key, default: 0] }

    /// Forgets `key`'s failures (after a success), so its next failure waits ``base`` again.
    public mutating func forget(_ key: Key) { failures[key] = nil }
}
