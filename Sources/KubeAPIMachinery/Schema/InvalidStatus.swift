import Foundation
import KubeCore

extension FieldError {
    /// The messages of `errors` joined as the API server joins them (`utilerrors.Aggregate`):
    /// duplicates dropped, one message alone, several in brackets separated by `, `.
    /// Returns `nil` for an empty list.
    public static func aggregateMessage(_ errors: [FieldError]) -> String? {
        var seen = Set<String>()
        var messages = [String]()
        for e in errors {
            let m = e.description
            if seen.insert(m).inserted { messages.append(m) }
        }
        switch messages.count {
        case 0: return nil
        case 1: return messages[0]
        default: return "[" + messages.joined(separator: ", ") + "]"
        }
    }
}

extension Status {
    /// The 422 `Invalid` status the API server returns for an object that fails validation
    /// (`errors.NewInvalid`): `Widget.example.com "w1" is invalid: [spec.x: Invalid value:
    /// "abc": must be ..., spec.y: Required value]`, with one cause per error.
    ///
    /// - Parameters:
    ///   - kind: the object's kind, e.g. `Widget`.
    ///   - group: the API group, empty for the core group (then the message says just `Kind`).
    ///   - name: the object's name (may be empty, e.g. for generateName).
    ///   - errors: the field errors, in the order found.
    public static func invalid(kind: String, group: String, name: String, errors: [FieldError]) -> Status {
        let qualifiedKind = group.isEmpty ? kind : "\(kind).\(group)"
        var message = "\(qualifiedKind) \(GoFormat.quote(name)) is invalid"
        if let aggregate = FieldError.aggregateMessage(errors) { message += ": " + aggregate }
        return Status(
            status: "Failure", message: message, reason: .invalid,
            details: StatusDetails(name: name, group: group, kind: kind, causes: errors.map(\.statusCause)),
            code: 422)
    }
}

/// How the server treats fields the schema does not know (`?fieldValidation=`).
public enum FieldValidationDirective: String, Sendable, Hashable, CaseIterable {
    /// Drop unknown fields silently.
    case ignore = "Ignore"
    /// Drop unknown fields and report each as a warning (the default since Kubernetes 1.27).
    case warn = "Warn"
    /// Reject the request with 400 BadRequest if any field is unknown.
    case strict = "Strict"

    /// Parses the query parameter value; a missing value means ``warn``. Returns `nil` for
    /// a value the server rejects.
    public init?(queryValue: String?) {
        guard let queryValue, !queryValue.isEmpty else {
            self = .warn
            return
        }
        self.init(rawValue: queryValue)
    }
}

/// Messages about unknown (pruned) fields, worded as the API server words them.
public enum UnknownFieldMessages {
    /// The warning for one unknown field in `Warn` mode: `unknown field "spec.foo"`, sent in a
    /// `Warning: 299 - "..."` response header.
    public static func warning(path: String) -> String {
        "unknown field " + GoFormat.quote(path)
    }

    /// The 400 `BadRequest` status for unknown fields in `Strict` mode:
    /// `strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`.
    public static func strictStatus(paths: [String]) -> Status {
        let message = "strict decoding error: " + paths.map(warning).joined(separator: ", ")
        return Status(status: "Failure", message: message, reason: .badRequest, code: 400)
    }
}
