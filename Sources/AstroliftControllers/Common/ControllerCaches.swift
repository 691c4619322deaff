import AstroliftAPI
import KubeCore
import KubeModels
import KubeRuntime

/// The caches the Astrolift controllers share, each created once in the manager's
/// registry with the options below (asking again with the same options returns the same
/// cache, so `For`, `Owns` and the reconcilers all read one store per kind).
public struct ControllerCaches: Sendable {
    /// Index of Workbenches by class name.
    public static let byClass = "astrolift.dev/class"
    /// Index of Workbenches by the gateway policy they name (namespace/name).
    public static let byPolicy = "astrolift.dev/policy"
    /// Index of Workbenches that name no policy (they use their tenant's default), by namespace.
    public static let byDefaultPolicy = "astrolift.dev/default-policy"
    /// Index of running Workbenches, by namespace (the tenant's running count).
    public static let byRunning = "astrolift.dev/running"
    /// Index of Workbenches waiting for room under the running quota, by namespace.
    public static let byQuotaWait = "astrolift.dev/quota-wait"
    /// Index of Tenants by their namespace's name.
    public static let byNamespace = "astrolift.dev/namespace"
    /// Index of GatewayPolicies by the credential Secrets they name (namespace/name).
    public static let bySecret = "astrolift.dev/secret"
    /// Index of Workbenches by the Secrets they mount (namespace/name).
    public static let byMountedSecret = "astrolift.dev/mounted-secret"
    /// Index of KMSSecrets by their provider (``providerIndexValue(kind:namespace:name:)``).
    public static let byProvider = "astrolift.dev/provider"
    /// Index of KMSSecrets by the Secret they maintain (namespace/name).
    public static let byTargetSecret = "astrolift.dev/target-secret"
    /// Index of key providers by the Secrets they name (namespace/name; a
    /// ClusterKeyProvider's references default to the controller's namespace).
    public static let byCredentialSecret = "astrolift.dev/credential-secret"

    public let workbenches: Store<Workbench>
    public let classes: Store<WorkbenchClass>
    public let tenants: Store<Tenant>
    public let policies: Store<GatewayPolicy>
    public let statefulSets: Store<StatefulSetSummary>
    /// Workbench pods, summarized: why one cannot start.
    public let pods: Store<PodSummary>
    public let claims: Store<HashedMetadata<PersistentVolumeClaim>>
    public let services: Store<HashedMetadata<Service>>
    public let ingresses: Store<HashedMetadata<Ingress>>
    public let networkPolicies: Store<HashedMetadata<NetworkPolicy>>
    public let configMaps: Store<ConfigMap>
    public let namespaces: Store<Namespace>
    public let quotas: Store<ResourceQuota>
    public let limitRanges: Store<LimitRange>
    public let roleBindings: Store<RoleBinding>
    public let serviceAccounts: Store<ServiceAccount>
    /// Secrets with their values blanked: which keys exist, labels and annotations (the
    /// content hash of those a KMSSecret maintains) are kept; never a value.
    public let secretKeys: Store<Secret>
    public let clusterKeyProviders: Store<ClusterKeyProvider>
    public let keyProviders: Store<KeyProvider>
    public let kmsSecrets: Store<KMSSecret>

    /// The ``byProvider`` index value of a provider.
    public static func providerIndexValue(kind: KeyProviderKind, namespace: String?, name: String) -> String {
        kind == .clusterKeyProvider ? "\(kind.rawValue)/\(name)" : "\(kind.rawValue)/\(namespace ?? "")/\(name)"
    }

    /// Status text many workbenches repeat (the policy hash of a tenant, condition messages).
    static let workbenchStatusText = StringInterner()

