import KubeCore

/// The totals a ``Tenant``'s namespace may use; the controller writes them into a ResourceQuota
/// (and counts Workbenches itself).
public struct TenantQuota: Codable, Sendable, Hashable, SchemaDescribed {
    /// The most Workbench objects.
    public var workbenches: Int32?
    /// The most Workbenches running at once.
    public var runningWorkbenches: Int32?
    /// Total CPU requests.
    public var cpu: Quantity?
    /// Total memory requests.
    public var memory: Quantity?
    /// Total GPUs requested (`requests.nvidia.com/gpu`).
    public var gpu: Quantity?
    /// Total storage requested by volume claims.
    public var storage: Quantity?
    /// The most PersistentVolumeClaims.
    public var persistentVolumeClaims: Int32?
    /// Further ResourceQuota entries.
    public var additional: [String: Quantity]?

    public init(
        workbenches: Int32? = nil, runningWorkbenches: Int32? = nil, cpu: Quantity? = nil, memory: Quantity? = nil,
        gpu: Quantity? = nil, storage: Quantity? = nil, persistentVolumeClaims: Int32? = nil,
        additional: [String: Quantity]? = nil
    ) {
        self.workbenches = workbenches
        self.runningWorkbenches = runningWorkbenches
        self.cpu = cpu
        self.memory = memory
        self.gpu = gpu
        self.storage = storage
        self.persistentVolumeClaims = persistentVolumeClaims
        self.additional = additional
    }

    /// The schema of `spec.quota`.
    public static var schema: Schema {
        .object("Totals a tenant may use.") {
            Field(
                "workbenches", Schema.int32.minimum(0).example(20),
                "The most Workbench objects the tenant may have. New ones beyond it are refused a start and "
                    + "reported in their status. Absent means no limit.")
            Field(
                "runningWorkbenches", Schema.int32.minimum(0).example(10),
                "The most Workbenches that may run at once. A Workbench over the limit waits Suspended with stop "
                    + "reason Quota and starts when another one stops. Absent means no limit.")
            Field(
                "cpu", .quantity,
                "Total CPU all pods in the namespace may request (ResourceQuota requests.cpu), e.g. 32 or 500m.")
            Field(
                "memory", .quantity,
                "Total memory all pods in the namespace may request (ResourceQuota requests.memory), e.g. 128Gi.")
            Field(
                "gpu", .quantity,
                "Total NVIDIA GPUs all pods in the namespace may request (ResourceQuota requests.nvidia.com/gpu).")
            Field(
                "storage", .quantity,
                "Total storage all PersistentVolumeClaims in the namespace may request (requests.storage); "
                    + "home volumes count against it.")
            Field(
                "persistentVolumeClaims", Schema.int32.minimum(0).example(20),
                "The most PersistentVolumeClaims in the namespace.")
            Field(
                "additional", Schema.resourceList,
                "Further ResourceQuota entries, merged over the ones above: any resource name a ResourceQuota "
                    + "accepts, e.g. limits.memory, requests.nvidia.com/mig-1g.10gb or count/services.")
        }
        .rule(
            "!has(self.runningWorkbenches) || !has(self.workbenches) || self.runningWorkbenches <= self.workbenches",
            message: "runningWorkbenches cannot be more than workbenches", fieldPath: ".runningWorkbenches")
    }
}

/// Per-container defaults and bounds in a ``Tenant``'s namespace (a LimitRange).
public struct TenantLimits: Codable, Sendable, Hashable, SchemaDescribed {
    /// Requests a container gets when it sets none.
    public var defaultRequest: [String: Quantity]?
    /// Limits a container gets when it sets none.
    public var defaultLimit: [String: Quantity]?
    /// The largest limits a container may have.
    public var max: [String: Quantity]?
    /// The smallest requests a container may have.
    public var min: [String: Quantity]?

    public init(
        defaultRequest: [String: Quantity]? = nil, defaultLimit: [String: Quantity]? = nil,
        max: [String: Quantity]? = nil, min: [String: Quantity]? = nil
    ) {
        self.defaultRequest = defaultRequest
        self.defaultLimit = defaultLimit
        self.max = max
        self.min = min
    }

