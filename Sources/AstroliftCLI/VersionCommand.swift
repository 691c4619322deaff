import ArgumentParser
import KubeClient

/// `astrolift version`: the client version, and the server's when one is reachable.
struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the Astrolift version (and the server's with --server).")

    @Flag(name: .long, help: "Also connect to the cluster and print its version.")
    var server = false

    @OptionGroup var cluster: ClusterOptions

    func run() async throws {
        Terminal.out("Astrolift version: \(AstroliftVersion.current)")
        guard server else { return }
        try await reportingErrors {
            let info = try await cluster.withClient { try await $0.serverVersion() }
            Terminal.out("Server version: \(info.gitVersion)")
        }
    }
}
