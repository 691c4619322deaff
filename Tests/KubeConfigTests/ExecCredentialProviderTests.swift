import Foundation
import KubeCore
import XCTest

@testable import KubeConfig

final class ExecCredentialProviderTests: XCTestCase {
    /// Prints an ExecCredential whose token counts the runs; apiVersion and
    /// expiry come from the plugin's env entries.
    static let defaultBody = """
        cat <<JSON
        {"apiVersion":"${API_VERSION:-client.authentication.k8s.io/v1}","kind":"ExecCredential","status":{"token":"secret-token-$n","expirationTimestamp":"${EXPIRY:-}"}}
        JSON
        """

    /// Writes a plugin that counts its runs in `runs`, records its arguments,
    /// environment and `KUBERNETES_EXEC_INFO` in `dir`, then runs `body`.
    @discardableResult
    private func writePlugin(_ dir: TempDir, at relative: String = "plugin.sh", body: String = defaultBody) throws
        -> String
    {
        try dir.write(
            relative,
            """
            #!/bin/sh
            echo run >> "$RECORD_DIR/runs"
            n=$(wc -l < "$RECORD_DIR/runs" | tr -d ' ')
            printf '%s\\n' "$@" > "$RECORD_DIR/args"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$RECORD_DIR/exec-info"
            printf '%s|%s' "${INHERITED:-}" "${FROM_CONFIG:-}" > "$RECORD_DIR/env"
            \(body)

            """, executable: true)
    }

    private func plugin(
        _ dir: TempDir, command: String, apiVersion: String = ExecPlugin.v1, responseVersion: String? = nil,
        expiry: String = "", args: [String] = [], cluster: ExecClusterInfo? = nil
    ) -> ExecPlugin {
        ExecPlugin(
            command: command, arguments: args,
            environment: [
                .init(name: "RECORD_DIR", value: dir.path),
                .init(name: "API_VERSION", value: responseVersion ?? apiVersion),
                .init(name: "EXPIRY", value: expiry), .init(name: "FROM_CONFIG", value: "configured"),
            ],
            apiVersion: apiVersion, cluster: cluster, userName: "tester")
    }

    private let environment = ["PATH": "/usr/bin:/bin", "INHERITED": "inherited-value"]

    private func runs(_ dir: TempDir) -> Int {
        dir.read("runs").split(separator: "\n").count
    }

    // MARK: - Caching

    func testRunsOnceWhileCachedAndAgainAfterInvalidate() async throws {
        let dir = try TempDir()
        let command = try writePlugin(dir)
        let clock = TestClock()
        let provider = ExecCredentialProvider(
            plugin: plugin(dir, command: command), environment: environment, now: clock.closure)

        let first = try await provider.token()
        let second = try await provider.token()
        XCTAssertEqual(first, "secret-token-1")
        XCTAssertEqual(second, "secret-token-1")
        clock.advance(365 * 24 * 3600)
        let muchLater = try await provider.token()
        XCTAssertEqual(muchLater, "secret-token-1", "a credential without expiry is kept until invalidated")
        XCTAssertEqual(runs(dir), 1)

        await provider.invalidate()
        let third = try await provider.token()
        XCTAssertEqual(third, "secret-token-2")
        XCTAssertEqual(runs(dir), 2)
    }

    func testRerunsAfterExpiry() async throws {
        let dir = try TempDir()
        let command = try writePlugin(dir)
        let clock = TestClock()
        let expiry = RFC3339.format(clock.now.addingTimeInterval(60), fractionDigits: 0)
        let provider = ExecCredentialProvider(
            plugin: plugin(dir, command: command, expiry: expiry), environment: environment, now: clock.closure)

        let credential = try await provider.credential()
        XCTAssertEqual(credential.expirationTimestamp, RFC3339.parse(expiry))
        _ = try await provider.token()
        XCTAssertEqual(runs(dir), 1)
        clock.advance(59)
        _ = try await provider.token()
        XCTAssertEqual(runs(dir), 1)
        clock.advance(1)
        let renewed = try await provider.token()
        XCTAssertEqual(renewed, "secret-token-2")
        XCTAssertEqual(runs(dir), 2)
    }

    func testExpiredCredentialIsRerunEveryTime() async throws {
        let dir = try TempDir()
        let command = try writePlugin(dir)
        let provider = ExecCredentialProvider(
            plugin: plugin(dir, command: command, expiry: "2001-01-01T00:00:00Z"), environment: environment)
        _ = try await provider.token()
        _ = try await provider.token()
        XCTAssertEqual(runs(dir), 2)
    }

