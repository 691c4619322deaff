import KubeCore

/// `KMSSecret` (namespaced): ciphertext that is safe to commit to git; the controller
/// opens it through a key provider and maintains the Secret it describes.
public struct KMSSecret: AstroliftResource {
    /// `astrolift.dev/v1alpha1`.
    public var apiVersion: String?
    /// `KMSSecret`.
    public var kind: String?
    /// The object's metadata; namespace and name are bound into the ciphertext.
    public var metadata: ObjectMeta
    /// The desired state.
    public var spec: KMSSecretSpec
    /// The observed state, written by the controller.
    public var status: KMSSecretStatus?

    /// Served at `astrolift.dev/v1alpha1`, resource `kmssecrets`, namespaced.
    public static let resource = AstroliftGroup.resource(kind: "KMSSecret", plural: "kmssecrets", namespaced: true)

    /// An object with `apiVersion` and `kind` set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: KMSSecretSpec, status: KMSSecretStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Names and printer columns.
    public static let definition = ResourceDefinition(
        description:
            "A KMSSecret holds secret values as ciphertext that is safe to commit to git: each value is sealed with "
            + "a fresh data key, which is wrapped by a key provider's KMS key and bound to this object's namespace "
            + "and name, so it opens nowhere else. The controller opens the values through the provider and "
            + "maintains the Kubernetes Secret described in spec.target. `astrolift seal` writes KMSSecrets.",
        singular: "kmssecret", shortNames: ["kmss"],
        printerColumns: [
            PrinterColumn(
                "Provider", .string, ".spec.providerRef.name", "The key provider the values are sealed with."),
            PrinterColumn("Key", .string, ".status.keyID", "The KMS key that opened the values."),
            .ready,
            PrinterColumn("Last Sync", .date, ".status.lastSyncTime", "When the Secret was last brought up to date."),
            PrinterColumn("Secret", .string, ".status.secretName", "The Secret the controller maintains.", priority: 1),
            .reason, .age,
        ]
    )
}

/// The desired state of a ``KMSSecret``.
public struct KMSSecretSpec: Codable, Sendable, Hashable, SchemaDescribed {
    /// The key provider the values are sealed with.
    public var providerRef: KeyProviderReference
    /// The sealed values, by Secret key.
    public var encryptedData: [String: String]
    /// The Secret to maintain.
    public var target: KMSSecretTarget?
    /// How often the values are opened again.
    public var refreshInterval: KubeDuration?

    public init(
        providerRef: KeyProviderReference, encryptedData: [String: String], target: KMSSecretTarget? = nil,
        refreshInterval: KubeDuration? = nil
    ) {
        self.providerRef = providerRef
        self.encryptedData = encryptedData
        self.target = target
        self.refreshInterval = refreshInterval
    }

    /// The schema of `spec`.
    public static var schema: Schema {
        Schema.object("The sealed values and the Secret to make of them.") {
            Field("providerRef", KeyProviderReference.self, "The key provider the values were sealed with.")
                .required()
            Field(
                "encryptedData",
                Schema.map(of: Schema.string(maxLength: 1_048_576).minLength(1).example("AQID"), maxProperties: 256)
                    .minProperties(1),
                "The sealed values, keyed by the Secret key they become. Each value is an envelope written by "
                    + "`astrolift seal`; it opens only in this namespace, under this name, with this provider."
            ).required()
            Field("target", KMSSecretTarget.self, "The Secret the controller maintains from the opened values.")
            Field(
                "refreshInterval", .duration,
                "How often the controller opens the values again and repairs the Secret, e.g. 1h; 0s only when "
                    + "the KMSSecret changes. The Secret is written only when its content differs."
            ).defaultValue("1h0m0s")
        }
    }
}

/// A reference to a ``ClusterKeyProvider`` or a ``KeyProvider`` in the same namespace.
public struct KeyProviderReference: Codable, Sendable, Hashable, SchemaDescribed {
    /// `ClusterKeyProvider` or `KeyProvider`.
    public var kind: KeyProviderKind?
    /// The provider's name.
    public var name: String

    public init(kind: KeyProviderKind? = nil, name: String) {
        self.kind = kind
        self.name = name
    }

    /// The schema of `providerRef`.
    public static var schema: Schema {
        .object("A ClusterKeyProvider, or a KeyProvider in the same namespace.") {
            Field(
                "kind", .enumeration(KeyProviderKind.self),
                "ClusterKeyProvider or KeyProvider (in the KMSSecret's namespace)."
            ).defaultValue("ClusterKeyProvider")
            Field("name", .dnsSubdomain, "The provider's name.").required()
        }
    }
}

/// The kinds a ``KeyProviderReference`` may name.
public enum KeyProviderKind: String, Codable, Sendable, Hashable, CaseIterable {
    case clusterKeyProvider = "ClusterKeyProvider"
    case keyProvider = "KeyProvider"
}

