import KubeCore

/// A strategic merge patch the server cannot apply, with the message and HTTP status the
/// Kubernetes API server gives it.
public struct StrategicMergePatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The patch (or original) is not a JSON object.
        case badJSONDocument
        /// `$patch` has a value other than `replace`, `delete` (or `merge` in a list).
        case unknownPatchType
        /// `$patch: merge` as a list item, which Kubernetes has never implemented.
        case mergeDirectiveInList
        /// A list item lacks the field's merge key.
        case missingMergeKey
        /// A merge list of objects without a declared merge key.
        case noMergeKeyDeclared
        /// A value has the wrong JSON type (e.g. a `$setElementOrder` that is not a list).
        case badArgumentType
        /// A list of lists, which merge lists cannot hold.
        case listOfLists
        /// A list mixing items of different JSON types.
        case mixedListItems
        /// `$retainKeys` is not a list, or the patch sets a key it does not retain.
        case badRetainKeys
        /// A malformed `$deleteFromPrimitiveList/` key.
        case badDeleteFromPrimitiveList
        /// A malformed `$setElementOrder/` key or list, or a patch list that contradicts it.
        case badSetElementOrder
    }

    /// What went wrong.
    public var reason: Reason
    /// The message, worded as the Kubernetes API server words it.
    public var message: String

    /// An error of `reason` with `message`.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }

    /// The HTTP status code Kubernetes answers with: 400 for malformed directives, 422 for
    /// lists of lists, and 500 for the errors it passes through unclassified (a missing merge
    /// key among them).
    public var statusCode: Int {
        switch reason {
        case .badJSONDocument, .badRetainKeys, .badDeleteFromPrimitiveList, .badSetElementOrder: return 400
        case .listOfLists: return 422
        case .unknownPatchType, .mergeDirectiveInList, .missingMergeKey, .noMergeKeyDeclared, .badArgumentType,
            .mixedListItems:
            return 500
        }
    }

    /// The `Status` the server answers with.
    public var status: Status {
        switch statusCode {
        case 400: return Status(message: message, reason: .badRequest, code: 400)
        case 422: return Status(message: message, reason: .invalid, code: 422)
        default: return Status(message: message, code: 500)
        }
    }

    static let badJSONDocument = StrategicMergePatchError(.badJSONDocument, "invalid JSON document")
    static let listOfLists = StrategicMergePatchError(.listOfLists, "lists of lists are not supported")
    static let badRetainKeys = StrategicMergePatchError(.badRetainKeys, "invalid patch format of retainKeys")
    static let badPrimitiveList = StrategicMergePatchError(
        .badDeleteFromPrimitiveList, "invalid patch format of primitive list")
    static let badSetElementOrder = StrategicMergePatchError(
        .badSetElementOrder, "invalid patch format of setElementOrder list")

    static func missingMergeKey(_ item: [String: JSONValue], _ key: String) -> StrategicMergePatchError {
        StrategicMergePatchError(
            .missingMergeKey, "map: \(GoValueFormat.value(.object(item))) does not contain declared merge key: \(key)")
    }

    static func unknownPatchType(_ directive: JSONValue, _ map: [String: JSONValue]) -> StrategicMergePatchError {
        StrategicMergePatchError(
            .unknownPatchType,
            "unknown patch type: \(GoValueFormat.value(directive)) in map: \(GoValueFormat.value(.object(map)))")
    }

    static func badArgumentType(expected: String, actual: JSONValue) -> StrategicMergePatchError {
        StrategicMergePatchError(
            .badArgumentType, "expected a \(expected), but received a \(GoValueFormat.typeName(actual))")
    }
}

/// Formats JSON values the way Go's `%v` prints the `interface{}` values that Kubernetes'
/// messages embed (`map[image:nginx name:web]`), so error texts match the real server's.
enum GoValueFormat {
    static func value(_ v: JSONValue) -> String {
        switch v {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            if d.rounded() == d, abs(d) < 1e21 { return String(Int64(d)) }
            return "\(d)"
        case .string(let s): return s
        case .array(let a): return "[" + a.map(value).joined(separator: " ") + "]"
        case .object(let o):
            let keys = o.keys.sorted(by: ManagedPathElement.byteLess)
            return "map[" + keys.map { "\($0):\(value(o[$0] ?? .null))" }.joined(separator: " ") + "]"
        }
    }

    /// The Go type `encoding/json` decodes a value into, as `reflect.TypeOf` prints it.
    static func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int, .double: return "float64"
        case .string: return "string"
        case .array: return "[]interface {}"
        case .object: return "map[string]interface {}"
        }
    }
}
