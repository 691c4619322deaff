import AstroliftAPI
import Foundation
import KubeCore
import KubeModels

/// What a Workbench runs with once the defaults of its tenant and class are applied.
public struct ResolvedWorkbench: Sendable, Hashable {
    /// The class's name and spec.
    public var className: String
    public var workbenchClass: WorkbenchClassSpec
    /// The profile in use.
    public var profile: WorkbenchProfile
    /// 0 never stops it.
    public var idleTimeout: KubeDuration
    /// 0 means no limit.
    public var maxLifetime: KubeDuration
    /// The home volume's size and class (nil: the cluster default).
    public var homeSize: Quantity
    public var storageClassName: String?
    /// Where the home volume is mounted; also HOME.
    public var homeMountPath: String
    /// The gateway policy rendering the sidecar enforces.
    public var policy: ResolvedPolicy
    /// The IdentityProvider the auth proxy uses, if any.
    public var identityProvider: String?
    /// The tenant's RuntimeClass and node selector.
    public var runtimeClassName: String?
    public var tenantNodeSelector: [String: String]
    /// The content hashes of the mounted Secrets a KMSSecret maintains, by Secret name:
    /// they go into the pod template so a changed value rolls the session.
    public var secretHashes: [String: String] = [:]
}

/// The rendering a workbench's gateway mounts.
public struct ResolvedPolicy: Sendable, Hashable {
    /// The GatewayPolicy's name; nil for the deny-all rendering.
    public var policyName: String?
    /// The ConfigMap holding the rendering.
    public var configMapName: String
    /// Its hash.
    public var hash: String
    /// The credentials the gateway mounts.
    public var credentials: [PolicyRendering.ProviderCredential]
    /// The providers' base URLs, which the workbench's NetworkPolicy opens for egress.
    public var endpoints: [String]

    /// Reads a published rendering (a ConfigMap written by the GatewayPolicy controller).
    public static func from(configMap: ConfigMap, policyName: String?) -> ResolvedPolicy? {
        guard let hash = configMap.metadata.annotations?[AstroliftLabels.policyHash],
            let json = configMap.data?[PolicyRendering.fileName],
            let document = try? JSONValue.parse(Data(json.utf8))
        else { return nil }
        var credentials: [PolicyRendering.ProviderCredential] = []
        let providers = document["providers"]?.arrayValue ?? []
        for provider in providers {
            guard let name = provider["name"]?.stringValue,
                let secret = provider["credentialSecret"]?["name"]?.stringValue,
                let key = provider["credentialSecret"]?["key"]?.stringValue
            else { continue }
            credentials.append(.init(provider: name, secretName: secret, key: key))
        }
        return ResolvedPolicy(
            policyName: policyName, configMapName: configMap.metadata.name ?? "", hash: hash,
            credentials: credentials, endpoints: providers.compactMap { $0["endpoint"]?.stringValue })
    }
}

/// Why a Workbench cannot run (yet): the condition it gets and whether it is a policy stop.
public struct ResolutionFailure: Error, Sendable, Hashable {
    /// The condition type that is False (`ClassResolved` or `PolicyApplied`).
    public var conditionType: String
    /// A CamelCase reason.
    public var reason: String
    /// What is wrong and what to do, naming the field.
    public var message: String
    /// Whether the class or tenant forbids running (stop reason Policy) rather than something missing.
    public var forbidden: Bool
}

/// Resolves a Workbench against its tenant, class and policy: pure, so every default and
/// refusal is unit-tested.
public enum WorkbenchResolution {
    /// The cluster lookups resolution needs.
    public struct Lookup: Sendable {
        /// The tenant owning the workbench's namespace.
        public var tenant: Tenant?
        /// WorkbenchClass by name.
        public var workbenchClass: @Sendable (String) -> WorkbenchClass?
        /// A published policy rendering by ConfigMap name, in the workbench's namespace.
        public var policyConfigMap: @Sendable (String) -> ConfigMap?
        /// The content hash of a Secret in the workbench's namespace that a KMSSecret
        /// maintains (its `astrolift.dev/content-hash` annotation), by name; nil for others.
        public var secretHash: @Sendable (String) -> String?

        public init(
            tenant: Tenant?, workbenchClass: @escaping @Sendable (String) -> WorkbenchClass?,
            policyConfigMap: @escaping @Sendable (String) -> ConfigMap?,
            secretHash: @escaping @Sendable (String) -> String? = { _ in nil }
        ) {
            self.tenant = tenant
            self.workbenchClass = workbenchClass
            self.policyConfigMap = policyConfigMap
            self.secretHash = secretHash
        }
    }

