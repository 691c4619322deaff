import AstroliftAPI
import AstroliftKMS
import Foundation
import KubeClient
import KubeCore
import KubeRuntime

/// Checks that a ClusterKeyProvider's or KeyProvider's key is reachable with the
/// controller's credentials (a cheap key-metadata call) and reports its id and version.
/// Re-checks every `spec.checkInterval`; a failed check is retried with a growing delay.
/// Credentials are read fresh for each check and never logged or reported.
public struct KeyProviderReconciler<Provider: KeyProviderResource>: Reconciler {
    let store: Store<Provider>
    let access: KeyProviderAccess
    let applier: ApplyDesired
    let events: EventRecorder
    let clock: any RuntimeClock

    /// The check interval when the spec gives none (the schema's default).
    static var defaultInterval: Duration { .seconds(300) }

    public init(
        client: KubeClient, store: Store<Provider>, configuration: ControllerConfiguration, events: EventRecorder,
        clock: any RuntimeClock
    ) {
        self.store = store
        self.access = KeyProviderAccess(client: client, configuration: configuration)
        self.applier = ApplyDesired(client: client, fieldManager: astroliftFieldManager)
        self.events = events
        self.clock = clock
    }

    public func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
        guard let provider = store.get(key), provider.metadata.deletionTimestamp == nil else { return .done }
        return try await reconcileUnlessGone(Provider.self, key, client: applier.client) {
            try await check(provider, context: context)
        }
    }

    func check(_ provider: Provider, context: ReconcileContext) async throws -> ReconcileResult {
        let now = clock.wallNow
        let name = provider.metadata.name ?? ""
        let display = KeyProviderAccess.display(
            kind: Provider.providerKind, namespace: provider.metadata.namespace, name: name)
        let interval = provider.spec.checkInterval?.duration ?? Self.defaultInterval
        let generation = provider.metadata.generation
        var status = provider.status ?? KeyProviderStatus()
        var conditions = status.conditions ?? []
        let result: Result<KeyDescription, KMSError>
        do {
            result = .success(
                try await access.with(
                    kind: Provider.providerKind, namespace: provider.metadata.namespace, name: name,
                    spec: provider.spec, logger: context.logger
                ) { try await $0.describeKey() })
        } catch {
            result = .failure(asKMSError(error))
        }

        let requeue: Duration
        switch result {
        case .success(let key):
            let keyChanged = status.keyID != key.keyID || status.keyVersion != key.currentVersion
            let wasReachable = conditions.isTrue("Reachable")
            _ = conditions.set(
                type: "Reachable", status: .true, reason: "KeyDescribed",
                message: "the key answered: \(key.keyID) version \(key.currentVersion)", observedGeneration: generation,
                now: now)
            _ = conditions.set(
                type: "Ready", status: .true, reason: "Reachable",
                message: "KMSSecrets sealed with this key can be opened", observedGeneration: generation, now: now)
            if keyChanged, status.keyVersion != nil {
                events.record(
                    .normal, reason: "KeyVersionChanged", action: "Check",
                    note:
                        "\(display) now seals with \(key.keyID) version \(key.currentVersion) (was \(status.keyID ?? "") version \(status.keyVersion ?? "")); values sealed before still open and report ResealRecommended",
                    regarding: provider)
            } else if !wasReachable {
                events.record(
                    .normal, reason: "Reachable", action: "Check",
                    note: "\(display): key \(key.keyID) version \(key.currentVersion) answered", regarding: provider)
            }
            status.keyID = key.keyID
            status.keyVersion = key.currentVersion
            requeue = interval
        case .failure(let error):
            let changed = conditions.set(
                type: "Reachable", status: .false, reason: error.kind.reason, message: error.message,
                observedGeneration: generation, now: now)
            _ = conditions.set(
                type: "Ready", status: .false, reason: error.kind.reason,
                message: "\(error.message)\(error.isRetryable ? "" : "; fix the provider's spec or its Secret")",
                observedGeneration: generation, now: now)
            if changed || status.observedGeneration != generation {
                events.record(
                    .warning, reason: error.kind.reason, action: "Check", note: error.message, regarding: provider)
            }
            // Unreachable: retry soon, backing off; a configuration problem waits for a change
            // (the provider or its Secrets are watched) or the next periodic check.
            requeue =
                error.isRetryable
                ? RetryDelay.since(conditions[type: "Reachable"]?.lastTransitionTime.date, now: now, limit: interval)
                : interval
        }
        // The check time moves only when due, so a status write does not start another round at once.
        let due = status.lastCheckTime.map { now.timeIntervalSince($0.date) >= Double(interval.components.seconds) }
        if due ?? true || conditions != (status.conditions ?? []) || status.observedGeneration != generation {
            status.lastCheckTime = Time(now)
        }
        status.conditions = conditions
        status.observedGeneration = generation
        var updated = provider
        updated.status = status
        _ = try await applier.patchStatus(updated, current: provider)
        return .requeueAfter(requeue)
    }
}