/// The Secret a ``KMSSecret`` maintains.
public struct KMSSecretTarget: Codable, Sendable, Hashable, SchemaDescribed {
    /// The Secret's name; the KMSSecret's when absent.
    public var name: String?
    /// The Secret's type.
    public var type: String?
    /// Labels of the Secret.
    public var labels: [String: String]?
    /// Annotations of the Secret.
    public var annotations: [String: String]?
    /// Who owns the Secret.
    public var creationPolicy: SecretCreationPolicy?
    /// Keys built from the opened values.
    public var template: [String: String]?

    public init(
        name: String? = nil, type: String? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil, creationPolicy: SecretCreationPolicy? = nil,
        template: [String: String]? = nil
    ) {
        self.name = name
        self.type = type
        self.labels = labels
        self.annotations = annotations
        self.creationPolicy = creationPolicy
        self.template = template
    }

    /// The schema of `spec.target`.
    public static var schema: Schema {
        .object("The Secret made from the opened values.") {
            Field("name", .dnsSubdomain, "The Secret's name. Defaults to the KMSSecret's name.")
            Field(
                "type", Schema.string(maxLength: 256).minLength(1).example("Opaque"),
                "The Secret's type, e.g. Opaque, kubernetes.io/dockerconfigjson or kubernetes.io/tls."
            ).defaultValue("Opaque")
            Field("labels", .stringMap(), "Labels of the Secret.")
            Field("annotations", .stringMap(), "Annotations of the Secret.")
            Field(
                "creationPolicy", .enumeration(SecretCreationPolicy.self),
                "Who owns the Secret: Owner (the controller creates it, owns it and deletes it with the "
                    + "KMSSecret), Merge (the Secret exists already; the controller only sets its keys and removes "
                    + "them on delete) or Orphan (created like Owner, but kept when the KMSSecret is deleted)."
            ).defaultValue("Owner")
            Field(
                "template", .stringMap(maxProperties: 64, maxValueLength: 262_144),
                "Secret keys built from the opened values: each value is text in which {{ .KEY }} is replaced by "
                    + "the opened value of KEY (nothing else is evaluated), e.g. "
                    + "{\"url\": \"postgres://app:{{ .password }}@db:5432/app\"}. Template keys win over "
                    + "encryptedData keys of the same name.")
        }
    }
}

/// Who owns the Secret a ``KMSSecret`` maintains.
public enum SecretCreationPolicy: String, Codable, Sendable, Hashable, CaseIterable {
    /// Created, owned and deleted with the KMSSecret.
    case owner = "Owner"
    /// An existing Secret whose keys the controller sets.
    case merge = "Merge"
    /// Created like `owner` but kept when the KMSSecret is deleted.
    case orphan = "Orphan"
}

/// The observed state of a ``KMSSecret``.
public struct KMSSecretStatus: Codable, Sendable, Hashable, SchemaDescribed {
    /// The Secret the controller maintains.
    public var secretName: String?
    /// The KMS key that opened the values.
    public var keyID: String?
    /// The key version the values were sealed under.
    public var keyVersion: String?
    /// When the Secret was last brought up to date.
    public var lastSyncTime: Time?
    /// The hash of the Secret's content.
    public var contentHash: String?
    /// The latest observations.
    public var conditions: [Condition]?
    /// The generation this status describes.
    public var observedGeneration: Int64?

    public init(
        secretName: String? = nil, keyID: String? = nil, keyVersion: String? = nil, lastSyncTime: Time? = nil,
        contentHash: String? = nil, conditions: [Condition]? = nil, observedGeneration: Int64? = nil
    ) {
        self.secretName = secretName
        self.keyID = keyID
        self.keyVersion = keyVersion
        self.lastSyncTime = lastSyncTime
        self.contentHash = contentHash
        self.conditions = conditions
        self.observedGeneration = observedGeneration
    }

    /// The schema of `status`.
    public static var schema: Schema {
        .object("The observed state of the KMSSecret, written by the controller. Never holds secret material.") {
            Field("secretName", .dnsSubdomain, "The Secret the controller maintains.")
            Field(
                "keyID", Schema.string(maxLength: 2048).example("alias/astrolift"),
                "The KMS key that opened the values.")
            Field(
                "keyVersion", Schema.string(maxLength: 256).example("2"),
                "The key version the values were sealed under.")
            Field("lastSyncTime", .time, "When the controller last opened the values and checked the Secret.")
            Field(
                "contentHash",
                Schema.string(maxLength: 128).pattern("^sha256:[a-f0-9]{64}$")
                    .example(.string("sha256:" + String(repeating: "0a", count: 32))),
                "The sha256 of the Secret's content; pods that mount the Secret carry it in an annotation so that "
                    + "a change rolls them.")
            Field.conditions(
                "Types: Decrypted (every value opened; False names the key and the reason, e.g. the ciphertext "
                    + "belongs to another object), ProviderReachable (the KMS answered; False keeps the existing "
                    + "Secret as it is), ResealRecommended (True when values were sealed under an older key version).")
            Field.observedGeneration
        }
    }
}
