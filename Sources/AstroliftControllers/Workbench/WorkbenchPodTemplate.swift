import AstroliftAPI
import KubeCore
import KubeModels

/// The pod of a Workbench: the workbench container from class and profile, hardened, and
/// the gateway sidecar (plus the auth proxy when an identity provider is known) as native
/// sidecars. Pure: the same inputs give the same template.
public enum WorkbenchPodTemplate {
    /// The gateway's port on the pod's loopback; model SDKs are pointed here.
    public static let gatewayPort: Int32 = 15080
    /// The gateway's health port (kubelet probes cannot reach loopback).
    public static let gatewayHealthPort: Int32 = 15081
    /// The auth proxy's port, which the Service targets when there is an auth proxy.
    public static let authProxyPort: Int32 = 4180
    /// The base of the gateway's URL as the workbench container sees it.
    public static var gatewayURL: String { "http://127.0.0.1:\(gatewayPort)" }

    /// Environment variables that carry model-provider credentials. Never set in the
    /// workbench container, whoever asks: the gateway holds the credentials.
    public static let credentialVariables: Set<String> = [
        "OPENAI_API_KEY", "OPENAI_ORG_ID", "OPENAI_ORGANIZATION", "OPENAI_PROJECT_ID",
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN",
        "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "AZURE_API_KEY",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK",
        "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
        "GOOGLE_API_KEY", "GEMINI_API_KEY", "GOOGLE_APPLICATION_CREDENTIALS", "VERTEXAI_CREDENTIALS",
        "MISTRAL_API_KEY", "COHERE_API_KEY", "CO_API_KEY", "GROQ_API_KEY", "TOGETHER_API_KEY",
        "OPENROUTER_API_KEY", "XAI_API_KEY", "DEEPSEEK_API_KEY", "FIREWORKS_API_KEY", "PERPLEXITY_API_KEY",
        "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HUGGINGFACEHUB_API_TOKEN", "REPLICATE_API_TOKEN",
    ]

    /// The base-URL variables the controller sets to the gateway; a user's values are replaced.
    public static var gatewayVariables: [EnvVar] {
        [
            EnvVar(name: "ASTROLIFT_GATEWAY_URL", value: gatewayURL),
            EnvVar(name: "OPENAI_BASE_URL", value: "\(gatewayURL)/openai/v1"),
            EnvVar(name: "OPENAI_API_BASE", value: "\(gatewayURL)/openai/v1"),
            EnvVar(name: "ANTHROPIC_BASE_URL", value: "\(gatewayURL)/anthropic"),
            EnvVar(name: "AZURE_OPENAI_ENDPOINT", value: "\(gatewayURL)/azure-openai"),
            EnvVar(name: "GOOGLE_GEMINI_BASE_URL", value: "\(gatewayURL)/gemini"),
            EnvVar(name: "GEMINI_API_BASE", value: "\(gatewayURL)/gemini"),
            EnvVar(name: "MISTRAL_API_BASE", value: "\(gatewayURL)/mistral"),
            EnvVar(name: "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", value: "\(gatewayURL)/bedrock"),
            EnvVar(name: "OLLAMA_HOST", value: "\(gatewayURL)/ollama"),
        ]
    }

    /// The pod template and what was removed from the user's settings.
    public struct Output: Sendable, Hashable {
        public var template: PodTemplateSpec
        /// Environment variables and secret mounts dropped because they would carry provider credentials.
        public var removed: [String]
    }

    /// The selector labels of a workbench's pod (immutable in the StatefulSet).
    public static func selectorLabels(workbench name: String) -> [String: String] {
        [AstroliftLabels.workbench: name, AstroliftLabels.name: "workbench"]
    }

