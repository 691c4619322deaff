import Foundation
import KubeClient
import KubeConfig
import KubeCore
import KubeTestServer
import XCTest

/// Exec credential plugins end to end: kubeconfig → plugin → bearer token → 401 → plugin again.
final class ExecCredentialClientTests: XCTestCase {
    func testA401RunsThePluginAgainAndTheNewTokenIsCached() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = dir.appendingPathComponent("runs").path
        let script = dir.appendingPathComponent("token-plugin.sh").path
        // Each run hands out a new token: t-1, t-2, …
        try """
        #!/bin/sh
        n=$(( $(cat "\(counter)" 2>/dev/null || echo 0) + 1 ))
        echo "$n" > "\(counter)"
        printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t-%s"}}' "$n"
        """.write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)

        // Only the second token is valid, as if the first had been revoked.
        let server = try await TestServer.start(
            configuration: TestServerConfiguration(bearerTokens: ["t-2": TestUser(name: "plugin-user")])
        ) { _ in .json(VersionInfo(major: "1", minor: "33", gitVersion: "v1.33.0")) }
        let kubeconfig = dir.appendingPathComponent("config").path
        try """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: \(server.baseURL.absoluteString)
            certificate-authority-data: \(Data(server.caPEM.utf8).base64EncodedString())
        users:
        - name: u
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: \(script)
              interactiveMode: Never
        contexts:
        - name: c
          context: {cluster: c, user: u}
        current-context: c
        """.write(toFile: kubeconfig, atomically: true, encoding: .utf8)

        let connection = try KubeConfigLoader.load(kubeconfigPath: kubeconfig, environment: ["PATH": "/usr/bin:/bin"])
        try await withClient(connection) { client in
            _ = try await client.serverVersion()
            _ = try await client.serverVersion()
            _ = try await client.serverVersion()
        }
        let runs = try String(contentsOfFile: counter, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(runs, "2", "the plugin runs once for the revoked token and once after the 401, then is cached")
        XCTAssertEqual(server.requestCount(path: "/version"), 4)
        await server.shutdown()
    }

    func testAPluginSuppliedClientCertificateIsUsedForMutualTLS() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try await TestServer.start(
            configuration: TestServerConfiguration(clientCertificates: .required)
        ) { request in
            .json(VersionInfo(major: "1", minor: "33", gitVersion: request.identity?.user ?? "anonymous"))
        }
        let cert = try server.issueClientCertificate(user: "cert-from-plugin")
        let credential: JSONValue = [
            "apiVersion": "client.authentication.k8s.io/v1beta1", "kind": "ExecCredential",
            "status": [
                "clientCertificateData": .string(cert.certificatePEM), "clientKeyData": .string(cert.privateKeyPEM),
            ],
        ]
        let output = dir.appendingPathComponent("credential.json").path
        try credential.jsonString.write(toFile: output, atomically: true, encoding: .utf8)
        let connection = ClusterConnection(
            server: server.baseURL, certificateAuthorityPEM: Array(server.caPEM.utf8),
            credentials: ExecCredentialProvider(
                plugin: ExecPlugin(
                    command: "/bin/cat", arguments: [output], environment: [], apiVersion: ExecPlugin.v1beta1,
                    installHint: nil, interactiveMode: .never, cluster: nil, userName: "u")),
            origin: "test")
        let client = try await KubeClient.connect(connection)
        let version = try await client.serverVersion()
        XCTAssertEqual(version.gitVersion, "cert-from-plugin")
        try await client.shutdown()
        await server.shutdown()
    }
}
