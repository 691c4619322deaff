import KubeCore

/// What the Astrolift controller needs from a cluster: the CRDs it serves and
/// the permissions it uses. `astrolift doctor` checks both; the ClusterRole in
/// `manifests/` must grant exactly these permissions.
enum ControllerRequirements {
    /// One permission: `verbs` on `resource` in `group`.
    struct Permission: Hashable {
        var group: String
        var resource: String
        var subresource: String?
        var verbs: [String]

        var displayName: String {
            let base = group.isEmpty ? resource : "\(resource).\(group)"
            return subresource.map { "\(base)/\($0)" } ?? base
        }
    }

    static let group = "astrolift.dev"

    /// The CRDs of Astrolift's API, by `plural.group` name.
    static let crdNames = [
        "tenants", "workbenchclasses", "workbenches", "gatewaypolicies", "clusterkeyproviders", "keyproviders",
        "kmssecrets", "identityproviders",
    ].map { "\($0).\(group)" }

    private static let manage = ["get", "list", "watch", "create", "update", "patch", "delete"]
    private static let read = ["get", "list", "watch"]

    static let permissions: [Permission] = {
        var p: [Permission] = []
        for plural in crdNames.map({ String($0.split(separator: ".")[0]) }) {
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
        p.append(Permission(group: "", resource: "events", verbs: ["create", "patch"]))
        p.append(Permission(group: "events.k8s.io", resource: "events", verbs: ["create", "patch"]))
        p.append(Permission(group: "apps", resource: "statefulsets", verbs: manage))
        p.append(Permission(group: "networking.k8s.io", resource: "ingresses", verbs: manage))
        p.append(Permission(group: "networking.k8s.io", resource: "networkpolicies", verbs: manage))
        p.append(Permission(group: "rbac.authorization.k8s.io", resource: "rolebindings", verbs: manage))
        p.append(Permission(group: "coordination.k8s.io", resource: "leases", verbs: ["get", "create", "update"]))
        return p
    }()
}
