import ArgumentParser
import AstroliftAPI
import Foundation
import KubeConfig
import KubeControlPlane
import KubeRuntime
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `astrolift dev`: the embedded control plane (and, once built, the controller) on this machine.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run an embedded Kubernetes-compatible control plane for trying Astrolift without a cluster.",
        discussion: """
            Serves the Kubernetes API over HTTPS on loopback, with its own CA, and writes a kubeconfig \
            for the real kubectl, Helm and client libraries. State lives in --data-dir unless --in-memory. \
            Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.
            """
    )

    @Option(name: .customLong("data-dir"), help: "Where the CA, certificates, token, database and kubeconfig live.")
    var dataDir = ".astrolift"

    @Option(name: .long, help: "The HTTPS port (0 picks a free one).")
    var port = 6443

    @Option(name: .long, help: "The address to listen on.")
    var address = "127.0.0.1"

    @Flag(name: .customLong("in-memory"), help: "Keep no state on disk (a fresh CA and empty cluster each start).")
    var inMemory = false

    @Flag(name: .customLong("no-controller"), help: "Run only the control plane, not the Astrolift controller.")
    var noController = false

    @Flag(name: .customLong("no-simulation"), help: "Do not simulate pods and workload status (a static server).")
    var noSimulation = false

    @Flag(name: .customLong("no-rbac"), help: "Allow every authenticated request (RBAC enforcement off).")
    var noRBAC = false

    @Option(
        name: .customLong("watch-history"),
        help: ArgumentHelp(
            "How many changes the watch history keeps; watches from older resourceVersions and older continue tokens get 410 Gone.",
            valueName: "changes"))
    var watchHistory = 10_000

    @Option(name: .customLong("kubeconfig-out"), help: "Where to write the kubeconfig (default: DATA_DIR/kubeconfig).")
    var kubeconfigOut: String?

    @Option(
        name: .customLong("ingress-host-template"),
        help:
            "The controller's Ingress host template (default {name}-{namespace}.workbenches.localhost; empty for none)."
    )
    var ingressHostTemplate = "{name}-{namespace}.workbenches.localhost"

    @Option(name: .customLong("log-level"), help: "The controller's log level (debug, info, warning, error).")
    var logLevel = "info"

    func validate() throws {
        guard watchHistory > 0 else { throw ValidationError("--watch-history must be at least 1, not \(watchHistory)") }
    }

    func run() async throws {
        try await reportingErrors {
            let dataURL = URL(fileURLWithPath: dataDir, isDirectory: true)
            var logger = Logger(label: "astrolift.dev")
            logger.logLevel = .info
            let controlPlane = try await ControlPlane.start(
                ControlPlane.Configuration(
                    dataDirectory: inMemory ? nil : dataURL, host: address, port: port,
                    historyCapacity: watchHistory, simulateWorkloads: !noSimulation, rbac: !noRBAC, logger: logger))
            try await DevBootstrap.run(controlPlane)
            let kubeconfigPath = kubeconfigOut ?? dataURL.appendingPathComponent("kubeconfig").path
            try controlPlane.writeKubeconfig(to: kubeconfigPath)
            Terminal.out("Astrolift dev control plane: \(controlPlane.baseURL.absoluteString)")
            Terminal.out("Kubeconfig:  \(kubeconfigPath)")
            Terminal.out("CRDs:        Astrolift's \(CRDGenerator.all().count) kinds are installed (kubectl get crd)")
            Terminal.out("Try:         KUBECONFIG=\(kubeconfigPath) kubectl get namespaces")
            var controllerTask: Task<Void, any Error>?
            var runner: ControllerRunner?
            if !noController {
                let settings = try devControllerSettings()
                let level = try RuntimeLogging.level(flag: logLevel)
                RuntimeLogging.bootstrap(format: try RuntimeLogging.format(flag: nil), level: level)
                let connection = try KubeConfigLoader.resolve(
                    kubeconfigPath: kubeconfigPath, context: nil, namespace: nil, environment: [:])
                let started = try await ControllerRunner.start(connection: connection, settings: settings)
                runner = started
                controllerTask = Task { try await started.run() }
                Terminal.out("Controller:  running (Tenants, WorkbenchClasses, GatewayPolicies, Workbenches)")
            }
            Terminal.out("Press Ctrl-C to stop.")
            let signal = await waitForTerminationSignal()
            Terminal.out("Received \(signal), shutting down.")
            if let runner, let controllerTask {
                runner.manager.shutdown()
                _ = try? await controllerTask.value
            }
            await controlPlane.shutdown()
        }
    }
}

extension DevCommand {
    /// The embedded controller: no probe or metrics ports (they would collide between
    /// several dev servers), an Ingress host template so workbenches get URLs.
    func devControllerSettings() throws -> ControllerSettings {
        var flags = ControllerSettings.Flags()
        flags.ingressHostTemplate = ingressHostTemplate
        flags.healthProbeBindAddress = "0"
        flags.metricsBindAddress = "0"
        var settings = try ControllerSettings.resolve(flags: flags, environment: [:], configFile: nil)
        settings.controller.ingressTLS = false
        return settings
    }
}

/// Suspends until SIGINT or SIGTERM arrives; returns its name.
func waitForTerminationSignal() async -> String {
    await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
        let queue = DispatchQueue(label: "astrolift.signals")
        let fired = SignalOnce(continuation)
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { fired.fire(name) }
            source.resume()
            fired.keep(source)
        }
    }
}

/// Resumes a continuation once, and keeps the signal sources alive until then.
private final class SignalOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<String, Never>?
    private var sources: [any DispatchSourceSignal] = []

    init(_ continuation: CheckedContinuation<String, Never>) {
        self.continuation = continuation
    }

    func keep(_ source: any DispatchSourceSignal) {
        lock.lock()
        sources.append(source)
        lock.unlock()
    }

    func fire(_ name: String) {
        lock.lock()
        let c = continuation
        continuation = nil
        lock.unlock()
        c?.resume(returning: name)
    }
}
