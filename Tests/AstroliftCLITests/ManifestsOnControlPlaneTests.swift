import AstroliftAPI
import Foundation
import KubeClient
import KubeConfig
import KubeControlPlane
import KubeCore
import XCTest

/// `manifests/` applied to the embedded control plane: the controller's service account,
/// bound only to the shipped roles, may do exactly what the controller needs.
final class ManifestsOnControlPlaneTests: XCTestCase {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testControllerRBACIsLeastPrivilege() async throws {
        let cp = try await ControlPlane.start()
        let client = try KubeClient(
            connection: ClusterConnection(
                server: cp.baseURL, certificateAuthorityPEM: Array(cp.caPEM.utf8),
                credentials: StaticTokenProvider(token: cp.adminToken), namespace: "default", origin: "test"))
        let discovery = DiscoveryCache(client: client)
        // Everything `kubectl apply -k manifests/` would create, except the CRDs (not needed here).
        for dir in ["controller", "rbac"] {
            let folder = Self.repoRoot.appendingPathComponent("manifests/\(dir)")
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            where file.hasSuffix(".yaml") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for document in try YAMLDocuments.parse(text) {
                    let object = DynamicObject(document)
                    let resource = try await discovery.resolve(
                        apiVersion: object.apiVersion ?? "", kind: object.kind ?? "")
                    _ = try await client.dynamicApi(resource, namespace: object.namespace).apply(
                        object, fieldManager: "test", force: true)
                }
            }
        }
        let reviews = client.dynamicApi(
            ResourceDescriptor(
                group: "authorization.k8s.io", version: "v1", kind: "SubjectAccessReview",
                plural: "subjectaccessreviews", namespaced: false))
        let user =
            "system:serviceaccount:\(ControllerRequirements.controllerNamespace):\(ControllerRequirements.controllerName)"
        let groups: JSONValue = [
            "system:serviceaccounts", .string("system:serviceaccounts:\(ControllerRequirements.controllerNamespace)"),
            "system:authenticated",
        ]
        func allowed(
            _ verb: String, _ group: String, _ resource: String, sub: String? = nil, ns: String, name: String = ""
        )
            async throws -> Bool
        {
            var attributes: [String: JSONValue] = [
                "verb": .string(verb), "group": .string(group), "resource": .string(resource), "namespace": .string(ns),
                "name": .string(name),
            ]
            if let sub { attributes["subresource"] = .string(sub) }
            let review = try await reviews.create(
                DynamicObject([
                    "apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview",
                    "spec": ["user": .string(user), "groups": groups, "resourceAttributes": .object(attributes)],
                ]))
            return review.raw[path: ["status", "allowed"]] == true
        }
        for p in ControllerRequirements.allPermissions {
            let ns = p.inControllerNamespace ? ControllerRequirements.controllerNamespace : "team-a"
            for verb in p.verbs {
                let ok = try await allowed(
                    verb, p.group, p.resource, sub: p.subresource, ns: ns, name: p.resourceNames.first ?? "")
                XCTAssertTrue(ok, "denied \(verb) \(p.displayName)")
            }
        }
        // Things the controller must not be able to do.
        let forbidden: [(String, String, String, String?, String, String)] = [
            ("bind", "rbac.authorization.k8s.io", "clusterroles", nil, "", "cluster-admin"),
            ("escalate", "rbac.authorization.k8s.io", "clusterroles", nil, "", "cluster-admin"),
            ("create", "", "pods", "exec", "team-a", ""),
            ("list", "", "nodes", nil, "", ""),
            ("create", "apiextensions.k8s.io", "customresourcedefinitions", nil, "", ""),
            ("update", "coordination.k8s.io", "leases", nil, "kube-system", ""),
        ]
        for (verb, group, resource, sub, ns, name) in forbidden {
            let ok = try await allowed(verb, group, resource, sub: sub, ns: ns, name: name)
            XCTAssertFalse(ok, "allowed \(verb) \(resource)\(sub.map { "/\($0)" } ?? "") \(name)")
        }
        try await client.shutdown()
        await cp.shutdown()
    }
}
