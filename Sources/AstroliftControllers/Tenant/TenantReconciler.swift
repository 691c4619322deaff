import AstroliftAPI
import Foundation
import KubeClient
import KubeCore
import KubeModels
import KubeRuntime

/// Turns a Tenant into its namespace and what fences it: quota, limits, network
/// policies, role bindings, the workbench ServiceAccount and the deny-all gateway policy.
/// Deleting a Tenant deletes its namespace first (finalizer).
public struct TenantReconciler: Reconciler {
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
        guard let tenant = caches.tenants.get(key) else { return .done }
        return try await reconcileUnlessGone(Tenant.self, key, client: client) {
            let hasFinalizer = Finalizers.contains(AstroliftFinalizers.tenant, in: tenant)
            if tenant.metadata.deletionTimestamp != nil {
                guard hasFinalizer else { return .done }
                if try await deleteNamespace(of: tenant) { return .requeueAfter(.seconds(1)) }
                _ = try await Finalizers.remove(AstroliftFinalizers.tenant, from: tenant, client: client)
                return .done
            }
            if !hasFinalizer {
                _ = try await Finalizers.add(AstroliftFinalizers.tenant, to: tenant, client: client)
                return .done
            }
            return try await converge(tenant)
        }
    }

    func converge(_ tenant: Tenant) async throws -> ReconcileResult {
        let now = clock.wallNow
        let nsName = TenantDesired.namespaceName(of: tenant)
        var desired = TenantDesired(tenant: tenant, configuration: configuration)

        // Adopt a namespace only if it is no other tenant's.
        let cachedNamespace = caches.namespaces.get(name: nsName)
        var existing = cachedNamespace
        if existing == nil {
            do {
                existing = try await client.api(Namespace.self).get(nsName)
            } catch let error as KubeAPIError where error.isNotFound {
                existing = nil
            }
        }
        if let owner = existing?.metadata.labels?[AstroliftLabels.tenant], owner != tenant.metadata.name {
            let message =
                "namespace \(nsName) belongs to tenant \(owner); choose another spec.namespace.name for this tenant"
            _ = try await writeStatus(tenant, namespace: nil, now: now) { conditions in
                conditions.set(
                    type: "Ready", status: .false, reason: "NamespaceConflict", message: message,
                    observedGeneration: tenant.metadata.generation, now: now)
            }
            events.record(.warning, reason: "NamespaceConflict", action: "Provision", note: message, regarding: tenant)
            return .done
        }
        if existing?.metadata.deletionTimestamp != nil {
            // A namespace of the same name is still being deleted (the tenant was recreated): wait for it.
            return .requeueAfter(.seconds(2))
        }

        try OwnerReferences.setController(tenant, on: &desired.namespace)
        let created = try await applier.apply(desired.namespace, current: cachedNamespace).wrote && existing == nil
        try OwnerReferences.setController(tenant, on: &desired.serviceAccount)
        _ = try await applier.apply(
            desired.serviceAccount, current: caches.serviceAccounts.get(key: desired.serviceAccount))
        try OwnerReferences.setController(tenant, on: &desired.denyAllPolicy)
        _ = try await applier.apply(desired.denyAllPolicy, current: caches.configMaps.get(key: desired.denyAllPolicy))
        for var policy in desired.networkPolicies {
            try OwnerReferences.setController(tenant, on: &policy)
            _ = try await applier.applyHashed(
                policy, current: caches.networkPolicies.get(ObjectKey(policy)),
                annotation: AstroliftLabels.appliedHash)
        }
        try await applyOptional(
            desired.resourceQuota, named: TenantDesired.policyObjectName, in: nsName, store: caches.quotas,
            owner: tenant)
        try await applyOptional(
            desired.limitRange, named: TenantDesired.policyObjectName, in: nsName, store: caches.limitRanges,
            owner: tenant)

        // Role bindings: the desired ones, and none we made for roles no longer listed.
        let wanted = Set(desired.roleBindings.compactMap(\.metadata.name))
        for var binding in desired.roleBindings {
            try OwnerReferences.setController(tenant, on: &binding)
            _ = try await applier.apply(binding, current: caches.roleBindings.get(key: binding))
        }
        for stale in caches.roleBindings.list(namespace: nsName)
        where !wanted.contains(stale.metadata.name ?? "") && OwnerReferences.isControlled(stale, by: tenant) {
            try await deleteIgnoringMissing(RoleBinding.self, stale.metadata.name ?? "", in: nsName)
        }
        if created {
            events.record(
                .normal, reason: "NamespaceCreated", action: "Provision",
                note: "Created namespace \(nsName) with quota, network fence and role bindings", regarding: tenant)
        }

        return try await writeStatus(tenant, namespace: nsName, now: now) { conditions in
            conditions.set(
                type: "Ready", status: .true, reason: "Provisioned",
                message:
                    "namespace \(nsName) is fenced (Pod Security \((tenant.spec.namespace?.podSecurity ?? .restricted).labelValue), network policies, quota) and bound to its roles",
                observedGeneration: tenant.metadata.generation, now: now)
        }
    }

    /// Applies an object the tenant may or may not ask for, and deletes ours when it no longer does.
    func applyOptional<T: KubernetesObject>(
        _ desired: T?, named name: String, in namespace: String, store: Store<T>, owner: Tenant
    ) async throws {
        let current = store.get(name: name, namespace: namespace)
        if var desired {
            try OwnerReferences.setController(owner, on: &desired)
            _ = try await applier.apply(desired, current: current)
        } else if let current, OwnerReferences.isControlled(current, by: owner) {
            try await deleteIgnoringMissing(T.self, name, in: namespace)
        }
    }

    func deleteIgnoringMissing<T: KubernetesObject>(_ type: T.Type, _ name: String, in namespace: String?) async throws
    {
        do {
            try await client.api(T.self, namespace: namespace).delete(name)
        } catch let error as KubeAPIError where error.isNotFound {}
    }

    /// Deletes the tenant's namespace (if the tenant owns it); returns whether it still exists.
    func deleteNamespace(of tenant: Tenant) async throws -> Bool {
        let name = TenantDesired.namespaceName(of: tenant)
        let namespace: Namespace
        do {
            namespace = try await client.api(Namespace.self).get(name)
        } catch let error as KubeAPIError where error.isNotFound {
            return false
        }
        guard OwnerReferences.isControlled(namespace, by: tenant) else { return false }
        if namespace.metadata.deletionTimestamp == nil {
            // Home volumes meant to outlive their workbench: released already, or of a workbench that retains them.
            let retaining = Set(
                caches.workbenches.list(namespace: name).filter { $0.spec.home?.retainOnDelete ?? false }
                    .compactMap(\.metadata.name))
            let retained = caches.claims.list(namespace: name).filter { claim in
                guard let owner = claim.labels?[AstroliftLabels.workbench] else { return false }
                return (claim.ownerReferences ?? []).isEmpty || retaining.contains(owner)
            }
            let note =
                retained.isEmpty
                ? "Deleting namespace \(name) and everything in it"
                : "Deleting namespace \(name); these home volumes were to be retained and go with it unless their PersistentVolumes are Retain: \(retained.compactMap(\.metadata.name).sorted().joined(separator: ", "))"
            events.record(.normal, reason: "NamespaceDeleting", action: "Delete", note: note, regarding: tenant)
            try await deleteIgnoringMissing(Namespace.self, name, in: nil)
        }
        return true
    }

    /// Writes counts, the namespace and the conditions `update` sets, unless nothing changed.
    func writeStatus(
        _ tenant: Tenant, namespace: String?, now: Date, _ update: (inout [Condition]) -> Bool
    ) async throws -> ReconcileResult {
        var status = tenant.status ?? TenantStatus()
        var conditions = status.conditions ?? []
        _ = update(&conditions)
        status.conditions = conditions
        status.namespace = namespace ?? status.namespace
        if let namespace {
            status.workbenches = Int32(caches.workbenches.keys(index: CacheIndex.namespace, value: namespace).count)
            status.runningWorkbenches = Int32(
                caches.workbenches.keys(index: ControllerCaches.byRunning, value: namespace).count)
        }
        status.observedGeneration = tenant.metadata.generation
        let key = ObjectKey(tenant)
        var countsAsBefore = status
        countsAsBefore.workbenches = tenant.status?.workbenches
        countsAsBefore.runningWorkbenches = tenant.status?.runningWorkbenches
        if let wait = counts.delay(for: key, from: tenant.status, to: status, countsAsBefore: countsAsBefore) {
            return .requeueAfter(wait)
        }
        var updated = tenant
        updated.status = status
        if try await applier.patchStatus(updated, current: tenant).wrote { counts.wrote(key) }
        return .done
    }
}
