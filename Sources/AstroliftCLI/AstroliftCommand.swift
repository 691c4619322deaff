import ArgumentParser
import Foundation
import KubeRuntime
import NIOCore

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
    /// malloc tuned for a long-running cache holder (``MemoryTuning``); for it and
    /// `astrolift dev`, one event-loop thread for the API client. Call it first thing.
    public static func prepareProcess(arguments: [String] = CommandLine.arguments) {
        let command = arguments.dropFirst().first
        if command == "controller" {
            MemoryTuning.tuneMallocForController(environment: ProcessInfo.processInfo.environment)
        }
        if command == "controller" || command == "dev" {
            // The API client's connections need one event-loop thread; NIO's default of one
            // per core only adds threads that wake each other (decoding and reconciling run
            // on Swift's own pool). Measured: about 7 % less controller CPU in the burst benchmark.
            NIOSingletons.groupLoopCountSuggestion = 1
        }
    }

    public static func runFromCommandLine() async {
        let main: () async -> Void = { await Self.main() }
        await main()
    }
}
