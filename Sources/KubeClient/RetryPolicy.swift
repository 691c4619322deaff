import Foundation

/// When and how long to wait before sending a request again.
///
/// Only failures where the server cannot have acted are retried for every verb
/// (the connection could not be made, 429 Too Many Requests); other transient
/// failures (connection lost mid-request, 503) are retried only for requests
/// that are safe to repeat (reads, PUT with a resourceVersion, delete, apply).
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, including the first.
    public var maxAttempts: Int
    /// First delay; doubled each retry up to ``maxDelay``.
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// The longest `Retry-After` honoured; longer values are capped.
    public var maxRetryAfter: Duration

    public init(
        maxAttempts: Int = 5, initialDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10),
        maxRetryAfter: Duration = .seconds(60)
    ) {
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// No retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The delay before attempt `attempt + 1` (attempt counts from 1): exponential with
    /// "equal jitter" (half fixed, half random) so that many clients do not retry in step.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration {
        if let retryAfter { return min(retryAfter, maxRetryAfter) }
        var d = initialDelay
        for _ in 1..<max(attempt, 1) {
            d = d * 2
            if d >= maxDelay { break }
        }
        d = min(d, maxDelay)
        let half = d / 2
        let jitterMillis = Double(half.components.seconds) * 1000 + Double(half.components.attoseconds) / 1e15
        return half + .milliseconds(Int64(Double.random(in: 0...max(jitterMillis, 0))))
    }

    /// Parses a `Retry-After` header: delta seconds (the API server's form) or an HTTP date.
    static func parseRetryAfter(_ value: String?) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return .seconds(max(seconds, 0)) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        if let date = f.date(from: value) {
            return .milliseconds(Int64(max(date.timeIntervalSinceNow, 0) * 1000))
        }
        return nil
    }
}
