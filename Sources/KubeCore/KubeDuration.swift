import Foundation

/// `metav1.Duration`: a span of time written the way Go writes `time.Duration`
/// (`1h30m0s`, `90s`, `500ms`, `0s`), as in `spec.ttlSecondsAfterFinished`-style fields
/// that take a string, and in many CRDs.
///
/// Named `KubeDuration` rather than `Duration` so that it never shadows the standard
/// library's `Duration` in modules that import KubeCore. Parsing accepts everything Go's
/// `time.ParseDuration` accepts; ``description`` matches `time.Duration.String()`.
public struct KubeDuration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    LosslessStringConvertible
{
    /// The length in nanoseconds; Go durations are bounded the same way (about ±292 years).
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// Parses Go duration syntax: a sign, then one or more `<number><unit>` (fractions
    /// allowed) with units `ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`; `0` alone is zero.
    public init(parsing text: String) throws {
        self.nanoseconds = try GoDurationParser.parse(text)
    }

    /// Parses, or returns `nil`.
    public init?(_ description: String) {
        guard let d = try? KubeDuration(parsing: description) else { return nil }
        self = d
    }

    /// No time at all (`0s`).
    public static let zero = KubeDuration(nanoseconds: 0)
    // Constructors by unit, saturating at the bounds of Go durations.
    public static func nanoseconds(_ n: Int64) -> KubeDuration { KubeDuration(nanoseconds: n) }
    public static func microseconds(_ n: Int64) -> KubeDuration { .scaled(n, 1_000) }
    public static func milliseconds(_ n: Int64) -> KubeDuration { .scaled(n, 1_000_000) }
    public static func seconds(_ n: Int64) -> KubeDuration { .scaled(n, 1_000_000_000) }
    public static func minutes(_ n: Int64) -> KubeDuration { .scaled(n, 60_000_000_000) }
    public static func hours(_ n: Int64) -> KubeDuration { .scaled(n, 3_600_000_000_000) }

    // Saturates like Go's conversions of out-of-range values rather than trapping.
    static func scaled(_ n: Int64, _ unit: Int64) -> KubeDuration {
        let (v, overflow) = n.multipliedReportingOverflow(by: unit)
        return KubeDuration(nanoseconds: overflow ? (n < 0 ? Int64.min : Int64.max) : v)
    }

    /// The length as a standard library `Duration`.
    public var duration: Duration { .nanoseconds(nanoseconds) }

