import KubeCore

/// A key in AWS KMS.
public struct AWSKMSProvider: Codable, Sendable, Hashable, SchemaDescribed {
    /// The key: id, ARN, alias name or alias ARN.
    public var keyID: String
    /// The AWS region.
    public var region: String
    /// An endpoint replacing the regional one.
    public var endpoint: String?
    /// How the controller authenticates.
    public var auth: AWSAuth?

    public init(keyID: String, region: String, endpoint: String? = nil, auth: AWSAuth? = nil) {
        self.keyID = keyID
        self.region = region
        self.endpoint = endpoint
        self.auth = auth
    }

    /// The schema of `aws`.
    public static var schema: Schema {
        .object("A key in AWS KMS.") {
            Field(
                "keyID", Schema.string(maxLength: 2048).minLength(1).example("alias/astrolift"),
                "The key: a key id, key ARN, alias name (alias/astrolift) or alias ARN."
            ).required()
            Field(
                "region", Schema.string(maxLength: 64).pattern("^[a-z0-9-]+$").example("eu-west-1"),
                "The AWS region of the key, e.g. eu-west-1."
            ).required()
            Field(
                "endpoint", .httpURL,
                "An endpoint to use instead of the regional one, e.g. a VPC endpoint.")
            Field(
                "auth", AWSAuth.self,
                "How the controller authenticates. Absent means the standard AWS environment variables of the "
                    + "controller pod, then its web identity (IRSA) if configured.")
        }
    }
}

/// How the controller authenticates to AWS.
public struct AWSAuth: Codable, Sendable, Hashable, SchemaDescribed {
    /// Static access keys in a Secret.
    public var secretRef: AWSCredentialsSecret?
    /// An IAM role assumed with the pod's service-account token.
    public var webIdentity: AWSWebIdentity?

    public init(secretRef: AWSCredentialsSecret? = nil, webIdentity: AWSWebIdentity? = nil) {
        self.secretRef = secretRef
        self.webIdentity = webIdentity
    }

    /// The schema of `aws.auth`.
    public static var schema: Schema {
        .object("AWS credentials: set one of secretRef and webIdentity.") {
            Field("secretRef", AWSCredentialsSecret.self, "Static access keys held in a Secret.")
            Field("webIdentity", AWSWebIdentity.self, "An IAM role assumed with a service-account token (IRSA).")
        }
        .rule("has(self.secretRef) != has(self.webIdentity)", message: "set exactly one of secretRef and webIdentity")
    }
}

/// AWS access keys held in a Secret.
public struct AWSCredentialsSecret: Codable, Sendable, Hashable, SchemaDescribed {
    /// The Secret's name.
    public var name: String
    /// The Secret's namespace.
    public var namespace: String?
    /// The key holding the access key id.
    public var accessKeyIDKey: String?
    /// The key holding the secret access key.
    public var secretAccessKeyKey: String?
    /// The key holding a session token, if any.
    public var sessionTokenKey: String?

    public init(
        name: String, namespace: String? = nil, accessKeyIDKey: String? = nil, secretAccessKeyKey: String? = nil,
        sessionTokenKey: String? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.accessKeyIDKey = accessKeyIDKey
        self.secretAccessKeyKey = secretAccessKeyKey
        self.sessionTokenKey = sessionTokenKey
    }

    /// The schema of `aws.auth.secretRef`.
    public static var schema: Schema {
        .object("A Secret holding AWS access keys.") {
            Field("name", .dnsSubdomain, "The Secret's name.").required()
            Field(
                "namespace", .dnsLabel,
                "The Secret's namespace: for a ClusterKeyProvider it defaults to the controller's namespace; a "
                    + "KeyProvider reads only its own.")
            Field("accessKeyIDKey", .secretKey, "The key holding the access key id.").defaultValue("access-key-id")
            Field("secretAccessKeyKey", .secretKey, "The key holding the secret access key.")
                .defaultValue("secret-access-key")
            Field("sessionTokenKey", .secretKey, "The key holding a session token, for temporary credentials.")
        }
    }
}

