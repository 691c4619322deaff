import Foundation

/// One operation of a JSON Patch (RFC 6902).
public struct JSONPatchOperation: Sendable, Hashable, Codable {
    /// The operation kinds.
    public enum Op: String, Sendable, Hashable, Codable, CaseIterable {
        case add, remove, replace, move, copy, test
    }

    /// The operation.
    public var op: Op
    /// Where the operation acts.
    public var path: JSONPointer
    /// The source of `move` and `copy`.
    public var from: JSONPointer?
    /// The value of `add`, `replace` and `test`; `.null` is a value, `nil` is absent.
    public var value: JSONValue?

    public init(op: Op, path: JSONPointer, from: JSONPointer? = nil, value: JSONValue? = nil) {
        self.op = op
        self.path = path
        self.from = from
        self.value = value
    }

    // Shorthands for building patches in code; they throw only for a malformed pointer.

    /// `add` of `value` at `path` (`-` as the last token appends to an array).
    public static func add(_ path: String, _ value: JSONValue) throws -> JSONPatchOperation {
        JSONPatchOperation(op: .add, path: try JSONPointer(parsing: path), value: value)
    }
    /// `remove` of the value at `path`.
    public static func remove(_ path: String) throws -> JSONPatchOperation {
        JSONPatchOperation(op: .remove, path: try JSONPointer(parsing: path))
    }
    /// `replace` of the existing value at `path`.
    public static func replace(_ path: String, _ value: JSONValue) throws -> JSONPatchOperation {
        JSONPatchOperation(op: .replace, path: try JSONPointer(parsing: path), value: value)
    }
    /// `move` of the value at `from` to `path`.
    public static func move(from: String, to path: String) throws -> JSONPatchOperation {
        JSONPatchOperation(op: .move, path: try JSONPointer(parsing: path), from: try JSONPointer(parsing: from))
    }
    /// `copy` of the value at `from` to `path`.
    public static func copy(from: String, to path: String) throws -> JSONPatchOperation {
        JSONPatchOperation(op: .copy, path: try JSONPointer(parsing: path), from: try JSONPointer(parsing: from))
    }
    /// `test` that the value at `path` equals `value` (numbers compare by value).
    public static func test(_ path: String, _ value: JSONValue) throws -> JSONPatchOperation {
        JSONPatchOperation(op: .test, path: try JSONPointer(parsing: path), value: value)
    }

    /// The operation as JSON (`{"op":"add","path":"/a","value":1}`).
    public var json: JSONValue {
        var o: [String: JSONValue] = ["op": .string(op.rawValue), "path": .string(path.description)]
        if let from { o["from"] = .string(from.description) }
        if let value { o["value"] = value }
        return .object(o)
    }

    /// Reads one operation from JSON, keeping an explicit `"value": null` apart from a
    /// missing value (which `Codable` optionals cannot).
    public init(json: JSONValue) throws {
        guard case .object(let o) = json else {
            throw JSONPatchError(
                index: nil, op: nil, path: nil, reason: .malformedOperation("an operation must be an object"))
        }
        guard let opName = o["op"]?.stringValue else {
            throw JSONPatchError(index: nil, op: nil, path: nil, reason: .malformedOperation("missing \"op\""))
        }
        guard let op = Op(rawValue: opName) else {
            throw JSONPatchError(index: nil, op: opName, path: nil, reason: .unknownOperation(opName))
        }
        guard let pathText = o["path"]?.stringValue else {
            throw JSONPatchError(index: nil, op: opName, path: nil, reason: .malformedOperation("missing \"path\""))
        }
        func pointer(_ text: String) throws -> JSONPointer {
            do { return try JSONPointer(parsing: text) } catch let e as JSONPointerError {
                throw JSONPatchError(index: nil, op: opName, path: text, reason: .invalidPointer(e.reason))
            }
        }
        self.op = op
        self.path = try pointer(pathText)
        self.from = try o["from"]?.stringValue.map(pointer)
        self.value = o["value"]
        switch op {
        case .add, .replace, .test:
            if value == nil {
                throw JSONPatchError(
                    index: nil, op: opName, path: pathText, reason: .malformedOperation("missing \"value\""))
            }
        case .move, .copy:
            if from == nil {
                throw JSONPatchError(
                    index: nil, op: opName, path: pathText, reason: .malformedOperation("missing \"from\""))
            }
        case .remove: break
        }
    }

