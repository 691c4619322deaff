import KubeCore
import KubeModels

/// `WorkbenchClass` (cluster-scoped): one entry of the catalog a platform team curates —
/// an image, how to run it, and the resource profiles users choose from.
public struct WorkbenchClass: AstroliftResource {
    /// `astrolift.dev/v1alpha1`.
    public var apiVersion: String?
    /// `WorkbenchClass`.
    public var kind: String?
    /// The object's metadata.
    public var metadata: ObjectMeta
    /// The desired state.
    public var spec: WorkbenchClassSpec
    /// The observed state, written by the controller.
    public var status: WorkbenchClassStatus?

    /// Served at `astrolift.dev/v1alpha1`, resource `workbenchclasses`, cluster-scoped.
    public static let resource = AstroliftGroup.resource(
        kind: "WorkbenchClass", plural: "workbenchclasses", namespaced: false)

    /// An object with `apiVersion` and `kind` set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: WorkbenchClassSpec, status: WorkbenchClassStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Names and printer columns.
    public static let definition = ResourceDefinition(
        description:
            "A WorkbenchClass is one entry of the catalog of workbenches a platform team offers: an IDE, a lab, a "
            + "chat studio, an agent box. It says which image runs (pinned by digest), on which port, with which "
            + "environment and security settings, and which resource profiles (small, large, GPU…) users may pick. "
            + "Cluster-scoped; Workbenches name it in spec.classRef.",
        singular: "workbenchclass", shortNames: ["wbc"],
        printerColumns: [
            PrinterColumn("Display Name", .string, ".spec.displayName", "The name shown to users."),
            PrinterColumn("Category", .string, ".spec.category", "What kind of workbench the class runs."),
            PrinterColumn("Workbenches", .integer, ".status.workbenches", "How many Workbenches use the class."),
            PrinterColumn("Disabled", .boolean, ".spec.disabled", "Whether new Workbenches are refused.", priority: 1),
            PrinterColumn("Image", .string, ".spec.image", "The workbench image.", priority: 1),
            .ready, .reason, .age,
        ]
    )
}

/// The desired state of a ``WorkbenchClass``.
public struct WorkbenchClassSpec: Codable, Sendable, Hashable, SchemaDescribed {
    /// The name shown to users.
    public var displayName: String?
    /// What users get, in a sentence or two.
    public var description: String?
    /// What kind of workbench this is.
    public var category: WorkbenchCategory?
    /// Whether new Workbenches of the class are refused.
    public var disabled: Bool?
    /// The container image.
    public var image: String
    /// Whether an image without a digest is accepted.
    public var allowUnpinnedImage: Bool?
    /// When the kubelet pulls the image.
    public var imagePullPolicy: ImagePullPolicy?
    /// The entrypoint, replacing the image's.
    public var command: [String]?
    /// Arguments to the entrypoint.
    public var args: [String]?
    /// The working directory.
    public var workingDir: String?
    /// The HTTP port the workbench serves on.
    public var port: Int32
    /// The HTTP path that answers 200 when the workbench is ready.
    public var healthPath: String?
    /// Environment variables.
    public var env: [EnvVar]?
    /// Where the home volume is mounted.
    public var home: WorkbenchClassHome?
    /// How the workbench container runs.
    public var securityContext: WorkbenchSecurity?
    /// The resource profiles users choose from.
    public var profiles: [WorkbenchProfile]
    /// The profile of Workbenches that name none.
    public var defaultProfile: String?
    /// The default idle timeout.
    public var idleTimeout: KubeDuration?
    /// The default maximum lifetime.
    public var maxLifetime: KubeDuration?

    public init(
        displayName: String? = nil, description: String? = nil, category: WorkbenchCategory? = nil,
        disabled: Bool? = nil, image: String, allowUnpinnedImage: Bool? = nil,
        imagePullPolicy: ImagePullPolicy? = nil, command: [String]? = nil, args: [String]? = nil,
        workingDir: String? = nil, port: Int32, healthPath: String? = nil, env: [EnvVar]? = nil,
        home: WorkbenchClassHome? = nil, securityContext: WorkbenchSecurity? = nil, profiles: [WorkbenchProfile],
        defaultProfile: String? = nil, idleTimeout: KubeDuration? = nil, maxLifetime: KubeDuration? = nil
    ) {
        self.displayName = displayName
        self.description = description
        self.category = category
        self.disabled = disabled
        self.image = image
        self.allowUnpinnedImage = allowUnpinnedImage
        self.imagePullPolicy = imagePullPolicy
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.port = port
        self.healthPath = healthPath
        self.env = env
        self.home = home
        self.securityContext = securityContext
        self.profiles = profiles
        self.defaultProfile = defaultProfile
        self.idleTimeout = idleTimeout
        self.maxLifetime = maxLifetime
    }

