import AstroliftAPI
import Foundation
import KubeClient
import KubeCore
import KubeModels
import KubeRuntime

/// Turns a Workbench into its home volume, StatefulSet, Service, Ingress and
/// NetworkPolicy, runs its lifecycle (suspend, idle culling, lifetime, quota) and
/// reports where it stands in status and Events.
public struct WorkbenchReconciler: Reconciler {
    let client: KubeClient
    let caches: ControllerCaches
    let configuration: ControllerConfiguration
    let applier: ApplyDesired
    let events: EventRecorder
    let quota: RunningQuota
    let clock: any RuntimeClock

    public init(
        client: KubeClient, caches: ControllerCaches, configuration: ControllerConfiguration, events: EventRecorder,
        quota: RunningQuota, clock: any RuntimeClock
    ) {
        self.client = client
        self.caches = caches
        self.configuration = configuration
        self.applier = ApplyDesired(client: client, fieldManager: astroliftFieldManager)
        self.events = events
        self.quota = quota
        self.clock = clock
    }

    public func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
        guard let workbench = caches.workbenches.get(key) else {
            quota.release(namespace: key.namespace ?? "", name: key.name)
            return .done
        }
        let namespace = key.namespace ?? ""
        if !configuration.watchNamespaces.isEmpty, !configuration.watchNamespaces.contains(namespace) { return .done }
        return try await reconcileUnlessGone(Workbench.self, key, client: client) {
            let retain = workbench.spec.home?.retainOnDelete ?? false
            let hasFinalizer = Finalizers.contains(AstroliftFinalizers.workbench, in: workbench)
            if workbench.metadata.deletionTimestamp != nil {
                quota.release(namespace: namespace, name: key.name)
                if hasFinalizer {
                    if retain { try await releaseHome(of: workbench) }
                    _ = try await Finalizers.remove(AstroliftFinalizers.workbench, from: workbench, client: client)
                }
                return .done
            }
            // The finalizer exists only to keep a retained home volume: it is there exactly when retention is on.
            if retain, !hasFinalizer {
                _ = try await Finalizers.add(AstroliftFinalizers.workbench, to: workbench, client: client)
                return .done
            }
            if !retain, hasFinalizer {
                _ = try await Finalizers.remove(AstroliftFinalizers.workbench, from: workbench, client: client)
                return .done
            }
            // Its namespace is being deleted: everything in it goes, nothing is worth creating.
            if caches.namespaces.get(name: namespace)?.metadata.deletionTimestamp != nil { return .done }
            return try await converge(workbench, context: context)
        }
    }

    func converge(_ workbench: Workbench, context: ReconcileContext) async throws -> ReconcileResult {
        let key = ObjectKey(workbench)
        let namespace = key.namespace ?? ""
        let now = clock.wallNow
        let statefulSet = caches.statefulSets.get(key)
        let tenant = caches.tenant(forNamespace: namespace)
        let lookup = WorkbenchResolution.Lookup(
            tenant: tenant, workbenchClass: { [caches] in caches.classes.get(name: $0) },
            policyConfigMap: { [caches] in caches.configMaps.get(name: $0, namespace: namespace) },
            secretHash: { [caches] in
                caches.secretKeys.get(name: $0, namespace: namespace)?.metadata.annotations?[
                    KMSSecretDesired.contentHashAnnotation]
            })
        // A disabled class refuses new workbenches; ones already provisioned keep running.
        let resolution = WorkbenchResolution.resolve(
            workbench, lookup: lookup, configuration: configuration, allowDisabledClass: statefulSet != nil)
        let resolved: ResolvedWorkbench
        switch resolution {
        case .failure(let failure):
            try await reportUnresolved(workbench, failure, statefulSet: statefulSet, now: now)
            return .done
        case .success(let r):
            resolved = r
        }

        let admission = quota.admission(
            for: workbench, among: caches.workbenches.list(namespace: namespace), quota: tenant?.spec.quota)
        let podFailure = caches.pods.get(ObjectKey(namespace: namespace, name: "\(key.name)-0"))?.failure
        let decision = WorkbenchLifecycle.decide(
            workbench: workbench, idleTimeout: resolved.idleTimeout, maxLifetime: resolved.maxLifetime,
            admission: admission, statefulSet: statefulSet, podStuck: podFailure != nil, now: now)
        if !decision.running { quota.release(namespace: namespace, name: key.name) }

        var desired = WorkbenchDesired(
            workbench: workbench, resolved: resolved, configuration: configuration, running: decision.running)
        try OwnerReferences.setController(workbench, on: &desired.homeClaim)
        try OwnerReferences.setController(workbench, on: &desired.statefulSet)
        try OwnerReferences.setController(workbench, on: &desired.service)
        try OwnerReferences.setController(workbench, on: &desired.networkPolicy)
        if var ingress = desired.ingress {
            try OwnerReferences.setController(workbench, on: &ingress)
            desired.ingress = ingress
        }

        // Status before spec when culling: the next reconcile must see why it was stopped.
        // (A stopped workbench has no pod, so the policy it will run with is the one in force.)
        if let culled = decision.culled {
            try await writeStatus(
                statusFor(
                    workbench, decision: decision, resolved: resolved, desired: desired, policyRolledOut: true,
                    podFailure: podFailure, now: now),
                of: workbench)
            _ = try await client.api(Workbench.self, namespace: namespace).patch(
                key.name, .merge(["spec": ["suspend": true]]))
            let limit = culled == .idle ? resolved.idleTimeout : resolved.maxLifetime
            events.record(
                .normal, reason: culled == .idle ? "Culled" : "Expired", action: "Suspend",
                note: culled == .idle
                    ? "No activity for \(limit); suspended (home volume kept). Set spec.suspend to false to resume."
                    : "Reached its maxLifetime of \(limit); suspended (home volume kept). Set spec.suspend to false to start a new run.",
                regarding: workbench)
        }

        let stsWritten = try await applyChildren(desired, of: workbench, statefulSet: statefulSet)

        if statefulSet == nil, stsWritten {
            events.record(
                .normal, reason: "Created", action: "Provision",
                note:
                    "Created StatefulSet, Service, NetworkPolicy and home volume \(desired.homeClaim.metadata.name ?? "")",
                regarding: workbench)
        }
        // The policy is in force once the pod runs the template that carries it; until the
        // StatefulSet has rolled, the status keeps naming the hash the running pod has.
        let rolledOut = !decision.running || (!stsWritten && WorkbenchLifecycle.isReady(statefulSet))
        recordTransitions(
            workbench, decision: decision, admission: admission, resolved: resolved, desired: desired,
            templateWritten: stsWritten, podFailure: podFailure)
        if decision.culled == nil {
            try await writeStatus(
                statusFor(
                    workbench, decision: decision, resolved: resolved, desired: desired, policyRolledOut: rolledOut,
                    podFailure: podFailure, now: now),
                of: workbench)
        }
        if case .waiting = admission { return .requeueAfter(.seconds(30)) }
        return decision.requeueAfter.map { .requeueAfter($0) } ?? .done
    }

    /// Applies the workbench's children at once (they are independent objects, so their
    /// round trips overlap instead of adding up); returns whether the StatefulSet was written.
    func applyChildren(
        _ desired: WorkbenchDesired, of workbench: Workbench, statefulSet: StatefulSetSummary?
    ) async throws -> Bool {
        let key = ObjectKey(workbench)
        let hashKey = AstroliftLabels.appliedHash
        let (applier, caches, client) = (self.applier, self.caches, self.client)
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await applier.applyHashed(desired.statefulSet, current: statefulSet?.child, annotation: hashKey)
            }
            group.addTask {
                try await applier.applyHashed(
                    desired.homeClaim, current: caches.claims.get(ObjectKey(desired.homeClaim)),
                    annotation: hashKey)
                return false
            }
            group.addTask {
                try await applier.applyHashed(
                    desired.service, current: caches.services.get(ObjectKey(desired.service)),
                    annotation: hashKey)
                return false
            }
            group.addTask {
                try await applier.applyHashed(
                    desired.networkPolicy,
                    current: caches.networkPolicies.get(ObjectKey(desired.networkPolicy)),
                    annotation: hashKey)
                return false
            }
            if let ingress = desired.ingress {
                group.addTask {
                    try await applier.applyHashed(
                        ingress, current: caches.ingresses.get(ObjectKey(ingress)),
                        annotation: hashKey)
                    return false
                }
            } else if let stale = caches.ingresses.get(key), OwnerReferences.isControlled(stale, by: workbench) {
                group.addTask {
                    try await client.api(Ingress.self, namespace: key.namespace).delete(key.name)
                    return false
                }
            }
            var statefulSetWritten = false
            for try await written in group where written { statefulSetWritten = true }
            return statefulSetWritten
        }
    }

    /// The status a decision leads to; cleared fields are explicit nulls so a merge patch removes them.
    func statusFor(
        _ workbench: Workbench, decision: LifecycleDecision, resolved: ResolvedWorkbench, desired: WorkbenchDesired,
        policyRolledOut: Bool, podFailure: (reason: String, message: String)?, now: Date
    ) -> WorkbenchStatusPatch {
        var conditions = workbench.status?.conditions ?? []
        let generation = workbench.metadata.generation
        _ = conditions.set(
            type: "ClassResolved", status: .true, reason: "Resolved",
            message: "class \(resolved.className), profile \(resolved.profile.name)", observedGeneration: generation,
            now: now)
        let previousHash = workbench.status?.gatewayPolicyHash
        let inForce = policyRolledOut ? resolved.policy.hash : (previousHash ?? resolved.policy.hash)
        if inForce == resolved.policy.hash {
            _ = conditions.set(
                type: "PolicyApplied", status: .true, reason: resolved.policy.policyName == nil ? "DenyAll" : "Applied",
                message: resolved.policy.policyName.map {
                    "gateway enforces GatewayPolicy \($0) (\(resolved.policy.hash))"
                }
                    ?? "no GatewayPolicy named by the workbench or its tenant: the gateway denies every model and tool call",
                observedGeneration: generation, now: now)
        } else {
            _ = conditions.set(
                type: "PolicyApplied", status: .false, reason: "Rolling",
                message: "the session restarts with \(resolved.policy.hash); \(inForce) is in force until then",
                observedGeneration: generation, now: now)
        }
        let available = decision.phase == .running
        _ = conditions.set(
            type: "Available", status: available ? .true : .false,
            reason: available ? "Ready" : decision.phase.rawValue,
            message: available ? "the workbench answers its readiness check" : "the workbench is not serving",
            observedGeneration: generation, now: now)
        var (readyReason, readyMessage) = Self.readySummary(decision)
        if decision.phase == .failed, let failure = podFailure {
            (readyReason, readyMessage) = (failure.reason, failure.message)
        }
        _ = conditions.set(
            type: "Ready", status: decision.phase == .running ? .true : .false, reason: readyReason,
            message: readyMessage, observedGeneration: generation, now: now)
        return WorkbenchStatusPatch(
            phase: decision.phase, stopReason: decision.stopReason, url: desired.url, profile: resolved.profile.name,
            startedAt: decision.startedAt, lastActivityTime: decision.lastActivityTime,
            gatewayPolicyHash: inForce, homeClaimName: desired.homeClaim.metadata.name,
            conditions: conditions, observedGeneration: generation)
    }

    static func readySummary(_ decision: LifecycleDecision) -> (String, String) {
        switch decision.phase {
        case .running: return ("Running", "the workbench is running")
        case .provisioning: return ("Provisioning", "the workbench's pod is starting")
        case .expired:
            return ("Expired", "stopped at the end of its maxLifetime; set spec.suspend to false to start again")
        case .suspended:
            switch decision.stopReason {
            case .idle?: return ("Idle", "stopped after its idle timeout; set spec.suspend to false to resume")
            case .quota?: return ("Quota", "waiting for room under the tenant's running-workbench quota")
            default: return ("Suspended", "spec.suspend is true")
            }
        case .pending, .failed: return (decision.phase.rawValue, "the workbench cannot run yet")
        }
    }

    /// Events on transitions: started, suspended, quota wait, policy rolled, credentials dropped.
    func recordTransitions(
        _ workbench: Workbench, decision: LifecycleDecision, admission: WorkbenchLifecycle.Admission,
        resolved: ResolvedWorkbench, desired: WorkbenchDesired, templateWritten: Bool,
        podFailure: (reason: String, message: String)?
    ) {
        let previous = workbench.status
        if decision.phase != previous?.phase {
            switch decision.phase {
            case .running:
                events.record(
                    .normal, reason: "Started", action: "Start",
                    note: "Running\(desired.url.map { " at \($0)" } ?? "")", regarding: workbench)
            case .failed:
                events.record(
                    .warning, reason: podFailure?.reason ?? "NotStarting", action: "Start",
                    note: "The workbench pod cannot start: \(podFailure?.message ?? "see its events")",
                    regarding: workbench)
            case .suspended where decision.stopReason == .user:
                events.record(
                    .normal, reason: "Suspended", action: "Suspend",
                    note: "Suspended by spec.suspend; home volume kept",
                    regarding: workbench)
            case .suspended where decision.stopReason == .quota:
                if case .waiting(let message) = admission {
                    events.record(
                        .warning, reason: "QuotaExceeded", action: "Wait", note: message, regarding: workbench)
                }
            default:
                break
            }
        }
        if let old = previous?.gatewayPolicyHash, old != resolved.policy.hash, templateWritten {
            events.record(
                .normal, reason: "PolicyRolled", action: "Roll",
                note: "Gateway policy changed (\(old) → \(resolved.policy.hash)); the session restarts with it",
                regarding: workbench)
        }
        if !desired.removed.isEmpty {
            events.record(
                .warning, reason: "CredentialsRemoved", action: "Sanitize",
                note:
                    "Removed from the workbench container (the gateway holds provider credentials): \(desired.removed.joined(separator: ", "))",
                regarding: workbench)
        }
    }

    /// A workbench that cannot be resolved: a condition and an Event; a forbidden one is stopped.
    func reportUnresolved(
        _ workbench: Workbench, _ failure: ResolutionFailure, statefulSet: StatefulSetSummary?, now: Date
    ) async throws {
        let key = ObjectKey(workbench)
        if failure.forbidden, let sts = statefulSet, (sts.spec?.replicas ?? 0) > 0 {
            // Drop the applied hash too, so the next full apply restores the replica.
            _ = try await client.api(StatefulSet.self, namespace: key.namespace).patch(
                key.name,
                .merge([
                    "metadata": ["annotations": [AstroliftLabels.appliedHash: .null]], "spec": ["replicas": 0],
                ]))
            quota.release(namespace: key.namespace ?? "", name: key.name)
        }
        var conditions = workbench.status?.conditions ?? []
        let generation = workbench.metadata.generation
        _ = conditions.set(
            type: failure.conditionType, status: .false, reason: failure.reason, message: failure.message,
            observedGeneration: generation, now: now)
        let changed = conditions.set(
            type: "Ready", status: .false, reason: failure.reason, message: failure.message,
            observedGeneration: generation, now: now)
        let phase: WorkbenchPhase = failure.forbidden ? .failed : .pending
        if changed || workbench.status?.phase != phase {
            events.record(
                .warning, reason: failure.reason, action: "Resolve", note: failure.message, regarding: workbench)
        }
        let status = WorkbenchStatusPatch(
            phase: phase, stopReason: failure.forbidden ? .policy : nil, url: workbench.status?.url,
            profile: workbench.status?.profile, startedAt: failure.forbidden ? nil : workbench.status?.startedAt,
            lastActivityTime: workbench.status?.lastActivityTime,
            gatewayPolicyHash: workbench.status?.gatewayPolicyHash, homeClaimName: workbench.status?.homeClaimName,
            conditions: conditions, observedGeneration: generation)
        try await writeStatus(status, of: workbench)
    }

    /// A retained home volume loses its owner reference before the Workbench goes, so
    /// garbage collection keeps it; a new Workbench of the same name adopts it again.
    func releaseHome(of workbench: Workbench) async throws {
        let name = WorkbenchDesired.homeClaimName(workbench.metadata.name ?? "")
        let namespace = workbench.metadata.namespace
        let api = client.api(PersistentVolumeClaim.self, namespace: namespace)
        let claim: PersistentVolumeClaim
        do {
            claim = try await api.get(name)
        } catch let error as KubeAPIError where error.isNotFound {
            return
        }
        let uid = workbench.metadata.uid
        let owners = claim.metadata.ownerReferences ?? []
        guard owners.contains(where: { $0.uid == uid }) else { return }
        let kept = try owners.filter { $0.uid != uid }.map { try JSONValue(encoding: $0) }
        let ops: [JSONValue] = [
            [
                "op": "test", "path": "/metadata/resourceVersion",
                "value": .string(claim.metadata.resourceVersion ?? ""),
            ],
            ["op": "replace", "path": "/metadata/ownerReferences", "value": .array(kept)],
        ]
        do {
            _ = try await api.patch(name, .json(ops))
        } catch let error as KubeAPIError where error.isNotFound {
            return  // deleted meanwhile (its namespace is going): nothing left to keep
        }
        events.record(
            .normal, reason: "HomeRetained", action: "Delete",
            note:
                "Kept home volume \(name) (retainOnDelete); a new Workbench named \(workbench.metadata.name ?? "") picks it up",
            regarding: workbench)
    }

    /// Merge-patches the status unless the cached status already says exactly this.
    func writeStatus(_ status: WorkbenchStatusPatch, of workbench: Workbench) async throws {
        let patch = try status.json()
        let current = try JSONValue(encoding: workbench.status ?? WorkbenchStatus())
        if ApplyDesired.isSubset(patch, of: current) { return }
        try await client.api(Workbench.self, namespace: workbench.metadata.namespace).patchStatusDiscardingResult(
            workbench.metadata.name ?? "", .merge(["status": patch]))
    }
}

