import ArgumentParser
import Foundation
import KubeRuntime

/// The `astrolift` command.
public struct AstroliftCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "astrolift",
        abstract: "Run AI workbench sessions inside your own Kubernetes cluster.",
        subcommands: [
            DevCommand.self, ControllerCommand.self, VersionCommand.self, GetCommand.self, DoctorCommand.self,
            ManifestsCommand.self, SealCommand.self, GatewayCommand.self, AuthProxyCommand.self,
        ]
    )
    public init() {}

    /// Parses the process arguments and runs the chosen subcommand (the async entry point).
    /// Settings that must be made before any thread starts: for `astrolift controller`,
    /// malloc tuned for a long-running cache holder (``MemoryTuning``). Call it first thing.
    public static func prepareProcess(arguments: [String] = CommandLine.arguments) {
        if arguments.dropFirst().first == "controller" {
            MemoryTuning.tuneMallocForController(environment: ProcessInfo.processInfo.environment)
        }
    }

    public static func runFromCommandLine() async {
        let main: () async -> Void = { await Self.main() }
        await main()
    }
}