/// An IAM role assumed with a projected service-account token.
public struct AWSWebIdentity: Codable, Sendable, Hashable, SchemaDescribed {
    /// The role's ARN.
    public var roleARN: String
    /// The token audience.
    public var audience: String?

    public init(roleARN: String, audience: String? = nil) {
        self.roleARN = roleARN
        self.audience = audience
    }

    /// The schema of `aws.auth.webIdentity`.
    public static var schema: Schema {
        .object("An IAM role the controller assumes with STS AssumeRoleWithWebIdentity.") {
            Field(
                "roleARN",
                Schema.string(maxLength: 2048).pattern("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$")
                    .example("arn:aws:iam::111122223333:role/astrolift-kms"),
                "The ARN of the role, e.g. arn:aws:iam::111122223333:role/astrolift-kms."
            ).required()
            Field("audience", .string(maxLength: 256), "The audience of the service-account token.")
                .defaultValue("sts.amazonaws.com")
        }
    }
}

/// A key in Google Cloud KMS.
public struct GCPKMSProvider: Codable, Sendable, Hashable, SchemaDescribed {
    /// The key's resource name.
    public var keyName: String
    /// An endpoint replacing the public one.
    public var endpoint: String?
    /// A service-account key in a Secret.
    public var serviceAccountKeySecretRef: NamespacedSecretKeyReference?
    /// Workload identity federation settings.
    public var workloadIdentity: GCPWorkloadIdentity?

    public init(
        keyName: String, endpoint: String? = nil, serviceAccountKeySecretRef: NamespacedSecretKeyReference? = nil,
        workloadIdentity: GCPWorkloadIdentity? = nil
    ) {
        self.keyName = keyName
        self.endpoint = endpoint
        self.serviceAccountKeySecretRef = serviceAccountKeySecretRef
        self.workloadIdentity = workloadIdentity
    }

    /// The schema of `gcp`.
    public static var schema: Schema {
        .object("A key in Google Cloud KMS. Authenticate with serviceAccountKeySecretRef or workloadIdentity.") {
            Field(
                "keyName",
                Schema.string(maxLength: 1024)
                    .pattern("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$")
                    .example("projects/acme/locations/europe/keyRings/astrolift/cryptoKeys/secrets"),
                "The key's resource name: projects/P/locations/L/keyRings/R/cryptoKeys/K."
            ).required()
            Field("endpoint", .httpsURL, "An endpoint to use instead of cloudkms.googleapis.com.")
            Field(
                "serviceAccountKeySecretRef", NamespacedSecretKeyReference.self,
                "A Secret key holding a service-account key file (JSON).")
            Field("workloadIdentity", GCPWorkloadIdentity.self, "Workload identity federation settings.")
        }
        .rule(
            "has(self.serviceAccountKeySecretRef) != has(self.workloadIdentity)",
            message: "set exactly one of serviceAccountKeySecretRef and workloadIdentity")
    }
}

/// Google Cloud workload identity federation.
public struct GCPWorkloadIdentity: Codable, Sendable, Hashable, SchemaDescribed {
    /// The workload identity provider's audience.
    public var audience: String
    /// The service account to impersonate.
    public var serviceAccount: String?

    public init(audience: String, serviceAccount: String? = nil) {
        self.audience = audience
        self.serviceAccount = serviceAccount
    }

    /// The schema of `gcp.workloadIdentity`.
    public static var schema: Schema {
        .object("Exchange the controller's service-account token for Google credentials.") {
            Field(
                "audience", Schema.string(maxLength: 1024).minLength(1).example("//iam.googleapis.com/projects/1/x"),
                "The workload identity provider, e.g. //iam.googleapis.com/projects/N/locations/global/"
                    + "workloadIdentityPools/POOL/providers/PROVIDER."
            ).required()
            Field(
                "serviceAccount", Schema.string(maxLength: 256).example("kms@acme.iam.gserviceaccount.com"),
                "A Google service account to impersonate after the exchange, e.g. kms@PROJECT.iam.gserviceaccount.com.")
        }
    }
}

