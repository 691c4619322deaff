import AstroliftAPI
import KubeCore

/// Label and annotation keys the controller writes and reads.
public enum AstroliftLabels {
    /// On every object the controller creates: `astrolift`. Caches of child kinds select on it.
    public static let managedBy = "app.kubernetes.io/managed-by"
    /// The value of ``managedBy``.
    public static let managedByValue = "astrolift"
    /// The application an object belongs to (`workbench`, `tenant`, `gateway-policy`).
    public static let name = "app.kubernetes.io/name"
    /// Which instance: the owning object's name.
    public static let instance = "app.kubernetes.io/instance"
    /// The part an object plays (`session`, `home`, `policy`, `network-fence`, …).
    public static let component = "app.kubernetes.io/component"
    /// `astrolift`.
    public static let partOf = "app.kubernetes.io/part-of"

    /// On a tenant's namespace and everything in it the controller creates: the Tenant's name.
    public static let tenant = "astrolift.dev/tenant"
    /// On a workbench's children and pod: the Workbench's name.
    public static let workbench = "astrolift.dev/workbench"
    /// On a rendered policy ConfigMap: the GatewayPolicy's name.
    public static let gatewayPolicy = "astrolift.dev/gateway-policy"

    /// Annotation: the sha256 of the gateway policy rendering, on policy ConfigMaps and pod templates.
    public static let policyHash = "astrolift.dev/gateway-policy-hash"
    /// Annotation on children compared by hash: the hash of what the controller last applied.
    public static let appliedHash = "astrolift.dev/applied-hash"
    /// Annotation anything may set on a Workbench: when it was last used (RFC 3339).
    public static let lastActivity = "astrolift.dev/last-activity"

    /// The Pod Security admission label for the enforce level.
    public static let podSecurityEnforce = "pod-security.kubernetes.io/enforce"
    /// The Pod Security admission label for the enforce version.
    public static let podSecurityEnforceVersion = "pod-security.kubernetes.io/enforce-version"

    /// The labels every object the controller creates carries.
    static func common(name: String, instance: String, component: String) -> [String: String] {
        [
            Self.name: name, Self.instance: instance, Self.component: component, partOf: "astrolift",
            managedBy: managedByValue,
        ]
    }

    /// The label selector of the controller's caches of child kinds.
    public static let managedSelector = "\(managedBy)=\(managedByValue)"
}

/// Finalizers the controller puts on its primary objects.
public enum AstroliftFinalizers {
    /// On Tenants: the namespace is deleted before the Tenant goes.
    public static let tenant = "astrolift.dev/tenant-cleanup"
    /// On Workbenches: a retained home volume is released before the Workbench goes.
    public static let workbench = "astrolift.dev/workbench-cleanup"
}

/// The field manager of every server-side apply the controller makes.
public let astroliftFieldManager = "astrolift-controller"