    /// The schema of `spec.limits`.
    public static var schema: Schema {
        .object("Per-container defaults and bounds, keyed by resource name (cpu, memory, …).") {
            Field(
                "defaultRequest", .resourceList,
                "Requests a container gets when it sets none, e.g. {cpu: 250m, memory: 512Mi}.")
            Field("defaultLimit", .resourceList, "Limits a container gets when it sets none.")
            Field("max", .resourceList, "The largest limit a container may set.")
            Field("min", .resourceList, "The smallest request a container may set.")
        }
    }
}

/// The network fence around a ``Tenant``'s namespace. Ingress is denied except from the
/// ingress controller's namespace and those listed; egress is denied except DNS, the
/// controller's own needs and the rules listed.
public struct TenantNetwork: Codable, Sendable, Hashable, SchemaDescribed {
    /// Further namespaces whose pods may reach the tenant's workbenches.
    public var ingressNamespaces: [String]?
    /// Destinations the tenant's pods may reach.
    public var egress: [TenantEgressRule]?

    public init(ingressNamespaces: [String]? = nil, egress: [TenantEgressRule]? = nil) {
        self.ingressNamespaces = ingressNamespaces
        self.egress = egress
    }

    /// The schema of `spec.network`.
    public static var schema: Schema {
        .object(
            "The network fence: NetworkPolicies that deny everything except what is listed here and what "
                + "Astrolift itself needs (DNS, and ingress from the ingress controller's namespace)."
        ) {
            Field(
                "ingressNamespaces", Schema.array(of: .dnsLabel, maxItems: 32).listSet(),
                "Further namespaces whose pods may connect to the tenant's workbenches, besides the ingress "
                    + "controller's namespace (a controller setting).")
            Field(
                "egress", Schema.array(of: TenantEgressRule.self, maxItems: 64).atomic(),
                "Destinations the tenant's pods may connect to, besides DNS. Model providers are reached through "
                    + "each workbench's gateway, which the controller allows separately; list here only what "
                    + "workbenches need directly, such as a database or a package mirror.")
        }
    }
}

/// One destination a tenant's pods may connect to: an IP block or a namespace.
public struct TenantEgressRule: Codable, Sendable, Hashable, SchemaDescribed {
    /// What the rule is for.
    public var description: String?
    /// An IP block in CIDR notation.
    public var cidr: String?
    /// Blocks inside ``cidr`` that stay closed.
    public var except: [String]?
    /// A namespace whose pods may be reached.
    public var namespaceName: String?
    /// The ports allowed; all when absent.
    public var ports: [NetworkPort]?

    public init(
        description: String? = nil, cidr: String? = nil, except: [String]? = nil, namespaceName: String? = nil,
        ports: [NetworkPort]? = nil
    ) {
        self.description = description
        self.cidr = cidr
        self.except = except
        self.namespaceName = namespaceName
        self.ports = ports
    }

    /// The schema of one `spec.network.egress` entry.
    public static var schema: Schema {
        .object("A destination: an IP block (cidr) or a namespace (namespaceName), and optionally ports.") {
            Field("description", .string(maxLength: 256), "What the rule is for, for the people who read it.")
            Field("cidr", .cidr, "An IP block in CIDR notation, e.g. 10.20.0.0/16 or 2001:db8::/32.")
            Field(
                "except", Schema.array(of: .cidr, maxItems: 32).listSet(),
                "Blocks inside cidr that stay closed, e.g. the cloud metadata address 169.254.169.254/32.")
            Field("namespaceName", .dnsLabel, "A namespace whose pods may be reached, by name.")
            Field(
                "ports", Schema.array(of: NetworkPort.self, maxItems: 32).atomic(),
                "The ports that may be reached. Absent or empty allows every port.")
        }
        .rule("has(self.cidr) != has(self.namespaceName)", message: "set exactly one of cidr and namespaceName")
        .rule("!has(self.except) || has(self.cidr)", message: "except needs cidr", fieldPath: ".except")
    }
}

