import AstroliftAPI
import KubeCore
import KubeModels

/// Hand-written objects of every kind with every spec field set, built through the
/// public initializers as controllers will build them. (Union members are all set at
/// once here: the CEL rules that forbid that are not what these check.)
enum FullSamples {
    struct Sample {
        var json: JSONValue
        var schema: Schema
        var value: Any
    }

    static func all() throws -> [(String, Sample)] {
        func sample<K: AstroliftResource>(_ object: K) throws -> (String, Sample) {
            (K.resource.kind, Sample(json: try JSONValue(encoding: object), schema: K.schema, value: object))
        }
        return [
            try sample(tenant()), try sample(workbenchClass()), try sample(workbench()), try sample(gatewayPolicy()),
            try sample(ClusterKeyProvider(metadata: ObjectMeta(name: "corp-kms"), spec: keyProviderSpec())),
            try sample(
                KeyProvider(metadata: ObjectMeta(name: "team-kms", namespace: "team-a"), spec: keyProviderSpec())),
            try sample(kmsSecret()), try sample(identityProvider()),
        ]
    }

    static let ready = Condition(
        type: "Ready", status: .true, reason: "Reconciled", message: "all good", observedGeneration: 2,
        lastTransitionTime: Time(rfc3339: "2026-05-01T12:00:00Z") ?? .now())
    static let time = Time(rfc3339: "2026-05-01T12:00:00Z") ?? .now()
    static let hash = "sha256:" + String(repeating: "ab", count: 32)
    static let resources: [String: Quantity] = ["cpu": Quantity(milli: 500), "memory": Quantity(2 << 30)]

    static func tenant() -> Tenant {
        Tenant(
            metadata: ObjectMeta(name: "team-a"),
            spec: TenantSpec(
                displayName: "Team A",
                namespace: TenantNamespace(
                    name: "team-a", podSecurity: .restricted, labels: ["cost-center": "42"],
                    annotations: ["owner": "platform"]),
                identityProviderRef: NameReference(name: "corp-sso"),
                roleBindings: [TenantRoleBinding(role: .admin, groups: ["team-a-admins"], users: ["ada@example.com"])],
                quota: TenantQuota(
                    workbenches: 20, runningWorkbenches: 10, cpu: Quantity(32), memory: Quantity(128 << 30),
                    gpu: Quantity(4), storage: Quantity(1 << 40), persistentVolumeClaims: 30,
                    additional: ["limits.memory": Quantity(256 << 30)]),
                limits: TenantLimits(
                    defaultRequest: resources, defaultLimit: resources, max: ["memory": Quantity(64 << 30)],
                    min: ["cpu": Quantity(milli: 10)]),
                network: TenantNetwork(
                    ingressNamespaces: ["monitoring"],
                    egress: [
                        TenantEgressRule(
                            description: "package mirror", cidr: "10.20.0.0/16", except: ["10.20.1.0/24"],
                            namespaceName: "mirror", ports: [NetworkPort(port: 443, endPort: 444, protocol: .tcp)])
                    ]),
                defaults: TenantDefaults(
                    workbenchClassRef: NameReference(name: "jupyter"), profile: "small",
                    gatewayPolicyRef: NameReference(name: "default"), idleTimeout: .minutes(90),
                    maxLifetime: .hours(12), storageClassName: "fast", homeSize: Quantity(20 << 30)),
                allowedWorkbenchClasses: ["jupyter"], runtimeClassName: "gvisor",
                nodeSelector: ["pool": "workbenches"]),
            status: TenantStatus(
                namespace: "team-a", workbenches: 3, runningWorkbenches: 1, conditions: [ready], observedGeneration: 2)
        )
    }

