import Foundation
import KubeCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The string `format`s the API server checks in custom resources (the kube-openapi
/// registry, less the formats it strips from CRD schemas). Other formats — `int32`,
/// `int64`, `float`, `double` and anything unknown — are not checked, as on a real server.
enum SchemaFormats {
    /// Whether `value` is valid for `format`; `nil` when the format is not checked.
    static func isValid(_ value: String, format: String) -> Bool? {
        let name = format.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
        switch name {
        case "datetime": return isDateTime(value)
        case "date": return parseDate(Array(value.utf8)[...]) != nil && value.utf8.count == 10
        case "duration": return isDuration(value)
        case "byte": return Data(base64Encoded: value) != nil
        case "password": return true
        case "uuid": return isUUID(value, version: nil)
        case "uuid3": return isUUID(value, version: 3)
        case "uuid4": return isUUID(value, version: 4)
        case "uuid5": return isUUID(value, version: 5)
        case "hostname": return isHostname(value)
        case "ipv4": return value.contains(".") && (isIPv4(value) || isIPv6(value))
        case "ipv6": return value.contains(":") && isIPv6(value)
        case "cidr": return isCIDR(value)
        case "mac": return isMAC(value)
        case "email": return isEmail(value)
        case "uri": return isURI(value)
        case "bsonobjectid": return value.utf8.count == 24 && value.allSatisfy(\.isHexDigit)
        case "hexcolor": return matches(value, "hexcolor")
        case "rgbcolor": return matches(value, "rgbcolor")
        case "ssn": return matches(value, "ssn")
        case "creditcard": return isCreditCard(value)
        case "isbn": return isISBN10(value) || isISBN13(value)
        case "isbn10": return isISBN10(value)
        case "isbn13": return isISBN13(value)
        default: return nil
        }
    }

    /// The expressions of the formats, compiled once.
    private static let regexes: [String: ECMARegex] = {
        let hex = "[0-9a-fA-F]"
        let byte = #"\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*"#
        let units =
            "ns|us|µs|ms|s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|wk|wks|week|weeks"
        let patterns = [
            "hexcolor": #"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"#,
            "rgbcolor": "^rgb\\(\(byte),\(byte),\(byte)\\)$",
            "ssn": #"^\d{3}[- ]?\d{2}[- ]?\d{4}$"#,
            "duration": "^\\s*\\d+\\s*(\(units))\\s*$",
            "uuid": "^\(hex){8}-\(hex){4}-\(hex){4}-\(hex){4}-\(hex){12}$",
            "uuid3": "^\(hex){8}-\(hex){4}-3\(hex){3}-\(hex){4}-\(hex){12}$",
            "uuid4": "^\(hex){8}-\(hex){4}-4\(hex){3}-[89abAB]\(hex){3}-\(hex){12}$",
            "uuid5": "^\(hex){8}-\(hex){4}-5\(hex){3}-[89abAB]\(hex){3}-\(hex){12}$",
            "email": #"^[^\s@<>()\[\],;:"]+@[^\s@<>()\[\],;:"]+$"#,
            "uri": "^[a-zA-Z][a-zA-Z0-9+.-]*:.+",
        ]
        return patterns.compactMapValues { try? ECMARegex($0) }
    }()

    private static func matches(_ value: String, _ name: String) -> Bool {
        regexes[name]?.matches(value) ?? false
    }

    // MARK: Time

    /// A date `YYYY-MM-DD` with a day that exists in that month; returns the remaining bytes.
    private static func parseDate(_ b: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard b.count >= 10 else { return nil }
        let s = b.startIndex
        guard let year = number(b, s, 4), b[s + 4] == 0x2D, let month = number(b, s + 5, 2), b[s + 7] == 0x2D,
            let day = number(b, s + 8, 2), (1...12).contains(month), day >= 1
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days ? b[(s + 10)...] : nil
    }

    private static func number(_ b: ArraySlice<UInt8>, _ at: Int, _ count: Int) -> Int? {
        guard at + count <= b.endIndex else { return nil }
        var v = 0
        for i in at..<(at + count) {
            guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
            v = v * 10 + Int(b[i] - 0x30)
        }
        return v
    }

    /// The layouts kube-openapi's `strfmt.ParseDateTime` accepts: RFC 3339 with or without a
    /// fraction, offsets with or without a colon, and the ISO 8601 local and reduced-precision
    /// forms (`2006-01-02T15:04:05`, `2006-01-02T15:04`, `2006-01-02 15:04:05`).
    static func isDateTime(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard var rest = parseDate(bytes[...]), let sep = rest.first, sep == 0x54 || sep == 0x74 || sep == 0x20
        else { return false }
        rest = rest.dropFirst()
        let s = rest.startIndex
        guard let hour = number(rest, s, 2), rest.count >= 5, rest[s + 2] == 0x3A, let minute = number(rest, s + 3, 2),
            hour < 24, minute < 60
        else { return false }
        rest = rest.dropFirst(5)
        var hasSeconds = false
        if rest.first == 0x3A {
            guard let second = number(rest, rest.startIndex + 1, 2), second <= 60 else { return false }
            hasSeconds = true
            rest = rest.dropFirst(3)
            if rest.first == 0x2E {
                rest = rest.dropFirst()
                let digits = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
                guard !digits.isEmpty else { return false }
                rest = rest.dropFirst(digits.count)
            }
        }
        if rest.isEmpty { return sep != 0x20 || hasSeconds }
        if rest.count == 1, rest.first == 0x5A || rest.first == 0x7A { return true }
        guard let sign = rest.first, sign == 0x2B || sign == 0x2D else { return false }
        rest = rest.dropFirst()
        let o = rest.startIndex
        if rest.count == 5, rest[o + 2] == 0x3A, let h = number(rest, o, 2), let m = number(rest, o + 3, 2) {
            return h < 24 && m < 60
        }
        if rest.count == 4, let h = number(rest, o, 2), let m = number(rest, o + 2, 2) { return h < 24 && m < 60 }
        return false
    }

    private static func isDuration(_ value: String) -> Bool {
        if (try? KubeDuration(parsing: value)) != nil { return true }
        return matches(value, "duration")
    }

    // MARK: Identifiers

    private static func isUUID(_ value: String, version: Int?) -> Bool {
        matches(value, version.map { "uuid\($0)" } ?? "uuid")
    }

    private static func isHostname(_ value: String) -> Bool {
        guard !value.isEmpty, value.utf8.count <= 255 else { return false }
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.first != "-", label.last != "-",
                label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
            else { return false }
        }
        if labels.count > 1, let tld = labels.last {
            return tld.count >= 2 && tld.allSatisfy(\.isLetter)
        }
        return true
    }

    private static func isIPv4(_ value: String) -> Bool {
        var addr = in_addr()
        return inet_pton(AF_INET, value, &addr) == 1
    }

    private static func isIPv6(_ value: String) -> Bool {
        var addr = in6_addr()
        return inet_pton(AF_INET6, value, &addr) == 1
    }

    private static func isCIDR(_ value: String) -> Bool {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bits = Int(parts[1]), parts[1].allSatisfy(\.isNumber) else { return false }
        let ip = String(parts[0])
        if isIPv4(ip) { return (0...32).contains(bits) }
        if isIPv6(ip) { return (0...128).contains(bits) }
        return false
    }

    /// `net.ParseMAC`: 6, 8 or 20 octets as `xx:xx…`, `xx-xx…` or `xxxx.xxxx…`.
    private static func isMAC(_ value: String) -> Bool {
        for sep in [":", "-"] {
            let groups = value.components(separatedBy: sep)
            if [6, 8, 20].contains(groups.count), groups.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isHexDigit) }) {
                return true
            }
        }
        let groups = value.components(separatedBy: ".")
        return [3, 4, 10].contains(groups.count) && groups.allSatisfy { $0.count == 4 && $0.allSatisfy(\.isHexDigit) }
    }

    private static func isEmail(_ value: String) -> Bool {
        var address = value
        if let open = value.lastIndex(of: "<"), value.hasSuffix(">") {
            address = String(value[value.index(after: open)..<value.index(before: value.endIndex)])
        }
        return matches(address, "email")
    }

    /// `url.ParseRequestURI`: an absolute URI or an absolute path, without spaces.
    private static func isURI(_ value: String) -> Bool {
        guard !value.isEmpty, !value.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true })
        else { return false }
        if value.hasPrefix("/") { return true }
        return matches(value, "uri")
    }

    private static func isCreditCard(_ value: String) -> Bool {
        let digits = value.filter { $0 != " " && $0 != "-" }
        guard digits.count >= 12, digits.count <= 19, digits.allSatisfy(\.isNumber) else { return false }
        var sum = 0
        for (i, c) in digits.reversed().enumerated() {
            var d = c.wholeNumberValue ?? 0
            if i % 2 == 1 {
                d *= 2
                if d > 9 { d -= 9 }
            }
            sum += d
        }
        return sum % 10 == 0
    }

    private static func isISBN10(_ value: String) -> Bool {
        let s = value.filter { $0 != " " && $0 != "-" }
        guard s.count == 10 else { return false }
        var sum = 0
        for (i, c) in s.enumerated() {
            let d: Int
            if i == 9 && (c == "X" || c == "x") {
                d = 10
            } else if let v = c.wholeNumberValue, c.isASCII {
                d = v
            } else {
                return false
            }
            sum += (i + 1) * d
        }
        return sum % 11 == 0
    }

    private static func isISBN13(_ value: String) -> Bool {
        let s = value.filter { $0 != " " && $0 != "-" }
        guard s.count == 13, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        var sum = 0
        for (i, c) in s.enumerated() { sum += (c.wholeNumberValue ?? 0) * (i % 2 == 0 ? 1 : 3) }
        return sum % 10 == 0
    }
}
