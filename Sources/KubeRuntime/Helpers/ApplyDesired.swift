import KubeClient
import KubeCore

/// Writes desired objects only when they differ from what the cache shows, with
/// server-side apply under one field manager.
///
/// A reconciler computes the objects it wants (a pure function of the primary object)
/// and hands each to ``apply(_:current:)`` with the cached copy. When every field the
/// desired object sets already has that value in the cached object, nothing is sent, so a
/// resync that finds nothing to change costs no API request. Otherwise the object is
/// applied (`PATCH` with `application/apply-patch+yaml`, `fieldManager`, `force`).
///
/// Fields the server adds (defaults, `status`, server-managed metadata) do not count as
/// differences. A field removed from the desired object is not noticed by the comparison
/// alone; it is dropped from the server's object the next time the object is applied
/// for another reason.
public struct ApplyDesired: Sendable {
    /// What an apply did.
    public enum Outcome<Object: Sendable>: Sendable {
        /// The cached object already matched; nothing was written.
        case unchanged(Object)
        /// The object was applied; this is the server's answer.
        case applied(Object)

        /// The resulting object either way.
        public var object: Object {
            switch self {
            case .unchanged(let o), .applied(let o): return o
            }
        }

        /// Whether a write was made.
        public var wrote: Bool {
            if case .applied = self { return true }
            return false
        }
    }

    public let client: KubeClient
    /// The field manager the fields are applied under.
    public let fieldManager: String
    /// Take ownership of fields another manager set (controllers normally do).
    public var force: Bool

    public init(client: KubeClient, fieldManager: String, force: Bool = true) {
        self.client = client
        self.fieldManager = fieldManager
        self.force = force
    }

    /// Applies `desired` unless `current` (the cached object, `nil` if absent) already
    /// has every field `desired` sets.
    public func apply<Object: KubernetesObject>(_ desired: Object, current: Object?) async throws -> Outcome<Object> {
        var desired = desired
        desired.setTypeMeta()
        if let current, try Self.matches(desired, current, part: nil) { return .unchanged(current) }
        let api = client.api(Object.self, namespace: desired.metadata.namespace)
        return .applied(try await api.apply(desired, fieldManager: fieldManager, force: force))
    }

    /// Writes `desired.status` through the status subresource (a JSON merge patch of
    /// `status`) unless `current` already has every field it sets.
    public func patchStatus<Object: HasStatus>(_ desired: Object, current: Object?) async throws -> Outcome<Object> {
        if let current, try Self.matches(desired, current, part: "status") { return .unchanged(current) }
        let status = try JSONValue(encoding: desired.status)
        let api = client.api(Object.self, namespace: desired.metadata.namespace)
        return .applied(try await api.patchStatus(desired.metadata.name ?? "", .merge(["status": status])))
    }

    /// Whether every field `desired` sets has the same value in `current`: objects compare
    /// key by key (extra keys in `current` are fine), arrays element by element with equal
    /// lengths, scalars by value (numbers numerically).
    public static func isSubset(_ desired: JSONValue, of current: JSONValue) -> Bool {
        switch (desired, current) {
        case (.object(let d), .object(let c)):
            return d.allSatisfy { key, value in
                if case .null = value { return c[key] == nil || c[key] == .null }
                guard let other = c[key] else { return false }
                return isSubset(value, of: other)
            }
        case (.array(let d), .array(let c)):
            return d.count == c.count && zip(d, c).allSatisfy { isSubset($0, of: $1) }
        case (.int, .double), (.double, .int), (.double, .double):
            return desired.doubleValue == current.doubleValue
        default:
            return desired == current
        }
    }

    /// Compares the whole object (less what the server owns) or one top-level part.
    static func matches<Object: Encodable>(_ desired: Object, _ current: Object, part: String?) throws -> Bool {
        var d = try JSONValue(encoding: desired)
        var c = try JSONValue(encoding: current)
        if let part {
            return isSubset(d[part] ?? .object([:]), of: c[part] ?? .object([:]))
        }
        for field in ["resourceVersion", "uid", "generation", "creationTimestamp", "managedFields", "selfLink"] {
            d[path: ["metadata", field]] = nil
            c[path: ["metadata", field]] = nil
        }
        d["status"] = nil
        return isSubset(d, of: c)
    }
}
