import AstroliftAPI
import KubeCore
import KubeModels

/// Everything a Tenant turns into, computed from the Tenant and the controller's
/// settings alone (no cluster reads), so it is unit-tested without a server.
public struct TenantDesired: Sendable, Hashable {
    /// The tenant's namespace.
    public var namespace: Namespace
    /// The quota, when the tenant sets any resource totals.
    public var resourceQuota: ResourceQuota?
    /// Container defaults and bounds, when the tenant sets any.
    public var limitRange: LimitRange?
    /// The network fence: ingress and egress default-deny with the allowed exceptions.
    public var networkPolicies: [NetworkPolicy]
    /// One binding per tenant role that names users or groups.
    public var roleBindings: [RoleBinding]
    /// The identity workbench pods run as, without an API token.
    public var serviceAccount: ServiceAccount
    /// The deny-everything gateway policy of workbenches that name no policy.
    public var denyAllPolicy: ConfigMap

    /// The name of the ResourceQuota and LimitRange the controller keeps in a tenant namespace.
    public static let policyObjectName = "astrolift-tenant"
    /// The ServiceAccount workbench pods run as.
    public static let workbenchServiceAccount = "astrolift-workbench"
    /// The NetworkPolicy that fences ingress.
    public static let ingressPolicyName = "astrolift-tenant-ingress"
    /// The NetworkPolicy that fences egress.
    public static let egressPolicyName = "astrolift-tenant-egress"

    /// The namespace a tenant owns: `spec.namespace.name`, else the tenant's name.
    public static func namespaceName(of tenant: Tenant) -> String {
        tenant.spec.namespace?.name ?? tenant.metadata.name ?? ""
    }

    /// Computes the desired objects. Owner references are set by the reconciler.
    public init(tenant: Tenant, configuration: ControllerConfiguration) {
        let tenantName = tenant.metadata.name ?? ""
        let ns = Self.namespaceName(of: tenant)
        let labels = AstroliftLabels.common(name: "tenant", instance: tenantName, component: "tenancy")
            .merging([AstroliftLabels.tenant: tenantName]) { $1 }

        // Namespace: the user's labels first, then ours, which win (the tenant label and
        // the Pod Security level are what the fence rests on).
        let level = tenant.spec.namespace?.podSecurity ?? .restricted
        var nsLabels = tenant.spec.namespace?.labels ?? [:]
        nsLabels.merge(labels) { $1 }
        nsLabels[AstroliftLabels.podSecurityEnforce] = level.labelValue
        nsLabels[AstroliftLabels.podSecurityEnforceVersion] = "latest"
        var nsAnnotations = tenant.spec.namespace?.annotations ?? [:]
        if let display = tenant.spec.displayName { nsAnnotations["astrolift.dev/display-name"] = display }
        namespace = Namespace(
            metadata: ObjectMeta(name: ns, labels: nsLabels, annotations: nsAnnotations.isEmpty ? nil : nsAnnotations))

        resourceQuota = Self.quota(tenant.spec.quota).map { hard in
            ResourceQuota(
                metadata: ObjectMeta(name: Self.policyObjectName, namespace: ns, labels: labels),
                spec: ResourceQuotaSpec(hard: hard))
        }
        limitRange = Self.limits(tenant.spec.limits).map { item in
            LimitRange(
                metadata: ObjectMeta(name: Self.policyObjectName, namespace: ns, labels: labels),
                spec: LimitRangeSpec(limits: [item]))
        }
        networkPolicies = Self.networkPolicies(
            tenant.spec.network, namespace: ns, labels: labels, configuration: configuration)
        roleBindings = Self.roleBindings(tenant.spec.roleBindings ?? [], namespace: ns, labels: labels)
        serviceAccount = ServiceAccount(
            metadata: ObjectMeta(name: Self.workbenchServiceAccount, namespace: ns, labels: labels),
            automountServiceAccountToken: false)
        denyAllPolicy = PolicyRendering.denyAll.configMap(namespace: ns, labels: labels)
    }

    /// The ResourceQuota's `hard` list, or nil when the tenant sets no totals.
    /// `runningWorkbenches` and `workbenches` are enforced by the controller, not here.
    static func quota(_ quota: TenantQuota?) -> [String: Quantity]? {
        guard let quota else { return nil }
        var hard: [String: Quantity] = [:]
        hard["requests.cpu"] = quota.cpu
        hard["requests.memory"] = quota.memory
        hard["requests.nvidia.com/gpu"] = quota.gpu
        hard["requests.storage"] = quota.storage
        hard["persistentvolumeclaims"] = quota.persistentVolumeClaims.map { Quantity(Int64($0)) }
        for (name, value) in quota.additional ?? [:] { hard[name] = value }
        return hard.isEmpty ? nil : hard
    }

