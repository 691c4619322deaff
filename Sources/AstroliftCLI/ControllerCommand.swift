import ArgumentParser
import AstroliftControllers
import Foundation
import KubeClient
import KubeConfig
import KubeRuntime
import Logging
import ServiceLifecycle

/// `astrolift controller`: the in-cluster entry point. Flags follow controller-runtime's names.
struct ControllerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller",
        abstract: "Run the Astrolift controller: Tenants, WorkbenchClasses, GatewayPolicies and Workbenches.",
        discussion: """
            Every setting can also come from the environment (ASTROLIFT_ and the flag's name in upper case with \
            underscores, e.g. ASTROLIFT_INGRESS_HOST_TEMPLATE) or from --config FILE (YAML, the flags' names in \
            camelCase). A flag beats the environment, which beats the file. See docs/operations.md.
            """
    )

    @Option(name: .long, help: "Path to the kubeconfig file (default: $KUBECONFIG, ~/.kube/config, then in-cluster).")
    var kubeconfig: String?
    @Option(name: .long, help: "The kubeconfig context to use.")
    var context: String?
    @Option(name: .long, help: "A YAML config file with any of these settings (flag names in camelCase).")
    var config: String?
    @Flag(
        name: .customLong("leader-elect"), inversion: .prefixedNo,
        help: "Campaign for a Lease; only the leader reconciles.")
    var leaderElect: Bool?
    @Option(
        name: .customLong("leader-election-namespace"),
        help: "The Lease's namespace (default: $POD_NAMESPACE, else astrolift-system).")
    var leaderElectionNamespace: String?
    @Option(name: .customLong("leader-election-id"), help: "The Lease's name (default: astrolift-controller).")
    var leaderElectionID: String?
    @Option(
        name: .customLong("health-probe-bind-address"),
        help: "Where /healthz and /readyz are served (default :8081; 0 turns it off).")
    var healthProbeBindAddress: String?
    @Option(
        name: .customLong("metrics-bind-address"), help: "Where /metrics is served (default :8080; 0 turns it off).")
    var metricsBindAddress: String?
    @Option(name: .customLong("log-format"), help: "json or text (default: text on a terminal, json otherwise).")
    var logFormat: String?
    @Option(name: .customLong("log-level"), help: "debug, info, warning or error (default info).")
    var logLevel: String?
    @Option(name: .customLong("max-concurrent-reconciles"), help: "Reconciles running at once, per kind (default 4).")
    var maxConcurrentReconciles: Int?
    @Option(
        name: .customLong("watch-namespaces"),
        help: "Comma-separated namespaces whose Workbenches and GatewayPolicies are reconciled (default: all).")
    var watchNamespaces: String?
    @Option(
        name: .customLong("ingress-host-template"),
        help: "Host of each workbench's Ingress, e.g. {name}-{namespace}.wb.example.com (default: no Ingress).")
    var ingressHostTemplate: String?
    @Option(
        name: .customLong("ingress-class-name"), help: "IngressClass of workbench Ingresses (default: the cluster's).")
    var ingressClassName: String?
    @Option(
        name: .customLong("ingress-controller-namespace"),
        help: "Namespace of the ingress controller, whose pods may reach workbenches (default ingress-nginx).")
    var ingressControllerNamespace: String?
    @Option(
        name: .customLong("default-storage-class"),
        help: "StorageClass of home volumes when Workbench and Tenant name none.")
    var defaultStorageClass: String?
    @Option(name: .customLong("gateway-image"), help: "Image of the gateway sidecar.")
    var gatewayImage: String?
    @Option(name: .customLong("auth-proxy-image"), help: "Image of the auth-proxy sidecar.")
    var authProxyImage: String?
    @Option(name: .customLong("image-pull-secrets"), help: "Comma-separated image pull secrets for workbench pods.")
    var imagePullSecrets: String?

    var flags: ControllerSettings.Flags {
        ControllerSettings.Flags(
            watchNamespaces: watchNamespaces, maxConcurrentReconciles: maxConcurrentReconciles,
            ingressHostTemplate: ingressHostTemplate, ingressClassName: ingressClassName,
            ingressControllerNamespace: ingressControllerNamespace, defaultStorageClass: defaultStorageClass,
            gatewayImage: gatewayImage, authProxyImage: authProxyImage, imagePullSecrets: imagePullSecrets,
            leaderElect: leaderElect, leaderElectionNamespace: leaderElectionNamespace,
            leaderElectionID: leaderElectionID, healthProbeBindAddress: healthProbeBindAddress,
            metricsBindAddress: metricsBindAddress, logFormat: logFormat, logLevel: logLevel)
    }

    func run() async throws {
        try await reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            let settings = try ControllerSettings.resolve(flags: flags, environment: environment, configFile: config)
            let format = try RuntimeLogging.format(flag: settings.logFormat)
            let level = try RuntimeLogging.level(flag: settings.logLevel)
            RuntimeLogging.bootstrap(format: format, level: level)
            let connection = try KubeConfigLoader.resolve(
                kubeconfigPath: kubeconfig, context: context, namespace: nil, environment: environment)
            let runner = try await ControllerRunner.start(connection: connection, settings: settings)
            try await runner.runUntilSignalled()
        }
    }
}

/// A running controller: a client, a manager with every controller, and the endpoint.
final class ControllerRunner: Sendable {
    let client: KubeClient
    let manager: Manager
    let logger: Logger

    private init(client: KubeClient, manager: Manager, logger: Logger) {
        self.client = client
        self.manager = manager
        self.logger = logger
    }

    /// Connects and builds the manager (nothing runs until ``run()``).
    static func start(
        connection: ClusterConnection, settings: ControllerSettings,
        logger: Logger = Logger(label: "astrolift.controller")
    ) async throws -> ControllerRunner {
        let metrics = RuntimeMetrics()
        let client = try await KubeClient.connect(
            connection, configuration: .init(requestObserver: metrics.restClientObserver))
        let probe = try ControllerSettings.bindAddress(
            settings.healthProbeBindAddress, flag: "health-probe-bind-address")
        let metricsAddress = try ControllerSettings.bindAddress(
            settings.metricsBindAddress, flag: "metrics-bind-address")
        let identity = LeaderElectionConfiguration.defaultIdentity()
        let manager = Manager(
            client: client,
            configuration: ManagerConfiguration(
                leaderElection: settings.leaderElect
                    ? LeaderElectionConfiguration(
                        leaseName: settings.leaderElectionID, namespace: settings.leaderElectionNamespace,
                        identity: identity)
                    : nil,
                probeAddress: probe.map { .init(host: $0.host, port: $0.port) },
                metricsAddress: metricsAddress.map { .init(host: $0.host, port: $0.port) }),
            metrics: metrics, logger: logger)
        AstroliftControllerSet.register(
            on: manager, configuration: settings.controller,
            reportingInstance: ProcessInfo.processInfo.environment["POD_NAME"] ?? identity)
        return ControllerRunner(client: client, manager: manager, logger: logger)
    }

    /// Runs until shutdown (or failure), then closes the client.
    func run() async throws {
        do {
            try await manager.run()
        } catch {
            try? await client.shutdown()
            throw error
        }
        try? await client.shutdown()
    }

    /// Runs until SIGTERM or SIGINT, shutting down gracefully.
    func runUntilSignalled() async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: manager)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            try? await client.shutdown()
            throw error
        }
        try? await client.shutdown()
    }
}
