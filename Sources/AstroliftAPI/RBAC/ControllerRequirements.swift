import KubeCore
import KubeModels

/// What the Astrolift controller needs from a cluster: the CRDs it serves and the
/// permissions it uses. The one source for `astrolift doctor`, the controller's
/// ClusterRole and leader-election Role in `manifests/` and the chart, and the tests
/// that check them.
public enum ControllerRequirements {
    /// One permission: `verbs` on `resource` (and `subresource`) in `group`, optionally
    /// only on some object names, cluster-wide or in the controller's namespace.
    public struct Permission: Hashable, Sendable {
        /// The API group; `""` is the core group.
        public var group: String
        /// The resource, e.g. `secrets`.
        public var resource: String
        /// The subresource, e.g. `status`.
        public var subresource: String?
        /// The verbs.
        public var verbs: [String]
        /// Only these object names; all when empty.
        public var resourceNames: [String]
        /// Whether the permission is needed only in the controller's own namespace.
        public var inControllerNamespace: Bool

        public init(
            group: String, resource: String, subresource: String? = nil, verbs: [String],
            resourceNames: [String] = [], inControllerNamespace: Bool = false
        ) {
            self.group = group
            self.resource = resource
            self.subresource = subresource
            self.verbs = verbs
            self.resourceNames = resourceNames
            self.inControllerNamespace = inControllerNamespace
        }

        /// `resource/subresource`, as RBAC rules write it.
        public var ruleResource: String { subresource.map { "\(resource)/\($0)" } ?? resource }

        /// `secrets`, `workbenches.astrolift.dev/status`, …
        public var displayName: String {
            let base = group.isEmpty ? resource : "\(resource).\(group)"
            return subresource.map { "\(base)/\($0)" } ?? base
        }
    }

    /// The namespace the shipped manifests install the controller into.
    public static let controllerNamespace = "astrolift-system"
    /// The name of the controller's ServiceAccount, ClusterRole and bindings in `manifests/`.
    public static let controllerName = "astrolift-controller"

    /// The API group of Astrolift's kinds.
    public static let group = AstroliftGroup.name

    /// The CRDs of Astrolift's API, by `plural.group` name.
    public static var crdNames: [String] { AstroliftGroup.kinds.map { $0.resource.qualifiedName } }

    private static let manage = ["get", "list", "watch", "create", "update", "patch", "delete"]
    private static let read = ["get", "list", "watch"]

    /// Cluster-wide permissions: the controller's ClusterRole grants exactly these.
    public static let permissions: [Permission] = {
        var p: [Permission] = []
        for kind in AstroliftGroup.kinds {
            let plural = kind.resource.plural
            p.append(Permission(group: group, resource: plural, verbs: read + ["update", "patch"]))
            p.append(
                Permission(group: group, resource: plural, subresource: "status", verbs: ["get", "update", "patch"]))
            p.append(Permission(group: group, resource: plural, subresource: "finalizers", verbs: ["update"]))
        }
        for resource in [
            "namespaces", "serviceaccounts", "secrets", "configmaps", "services", "persistentvolumeclaims",
            "resourcequotas", "limitranges",
        ] {
            p.append(Permission(group: "", resource: resource, verbs: manage))
        }
        p.append(Permission(group: "", resource: "pods", verbs: read))
        // Tokens of its own ServiceAccount (by name; the chart's Role for leader election is
        // optional, so this sits here), for Vault Kubernetes auth and cloud workload identity.
        p.append(
            Permission(
                group: "", resource: "serviceaccounts", subresource: "token", verbs: ["create"],
                resourceNames: [controllerName]))
        p.append(Permission(group: "", resource: "events", verbs: ["create", "patch"]))
        p.append(Permission(group: "events.k8s.io", resource: "events", verbs: ["create", "patch"]))
        p.append(Permission(group: "apps", resource: "statefulsets", verbs: manage))
        p.append(Permission(group: "networking.k8s.io", resource: "ingresses", verbs: manage))
        p.append(Permission(group: "networking.k8s.io", resource: "networkpolicies", verbs: manage))
        p.append(Permission(group: "rbac.authorization.k8s.io", resource: "rolebindings", verbs: manage))
        // Binding a ClusterRole needs either every permission in it or `bind` on it; the
        // tenant roles grant things the controller does not hold (pods/log), so: bind.
        p.append(
            Permission(
                group: "rbac.authorization.k8s.io", resource: "clusterroles", verbs: ["bind"],
                resourceNames: TenantRole.allCases.map(\.clusterRoleName)))
        return p
    }()

    /// Permissions needed only in the controller's namespace: the leader-election Role.
    public static let leaderElectionPermissions: [Permission] = [
        Permission(
            group: "coordination.k8s.io", resource: "leases", verbs: ["get", "create", "update", "patch"],
            inControllerNamespace: true)
    ]

    /// Every permission, cluster-wide first.
    public static var allPermissions: [Permission] { permissions + leaderElectionPermissions }

    /// The rules of the controller's ClusterRole: ``permissions``, merged into one rule per
    /// (group, verbs, resource names).
    public static var clusterRoleRules: [PolicyRule] { rules(for: permissions) }

    /// The rules of the controller's leader-election Role.
    public static var leaderElectionRules: [PolicyRule] { rules(for: leaderElectionPermissions) }

    static func rules(for permissions: [Permission]) -> [PolicyRule] {
        struct Key: Hashable {
            var group: String
            var verbs: [String]
            var names: [String]
        }
        var order: [Key] = []
        var resources: [Key: [String]] = [:]
        for p in permissions {
            let key = Key(group: p.group, verbs: p.verbs, names: p.resourceNames)
            if resources[key] == nil { order.append(key) }
            resources[key, default: []].append(p.ruleResource)
        }
        return order.map { key in
            PolicyRule(
                verbs: key.verbs, apiGroups: [key.group], resources: resources[key] ?? [],
                resourceNames: key.names.isEmpty ? nil : key.names)
        }
    }
}
