import AstroliftAPI
import Foundation
import KubeCore
import KubeModels

/// Where a Workbench should be in its lifecycle: a pure function of its spec and status,
/// whether it is admitted under the tenant's quota, its StatefulSet's status and the time.
public struct LifecycleDecision: Sendable, Hashable {
    /// Whether the StatefulSet should have a replica.
    public var running: Bool
    public var phase: WorkbenchPhase
    public var stopReason: WorkbenchStopReason?
    /// When the current run started (nil when not running).
    public var startedAt: Time?
    /// The latest activity known, from the annotation or the status.
    public var lastActivityTime: Time?
    /// Set when the controller stops the workbench itself (idle, lifetime): it writes
    /// `spec.suspend: true`, so the user resumes with `suspend: false`.
    public var culled: WorkbenchStopReason?
    /// When to look again: the moment the idle timeout or lifetime would expire.
    public var requeueAfter: Duration?
}

public enum WorkbenchLifecycle {
    /// How admission under the tenant's running-workbench quota turned out.
    public enum Admission: Sendable, Hashable {
        case admitted
        /// Waiting for room; the message says how many run of how many allowed.
        case waiting(String)
    }

    public static func decide(
        workbench: Workbench, idleTimeout: KubeDuration, maxLifetime: KubeDuration, admission: Admission,
        statefulSet: StatefulSetSummary?, podStuck: Bool = false, now: Date
    ) -> LifecycleDecision {
        let previous = workbench.status
        let lastActivity = latestActivity(workbench)
        if workbench.spec.isSuspended {
            let reason: WorkbenchStopReason =
                switch previous?.stopReason {
                case .idle?: .idle
                case .maxLifetime?: .maxLifetime
                default: .user
                }
            return LifecycleDecision(
                running: false, phase: reason == .maxLifetime ? .expired : .suspended, stopReason: reason,
                startedAt: nil, lastActivityTime: lastActivity, culled: nil, requeueAfter: nil)
        }
        if case .waiting = admission {
            return LifecycleDecision(
                running: false, phase: .suspended, stopReason: .quota, startedAt: nil, lastActivityTime: lastActivity,
                culled: nil, requeueAfter: nil)
        }
        // A run continues while it has a start time and no stop reason; anything else starts one now.
        let startedAt: Date =
            (previous?.stopReason == nil ? previous?.startedAt?.date : nil) ?? now
        let base = max(lastActivity?.date ?? startedAt, startedAt)
        var requeue: TimeInterval?
        if maxLifetime.nanoseconds > 0 {
            let end = startedAt.addingTimeInterval(seconds(maxLifetime))
            if now >= end {
                return LifecycleDecision(
                    running: false, phase: .expired, stopReason: .maxLifetime, startedAt: nil,
                    lastActivityTime: lastActivity, culled: .maxLifetime, requeueAfter: nil)
            }
            requeue = end.timeIntervalSince(now)
        }
        if idleTimeout.nanoseconds > 0 {
            let end = base.addingTimeInterval(seconds(idleTimeout))
            if now >= end {
                return LifecycleDecision(
                    running: false, phase: .suspended, stopReason: .idle, startedAt: nil,
                    lastActivityTime: lastActivity, culled: .idle, requeueAfter: nil)
            }
            requeue = min(requeue ?? .infinity, end.timeIntervalSince(now))
        }
        let ready = isReady(statefulSet)
        // A pod that cannot start without a change (bad image, crash loop) is Failed, not Provisioning.
        let phase: WorkbenchPhase = ready ? .running : (podStuck ? .failed : .provisioning)
        return LifecycleDecision(
            running: true, phase: phase, stopReason: nil, startedAt: Time(startedAt),
            lastActivityTime: lastActivity, culled: nil,
            requeueAfter: requeue.map { .milliseconds(Int64(($0 * 1000).rounded(.up))) })
    }

    /// The StatefulSet has rolled out our latest template and its pod is ready.
    public static func isReady(_ statefulSet: StatefulSetSummary?) -> Bool {
        guard let sts = statefulSet, let status = sts.status, (sts.spec?.replicas ?? 1) >= 1 else { return false }
        let observedCurrent = (status.observedGeneration ?? 0) >= (sts.metadata.generation ?? 0)
        return observedCurrent && (status.readyReplicas ?? 0) >= 1
            && (status.updatedReplicas ?? status.readyReplicas ?? 0) >= 1
    }

    /// The later of the `astrolift.dev/last-activity` annotation and `status.lastActivityTime`.
    public static func latestActivity(_ workbench: Workbench) -> Time? {
        let annotated = workbench.metadata.annotations?[AstroliftLabels.lastActivity].flatMap(Time.init(rfc3339:))
        let reported = workbench.status?.lastActivityTime
        switch (annotated, reported) {
        case let (a?, r?): return max(a, r)
        case let (a?, nil): return a
        case let (nil, r?): return r
        case (nil, nil): return nil
        }
    }

    static func seconds(_ d: KubeDuration) -> TimeInterval { Double(d.nanoseconds) / 1e9 }
}
