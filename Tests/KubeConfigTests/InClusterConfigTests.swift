import Foundation
import XCTest

@testable import KubeConfig

final class InClusterConfigTests: XCTestCase {
    private func serviceAccount(namespace: String? = "workbench") throws -> TempDir {
        let dir = try TempDir()
        try dir.write("token", "sa-token-1\n")
        try dir.write("ca.crt", Fixtures.caPEM)
        if let namespace { try dir.write("namespace", namespace) }
        return dir
    }

    private let env = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    func testLoadsServerCATokenAndNamespace() async throws {
        let sa = try serviceAccount()
        let connection = try KubeConfigLoader.inCluster(environment: env, serviceAccountDirectory: sa.path)
        XCTAssertEqual(connection.server.absoluteString, "https://10.96.0.1:443")
        XCTAssertEqual(connection.certificateAuthorityPEM, Array(Fixtures.caPEM.utf8))
        XCTAssertEqual(connection.namespace, "workbench")
        XCTAssertEqual(connection.origin, "in-cluster")
        XCTAssertNil(connection.contextName)
        XCTAssertFalse(connection.insecureSkipTLSVerify)
        let provider = try XCTUnwrap(connection.credentials as? FileTokenProvider)
        XCTAssertEqual(provider.path, sa.file("token"))
        XCTAssertEqual(provider.refreshInterval, 60)
        let token = try await provider.token()
        XCTAssertEqual(token, "sa-token-1")
    }

    func testTokenIsRereadAfterRotation() async throws {
        let sa = try serviceAccount()
        let connection = try KubeConfigLoader.inCluster(
            environment: env, serviceAccountDirectory: sa.path, tokenRefreshInterval: 0)
        let first = try await connection.credentials?.token()
        XCTAssertEqual(first, "sa-token-1")
        try sa.write("token", "sa-token-2")
        let second = try await connection.credentials?.token()
        XCTAssertEqual(second, "sa-token-2")
    }

    func testIPv6HostIsBracketed() throws {
        let sa = try serviceAccount()
        let connection = try KubeConfigLoader.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00:10:96::1", "KUBERNETES_SERVICE_PORT": "6443"],
            serviceAccountDirectory: sa.path)
        XCTAssertEqual(connection.server.absoluteString, "https://[fd00:10:96::1]:6443")
    }

    func testNamespacePrecedence() throws {
        let sa = try serviceAccount()
        var podEnv = env
        podEnv["POD_NAMESPACE"] = "from-env"
        XCTAssertEqual(
            try KubeConfigLoader.inCluster(environment: podEnv, serviceAccountDirectory: sa.path).namespace, "from-env")
        XCTAssertEqual(
            try KubeConfigLoader.inCluster(namespace: "flag", environment: podEnv, serviceAccountDirectory: sa.path)
                .namespace, "flag")
        let bare = try serviceAccount(namespace: nil)
        XCTAssertEqual(
            try KubeConfigLoader.inCluster(environment: env, serviceAccountDirectory: bare.path).namespace, "default")
    }

    func testErrors() throws {
        let sa = try serviceAccount()
        let notInCluster = expectKubeConfigError {
            try KubeConfigLoader.inCluster(
                environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1"], serviceAccountDirectory: sa.path)
        }
        XCTAssertEqual(notInCluster, .notInCluster)
        XCTAssertTrue(notInCluster?.description.contains("KUBERNETES_SERVICE_PORT") == true)

        try FileManager.default.removeItem(atPath: sa.file("ca.crt"))
        let noCA = expectKubeConfigError {
            try KubeConfigLoader.inCluster(environment: env, serviceAccountDirectory: sa.path)
        }
        XCTAssertEqual(noCA, .inClusterFileMissing(path: sa.file("ca.crt"), what: "cluster CA certificate"))

        try FileManager.default.removeItem(atPath: sa.file("token"))
        let noToken = expectKubeConfigError {
            try KubeConfigLoader.inCluster(environment: env, serviceAccountDirectory: sa.path)
        }
        XCTAssertEqual(noToken, .inClusterFileMissing(path: sa.file("token"), what: "service account token"))
        XCTAssertTrue(noToken?.description.contains(sa.file("token")) == true)
    }
}
