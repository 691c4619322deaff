import Foundation
import KubeCore

extension Array where Element == Condition {
    /// Sets the condition of `type` as `meta.SetStatusCondition` does: `lastTransitionTime`
    /// becomes `now` only when the status changes (or the condition is new); reason,
    /// message and `observedGeneration` are updated in place. Returns whether anything changed,
    /// so a caller can skip a status write when nothing did.
    @discardableResult
    public mutating func set(
        type: String, status: ConditionStatus, reason: String, message: String = "", observedGeneration: Int64?,
        now: Date
    ) -> Bool {
        set(
            Condition(
                type: type, status: status, reason: reason, message: message, observedGeneration: observedGeneration,
                lastTransitionTime: Time(now)))
    }

    /// Removes the condition of `type`; returns whether it was present.
    @discardableResult
    public mutating func remove(type: String) -> Bool {
        let before = count
        removeAll { $0.type == type }
        return count != before
    }

    /// Whether the condition of `type` is present with status `True`.
    public func isTrue(_ type: String) -> Bool {
        self[type: type]?.status == .true
    }
}