/// A key in Azure Key Vault.
public struct AzureKeyVaultProvider: Codable, Sendable, Hashable, SchemaDescribed {
    /// The vault's URL.
    public var vaultURL: String
    /// The key's name.
    public var keyName: String
    /// A fixed key version.
    public var keyVersion: String?
    /// The Microsoft Entra tenant id.
    public var tenantID: String
    /// The application (client) id.
    public var clientID: String
    /// A client secret; workload identity when absent.
    public var clientSecretRef: NamespacedSecretKeyReference?

    public init(
        vaultURL: String, keyName: String, keyVersion: String? = nil, tenantID: String, clientID: String,
        clientSecretRef: NamespacedSecretKeyReference? = nil
    ) {
        self.vaultURL = vaultURL
        self.keyName = keyName
        self.keyVersion = keyVersion
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecretRef = clientSecretRef
    }

    /// The schema of `azure`.
    public static var schema: Schema {
        .object("A key in Azure Key Vault, used with wrapKey and unwrapKey.") {
            Field("vaultURL", .httpsURL, "The vault's URL, e.g. https://acme.vault.azure.net.").required()
            Field(
                "keyName", Schema.string(maxLength: 127).pattern("^[0-9a-zA-Z-]+$").example("astrolift"),
                "The key's name."
            ).required()
            Field(
                "keyVersion", Schema.string(maxLength: 64).pattern("^[0-9a-fA-F]+$").example("0a1b2c"),
                "A fixed key version; the current version when absent (recommended, so rotation takes effect).")
            Field(
                "tenantID", Schema.string(maxLength: 64).minLength(1).example("00000000-0000-0000-0000-000000000000"),
                "The Microsoft Entra tenant id."
            ).required()
            Field(
                "clientID", Schema.string(maxLength: 64).minLength(1).example("00000000-0000-0000-0000-000000000000"),
                "The application (client) id the controller signs in as."
            ).required()
            Field(
                "clientSecretRef", NamespacedSecretKeyReference.self,
                "A Secret key holding the application's client secret. Absent means workload identity: the "
                    + "controller exchanges its service-account token for an Entra token.")
        }
    }
}

/// A key in a HashiCorp Vault or OpenBao transit engine.
public struct VaultTransitProvider: Codable, Sendable, Hashable, SchemaDescribed {
    /// The server's address.
    public var address: String
    /// Where the transit engine is mounted.
    public var mountPath: String?
    /// The transit key's name.
    public var keyName: String
    /// The Vault Enterprise namespace.
    public var namespace: String?
    /// CA certificates that verify the server.
    public var caBundleSecretRef: NamespacedSecretKeyReference?
    /// How the controller authenticates.
    public var auth: VaultAuth

    public init(
        address: String, mountPath: String? = nil, keyName: String, namespace: String? = nil,
        caBundleSecretRef: NamespacedSecretKeyReference? = nil, auth: VaultAuth
    ) {
        self.address = address
        self.mountPath = mountPath
        self.keyName = keyName
        self.namespace = namespace
        self.caBundleSecretRef = caBundleSecretRef
        self.auth = auth
    }