/// A Workbench status as a merge patch: fields that are nil are sent as `null` so they clear.
struct WorkbenchStatusPatch: Sendable {
    var phase: WorkbenchPhase
    var stopReason: WorkbenchStopReason?
    var url: String?
    var profile: String?
    var startedAt: Time?
    var lastActivityTime: Time?
    var gatewayPolicyHash: String?
    var homeClaimName: String?
    var conditions: [Condition]
    var observedGeneration: Int64?

    func json() throws -> JSONValue {
        func value<T: Encodable>(_ v: T?) throws -> JSONValue {
            guard let v else { return .null }
            return try JSONValue(encoding: v)
        }
        var object: [String: JSONValue] = [
            "phase": .string(phase.rawValue),
            "stopReason": try value(stopReason),
            "url": try value(url),
            "startedAt": try value(startedAt),
            "conditions": try JSONValue(encoding: conditions),
        ]
        // Never cleared by the controller: others may report them too.
        if let profile { object["profile"] = .string(profile) }
        if let lastActivityTime { object["lastActivityTime"] = try JSONValue(encoding: lastActivityTime) }
        if let gatewayPolicyHash { object["gatewayPolicyHash"] = .string(gatewayPolicyHash) }
        if let homeClaimName { object["homeClaimName"] = .string(homeClaimName) }
        if let observedGeneration { object["observedGeneration"] = .int(observedGeneration) }
        return .object(object)
    }
}
