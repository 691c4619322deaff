import Foundation

/// Kubernetes' escaping of property names that are not CEL identifiers: `__` becomes
/// `__underscores__`, `.` `__dot__`, `-` `__dash__`, `/` `__slash__`, and CEL keywords
/// `__keyword__`.
enum CELNames {
    static let keywords: Set<String> = CELParser.reserved.union(["true", "false", "null", "in"])

    /// The identifier an expression uses for `property`, or `nil` if it cannot be named.
    static func escape(_ property: String) -> String? {
        if keywords.contains(property) { return "__\(property)__" }
        var out = ""
        var chars = Array(property)[...]
        while let c = chars.first {
            if c == "_", chars.dropFirst().first == "_" {
                out += "__underscores__"
                chars = chars.dropFirst(2)
                continue
            }
            switch c {
            case ".": out += "__dot__"
            case "-": out += "__dash__"
            case "/": out += "__slash__"
            default:
                guard c.isASCII, c.isLetter || c.isNumber || c == "_" else { return nil }
                out.append(c)
            }
            chars = chars.dropFirst()
        }
        guard let first = out.first, first.isLetter || first == "_" else { return nil }
        return out
    }

    static func propertyName(for identifier: String, in schema: StructuralSchema) -> String? {
        if schema.properties[identifier] != nil, escape(identifier) == identifier { return identifier }
        return schema.properties.keys.first { escape($0) == identifier }
    }

    static func property(named identifier: String, in schema: StructuralSchema) -> StructuralSchema? {
        propertyName(for: identifier, in: schema).flatMap { schema.properties[$0] }
    }

    /// Reverses ``escape(_:)``: `foo__dash__bar` is `foo-bar`, `__in__` is `in`.
    static func unescape(_ identifier: String) -> String {
        if identifier.hasPrefix("__"), identifier.hasSuffix("__"), identifier.count > 4 {
            let inner = String(identifier.dropFirst(2).dropLast(2))
            if keywords.contains(inner) { return inner }
        }
        guard identifier.contains("__") else { return identifier }
        var out = ""
        var rest = Substring(identifier)
        let table: [(String, String)] = [
            ("__underscores__", "__"), ("__dot__", "."), ("__dash__", "-"), ("__slash__", "/"),
        ]
        outer: while !rest.isEmpty {
            for (escaped, plain) in table where rest.hasPrefix(escaped) {
                out += plain
                rest = rest.dropFirst(escaped.count)
                continue outer
            }
            out.append(rest.removeFirst())
        }
        return out
    }
}
