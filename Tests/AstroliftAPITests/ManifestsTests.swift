import AstroliftAPI
import KubeCore
import KubeModels
import XCTest

/// `manifests/`: the controller gets exactly the permissions it uses and runs
/// hardened; the tenant roles nest; every file is listed in the kustomization.
final class ManifestsTests: XCTestCase {
    /// (group, resource, verb, name) for every permission a set of rules grants.
    private func grants(_ rules: [PolicyRule]) -> Set<[String]> {
        var out: Set<[String]> = []
        for rule in rules {
            for group in rule.apiGroups ?? [] {
                for resource in rule.resources ?? [] {
                    for verb in rule.verbs {
                        for name in (rule.resourceNames ?? []).isEmpty ? [""] : rule.resourceNames ?? [] {
                            out.insert([group, resource, verb, name])
                        }
                    }
                }
            }
        }
        return out
    }

    private func grants(_ permissions: [ControllerRequirements.Permission]) -> Set<[String]> {
        var out: Set<[String]> = []
        for p in permissions {
            for verb in p.verbs {
                for name in p.resourceNames.isEmpty ? [""] : p.resourceNames {
                    out.insert([p.group, p.ruleResource, verb, name])
                }
            }
        }
        return out
    }

    private func objects(_ path: String) throws -> [JSONValue] {
        try YAMLDocuments.parse(try Repository.read(path))
    }

    func testTheClusterRoleGrantsExactlyWhatTheControllerNeeds() throws {
        let role = try YAMLDocuments.decodeSingle(
            ClusterRole.self, from: try Repository.read("manifests/rbac/clusterrole.yaml"))
        XCTAssertEqual(role.metadata.name, ControllerRequirements.controllerName)
        XCTAssertEqual(grants(role.rules ?? []), grants(ControllerRequirements.permissions))

        let election = try YAMLDocuments.decodeSingle(
            Role.self, from: try Repository.read("manifests/rbac/leader-election-role.yaml"))
        XCTAssertEqual(election.metadata.namespace, ControllerRequirements.controllerNamespace)
        XCTAssertEqual(grants(election.rules ?? []), grants(ControllerRequirements.leaderElectionPermissions))
    }

    func testTheBindingsTieTheServiceAccountToTheRoles() throws {
        let sa = try XCTUnwrap(try objects("manifests/controller/10-serviceaccount.yaml").first)
        let account = try XCTUnwrap(sa[path: ["metadata", "name"]]?.stringValue)
        let namespace = try XCTUnwrap(sa[path: ["metadata", "namespace"]]?.stringValue)
        XCTAssertEqual(namespace, ControllerRequirements.controllerNamespace)
        for (file, roleKind, roleName) in [
            ("manifests/rbac/clusterrolebinding.yaml", "ClusterRole", ControllerRequirements.controllerName),
            ("manifests/rbac/leader-election-rolebinding.yaml", "Role", "astrolift-leader-election"),
        ] {
            let binding = try XCTUnwrap(try objects(file).first)
            XCTAssertEqual(binding[path: ["roleRef", "kind"]], .string(roleKind), file)
            XCTAssertEqual(binding[path: ["roleRef", "name"]], .string(roleName), file)
            XCTAssertEqual(
                binding["subjects"],
                [["kind": "ServiceAccount", "name": .string(account), "namespace": .string(namespace)]], file)
        }
    }

    func testNoRuleAnywhereUsesAWildcard() throws {
        var files = Repository.files(in: "manifests/rbac")
        files += Repository.files(in: "charts/astrolift/templates").filter { $0.contains("role") }
        XCTAssertGreaterThan(files.count, 5)
        for file in files {
            let text = try Repository.read(file)
            for line in text.split(separator: "\n") where line.contains("*") && !line.hasPrefix("#") {
                XCTFail("\(file): \(line)")
            }
        }
    }

