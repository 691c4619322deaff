import KubeCore

/// Fields a write through one endpoint may not change: the server resets them to their
/// stored values, and managed-fields bookkeeping neither records ownership of them nor
/// reports conflicts on them (Kubernetes' per-strategy `GetResetFields`).
public enum ResetFields: Sendable, Hashable {
    /// Nothing is reset (kinds without a status subresource, other subresources).
    case nothing
    /// `status` is reset: writes to the main resource of a kind with a status subresource.
    case status
    /// Everything but `status` is reset: writes to the `status` subresource.
    case allButStatus
    /// These top-level-rooted paths are reset.
    case paths([ManagedFieldPath])

    /// The usual reset fields for a write through `subresource` (`nil` for the main
    /// resource) of a kind that has a status subresource.
    public static func `default`(forSubresource subresource: String?) -> ResetFields {
        switch subresource ?? "" {
        case "": return .status
        case "status": return .allButStatus
        default: return .nothing
        }
    }

    /// The reset fields as a set, given the objects involved (for `allButStatus`, every
    /// top-level member they have other than `status`).
    func fieldSet(objects: [JSONValue?]) -> FieldSet {
        switch self {
        case .nothing: return FieldSet()
        case .status: return FieldSet([ManagedFieldPath(fields: "status")])
        case .allButStatus:
            var names = Set<String>()
            for object in objects {
                if let keys = object?.objectValue?.keys { names.formUnion(keys) }
            }
            names.remove("status")
            return FieldSet(names.map { ManagedFieldPath([.field($0)]) })
        case .paths(let paths): return FieldSet(paths)
        }
    }

    /// `object` with the reset fields put back to their values in `live` (removed when
    /// `live` lacks them). Nothing is reset on create (`live` is `nil`) except `status`,
    /// which a create through the main resource may not set either.
    func restore(_ object: JSONValue, from live: JSONValue?) -> JSONValue {
        guard case .object(var members) = object else { return object }
        switch self {
        case .nothing:
            return object
        case .status:
            members["status"] = live?["status"]
        case .allButStatus:
            guard let live = live?.objectValue else { return object }
            for name in Set(members.keys).union(live.keys) where name != "status" && name != "metadata" {
                members[name] = live[name]
            }
            // Metadata changes through /status are reverted too; managedFields are set afterwards.
            members["metadata"] = live["metadata"]
        case .paths(let paths):
            var result = JSONValue.object(members)
            for path in paths {
                let names = path.elements.compactMap { element -> String? in
                    if case .field(let name) = element { return name }
                    return nil
                }
                guard names.count == path.elements.count, !names.isEmpty else { continue }
                if live == nil && names != ["status"] { continue }
                result[path: names] = live?[path: names]
            }
            return result
        }
        return .object(members)
    }
}