    /// The schema of `vault`.
    public static var schema: Schema {
        .object("A key in a HashiCorp Vault or OpenBao transit secrets engine.") {
            Field("address", .httpURL, "The server's address, e.g. https://vault.example.com:8200.").required()
            Field(
                "mountPath", Schema.string(maxLength: 256).pattern("^[^/].*[^/]$|^[^/]$").example("transit"),
                "Where the transit engine is mounted, without slashes at either end."
            ).defaultValue("transit")
            Field(
                "keyName", Schema.string(maxLength: 256).pattern("^[-_.a-zA-Z0-9]+$").example("astrolift"),
                "The transit key's name."
            ).required()
            Field(
                "namespace", Schema.string(maxLength: 256).example("team-a"),
                "The Vault Enterprise or OpenBao namespace (sent as X-Vault-Namespace).")
            Field(
                "caBundleSecretRef", NamespacedSecretKeyReference.self,
                "A Secret key holding PEM CA certificates that verify the server; the system's when absent.")
            Field("auth", VaultAuth.self, "How the controller signs in.").required()
        }
    }
}

/// How the controller signs in to Vault.
public struct VaultAuth: Codable, Sendable, Hashable, SchemaDescribed {
    /// The Kubernetes auth method.
    public var kubernetes: VaultKubernetesAuth?
    /// A token in a Secret.
    public var tokenSecretRef: NamespacedSecretKeyReference?

    public init(kubernetes: VaultKubernetesAuth? = nil, tokenSecretRef: NamespacedSecretKeyReference? = nil) {
        self.kubernetes = kubernetes
        self.tokenSecretRef = tokenSecretRef
    }

    /// The schema of `vault.auth`.
    public static var schema: Schema {
        .object("Vault credentials: set one of kubernetes and tokenSecretRef.") {
            Field(
                "kubernetes", VaultKubernetesAuth.self,
                "The Kubernetes auth method: the controller signs in with a projected service-account token.")
            Field(
                "tokenSecretRef", NamespacedSecretKeyReference.self,
                "A Secret key holding a Vault token. Prefer kubernetes: a stored token must be renewed by hand.")
        }
        .rule(
            "has(self.kubernetes) != has(self.tokenSecretRef)",
            message: "set exactly one of kubernetes and tokenSecretRef"
        )
    }
}

/// Vault's Kubernetes auth method.
public struct VaultKubernetesAuth: Codable, Sendable, Hashable, SchemaDescribed {
    /// The Vault role.
    public var role: String
    /// Where the auth method is mounted.
    public var mountPath: String?
    /// The token audience.
    public var audience: String?

    public init(role: String, mountPath: String? = nil, audience: String? = nil) {
        self.role = role
        self.mountPath = mountPath
        self.audience = audience
    }

    /// The schema of `vault.auth.kubernetes`.
    public static var schema: Schema {
        .object("Vault's Kubernetes auth method.") {
            Field("role", Schema.string(maxLength: 256).minLength(1).example("astrolift"), "The Vault role.")
                .required()
            Field(
                "mountPath", Schema.string(maxLength: 256).pattern("^[^/].*[^/]$|^[^/]$").example("kubernetes"),
                "Where the auth method is mounted."
            ).defaultValue("kubernetes")
            Field(
                "audience", .string(maxLength: 256),
                "The audience of the projected service-account token; Vault's role must expect it."
            ).defaultValue("vault")
        }
    }
}

/// An AES-256 key held in a Kubernetes Secret.
public struct LocalKeyProvider: Codable, Sendable, Hashable, SchemaDescribed {
    /// The Secret key holding the 32-byte key.
    public var secretRef: NamespacedSecretKeyReference

    public init(secretRef: NamespacedSecretKeyReference) {
        self.secretRef = secretRef
    }

    /// The schema of `local`.
    public static var schema: Schema {
        .object(
            "An AES-256 key held in a Kubernetes Secret, for air-gapped sites and trials: anyone who can read "
                + "that Secret can open every KMSSecret sealed with it."
        ) {
            Field(
                "secretRef", NamespacedSecretKeyReference.self,
                "The Secret key holding the 32 random bytes of the key. `astrolift dev` creates one "
                    + "(astrolift-local-key in astrolift-system, key \"key\")."
            ).required()
        }
    }
}