    func testConcurrentCallersShareOneRun() async throws {
        let dir = try TempDir()
        let command = try writePlugin(dir, body: "sleep 0.3\n" + Self.defaultBody)
        let provider = ExecCredentialProvider(plugin: plugin(dir, command: command), environment: environment)
        let tokens = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<8 { group.addTask { try await provider.token() } }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        XCTAssertEqual(tokens, Array(repeating: "secret-token-1", count: 8))
        XCTAssertEqual(runs(dir), 1)
    }

    // MARK: - Protocol

    func testBothAPIVersionsAreAcceptedAndMustMatch() async throws {
        let dir = try TempDir()
        let command = try writePlugin(dir)
        for version in [ExecPlugin.v1, ExecPlugin.v1beta1] {
            let provider = ExecCredentialProvider(
                plugin: plugin(dir, command: command, apiVersion: version), environment: environment)
            let token = try await provider.token()
            XCTAssertNotNil(token, version)
            let info = try JSONSerialization.jsonObject(with: Data(dir.read("exec-info").utf8)) as? [String: Any]
            XCTAssertEqual(info?["apiVersion"] as? String, version)
        }

        let mismatched = ExecCredentialProvider(
            plugin: plugin(dir, command: command, apiVersion: ExecPlugin.v1, responseVersion: ExecPlugin.v1beta1),
            environment: environment)
        let error = await expectKubeConfigErrorAsync { try await mismatched.token() }
        guard case .execInvalidOutput(command: command, user: "tester", let reason)? = error else {
            return XCTFail("expected execInvalidOutput, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.contains(ExecPlugin.v1beta1) && reason.contains(ExecPlugin.v1), reason)
        XCTAssertFalse(error?.description.contains("secret-token") ?? true)
    }

    func testArgumentsEnvironmentAndExecInfo() async throws {
        let dir = try TempDir()
        let command = try writePlugin(dir)
        let cluster = ExecClusterInfo(
            server: "https://api.example:6443", tlsServerName: "api.internal", insecureSkipTLSVerify: false,
            certificateAuthorityData: Array(Fixtures.caPEM.utf8), config: ["audience": "kube"])
        let provider = ExecCredentialProvider(
            plugin: plugin(dir, command: command, args: ["get-token", "--cluster", "a b"], cluster: cluster),
            environment: environment)
        _ = try await provider.token()

        XCTAssertEqual(dir.read("args"), "get-token\n--cluster\na b\n")
        XCTAssertEqual(dir.read("env"), "inherited-value|configured")
        let info = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(dir.read("exec-info").utf8)) as? [String: Any])
        XCTAssertEqual(info["kind"] as? String, "ExecCredential")
        let spec = try XCTUnwrap(info["spec"] as? [String: Any])
        XCTAssertEqual(spec["interactive"] as? Bool, false)
        let sentCluster = try XCTUnwrap(spec["cluster"] as? [String: Any])
        XCTAssertEqual(sentCluster["server"] as? String, "https://api.example:6443")
        XCTAssertEqual(sentCluster["tls-server-name"] as? String, "api.internal")
        XCTAssertEqual(sentCluster["certificate-authority-data"] as? String, Fixtures.base64(Fixtures.caPEM))
        XCTAssertNil(sentCluster["insecure-skip-tls-verify"])
        XCTAssertEqual((sentCluster["config"] as? [String: Any])?["audience"] as? String, "kube")

        let withoutCluster = ExecCredentialProvider(plugin: plugin(dir, command: command), environment: environment)
        _ = try await withoutCluster.token()
        let bare = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(dir.read("exec-info").utf8)) as? [String: Any])
        XCTAssertEqual(bare["spec"] as? [String: Bool], ["interactive": false])
    }

    func testCommandIsFoundOnPATH() async throws {
        let dir = try TempDir()
        try writePlugin(dir, at: "bin/kube-token-helper")
        var env = environment
        env["PATH"] = "\(dir.file("empty-dir")):\(dir.file("bin")):/usr/bin:/bin"
        let provider = ExecCredentialProvider(plugin: plugin(dir, command: "kube-token-helper"), environment: env)
        let token = try await provider.token()
        XCTAssertEqual(token, "secret-token-1")
    }

    func testClientCertificateFromPlugin() async throws {
        let dir = try TempDir()
        let command = try writePlugin(
            dir,
            body: #"""
                cat <<'JSON'
                {"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n","clientKeyData":"-----BEGIN EC PRIVATE KEY-----\nBBBB\n-----END EC PRIVATE KEY-----\n"}}
                JSON
                """#)
        let provider = ExecCredentialProvider(plugin: plugin(dir, command: command), environment: environment)
        let token = try await provider.token()
        XCTAssertNil(token)
        let pair = try await provider.clientCertificate()
        XCTAssertEqual(
            pair.map { String(decoding: $0.certificatePEM, as: UTF8.self) },
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        XCTAssertEqual(
            pair.map { String(decoding: $0.keyPEM, as: UTF8.self) },
            "-----BEGIN EC PRIVATE KEY-----\nBBBB\n-----END EC PRIVATE KEY-----\n")
    }

    // MARK: - Failures

    func testPluginNotFoundIncludesInstallHint() async throws {
        let dir = try TempDir()
        var config = plugin(dir, command: "no-such-credential-plugin")
        config.installHint = "Install it with:\n\n    brew install no-such-credential-plugin\n"
        let provider = ExecCredentialProvider(plugin: config, environment: environment)
        let error = await expectKubeConfigErrorAsync { try await provider.token() }
        XCTAssertEqual(
            error?.description,
            "exec plugin \"no-such-credential-plugin\" for user \"tester\" was not found on PATH: "
                + "Install it with: brew install no-such-credential-plugin")

        let byPath = ExecCredentialProvider(
            plugin: plugin(dir, command: dir.file("missing.sh")), environment: environment)
        let pathError = await expectKubeConfigErrorAsync { try await byPath.token() }
        XCTAssertEqual(
            pathError, .execPluginNotFound(command: dir.file("missing.sh"), user: "tester", installHint: nil))

        let notExecutable = try dir.write("plain.sh", "#!/bin/sh\n")
        let launch = ExecCredentialProvider(plugin: plugin(dir, command: notExecutable), environment: environment)
        let launchError = await expectKubeConfigErrorAsync { try await launch.token() }
        guard case .execPluginLaunchFailed? = launchError else {
            return XCTFail("expected execPluginLaunchFailed, got \(String(describing: launchError))")
        }
    }

    func testNonZeroExitReportsFirstLineOfStderr() async throws {
        let dir = try TempDir()
        let command = try writePlugin(
            dir, body: "echo '' >&2\necho '   error: you must log in first   ' >&2\necho 'more detail' >&2\nexit 3")
        let provider = ExecCredentialProvider(plugin: plugin(dir, command: command), environment: environment)
        let error = await expectKubeConfigErrorAsync { try await provider.token() }
        XCTAssertEqual(
            error,
            .execPluginFailed(
                command: command, user: "tester", status: 3, stderrFirstLine: "error: you must log in first"))
        XCTAssertTrue(error?.description.contains("exit status 3: error: you must log in first") == true)
        // A failure is not cached: the next call runs the plugin again.
        _ = await expectKubeConfigErrorAsync { try await provider.token() }
        XCTAssertEqual(runs(dir), 2)
    }

    func testInvalidOutputNeverLeaksTheToken() async throws {
        let dir = try TempDir()
        let cases: [(body: String, reason: String)] = [
            ("echo secret-token-raw", "stdout is not JSON"),
            (
                "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\"}'",
                "it has no status"
            ),
            (
                "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"Other\",\"status\":{\"token\":\"secret-token-x\"}}'",
                "kind is \"Other\", expected ExecCredential"
            ),
            (
                "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"secret-token-x\",\"expirationTimestamp\":\"tomorrow\"}}'",
                "status.expirationTimestamp \"tomorrow\" is not an RFC 3339 time"
            ),
            (
                "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":7}}'",
                "field status.token has the wrong type"
            ),
            (
                "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"clientKeyData\":\"secret-token-key\"}}'",
                "status has a client certificate or key but not both"
            ),
            ("true", "stdout is empty"),
        ]
        for (index, item) in cases.enumerated() {
            let command = try writePlugin(dir, at: "plugin-\(index).sh", body: item.body)
            let provider = ExecCredentialProvider(plugin: plugin(dir, command: command), environment: environment)
            let error = await expectKubeConfigErrorAsync { try await provider.token() }
            XCTAssertEqual(error, .execInvalidOutput(command: command, user: "tester", reason: item.reason), item.body)
            XCTAssertFalse(error?.description.contains("secret-token") ?? true, item.body)
        }
    }

    func testHungPluginIsKilledAtTheTimeout() async throws {
        let dir = try TempDir()
        let command = try writePlugin(dir, body: "exec sleep 30")
        let provider = ExecCredentialProvider(
            plugin: plugin(dir, command: command), environment: environment, timeout: 0.5)
        let start = Date()
        let error = await expectKubeConfigErrorAsync { try await provider.token() }
        XCTAssertEqual(error, .execPluginTimedOut(command: command, user: "tester", seconds: 0.5))
        // SIGTERM must work (the 2 s SIGKILL fallback is not needed): the plugin
        // is not spawned with the Dispatch thread's blocked signal mask.
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }

    func testPluginSeesSignalsAndItsTrapRuns() async throws {
        let dir = try TempDir()
        let command = try writePlugin(
            dir, body: "trap 'echo trapped > \"$RECORD_DIR/trapped\"; exit 143' TERM\nwhile :; do sleep 0.05; done")
        let provider = ExecCredentialProvider(
            plugin: plugin(dir, command: command), environment: environment, timeout: 0.3)
        let error = await expectKubeConfigErrorAsync { try await provider.token() }
        XCTAssertEqual(error, .execPluginTimedOut(command: command, user: "tester", seconds: 0.3))
        XCTAssertEqual(dir.read("trapped"), "trapped\n")
    }

    func testBackgroundChildLeftByThePluginDoesNotBlockTheAnswer() async throws {
        let dir = try TempDir()
        // The leftover child inherits stdout; the answer must not wait for it to exit.
        let command = try writePlugin(dir, body: "sleep 8 &\n" + Self.defaultBody)
        let provider = ExecCredentialProvider(plugin: plugin(dir, command: command), environment: environment)
        let start = Date()
        let token = try await provider.token()
        XCTAssertEqual(token, "secret-token-1")
        XCTAssertLessThan(Date().timeIntervalSince(start), 6)
    }

    #if os(Linux)
        func testRunsLeakNoFileDescriptors() async throws {
            let dir = try TempDir()
            let command = try writePlugin(dir)
            func openDescriptors() -> Int {
                (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
            }
            let provider = ExecCredentialProvider(plugin: plugin(dir, command: command), environment: environment)
            _ = try await provider.token()
            let before = openDescriptors()
            for _ in 0..<30 {
                await provider.invalidate()
                _ = try await provider.token()
            }
            XCTAssertEqual(runs(dir), 31)
            // The count is process-wide and other tests' connections may still be closing:
            // allow slack well below the 30+ a leak of one descriptor per run would show.
            XCTAssertLessThanOrEqual(openDescriptors(), before + 10)
        }
    #endif

    func testConfigValidation() throws {
        let info = ExecClusterInfo(server: "https://x")
        func validate(_ config: KubeConfigFile.ExecConfig) -> KubeConfigError? {
            expectKubeConfigError { try ExecPlugin(config: config, user: "u", file: "/k", cluster: info) }
        }
        XCTAssertEqual(
            validate(.init(command: "x", apiVersion: "client.authentication.k8s.io/v1alpha1")),
            .invalidExecConfig(
                user: "u", file: "/k",
                reason:
                    "apiVersion client.authentication.k8s.io/v1alpha1 is not supported: use \(ExecPlugin.v1) or \(ExecPlugin.v1beta1)"
            ))
        XCTAssertEqual(
            validate(.init(command: "", apiVersion: ExecPlugin.v1)),
            .invalidExecConfig(user: "u", file: "/k", reason: "command is empty: set the plugin's command"))
        XCTAssertEqual(
            validate(.init(command: "x", apiVersion: ExecPlugin.v1, interactiveMode: "Always")),
            .execRequiresInteractive(command: "x", user: "u"))
        XCTAssertEqual(
            validate(.init(command: "x", env: [.init(name: "", value: "v")], apiVersion: ExecPlugin.v1)),
            .invalidExecConfig(user: "u", file: "/k", reason: "an env entry has no name: give every entry a name"))

        let plugin = try ExecPlugin(
            config: .init(command: "x", apiVersion: ExecPlugin.v1, provideClusterInfo: false), user: "u", file: "/k",
            cluster: info)
        XCTAssertNil(plugin.cluster)
        XCTAssertEqual(plugin.interactiveMode, .ifAvailable)
    }

    // MARK: - Through the loader

    func testKubeconfigExecWithRelativeCommandAndClusterInfo() async throws {
        let dir = try TempDir()
        try writePlugin(dir, at: "kube/plugins/get-token.sh")
        try dir.write("kube/ca.pem", Fixtures.caPEM)
        let path = try dir.write(
            "kube/config",
            """
            clusters:
            - name: c
              cluster: {server: "https://exec.example:6443", certificate-authority: ca.pem}
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: ./plugins/get-token.sh
                  args: [--flag]
                  env:
                  - {name: RECORD_DIR, value: "\(dir.path)"}
                  - {name: API_VERSION, value: client.authentication.k8s.io/v1beta1}
                  provideClusterInfo: true
            contexts:
            - {name: x, context: {cluster: c, user: u}}
            current-context: x
            """)
        let connection = try KubeConfigLoader.load(kubeconfigPath: path, environment: environment)
        XCTAssertEqual(runs(dir), 0, "the plugin runs lazily")
        let token = try await connection.credentials?.token()
        XCTAssertEqual(token, "secret-token-1")
        XCTAssertEqual(dir.read("args"), "--flag\n")
        let info = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(dir.read("exec-info").utf8)) as? [String: Any])
        let cluster = (info["spec"] as? [String: Any])?["cluster"] as? [String: Any]
        XCTAssertEqual(cluster?["server"] as? String, "https://exec.example:6443")
        XCTAssertEqual(cluster?["certificate-authority-data"] as? String, Fixtures.base64(Fixtures.caPEM))
    }
}
