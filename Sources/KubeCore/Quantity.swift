import Foundation

/// `resource.Quantity`: an exact amount of CPU, memory, storage or any resource,
/// written `500m`, `2`, `1.5`, `2Gi`, `20G`, `1e3`, `100Ki`, ….
///
/// The value is held exactly as a count of nano-units (10⁻⁹), like the API server, which
/// rounds finer amounts up (`0.1n` is `1n`) and caps the magnitude at 2⁶³−1 units.
/// Two quantities are equal when their values are equal, whatever the notation
/// (`1Gi == 1024Mi`, `1 == 1000m`).
///
/// ``description`` is the canonical form the API server writes: binary suffixes stay
/// binary when exact (`1.5Gi` → `1536Mi`), decimal forms use the largest exact suffix
/// (`1000m` → `1`, `1.5` → `1500m`).
public struct Quantity: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// The notation a quantity is written in.
    public enum Format: String, Sendable, Hashable, Codable {
        /// Decimal SI suffixes: `n`, `u`, `m`, none, `k`, `M`, `G`, `T`, `P`, `E`.
        case decimalSI = "DecimalSI"
        /// Binary suffixes: `Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`.
        case binarySI = "BinarySI"
        /// A decimal exponent: `1e3`, `5e-3`.
        case decimalExponent = "DecimalExponent"
    }

    /// The value in nano-units (10⁻⁹ of the unit): `1` is 1 000 000 000, `2Ki` is 2 048 000 000 000.
    public private(set) var nanos: Int128
    /// The notation used when writing the quantity out.
    public var format: Format

    /// Nano-units per unit.
    static let nanosPerUnit: Int128 = 1_000_000_000
    /// The largest magnitude the API server keeps: 2⁶³−1 units.
    public static let maxNanos: Int128 = Int128(Int64.max) * nanosPerUnit

    /// A quantity of `nanos` nano-units.
    public init(nanos: Int128, format: Format = .decimalSI) {
        self.nanos = nanos
        self.format = format
    }

    /// A whole number of units (`Quantity(2)` is `2`; with `.binarySI`, `Quantity(1 << 30, format: .binarySI)` is `1Gi`).
    public init(_ units: Int64, format: Format = .decimalSI) {
        self.init(nanos: Int128(units) * Self.nanosPerUnit, format: format)
    }

    /// A number of milli-units (`Quantity(milli: 500)` is `500m`).
    public init(milli: Int64) {
        self.init(nanos: Int128(milli) * 1_000_000, format: .decimalSI)
    }

    /// Parses a quantity, or returns `nil`.
    public init?(_ description: String) {
        guard let q = try? Quantity(parsing: description) else { return nil }
        self = q
    }

    /// Parses a quantity; throws ``QuantityError`` saying what is wrong.
    public init(parsing text: String) throws {
        self = try QuantityParser.parse(text)
    }

    /// Zero.
    public static let zero = Quantity(nanos: 0)

    /// Whether the value is zero.
    public var isZero: Bool { nanos == 0 }

    /// The value in whole units, rounded up (away from zero) like `Quantity.Value()`,
    /// saturating at the bounds of `Int64`.
    public var value: Int64 { Self.scaledUp(nanos, by: Self.nanosPerUnit) }

    /// The value in milli-units, rounded up like `Quantity.MilliValue()`.
    public var milliValue: Int64 { Self.scaledUp(nanos, by: 1_000_000) }

    /// The value as a floating-point number of units (inexact for large or fine values).
    public var doubleValue: Double { Double(nanos) / 1e9 }

    static func scaledUp(_ nanos: Int128, by divisor: Int128) -> Int64 {
        var (q, r) = nanos.quotientAndRemainder(dividingBy: divisor)
        if r != 0 { q += nanos > 0 ? 1 : -1 }
        if q > Int128(Int64.max) { return Int64.max }
        if q < Int128(Int64.min) { return Int64.min }
        return Int64(q)
    }

    // MARK: Arithmetic

    /// The sum; the result keeps the left operand's format (the right one's when the left
    /// is zero), as `Quantity.Add` does. Saturates rather than overflowing.
    public static func + (a: Quantity, b: Quantity) -> Quantity {
        let (sum, overflow) = a.nanos.addingReportingOverflow(b.nanos)
        let value = overflow ? (b.nanos > 0 ? Int128.max : Int128.min) : sum
        return Quantity(nanos: value, format: a.isZero ? b.format : a.format)
    }

    /// The difference, with the same format rule as `+`.
    public static func - (a: Quantity, b: Quantity) -> Quantity {
        a + (-b)
    }

    public static prefix func - (q: Quantity) -> Quantity {
        Quantity(nanos: q.nanos == Int128.min ? Int128.max : -q.nanos, format: q.format)
    }

    public static func += (a: inout Quantity, b: Quantity) { a = a + b }
    public static func -= (a: inout Quantity, b: Quantity) { a = a - b }

    /// The quantity times a whole number, saturating.
    public static func * (q: Quantity, factor: Int64) -> Quantity {
        let (product, overflow) = q.nanos.multipliedReportingOverflow(by: Int128(factor))
        let negative = (q.nanos < 0) != (factor < 0)
        return Quantity(nanos: overflow ? (negative ? Int128.min : Int128.max) : product, format: q.format)
    }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.nanos < b.nanos }
    public static func == (a: Quantity, b: Quantity) -> Bool { a.nanos == b.nanos }
    public func hash(into hasher: inout Hasher) { hasher.combine(nanos) }

    // MARK: Canonical form

    /// The canonical text, as the API server writes it.
    public var description: String {
        if nanos == 0 { return "0" }
        var format = self.format
        if format == .binarySI {
            let oneKi = 1024 * Self.nanosPerUnit
            if nanos > -oneKi && nanos < oneKi || nanos % Self.nanosPerUnit != 0 {
                // Small or fractional binary amounts are written in decimal so nothing is rounded.
                format = .decimalSI
            }
        }
        if format == .binarySI {
            var units = nanos / Self.nanosPerUnit
            var exponent = 0
            while exponent < Self.binarySuffixes.count - 1, units % 1024 == 0 {
                units /= 1024
                exponent += 1
            }
            return String(units) + Self.binarySuffixes[exponent]
        }
        // Decimal: strip factors of ten, then lower the exponent to a multiple of three so
        // that the mantissa is whole and the suffix as large as possible.
        var mantissa = nanos
        var exponent = -9
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        let remainder = ((exponent % 3) + 3) % 3
        for _ in 0..<remainder { mantissa *= 10 }
        exponent -= remainder
        if format == .decimalSI, let suffix = Self.decimalSuffixes[exponent] {
            return String(mantissa) + suffix
        }
        return String(mantissa) + (exponent == 0 ? "" : "e" + String(exponent))
    }

    static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
    static let decimalSuffixes: [Int: String] = [
        -9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E",
    ]

    // MARK: Codable

    /// Decodes from a JSON string (`"500m"`) or, as the API server also accepts, a JSON number.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text: String
        if let s = try? c.decode(String.self) {
            text = s.trimmingCharacters(in: .whitespaces)
        } else if let i = try? c.decode(Int64.self) {
            text = String(i)
        } else if let d = try? c.decode(Double.self), d.isFinite {
            text = "\(d)"
        } else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "a quantity must be a string such as \"500m\" or \"2Gi\", or a number")
        }
        do {
            self = try QuantityParser.parse(text)
        } catch let error as QuantityError {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.description)
        }
    }

    /// Encodes as a JSON string in canonical form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A quantity that could not be parsed.
