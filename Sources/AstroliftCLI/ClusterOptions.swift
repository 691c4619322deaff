import ArgumentParser
import Foundation
import KubeClient
import KubeConfig

/// The flags every command that talks to a cluster takes, named as kubectl names them.
struct ClusterOptions: ParsableArguments {
    @Option(
        name: .long, help: "Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).")
    var kubeconfig: String?

    @Option(name: .long, help: "The kubeconfig context to use.")
    var context: String?

    @Option(name: [.short, .long], help: "The namespace to use (default: the context's namespace).")
    var namespace: String?

    /// Resolves the connection as kubectl would.
    func connection(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ClusterConnection {
        try KubeConfigLoader.resolve(
            kubeconfigPath: kubeconfig, context: context, namespace: namespace, environment: environment)
    }

    /// Opens a client for the duration of `body`, shutting it down afterwards.
    func withClient<T: Sendable>(_ body: (KubeClient) async throws -> T) async throws -> T {
        let client = try await KubeClient.connect(try connection())
        do {
            let result = try await body(client)
            try? await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
