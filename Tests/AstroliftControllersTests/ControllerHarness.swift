import AstroliftAPI
import AstroliftControllers
import Foundation
import KubeClient
import KubeConfig
import KubeControlPlane
import KubeCore
import KubeModels
import KubeRuntime
import Logging
import Synchronization
import XCTest

/// The embedded control plane with Astrolift's CRDs and `manifests/rbac`, and the
/// controllers running in-process as the controller's ServiceAccount (so every test also
/// proves the shipped ClusterRole is enough).
final class ControllerHarness: @unchecked Sendable {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let controllerToken = "astrolift-controller-test-token"

    let controlPlane: ControlPlane
    let admin: KubeClient
    let configuration: ControllerConfiguration
    private(set) var manager: Manager?
    private(set) var caches: ControllerCaches?
    private var controllerClient: KubeClient?
    private var task: Task<Void, any Error>?
    /// Every write the controller made (method and path), events excluded.
    let writes = WriteLog()
    /// Every line the controller logged (debug and above), with its metadata.
    let logs = LogCapture()

    private init(controlPlane: ControlPlane, admin: KubeClient, configuration: ControllerConfiguration) {
        self.controlPlane = controlPlane
        self.admin = admin
        self.configuration = configuration
    }

    static func start(
        configuration: ControllerConfiguration = ControllerConfiguration(
            maxConcurrentReconciles: 4, ingressHostTemplate: "{name}-{namespace}.wb.test")
    ) async throws -> ControllerHarness {
        let user = "system:serviceaccount:astrolift-system:astrolift-controller"
        let cp = try await ControlPlane.start(
            ControlPlane.Configuration(
                tokens: [
                    controllerToken: (user, ["system:serviceaccounts", "system:serviceaccounts:astrolift-system"])
                ],
                simulateWorkloads: true, podStartDelay: .milliseconds(200)))
        let admin = try KubeClient(connection: connection(cp, token: cp.adminToken))
        let harness = ControllerHarness(controlPlane: cp, admin: admin, configuration: configuration)
        try await harness.install()
        try await harness.startController()
        return harness
    }

    static func connection(_ cp: ControlPlane, token: String) -> ClusterConnection {
        ClusterConnection(
            server: cp.baseURL, certificateAuthorityPEM: Array(cp.caPEM.utf8),
            credentials: StaticTokenProvider(token: token), namespace: "default", origin: "test")
    }

    /// CRDs, the controller's namespace and ServiceAccount, and everything in manifests/rbac.
    func install() async throws {
        for var crd in CRDGenerator.all() {
            crd.setTypeMeta()
            _ = try await admin.api(CustomResourceDefinition.self).apply(crd, fieldManager: "test", force: true)
        }
        let discovery = DiscoveryCache(client: admin)
        for path in ["manifests/controller/00-namespace.yaml", "manifests/controller/10-serviceaccount.yaml"]
            + (try FileManager.default.contentsOfDirectory(
                atPath: Self.repoRoot.appendingPathComponent("manifests/rbac").path
            ).sorted().map { "manifests/rbac/\($0)" })
        {
            let text = try String(contentsOf: Self.repoRoot.appendingPathComponent(path), encoding: .utf8)
            for document in try YAMLDocuments.parse(text) {
                let object = DynamicObject(document)
                let resource = try await discovery.resolve(apiVersion: object.apiVersion ?? "", kind: object.kind ?? "")
                _ = try await admin.dynamicApi(resource, namespace: object.namespace).apply(
                    object, fieldManager: "test", force: true)
            }
        }
    }

