import Foundation

/// `metav1.Condition`: one aspect of an object's observed state.
public struct Condition: Codable, Sendable, Hashable {
    /// CamelCase type, e.g. `Ready`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: ConditionStatus
    /// The generation the condition was computed from.
    public var observedGeneration: Int64?
    /// When `status` last changed (not when the condition was last written).
    public var lastTransitionTime: Time
    /// CamelCase machine-readable reason.
    public var reason: String
    /// Human-readable detail.
    public var message: String

    public init(
        type: String, status: ConditionStatus, reason: String, message: String = "",
        observedGeneration: Int64? = nil, lastTransitionTime: Time = .now()
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
    }
}

/// The status of a condition.
public enum ConditionStatus: String, Codable, Sendable, Hashable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
}

extension Array where Element == Condition {
    /// The condition of `type`, if present.
    public subscript(type type: String) -> Condition? {
        first { $0.type == type }
    }

    /// Sets a condition the way `meta.SetStatusCondition` does: `lastTransitionTime`
    /// changes only when the status changes. Returns whether anything changed.
    @discardableResult
    public mutating func set(_ condition: Condition) -> Bool {
        guard let i = firstIndex(where: { $0.type == condition.type }) else {
            append(condition)
            return true
        }
        var updated = condition
        if self[i].status == condition.status {
            updated.lastTransitionTime = self[i].lastTransitionTime
        }
        if self[i] == updated { return false }
        self[i] = updated
        return true
    }
}
