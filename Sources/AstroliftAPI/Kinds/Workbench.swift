import KubeCore
import KubeModels

/// `Workbench` (namespaced): one user's session — a pod running the class's image
/// behind a policy gateway, with a home volume that outlives it.
public struct Workbench: AstroliftResource {
    /// `astrolift.dev/v1alpha1`.
    public var apiVersion: String?
    /// `Workbench`.
    public var kind: String?
    /// The object's metadata; the name becomes part of other objects' names and the URL.
    public var metadata: ObjectMeta
    /// The desired state.
    public var spec: WorkbenchSpec
    /// The observed state, written by the controller.
    public var status: WorkbenchStatus?

    /// Served at `astrolift.dev/v1alpha1`, resource `workbenches`, namespaced.
    public static let resource = AstroliftGroup.resource(kind: "Workbench", plural: "workbenches", namespaced: true)

    /// The longest Workbench name: it names a StatefulSet whose pods and revisions
    /// append suffixes, and those must stay within 63 characters.
    public static let maxNameLength = 48

    /// An object with `apiVersion` and `kind` set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: WorkbenchSpec, status: WorkbenchStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Names, printer columns and name rule.
    public static let definition = ResourceDefinition(
        description:
            "A Workbench is one user's session: an IDE, lab, chat studio or agent box from a WorkbenchClass, "
            + "running in its tenant's namespace. The controller runs it as a StatefulSet of zero or one pod with a "
            + "home volume, a policy-gateway sidecar that every model and tool call must pass, an auth proxy when "
            + "an identity provider is set, a Service, an Ingress when the controller has a host template, and a "
            + "NetworkPolicy. It stops when idle, when its lifetime ends, or when suspended, and keeps its home.",
        singular: "workbench", shortNames: ["wb"], categories: ["all"],
        printerColumns: [
            PrinterColumn("Owner", .string, ".spec.owner", "The user the workbench belongs to."),
            PrinterColumn("Class", .string, ".spec.classRef.name", "The WorkbenchClass it runs."),
            PrinterColumn("Profile", .string, ".status.profile", "The resource profile in use.", priority: 1),
            PrinterColumn("Phase", .string, ".status.phase", "Where the workbench is in its lifecycle."),
            .ready,
            PrinterColumn("URL", .string, ".status.url", "Where the user opens it."),
            PrinterColumn("Stop Reason", .string, ".status.stopReason", "Why it is not running.", priority: 1),
            PrinterColumn(
                "Last Activity", .date, ".status.lastActivityTime", "When it was last used.", priority: 1),
            .age,
        ],
        rules: [
            .nameIsDNSLabel(
                maxLength: maxNameLength,
                because: "it names the workbench's StatefulSet, Service and home volume and appears in its URL")
        ]
    )
}

/// The desired state of a ``Workbench``.
public struct WorkbenchSpec: Codable, Sendable, Hashable, SchemaDescribed {
    /// The user the workbench belongs to.
    public var owner: String
    /// The class it runs.
    public var classRef: NameReference
    /// The resource profile.
    public var profile: String?
    /// Whether it is stopped.
    public var suspend: Bool?
    /// The home volume.
    public var home: WorkbenchHome?
    /// How long it may be idle.
    public var idleTimeout: KubeDuration?
    /// How long it may run from its start.
    public var maxLifetime: KubeDuration?
    /// The gateway policy.
    public var gatewayPolicyRef: NameReference?
    /// Secrets mounted as files.
    public var secrets: [WorkbenchSecretMount]?
    /// Extra environment variables.
    public var env: [EnvVar]?
    /// Who may open it.
    public var access: WorkbenchAccess?

    public init(
        owner: String, classRef: NameReference, profile: String? = nil, suspend: Bool? = nil,
        home: WorkbenchHome? = nil, idleTimeout: KubeDuration? = nil, maxLifetime: KubeDuration? = nil,
        gatewayPolicyRef: NameReference? = nil, secrets: [WorkbenchSecretMount]? = nil, env: [EnvVar]? = nil,
        access: WorkbenchAccess? = nil
    ) {
        self.owner = owner
        self.classRef = classRef
        self.profile = profile
        self.suspend = suspend
        self.home = home
        self.idleTimeout = idleTimeout
        self.maxLifetime = maxLifetime
        self.gatewayPolicyRef = gatewayPolicyRef
        self.secrets = secrets
        self.env = env
        self.access = access
    }

    /// Whether the user asked for the workbench to be stopped.
    public var isSuspended: Bool { suspend ?? false }