    static func workbenchClass() -> WorkbenchClass {
        WorkbenchClass(
            metadata: ObjectMeta(name: "jupyter"),
            spec: WorkbenchClassSpec(
                displayName: "JupyterLab", description: "Python notebooks", category: .lab, disabled: false,
                image: "quay.io/jupyter/minimal-notebook@sha256:" + String(repeating: "ab", count: 32),
                allowUnpinnedImage: false, imagePullPolicy: .ifNotPresent, command: ["start-notebook.py"],
                args: ["--ServerApp.base_url=/"], workingDir: "/home/jovyan", port: 8888, healthPath: "/api/status",
                env: [
                    EnvVar(
                        name: "POD", value: "unused",
                        valueFrom: EnvVarSource(
                            fieldRef: ObjectFieldSelector(apiVersion: "v1", fieldPath: "metadata.name"),
                            resourceFieldRef: ResourceFieldSelector(
                                containerName: "workbench", resource: "limits.memory", divisor: Quantity(1 << 20)),
                            configMapKeyRef: ConfigMapKeySelector(name: "settings", key: "theme", optional: true),
                            secretKeyRef: SecretKeySelector(name: "tokens", key: "hub", optional: false)))
                ],
                home: WorkbenchClassHome(mountPath: "/home/jovyan", size: Quantity(10 << 30)),
                securityContext: WorkbenchSecurity(
                    runAsUser: 1000, runAsGroup: 100, fsGroup: 100, readOnlyRootFilesystem: true,
                    writablePaths: ["/opt/conda/pkgs"]),
                profiles: [
                    WorkbenchProfile(
                        name: "gpu", displayName: "GPU", description: "one A100",
                        resources: ProfileResources(requests: resources, limits: resources),
                        gpu: ProfileGPU(count: 1, resourceName: "nvidia.com/gpu"),
                        nodeSelector: ["nvidia.com/gpu.present": "true"],
                        tolerations: [
                            Toleration(
                                key: "nvidia.com/gpu", operator: "Exists", value: "x", effect: "NoSchedule",
                                tolerationSeconds: 60)
                        ])
                ],
                defaultProfile: "gpu", idleTimeout: .hours(1), maxLifetime: .zero),
            status: WorkbenchClassStatus(workbenches: 2, conditions: [ready], observedGeneration: 1)
        )
    }

    static func workbench() -> Workbench {
        Workbench(
            metadata: ObjectMeta(name: "ada-lab", namespace: "team-a"),
            spec: WorkbenchSpec(
                owner: "ada@example.com", classRef: NameReference(name: "jupyter"), profile: "gpu", suspend: false,
                home: WorkbenchHome(size: Quantity(20 << 30), storageClassName: "fast", retainOnDelete: true),
                idleTimeout: .minutes(30), maxLifetime: .hours(8), gatewayPolicyRef: NameReference(name: "default"),
                secrets: [WorkbenchSecretMount(name: "db", mountPath: "/var/run/secrets/db")],
                env: [
                    EnvVar(
                        name: "TZ", value: "Europe/Paris",
                        valueFrom: EnvVarSource(
                            fieldRef: ObjectFieldSelector(apiVersion: "v1", fieldPath: "metadata.name"),
                            resourceFieldRef: ResourceFieldSelector(
                                containerName: "workbench", resource: "limits.cpu", divisor: Quantity(1)),
                            configMapKeyRef: ConfigMapKeySelector(name: "settings", key: "tz", optional: true),
                            secretKeyRef: SecretKeySelector(name: "tokens", key: "tz", optional: true)))
                ],
                access: WorkbenchAccess(
                    identityProviderRef: NameReference(name: "corp-sso"), users: ["grace@example.com"],
                    groups: ["team-a"])),
            status: WorkbenchStatus(
                phase: .running, stopReason: .idle, url: "https://ada-lab.team-a.example.com/", profile: "gpu",
                startedAt: time, lastActivityTime: time, gatewayPolicyHash: hash, homeClaimName: "ada-lab-home",
                conditions: [ready], observedGeneration: 4)
        )
    }

    static func gatewayPolicy() -> GatewayPolicy {
        GatewayPolicy(
            metadata: ObjectMeta(name: "default", namespace: "team-a"),
            spec: GatewayPolicySpec(
                failMode: .closed,
                providers: [
                    ModelProvider(
                        name: "azure", type: .azureOpenAI, endpoint: "https://acme.openai.azure.com",
                        region: "westeurope", credentialsSecretRef: SecretKeyReference(name: "azure", key: "api-key"),
                        models: ["gpt-4o*"])
                ],
                tools: ToolPolicy(
                    defaultAction: .deny,
                    rules: [ToolRule(tool: "github.*", action: .requireApproval, description: "writes need a human")]),
                content: ContentPolicy(
                    scanRequests: true, scanResponses: true,
                    detectors: [
                        ContentDetector(
                            name: "ids", type: .nationalID, action: .block, pattern: "X[0-9]+", countries: ["DE"])
                    ], promptInjection: .flag),
                budgets: GatewayBudgets(requestsPerMinute: 60, tokensPerMinute: 100_000, tokensPerDay: 1_000_000),
                audit: AuditPolicy(
                    includeContent: false,
                    sinks: [
                        AuditSink(
                            name: "siem", type: .http,
                            file: FileAuditSink(path: "/var/log/audit.ndjson", maxSize: Quantity("100Mi")),
                            http: HTTPAuditSink(
                                url: "https://splunk.example.com:8088/services/collector", format: .splunkHEC,
                                tokenSecretRef: SecretKeyReference(name: "splunk", key: "token"),
                                caBundleSecretRef: SecretKeyReference(name: "splunk", key: "ca.crt")))
                    ])),
            status: GatewayPolicyStatus(
                configMapName: "default-gateway-policy", hash: hash, workbenches: 2, conditions: [ready],
                observedGeneration: 1)
        )
    }

