import AstroliftAPI
import Foundation
import KubeCore

/// The repository checkout the tests run in.
enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    static func files(in directory: String, suffix: String = ".yaml") -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(directory).path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { "\(directory)/\($0)" }
    }
}

/// Checks a JSON value against a ``Schema`` the way the API server's structural
/// validation does (types, unknown fields, required, enums, patterns, bounds);
/// CEL rules are not evaluated here.
enum SchemaValidator {
    static func validate(_ value: JSONValue, _ schema: Schema, path: String = "") -> [String] {
        var errors: [String] = []
        let here = path.isEmpty ? "<root>" : path
        if value.isNull {
            if !schema.nullable { errors.append("\(here): null is not allowed") }
            return errors
        }
        if schema.intOrString {
            switch value {
            case .int: break
            case .string(let s): errors += checkString(s, schema, here)
            default: errors.append("\(here): expected an integer or a string, got \(value)")
            }
            return errors
        }
        if let enumValues = schema.enumValues, !enumValues.contains(value) {
            errors.append("\(here): \(value.jsonString) is not one of \(JSONValue.array(enumValues).jsonString)")
        }
        switch (schema.type, value) {
        case (.object?, .object(let members)):
            if let max = schema.maxProperties, members.count > max {
                errors.append("\(here): more than \(max) entries")
            }
            if let min = schema.minProperties, members.count < min {
                errors.append("\(here): fewer than \(min) entries")
            }
            if let values = schema.additionalProperties {
                for (k, v) in members.sorted(by: { $0.key < $1.key }) {
                    errors += validate(v, values, path: "\(path)[\(k)]")
                }
            } else if !schema.properties.isEmpty || !schema.preservesUnknownFields {
                for (k, v) in members.sorted(by: { $0.key < $1.key }) {
                    if let p = schema[property: k] {
                        errors += validate(v, p.schema, path: "\(path).\(k)")
                    } else if !schema.preservesUnknownFields && !(schema.properties.isEmpty && path == ".metadata") {
                        errors.append("\(path).\(k): unknown field")
                    }
                }
                for name in schema.required where members[name] == nil {
                    errors.append("\(path).\(name): required")
                }
            }
        case (.array?, .array(let items)):
            if let max = schema.maxItems, items.count > max { errors.append("\(here): more than \(max) items") }
            if let min = schema.minItems, items.count < min { errors.append("\(here): fewer than \(min) items") }
            if let itemSchema = schema.items {
                for (i, item) in items.enumerated() { errors += validate(item, itemSchema, path: "\(path)[\(i)]") }
            }
            if schema.listType == .set, Set(items).count != items.count { errors.append("\(here): duplicate items") }
            if schema.listType == .map {
                let keys = items.map { item in schema.listMapKeys.map { item[$0]?.jsonString ?? "" } }
                if Set(keys).count != keys.count { errors.append("\(here): duplicate map keys") }
            }
        case (.string?, .string(let s)):
            errors += checkString(s, schema, here)
        case (.integer?, .int(let i)):
            if let min = schema.minimum, i < min { errors.append("\(here): \(i) is less than \(min)") }
            if let max = schema.maximum, i > max { errors.append("\(here): \(i) is more than \(max)") }
            if schema.format == "int32", i < Int64(Int32.min) || i > Int64(Int32.max) {
                errors.append("\(here): \(i) does not fit 32 bits")
            }
        case (.number?, .int), (.number?, .double), (.boolean?, .bool):
            break
        case (nil, _):
            if !schema.preservesUnknownFields { errors.append("\(here): schema node has no type") }
        default:
            errors.append("\(here): expected \(schema.type?.rawValue ?? "?"), got \(value.jsonString)")
        }
        return errors
    }

    static func checkString(_ s: String, _ schema: Schema, _ here: String) -> [String] {
        var errors: [String] = []
        if let max = schema.maxLength, s.count > max { errors.append("\(here): longer than \(max) characters") }
        if let min = schema.minLength, s.count < min { errors.append("\(here): shorter than \(min) characters") }
        if let pattern = schema.pattern, !matches(s, pattern) {
            errors.append("\(here): \(s.debugDescription) does not match \(pattern)")
        }
        if schema.format == "date-time", Time(rfc3339: s) == nil {
            errors.append("\(here): \(s.debugDescription) is not an RFC 3339 time")
        }
        return errors
    }

    static func matches(_ s: String, _ pattern: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }
}

/// Builds the fullest object a schema allows: every property present, one item per
/// list, one entry per map, each leaf its example, first enum value, default or a
/// type-appropriate placeholder.
enum SchemaExample {
    static func build(_ schema: Schema) -> JSONValue {
        if let example = schema.example { return example }
        if let first = schema.enumValues?.first { return first }
        if schema.intOrString { return schema.defaultValue ?? "1" }
        switch schema.type {
        case .object?:
            if let values = schema.additionalProperties { return .object(["example-key": build(values)]) }
            var members: [String: JSONValue] = [:]
            for p in schema.properties { members[p.name] = build(p.schema) }
            return .object(members)
        case .array?:
            return .array(schema.items.map { [build($0)] } ?? [])
        case .string?:
            if let d = schema.defaultValue { return d }
            return .string(schema.minLength.map { String(repeating: "x", count: max($0, 7)) } ?? "example")
        case .integer?:
            return schema.defaultValue ?? .int(schema.minimum ?? 1)
        case .number?:
            return .double(1.5)
        case .boolean?:
            return true
        case nil:
            return .object([:])
        }
    }
}

/// Finds optional stored properties that are `nil`, recursively, by reflection: after
/// decoding the fullest object the schema allows, a `nil` means the Swift type has a
/// property the schema does not declare.
enum NilFinder {
    static func nils(in value: Any, path: String = "", skipping: Set<String> = []) -> [String] {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let child = mirror.children.first else { return [path] }
            return nils(in: child.value, path: path, skipping: skipping)
        }
        var found: [String] = []
        switch mirror.displayStyle {
        case .struct?, .class?:
            for child in mirror.children {
                guard let label = child.label else { continue }
                let childPath = "\(path).\(label)"
                if skipping.contains(childPath) { continue }
                found += nils(in: child.value, path: childPath, skipping: skipping)
            }
        case .collection?:
            for (i, child) in mirror.children.enumerated() {
                found += nils(in: child.value, path: "\(path)[\(i)]", skipping: skipping)
            }
        case .dictionary?:
            for child in mirror.children {
                let pair = Mirror(reflecting: child.value).children.map(\.value)
                if pair.count == 2 { found += nils(in: pair[1], path: "\(path)[\(pair[0])]", skipping: skipping) }
            }
        default:
            break
        }
        return found
    }
}

/// The paths at which two JSON values differ.
func jsonDifferences(_ a: JSONValue, _ b: JSONValue, path: String = "") -> [String] {
    switch (a, b) {
    case (.object(let x), .object(let y)):
        return Set(x.keys).union(y.keys).sorted().flatMap { key -> [String] in
            switch (x[key], y[key]) {
            case (let l?, let r?): return jsonDifferences(l, r, path: "\(path).\(key)")
            case (nil, _): return ["\(path).\(key): only in the second"]
            case (_, nil): return ["\(path).\(key): only in the first"]
            }
        }
    case (.array(let x), .array(let y)) where x.count == y.count:
        return zip(x, y).enumerated().flatMap { i, pair in jsonDifferences(pair.0, pair.1, path: "\(path)[\(i)]") }
    default:
        return a == b ? [] : ["\(path): \(a.jsonString) != \(b.jsonString)"]
    }
}