    /// The schema of `spec`.
    public static var schema: Schema {
        Schema.object("The desired state of the workbench.") {
            Field(
                "owner", Schema.string(maxLength: 256).minLength(1).example("ada@example.com"),
                "The user the workbench belongs to, as the identity provider names them (the username claim, "
                    + "e.g. an email address). The owner can always open it. Cannot be changed."
            ).required().immutable("owner cannot be changed: create a new Workbench for another user")
            Field(
                "classRef", NameReference.self,
                "The WorkbenchClass to run. Must be one the tenant allows. Cannot be changed: a different class "
                    + "is a different workbench."
            ).required().immutable("classRef cannot be changed: create a new Workbench to use another class")
            Field(
                "profile", .dnsLabel,
                "The class's resource profile to run with (small, gpu, …). Defaults to the tenant's default "
                    + "profile, then the class's defaultProfile. Changing it restarts the workbench.")
            Field(
                "suspend", .boolean,
                "Stop the workbench (true) or run it (false). A suspended workbench has no pod but keeps its home "
                    + "volume; setting false resumes it with its files."
            ).defaultValue(false)
            Field("home", WorkbenchHome.self, "The home volume: size, storage class and what happens on delete.")
            Field(
                "idleTimeout", .duration,
                "How long the workbench may go without use (no request through the gateway or the auth proxy) "
                    + "before it is suspended with stop reason Idle, e.g. 30m or 2h. 0s never stops it. Defaults "
                    + "to the tenant's default, then the class's.")
            Field(
                "maxLifetime", .duration,
                "How long the workbench may run from its start before it is suspended with stop reason "
                    + "MaxLifetime, e.g. 12h; resuming starts a new lifetime. 0s means no limit. Defaults to the "
                    + "tenant's default, then the class's.")
            Field(
                "gatewayPolicyRef", NameReference.self,
                "The GatewayPolicy (in the same namespace) the gateway sidecar enforces. Defaults to the tenant's "
                    + "default policy. A workbench without a policy cannot reach any model provider (fail closed).")
            Field(
                "secrets", Schema.array(of: WorkbenchSecretMount.self, maxItems: 16).listMap(keys: "name"),
                "Secrets in the same namespace mounted read-only into the workbench container, for example ones "
                    + "that KMSSecrets maintain. Model-provider credentials belong in the GatewayPolicy instead.")
            Field(
                "env", Schema.array(of: EnvVar.self, maxItems: 64).listMap(keys: "name"),
                "Extra environment variables, added to the class's (and replacing those of the same name). "
                    + "Model-provider credential variables and base URLs are removed: the gateway owns them.")
            Field("access", WorkbenchAccess.self, "Who may open the workbench besides its owner.")
        }
        .rule(
            "!has(self.idleTimeout) || !has(self.maxLifetime) || duration(self.maxLifetime) == duration('0s') || "
                + "duration(self.idleTimeout) <= duration(self.maxLifetime)",
            message: "idleTimeout cannot be longer than maxLifetime", fieldPath: ".idleTimeout")
    }
}

/// The home volume of a ``Workbench``.
public struct WorkbenchHome: Codable, Sendable, Hashable, SchemaDescribed {
    /// The requested size.
    public var size: Quantity?
    /// The StorageClass.
    public var storageClassName: String?
    /// Whether the volume is kept when the Workbench is deleted.
    public var retainOnDelete: Bool?

    public init(size: Quantity? = nil, storageClassName: String? = nil, retainOnDelete: Bool? = nil) {
        self.size = size
        self.storageClassName = storageClassName
        self.retainOnDelete = retainOnDelete
    }

    /// The schema of `spec.home`.
    public static var schema: Schema {
        .object("The home volume, a PersistentVolumeClaim named after the workbench.") {
            Field(
                "size", .quantity,
                "The size, e.g. 20Gi. Defaults to the tenant's default, then the class's. Can grow later if the "
                    + "StorageClass allows volume expansion; it never shrinks.")
            Field(
                "storageClassName", .dnsSubdomain,
                "The StorageClass. Defaults to the tenant's default, then the controller's, then the cluster's. "
                    + "Cannot be changed once set.")
            Field(
                "retainOnDelete", .boolean,
                "Keep the volume when the Workbench is deleted (the claim loses its owner reference and stays in "
                    + "the namespace). A new Workbench of the same name picks it up again."
            ).defaultValue(false)
        }
        .rule(
            "has(self.storageClassName) == has(oldSelf.storageClassName) && "
                + "(!has(self.storageClassName) || self.storageClassName == oldSelf.storageClassName)",
            message: "home.storageClassName cannot be changed", fieldPath: ".storageClassName")
    }
}

/// A Secret mounted into a workbench container.
public struct WorkbenchSecretMount: Codable, Sendable, Hashable, SchemaDescribed {
    /// The Secret's name.
    public var name: String
    /// Where its keys appear as files.
    public var mountPath: String?

    public init(name: String, mountPath: String? = nil) {
        self.name = name
        self.mountPath = mountPath
    }

    /// The directory a Secret is mounted at when no mount path is given.
    public static func defaultMountPath(for name: String) -> String { "/var/run/secrets/astrolift/\(name)" }

    /// The schema of one `spec.secrets` entry.
    public static var schema: Schema {
        .object("A Secret mounted read-only, one file per key.") {
            Field("name", .dnsSubdomain, "The name of the Secret, in the workbench's namespace.").required()
            Field(
                "mountPath", .absolutePath,
                "The directory its keys appear in as files. Defaults to /var/run/secrets/astrolift/<name>.")
        }
    }
}

/// Who may open a ``Workbench``.
public struct WorkbenchAccess: Codable, Sendable, Hashable, SchemaDescribed {
    /// The identity provider the auth proxy signs people in with.
    public var identityProviderRef: NameReference?
    /// Further users who may open it.
    public var users: [String]?
    /// Groups whose members may open it.
    public var groups: [String]?

    public init(identityProviderRef: NameReference? = nil, users: [String]? = nil, groups: [String]? = nil) {
        self.identityProviderRef = identityProviderRef
        self.users = users
        self.groups = groups
    }

    /// The schema of `spec.access`.
    public static var schema: Schema {
        .object(
            "Who may open the workbench. When an identity provider is known (here or on the tenant), an auth proxy "
                + "in front of the workbench signs people in and admits the owner, users and members of groups; "
                + "without one, there is no auth proxy and only those who can reach the Service can open it."
        ) {
            Field(
                "identityProviderRef", NameReference.self,
                "The IdentityProvider the auth proxy signs people in with. Defaults to the tenant's.")
            Field(
                "users", Schema.array(of: .string(maxLength: 256).minLength(1), maxItems: 64).listSet(),
                "Further users who may open the workbench, as the identity provider names them.")
            Field(
                "groups", Schema.array(of: .string(maxLength: 256).minLength(1), maxItems: 32).listSet(),
                "Groups whose members may open the workbench, as the identity provider names them.")
        }
    }
}