    /// The LimitRange's Container item, or nil when the tenant sets no limits.
    static func limits(_ limits: TenantLimits?) -> LimitRangeItem? {
        guard let limits else { return nil }
        let empty = [limits.defaultRequest, limits.defaultLimit, limits.max, limits.min].allSatisfy {
            $0?.isEmpty ?? true
        }
        if empty { return nil }
        return LimitRangeItem(
            type: "Container", max: limits.max, min: limits.min, default: limits.defaultLimit,
            defaultRequest: limits.defaultRequest)
    }

    /// Ingress: only from the ingress controller's namespace, the tenant's further
    /// namespaces and the namespace itself. Egress: DNS, the namespace itself and what
    /// the tenant allows.
    static func networkPolicies(
        _ network: TenantNetwork?, namespace: String, labels: [String: String],
        configuration: ControllerConfiguration
    ) -> [NetworkPolicy] {
        let ingressNamespaces = [configuration.ingressControllerNamespace] + (network?.ingressNamespaces ?? [])
        var from = [NetworkPolicyPeer(podSelector: LabelSelector())]
        for name in ingressNamespaces where name != namespace {
            from.append(NetworkPolicyPeer(namespaceSelector: namespaceSelector(name)))
        }
        let ingress = NetworkPolicy(
            metadata: ObjectMeta(name: ingressPolicyName, namespace: namespace, labels: labels),
            spec: NetworkPolicySpec(
                podSelector: LabelSelector(), ingress: [NetworkPolicyIngressRule(from: from)],
                policyTypes: ["Ingress"]))

        var egress: [NetworkPolicyEgressRule] = [
            NetworkPolicyEgressRule(
                ports: [
                    NetworkPolicyPort(protocol: "UDP", port: .int(53)),
                    NetworkPolicyPort(protocol: "TCP", port: .int(53)),
                ],
                to: [
                    NetworkPolicyPeer(
                        podSelector: LabelSelector(matchLabels: ["k8s-app": "kube-dns"]),
                        namespaceSelector: namespaceSelector("kube-system"))
                ]),
            NetworkPolicyEgressRule(to: [NetworkPolicyPeer(podSelector: LabelSelector())]),
        ]
        for rule in network?.egress ?? [] {
            var peers: [NetworkPolicyPeer] = []
            if let cidr = rule.cidr {
                peers.append(NetworkPolicyPeer(ipBlock: IPBlock(cidr: cidr, except: rule.except)))
            }
            if let name = rule.namespaceName {
                peers.append(NetworkPolicyPeer(namespaceSelector: namespaceSelector(name)))
            }
            let ports = rule.ports.flatMap { $0.isEmpty ? nil : $0.map(networkPort) }
            egress.append(NetworkPolicyEgressRule(ports: ports, to: peers.isEmpty ? nil : peers))
        }
        let egressPolicy = NetworkPolicy(
            metadata: ObjectMeta(name: egressPolicyName, namespace: namespace, labels: labels),
            spec: NetworkPolicySpec(podSelector: LabelSelector(), egress: egress, policyTypes: ["Egress"]))
        return [ingress, egressPolicy]
    }

    /// A selector of one namespace by the label Kubernetes sets on every namespace.
    static func namespaceSelector(_ name: String) -> LabelSelector {
        LabelSelector(matchLabels: ["kubernetes.io/metadata.name": name])
    }

    static func networkPort(_ port: NetworkPort) -> NetworkPolicyPort {
        NetworkPolicyPort(
            protocol: (port.protocol ?? .tcp).rawValue, port: .int(port.port), endPort: port.endPort)
    }

    /// One RoleBinding per role, subjects sorted so the output is stable.
    static func roleBindings(
        _ bindings: [TenantRoleBinding], namespace: String, labels: [String: String]
    ) -> [RoleBinding] {
        var byRole: [TenantRole: (groups: Set<String>, users: Set<String>)] = [:]
        for binding in bindings {
            byRole[binding.role, default: ([], [])].groups.formUnion(binding.groups ?? [])
            byRole[binding.role, default: ([], [])].users.formUnion(binding.users ?? [])
        }
        return TenantRole.allCases.compactMap { role in
            guard let entry = byRole[role], !(entry.groups.isEmpty && entry.users.isEmpty) else { return nil }
            let subjects =
                entry.groups.sorted().map { Subject(kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: $0) }
                + entry.users.sorted().map { Subject(kind: "User", apiGroup: "rbac.authorization.k8s.io", name: $0) }
            return RoleBinding(
                metadata: ObjectMeta(name: role.clusterRoleName, namespace: namespace, labels: labels),
                roleRef: RoleRef(kind: "ClusterRole", name: role.clusterRoleName), subjects: subjects)
        }
    }
}