    static var workbenchOptions: CacheOptions<Workbench> {
        CacheOptions(
            transform: { wb in
                wb.metadata.managedFields = nil
                guard var status = wb.status else { return }
                wb.status = nil  // the copy below is then the only one and changes in place
                status.gatewayPolicyHash = workbenchStatusText.intern(status.gatewayPolicyHash)
                if var conditions = status.conditions {
                    status.conditions = nil
                    for i in conditions.indices {
                        conditions[i].message = workbenchStatusText.intern(conditions[i].message)
                        conditions[i].reason = workbenchStatusText.intern(conditions[i].reason)
                    }
                    status.conditions = conditions
                }
                wb.status = status
            },
            indexers: [
                byClass: { [$0.spec.classRef.name] },
                byMountedSecret: { wb in (wb.spec.secrets ?? []).map { "\(wb.metadata.namespace ?? "")/\($0.name)" } },
                byPolicy: { wb in wb.spec.gatewayPolicyRef.map { ["\(wb.metadata.namespace ?? "")/\($0.name)"] } ?? []
                },
                byDefaultPolicy: { wb in wb.spec.gatewayPolicyRef == nil ? [wb.metadata.namespace ?? ""] : [] },
                byRunning: { wb in wb.status?.phase == .running ? [wb.metadata.namespace ?? ""] : [] },
                byQuotaWait: { wb in wb.status?.stopReason == .quota ? [wb.metadata.namespace ?? ""] : [] },
            ])
    }
    static var tenantOptions: CacheOptions<Tenant> {
        CacheOptions(indexers: [byNamespace: { [TenantDesired.namespaceName(of: $0)] }])
    }
    static var policyOptions: CacheOptions<GatewayPolicy> {
        CacheOptions(indexers: [
            bySecret: { policy in
                (policy.spec.providers ?? []).compactMap { p in
                    p.credentialsSecretRef.map { "\(policy.metadata.namespace ?? "")/\($0.name)" }
                }
            }
        ])
    }
    static var kmsSecretOptions: CacheOptions<KMSSecret> {
        CacheOptions(indexers: [
            byProvider: { s in
                [
                    providerIndexValue(
                        kind: s.spec.providerRef.kind ?? .clusterKeyProvider, namespace: s.metadata.namespace,
                        name: s.spec.providerRef.name)
                ]
            },
            byTargetSecret: { s in ["\(s.metadata.namespace ?? "")/\(KMSSecretDesired.secretName(of: s))"] },
        ])
    }
    static func clusterKeyProviderOptions(controllerNamespace: String) -> CacheOptions<ClusterKeyProvider> {
        CacheOptions(indexers: [
            byCredentialSecret: { p in
                KeyProviderSecretRefs.all(p.spec).map { "\($0.namespace ?? controllerNamespace)/\($0.name)" }
            }
        ])
    }
    static var keyProviderOptions: CacheOptions<KeyProvider> {
        CacheOptions(indexers: [
            byCredentialSecret: { p in
                KeyProviderSecretRefs.all(p.spec).map { "\($0.namespace ?? p.metadata.namespace ?? "")/\($0.name)" }
            }
        ])
    }
    /// Children carry `app.kubernetes.io/managed-by=astrolift`; nothing else is cached. The
    /// workbench's own children (claim, Service, Ingress, NetworkPolicy) are cached as
    /// metadata only and compared by the hash of what was applied: at 10,000 workbenches,
    /// their bodies would be most of the controller's memory.
    static func managed<T: KubernetesObject>(_ type: T.Type) -> CacheOptions<T> {
        CacheOptions(labelSelector: AstroliftLabels.managedSelector)
    }
    /// Children compared by hash are cached as ``HashedMetadata``: identity, owners and the
    /// applied hash; of their labels only `labels`. They are read by key, never by owner UID
    /// and (but for a tenant's deletion) not by namespace: neither index is kept.
    static func hashedChild<Kind: KubernetesObject>(
        _ type: HashedMetadata<Kind>.Type, labels: Set<String> = []
    ) -> CacheOptions<HashedMetadata<Kind>> {
        CacheOptions(
            labelSelector: AstroliftLabels.managedSelector,
            transform: CacheOptions<HashedMetadata<Kind>>.hashed(
                annotation: AstroliftLabels.appliedHash, labels: labels),
            indexOwners: false, indexNamespaces: false)
    }
    /// Home claims keep the workbench label: a retained claim has no owner left to name it.
    static var claimOptions: CacheOptions<HashedMetadata<PersistentVolumeClaim>> {
        hashedChild(HashedMetadata<PersistentVolumeClaim>.self, labels: [AstroliftLabels.workbench])
    }
    /// StatefulSets are cached as ``StatefulSetSummary`` (hashed metadata, replicas, status):
    /// they are compared by the hash of what was applied, so the pod template is not kept.
    static var statefulSetOptions: CacheOptions<StatefulSetSummary> {
        CacheOptions(
            labelSelector: AstroliftLabels.managedSelector,
            transform: { summary in
                CacheOptions<HashedMetadata<StatefulSet>>.hashed(annotation: AstroliftLabels.appliedHash)(
                    &summary.child)
            },
            indexOwners: false, indexNamespaces: false)
    }
    /// Pods are read for why they are stuck and mapped to their workbench by its label.
    static var podOptions: CacheOptions<PodSummary> {
        CacheOptions(
            labelSelector: AstroliftLabels.managedSelector,
            transform: CacheOptions<PodSummary>.keepMetadata(labels: [AstroliftLabels.workbench]))
    }
    /// Secret values never enter the controller's memory through the cache.
    static var secretKeyOptions: CacheOptions<Secret> {
        CacheOptions(transform: { secret in
            secret.metadata.managedFields = nil
            secret.data = secret.data?.mapValues { _ in "" }
            secret.stringData = nil
        })
    }

