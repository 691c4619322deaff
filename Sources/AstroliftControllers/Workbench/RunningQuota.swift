import AstroliftAPI
import Foundation
import KubeCore
import Synchronization

/// Admission under a tenant's `quota.runningWorkbenches` and `quota.workbenches`.
///
/// The cache can lag the controller's own decisions (a workbench admitted a moment ago
/// may still show as Pending), so admissions are also remembered here until the cache
/// shows them running, or the workbench stops or goes. Only the leader reconciles, so
/// this process-local ledger is the single place decisions are made. Waiting workbenches
/// are admitted oldest first (creation time, then name), so the order is fair and the
/// same after a restart.
public final class RunningQuota: Sendable {
    private let admitted = Mutex<[String: Set<String>]>([:])

    public init() {}

    /// Decides for `workbench` among `all` workbenches of its namespace.
    public func admission(
        for workbench: Workbench, among all: @autoclosure () -> [Workbench], quota: TenantQuota?
    ) -> WorkbenchLifecycle.Admission {
        // Without a quota there is nothing to count (listing the namespace costs a copy of every workbench).
        guard quota?.workbenches != nil || quota?.runningWorkbenches != nil else { return .admitted }
        let namespace = workbench.metadata.namespace ?? ""
        let name = workbench.metadata.name ?? ""
        let live = all().filter { $0.metadata.deletionTimestamp == nil }
        if let maxObjects = quota?.workbenches {
            let rank = live.sorted(by: Self.olderFirst).firstIndex { $0.metadata.name == name } ?? 0
            if rank >= Int(maxObjects) {
                release(namespace: namespace, name: name)
                return .waiting(
                    "the tenant allows \(maxObjects) workbenches and this is number \(rank + 1); delete another workbench to start it"
                )
            }
        }
        guard let limit = quota?.runningWorkbenches else { return .admitted }
        return admitted.withLock { state -> WorkbenchLifecycle.Admission in
            let wanting = live.filter { !$0.spec.isSuspended }
            let wantingNames = Set(wanting.compactMap(\.metadata.name))
            var running = Set(
                wanting.filter { [.running, .provisioning].contains($0.status?.phase) }.compactMap(\.metadata.name))
            // Remembered admissions count until the workbench stops wanting to run.
            let remembered = (state[namespace] ?? []).intersection(wantingNames)
            state[namespace] = remembered
            running.formUnion(remembered)
            if running.contains(name) {
                state[namespace, default: []].insert(name)
                return .admitted
            }
            let room = Int(limit) - running.count
            let queue = wanting.filter { !running.contains($0.metadata.name ?? "") }.sorted(by: Self.olderFirst)
            let position = queue.firstIndex { $0.metadata.name == name } ?? queue.count
            if position < room {
                state[namespace, default: []].insert(name)
                return .admitted
            }
            return .waiting(
                "the tenant's runningWorkbenches quota is \(limit) and \(running.count) are running; it starts when one stops (position \(position - max(room, 0) + 1) in line)"
            )
        }
    }

    /// Forgets an admission: the workbench stopped or is gone.
    public func release(namespace: String, name: String) {
        admitted.withLock { state in
            _ = state[namespace]?.remove(name)
        }
    }

    static func olderFirst(_ a: Workbench, _ b: Workbench) -> Bool {
        let ta = a.metadata.creationTimestamp?.date ?? .distantFuture
        let tb = b.metadata.creationTimestamp?.date ?? .distantFuture
        return ta != tb ? ta < tb : (a.metadata.name ?? "") < (b.metadata.name ?? "")
    }
}