    static func keyProviderSpec() -> KeyProviderSpec {
        let secret = NamespacedSecretKeyReference(name: "kms", namespace: "astrolift-system", key: "key")
        return KeyProviderSpec(
            type: .aws,
            aws: AWSKMSProvider(
                keyID: "alias/astrolift", region: "eu-west-1", endpoint: "https://kms.eu-west-1.amazonaws.com",
                auth: AWSAuth(
                    secretRef: AWSCredentialsSecret(
                        name: "aws", namespace: "astrolift-system", accessKeyIDKey: "id", secretAccessKeyKey: "secret",
                        sessionTokenKey: "session"),
                    webIdentity: AWSWebIdentity(
                        roleARN: "arn:aws:iam::111122223333:role/kms", audience: "sts.amazonaws.com"))),
            gcp: GCPKMSProvider(
                keyName: "projects/p/locations/l/keyRings/r/cryptoKeys/k", endpoint: "https://kms.example.com",
                serviceAccountKeySecretRef: secret,
                workloadIdentity: GCPWorkloadIdentity(audience: "//iam.googleapis.com/x", serviceAccount: "a@b.c")),
            azure: AzureKeyVaultProvider(
                vaultURL: "https://acme.vault.azure.net", keyName: "astrolift", keyVersion: "abc123", tenantID: "t",
                clientID: "c", clientSecretRef: secret),
            vault: VaultTransitProvider(
                address: "https://vault.example.com:8200", mountPath: "transit", keyName: "astrolift",
                namespace: "team-a", caBundleSecretRef: secret,
                auth: VaultAuth(
                    kubernetes: VaultKubernetesAuth(role: "astrolift", mountPath: "kubernetes", audience: "vault"),
                    tokenSecretRef: secret)),
            local: LocalKeyProvider(secretRef: secret), checkInterval: .minutes(5))
    }

    static func kmsSecret() -> KMSSecret {
        KMSSecret(
            metadata: ObjectMeta(name: "db", namespace: "team-a"),
            spec: KMSSecretSpec(
                providerRef: KeyProviderReference(kind: .clusterKeyProvider, name: "corp-kms"),
                encryptedData: ["password": "AQIDBA=="],
                target: KMSSecretTarget(
                    name: "db", type: "Opaque", labels: ["app": "db"], annotations: ["team": "a"],
                    creationPolicy: .owner, template: ["url": "postgres://app:{{ .password }}@db/app"]),
                refreshInterval: .hours(1)),
            status: KMSSecretStatus(
                secretName: "db", keyID: "alias/astrolift", keyVersion: "2", lastSyncTime: time, contentHash: hash,
                conditions: [ready], observedGeneration: 1)
        )
    }

    static func identityProvider() -> IdentityProvider {
        let secret = NamespacedSecretKeyReference(name: "sso", namespace: "astrolift-system", key: "client-secret")
        return IdentityProvider(
            metadata: ObjectMeta(name: "corp-sso"),
            spec: IdentityProviderSpec(
                type: .oidc, displayName: "Acme SSO",
                oidc: OIDCProvider(
                    issuerURL: "https://login.example.com", clientID: "astrolift", clientSecretRef: secret,
                    scopes: ["openid", "email"], usernameClaim: "email", groupsClaim: "groups",
                    caBundleSecretRef: secret),
                saml: SAMLProvider(
                    metadataURL: "https://login.example.com/saml/metadata", entityID: "https://astrolift.example.com",
                    usernameAttribute: "email", groupsAttribute: "groups"),
                usernamePrefix: "oidc:", groupsPrefix: "oidc:", checkInterval: .minutes(15)),
            status: IdentityProviderStatus(
                issuer: "https://login.example.com", signingKeyIDs: ["k1"], lastCheckTime: time, conditions: [ready],
                observedGeneration: 1)
        )
    }
}
