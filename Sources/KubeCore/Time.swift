import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `metav1.Time`: a timestamp written as RFC 3339 in UTC with whole seconds
/// (`2024-05-01T12:00:00Z`), as the API server writes `creationTimestamp`.
public struct Time: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) { self.date = date }
    public static func now() -> Time { Time(Date()) }

    /// Parses RFC 3339 (`Z` or a numeric offset, optional fraction).
    public init?(rfc3339 text: String) {
        guard let d = RFC3339.parse(text) else { return nil }
        self.date = d
    }

    public var description: String { RFC3339.format(date, fractionDigits: 0) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = RFC3339.parse(s) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "'\(s)' is not an RFC 3339 time such as 2024-05-01T12:00:00Z")
        }
        self.date = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public static func < (a: Time, b: Time) -> Bool { a.date < b.date }
}

/// `metav1.MicroTime`: RFC 3339 in UTC with exactly six fractional digits
/// (`2024-05-01T12:00:00.123456Z`), used by Leases and events.k8s.io Events.
public struct MicroTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) { self.date = date }
    public static func now() -> MicroTime { MicroTime(Date()) }

    public init?(rfc3339 text: String) {
        guard let d = RFC3339.parse(text) else { return nil }
        self.date = d
    }

    public var description: String { RFC3339.format(date, fractionDigits: 6) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = RFC3339.parse(s) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "'\(s)' is not an RFC 3339 time such as 2024-05-01T12:00:00.000000Z")
        }
        self.date = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public static func < (a: MicroTime, b: MicroTime) -> Bool { a.date < b.date }
}

/// RFC 3339 formatting and parsing without `DateFormatter` (which is slow and
/// locale-sensitive).
public enum RFC3339 {
    /// Formats `date` in UTC with `fractionDigits` digits after the seconds (0 for none).
    /// The time is taken to the nearest microsecond, then the fraction is truncated to
    /// `fractionDigits` (digits past the sixth are zeros).
    public static func format(_ date: Date, fractionDigits: Int) -> String {
        // A Date holds a Double of seconds since 2001, about 0.1 µs coarse today, so
        // `.123456` may be held as `.1234559999`. Rounding to the nearest microsecond
        // first (with carry into the seconds) gives back what was parsed; the fraction is
        // then truncated to the digits wanted. The old code truncated the raw Double and
        // could print `.123455`.
        let digits = max(0, min(fractionDigits, 6))
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        var seconds = Int((micros / 1_000_000).rounded(.down))
        var fractionMicros = Int(micros - Double(seconds) * 1_000_000)
        if fractionMicros < 0 {
            fractionMicros += 1_000_000
            seconds -= 1
        } else if fractionMicros >= 1_000_000 {
            fractionMicros -= 1_000_000
            seconds += 1
        }
        var t = time_t(seconds)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        var s = String()
        s.reserveCapacity(32)
        s += pad(Int(tmv.tm_year) + 1900, 4) + "-" + pad(Int(tmv.tm_mon) + 1, 2) + "-" + pad(Int(tmv.tm_mday), 2)
        s += "T" + pad(Int(tmv.tm_hour), 2) + ":" + pad(Int(tmv.tm_min), 2) + ":" + pad(Int(tmv.tm_sec), 2)
        if digits > 0 {
            var divisor = 1
            for _ in 0..<(6 - digits) { divisor *= 10 }
            s += "." + pad(fractionMicros / divisor, digits)
        }
        if fractionDigits > 6 { s += String(repeating: "0", count: fractionDigits - 6) }
        return s + "Z"
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let digits = String(v)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t` and `z` are accepted too.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20 else { return nil }
        func num(_ from: Int, _ len: Int) -> Int? {
            var v = 0
            for i in from..<(from + len) {
                guard i < b.count, b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard let year = num(0, 4), b[4] == 45, let month = num(5, 2), b[7] == 45, let day = num(8, 2),
            b[10] == 84 || b[10] == 116 || b[10] == 32,
            let hour = num(11, 2), b[13] == 58, let minute = num(14, 2), b[16] == 58, let second = num(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == 46 {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            if i == start { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            guard let oh = num(i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let om = num(i + 4, 2) else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        var tmv = tm()
        tmv.tm_year = Int32(year - 1900)
        tmv.tm_mon = Int32(month - 1)
        tmv.tm_mday = Int32(day)
        tmv.tm_hour = Int32(hour)
        tmv.tm_min = Int32(minute)
        tmv.tm_sec = Int32(second)
        let epoch = timegm(&tmv)
        return Date(timeIntervalSince1970: Double(epoch - offset) + fraction)
    }
}
