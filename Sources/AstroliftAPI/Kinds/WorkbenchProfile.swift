import KubeCore
import KubeModels

/// A resource profile of a ``WorkbenchClass``: how much CPU, memory and GPU a
/// workbench gets, and where it may be scheduled.
public struct WorkbenchProfile: Codable, Sendable, Hashable, SchemaDescribed {
    /// The name Workbenches use in `spec.profile`.
    public var name: String
    /// The name shown to users.
    public var displayName: String?
    /// What the profile is for.
    public var description: String?
    /// CPU, memory and other requests and limits.
    public var resources: ProfileResources?
    /// GPUs.
    public var gpu: ProfileGPU?
    /// Node labels the pod must match.
    public var nodeSelector: [String: String]?
    /// Taints the pod tolerates.
    public var tolerations: [Toleration]?

    public init(
        name: String, displayName: String? = nil, description: String? = nil, resources: ProfileResources? = nil,
        gpu: ProfileGPU? = nil, nodeSelector: [String: String]? = nil, tolerations: [Toleration]? = nil
    ) {
        self.name = name
        self.displayName = displayName
        self.description = description
        self.resources = resources
        self.gpu = gpu
        self.nodeSelector = nodeSelector
        self.tolerations = tolerations
    }

    /// The schema of one `spec.profiles` entry.
    public static var schema: Schema {
        .object("A resource profile: what a workbench gets and where it runs.") {
            Field("name", .dnsLabel, "The name Workbenches give in spec.profile, e.g. small or gpu-a100.").required()
            Field("displayName", .string(maxLength: 256), "The name shown to users, e.g. \"Large (8 CPU, 32 GiB)\".")
            Field("description", .string(maxLength: 1024), "What the profile is for.")
            Field(
                "resources", ProfileResources.self,
                "Requests and limits of the workbench container. The gateway and auth-proxy sidecars have their "
                    + "own small, fixed resources on top.")
            Field("gpu", ProfileGPU.self, "GPUs for the workbench container.")
            Field(
                "nodeSelector", .stringMap(),
                "Node labels the pod must match, e.g. {nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB}.")
            Field(
                "tolerations", Schema.array(of: Toleration.self, maxItems: 16).atomic(),
                "Taints the pod tolerates, e.g. the taint of a GPU node pool.")
        }
    }
}

/// Requests and limits of the workbench container.
public struct ProfileResources: Codable, Sendable, Hashable, SchemaDescribed {
    /// What the scheduler reserves.
    public var requests: [String: Quantity]?
    /// The most the container may use.
    public var limits: [String: Quantity]?

    public init(requests: [String: Quantity]? = nil, limits: [String: Quantity]? = nil) {
        self.requests = requests
        self.limits = limits
    }

    /// The schema of `resources`.
    public static var schema: Schema {
        .object("Requests and limits, keyed by resource name.") {
            Field(
                "requests", .resourceList,
                "What the scheduler reserves, e.g. {cpu: \"2\", memory: 8Gi}. Counted against the tenant's quota.")
            Field(
                "limits", .resourceList,
                "The most the container may use, e.g. {memory: 8Gi}. Memory over the limit kills the process.")
        }
    }
}

/// GPUs for a workbench: whole devices or MIG slices.
public struct ProfileGPU: Codable, Sendable, Hashable, SchemaDescribed {
    /// How many.
    public var count: Int32
    /// The extended resource that counts them.
    public var resourceName: String?

    public init(count: Int32, resourceName: String? = nil) {
        self.count = count
        self.resourceName = resourceName
    }

    /// The extended resource name when none is set.
    public static let defaultResourceName = "nvidia.com/gpu"

    /// The schema of `gpu`.
    public static var schema: Schema {
        .object("GPUs for the workbench container; set as both request and limit.") {
            Field("count", Schema.int32.minimum(1).maximum(16).example(1), "How many GPUs (or MIG slices).")
                .required()
            Field(
                "resourceName", .qualifiedName,
                "The extended resource the device plugin advertises: nvidia.com/gpu for whole GPUs, or a MIG "
                    + "profile such as nvidia.com/mig-1g.10gb."
            ).defaultValue(.string(defaultResourceName))
        }
    }
}