    /// The profile named `name`, or the default one when `name` is nil.
    public func profile(named name: String?) -> WorkbenchProfile? {
        guard let wanted = name ?? defaultProfile else { return profiles.count == 1 ? profiles.first : nil }
        return profiles.first { $0.name == wanted }
    }

    /// The schema of `spec`.
    public static var schema: Schema {
        Schema.object("The desired state of the class.") {
            Field("displayName", .string(maxLength: 256), "The name shown to users, e.g. \"JupyterLab (Python 3.12)\".")
            Field("description", .string(maxLength: 4096), "What users get, in a sentence or two.")
            Field(
                "category", .enumeration(WorkbenchCategory.self),
                "What kind of workbench the class runs, for catalogs and dashboards: IDE, Lab, Chat, DataLoader, "
                    + "Agent or Other.")
            Field(
                "disabled", .boolean,
                "When true, new Workbenches of this class are refused (their Ready condition says why); existing "
                    + "ones keep running. Use it to retire a class."
            ).defaultValue(false)
            Field(
                "image", .imageReference,
                "The container image, pinned by digest (registry/repository@sha256:…) so that every session runs "
                    + "exactly what was reviewed. A tag is accepted only with allowUnpinnedImage. Air-gapped sites "
                    + "write their own registry here."
            ).required()
            Field(
                "allowUnpinnedImage", .boolean,
                "Accept an image reference without a digest. Tags can be moved to other content, so leave this "
                    + "off outside development."
            ).defaultValue(false)
            Field(
                "imagePullPolicy", .enumeration(ImagePullPolicy.self),
                "When the kubelet pulls the image: Always, IfNotPresent or Never."
            ).defaultValue("IfNotPresent")
            Field(
                "command", Schema.array(of: .string(maxLength: 4096), maxItems: 64).atomic(),
                "The entrypoint, replacing the image's ENTRYPOINT. Not run in a shell.")
            Field(
                "args", Schema.array(of: .string(maxLength: 4096), maxItems: 256).atomic(),
                "Arguments to the entrypoint, replacing the image's CMD. $(VAR) expands environment variables.")
            Field("workingDir", .absolutePath, "The working directory; the image's when absent.")
            Field(
                "port", .port,
                "The TCP port the workbench serves its web UI on. The auth proxy and the Service forward to it."
            ).required()
            Field(
                "healthPath", Schema.string(maxLength: 1024).pattern("^/").example("/api/status"),
                "An HTTP path on port that answers 200 once the workbench is ready, used for the readiness "
                    + "probe. Absent means a TCP check of port.")
            Field(
                "env", Schema.array(of: EnvVar.self, maxItems: 128).listMap(keys: "name"),
                "Environment variables of the workbench container. Model-provider credentials (OPENAI_API_KEY and "
                    + "the like) are removed: the gateway sidecar holds those, and the controller points the "
                    + "model SDKs' base URLs at it.")
            Field("home", WorkbenchClassHome.self, "Where and how big the home volume is by default.")
            Field(
                "securityContext", WorkbenchSecurity.self,
                "How the workbench container runs. Always non-root, without privilege escalation, with every "
                    + "capability dropped and the RuntimeDefault seccomp profile; these settings only choose ids "
                    + "and the root file system.")
            Field(
                "profiles", Schema.array(of: WorkbenchProfile.self, maxItems: 32).minItems(1).listMap(keys: "name"),
                "The resource profiles users choose from (small, large, gpu, …). At least one."
            ).required()
            Field(
                "defaultProfile", .dnsLabel,
                "The profile of Workbenches that name none. Required when there is more than one profile.")
            Field(
                "idleTimeout", .duration,
                "How long a Workbench of this class may be idle before it is stopped, unless the Workbench or its "
                    + "tenant says otherwise; 0s never stops it."
            ).defaultValue("1h0m0s")
            Field(
                "maxLifetime", .duration,
                "How long a Workbench of this class may run from its start, unless the Workbench or its tenant "
                    + "says otherwise; 0s means no limit."
            ).defaultValue("0s")
        }
        .rule(
            "(has(self.allowUnpinnedImage) && self.allowUnpinnedImage) || self.image.matches('@sha256:[a-f0-9]{64}$')",
            message: "image must be pinned by digest (…@sha256:<64 hex digits>) unless allowUnpinnedImage is true",
            fieldPath: ".image"
        )
        .rule(
            "has(self.defaultProfile) ? self.profiles.exists(p, p.name == self.defaultProfile) : size(self.profiles) == 1",
            message: "defaultProfile must name one of profiles (and is required when there is more than one profile)",
            fieldPath: ".defaultProfile")
    }
}

