import Foundation

/// Name and label validation with the same rules and messages as the Kubernetes API
/// server (`k8s.io/apimachinery/pkg/util/validation`).
///
/// Each function returns the list of problems, empty when the value is valid, so that a
/// server can report every problem of a field at once, as Kubernetes does.
public enum Validation {
    /// The longest DNS-1123 label (RFC 1123 host name part).
    public static let dns1123LabelMaxLength = 63
    /// The longest DNS-1123 subdomain.
    public static let dns1123SubdomainMaxLength = 253
    /// The longest name part of a qualified name (label or annotation key).
    public static let qualifiedNameMaxLength = 63
    /// The longest label value.
    public static let labelValueMaxLength = 63

    // The regexes below appear only in messages: matching is done by hand, which is
    // faster than NSRegularExpression and free of its Unicode surprises.
    static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"
    static let dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?"
    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let labelValueFormat = "(" + qualifiedNameFormat + ")?"

    /// Problems with `value` as a DNS-1123 label: lower-case alphanumerics and '-',
    /// alphanumeric at both ends, at most 63 characters (Service and Namespace names).
    public static func dns1123Label(_ value: String) -> [String] {
        var errors = [String]()
        if value.utf8.count > dns1123LabelMaxLength { errors.append(maxLengthMessage(dns1123LabelMaxLength)) }
        if !isDNS1123Label(value) {
            errors.append(
                regexMessage(
                    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                        + "and must start and end with an alphanumeric character",
                    dns1123LabelFormat, examples: ["my-name", "123-abc"]))
        }
        return errors
    }

    /// Problems with `value` as a DNS-1123 subdomain: dot-separated DNS-1123 labels, at most
    /// 253 characters (the names of most kinds).
    public static func dns1123Subdomain(_ value: String) -> [String] {
        var errors = [String]()
        if value.utf8.count > dns1123SubdomainMaxLength {
            errors.append(maxLengthMessage(dns1123SubdomainMaxLength))
        }
        if !isDNS1123Subdomain(value) {
            errors.append(
                regexMessage(
                    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                        + "and must start and end with an alphanumeric character",
                    dns1123SubdomainFormat, examples: ["example.com"]))
        }
        return errors
    }

    /// Problems with `value` as a DNS-1035 label: like a DNS-1123 label but starting with a
    /// letter (Service names in some contexts, port names).
    public static func dns1035Label(_ value: String) -> [String] {
        var errors = [String]()
        if value.utf8.count > dns1123LabelMaxLength { errors.append(maxLengthMessage(dns1123LabelMaxLength)) }
        if !isDNS1123Label(value) || !(value.utf8.first.map(isLowerAlpha) ?? false) {
            errors.append(
                regexMessage(
                    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                        + "start with an alphabetic character, and end with an alphanumeric character",
                    dns1035LabelFormat, examples: ["my-name", "abc-123"]))
        }
        return errors
    }

    /// Problems with `value` as a qualified name, the form of label and annotation keys:
    /// an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters
    /// of alphanumerics, '-', '_' and '.', alphanumeric at both ends.
    public static func qualifiedName(_ value: String) -> [String] {
        var errors = [String]()
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = String(parts[0])
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else {
                errors.append(contentsOf: dns1123Subdomain(prefix).map { "prefix part " + $0 })
            }
        default:
            return [
                "a qualified name "
                    + regexMessage(
                        "must consist of alphanumeric characters, '-', '_' or '.', "
                            + "and must start and end with an alphanumeric character",
                        qualifiedNameFormat, examples: ["MyName", "my.name", "123-abc"])
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else if name.utf8.count > qualifiedNameMaxLength {
            errors.append("name part " + maxLengthMessage(qualifiedNameMaxLength))
        }
        // Kubernetes reports an empty name twice (empty, and not matching): so do we.
        if !isQualifiedNamePart(name) {
            errors.append(
                "name part "
                    + regexMessage(
                        "must consist of alphanumeric characters, '-', '_' or '.', "
                            + "and must start and end with an alphanumeric character",
                        qualifiedNameFormat, examples: ["MyName", "my.name", "123-abc"]))
        }
        return errors
    }

    /// Problems with `value` as a label key (a qualified name).
    public static func labelKey(_ value: String) -> [String] { qualifiedName(value) }

    /// Problems with `value` as a label value: empty, or at most 63 characters of
    /// alphanumerics, '-', '_' and '.', alphanumeric at both ends.
    public static func labelValue(_ value: String) -> [String] {
        var errors = [String]()
        if value.utf8.count > labelValueMaxLength { errors.append(maxLengthMessage(labelValueMaxLength)) }
        if !value.isEmpty && !isQualifiedNamePart(Substring(value)) {
            errors.append(
                regexMessage(
                    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                        + "and must start and end with an alphanumeric character",
                    labelValueFormat, examples: ["MyValue", "my_value", "12345"]))
        }
        return errors
    }

    /// Problems with every key and value of a label map, each prefixed with the field path
    /// the way the API server writes them (`metadata.labels: Invalid value: "x": …`).
    public static func labels(_ labels: [String: String], fieldPath: String = "metadata.labels") -> [String] {
        var errors = [String]()
        for key in labels.keys.sorted() {
            for e in labelKey(key) { errors.append("\(fieldPath): Invalid value: \(quoted(key)): \(e)") }
            let value = labels[key] ?? ""
            for e in labelValue(value) { errors.append("\(fieldPath): Invalid value: \(quoted(value)): \(e)") }
        }
        return errors
    }

    /// The message Kubernetes uses for a value that is too long.
    public static func maxLengthMessage(_ length: Int) -> String {
        "must be no more than \(length) characters"
    }

    // Reproduces `validation.RegexError` word for word, double space included, so that
    // messages match those of a real API server.
    static func regexMessage(_ message: String, _ format: String, examples: [String]) -> String {
        guard !examples.isEmpty else { return message + " (regex used for validation is '" + format + "')" }
        var s = message + " (e.g. "
        for (i, example) in examples.enumerated() {
            if i > 0 { s += " or " }
            s += "'" + example + "', "
        }
        return s + "regex used for validation is '" + format + "')"
    }

    static func quoted(_ s: String) -> String {
        JSONValue.string(s).jsonString
    }

    // MARK: Character classes

    static func isLowerAlpha(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isAlnum(_ c: UInt8) -> Bool {
        isDigit(c) || isLowerAlpha(c) || (c >= 0x41 && c <= 0x5A)
    }

    /// Whether `value` matches `[a-z0-9]([-a-z0-9]*[a-z0-9])?` (length not checked).
    public static func isDNS1123Label<S: StringProtocol>(_ value: S) -> Bool {
        let b = Array(value.utf8)
        guard let first = b.first, let last = b.last else { return false }
        func ok(_ c: UInt8) -> Bool { isLowerAlpha(c) || isDigit(c) }
        guard ok(first), ok(last) else { return false }
        return b.allSatisfy { ok($0) || $0 == 0x2D }
    }

    /// Whether `value` matches the DNS-1123 subdomain regex (length not checked).
    public static func isDNS1123Subdomain<S: StringProtocol>(_ value: S) -> Bool {
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { isDNS1123Label($0) }
    }

    /// Whether `value` matches `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]` (length not checked).
    static func isQualifiedNamePart(_ value: Substring) -> Bool {
        let b = Array(value.utf8)
        guard let first = b.first, let last = b.last, isAlnum(first), isAlnum(last) else { return false }
        return b.allSatisfy { isAlnum($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }
}
