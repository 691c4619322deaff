import KubeCore

/// `Tenant` (cluster-scoped): an organization unit that owns one namespace, with its
/// quota, limits, network fence, role bindings and workbench defaults.
public struct Tenant: AstroliftResource {
    /// `astrolift.dev/v1alpha1`.
    public var apiVersion: String?
    /// `Tenant`.
    public var kind: String?
    /// The object's metadata; the name is a DNS label because it names the namespace by default.
    public var metadata: ObjectMeta
    /// The desired state.
    public var spec: TenantSpec
    /// The observed state, written by the controller.
    public var status: TenantStatus?

    /// Served at `astrolift.dev/v1alpha1`, resource `tenants`, cluster-scoped.
    public static let resource = AstroliftGroup.resource(kind: "Tenant", plural: "tenants", namespaced: false)

    /// An object with `apiVersion` and `kind` set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: TenantSpec = TenantSpec(), status: TenantStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Names, printer columns and name rule.
    public static let definition = ResourceDefinition(
        description:
            "A Tenant is an organization unit: a team, a department or a customer. The controller gives it one "
            + "namespace (with Pod Security labels), a ResourceQuota and LimitRange, default-deny NetworkPolicies "
            + "with an egress fence, RoleBindings that map identity-provider groups and users to the tenant roles, "
            + "and the defaults its Workbenches start from. Cluster-scoped; written by the platform team.",
        singular: "tenant", shortNames: ["tnt"],
        printerColumns: [
            PrinterColumn("Namespace", .string, ".status.namespace", "The namespace the tenant owns."),
            PrinterColumn("Workbenches", .integer, ".status.workbenches", "How many Workbenches the tenant has."),
            PrinterColumn(
                "Running", .integer, ".status.runningWorkbenches", "How many of them are running.", priority: 1),
            .ready, .reason, .age,
        ],
        rules: [
            .nameIsDNSLabel(maxLength: 63, because: "it names the tenant's namespace unless spec.namespace.name is set")
        ]
    )
}

/// The desired state of a ``Tenant``.
public struct TenantSpec: Codable, Sendable, Hashable, SchemaDescribed {
    /// A human-readable name.
    public var displayName: String?
    /// The namespace the tenant owns.
    public var namespace: TenantNamespace?
    /// The identity provider whose users and groups ``roleBindings`` name.
    public var identityProviderRef: NameReference?
    /// Who may do what in the tenant's namespace.
    public var roleBindings: [TenantRoleBinding]?
    /// Totals the tenant may use.
    public var quota: TenantQuota?
    /// Per-container defaults and bounds.
    public var limits: TenantLimits?
    /// The network fence.
    public var network: TenantNetwork?
    /// Defaults for the tenant's Workbenches.
    public var defaults: TenantDefaults?
    /// The WorkbenchClasses the tenant may use; empty means all.
    public var allowedWorkbenchClasses: [String]?
    /// The RuntimeClass every workbench pod runs with (e.g. `gvisor`).
    public var runtimeClassName: String?
    /// Node labels every workbench pod must match.
    public var nodeSelector: [String: String]?

    public init(
        displayName: String? = nil, namespace: TenantNamespace? = nil, identityProviderRef: NameReference? = nil,
        roleBindings: [TenantRoleBinding]? = nil, quota: TenantQuota? = nil, limits: TenantLimits? = nil,
        network: TenantNetwork? = nil, defaults: TenantDefaults? = nil, allowedWorkbenchClasses: [String]? = nil,
        runtimeClassName: String? = nil, nodeSelector: [String: String]? = nil
    ) {
        self.displayName = displayName
        self.namespace = namespace
        self.identityProviderRef = identityProviderRef
        self.roleBindings = roleBindings
        self.quota = quota
        self.limits = limits
        self.network = network
        self.defaults = defaults
        self.allowedWorkbenchClasses = allowedWorkbenchClasses
        self.runtimeClassName = runtimeClassName
        self.nodeSelector = nodeSelector
    }

