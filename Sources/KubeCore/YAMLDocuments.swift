import Foundation
import Yams

/// Multi-document YAML, read and written the way `kubectl` does.
///
/// Reading follows the YAML 1.1 rules of the Go library kubectl uses: unquoted
/// `true`/`yes`/`on`/`y` (and their opposites) are booleans, unquoted numbers are numbers
/// (`0x1F`, `0o17`, `017` octal and `1_000` included), `null`/`~`/empty are null, and
/// anything quoted or written as a block (`|`, `>`) stays a string. Timestamps stay
/// strings. Integers beyond 64 bits become doubles, as ``JSONValue/parse(_:)`` does.
/// Merge keys (`<<: *anchor`) are applied.
///
/// Writing sorts keys, uses block style with two-space indentation, writes multi-line
/// strings as literal blocks, and quotes strings that would read back as something else
/// (`"true"`, `"1"`, `""`, `"null"`, `"0x1"`, timestamps).
public enum YAMLDocuments {
    // MARK: Reading

    /// Parses every document of a YAML stream. Empty documents (a lone `---`, or only
    /// comments) are skipped. A `List` is returned as one document; see ``expandLists(_:)``.
    public static func parse(_ text: String) throws -> [JSONValue] {
        let parser: Parser
        do {
            parser = try Parser(yaml: text, resolver: YAMLScalars.resolver)
        } catch {
            throw YAMLError(from: error, document: 1)
        }
        var documents = [JSONValue]()
        var index = 0
        while true {
            index += 1
            let root: Node?
            do {
                root = try parser.nextRoot()
            } catch {
                throw YAMLError(from: error, document: index)
            }
            guard let root else { break }
            let value = try YAMLReader(document: index).convert(root)
            if !value.isNull { documents.append(value) }
        }
        return documents
    }

    /// Parses UTF-8 bytes; see ``parse(_:)-(String)``.
    public static func parse(_ data: Data) throws -> [JSONValue] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw YAMLError(document: nil, line: nil, column: nil, message: "the input is not valid UTF-8")
        }
        return try parse(text)
    }

    /// Parses a stream that must hold exactly one (non-empty) document.
    public static func parseSingle(_ text: String) throws -> JSONValue {
        let documents = try parse(text)
        guard documents.count == 1, let first = documents.first else {
            throw YAMLError(
                document: nil, line: nil, column: nil, message: "expected one YAML document, found \(documents.count)")
        }
        return first
    }

    /// Parses a stream of Kubernetes objects; every document must be a mapping.
    public static func parseObjects(_ text: String) throws -> [DynamicObject] {
        try parse(text).enumerated().map { i, value in
            guard case .object = value else {
                throw YAMLError(
                    document: i + 1, line: nil, column: nil,
                    message: "expected an object (a mapping with apiVersion and kind), found \(value.typeName)")
            }
            return DynamicObject(value)
        }
    }

    /// Decodes every document as `T`.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> [T] {
        try parse(text).enumerated().map { i, value in
            do {
                return try value.decode(as: T.self)
            } catch {
                throw YAMLError(document: i + 1, line: nil, column: nil, message: "cannot decode \(T.self): \(error)")
            }
        }
    }

    /// Decodes a stream that must hold exactly one document as `T`.
    public static func decodeSingle<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        do {
            return try parseSingle(text).decode(as: T.self)
        } catch let error as YAMLError {
            throw error
        } catch {
            throw YAMLError(document: 1, line: nil, column: nil, message: "cannot decode \(T.self): \(error)")
        }
    }

    /// Replaces each `List` (kind `List` or any kind ending in `List` with an `items`
    /// array) by its items, recursively. Items without `apiVersion`/`kind`, as in a typed
    /// list such as `PodList`, get the list's `apiVersion` and the kind without `List`.
    public static func expandLists(_ documents: [JSONValue]) -> [JSONValue] {
        var result = [JSONValue]()
        for document in documents {
            guard let kind = document["kind"]?.stringValue, kind.hasSuffix("List"),
                let items = document["items"]?.arrayValue
            else {
                result.append(document)
                continue
            }
            let itemKind = kind == "List" ? nil : String(kind.dropLast(4))
            let filled = items.map { item -> JSONValue in
                guard case .object(var o) = item else { return item }
                if o["apiVersion"] == nil, let v = document["apiVersion"], itemKind != nil { o["apiVersion"] = v }
                if o["kind"] == nil, let itemKind { o["kind"] = .string(itemKind) }
                return .object(o)
            }
            result.append(contentsOf: expandLists(filled))
        }
        return result
    }

    // MARK: Writing

    /// Writes documents as a YAML stream, separated by `---`.
    public static func render(_ documents: [JSONValue]) -> String {
        let nodes = documents.map(YAMLWriter.node)
        do {
            return try Yams.serialize(nodes: nodes, indent: 2, width: -1, allowUnicode: true)
        } catch {
            // The emitter fails only on trees it cannot write, which these are not; JSON is
            // YAML, so fall back to it rather than lose the data.
            return documents.map(\.jsonString).joined(separator: "\n---\n") + "\n"
        }
    }

    /// Writes one document.
    public static func render(_ document: JSONValue) -> String {
        render([document])
    }

    /// Writes encodable values (models, `DynamicObject`s) as a YAML stream.
    public static func render<T: Encodable>(encoding values: [T]) throws -> String {
        render(try values.map { try JSONValue(encoding: $0) })
    }

    /// Whether a string must be quoted to read back as the same string.
    public static func needsQuotes(_ string: String) -> Bool {
        YAMLScalars.needsQuotes(string)
    }
}

/// A YAML document that could not be read, with where.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based index of the document in the stream (counting empty ones).
    public var document: Int?
    /// The 1-based line in the whole stream.
    public var line: Int?
    /// The 1-based column.
    public var column: Int?
    /// What is wrong.
    public var message: String

    public init(document: Int?, line: Int?, column: Int?, message: String) {
        self.document = document
        self.line = line
        self.column = column
        self.message = message
    }

    init(from error: any Error, document: Int) {
        self.document = document
        guard let yamlError = error as? YamlError else {
            message = "\(error)"
            return
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            line = mark.line
            column = mark.column
            message = problem + (context.map { " (\($0.text) at line \($0.mark.line))" } ?? "")
        case .duplicatedKeysInMapping(let duplicates, let context):
            line = context.mark.line
            column = context.mark.column
            message =
                "duplicate key\(duplicates.count > 1 ? "s" : "") in a mapping: " + duplicates.joined(separator: ", ")
        case .reader(let problem, let offset, _, _):
            message = problem + (offset.map { " at byte \($0)" } ?? "")
        default:
            message = yamlError.description
        }
    }

    public var description: String {
        var location = [String]()
        if let document { location.append("document \(document)") }
        if let line { location.append("line \(line)" + (column.map { ", column \($0)" } ?? "")) }
        return "invalid YAML" + (location.isEmpty ? "" : " (" + location.joined(separator: ", ") + ")") + ": " + message
    }
}

extension JSONValue {
    /// A word for the kind of value, for messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}