/// A port or range of ports.
public struct NetworkPort: Codable, Sendable, Hashable, SchemaDescribed {
    /// The port, or the first of a range.
    public var port: Int32
    /// The last port of a range.
    public var endPort: Int32?
    /// The protocol.
    public var `protocol`: NetworkProtocol?

    public init(port: Int32, endPort: Int32? = nil, protocol: NetworkProtocol? = nil) {
        self.port = port
        self.endPort = endPort
        self.protocol = `protocol`
    }

    /// The schema of a port entry.
    public static var schema: Schema {
        .object("A port or a range of ports.") {
            Field("port", .port, "The port number, or the first port of a range.").required()
            Field("endPort", .port, "The last port of a range, inclusive.")
            Field("protocol", .enumeration(NetworkProtocol.self), "The protocol.").defaultValue("TCP")
        }
        .rule(
            "!has(self.endPort) || self.endPort >= self.port", message: "endPort cannot be less than port",
            fieldPath: ".endPort")
    }
}

/// A transport protocol, as NetworkPolicies name them.
public enum NetworkProtocol: String, Codable, Sendable, Hashable, CaseIterable {
    case tcp = "TCP"
    case udp = "UDP"
    case sctp = "SCTP"
}

/// What a ``Tenant``'s Workbenches get when they do not say.
public struct TenantDefaults: Codable, Sendable, Hashable, SchemaDescribed {
    /// The class of Workbenches that name none.
    public var workbenchClassRef: NameReference?
    /// The profile of Workbenches that name none and whose class has no default.
    public var profile: String?
    /// The gateway policy of Workbenches that name none.
    public var gatewayPolicyRef: NameReference?
    /// The idle timeout of Workbenches that set none.
    public var idleTimeout: KubeDuration?
    /// The maximum lifetime of Workbenches that set none.
    public var maxLifetime: KubeDuration?
    /// The storage class of home volumes that name none.
    public var storageClassName: String?
    /// The size of home volumes that set none.
    public var homeSize: Quantity?

    public init(
        workbenchClassRef: NameReference? = nil, profile: String? = nil, gatewayPolicyRef: NameReference? = nil,
        idleTimeout: KubeDuration? = nil, maxLifetime: KubeDuration? = nil, storageClassName: String? = nil,
        homeSize: Quantity? = nil
    ) {
        self.workbenchClassRef = workbenchClassRef
        self.profile = profile
        self.gatewayPolicyRef = gatewayPolicyRef
        self.idleTimeout = idleTimeout
        self.maxLifetime = maxLifetime
        self.storageClassName = storageClassName
        self.homeSize = homeSize
    }

    /// The schema of `spec.defaults`.
    public static var schema: Schema {
        .object("Defaults for the tenant's Workbenches; a Workbench's own settings win, then these, then the class's.")
        {
            Field(
                "workbenchClassRef", NameReference.self,
                "The WorkbenchClass of Workbenches that name none.")
            Field(
                "profile", .dnsLabel,
                "The resource profile of Workbenches that name none, when their class has it.")
            Field(
                "gatewayPolicyRef", NameReference.self,
                "The GatewayPolicy (in the tenant's namespace) of Workbenches that name none. Without one, a "
                    + "workbench's gateway refuses every model and tool call (fail closed).")
            Field(
                "idleTimeout", .duration,
                "How long a Workbench may be idle before it is stopped, e.g. 1h30m; 0s never stops it.")
            Field(
                "maxLifetime", .duration,
                "How long a Workbench may run from its start before it is stopped; 0s means no limit.")
            Field("storageClassName", .dnsSubdomain, "The StorageClass of home volumes that name none.")
            Field("homeSize", .quantity, "The size of home volumes that set none, e.g. 20Gi.")
        }
    }
}

extension Schema {
    /// An IPv4 or IPv6 block in CIDR notation.
    public static var cidr: Schema {
        Schema.string(maxLength: 64).pattern("^[0-9a-fA-F:.]+/[0-9]{1,3}$").example("10.20.0.0/16")
    }
}