    public init(registry: CacheRegistry, controllerNamespace: String = ControllerRequirements.controllerNamespace) {
        workbenches = registry.cache(for: Workbench.self, options: Self.workbenchOptions).store
        classes = registry.cache(for: WorkbenchClass.self).store
        tenants = registry.cache(for: Tenant.self, options: Self.tenantOptions).store
        policies = registry.cache(for: GatewayPolicy.self, options: Self.policyOptions).store
        statefulSets = registry.cache(for: StatefulSetSummary.self, options: Self.statefulSetOptions).store
        pods = registry.cache(for: PodSummary.self, options: Self.podOptions).store
        claims =
            registry.cache(for: HashedMetadata<PersistentVolumeClaim>.self, options: Self.claimOptions).store
        services =
            registry.cache(for: HashedMetadata<Service>.self, options: Self.hashedChild(HashedMetadata<Service>.self))
            .store
        ingresses =
            registry.cache(for: HashedMetadata<Ingress>.self, options: Self.hashedChild(HashedMetadata<Ingress>.self))
            .store
        networkPolicies =
            registry.cache(
                for: HashedMetadata<NetworkPolicy>.self, options: Self.hashedChild(HashedMetadata<NetworkPolicy>.self)
            ).store
        configMaps = registry.cache(for: ConfigMap.self, options: Self.managed(ConfigMap.self)).store
        namespaces = registry.cache(for: Namespace.self, options: Self.managed(Namespace.self)).store
        quotas = registry.cache(for: ResourceQuota.self, options: Self.managed(ResourceQuota.self)).store
        limitRanges = registry.cache(for: LimitRange.self, options: Self.managed(LimitRange.self)).store
        roleBindings = registry.cache(for: RoleBinding.self, options: Self.managed(RoleBinding.self)).store
        serviceAccounts = registry.cache(for: ServiceAccount.self, options: Self.managed(ServiceAccount.self)).store
        secretKeys = registry.cache(for: Secret.self, options: Self.secretKeyOptions).store
        clusterKeyProviders =
            registry.cache(
                for: ClusterKeyProvider.self,
                options: Self.clusterKeyProviderOptions(controllerNamespace: controllerNamespace)
            ).store
        keyProviders = registry.cache(for: KeyProvider.self, options: Self.keyProviderOptions).store
        kmsSecrets = registry.cache(for: KMSSecret.self, options: Self.kmsSecretOptions).store
    }

    /// The Tenant that owns namespace `name`.
    public func tenant(forNamespace name: String) -> Tenant? {
        tenants.list(index: Self.byNamespace, value: name).first
    }
}

extension Store {
    /// The cached object with the same namespace and name as `object`.
    func get(key object: Object) -> Object? { get(ObjectKey(object)) }
}
