import Foundation
import KubeCore
import KubeTestServer
import XCTest

/// `astrolift doctor` against an HTTPS server with client-certificate auth.
final class DoctorCommandTests: XCTestCase {
    static let crds = ResourceDescriptor(
        group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition",
        plural: "customresourcedefinitions", namespaced: false)
    static let astroliftCRDs = [
        "tenants", "workbenchclasses", "workbenches", "gatewaypolicies", "clusterkeyproviders", "keyproviders",
        "kmssecrets", "identityproviders",
    ]

    func testAllChecksPassForAnAllowedIdentityWithCRDsInstalled() async throws {
        let cluster = FakeCluster()
        for plural in Self.astroliftCRDs {
            await cluster.seed(["metadata": ["name": .string("\(plural).astrolift.dev")]], resource: Self.crds)
        }
        let server = try await TestServer.start(
            configuration: TestServerConfiguration(clientCertificates: .required), handler: cluster.handler)
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let result = try await cli.run(["doctor", "--kubeconfig", try cli.writeKubeconfig(server: server, user: "ops")])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("server version v1.33.0-fake"), result.stdout)
        XCTAssertTrue(result.stdout.contains("identity"), result.stdout)
        XCTAssertTrue(result.stdout.contains("ops"), result.stdout)
        XCTAssertTrue(result.stdout.contains("all 8 installed"), result.stdout)
        XCTAssertTrue(result.stdout.contains("checks passed"), result.stdout)
        XCTAssertFalse(result.stdout.contains("FAIL"), result.stdout)
        await server.shutdown()
    }

    func testMissingCRDsAndDeniedPermissionsFailWithAFix() async throws {
        // This identity may do everything except touch Secrets and bind roles.
        let cluster = FakeCluster { user, verb, group, resource, _ in
            !(resource == "secrets" || (resource == "rolebindings" && verb == "create"))
        }
        let server = try await TestServer.start(
            configuration: TestServerConfiguration(clientCertificates: .required), handler: cluster.handler)
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let result = try await cli.run([
            "doctor", "--kubeconfig", try cli.writeKubeconfig(server: server, user: "limited"),
        ])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let crdLine = try XCTUnwrap(lines.first { $0.hasPrefix("crds") })
        XCTAssertTrue(crdLine.contains("FAIL") && crdLine.contains("kubectl apply -f manifests/crds/"), crdLine)
        let secretsLine = try XCTUnwrap(lines.first { $0.hasPrefix("rbac secrets ") })
        XCTAssertTrue(
            secretsLine.contains("FAIL")
                && secretsLine.contains("grant get,list,watch,create,update,patch,delete on secrets"), secretsLine)
        let bindingsLine = try XCTUnwrap(lines.first { $0.hasPrefix("rbac rolebindings.rbac.authorization.k8s.io ") })
        XCTAssertTrue(bindingsLine.contains("denied: create"), bindingsLine)
        let podsLine = try XCTUnwrap(lines.first { $0.hasPrefix("rbac pods ") })
        XCTAssertTrue(podsLine.contains("pass"), podsLine)
        XCTAssertTrue(result.stdout.contains("checks failed."), result.stdout)
        await server.shutdown()
    }
}