public struct QuantityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text given.
    public var text: String
    /// What is wrong with it.
    public var reason: String

    public var description: String {
        "invalid quantity \(Validation.quoted(text)): \(reason) "
            + "(expected a number with an optional suffix, e.g. 500m, 2, 1.5Gi, 20G, 1e3)"
    }
}

/// The parser: sign, digits with an optional point, then a decimal SI suffix, a binary
/// suffix or an exponent.
enum QuantityParser {
    static func parse(_ text: String) throws -> Quantity {
        func fail(_ reason: String) -> QuantityError { QuantityError(text: text, reason: reason) }
        let b = Array(text.utf8)
        if b.isEmpty { throw fail("it is empty") }
        var i = 0
        var negative = false
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits = [UInt8]()
        var fractionDigits = 0
        var seenPoint = false
        var digitCount = 0
        while i < b.count {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                digits.append(c - 0x30)
                digitCount += 1
                if seenPoint { fractionDigits += 1 }
            } else if c == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        if digitCount == 0 { throw fail(i < b.count ? "it does not start with a number" : "it has no digits") }
        let suffix = String(decoding: b[i...], as: UTF8.self)
        var exponent10 = -fractionDigits
        var exponent2 = 0
        let format: Quantity.Format
        if let binary = binaryExponents[suffix] {
            exponent2 = binary
            format = .binarySI
        } else if let decimal = decimalExponents[suffix] {
            exponent10 += decimal
            format = .decimalSI
        } else if let first = suffix.first, first == "e" || first == "E" {
            let rest = suffix.dropFirst()
            guard let e = Int(rest) else {
                throw fail("'\(suffix)' is not a valid exponent")
            }
            // Beyond ±1000 the value is zero-rounded-up or capped anyway; clamping keeps work bounded.
            exponent10 += max(-1000, min(1000, e))
            format = .decimalExponent
        } else if suffix.contains(".") {
            throw fail("it has more than one decimal point")
        } else {
            throw fail("unknown suffix '\(suffix)' (use n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi or Ei)")
        }
        let magnitude = nanosCeiling(digits: digits, exponent10: exponent10, exponent2: exponent2)
        var resultFormat = format
        if format == .binarySI, magnitude > 0, magnitude < Quantity.nanosPerUnit { resultFormat = .decimalSI }
        return Quantity(nanos: negative ? -magnitude : magnitude, format: resultFormat)
    }