    /// The schema of `spec`.
    public static var schema: Schema {
        Schema.object("The desired state of the tenant.") {
            Field("displayName", .string(maxLength: 256), "A human-readable name, shown by tools and the UI.")
            Field("namespace", TenantNamespace.self, "The namespace the tenant owns and how it is labelled.")
            Field(
                "identityProviderRef", NameReference.self,
                "The IdentityProvider whose users and groups roleBindings names. Workbenches of this tenant use it "
                    + "for their auth proxy unless they name another one.")
            Field(
                "roleBindings", Schema.array(of: TenantRoleBinding.self, maxItems: 4).listMap(keys: "role"),
                "Who may do what in the tenant's namespace: each entry binds users and groups to one tenant role "
                    + "(a ClusterRole shipped with Astrolift). At most one entry per role.")
            Field("quota", TenantQuota.self, "Totals the tenant's namespace may use, enforced by a ResourceQuota.")
            Field(
                "limits", TenantLimits.self,
                "Per-container defaults and bounds, enforced by a LimitRange in the tenant's namespace.")
            Field("network", TenantNetwork.self, "The network fence around the tenant's namespace.")
            Field("defaults", TenantDefaults.self, "What the tenant's Workbenches get when they do not say.")
            Field(
                "allowedWorkbenchClasses", Schema.array(of: .dnsSubdomain, maxItems: 64).listSet(),
                "The names of the WorkbenchClasses the tenant may use. Empty or absent allows every class.")
            Field(
                "runtimeClassName", .dnsSubdomain,
                "The RuntimeClass every workbench pod of the tenant runs with, for sandboxing "
                    + "(for example gvisor or kata). The RuntimeClass must exist in the cluster.")
            Field(
                "nodeSelector", .stringMap(),
                "Node labels every workbench pod of the tenant must match, merged over the profile's own.")
        }
    }
}

/// The namespace a ``Tenant`` owns.
public struct TenantNamespace: Codable, Sendable, Hashable, SchemaDescribed {
    /// The namespace name; the Tenant's name when absent.
    public var name: String?
    /// The Pod Security Standard enforced in the namespace.
    public var podSecurity: PodSecurityLevel?
    /// Extra labels for the namespace.
    public var labels: [String: String]?
    /// Extra annotations for the namespace.
    public var annotations: [String: String]?

    public init(
        name: String? = nil, podSecurity: PodSecurityLevel? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil
    ) {
        self.name = name
        self.podSecurity = podSecurity
        self.labels = labels
        self.annotations = annotations
    }

    /// The schema of `spec.namespace`.
    public static var schema: Schema {
        .object("The namespace a tenant owns.") {
            Field(
                "name", .dnsLabel,
                "The name of the namespace. Defaults to the Tenant's name. Cannot be changed once set. If a "
                    + "namespace of that name already exists and is not another tenant's, the tenant adopts it.")
            Field(
                "podSecurity", .enumeration(PodSecurityLevel.self),
                "The Pod Security Standard the namespace enforces (the pod-security.kubernetes.io/enforce label). "
                    + "Restricted suits workbenches as Astrolift runs them; Baseline or Privileged only loosen it."
            ).defaultValue("Restricted")
            Field(
                "labels", .stringMap(),
                "Extra labels for the namespace. The astrolift.dev/ and pod-security.kubernetes.io/ labels are the "
                    + "controller's and cannot be set here."
            ).rule(
                "self.all(k, !k.startsWith('astrolift.dev/') && !k.startsWith('pod-security.kubernetes.io/'))",
                message: "labels under astrolift.dev/ and pod-security.kubernetes.io/ are set by the controller")
            Field("annotations", .stringMap(), "Extra annotations for the namespace.")
        }
        .rule(
            "has(self.name) == has(oldSelf.name) && (!has(self.name) || self.name == oldSelf.name)",
            message: "namespace.name cannot be changed: create a new Tenant instead")
    }
}

/// A Pod Security Standard level.
public enum PodSecurityLevel: String, Codable, Sendable, Hashable, CaseIterable {
    /// The most restrictive standard; what Astrolift's hardened pods meet.
    case restricted = "Restricted"
    /// Prevents known privilege escalations.
    case baseline = "Baseline"
    /// No restrictions.
    case privileged = "Privileged"