// MARK: - Schemas of the core types the API embeds

extension Toleration: SchemaDescribed {
    /// `core/v1 Toleration`.
    public static var schema: Schema {
        .object("A taint the pod tolerates.") {
            Field(
                "key", .qualifiedName,
                "The taint key; empty with operator Exists tolerates every taint.")
            Field(
                "operator", .enumeration(["Exists", "Equal"]),
                "Equal (the default) matches key and value; Exists matches any value.")
            Field("value", .string(maxLength: 63), "The taint value, for Equal.")
            Field(
                "effect", .enumeration(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
                "The taint effect to tolerate; empty tolerates every effect.")
            Field(
                "tolerationSeconds", Schema.int64.example(300),
                "For NoExecute: how long the pod stays bound after the taint appears; forever when absent.")
        }
    }
}

extension EnvVar: SchemaDescribed {
    /// `core/v1 EnvVar`.
    public static var schema: Schema {
        .object("An environment variable.") {
            Field("name", .environmentVariableName, "The variable name.").required()
            Field(
                "value", .string(maxLength: 32768),
                "The value. $(OTHER) refers to a variable defined earlier; $$ writes a literal $.")
            Field("valueFrom", EnvVarSource.self, "Where to take the value from, instead of value.")
        }
        .rule("!(has(self.value) && has(self.valueFrom))", message: "set value or valueFrom, not both")
    }
}

extension EnvVarSource: SchemaDescribed {
    /// `core/v1 EnvVarSource`.
    public static var schema: Schema {
        .object("The source of an environment variable's value; set exactly one member.") {
            Field("fieldRef", ObjectFieldSelector.self, "A field of the pod, e.g. metadata.name.")
            Field("resourceFieldRef", ResourceFieldSelector.self, "A resource request or limit of a container.")
            Field("configMapKeyRef", ConfigMapKeySelector.self, "A key of a ConfigMap in the same namespace.")
            Field("secretKeyRef", SecretKeySelector.self, "A key of a Secret in the same namespace.")
        }
        .rule(
            "(has(self.fieldRef) ? 1 : 0) + (has(self.resourceFieldRef) ? 1 : 0) + (has(self.configMapKeyRef) ? 1 : 0)"
                + " + (has(self.secretKeyRef) ? 1 : 0) == 1",
            message: "set exactly one of fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef")
    }
}

extension ObjectFieldSelector: SchemaDescribed {
    /// `core/v1 ObjectFieldSelector`.
    public static var schema: Schema {
        .object("A field of the pod.") {
            Field("apiVersion", .string(maxLength: 64), "The version fieldPath is written in; v1 when absent.")
            Field(
                "fieldPath", Schema.string(maxLength: 256).example("metadata.name"),
                "The field, e.g. metadata.name, metadata.namespace or status.podIP."
            ).required()
        }
    }
}

extension ResourceFieldSelector: SchemaDescribed {
    /// `core/v1 ResourceFieldSelector`.
    public static var schema: Schema {
        .object("A resource request or limit of a container.") {
            Field("containerName", .dnsLabel, "The container; the variable's own when absent.")
            Field(
                "resource", Schema.string(maxLength: 256).example("limits.memory"),
                "The resource, e.g. limits.memory or requests.cpu."
            ).required()
            Field("divisor", .quantity, "The unit the value is given in, e.g. 1Mi; 1 when absent.")
        }
    }
}

extension ConfigMapKeySelector: SchemaDescribed {
    /// `core/v1 ConfigMapKeySelector`.
    public static var schema: Schema {
        .object("A key of a ConfigMap.") {
            Field("name", .dnsSubdomain, "The ConfigMap's name.").required()
            Field("key", .secretKey, "The key.").required()
            Field("optional", .boolean, "Whether a missing ConfigMap or key is accepted (the variable is unset).")
        }
    }
}

extension SecretKeySelector: SchemaDescribed {
    /// `core/v1 SecretKeySelector`.
    public static var schema: Schema {
        .object("A key of a Secret.") {
            Field("name", .dnsSubdomain, "The Secret's name.").required()
            Field("key", .secretKey, "The key.").required()
            Field("optional", .boolean, "Whether a missing Secret or key is accepted (the variable is unset).")
        }
    }
}
