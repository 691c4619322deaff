import Foundation
import KubeCore
import KubeModels

/// The RBAC objects a real API server creates at first start that kubectl, Helm and
/// their users rely on: the user-facing roles `cluster-admin`, `admin`, `edit` and
/// `view` (the last three aggregated from `system:aggregate-to-*` and from any ClusterRole
/// labelled `rbac.authorization.k8s.io/aggregate-to-<role>: "true"`), discovery and
/// self-review roles, and their ClusterRoleBindings.
///
/// Every object carries the label `kubernetes.io/bootstrapping: rbac-defaults` and the
/// annotation `rbac.authorization.kubernetes.io/autoupdate: "true"`, as the real ones do.
/// Controller and node roles of the real server are left out: this server runs no
/// kubelets or controller-manager identities.
public enum BootstrapPolicy {
    /// The label every bootstrap object carries.
    public static let bootstrappingLabel = ["kubernetes.io/bootstrapping": "rbac-defaults"]
    /// The annotation that lets the server reconcile bootstrap objects at start.
    public static let autoupdateAnnotation = ["rbac.authorization.kubernetes.io/autoupdate": "true"]
    /// The label key prefix of aggregation into `admin`, `edit` and `view`.
    public static let aggregateToLabelPrefix = "rbac.authorization.k8s.io/aggregate-to-"

    private static let readVerbs = ["get", "list", "watch"]
    private static let writeVerbs = ["create", "delete", "deletecollection", "patch", "update"]
    private static let readWriteVerbs = [
        "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch",
    ]

    /// The ClusterRoles, aggregated ones with their `rules` already filled in (as the
    /// aggregation controller would), in name order.
    public static var clusterRoles: [ClusterRole] {
        let roles = plainClusterRoles + aggregatedClusterRoles
        var filled = [ClusterRole]()
        for role in roles {
            var role = role
            if let rules = ClusterRoleAggregation.aggregatedRules(for: role, among: roles) { role.rules = rules }
            filled.append(role)
        }
        return filled.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
    }

    /// The ClusterRoleBindings, in name order.
    public static var clusterRoleBindings: [ClusterRoleBinding] {
        [
            binding("cluster-admin", groups: [WellKnownGroup.masters]),
            binding("system:basic-user", groups: [WellKnownGroup.authenticated]),
            binding("system:discovery", groups: [WellKnownGroup.authenticated]),
            binding("system:monitoring", groups: [WellKnownGroup.monitoring]),
            binding(
                "system:public-info-viewer", groups: [WellKnownGroup.authenticated, WellKnownGroup.unauthenticated]),
            binding("system:service-account-issuer-discovery", groups: [WellKnownGroup.serviceAccounts]),
        ]
    }

    /// Every bootstrap object as JSON, ClusterRoles first, for storing at first start.
    public static func objects() throws -> [JSONValue] {
        try clusterRoles.map { try JSONValue(encoding: $0) } + clusterRoleBindings.map { try JSONValue(encoding: $0) }
    }

    /// A policy holding the bootstrap objects.
    public static func policy(privilegedGroups: Set<String> = [WellKnownGroup.masters]) -> RBACPolicy {
        RBACPolicy(
            clusterRoles: clusterRoles, clusterRoleBindings: clusterRoleBindings, privilegedGroups: privilegedGroups)
    }

    // MARK: Roles

    private static func meta(_ name: String, labels extra: [String: String] = [:]) -> ObjectMeta {
        ObjectMeta(
            name: name, labels: bootstrappingLabel.merging(extra) { $1 }, annotations: autoupdateAnnotation)
    }

    private static func rule(_ verbs: [String], _ groups: [String], _ resources: [String]) -> PolicyRule {
        PolicyRule(verbs: verbs, apiGroups: groups, resources: resources)
    }

    private static func urls(_ verbs: [String], _ paths: [String]) -> PolicyRule {
        PolicyRule(verbs: verbs, nonResourceURLs: paths)
    }

    private static func aggregating(_ name: String, labels: [String: String] = [:]) -> ClusterRole {
        ClusterRole(
            metadata: meta(name, labels: labels), rules: [],
            aggregationRule: AggregationRule(clusterRoleSelectors: [
                LabelSelector(matchLabels: [aggregateToLabelPrefix + name: "true"])
            ]))
    }

    private static var aggregatedClusterRoles: [ClusterRole] {
        [
            aggregating("admin"),
            aggregating("edit", labels: [aggregateToLabelPrefix + "admin": "true"]),
            aggregating("view", labels: [aggregateToLabelPrefix + "edit": "true"]),
        ]
    }

