import AstroliftAPI
import KubeCore
import KubeModels
import KubeRuntime

/// Registers Astrolift's controllers on a manager: Tenant, WorkbenchClass, GatewayPolicy,
/// Workbench, ClusterKeyProvider, KeyProvider and KMSSecret, sharing one cache per kind.
public enum AstroliftControllerSet {
    /// The name events are reported under.
    public static let reportingController = "astrolift.dev/controller"

    /// Adds every controller to `manager`; returns the caches they read (tests inspect them).
    @discardableResult
    public static func register(
        on manager: Manager, configuration: ControllerConfiguration, reportingInstance: String
    ) -> ControllerCaches {
        let caches = ControllerCaches(
            registry: manager.caches, controllerNamespace: configuration.controllerNamespace)
        let events = manager.eventRecorder(
            .init(reportingController: reportingController, reportingInstance: reportingInstance))
        let clock = manager.configuration.clock
        let client = manager.client
        let concurrency = configuration.maxConcurrentReconciles
        let workbenches = caches.workbenches
        let tenants = caches.tenants
        let policies = caches.policies
        let kmsSecrets = caches.kmsSecrets
        let clusterKeyProviders = caches.clusterKeyProviders
        let keyProviders = caches.keyProviders
        let secretKey: @Sendable (Secret) -> String = { "\($0.metadata.namespace ?? "")/\($0.metadata.name ?? "")" }

        manager.add(
            ControllerBuilder(name: "tenant", for: Tenant.self, options: ControllerCaches.tenantOptions)
                .owns(Namespace.self, options: ControllerCaches.managed(Namespace.self))
                .owns(ResourceQuota.self, options: ControllerCaches.managed(ResourceQuota.self))
                .owns(LimitRange.self, options: ControllerCaches.managed(LimitRange.self))
                .owns(
                    HashedMetadata<NetworkPolicy>.self,
                    options: ControllerCaches.hashedChild(HashedMetadata<NetworkPolicy>.self)
                )
                .owns(RoleBinding.self, options: ControllerCaches.managed(RoleBinding.self))
                .owns(ServiceAccount.self, options: ControllerCaches.managed(ServiceAccount.self))
                .owns(ConfigMap.self, options: ControllerCaches.managed(ConfigMap.self))
                // The tenant counts its workbenches and the running ones (and, while it is
                // deleted, lists those that keep their home): other workbench updates are noise.
                .watches(
                    Workbench.self, options: ControllerCaches.workbenchOptions,
                    predicates: [.any([.changed { $0.status?.phase == .running }, .generationChanged])],
                    coalescing: CountThrottle.interval
                ) { wb in
                    tenants.keys(index: ControllerCaches.byNamespace, value: wb.metadata.namespace ?? "")
                }
                .maxConcurrentReconciles(concurrency),
            reconciler: TenantReconciler(
                client: client, caches: caches, configuration: configuration, events: events, clock: clock))

        manager.add(
            ControllerBuilder(name: "workbenchclass", for: WorkbenchClass.self)
                // The class counts the workbenches naming it (classRef is immutable).
                .watches(
                    Workbench.self, options: ControllerCaches.workbenchOptions,
                    predicates: [.changed { $0.spec.classRef.name }], coalescing: CountThrottle.interval
                ) { wb in
                    [ObjectKey(namespace: nil, name: wb.spec.classRef.name)]
                }
                .maxConcurrentReconciles(concurrency),
            reconciler: WorkbenchClassReconciler(client: client, caches: caches, events: events, clock: clock))

        manager.add(
            ControllerBuilder(name: "gatewaypolicy", for: GatewayPolicy.self, options: ControllerCaches.policyOptions)
                .owns(ConfigMap.self, options: ControllerCaches.managed(ConfigMap.self))
                .watches(Secret.self, options: ControllerCaches.secretKeyOptions) { secret in
                    policies.keys(
                        index: ControllerCaches.bySecret,
                        value: "\(secret.metadata.namespace ?? "")/\(secret.metadata.name ?? "")")
                }
                // A policy counts the workbenches it is in force for.
                .watches(
                    Workbench.self, options: ControllerCaches.workbenchOptions,
                    predicates: [.changed { $0.spec.gatewayPolicyRef?.name }],
                    coalescing: CountThrottle.interval
                ) { wb in
                    policies.keys(index: CacheIndex.namespace, value: wb.metadata.namespace ?? "")
                }
                .maxConcurrentReconciles(concurrency),
            reconciler: GatewayPolicyReconciler(
                client: client, caches: caches, configuration: configuration, events: events, clock: clock))

        manager.add(
            ControllerBuilder(name: "workbench", for: Workbench.self, options: ControllerCaches.workbenchOptions)
                .owns(StatefulSetSummary.self, options: ControllerCaches.statefulSetOptions)
                // Pods belong to the StatefulSet; their workbench label names the Workbench.
                .watches(
                    PodSummary.self, options: ControllerCaches.podOptions,
                    // Readiness arrives through the StatefulSet's status; a pod matters only
                    // when it starts or stops being stuck (each pod changes several times as it starts).
                    predicates: [Predicate { $0.oldObject?.failure?.reason != $0.object.failure?.reason }]
                ) { pod in
                    guard let name = pod.metadata.labels?[AstroliftLabels.workbench] else { return [] }
                    return [ObjectKey(namespace: pod.metadata.namespace, name: name)]
                }
                .owns(HashedMetadata<PersistentVolumeClaim>.self, options: ControllerCaches.claimOptions)
                .owns(HashedMetadata<Service>.self, options: ControllerCaches.hashedChild(HashedMetadata<Service>.self))
                .owns(HashedMetadata<Ingress>.self, options: ControllerCaches.hashedChild(HashedMetadata<Ingress>.self))
                .owns(
                    HashedMetadata<NetworkPolicy>.self,
                    options: ControllerCaches.hashedChild(HashedMetadata<NetworkPolicy>.self)
                )
                .watches(WorkbenchClass.self) { wbClass in
                    workbenches.keys(index: ControllerCaches.byClass, value: wbClass.metadata.name ?? "")
                }
                .watches(Tenant.self, options: ControllerCaches.tenantOptions) { tenant in
                    workbenches.keys(index: CacheIndex.namespace, value: TenantDesired.namespaceName(of: tenant))
                }
                .watches(ConfigMap.self, options: ControllerCaches.managed(ConfigMap.self)) { configMap in
                    guard configMap.metadata.labels?[AstroliftLabels.component] == "gateway-policy" else { return [] }
                    return workbenches.keys(index: CacheIndex.namespace, value: configMap.metadata.namespace ?? "")
                }
                // A workbench that stops or goes frees room under the running quota: wake those waiting.
                // A KMSSecret's Secret changing content rolls the sessions mounting it.
                .watches(Secret.self, options: ControllerCaches.secretKeyOptions) { secret in
                    guard secret.metadata.annotations?[KMSSecretDesired.contentHashAnnotation] != nil else { return [] }
                    return workbenches.keys(index: ControllerCaches.byMountedSecret, value: secretKey(secret))
                }
                .watches(Workbench.self, options: ControllerCaches.workbenchOptions) { wb in
                    let stopped =
                        wb.metadata.deletionTimestamp != nil || wb.spec.isSuspended
                        || ![.running, .provisioning].contains(wb.status?.phase)
                    guard stopped else { return [] }
                    return workbenches.keys(index: ControllerCaches.byQuotaWait, value: wb.metadata.namespace ?? "")
                }
                .maxConcurrentReconciles(concurrency),
            reconciler: WorkbenchReconciler(
                client: client, caches: caches, configuration: configuration, events: events, quota: RunningQuota(),
                clock: clock))

        // Key providers: re-checked when they or the Secrets they name change.
        manager.add(
            ControllerBuilder(
                name: "clusterkeyprovider", for: ClusterKeyProvider.self,
                options: ControllerCaches.clusterKeyProviderOptions(
                    controllerNamespace: configuration.controllerNamespace)
            )
            .watches(Secret.self, options: ControllerCaches.secretKeyOptions) { secret in
                clusterKeyProviders.keys(index: ControllerCaches.byCredentialSecret, value: secretKey(secret))
            }
            .maxConcurrentReconciles(concurrency),
            reconciler: KeyProviderReconciler(
                client: client, store: clusterKeyProviders, configuration: configuration, events: events, clock: clock))
        manager.add(
            ControllerBuilder(name: "keyprovider", for: KeyProvider.self, options: ControllerCaches.keyProviderOptions)
                .watches(Secret.self, options: ControllerCaches.secretKeyOptions) { secret in
                    keyProviders.keys(index: ControllerCaches.byCredentialSecret, value: secretKey(secret))
                }
                .maxConcurrentReconciles(concurrency),
            reconciler: KeyProviderReconciler(
                client: client, store: keyProviders, configuration: configuration, events: events, clock: clock))

        // KMSSecrets: re-opened when their provider's spec or their Secret changes.
        manager.add(
            ControllerBuilder(name: "kmssecret", for: KMSSecret.self, options: ControllerCaches.kmsSecretOptions)
                .watches(Secret.self, options: ControllerCaches.secretKeyOptions) { secret in
                    kmsSecrets.keys(index: ControllerCaches.byTargetSecret, value: secretKey(secret))
                }
                .watches(
                    ClusterKeyProvider.self,
                    options: ControllerCaches.clusterKeyProviderOptions(
                        controllerNamespace: configuration.controllerNamespace),
                    predicates: [.generationChanged]
                ) { provider in
                    kmsSecrets.keys(
                        index: ControllerCaches.byProvider,
                        value: ControllerCaches.providerIndexValue(
                            kind: .clusterKeyProvider, namespace: nil, name: provider.metadata.name ?? ""))
                }
                .watches(
                    KeyProvider.self, options: ControllerCaches.keyProviderOptions, predicates: [.generationChanged]
                ) { provider in
                    kmsSecrets.keys(
                        index: ControllerCaches.byProvider,
                        value: ControllerCaches.providerIndexValue(
                            kind: .keyProvider, namespace: provider.metadata.namespace,
                            name: provider.metadata.name ?? ""))
                }
                .maxConcurrentReconciles(concurrency),
            reconciler: KMSSecretReconciler(
                client: client, caches: caches, configuration: configuration, events: events, clock: clock))
        return caches
    }
}
