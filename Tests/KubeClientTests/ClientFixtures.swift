import Foundation
import KubeClient
import KubeConfig
import KubeCore
import KubePKI
import KubeTestServer
import XCTest

/// A TestServer serving a FakeCluster, and clients that connect to it.
struct ClusterFixture {
    let server: TestServer
    let cluster: FakeCluster

    static let configMaps = ResourceDescriptor(
        group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true)

    /// Starts a server that requires mutual TLS or a known token.
    static func start(
        clientCertificates: TestServerConfiguration.ClientCertificates = .optional,
        tokens: [String: TestUser] = ["good-token": TestUser(name: "token-user", groups: ["devs"])]
    ) async throws -> ClusterFixture {
        let cluster = FakeCluster()
        let server = try await TestServer.start(
            configuration: TestServerConfiguration(clientCertificates: clientCertificates, bearerTokens: tokens),
            handler: cluster.handler)
        return ClusterFixture(server: server, cluster: cluster)
    }

    /// A connection authenticated by a client certificate the server's CA issued.
    func certificateConnection(user: String = "alice", groups: [String] = ["system:masters"]) throws
        -> ClusterConnection
    {
        let cert = try server.issueClientCertificate(user: user, groups: groups)
        return ClusterConnection(
            server: server.baseURL, certificateAuthorityPEM: Array(server.caPEM.utf8),
            clientCertificatePEM: Array(cert.certificatePEM.utf8), clientKeyPEM: Array(cert.privateKeyPEM.utf8),
            namespace: "default", origin: "test connection")
    }

    /// A connection authenticated by a bearer token.
    func tokenConnection(_ token: String) -> ClusterConnection {
        ClusterConnection(
            server: server.baseURL, certificateAuthorityPEM: Array(server.caPEM.utf8),
            credentials: StaticTokenProvider(token: token), namespace: "default", origin: "test connection")
    }

    func stop() async {
        await server.shutdown()
    }
}

/// Runs `body` with a client, always shutting the client down.
func withClient<T>(
    _ connection: ClusterConnection, configuration: KubeClient.Configuration = .init(),
    _ body: (KubeClient) async throws -> T
) async throws -> T {
    let client = try KubeClient(connection: connection, configuration: configuration)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}

func configMap(_ name: String, namespace: String = "default", data: [String: String] = [:]) -> JSONValue {
    [
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": ["name": .string(name), "namespace": .string(namespace)],
        "data": .object(data.mapValues(JSONValue.string)),
    ]
}