/// What kind of workbench a class runs.
public enum WorkbenchCategory: String, Codable, Sendable, Hashable, CaseIterable {
    case ide = "IDE"
    case lab = "Lab"
    case chat = "Chat"
    case dataLoader = "DataLoader"
    case agent = "Agent"
    case other = "Other"
}

/// When the kubelet pulls an image.
public enum ImagePullPolicy: String, Codable, Sendable, Hashable, CaseIterable {
    case always = "Always"
    case ifNotPresent = "IfNotPresent"
    case never = "Never"
}

/// The home volume defaults of a ``WorkbenchClass``.
public struct WorkbenchClassHome: Codable, Sendable, Hashable, SchemaDescribed {
    /// Where the home volume is mounted.
    public var mountPath: String?
    /// The size of home volumes that set none.
    public var size: Quantity?

    public init(mountPath: String? = nil, size: Quantity? = nil) {
        self.mountPath = mountPath
        self.size = size
    }

    /// The schema of `spec.home`.
    public static var schema: Schema {
        .object("The home volume: a PersistentVolumeClaim per Workbench that outlives restarts and suspends.") {
            Field(
                "mountPath", .absolutePath,
                "Where the home volume is mounted in the workbench container; also its HOME."
            ).defaultValue("/home/workbench")
            Field(
                "size", .quantity,
                "The size of home volumes whose Workbench and tenant set none."
            ).defaultValue("10Gi")
        }
    }
}

/// The settings of the workbench container's security context a class may choose.
public struct WorkbenchSecurity: Codable, Sendable, Hashable, SchemaDescribed {
    /// The user id.
    public var runAsUser: Int64?
    /// The primary group id.
    public var runAsGroup: Int64?
    /// The group that owns the volumes.
    public var fsGroup: Int64?
    /// Whether the root file system is read-only.
    public var readOnlyRootFilesystem: Bool?
    /// Further writable, empty directories.
    public var writablePaths: [String]?

    public init(
        runAsUser: Int64? = nil, runAsGroup: Int64? = nil, fsGroup: Int64? = nil,
        readOnlyRootFilesystem: Bool? = nil, writablePaths: [String]? = nil
    ) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.fsGroup = fsGroup
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.writablePaths = writablePaths
    }

    /// The schema of `spec.securityContext`.
    public static var schema: Schema {
        .object("Security settings of the workbench container.") {
            Field(
                "runAsUser", Schema.int64.minimum(1).maximum(2_147_483_647).example(1000),
                "The user id the container runs as; never 0."
            ).defaultValue(1000)
            Field(
                "runAsGroup", Schema.int64.minimum(1).maximum(2_147_483_647).example(1000),
                "The primary group id; never 0."
            ).defaultValue(1000)
            Field(
                "fsGroup", Schema.int64.minimum(1).maximum(2_147_483_647).example(1000),
                "The group that owns the home volume, so the user can write to it."
            ).defaultValue(1000)
            Field(
                "readOnlyRootFilesystem", .boolean,
                "Mount the image's file system read-only. The home volume, /tmp and writablePaths stay writable. "
                    + "Turn it off only for images that write elsewhere and cannot be told not to."
            ).defaultValue(true)
            Field(
                "writablePaths", Schema.array(of: .absolutePath, maxItems: 16).listSet(),
                "Further directories that get an empty, writable volume, e.g. /var/run or /opt/conda/pkgs.")
        }
    }
}

/// The observed state of a ``WorkbenchClass``.
public struct WorkbenchClassStatus: Codable, Sendable, Hashable, SchemaDescribed {
    /// How many Workbenches use the class.
    public var workbenches: Int32?
    /// The latest observations.
    public var conditions: [Condition]?
    /// The generation this status describes.
    public var observedGeneration: Int64?

    public init(workbenches: Int32? = nil, conditions: [Condition]? = nil, observedGeneration: Int64? = nil) {
        self.workbenches = workbenches
        self.conditions = conditions
        self.observedGeneration = observedGeneration
    }

    /// The schema of `status`.
    public static var schema: Schema {
        .object("The observed state of the class, written by the controller.") {
            Field(
                "workbenches", Schema.int32.minimum(0).example(4),
                "How many Workbenches in all tenants use the class.")
            Field.conditions(
                "Types: Valid (the image reference and profiles are acceptable; False names what is wrong).")
            Field.observedGeneration
        }
    }
}