    /// The value of the `pod-security.kubernetes.io/enforce` label.
    public var labelValue: String { rawValue.lowercased() }
}

/// One of the roles a tenant's members can have.
public enum TenantRole: String, Codable, Sendable, Hashable, CaseIterable {
    /// Everything in the namespace Astrolift lets a tenant manage, policies and key providers included.
    case admin = "Admin"
    /// Workbenches and KMSSecrets.
    case editor = "Editor"
    /// Workbenches and their logs.
    case user = "User"
    /// Read-only.
    case viewer = "Viewer"

    /// The ClusterRole shipped in `manifests/` that the role binds, e.g. `astrolift-tenant-admin`.
    public var clusterRoleName: String { "astrolift-tenant-" + rawValue.lowercased() }
}

/// Binds users and groups of the identity provider to a tenant role.
public struct TenantRoleBinding: Codable, Sendable, Hashable, SchemaDescribed {
    /// The role.
    public var role: TenantRole
    /// Group names, as the identity provider reports them.
    public var groups: [String]?
    /// User names, as the identity provider reports them.
    public var users: [String]?

    public init(role: TenantRole, groups: [String]? = nil, users: [String]? = nil) {
        self.role = role
        self.groups = groups
        self.users = users
    }

    /// The schema of one `spec.roleBindings` entry.
    public static var schema: Schema {
        .object("Users and groups bound to one tenant role.") {
            Field(
                "role", .enumeration(TenantRole.self),
                "The tenant role: Admin (everything, gateway policies and key providers included), Editor "
                    + "(Workbenches and KMSSecrets), User (Workbenches and their logs) or Viewer (read-only). Each "
                    + "binds the ClusterRole astrolift-tenant-<role> in the tenant's namespace."
            ).required()
            Field(
                "groups", Schema.array(of: .string(maxLength: 256).minLength(1), maxItems: 64).listSet(),
                "Group names as the identity provider reports them (without the IdentityProvider's groupsPrefix, "
                    + "which the controller adds).")
            Field(
                "users", Schema.array(of: .string(maxLength: 256).minLength(1), maxItems: 256).listSet(),
                "User names as the identity provider reports them (without the IdentityProvider's usernamePrefix, "
                    + "which the controller adds).")
        }
        .rule(
            "(has(self.groups) && size(self.groups) > 0) || (has(self.users) && size(self.users) > 0)",
            message: "a role binding needs at least one group or user")
    }
}

/// The observed state of a ``Tenant``.
public struct TenantStatus: Codable, Sendable, Hashable, SchemaDescribed {
    /// The namespace the tenant owns.
    public var namespace: String?
    /// How many Workbenches the tenant has.
    public var workbenches: Int32?
    /// How many of them are running.
    public var runningWorkbenches: Int32?
    /// The latest observations; see the schema for the types.
    public var conditions: [Condition]?
    /// The generation this status describes.
    public var observedGeneration: Int64?

    public init(
        namespace: String? = nil, workbenches: Int32? = nil, runningWorkbenches: Int32? = nil,
        conditions: [Condition]? = nil, observedGeneration: Int64? = nil
    ) {
        self.namespace = namespace
        self.workbenches = workbenches
        self.runningWorkbenches = runningWorkbenches
        self.conditions = conditions
        self.observedGeneration = observedGeneration
    }

    /// The schema of `status`.
    public static var schema: Schema {
        .object("The observed state of the tenant, written by the controller.") {
            Field("namespace", .dnsLabel, "The namespace the tenant owns.")
            Field("workbenches", Schema.int32.minimum(0).example(3), "How many Workbenches the tenant has.")
            Field(
                "runningWorkbenches", Schema.int32.minimum(0).example(1),
                "How many of the tenant's Workbenches are running; counted against quota.runningWorkbenches.")
            Field.conditions(
                "Types: NamespaceReady (the namespace, quota, limits and network policies are in place), "
                    + "RoleBindingsReady (the role bindings match spec.roleBindings).")
            Field.observedGeneration
        }
    }
}