    private static var plainClusterRoles: [ClusterRole] {
        [
            ClusterRole(
                metadata: meta("cluster-admin"),
                rules: [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])]),
            ClusterRole(
                metadata: meta("system:aggregate-to-admin", labels: [aggregateToLabelPrefix + "admin": "true"]),
                rules: [
                    rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
                    rule(readWriteVerbs, ["rbac.authorization.k8s.io"], ["rolebindings", "roles"]),
                ]),
            ClusterRole(
                metadata: meta("system:aggregate-to-edit", labels: [aggregateToLabelPrefix + "edit": "true"]),
                rules: aggregateToEditRules),
            ClusterRole(
                metadata: meta("system:aggregate-to-view", labels: [aggregateToLabelPrefix + "view": "true"]),
                rules: aggregateToViewRules),
            ClusterRole(
                metadata: meta("system:auth-delegator"),
                rules: [
                    rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
                    rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
                ]),
            ClusterRole(
                metadata: meta("system:basic-user"),
                rules: [
                    rule(
                        ["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
                    rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
                ]),
            ClusterRole(
                metadata: meta("system:discovery"),
                rules: [
                    urls(
                        ["get"],
                        [
                            "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*",
                            "/readyz", "/version", "/version/",
                        ])
                ]),
            ClusterRole(
                metadata: meta("system:monitoring"),
                rules: [
                    urls(
                        ["get"],
                        [
                            "/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis", "/readyz",
                            "/readyz/*",
                        ])
                ]),
            ClusterRole(
                metadata: meta("system:public-info-viewer"),
                rules: [urls(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"])]),
            ClusterRole(
                metadata: meta("system:service-account-issuer-discovery"),
                rules: [urls(["get"], ["/.well-known/openid-configuration", "/openid/v1/jwks"])]),
        ]
    }

    private static var aggregateToEditRules: [PolicyRule] {
        [
            rule(
                readVerbs, [""],
                ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"]),
            rule(["impersonate"], [""], ["serviceaccounts"]),
            rule(writeVerbs, [""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"]),
            rule(["create"], [""], ["pods/eviction"]),
            rule(
                writeVerbs, [""],
                [
                    "configmaps", "events", "persistentvolumeclaims", "replicationcontrollers",
                    "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy",
                ]),
            rule(["create"], [""], ["serviceaccounts/token"]),
            rule(
                writeVerbs, ["apps"],
                [
                    "daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets",
                    "replicasets/scale", "statefulsets", "statefulsets/scale",
                ]),
            rule(writeVerbs, ["autoscaling"], ["horizontalpodautoscalers"]),
            rule(writeVerbs, ["batch"], ["cronjobs", "jobs"]),
            rule(
                writeVerbs, ["extensions"],
                [
                    "daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses",
                    "networkpolicies", "replicasets", "replicasets/scale", "replicationcontrollers/scale",
                ]),
            rule(writeVerbs, ["policy"], ["poddisruptionbudgets"]),
            rule(writeVerbs, ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
            rule(readWriteVerbs, ["coordination.k8s.io"], ["leases"]),
        ]
    }

    private static var aggregateToViewRules: [PolicyRule] {
        [
            rule(
                readVerbs, [""],
                [
                    "configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods",
                    "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services",
                    "services/status",
                ]),
            rule(
                readVerbs, [""],
                [
                    "bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status",
                    "replicationcontrollers/status", "resourcequotas", "resourcequotas/status",
                ]),
            rule(readVerbs, [""], ["namespaces"]),
            rule(readVerbs, ["discovery.k8s.io"], ["endpointslices"]),
            rule(
                readVerbs, ["apps"],
                [
                    "controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                    "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets",
                    "statefulsets/scale", "statefulsets/status",
                ]),
            rule(readVerbs, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
            rule(readVerbs, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
            rule(
                readVerbs, ["extensions"],
                [
                    "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status",
                    "ingresses", "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale",
                    "replicasets/status", "replicationcontrollers/scale",
                ]),
            rule(readVerbs, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
            rule(readVerbs, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
        ]
    }

    // MARK: Bindings

    private static func binding(_ role: String, groups: [String]) -> ClusterRoleBinding {
        ClusterRoleBinding(
            metadata: meta(role), roleRef: RoleRef(kind: "ClusterRole", name: role),
            subjects: groups.map { Subject.group($0) })
    }
}