    public static func make(
        workbench: Workbench, resolved: ResolvedWorkbench, configuration: ControllerConfiguration
    ) -> Output {
        let name = workbench.metadata.name ?? ""
        let namespace = workbench.metadata.namespace ?? ""
        let wbClass = resolved.workbenchClass
        let security = wbClass.securityContext
        var removed: [String] = []

        // Environment: class, then workbench (same name replaces), minus credentials and
        // anything reading a provider credential Secret, then the gateway's URLs.
        let credentialSecrets = Set(resolved.policy.credentials.map(\.secretName))
        let gatewayNames = Set(gatewayVariables.map(\.name))
        var env: [EnvVar] = []
        for variable in (wbClass.env ?? []) + (workbench.spec.env ?? []) {
            env.removeAll { $0.name == variable.name }
            env.append(variable)
        }
        env = env.filter { variable in
            if credentialVariables.contains(variable.name)
                || variable.valueFrom?.secretKeyRef.map({ credentialSecrets.contains($0.name ?? "") }) == true
            {
                removed.append("env \(variable.name)")
                return false
            }
            return !gatewayNames.contains(variable.name) && variable.name != "HOME"
        }
        env = [EnvVar(name: "HOME", value: resolved.homeMountPath)] + env + gatewayVariables

        // Volumes and mounts.
        var volumes: [Volume] = [
            Volume(
                name: "home",
                persistentVolumeClaim: PersistentVolumeClaimVolumeSource(
                    claimName: WorkbenchDesired.homeClaimName(name))),
            Volume(name: "tmp", emptyDir: EmptyDirVolumeSource()),
        ]
        var mounts = [
            VolumeMount(name: "home", mountPath: resolved.homeMountPath),
            VolumeMount(name: "tmp", mountPath: "/tmp"),
        ]
        for (i, path) in (security?.writablePaths ?? []).sorted().enumerated() {
            volumes.append(Volume(name: "writable-\(i)", emptyDir: EmptyDirVolumeSource()))
            mounts.append(VolumeMount(name: "writable-\(i)", mountPath: path))
        }
        for secret in workbench.spec.secrets ?? [] {
            if credentialSecrets.contains(secret.name) {
                removed.append("secret \(secret.name)")
                continue
            }
            let volumeName = "secret-\(secret.name)".replacingOccurrences(of: ".", with: "-")
            volumes.append(Volume(name: volumeName, secret: SecretVolumeSource(secretName: secret.name)))
            mounts.append(
                VolumeMount(
                    name: volumeName,
                    mountPath: secret.mountPath ?? WorkbenchSecretMount.defaultMountPath(for: secret.name),
                    readOnly: true))
        }
        volumes.append(
            Volume(
                name: "gateway-policy",
                configMap: ConfigMapVolumeSource(
                    name: resolved.policy.configMapName,
                    items: [KeyToPath(key: PolicyRendering.fileName, path: PolicyRendering.fileName)])))
        volumes.append(Volume(name: "gateway-tmp", emptyDir: EmptyDirVolumeSource()))
        var gatewayMounts = [
            VolumeMount(name: "gateway-policy", mountPath: PolicyRendering.mountDirectory, readOnly: true),
            VolumeMount(name: "gateway-tmp", mountPath: "/tmp"),
        ]
        if !resolved.policy.credentials.isEmpty {
            let sources = resolved.policy.credentials.map { credential in
                VolumeProjection(
                    secret: SecretProjection(
                        name: credential.secretName,
                        items: [KeyToPath(key: credential.key, path: "\(credential.provider)/credential")]))
            }
            volumes.append(
                Volume(
                    name: "provider-credentials", projected: ProjectedVolumeSource(sources: sources, defaultMode: 0o400)
                ))
            gatewayMounts.append(
                VolumeMount(
                    name: "provider-credentials", mountPath: PolicyRendering.credentialsDirectory, readOnly: true))
        }

        // Resources: the profile's, with GPUs as an extended resource (requests = limits).
        var requests = resolved.profile.resources?.requests ?? [:]
        var limits = resolved.profile.resources?.limits ?? [:]
        if let gpu = resolved.profile.gpu {
            let resource = gpu.resourceName ?? ProfileGPU.defaultResourceName
            requests[resource] = Quantity(Int64(gpu.count))
            limits[resource] = Quantity(Int64(gpu.count))
        }

        let readiness: Probe =
            wbClass.healthPath.map {
                Probe(httpGet: HTTPGetAction(path: $0, port: .int(wbClass.port)), periodSeconds: 5)
            }
            ?? Probe(tcpSocket: TCPSocketAction(port: .int(wbClass.port)), periodSeconds: 5)
        let workbenchContainer = Container(
            name: "workbench", image: wbClass.image,
            imagePullPolicy: (wbClass.imagePullPolicy ?? .ifNotPresent).rawValue,
            command: wbClass.command, args: wbClass.args, workingDir: wbClass.workingDir,
            ports: [ContainerPort(name: "http", containerPort: wbClass.port, protocol: "TCP")], env: env,
            resources: requests.isEmpty && limits.isEmpty
                ? nil
                : ResourceRequirements(
                    limits: limits.isEmpty ? nil : limits, requests: requests.isEmpty ? nil : requests),
            volumeMounts: mounts, readinessProbe: readiness,
            securityContext: hardened(readOnlyRoot: security?.readOnlyRootFilesystem ?? true))

        let downward = [
            EnvVar(
                name: "POD_NAME", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "metadata.name"))),
            EnvVar(
                name: "POD_NAMESPACE",
                valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "metadata.namespace"))),
            EnvVar(name: "ASTROLIFT_WORKBENCH", value: "\(namespace)/\(name)"),
        ]
        var gateway = Container(
            name: "gateway", image: configuration.gatewayImage, imagePullPolicy: "IfNotPresent",
            args: [
                "gateway", "--policy=\(PolicyRendering.mountDirectory)/\(PolicyRendering.fileName)",
                "--listen=127.0.0.1:\(gatewayPort)", "--health-probe-bind-address=:\(gatewayHealthPort)",
                "--credentials-dir=\(PolicyRendering.credentialsDirectory)",
            ],
            ports: [ContainerPort(name: "gateway-health", containerPort: gatewayHealthPort, protocol: "TCP")],
            env: downward,
            resources: ResourceRequirements(
                limits: ["memory": Quantity(256 << 20, format: .binarySI)],
                requests: ["cpu": Quantity(milli: 50), "memory": Quantity(64 << 20, format: .binarySI)]),
            volumeMounts: gatewayMounts,
            readinessProbe: Probe(
                httpGet: HTTPGetAction(path: "/readyz", port: .int(gatewayHealthPort)), periodSeconds: 5),
            securityContext: hardened(readOnlyRoot: true))
        gateway.restartPolicy = "Always"
        var initContainers = [gateway]

        if let idp = resolved.identityProvider {
            let access = workbench.spec.access
            var args = [
                "auth-proxy", "--identity-provider=\(idp)", "--listen=:\(authProxyPort)",
                "--upstream=http://127.0.0.1:\(wbClass.port)", "--allowed-user=\(workbench.spec.owner)",
            ]
            args += (access?.users ?? []).sorted().map { "--allowed-user=\($0)" }
            args += (access?.groups ?? []).sorted().map { "--allowed-group=\($0)" }
            var proxy = Container(
                name: "auth-proxy", image: configuration.authProxyImage, imagePullPolicy: "IfNotPresent", args: args,
                ports: [ContainerPort(name: "auth-proxy", containerPort: authProxyPort, protocol: "TCP")],
                env: downward,
                resources: ResourceRequirements(
                    limits: ["memory": Quantity(128 << 20, format: .binarySI)],
                    requests: ["cpu": Quantity(milli: 20), "memory": Quantity(32 << 20, format: .binarySI)]),
                readinessProbe: Probe(
                    httpGet: HTTPGetAction(path: "/ping", port: .int(authProxyPort)), periodSeconds: 5),
                securityContext: hardened(readOnlyRoot: true))
            proxy.restartPolicy = "Always"
            initContainers.append(proxy)
        }

        var nodeSelector = resolved.profile.nodeSelector ?? [:]
        nodeSelector.merge(resolved.tenantNodeSelector) { $1 }
        let spec = PodSpec(
            containers: [workbenchContainer], initContainers: initContainers, volumes: volumes,
            restartPolicy: "Always", terminationGracePeriodSeconds: 30,
            nodeSelector: nodeSelector.isEmpty ? nil : nodeSelector,
            tolerations: resolved.profile.tolerations,
            serviceAccountName: TenantDesired.workbenchServiceAccount, automountServiceAccountToken: false,
            securityContext: PodSecurityContext(
                runAsUser: security?.runAsUser ?? 1000, runAsGroup: security?.runAsGroup ?? 1000, runAsNonRoot: true,
                fsGroup: security?.fsGroup ?? 1000, fsGroupChangePolicy: "OnRootMismatch",
                seccompProfile: SeccompProfile(type: "RuntimeDefault")),
            imagePullSecrets: configuration.imagePullSecrets.isEmpty
                ? nil : configuration.imagePullSecrets.map { LocalObjectReference(name: $0) },
            hostname: name, runtimeClassName: resolved.runtimeClassName, enableServiceLinks: false)

        var labels = AstroliftLabels.common(name: "workbench", instance: name, component: "session")
        labels.merge(selectorLabels(workbench: name)) { $1 }
        var annotations = [
            AstroliftLabels.policyHash: resolved.policy.hash,
            "kubectl.kubernetes.io/default-container": "workbench",
        ]
        // Mounted Secrets are re-read by the kubelet, but programs read them at start: roll instead.
        let mounted = Set((workbench.spec.secrets ?? []).map(\.name)).subtracting(credentialSecrets)
        if let hash = KMSSecretDesired.podSecretsHash(resolved.secretHashes.filter { mounted.contains($0.key) }) {
            annotations[KMSSecretDesired.podSecretsHashAnnotation] = hash
        }
        return Output(
            template: PodTemplateSpec(metadata: ObjectMeta(labels: labels, annotations: annotations), spec: spec),
            removed: removed)
    }

    /// Non-root, no privilege escalation, every capability dropped, RuntimeDefault seccomp.
    static func hardened(readOnlyRoot: Bool) -> SecurityContext {
        SecurityContext(
            runAsNonRoot: true, readOnlyRootFilesystem: readOnlyRoot, allowPrivilegeEscalation: false,
            privileged: false, capabilities: Capabilities(drop: ["ALL"]),
            seccompProfile: SeccompProfile(type: "RuntimeDefault"))
    }
}
