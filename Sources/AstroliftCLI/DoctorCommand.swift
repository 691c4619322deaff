import ArgumentParser
import AstroliftAPI
import Foundation
import KubeClient
import KubeCore

/// `astrolift doctor`: can this identity run Astrolift against this cluster?
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the connection, Astrolift's CRDs and the permissions the controller needs.",
        discussion: "Prints a pass/fail table with a fix for each failure; exits 1 when any check fails."
    )

    @OptionGroup var cluster: ClusterOptions

    struct Check {
        var name: String
        var passed: Bool
        var detail: String
        var fix: String = ""
    }

    func run() async throws {
        var failed = false
        try await reportingErrors {
            let connection = try cluster.connection()
            Terminal.out("Kubeconfig: \(connection.origin)")
            Terminal.out("Server:     \(connection.server.absoluteString)")
            let checks = try await cluster.withClient { client in try await runChecks(client) }
            var table = TextTable(header: ["CHECK", "RESULT", "DETAIL", "FIX"])
            for c in checks {
                table.add([c.name, c.passed ? "pass" : "FAIL", c.detail, c.passed ? "" : c.fix])
            }
            Terminal.out("")
            Terminal.out(table.render())
            let failures = checks.filter { !$0.passed }.count
            Terminal.out("")
            Terminal.out(
                failures == 0 ? "All \(checks.count) checks passed." : "\(failures) of \(checks.count) checks failed.")
            failed = failures > 0
        }
        if failed { throw ExitCode(1) }
    }

    private func runChecks(_ client: KubeClient) async throws -> [Check] {
        var checks: [Check] = []
        // Connectivity: errors here (TLS, auth) abort with one clear line.
        let version = try await client.serverVersion()
        checks.append(Check(name: "connect", passed: true, detail: "server version \(version.gitVersion)"))

        checks.append(await identityCheck(client))
        checks.append(contentsOf: try await crdChecks(client))
        checks.append(contentsOf: try await permissionChecks(client))
        return checks
    }

    private func identityCheck(_ client: KubeClient) async -> Check {
        let resource = ResourceDescriptor(
            group: "authentication.k8s.io", version: "v1", kind: "SelfSubjectReview", plural: "selfsubjectreviews",
            namespaced: false)
        do {
            let review = try await client.dynamicApi(resource).create(
                DynamicObject(["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview", "metadata": [:]]))
            let user = review.raw[path: ["status", "userInfo", "username"]]?.stringValue ?? "?"
            let groups =
                review.raw[path: ["status", "userInfo", "groups"]]?.arrayValue?.compactMap(\.stringValue) ?? []
            return Check(
                name: "identity", passed: true,
                detail: "\(user)" + (groups.isEmpty ? "" : " (groups: \(groups.joined(separator: ", ")))"))
        } catch {
            // Older servers lack SelfSubjectReview; the permission checks still tell the story.
            return Check(name: "identity", passed: true, detail: "unknown (the server has no SelfSubjectReview)")
        }
    }

    private func crdChecks(_ client: KubeClient) async throws -> [Check] {
        let crds = ResourceDescriptor(
            group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition",
            plural: "customresourcedefinitions", namespaced: false)
        let installed: Set<String>
        do {
            installed = Set(try await client.dynamicApi(crds).listAll().items.compactMap(\.name))
        } catch let e as KubeAPIError where e.isForbidden {
            return [
                Check(
                    name: "crds", passed: false, detail: "cannot list CustomResourceDefinitions",
                    fix: "grant list on customresourcedefinitions.apiextensions.k8s.io, or ask an admin to run doctor")
            ]
        }
        let missing = ControllerRequirements.crdNames.filter { !installed.contains($0) }
        if missing.isEmpty {
            return [Check(name: "crds", passed: true, detail: "all \(ControllerRequirements.crdNames.count) installed")]
        }
        return [
            Check(
                name: "crds", passed: false,
                detail:
                    "missing \(missing.count) of \(ControllerRequirements.crdNames.count): \(missing.joined(separator: ", "))",
                fix: "kubectl apply -f manifests/crds/ (or install charts/astrolift)")
        ]
    }

    private func permissionChecks(_ client: KubeClient) async throws -> [Check] {
        let ssar = ResourceDescriptor(
            group: "authorization.k8s.io", version: "v1", kind: "SelfSubjectAccessReview",
            plural: "selfsubjectaccessreviews", namespaced: false)
        let api = client.dynamicApi(ssar)
        var checks: [Check] = []
        for permission in ControllerRequirements.allPermissions {
            var denied: [String] = []
            for verb in permission.verbs {
                var attributes: [String: JSONValue] = [
                    "verb": .string(verb), "group": .string(permission.group), "resource": .string(permission.resource),
                ]
                if let sub = permission.subresource { attributes["subresource"] = .string(sub) }
                if permission.inControllerNamespace {
                    attributes["namespace"] = .string(ControllerRequirements.controllerNamespace)
                }
                // A permission limited to some names is checked on each of them.
                var allowed = true
                for name in permission.resourceNames.isEmpty ? [nil] : permission.resourceNames.map({ Optional($0) }) {
                    if let name { attributes["name"] = .string(name) }
                    let review = try await api.create(
                        DynamicObject([
                            "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                            "metadata": [:], "spec": ["resourceAttributes": .object(attributes)],
                        ]))
                    if review.raw[path: ["status", "allowed"]]?.boolValue != true { allowed = false }
                }
                if !allowed { denied.append(verb) }
            }
            let resourceFlag =
                permission.group.isEmpty ? permission.resource : "\(permission.resource).\(permission.group)"
            checks.append(
                Check(
                    name: "rbac " + permission.displayName, passed: denied.isEmpty,
                    detail: denied.isEmpty
                        ? permission.verbs.joined(separator: ",") : "denied: \(denied.joined(separator: ","))",
                    fix:
                        "grant \(denied.joined(separator: ",")) on \(resourceFlag)\(permission.subresource.map { "/\($0)" } ?? "") (kubectl apply -f manifests/rbac/)"
                ))
        }
        return checks
    }
}