    func testTenantRolesNestAndNeverOpenAShell() throws {
        let roles = try YAMLDocuments.decode(
            ClusterRole.self, from: try Repository.read("manifests/rbac/tenant-roles.yaml"))
        XCTAssertEqual(Set(roles.compactMap(\.metadata.name)), Set(TenantRole.allCases.map(\.clusterRoleName)))
        let byName = Dictionary(uniqueKeysWithValues: roles.map { ($0.metadata.name ?? "", grants($0.rules ?? [])) })
        let order: [TenantRole] = [.viewer, .user, .editor, .admin]
        for (lower, higher) in zip(order, order.dropFirst()) {
            let l = byName[lower.clusterRoleName] ?? []
            let h = byName[higher.clusterRoleName] ?? []
            XCTAssertTrue(l.isSubset(of: h), "\(higher) includes \(lower)")
            XCTAssertNotEqual(l, h, "\(higher) grants more than \(lower)")
        }
        for (name, g) in byName {
            for forbidden in ["pods/exec", "pods/attach", "pods/portforward", "serviceaccounts/token"] {
                XCTAssertFalse(g.contains { $0[1] == forbidden }, "\(name) grants \(forbidden)")
            }
            XCTAssertFalse(g.contains { $0[1] == "tenants" || $0[1] == "workbenchclasses" }, "\(name): cluster kinds")
        }
        let viewer = byName[TenantRole.viewer.clusterRoleName] ?? []
        XCTAssertFalse(viewer.contains { $0[1] == "secrets" || $0[1] == "pods/log" }, "viewers read no secrets or logs")
        let user = byName[TenantRole.user.clusterRoleName] ?? []
        XCTAssertTrue(user.contains(["", "pods/log", "get", ""]))
        XCTAssertTrue(user.contains(["astrolift.dev", "workbenches", "create", ""]))
        XCTAssertFalse(user.contains(["astrolift.dev", "gatewaypolicies", "update", ""]))
        // The controller may bind each of them.
        let bindable = grants(ControllerRequirements.permissions).filter { $0[1] == "clusterroles" && $0[2] == "bind" }
        XCTAssertEqual(Set(bindable.map { $0[3] }), Set(byName.keys))
    }

    func testTheDeploymentRunsHardenedWithLeaderElectionAndProbes() throws {
        let deployment = try XCTUnwrap(try objects("manifests/controller/20-deployment.yaml").first)
        XCTAssertEqual(deployment[path: ["spec", "replicas"]], 2)
        let pod = try XCTUnwrap(deployment[path: ["spec", "template", "spec"]])
        XCTAssertEqual(pod["serviceAccountName"], .string(ControllerRequirements.controllerName))
        XCTAssertEqual(pod[path: ["securityContext", "runAsNonRoot"]], true)
        XCTAssertEqual(pod[path: ["securityContext", "seccompProfile", "type"]], "RuntimeDefault")
        XCTAssertNotNil(pod[path: ["affinity", "podAntiAffinity"]])
        let container = try XCTUnwrap(pod["containers"]?[0])
        let args = container["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for arg in [
            "controller", "--leader-elect", "--health-probe-bind-address=:8081", "--metrics-bind-address=:8080",
        ] {
            XCTAssertTrue(args.contains(arg), arg)
        }
        XCTAssertTrue(args.contains { $0.hasPrefix("--gateway-image=") })
        XCTAssertTrue(args.contains { $0.hasPrefix("--auth-proxy-image=") })
        XCTAssertEqual(container[path: ["livenessProbe", "httpGet", "path"]], "/healthz")
        XCTAssertEqual(container[path: ["readinessProbe", "httpGet", "path"]], "/readyz")
        let security = try XCTUnwrap(container["securityContext"])
        XCTAssertEqual(security["allowPrivilegeEscalation"], false)
        XCTAssertEqual(security["readOnlyRootFilesystem"], true)
        XCTAssertEqual(security[path: ["capabilities", "drop"]], ["ALL"])
        XCTAssertNotNil(container[path: ["resources", "requests", "memory"]])
        XCTAssertNotNil(container[path: ["resources", "limits", "memory"]])
    }

    func testTheKustomizationListsEveryFile() throws {
        let kustomization = try YAMLDocuments.parseSingle(try Repository.read("manifests/kustomization.yaml"))
        let listed = Set(kustomization["resources"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var present: Set<String> = []
        for directory in ["crds", "controller", "rbac"] {
            for path in Repository.files(in: "manifests/\(directory)") { present.insert(String(path.dropFirst(10))) }
        }
        XCTAssertEqual(listed, present)
    }
}
