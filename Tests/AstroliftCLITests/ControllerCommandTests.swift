import AstroliftAPI
import Foundation
import KubeClient
import KubeConfig
import KubeControlPlane
import KubeCore
import KubeModels
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `astrolift controller`, `gateway` and `auth-proxy` as the built binary runs them.
final class ControllerCommandTests: XCTestCase {
    func testBadSettingsStopTheControllerNamingTheFlagFileOrVariable() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let template = try await cli.run(["controller", "--ingress-host-template", "workbenches.example.com"])
        XCTAssertEqual(template.status, 1)
        XCTAssertTrue(template.stderr.contains("--ingress-host-template"), template.stderr)
        XCTAssertTrue(template.stderr.contains("{name}"), template.stderr)

        let file = try cli.write("ingressHostTemplat: \"{name}.example.com\"\n", to: "config.yaml")
        let typo = try await cli.run(["controller", "--config", file])
        XCTAssertEqual(typo.status, 1)
        XCTAssertTrue(typo.stderr.contains("unknown key \"ingressHostTemplat\""), typo.stderr)
        XCTAssertTrue(typo.stderr.contains(file), typo.stderr)

        let env = try await cli.run(["controller"], environment: ["ASTROLIFT_MAX_CONCURRENT_RECONCILES": "many"])
        XCTAssertEqual(env.status, 1)
        XCTAssertTrue(env.stderr.contains("ASTROLIFT_MAX_CONCURRENT_RECONCILES=many"), env.stderr)

        let bind = try await cli.run(["controller", "--metrics-bind-address", "8080"])
        XCTAssertEqual(bind.status, 1)
        XCTAssertTrue(bind.stderr.contains("--metrics-bind-address"), bind.stderr)
    }

    func testSidecarsRefuseToStartUntilBuilt() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        for command in ["gateway", "auth-proxy"] {
            let result = try await cli.run([command, "--policy=/etc/astrolift/policy/policy.json"])
            XCTAssertEqual(result.status, 78, command)
            XCTAssertTrue(result.stderr.contains("not built yet"), result.stderr)
            XCTAssertTrue(result.stderr.contains("refuses to start"), result.stderr)
        }
    }

    /// The real binary against the embedded control plane: settings from a config file and
    /// the environment, a Tenant reconciled, probes and metrics served, SIGTERM honoured.
    func testControllerProcessReconcilesAndShutsDownOnSIGTERM() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let cp = try await ControlPlane.start(ControlPlane.Configuration(simulateWorkloads: true))
        let client = try KubeClient(
            connection: ClusterConnection(
                server: cp.baseURL, certificateAuthorityPEM: Array(cp.caPEM.utf8),
                credentials: StaticTokenProvider(token: cp.adminToken), namespace: "default", origin: "test"))
        for var crd in CRDGenerator.all() {
            crd.setTypeMeta()
            _ = try await client.api(CustomResourceDefinition.self).apply(crd, fieldManager: "test", force: true)
        }
        let kubeconfig = cli.directory.appendingPathComponent("kubeconfig").path
        try cp.writeKubeconfig(to: kubeconfig)
        let probePort = Int.random(in: 20_000..<30_000)
        let config = try cli.write(
            "healthProbeBindAddress: \"127.0.0.1:\(probePort)\"\nmetricsBindAddress: \"0\"\nlogFormat: json\n",
            to: "controller.yaml")

        let process = Process()
        process.executableURL = CLIHarness.executable
        process.arguments = ["controller", "--kubeconfig", kubeconfig, "--config", config]
        process.environment = ["PATH": "/usr/bin:/bin", "ASTROLIFT_INGRESS_HOST_TEMPLATE": "{name}.wb.test"]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var ready = false
        for _ in 0..<200 where !ready {
            try await Task.sleep(for: .milliseconds(100))
            if let url = URL(string: "http://127.0.0.1:\(probePort)/readyz"),
                let (_, response) = try? await URLSession.shared.data(from: url),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                ready = true
            }
        }
        XCTAssertTrue(ready, "the controller's /readyz never answered 200")
        _ = try await client.api(Tenant.self).create(Tenant(metadata: ObjectMeta(name: "cli")))
        var namespace: Namespace?
        for _ in 0..<100 where namespace == nil {
            try await Task.sleep(for: .milliseconds(100))
            namespace = try await client.api(Namespace.self).getIfExists("cli")
        }
        XCTAssertEqual(namespace?.metadata.labels?["astrolift.dev/tenant"], "cli")

        process.terminate()  // SIGTERM
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(log.contains("\"message\":\"caches synced\""), log)
        try await client.shutdown()
        await cp.shutdown()
    }
}
