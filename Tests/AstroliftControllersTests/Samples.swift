import AstroliftAPI
import AstroliftControllers
import Foundation
import KubeCore
import KubeModels

/// Objects the tests build on: a class with small and gpu profiles, a tenant, a policy.
enum Samples {
    static let digest = String(repeating: "ab", count: 32)

    static func workbenchClass(name: String = "lab", idle: String? = nil, lifetime: String? = nil) -> WorkbenchClass {
        var spec = WorkbenchClassSpec(
            image: "registry.example.com/lab@sha256:\(digest)", port: 8888,
            profiles: [
                WorkbenchProfile(
                    name: "small",
                    resources: ProfileResources(
                        requests: ["cpu": Quantity(milli: 500), "memory": Quantity(2 << 30, format: .binarySI)],
                        limits: ["memory": Quantity(2 << 30, format: .binarySI)])),
                WorkbenchProfile(
                    name: "gpu", gpu: ProfileGPU(count: 1), nodeSelector: ["pool": "gpu"],
                    tolerations: [Toleration(key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule")]),
            ],
            defaultProfile: "small")
        spec.healthPath = "/api/status"
        spec.env = [
            EnvVar(name: "JUPYTER_ENABLE_LAB", value: "yes"), EnvVar(name: "OPENAI_API_KEY", value: "sk-class"),
        ]
        spec.idleTimeout = idle.flatMap(KubeDuration.init) ?? KubeDuration("1h")
        spec.maxLifetime = lifetime.flatMap(KubeDuration.init) ?? .zero
        spec.home = WorkbenchClassHome(mountPath: "/home/jovyan", size: Quantity(10 << 30, format: .binarySI))
        return WorkbenchClass(metadata: ObjectMeta(name: name), spec: spec)
    }

    static func tenant(name: String = "team", runningQuota: Int32? = nil, policy: String? = "default") -> Tenant {
        var spec = TenantSpec()
        spec.roleBindings = [
            TenantRoleBinding(role: .user, groups: ["team", "analysts"], users: ["ada@example.com"]),
            TenantRoleBinding(role: .admin, groups: ["team-admins"]),
        ]
        var quota = TenantQuota()
        quota.cpu = Quantity(16)
        quota.gpu = Quantity(2)
        quota.persistentVolumeClaims = 10
        quota.runningWorkbenches = runningQuota
        spec.quota = quota
        var limits = TenantLimits()
        limits.defaultRequest = ["cpu": Quantity(milli: 250)]
        spec.limits = limits
        spec.network = TenantNetwork(
            ingressNamespaces: ["monitoring"],
            egress: [TenantEgressRule(cidr: "10.20.0.0/16", ports: [NetworkPort(port: 443)])])
        spec.defaults = TenantDefaults(gatewayPolicyRef: policy.map { NameReference(name: $0) })
        spec.nodeSelector = ["tenant": name]
        return Tenant(metadata: ObjectMeta(name: name), spec: spec)
    }

    static func policy(name: String = "default", namespace: String = "team", credentials: String? = "openai-key")
        -> GatewayPolicy
    {
        var provider = ModelProvider(name: "openai", type: .openAI)
        provider.credentialsSecretRef = credentials.map { SecretKeyReference(name: $0, key: "api-key") }
        provider.models = ["gpt-4o*"]
        var spec = GatewayPolicySpec()
        spec.providers = [
            provider, ModelProvider(name: "local", type: .openAICompatible, endpoint: "http://vllm.models.svc:8000/v1"),
        ]
        spec.tools = ToolPolicy(defaultAction: .deny, rules: [ToolRule(tool: "filesystem.*", action: .allow)])
        return GatewayPolicy(metadata: ObjectMeta(name: name, namespace: namespace), spec: spec)
    }

    static func workbench(
        name: String = "ada", namespace: String = "team", className: String = "lab", profile: String? = nil
    ) -> Workbench {
        Workbench(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: WorkbenchSpec(owner: "ada@example.com", classRef: NameReference(name: className), profile: profile))
    }

    /// The rendering of `policy` as the GatewayPolicy controller publishes it.
    static func publishedConfigMap(_ policy: GatewayPolicy) -> ConfigMap? {
        guard case .success(let rendering) = PolicyRendering.render(policy, secretKeys: { _ in ["api-key"] }) else {
            return nil
        }
        return rendering.configMap(namespace: policy.metadata.namespace ?? "", labels: [:])
    }

    static func lookup(
        tenant: Tenant? = Samples.tenant(), classes: [WorkbenchClass] = [Samples.workbenchClass()],
        configMaps: [ConfigMap] = [Samples.publishedConfigMap(Samples.policy())].compactMap { $0 }
    ) -> WorkbenchResolution.Lookup {
        WorkbenchResolution.Lookup(
            tenant: tenant, workbenchClass: { name in classes.first { $0.metadata.name == name } },
            policyConfigMap: { name in configMaps.first { $0.metadata.name == name } })
    }
}