    public init(from decoder: any Decoder) throws {
        let raw = try JSONValue(from: decoder)
        do {
            try self.init(json: raw)
        } catch let e as JSONPatchError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: e.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

/// A JSON Patch operation that failed, naming the operation and what went wrong.
public struct JSONPatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why an operation failed.
    public enum Reason: Sendable, Hashable {
        /// The patch is not an array of operation objects, or an operation lacks a member.
        case malformedOperation(String)
        /// `op` is not one of add, remove, replace, move, copy, test.
        case unknownOperation(String)
        case invalidPointer(String)
        /// The path (or `from`) designates nothing.
        case pathNotFound
        /// The parent of the path designates nothing, or a scalar.
        case parentNotFound
        /// An array index that is not a number, has leading zeros or is out of range.
        case invalidArrayIndex(String)
        /// A `test` whose value differs.
        case testFailed(expected: JSONValue, actual: JSONValue?)
        /// `move` into a location below its source.
        case moveIntoDescendant
        /// `remove` of the whole document.
        case cannotRemoveRoot
    }

    /// The position of the operation in the patch.
    public var index: Int?
    /// The operation name, when known.
    public var op: String?
    /// The operation's path, when known.
    public var path: String?
    /// What went wrong.
    public var reason: Reason

    public init(index: Int? = nil, op: String? = nil, path: String? = nil, reason: Reason) {
        self.index = index
        self.op = op
        self.path = path
        self.reason = reason
    }

    public var description: String {
        var s = "JSON patch"
        if let index { s += " operation \(index)" }
        if let op { s += " (\(op)" + (path.map { " \(Validation.quoted($0))" } ?? "") + ")" }
        s += ": "
        switch reason {
        case .malformedOperation(let m): s += m
        case .unknownOperation(let o): s += "unknown operation \(Validation.quoted(o))"
        case .invalidPointer(let m): s += m
        case .pathNotFound: s += "the path does not exist"
        case .parentNotFound: s += "the parent of the path does not exist or is not an object or array"
        case .invalidArrayIndex(let t): s += "\(Validation.quoted(t)) is not a valid array index here"
        case .testFailed(let expected, let actual):
            s += "test failed: expected \(expected.jsonString), found \(actual?.jsonString ?? "nothing")"
        case .moveIntoDescendant: s += "cannot move a value into one of its own children"
        case .cannotRemoveRoot: s += "cannot remove the whole document"
        }
        return s
    }
}

/// JSON Patch (RFC 6902), the `application/json-patch+json` patch type.
public enum JSONPatch {
    /// Reads a patch document (an array of operations).
    public static func operations(from patch: JSONValue) throws -> [JSONPatchOperation] {
        guard case .array(let items) = patch else {
            throw JSONPatchError(reason: .malformedOperation("a JSON patch must be an array of operations"))
        }
        return try items.enumerated().map { i, item in
            do { return try JSONPatchOperation(json: item) } catch var e as JSONPatchError {
                e.index = i
                throw e
            }
        }
    }

    /// Applies a patch document to `document`.
    public static func apply(_ patch: JSONValue, to document: JSONValue) throws -> JSONValue {
        try apply(operations(from: patch), to: document)
    }

    /// Applies the operations in order; any failure aborts the whole patch (it is atomic).
    public static func apply(_ operations: [JSONPatchOperation], to document: JSONValue) throws -> JSONValue {
        var doc = document
        for (i, operation) in operations.enumerated() {
            do {
                try apply(operation, to: &doc)
            } catch let reason as JSONPatchError.Reason {
                throw JSONPatchError(
                    index: i, op: operation.op.rawValue, path: operation.path.description, reason: reason)
            }
        }
        return doc
    }