    /// The length from a standard library `Duration`, truncated to whole nanoseconds and
    /// saturating at the bounds of Go's durations.
    public init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let fromSeconds = KubeDuration.seconds(seconds).nanoseconds
        let (sum, overflow) = fromSeconds.addingReportingOverflow(attoseconds / 1_000_000_000)
        nanoseconds = overflow ? (seconds < 0 ? Int64.min : Int64.max) : sum
    }

    /// The length in seconds.
    public var timeInterval: TimeInterval { Double(nanoseconds) / 1e9 }

    /// The length from seconds, rounded to the nearest nanosecond and saturating.
    public init(timeInterval: TimeInterval) {
        let n = (timeInterval * 1e9).rounded()
        if n.isNaN {
            nanoseconds = 0
        } else if n >= 9.2e18 {
            nanoseconds = Int64.max
        } else if n <= -9.2e18 {
            nanoseconds = Int64.min
        } else {
            nanoseconds = Int64(n)
        }
    }

    public static func < (a: KubeDuration, b: KubeDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    public static func + (a: KubeDuration, b: KubeDuration) -> KubeDuration {
        KubeDuration(nanoseconds: a.nanoseconds &+ b.nanoseconds)
    }

    /// Go's `time.Duration.String()`: `1h30m0s`, `1m0.5s`, `1.5ms`, `100ns`, `0s`.
    public var description: String {
        let negative = nanoseconds < 0
        // Work on the magnitude as UInt64 so that Int64.min is handled, as Go does.
        let u = nanoseconds.magnitude
        var s: String
        if u < 1_000_000_000 {
            switch u {
            case 0: return "0s"
            case ..<1_000: s = String(u) + "ns"
            case ..<1_000_000: s = Self.fraction(u, digits: 3) + "µs"
            default: s = Self.fraction(u, digits: 6) + "ms"
            }
        } else {
            let totalSeconds = u / 1_000_000_000
            let secondsPart = Self.fraction(u % 60_000_000_000, digits: 9) + "s"
            if totalSeconds < 60 {
                s = secondsPart
            } else {
                let minutes = totalSeconds / 60
                if minutes < 60 {
                    s = String(minutes) + "m" + secondsPart
                } else {
                    s = String(minutes / 60) + "h" + String(minutes % 60) + "m" + secondsPart
                }
            }
        }
        return negative ? "-" + s : s
    }

    /// `value / 10^digits` with trailing zeros of the fraction removed (Go's `fmtFrac`).
    static func fraction(_ value: UInt64, digits: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let whole = value / scale
        var frac = value % scale
        guard frac != 0 else { return String(whole) }
        var width = digits
        while frac % 10 == 0 {
            frac /= 10
            width -= 1
        }
        let f = String(frac)
        return String(whole) + "." + String(repeating: "0", count: width - f.count) + f
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do {
            self.nanoseconds = try GoDurationParser.parse(text)
        } catch let error as KubeDurationError {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A duration string that is not valid Go duration syntax; the message follows Go's.
public struct KubeDurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text given.
    public var text: String
    /// What is wrong, in Go's words.
    public var reason: String
    public var description: String { "time: \(reason) \(Validation.quoted(text))" }
}

/// `time.ParseDuration`, computed exactly in integers (Go uses floating point for the
/// fraction, which can differ in the last nanosecond; exact is the better answer).
enum GoDurationParser {
    static let units: [String: UInt64] = [
        "ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000,
        "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    static func parse(_ text: String) throws -> Int64 {
        var s = Substring(text)
        var negative = false
        if let c = s.first, c == "-" || c == "+" {
            negative = c == "-"
            s = s.dropFirst()
        }
        if s == "0" { return 0 }
        if s.isEmpty { throw KubeDurationError(text: text, reason: "invalid duration") }
        // Magnitudes up to 2^63 are allowed so that the most negative duration parses.
        let limit: UInt64 = 1 << 63
        var total: UInt64 = 0
        while !s.isEmpty {
            guard let c = s.first, c == "." || c.isASCII && c.isNumber else {
                throw KubeDurationError(text: text, reason: "invalid duration")
            }
            let whole = s.prefix { $0.isASCII && $0.isNumber }
            s = s.dropFirst(whole.count)
            var fraction = Substring("")
            if s.first == "." {
                s = s.dropFirst()
                fraction = s.prefix { $0.isASCII && $0.isNumber }
                s = s.dropFirst(fraction.count)
            }
            if whole.isEmpty && fraction.isEmpty { throw KubeDurationError(text: text, reason: "invalid duration") }
            let unitText = s.prefix { !($0 == "." || $0.isASCII && $0.isNumber) }
            s = s.dropFirst(unitText.count)
            if unitText.isEmpty { throw KubeDurationError(text: text, reason: "missing unit in duration") }
            guard let unit = units[String(unitText)] else {
                throw KubeDurationError(
                    text: text, reason: "unknown unit \(Validation.quoted(String(unitText))) in duration")
            }
            let overflow = KubeDurationError(text: text, reason: "invalid duration")
            guard let w = whole.isEmpty ? 0 : UInt64(whole) else { throw overflow }
            let (wholeNanos, o1) = w.multipliedReportingOverflow(by: unit)
            if o1 { throw overflow }
            // Fraction: digits × unit / 10^count, truncated; digits past 19 cannot matter.
            var fracNanos: UInt64 = 0
            if !fraction.isEmpty {
                let digits = fraction.prefix(18)
                var scale: UInt64 = 1
                for _ in 0..<digits.count { scale *= 10 }
                let numerator = UInt64(digits) ?? 0
                let product = numerator.multipliedFullWidth(by: unit)
                fracNanos = scale.dividingFullWidth(product).quotient
            }
            let (sum1, o2) = total.addingReportingOverflow(wholeNanos)
            let (sum2, o3) = sum1.addingReportingOverflow(fracNanos)
            if o2 || o3 || sum2 > limit { throw overflow }
            total = sum2
        }
        if total == limit {
            guard negative else { throw KubeDurationError(text: text, reason: "invalid duration") }
            return Int64.min
        }
        return negative ? -Int64(total) : Int64(total)
    }
}
