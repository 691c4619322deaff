import ArgumentParser

/// `astrolift gateway`: the policy gateway sidecar. Its data path is not built yet, and a
/// gateway that pretended to enforce would be worse than none: it refuses to start.
struct GatewayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "The policy gateway sidecar of a workbench (not built yet: refuses to start).")

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var ignored: [String] = []

    func run() throws {
        Terminal.error(
            "error: astrolift gateway is not built yet: it would not enforce the policy, so it refuses to start (the workbench stays unable to reach model providers, which fails closed)"
        )
        throw ExitCode(78)
    }
}

/// `astrolift auth-proxy`: the sign-in proxy in front of a workbench. Not built yet: refuses to start.
struct AuthProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth-proxy",
        abstract: "The sign-in proxy in front of a workbench (not built yet: refuses to start).")

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var ignored: [String] = []

    func run() throws {
        Terminal.error(
            "error: astrolift auth-proxy is not built yet: it would not check who signs in, so it refuses to start (the workbench is not served, which fails closed)"
        )
        throw ExitCode(78)
    }
}