    static func apply(_ operation: JSONPatchOperation, to doc: inout JSONValue) throws {
        let path = operation.path
        switch operation.op {
        case .add:
            try add(operation.value ?? .null, at: path, in: &doc)
        case .remove:
            _ = try remove(at: path, in: &doc)
        case .replace:
            guard path.resolve(in: doc) != nil else { throw JSONPatchError.Reason.pathNotFound }
            try set(operation.value ?? .null, at: path, in: &doc)
        case .move:
            guard let from = operation.from else { throw JSONPatchError.Reason.malformedOperation("missing \"from\"") }
            if from == path { return }
            if from.isPrefix(of: path) { throw JSONPatchError.Reason.moveIntoDescendant }
            let value = try remove(at: from, in: &doc)
            try add(value, at: path, in: &doc)
        case .copy:
            guard let from = operation.from else { throw JSONPatchError.Reason.malformedOperation("missing \"from\"") }
            guard let value = from.resolve(in: doc) else { throw JSONPatchError.Reason.pathNotFound }
            try add(value, at: path, in: &doc)
        case .test:
            let expected = operation.value ?? .null
            let actual = path.resolve(in: doc)
            guard let actual, JSONEquality.equal(actual, expected) else {
                throw JSONPatchError.Reason.testFailed(expected: expected, actual: actual)
            }
        }
    }

    /// `add`: sets an object member, or inserts into an array (`-` appends).
    static func add(_ value: JSONValue, at path: JSONPointer, in doc: inout JSONValue) throws {
        guard let last = path.tokens.last else {
            doc = value
            return
        }
        try modifyParent(of: path, in: &doc) { parent in
            switch parent {
            case .object(var o):
                o[last] = value
                parent = .object(o)
            case .array(var a):
                if last == "-" {
                    a.append(value)
                } else {
                    guard let i = JSONPointer.arrayIndex(last), i <= a.count else {
                        throw JSONPatchError.Reason.invalidArrayIndex(last)
                    }
                    a.insert(value, at: i)
                }
                parent = .array(a)
            default:
                throw JSONPatchError.Reason.parentNotFound
            }
        }
    }

    /// Replaces the existing value at `path`.
    static func set(_ value: JSONValue, at path: JSONPointer, in doc: inout JSONValue) throws {
        guard let last = path.tokens.last else {
            doc = value
            return
        }
        try modifyParent(of: path, in: &doc) { parent in
            switch parent {
            case .object(var o):
                o[last] = value
                parent = .object(o)
            case .array(var a):
                guard let i = JSONPointer.arrayIndex(last), i < a.count else {
                    throw JSONPatchError.Reason.invalidArrayIndex(last)
                }
                a[i] = value
                parent = .array(a)
            default:
                throw JSONPatchError.Reason.parentNotFound
            }
        }
    }

    /// Removes and returns the value at `path`.
    static func remove(at path: JSONPointer, in doc: inout JSONValue) throws -> JSONValue {
        guard let last = path.tokens.last else { throw JSONPatchError.Reason.cannotRemoveRoot }
        var removed = JSONValue.null
        try modifyParent(of: path, in: &doc) { parent in
            switch parent {
            case .object(var o):
                guard let v = o.removeValue(forKey: last) else { throw JSONPatchError.Reason.pathNotFound }
                removed = v
                parent = .object(o)
            case .array(var a):
                guard let i = JSONPointer.arrayIndex(last), i < a.count else {
                    throw JSONPatchError.Reason.invalidArrayIndex(last)
                }
                removed = a.remove(at: i)
                parent = .array(a)
            default:
                throw JSONPatchError.Reason.parentNotFound
            }
        }
        return removed
    }

    /// Walks to the parent of `path` and lets `body` change it in place.
    static func modifyParent(
        of path: JSONPointer, in doc: inout JSONValue, _ body: (inout JSONValue) throws -> Void
    ) throws {
        try modify(tokens: path.tokens.dropLast(), in: &doc, body)
    }

    static func modify(
        tokens: ArraySlice<String>, in node: inout JSONValue, _ body: (inout JSONValue) throws -> Void
    ) throws {
        guard let first = tokens.first else {
            try body(&node)
            return
        }
        let rest = tokens.dropFirst()
        switch node {
        case .object(var o):
            guard var child = o[first] else { throw JSONPatchError.Reason.parentNotFound }
            try modify(tokens: rest, in: &child, body)
            o[first] = child
            node = .object(o)
        case .array(var a):
            guard let i = JSONPointer.arrayIndex(first), i < a.count else {
                throw JSONPatchError.Reason.parentNotFound
            }
            var child = a[i]
            try modify(tokens: rest, in: &child, body)
            a[i] = child
            node = .array(a)
        default:
            throw JSONPatchError.Reason.parentNotFound
        }
    }
}

extension JSONPatchError.Reason: Error {}
