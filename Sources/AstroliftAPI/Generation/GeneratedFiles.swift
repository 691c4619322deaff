import KubeCore
import KubeModels

/// A file in the repository that is generated from the types, with its content.
public struct GeneratedFile: Sendable, Hashable {
    /// The path relative to the repository root.
    public var path: String
    /// The full content.
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// Every file `hack/generate.sh` writes: the CRDs in `manifests/crds/` and
/// `charts/astrolift/crds/`, the controller's ClusterRole and leader-election Role and
/// the tenant roles, in `manifests/rbac/` and the chart's templates, and
/// `docs/api-reference.md`. A test compares them with the checked-in files.
public enum GeneratedFiles {
    /// Directories holding only generated CRDs; files there that are not generated are stale.
    public static let crdDirectories = ["manifests/crds", "charts/astrolift/crds"]

    /// Every generated file.
    public static func all() throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        for crd in CRDGenerator.all() {
            let text = try CRDGenerator.yaml(crd)
            for directory in crdDirectories {
                files.append(GeneratedFile(path: "\(directory)/\(CRDGenerator.fileName(for: crd))", contents: text))
            }
        }
        files.append(
            GeneratedFile(path: "manifests/rbac/clusterrole.yaml", contents: try ControllerRBAC.clusterRoleYAML()))
        files.append(
            GeneratedFile(
                path: "manifests/rbac/leader-election-role.yaml", contents: try ControllerRBAC.leaderElectionRoleYAML())
        )
        files.append(GeneratedFile(path: "manifests/rbac/tenant-roles.yaml", contents: try TenantRoleManifests.yaml()))
        files.append(
            GeneratedFile(
                path: "charts/astrolift/templates/tenant-roles.yaml", contents: try TenantRoleManifests.helmTemplate()))
        files.append(
            GeneratedFile(
                path: "charts/astrolift/templates/clusterrole.yaml",
                contents: try ControllerRBAC.clusterRoleHelmTemplate()
            ))
        files.append(
            GeneratedFile(
                path: "charts/astrolift/templates/leader-election-role.yaml",
                contents: try ControllerRBAC.leaderElectionRoleHelmTemplate()))
        files.append(GeneratedFile(path: "docs/api-reference.md", contents: ReferenceDocs.markdown()))
        return files
    }
}

/// The controller's ClusterRole and leader-election Role, as plain manifests and as
/// Helm templates, built from ``ControllerRequirements``.
public enum ControllerRBAC {
    static let labels = ["app.kubernetes.io/name": "astrolift", "app.kubernetes.io/component": "controller"]

    /// The ClusterRole `astrolift-controller`.
    public static func clusterRole() -> ClusterRole {
        ClusterRole(
            metadata: ObjectMeta(name: ControllerRequirements.controllerName, labels: labels),
            rules: ControllerRequirements.clusterRoleRules)
    }

    /// The Role `astrolift-leader-election` in the controller's namespace.
    public static func leaderElectionRole() -> Role {
        Role(
            metadata: ObjectMeta(
                name: "astrolift-leader-election", namespace: ControllerRequirements.controllerNamespace,
                labels: labels),
            rules: ControllerRequirements.leaderElectionRules)
    }

    /// `manifests/rbac/clusterrole.yaml`.
    public static func clusterRoleYAML() throws -> String {
        CRDGenerator.generatedHeader
            + "# The permissions the controller uses, exactly (Sources/AstroliftAPI/RBAC/ControllerRequirements.swift).\n"
            + YAMLDocuments.render(try JSONValue(encoding: clusterRole()))
    }

    /// `manifests/rbac/leader-election-role.yaml`.
    public static func leaderElectionRoleYAML() throws -> String {
        CRDGenerator.generatedHeader + YAMLDocuments.render(try JSONValue(encoding: leaderElectionRole()))
    }

    /// `charts/astrolift/templates/clusterrole.yaml`.
    public static func clusterRoleHelmTemplate() throws -> String {
        // The chart names the ServiceAccount after the release, so a rule naming the
        // controller's own ServiceAccount names the chart's instead.
        let rules = ControllerRequirements.clusterRoleRules.map { rule in
            var rule = rule
            rule.resourceNames = rule.resourceNames?.map {
                $0 == ControllerRequirements.controllerName ? "{{ include \"astrolift.serviceAccountName\" . }}" : $0
            }
            return rule
        }
        return try helmTemplate(
            kind: "ClusterRole", name: "{{ include \"astrolift.fullname\" . }}-controller", namespaced: false,
            rules: rules)
    }

    /// `charts/astrolift/templates/leader-election-role.yaml`.
    public static func leaderElectionRoleHelmTemplate() throws -> String {
        try helmTemplate(
            kind: "Role", name: "{{ include \"astrolift.fullname\" . }}-leader-election", namespaced: true,
            rules: ControllerRequirements.leaderElectionRules, condition: ".Values.leaderElection.enabled")
    }

    static func helmTemplate(
        kind: String, name: String, namespaced: Bool, rules: [PolicyRule], condition: String? = nil
    ) throws -> String {
        let renderedRules = YAMLDocuments.render(.object(["rules": try JSONValue(encoding: rules)]))
        var lines = [
            CRDGenerator.generatedHeader.trimmingCharacters(in: .newlines),
            "{{- if and .Values.rbac.create \(condition ?? "true") }}",
            "apiVersion: rbac.authorization.k8s.io/v1",
            "kind: \(kind)",
            "metadata:",
            "  name: \(name)",
        ]
        if namespaced { lines.append("  namespace: {{ .Release.Namespace }}") }
        lines += [
            "  labels:",
            "    {{- include \"astrolift.labels\" . | nindent 4 }}",
            "    app.kubernetes.io/component: controller",
        ]
        return lines.joined(separator: "\n") + "\n" + renderedRules + "{{- end }}\n"
    }
}
