import KubeCore
import KubeModels

/// The ClusterRoles that Tenants bind identity-provider users and groups to, in the
/// tenant's namespace. Each role includes everything the roles below it grant:
/// viewer ⊂ user ⊂ editor ⊂ admin. None grants `pods/exec`, `pods/attach` or
/// `pods/portforward`: a workbench is reached through its gateway and auth proxy only.
extension TenantRole {
    private static let read = ["get", "list", "watch"]
    private static let write = ["create", "update", "patch", "delete"]

    /// The permissions of the role.
    public var rules: [PolicyRule] {
        let astrolift = AstroliftGroup.name
        switch self {
        case .viewer:
            return [
                PolicyRule(
                    verbs: Self.read, apiGroups: [astrolift],
                    resources: ["workbenches", "gatewaypolicies", "kmssecrets", "keyproviders"]),
                PolicyRule(
                    verbs: Self.read, apiGroups: [""],
                    resources: [
                        "pods", "services", "persistentvolumeclaims", "configmaps", "events", "resourcequotas",
                        "limitranges",
                    ]),
                PolicyRule(verbs: Self.read, apiGroups: ["apps"], resources: ["statefulsets"]),
                PolicyRule(
                    verbs: Self.read, apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"]),
                PolicyRule(verbs: Self.read, apiGroups: ["events.k8s.io"], resources: ["events"]),
            ]
        case .user:
            return TenantRole.viewer.rules + [
                PolicyRule(verbs: Self.write, apiGroups: [astrolift], resources: ["workbenches"]),
                PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"]),
            ]
        case .editor:
            return TenantRole.user.rules + [
                PolicyRule(verbs: Self.write, apiGroups: [astrolift], resources: ["kmssecrets"])
            ]
        case .admin:
            return TenantRole.editor.rules + [
                PolicyRule(verbs: Self.write, apiGroups: [astrolift], resources: ["gatewaypolicies", "keyproviders"]),
                PolicyRule(verbs: Self.read + Self.write, apiGroups: [""], resources: ["secrets"]),
                PolicyRule(verbs: ["delete"], apiGroups: [""], resources: ["pods"]),
            ]
        }
    }

    /// What the role is for, as the ClusterRole's description annotation says.
    public var summary: String {
        switch self {
        case .viewer: "Read Workbenches, gateway policies, KMSSecrets, key providers, pods and events (no logs)."
        case .user: "Viewer, plus create, change, suspend and delete Workbenches and read pod logs."
        case .editor: "User, plus manage KMSSecrets."
        case .admin: "Editor, plus manage gateway policies, key providers and Secrets, and delete pods."
        }
    }

    /// The role's ClusterRole.
    public var clusterRole: ClusterRole {
        ClusterRole(
            metadata: ObjectMeta(
                name: clusterRoleName,
                labels: ["app.kubernetes.io/name": "astrolift", "astrolift.dev/tenant-role": rawValue.lowercased()],
                annotations: ["astrolift.dev/description": summary]),
            rules: rules)
    }
}

/// The tenant roles as files.
public enum TenantRoleManifests {
    /// `manifests/rbac/tenant-roles.yaml`.
    public static func yaml() throws -> String {
        CRDGenerator.generatedHeader
            + YAMLDocuments.render(try TenantRole.allCases.reversed().map { try JSONValue(encoding: $0.clusterRole) })
    }

    /// `charts/astrolift/templates/tenant-roles.yaml`: the same roles with the chart's labels.
    /// Their names are fixed because the controller binds them by name.
    public static func helmTemplate() throws -> String {
        var out = CRDGenerator.generatedHeader.trimmingCharacters(in: .newlines) + "\n"
        out += "{{- if and .Values.rbac.create .Values.rbac.tenantRoles }}\n"
        for (i, role) in TenantRole.allCases.reversed().enumerated() {
            if i > 0 { out += "---\n" }
            out += """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: \(role.clusterRoleName)
                  labels:
                    {{- include "astrolift.labels" . | nindent 4 }}
                    astrolift.dev/tenant-role: \(role.rawValue.lowercased())
                  annotations:
                    astrolift.dev/description: \(JSONValue.string(role.summary).jsonString)

                """
            out += YAMLDocuments.render(.object(["rules": try JSONValue(encoding: role.rules)]))
        }
        return out + "{{- end }}\n"
    }
}
