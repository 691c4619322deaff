import Foundation
import KubeClient
import KubeCore
import KubeModels
import KubeRuntime

/// The reconciler of the end-to-end tests: for each Toy, a ConfigMap `toy-<name>` holding
/// `spec.data`, owned by the Toy; a `Ready` condition; a finalizer that deletes the
/// ConfigMap (the fake server has no garbage collector).
struct ToyReconciler: Reconciler {
    static let finalizer = "toys.example.com/cleanup"

    let client: KubeClient
    let toys: Store<Toy>
    let configMaps: Store<ConfigMap>
    let applier: ApplyDesired
    let clock: any RuntimeClock
    let reconciles: LockedList<String>
    let recorder: EventRecorder?

    init(manager: Manager, reconciles: LockedList<String>, recorder: EventRecorder? = nil) {
        client = manager.client
        toys = manager.caches.cache(for: Toy.self).store
        configMaps = manager.caches.cache(for: ConfigMap.self).store
        applier = ApplyDesired(client: manager.client, fieldManager: "toy-controller")
        clock = manager.configuration.clock
        self.reconciles = reconciles
        self.recorder = recorder
    }

    static func builder() -> ControllerBuilder<Toy> {
        ControllerBuilder(name: "toy", for: Toy.self).owns(ConfigMap.self).maxConcurrentReconciles(2)
    }

    func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
        reconciles.append(key.description)
        guard let toy = toys.get(key) else { return .done }
        return try await Finalizers.reconcile(toy, finalizer: Self.finalizer, client: client) { phase in
            switch phase {
            case .apply(let toy):
                return try await apply(toy)
            case .cleanup(let toy):
                let api = client.api(ConfigMap.self, namespace: toy.metadata.namespace)
                do {
                    try await api.delete("toy-\(toy.name)")
                } catch let e as KubeAPIError where e.isNotFound {}
                return .done
            }
        }
    }

    private func apply(_ toy: Toy) async throws -> ReconcileResult {
        var desired = ConfigMap(
            metadata: ObjectMeta(name: "toy-\(toy.name)", namespace: toy.metadata.namespace, labels: ["toy": toy.name]),
            data: toy.spec?.data ?? [:])
        try OwnerReferences.setController(toy, on: &desired)
        let outcome = try await applier.apply(desired, current: configMaps.get(ObjectKey(desired)))
        if outcome.wrote {
            recorder?.record(.normal, reason: "Applied", action: "Apply", note: "ConfigMap updated", regarding: toy)
        }
        var status = toy
        var conditions = toy.status?.conditions ?? []
        conditions.set(
            type: "Ready", status: .true, reason: "ConfigMapApplied", message: "the ConfigMap holds spec.data",
            observedGeneration: toy.metadata.generation, now: clock.wallNow)
        status.status = ToyStatus(observedGeneration: toy.metadata.generation, conditions: conditions)
        _ = try await applier.patchStatus(status, current: toy)
        return .done
    }
}