    static let binaryExponents: [String: Int] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]
    static let decimalExponents: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]

    /// `digits × 10^exponent10 × 2^exponent2` in nano-units, rounded up and capped at
    /// ``Quantity/maxNanos``, computed exactly with a small big-integer.
    static func nanosCeiling(digits: [UInt8], exponent10: Int, exponent2: Int) -> Int128 {
        let significant = Array(digits.drop { $0 == 0 })
        if significant.isEmpty { return 0 }
        let scale = exponent10 + 9
        // Anything with more than 30 digits before the point is far above the cap.
        if significant.count + scale > 40 { return Quantity.maxNanos }
        var n = BigUInt()
        for d in significant {
            n.multiply(by: 10)
            n.add(UInt32(d))
        }
        for _ in 0..<(exponent2 / 10) { n.multiply(by: 1024) }
        var inexact = false
        if scale >= 0 {
            for _ in 0..<scale { n.multiply(by: 10) }
        } else if -scale > significant.count + 20 {
            // Smaller than a nano-unit even after the binary factor: rounds up to one.
            return 1
        } else {
            for _ in 0..<(-scale) {
                if n.divide(by: 10) != 0 { inexact = true }
            }
        }
        guard var value = n.int128(limit: Quantity.maxNanos) else { return Quantity.maxNanos }
        if inexact { value += 1 }
        return min(value, Quantity.maxNanos)
    }
}

/// Just enough of an unsigned big integer for exact quantity parsing.
struct BigUInt {
    /// Little-endian base-2³² limbs.
    var limbs: [UInt32] = [0]

    mutating func multiply(by m: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let p = UInt64(limbs[i]) * UInt64(m) + carry
            limbs[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    mutating func add(_ a: UInt32) {
        var carry = UInt64(a)
        var i = 0
        while carry != 0 {
            if i == limbs.count { limbs.append(0) }
            let s = UInt64(limbs[i]) + carry
            limbs[i] = UInt32(truncatingIfNeeded: s)
            carry = s >> 32
            i += 1
        }
    }

    /// Divides in place and returns the remainder.
    mutating func divide(by d: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for i in limbs.indices.reversed() {
            let cur = (remainder << 32) | UInt64(limbs[i])
            limbs[i] = UInt32(cur / UInt64(d))
            remainder = cur % UInt64(d)
        }
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
        return UInt32(remainder)
    }

    /// The value, or `nil` when it exceeds `limit`.
    func int128(limit: Int128) -> Int128? {
        var value: Int128 = 0
        for limb in limbs.reversed() {
            if value > (limit >> 32) { return nil }
            value = (value << 32) | Int128(limb)
        }
        return value > limit ? nil : value
    }
}
