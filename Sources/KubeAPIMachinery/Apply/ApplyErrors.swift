import KubeCore

/// Fields an apply would take from other managers without `force`: the 409 Conflict of
/// server-side apply.
public struct ApplyConflictError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One conflicting field and the manager that owns it.
    public struct Conflict: Sendable, Hashable {
        /// The manager as Kubernetes names it in messages: `"kubectl-client-side-apply" using v1`.
        public var manager: String
        /// The conflicting field, e.g. `.spec.replicas`.
        public var path: ManagedFieldPath
    }

    /// The conflicts, grouped by manager (managers sorted as the server sorts them).
    public var conflicts: [Conflict]

    init(_ byManager: [(ManagerIdentity, FieldSet)]) {
        conflicts = byManager.sorted { $0.0.identifier < $1.0.identifier }.flatMap { identity, set in
            set.paths.map { Conflict(manager: identity.displayName, path: $0) }
        }
    }

    /// The paths in conflict.
    var fieldSet: FieldSet { FieldSet(conflicts.map(\.path)) }

    /// The message, as the server words it: `Apply failed with 1 conflict: conflict with
    /// "kubectl-client-side-apply" using apps/v1: .spec.replicas`.
    public var message: String {
        if conflicts.count == 1, let only = conflicts.first {
            return "Apply failed with 1 conflict: conflict with \(only.manager): \(only.path)"
        }
        var lines: [String] = []
        var current: String?
        for conflict in conflicts {
            if conflict.manager != current {
                lines.append("conflicts with \(conflict.manager):")
                current = conflict.manager
            }
            lines.append("- \(conflict.path)")
        }
        return "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
    }

    public var description: String { message }

    /// The 409 `Status`, with one `FieldManagerConflict` cause per field.
    public var status: Status {
        Status(
            message: message, reason: .conflict,
            details: StatusDetails(
                causes: conflicts.map {
                    StatusCause(
                        reason: "FieldManagerConflict", message: "conflict with \($0.manager)", field: "\($0.path)")
                }),
            code: 409)
    }
}

/// Why a server-side apply failed.
public enum ApplyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Other managers own fields the apply changes (409).
    case conflict(ApplyConflictError)
    /// The request is malformed: wrong kind or version, `managedFields` set, no field manager (400).
    case badRequest(String)
    /// The configuration does not fit the kind's schema: an associative list item without
    /// its key, duplicate keys, an undeclared field (500, as Kubernetes answers).
    case invalidConfiguration(String)
    /// The live object's `managedFields` cannot be decoded (500).
    case invalidManagedFields(String)

    public var description: String { status.message ?? "apply failed" }

    /// The `Status` the server answers with.
    public var status: Status {
        switch self {
        case .conflict(let conflict): return conflict.status
        case .badRequest(let message): return Status(message: message, reason: .badRequest, code: 400)
        case .invalidConfiguration(let message), .invalidManagedFields(let message):
            return Status(message: message, code: 500)
        }
    }
}
