import KubeCore

/// `ClusterKeyProvider` (cluster-scoped): a KMS key that KMSSecrets in every namespace
/// may be sealed with.
public struct ClusterKeyProvider: AstroliftResource {
    /// `astrolift.dev/v1alpha1`.
    public var apiVersion: String?
    /// `ClusterKeyProvider`.
    public var kind: String?
    /// The object's metadata.
    public var metadata: ObjectMeta
    /// The desired state.
    public var spec: KeyProviderSpec
    /// The observed state, written by the controller.
    public var status: KeyProviderStatus?

    /// Served at `astrolift.dev/v1alpha1`, resource `clusterkeyproviders`, cluster-scoped.
    public static let resource = AstroliftGroup.resource(
        kind: "ClusterKeyProvider", plural: "clusterkeyproviders", namespaced: false)

    /// An object with `apiVersion` and `kind` set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: KeyProviderSpec, status: KeyProviderStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Names and printer columns.
    public static let definition = ResourceDefinition(
        description:
            "A ClusterKeyProvider is a key in a key-management service (AWS KMS, Google Cloud KMS, Azure Key Vault, "
            + "HashiCorp Vault or OpenBao transit, or a local AES-256 key for air-gapped sites) that KMSSecrets in "
            + "any namespace may be sealed with. Credential Secrets it names default to the controller's namespace. "
            + "The controller checks that the key is reachable and reports its id and version.",
        singular: "clusterkeyprovider", shortNames: ["ckp"],
        printerColumns: KeyProviderSpec.printerColumns
    )
}

/// `KeyProvider` (namespaced): a KMS key that KMSSecrets in its own namespace may be sealed with.
public struct KeyProvider: AstroliftResource {
    /// `astrolift.dev/v1alpha1`.
    public var apiVersion: String?
    /// `KeyProvider`.
    public var kind: String?
    /// The object's metadata.
    public var metadata: ObjectMeta
    /// The desired state.
    public var spec: KeyProviderSpec
    /// The observed state, written by the controller.
    public var status: KeyProviderStatus?

    /// Served at `astrolift.dev/v1alpha1`, resource `keyproviders`, namespaced.
    public static let resource = AstroliftGroup.resource(kind: "KeyProvider", plural: "keyproviders", namespaced: true)

    /// An object with `apiVersion` and `kind` set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: KeyProviderSpec, status: KeyProviderStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Names and printer columns.
    public static let definition = ResourceDefinition(
        description:
            "A KeyProvider is a key in a key-management service that KMSSecrets in its own namespace may be sealed "
            + "with: the same settings as a ClusterKeyProvider, for a tenant that brings its own KMS. Credential "
            + "Secrets it names are read from its own namespace only.",
        singular: "keyprovider", shortNames: ["kp"],
        printerColumns: KeyProviderSpec.printerColumns
    )
}

/// The desired state of a ``ClusterKeyProvider`` or ``KeyProvider``: one KMS key.
public struct KeyProviderSpec: Codable, Sendable, Hashable, SchemaDescribed {
    /// Which service holds the key.
    public var type: KeyProviderType
    /// For `AWS`.
    public var aws: AWSKMSProvider?
    /// For `GCP`.
    public var gcp: GCPKMSProvider?
    /// For `Azure`.
    public var azure: AzureKeyVaultProvider?
    /// For `Vault`.
    public var vault: VaultTransitProvider?
    /// For `Local`.
    public var local: LocalKeyProvider?
    /// How often reachability is checked.
    public var checkInterval: KubeDuration?

    public init(
        type: KeyProviderType, aws: AWSKMSProvider? = nil, gcp: GCPKMSProvider? = nil,
        azure: AzureKeyVaultProvider? = nil, vault: VaultTransitProvider? = nil, local: LocalKeyProvider? = nil,
        checkInterval: KubeDuration? = nil
    ) {
        self.type = type
        self.aws = aws
        self.gcp = gcp
        self.azure = azure
        self.vault = vault
        self.local = local
        self.checkInterval = checkInterval
    }

