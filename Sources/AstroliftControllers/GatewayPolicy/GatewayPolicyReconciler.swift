import AstroliftAPI
import Foundation
import KubeClient
import KubeCore
import KubeModels
import KubeRuntime

/// Validates a GatewayPolicy and publishes its rendering in a ConfigMap the gateway
/// sidecars mount. An invalid policy leaves the last valid rendering in force: sessions
/// are never left without a policy.
public struct GatewayPolicyReconciler: Reconciler {
    let client: KubeClient
    let caches: ControllerCaches
    let configuration: ControllerConfiguration
    let applier: ApplyDesired
    let events: EventRecorder
    let clock: any RuntimeClock
    let counts: CountThrottle

    public init(
        client: KubeClient, caches: ControllerCaches, configuration: ControllerConfiguration, events: EventRecorder,
        clock: any RuntimeClock
    ) {
        self.client = client
        self.caches = caches
        self.configuration = configuration
        self.applier = ApplyDesired(client: client, fieldManager: astroliftFieldManager)
        self.events = events
        self.clock = clock
        self.counts = CountThrottle(clock: clock)
    }

    public func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
        try await reconcileUnlessGone(GatewayPolicy.self, key, client: applier.client) { try await converge(key) }
    }

    func converge(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let policy = caches.policies.get(key), policy.metadata.deletionTimestamp == nil else { return .done }
        let namespace = key.namespace ?? ""
        if !configuration.watchNamespaces.isEmpty, !configuration.watchNamespaces.contains(namespace) { return .done }
        // Its namespace is being deleted: the rendering goes with it, nothing is worth writing.
        if caches.namespaces.get(name: namespace)?.metadata.deletionTimestamp != nil { return .done }
        let now = clock.wallNow
        let secrets = caches.secretKeys
        let rendering = PolicyRendering.render(policy) { name in
            secrets.get(name: name, namespace: namespace).map { Set(($0.data ?? [:]).keys) }
        }
        var status = policy.status ?? GatewayPolicyStatus()
        var conditions = status.conditions ?? []
        let generation = policy.metadata.generation
        switch rendering {
        case .success(let rendering):
            var labels = AstroliftLabels.common(name: "gateway-policy", instance: key.name, component: "gateway-policy")
            labels[AstroliftLabels.gatewayPolicy] = key.name
            var configMap = rendering.configMap(namespace: namespace, labels: labels)
            try OwnerReferences.setController(policy, on: &configMap)
            let outcome = try await applier.apply(configMap, current: caches.configMaps.get(key: configMap))
            if outcome.wrote, let old = status.hash, old != rendering.hash {
                events.record(
                    .normal, reason: "PolicyRendered", action: "Render",
                    note: "Published \(rendering.hash) (was \(old)); workbenches using it roll", regarding: policy)
            }
            status.configMapName = rendering.configMapName
            status.hash = rendering.hash
            _ = conditions.set(
                type: "Valid", status: .true, reason: "Valid", message: "the policy is valid",
                observedGeneration: generation, now: now)
            _ = conditions.set(
                type: "Ready", status: .true, reason: "Published",
                message: "rendered into ConfigMap \(rendering.configMapName)", observedGeneration: generation, now: now)
        case .failure(let invalid):
            let inForce =
                status.hash.map { "the previous rendering \($0) stays in force" }
                ?? "no rendering is in force yet; workbenches naming it wait"
            let changed = conditions.set(
                type: "Valid", status: .false, reason: "Invalid", message: invalid.description,
                observedGeneration: generation, now: now)
            _ = conditions.set(
                type: "Ready", status: .false, reason: "Invalid", message: "invalid: \(inForce)",
                observedGeneration: generation, now: now)
            if changed || status.observedGeneration != generation {
                events.record(
                    .warning, reason: "InvalidPolicy", action: "Validate", note: "\(invalid.description); \(inForce)",
                    regarding: policy)
            }
        }
        let tenantDefault = caches.tenant(forNamespace: namespace)?.spec.defaults?.gatewayPolicyRef?.name
        let explicit = caches.workbenches.keys(index: ControllerCaches.byPolicy, value: "\(namespace)/\(key.name)")
        let byDefault =
            tenantDefault == key.name
            ? caches.workbenches.keys(index: ControllerCaches.byDefaultPolicy, value: namespace) : []
        status.workbenches = Int32(explicit.count + byDefault.count)
        status.conditions = conditions
        status.observedGeneration = generation
        var countsAsBefore = status
        countsAsBefore.workbenches = policy.status?.workbenches
        if let wait = counts.delay(for: key, from: policy.status, to: status, countsAsBefore: countsAsBefore) {
            return .requeueAfter(wait)
        }
        var updated = policy
        updated.status = status
        if try await applier.patchStatus(updated, current: policy).wrote { counts.wrote(key) }
        return .done
    }
}
