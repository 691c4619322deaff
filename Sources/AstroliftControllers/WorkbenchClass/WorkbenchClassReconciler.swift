import AstroliftAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime

/// Validates a WorkbenchClass and counts the Workbenches that use it.
public struct WorkbenchClassReconciler: Reconciler {
    let caches: ControllerCaches
    let applier: ApplyDesired
    let events: EventRecorder
    let clock: any RuntimeClock
    let counts: CountThrottle

    public init(client: KubeClient, caches: ControllerCaches, events: EventRecorder, clock: any RuntimeClock) {
        self.caches = caches
        self.applier = ApplyDesired(client: client, fieldManager: astroliftFieldManager)
        self.events = events
        self.clock = clock
        self.counts = CountThrottle(clock: clock)
    }

    public func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
        try await reconcileUnlessGone(WorkbenchClass.self, key, client: applier.client) { try await converge(key) }
    }

    func converge(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let wbClass = caches.classes.get(key), wbClass.metadata.deletionTimestamp == nil else { return .done }
        let now = clock.wallNow
        let generation = wbClass.metadata.generation
        var status = wbClass.status ?? WorkbenchClassStatus()
        var conditions = status.conditions ?? []
        let problems = WorkbenchClassValidation.problems(wbClass.spec)
        if problems.isEmpty {
            let disabled = wbClass.spec.disabled ?? false
            _ = conditions.set(
                type: "Valid", status: .true, reason: "Valid", message: "the class is valid",
                observedGeneration: generation, now: now)
            _ = conditions.set(
                type: "Ready", status: disabled ? .false : .true, reason: disabled ? "Disabled" : "Valid",
                message: disabled
                    ? "disabled: new Workbenches of this class are refused; running ones continue"
                    : "Workbenches may use this class",
                observedGeneration: generation, now: now)
        } else {
            let message = problems.joined(separator: "; ")
            let changed = conditions.set(
                type: "Valid", status: .false, reason: "Invalid", message: message, observedGeneration: generation,
                now: now)
            _ = conditions.set(
                type: "Ready", status: .false, reason: "Invalid", message: message, observedGeneration: generation,
                now: now)
            if changed {
                events.record(.warning, reason: "InvalidClass", action: "Validate", note: message, regarding: wbClass)
            }
        }
        status.workbenches = Int32(caches.workbenches.keys(index: ControllerCaches.byClass, value: key.name).count)
        status.conditions = conditions
        status.observedGeneration = generation
        var countsAsBefore = status
        countsAsBefore.workbenches = wbClass.status?.workbenches
        if let wait = counts.delay(for: key, from: wbClass.status, to: status, countsAsBefore: countsAsBefore) {
            return .requeueAfter(wait)
        }
        var updated = wbClass
        updated.status = status
        if try await applier.patchStatus(updated, current: wbClass).wrote { counts.wrote(key) }
        return .done
    }
}
