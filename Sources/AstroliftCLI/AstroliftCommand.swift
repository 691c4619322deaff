import ArgumentParser

/// The `astrolift` command.
public struct AstroliftCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "astrolift",
        abstract: "Run AI workbench sessions inside your own Kubernetes cluster.",
        subcommands: [VersionCommand.self, GetCommand.self, DoctorCommand.self]
    )
    public init() {}
}