    static let printerColumns = [
        PrinterColumn("Type", .string, ".spec.type", "Which key-management service holds the key."),
        PrinterColumn("Key", .string, ".status.keyID", "The key in use."),
        PrinterColumn("Version", .string, ".status.keyVersion", "The key version new seals use."),
        .ready,
        PrinterColumn("Last Check", .date, ".status.lastCheckTime", "When the key was last checked."),
        .reason, .age,
    ]

    /// The schema of `spec`.
    public static var schema: Schema {
        Schema.object("Which key-management service holds the key, and how to reach it. Set type and its member.") {
            Field(
                "type", .enumeration(KeyProviderType.self),
                "The service: AWS (AWS KMS), GCP (Google Cloud KMS), Azure (Azure Key Vault), Vault (HashiCorp "
                    + "Vault or OpenBao transit engine) or Local (an AES-256 key in a Secret, for air-gapped sites "
                    + "and trials). Set the member of the same name."
            ).required()
            Field("aws", AWSKMSProvider.self, "Settings for type AWS.")
            Field("gcp", GCPKMSProvider.self, "Settings for type GCP.")
            Field("azure", AzureKeyVaultProvider.self, "Settings for type Azure.")
            Field("vault", VaultTransitProvider.self, "Settings for type Vault.")
            Field("local", LocalKeyProvider.self, "Settings for type Local.")
            Field(
                "checkInterval", .duration,
                "How often the controller checks that the key is reachable and reads its version (a cheap "
                    + "metadata call), e.g. 5m."
            ).defaultValue("5m0s")
        }
        .rule(
            "(has(self.aws) ? 1 : 0) + (has(self.gcp) ? 1 : 0) + (has(self.azure) ? 1 : 0) + (has(self.vault) ? 1 : 0)"
                + " + (has(self.local) ? 1 : 0) == 1",
            message: "set exactly one of aws, gcp, azure, vault and local"
        )
        .rule(
            "self.type == 'AWS' ? has(self.aws) : self.type == 'GCP' ? has(self.gcp) : self.type == 'Azure' ? "
                + "has(self.azure) : self.type == 'Vault' ? has(self.vault) : has(self.local)",
            message: "the member named by type must be set (aws for AWS, gcp for GCP, azure for Azure, vault for "
                + "Vault, local for Local)")
    }
}

/// A key-management service.
public enum KeyProviderType: String, Codable, Sendable, Hashable, CaseIterable {
    case aws = "AWS"
    case gcp = "GCP"
    case azure = "Azure"
    case vault = "Vault"
    case local = "Local"
}

/// The observed state of a key provider.
public struct KeyProviderStatus: Codable, Sendable, Hashable, SchemaDescribed {
    /// The key in use.
    public var keyID: String?
    /// The version new seals use.
    public var keyVersion: String?
    /// When the key was last checked.
    public var lastCheckTime: Time?
    /// The latest observations.
    public var conditions: [Condition]?
    /// The generation this status describes.
    public var observedGeneration: Int64?

    public init(
        keyID: String? = nil, keyVersion: String? = nil, lastCheckTime: Time? = nil,
        conditions: [Condition]? = nil, observedGeneration: Int64? = nil
    ) {
        self.keyID = keyID
        self.keyVersion = keyVersion
        self.lastCheckTime = lastCheckTime
        self.conditions = conditions
        self.observedGeneration = observedGeneration
    }

    /// The schema of `status`.
    public static var schema: Schema {
        .object("The observed state of the key provider, written by the controller.") {
            Field(
                "keyID", Schema.string(maxLength: 2048).example("arn:aws:kms:eu-west-1:111122223333:key/abcd"),
                "The key in use, as the service names it (an ARN, a resource name, a key URL, a transit key name).")
            Field(
                "keyVersion", Schema.string(maxLength: 256).example("3"),
                "The key version new seals use. Values sealed under older versions still open; their KMSSecrets "
                    + "report that they should be re-sealed.")
            Field("lastCheckTime", .time, "When the controller last checked the key.")
            Field.conditions(
                "Types: Reachable (the last metadata call succeeded; False keeps existing Secrets as they are and "
                    + "says why, without credentials).")
            Field.observedGeneration
        }
    }
}