    /// - Parameter allowDisabledClass: the workbench is already provisioned; a disabled
    ///   class refuses new workbenches only.
    public static func resolve(
        _ workbench: Workbench, lookup: Lookup, configuration: ControllerConfiguration,
        allowDisabledClass: Bool = false
    ) -> Result<ResolvedWorkbench, ResolutionFailure> {
        let spec = workbench.spec
        let namespace = workbench.metadata.namespace ?? ""
        guard let tenant = lookup.tenant else {
            return .failure(
                .init(
                    conditionType: "ClassResolved", reason: "NoTenant",
                    message:
                        "namespace \(namespace) belongs to no Tenant: create Workbenches in a tenant's namespace (kubectl get tenants)",
                    forbidden: false))
        }
        let defaults = tenant.spec.defaults
        let className = spec.classRef.name
        if let allowed = tenant.spec.allowedWorkbenchClasses, !allowed.isEmpty, !allowed.contains(className) {
            return .failure(
                .init(
                    conditionType: "ClassResolved", reason: "ClassNotAllowed",
                    message:
                        "spec.classRef.name: tenant \(tenant.metadata.name ?? "") does not allow class \"\(className)\" (allowed: \(allowed.joined(separator: ", ")))",
                    forbidden: true))
        }
        guard let wbClass = lookup.workbenchClass(className) else {
            return .failure(
                .init(
                    conditionType: "ClassResolved", reason: "ClassNotFound",
                    message:
                        "spec.classRef.name: WorkbenchClass \"\(className)\" does not exist; create it or choose another class (kubectl get workbenchclasses)",
                    forbidden: false))
        }
        if wbClass.spec.disabled ?? false, !allowDisabledClass {
            return .failure(
                .init(
                    conditionType: "ClassResolved", reason: "ClassDisabled",
                    message: "spec.classRef.name: WorkbenchClass \"\(className)\" is disabled; choose another class",
                    forbidden: true))
        }
        if let problem = WorkbenchClassValidation.problems(wbClass.spec).first {
            return .failure(
                .init(
                    conditionType: "ClassResolved", reason: "ClassInvalid",
                    message: "WorkbenchClass \"\(className)\" is invalid: \(problem)", forbidden: false))
        }
        let profileName =
            spec.profile
            ?? defaults?.profile.flatMap { name in wbClass.spec.profiles.contains { $0.name == name } ? name : nil }
        guard let profile = wbClass.spec.profile(named: profileName) else {
            let names = wbClass.spec.profiles.map(\.name).joined(separator: ", ")
            let field =
                spec.profile == nil ? "spec.profile is empty and the class has no defaultProfile" : "spec.profile"
            return .failure(
                .init(
                    conditionType: "ClassResolved", reason: "ProfileNotFound",
                    message:
                        "\(field): WorkbenchClass \"\(className)\" has no profile \"\(profileName ?? "")\" (it has: \(names))",
                    forbidden: false))
        }

        let policyName = spec.gatewayPolicyRef?.name ?? defaults?.gatewayPolicyRef?.name
        let configMapName =
            policyName.map(PolicyRendering.configMapName(forPolicy:)) ?? PolicyRendering.denyAllConfigMapName
        guard let configMap = lookup.policyConfigMap(configMapName),
            let policy = ResolvedPolicy.from(configMap: configMap, policyName: policyName)
        else {
            let message =
                policyName.map {
                    "GatewayPolicy \"\($0)\" in namespace \(namespace) has no valid rendering yet: create it or fix it (kubectl describe gatewaypolicy \($0) -n \(namespace))"
                } ?? "the tenant's deny-all gateway policy is not published yet"
            return .failure(
                .init(conditionType: "PolicyApplied", reason: "PolicyNotReady", message: message, forbidden: false))
        }

        return .success(
            ResolvedWorkbench(
                className: className, workbenchClass: wbClass.spec, profile: profile,
                idleTimeout: spec.idleTimeout ?? defaults?.idleTimeout ?? wbClass.spec.idleTimeout ?? .zero,
                maxLifetime: spec.maxLifetime ?? defaults?.maxLifetime ?? wbClass.spec.maxLifetime ?? .zero,
                homeSize: spec.home?.size ?? defaults?.homeSize ?? wbClass.spec.home?.size
                    ?? Quantity(10 << 30, format: .binarySI),
                storageClassName: spec.home?.storageClassName ?? defaults?.storageClassName
                    ?? configuration.defaultStorageClass,
                homeMountPath: wbClass.spec.home?.mountPath ?? "/home/workbench",
                policy: policy,
                identityProvider: spec.access?.identityProviderRef?.name ?? tenant.spec.identityProviderRef?.name,
                runtimeClassName: tenant.spec.runtimeClassName,
                tenantNodeSelector: tenant.spec.nodeSelector ?? [:],
                secretHashes: Dictionary(
                    (spec.secrets ?? []).compactMap { s in lookup.secretHash(s.name).map { (s.name, $0) } }
                ) { first, _ in first }))
    }
}