    /// Starts a fresh manager (a new process, as far as the cluster can tell).
    func startController(leaderElection: Bool = false) async throws {
        let writes = self.writes
        let client = try KubeClient(
            connection: Self.connection(controlPlane, token: Self.controllerToken),
            configuration: .init(requestObserver: { record in
                guard !["GET", "HEAD"].contains(record.method), !record.path.contains("/events") else { return }
                writes.entries.withLock { $0.append("\(record.method) \(record.path)") }
            }))
        let logs = self.logs
        var logger = Logger(label: "test.controller") { label in CapturingLogHandler(label: label, capture: logs) }
        logger.logLevel = .debug
        let manager = Manager(
            client: client,
            configuration: ManagerConfiguration(
                leaderElection: leaderElection
                    ? LeaderElectionConfiguration(leaseName: "astrolift-controller", namespace: "astrolift-system")
                    : nil,
                probeAddress: nil, gracefulShutdownTimeout: .seconds(5)),
            logger: logger)
        caches = AstroliftControllerSet.register(on: manager, configuration: configuration, reportingInstance: "test")
        self.manager = manager
        controllerClient = client
        task = Task { try await manager.run() }
        try await manager.waitUntilReady()
        if leaderElection { try await eventually("this replica wins the Lease") { manager.isLeader } }
    }

    func stopController() async {
        manager?.shutdown()
        _ = try? await task?.value
        try? await controllerClient?.shutdown()
        manager = nil
        task = nil
    }

    func stop() async {
        await stopController()
        try? await admin.shutdown()
        await controlPlane.shutdown()
    }

    /// Polls `condition` until it holds or `timeout` passes, then fails with `message`.
    func eventually(
        _ message: @autoclosure () -> String, timeout: Duration = .seconds(20), file: StaticString = #filePath,
        line: UInt = #line, _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTFail("timed out: \(message())", file: file, line: line)
        throw CancellationError()
    }

    // MARK: Reads

    func workbench(_ name: String, _ namespace: String = "team") async throws -> Workbench {
        try await admin.api(Workbench.self, namespace: namespace).get(name)
    }

    func statefulSet(_ name: String, _ namespace: String = "team") async throws -> StatefulSet? {
        try await admin.api(StatefulSet.self, namespace: namespace).getIfExists(name)
    }

    /// The reasons of the Events about `name` (events.k8s.io/v1), oldest first.
    func eventReasons(about name: String, _ namespace: String = "team") async throws -> [String] {
        let events = try await admin.api(EventsV1Event.self, namespace: namespace).list()
        return events.items.filter { $0.regarding?.name == name }.compactMap(\.reason)
    }

    // MARK: Writes (as a platform team would, with kubectl)

    func create<T: KubernetesObject>(_ object: T) async throws {
        _ = try await admin.api(T.self, namespace: object.metadata.namespace).create(object)
    }

    func patchSpec<T: KubernetesObject>(_ type: T.Type, _ name: String, _ namespace: String?, _ spec: JSONValue)
        async throws
    {
        _ = try await admin.api(T.self, namespace: namespace).patch(name, .merge(["spec": spec]))
    }

    /// Class, tenant (namespace `team`), the credential Secret and the policy.
    func createBasics(tenant: Tenant = Samples.tenant(), workbenchClass: WorkbenchClass = Samples.workbenchClass())
        async throws
    {
        try await create(workbenchClass)
        try await create(tenant)
        try await eventually("the tenant's namespace exists") {
            try await admin.api(Namespace.self).getIfExists("team") != nil
        }
        var secret = Secret(metadata: ObjectMeta(name: "openai-key", namespace: "team"))
        secret.setData(Data("sk-test-not-real".utf8), forKey: "api-key")
        try await create(secret)
        try await create(Samples.policy())
    }

    func writesSnapshot() -> [String] { writes.entries.withLock { $0 } }
}

/// The controller's writes, as its client's request observer saw them.
final class WriteLog: Sendable {
    let entries = Mutex<[String]>([])
}

/// What the controller logged, as text (message, metadata, source).
final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])
    var all: String { lines.withLock { $0.joined(separator: "\n") } }
}

/// Records every log line into a ``LogCapture``; prints warnings and errors as before.
struct CapturingLogHandler: LogHandler {
    let label: String
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let line =
            "\(event.level) \(label) \(event.message) \(merged.map { "\($0)=\($1)" }.sorted().joined(separator: " "))"
            + (event.error.map { " error=\(String(describing: $0))" } ?? "")
        capture.lines.withLock { $0.append(line) }
        if event.level >= .warning { print(line) }
    }
}
