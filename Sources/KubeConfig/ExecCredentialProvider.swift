import Foundation

/// Credentials from a client-go credential plugin (kubeconfig `exec`), such
/// as `aws eks get-token`, `gke-gcloud-auth-plugin` or `kubelogin`.
///
/// The plugin runs lazily, on the first ``token()`` or ``credential()``. Its
/// answer is cached until its `expirationTimestamp` (forever when it has
/// none) or until ``invalidate()``, which the client calls after a 401.
/// Concurrent callers that find no valid credential share a single run.
///
/// The plugin inherits the given environment plus its `env` entries and
/// `KUBERNETES_EXEC_INFO`; it gets no stdin, and is killed if it runs longer
/// than the timeout. Its stderr is captured for error messages.
public actor ExecCredentialProvider: CredentialProvider {
    /// The plugin this provider runs.
    public nonisolated let plugin: ExecPlugin
    /// Seconds a run may take before the plugin is killed.
    public nonisolated let timeout: TimeInterval

    private let environment: [String: String]
    private let now: @Sendable () -> Date
    private var cached: ExecCredential?
    private var inFlight: Task<ExecCredential, any Error>?

    /// - Parameters:
    ///   - plugin: the validated plugin configuration.
    ///   - environment: inherited by the plugin; its `PATH` locates a command without `/`.
    ///   - timeout: seconds before a hung plugin is killed (default 60; interactive
    ///     logins are never attempted, so a healthy plugin answers in seconds).
    ///   - now: the clock used for expiry, injectable for tests.
    public init(
        plugin: ExecPlugin, environment: [String: String] = ProcessInfo.processInfo.environment,
        timeout: TimeInterval = 60, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.plugin = plugin
        self.environment = environment
        self.timeout = timeout
        self.now = now
    }

    /// The bearer token, running the plugin when nothing valid is cached;
    /// `nil` when the plugin supplies only a client certificate.
    public func token() async throws -> String? {
        try await credential().token
    }

    /// The plugin's client certificate and key (PEM), if it supplies them.
    /// A transport that supports per-connection certificates asks for these.
    public func clientCertificate() async throws -> (certificatePEM: [UInt8], keyPEM: [UInt8])? {
        let credential = try await credential()
        guard let cert = credential.clientCertificatePEM, let key = credential.clientKeyPEM else { return nil }
        return (cert, key)
    }

    /// The whole cached or freshly obtained credential.
    public func credential() async throws -> ExecCredential {
        if let cached, !isExpired(cached) { return cached }
        if let inFlight { return try await inFlight.value }
        let task = Task.detached { [plugin, environment, timeout] in
            try await Self.execute(plugin: plugin, environment: environment, timeout: timeout)
        }
        inFlight = task
        // The actor is re-entered while the plugin runs; only the run that is
        // still current may publish its result.
        do {
            let credential = try await task.value
            if inFlight == task {
                inFlight = nil
                cached = credential
            }
            return credential
        } catch {
            if inFlight == task { inFlight = nil }
            throw error
        }
    }

    /// Forgets the cached credential so that the next call runs the plugin.
    public func invalidate() async {
        cached = nil
    }

    private func isExpired(_ credential: ExecCredential) -> Bool {
        guard let expiry = credential.expirationTimestamp else { return false }
        return now() >= expiry
    }

    // MARK: - Running the plugin

    private static func execute(
        plugin: ExecPlugin, environment: [String: String], timeout: TimeInterval
    ) async throws -> ExecCredential {
        let executable = try locate(plugin, environment: environment)
        var env = environment
        for variable in plugin.environment { env[variable.name] = variable.value }
        env["KUBERNETES_EXEC_INFO"] = String(decoding: try plugin.execInfo(), as: UTF8.self)

        let outcome: PluginProcess.Outcome
        do {
            outcome = try await PluginProcess.run(
                executable: executable, arguments: plugin.arguments, environment: env, timeout: timeout)
        } catch {
            throw KubeConfigError.execPluginLaunchFailed(
                command: plugin.command, user: plugin.userName, reason: KubeConfigLoader.systemReason(error))
        }
        if outcome.timedOut {
            throw KubeConfigError.execPluginTimedOut(command: plugin.command, user: plugin.userName, seconds: timeout)
        }
        guard outcome.status == 0 else {
            throw KubeConfigError.execPluginFailed(
                command: plugin.command, user: plugin.userName, status: outcome.status,
                stderrFirstLine: firstLine(of: outcome.stderr))
        }
        return try ExecCredential.parse(outcome.stdout, plugin: plugin)
    }

    /// The executable to run: the command itself when it contains `/`, else
    /// the first executable match in the environment's `PATH`.
    static func locate(_ plugin: ExecPlugin, environment: [String: String]) throws -> String {
        let fm = FileManager.default
        func isExecutableFile(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && fm.isExecutableFile(atPath: path)
        }
        let notFound = KubeConfigError.execPluginNotFound(
            command: plugin.command, user: plugin.userName, installHint: plugin.installHint)
        if plugin.command.contains("/") {
            guard fm.fileExists(atPath: plugin.command) else { throw notFound }
            guard isExecutableFile(plugin.command) else {
                throw KubeConfigError.execPluginLaunchFailed(
                    command: plugin.command, user: plugin.userName, reason: "it is not an executable file")
            }
            return plugin.command
        }
        // Empty PATH entries would mean the current directory; like Go's
        // LookPath (ErrDot) they are not searched, for safety.
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = (String(directory) as NSString).appendingPathComponent(plugin.command)
            if isExecutableFile(candidate) { return candidate }
        }
        throw notFound
    }

    /// The first non-blank line of a plugin's stderr, trimmed and shortened.
    static func firstLine(of stderr: Data) -> String {
        let text = String(decoding: stderr, as: UTF8.self)
        let line =
            text.split(whereSeparator: \.isNewline)
            .lazy.map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty } ?? ""
        let limit = 300
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }
}
