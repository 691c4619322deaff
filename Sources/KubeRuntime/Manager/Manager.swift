import KubeClient
import KubeCore
import Logging
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// Runs a controller process: the shared caches, the controllers, leader election, the
/// `/metrics` `/healthz` `/readyz` endpoint and graceful shutdown.
///
/// ```swift
/// let metrics = RuntimeMetrics()
/// let client = try KubeClient(connection: connection,
///                             configuration: .init(requestObserver: metrics.restClientObserver))
/// let manager = Manager(client: client, configuration: .init(leaderElection: .init(
///     leaseName: "notebook-controller", namespace: "system")), metrics: metrics)
/// manager.add(ControllerBuilder(name: "notebook", for: Notebook.self).owns(ConfigMap.self),
///             reconciler: NotebookReconciler(...))
/// let group = ServiceGroup(services: [manager], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
/// try await group.run()
/// ```
///
/// Start-up: the endpoint listens, caches list and watch (in every replica, so a new
/// leader starts warm), `/readyz` turns 200 once every cache has synced, and the
/// controllers start, after winning the Lease when leader election is configured.
///
/// Shutdown (SIGTERM/SIGINT through swift-service-lifecycle, ``shutdown()``, or
/// cancellation): controllers stop taking keys, in-flight reconciles get
/// `gracefulShutdownTimeout` to finish and are then cancelled, the Lease is released so a
/// successor takes over at once, and the caches and endpoint stop. Losing the Lease also
/// shuts the manager down, and ``run()`` throws: the process should exit and be restarted.
public final class Manager: Service, Sendable {
    public let client: KubeClient
    public let configuration: ManagerConfiguration
    public let metrics: RuntimeMetrics
    /// The shared caches: ask here for the caches reconcilers read.
    public let caches: CacheRegistry
    let logger: Logger

    private struct State {
        var controllers: [Controller] = []
        var controllerTasks: [Task<Void, Never>] = []
        var recorders: [EventRecorder] = []
        var elector: LeaderElector?
        var started = false
        var controllersStarted = false
        var failure: (any Error)?
        var probePort: Int?
        var metricsPort: Int?
    }

    private let state = Mutex(State())
    private let stopRequested = Latch()
    private let synced = Latch()
    private let leading = Latch()

    public init(
        client: KubeClient, configuration: ManagerConfiguration = ManagerConfiguration(),
        metrics: RuntimeMetrics = RuntimeMetrics(), logger: Logger = Logger(label: "kube.runtime.manager")
    ) {
        self.client = client
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        caches = CacheRegistry(
            client: client, defaultNamespace: configuration.namespace, clock: configuration.clock, logger: logger)
    }

    /// Adds a controller built from `builder`; its caches are created now and synced before it starts.
    @discardableResult
    public func add<Primary: KubernetesObject>(
        _ builder: ControllerBuilder<Primary>, reconciler: some Reconciler
    ) -> Controller {
        let controller = Controller(
            builder, reconciler: reconciler, caches: caches, metrics: metrics,
            cacheSyncTimeout: configuration.cacheSyncTimeout, logger: logger)
        let startNow = state.withLock { s -> Bool in
            s.controllers.append(controller)
            return s.controllersStarted
        }
        if startNow { launch(controller) }
        return controller
    }

    /// An event recorder that the manager flushes and stops on shutdown.
    public func eventRecorder(_ configuration: EventRecorder.Configuration) -> EventRecorder {
        let recorder = EventRecorder(
            client: client, configuration: configuration, clock: self.configuration.clock, logger: logger)
        state.withLock { $0.recorders.append(recorder) }
        return recorder
    }

    /// Whether every cache has synced (what `/readyz` reports).
    public var isReady: Bool { synced.isOpen && !stopRequested.isOpen }
    /// Whether the controllers run here: leader election is off, or this replica leads.
    public var isLeader: Bool { leading.isOpen && !stopRequested.isOpen }
    /// The port of the HTTP endpoint once ``run()`` has bound it.
    public var probePort: Int? { state.withLock { $0.probePort } }
    /// The port of the separate metrics endpoint, when one is configured and bound.
    public var metricsPort: Int? { state.withLock { $0.metricsPort } }

    /// Waits until every cache has synced.
    public func waitUntilReady() async throws { try await synced.wait() }
    /// Waits until the controllers have been started here.
    public func waitUntilLeading() async throws { try await leading.wait() }

    /// Asks the manager to shut down gracefully; ``run()`` returns when it has.
    public func shutdown() {
        stopRequested.open()
    }

    /// Runs until shutdown; see the type's documentation for the sequence. Cancelling the
    /// task that runs it shuts down at once: in-flight reconciles are cancelled without a
    /// grace period (the Lease is still released).
    /// - Throws: ``RuntimeError`` for a cache that did not sync, lost leadership, or a
    ///   probe port that could not be bound.
    public func run() async throws {
        let first = state.withLock { s -> Bool in
            defer { s.started = true }
            return !s.started
        }
        guard first else {
            throw RuntimeError(.configuration, "Manager.run() was called twice; a manager runs once")
        }
        let probe = try await startProbe()
        let probeTask = probe.map { p in Task { await p.run() } }
        let metricsServer: ProbeServer?
        do {
            metricsServer = try await startMetrics()
        } catch {
            await probe?.close()
            probeTask?.cancel()
            throw error
        }
        let metricsTask = metricsServer.map { m in Task { await m.run() } }
        caches.start()
        let syncTask = Task {
            do {
                try await caches.waitForSync(timeout: configuration.cacheSyncTimeout)
                synced.open()
                MemoryTrim.afterBulkLoad()
                logger.info("caches synced", metadata: ["caches": "\(caches.caches.count)"])
                await trimWhenIdle()
            } catch is CancellationError {
            } catch {
                fail(error)
            }
        }
        let electorTask = try startLeaderElection()

        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                try? await stopRequested.wait()
            } onCancel: {
                self.shutdown()
            }
        } onGracefulShutdown: {
            self.shutdown()
        }

        logger.info("shutting down")
        syncTask.cancel()
        await stopControllers()
        // Only now, with no reconcile running here, may a successor start: release the Lease.
        electorTask?.cancel()
        _ = await electorTask?.result
        await caches.stop()
        for recorder in state.withLock({ $0.recorders }) { await recorder.shutdown() }
        await probe?.close()
        probeTask?.cancel()
        _ = await probeTask?.value
        await metricsServer?.close()
        metricsTask?.cancel()
        _ = await metricsTask?.value
        logger.info("stopped")
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }

    /// Returns free heap to the system each time the controllers go from busy to idle
    /// (every queue empty, no reconcile running), checked every two seconds.
    private func trimWhenIdle() async {
        var wasBusy = false
        while !Task.isCancelled {
            do { try await Task.sleep(for: .seconds(2)) } catch { return }
            let busy = state.withLock { s in
                s.controllers.contains { $0.queue.depth > 0 || $0.queue.processingCount > 0 }
            }
            if wasBusy && !busy { MemoryTrim.afterBulkLoad() }
            wasBusy = busy
        }
    }

    private func fail(_ error: any Error) {
        state.withLock { s in
            if s.failure == nil { s.failure = error }
        }
        logger.error("manager failed; shutting down", error: error)
        shutdown()
    }

    private func startProbe() async throws -> ProbeServer? {
        guard let address = configuration.probeAddress else { return nil }
        let server = try await ProbeServer.bind(host: address.host, port: address.port) { [weak self] method, path in
            guard let self else { return .init(status: .serviceUnavailable, contentType: "text/plain", body: "") }
            return self.respond(method: method, path: path)
        }
        state.withLock { $0.probePort = server.port }
        logger.info("serving /metrics, /healthz and /readyz", metadata: ["port": "\(server.port)"])
        return server
    }

    private func startMetrics() async throws -> ProbeServer? {
        guard let address = configuration.metricsAddress else { return nil }
        let server = try await ProbeServer.bind(host: address.host, port: address.port) { [weak self] method, path in
            guard let self else { return .init(status: .serviceUnavailable, contentType: "text/plain", body: "") }
            return self.respond(method: method, path: path)
        }
        state.withLock { $0.metricsPort = server.port }
        logger.info("serving /metrics", metadata: ["port": "\(server.port)"])
        return server
    }

    func respond(method: HTTPMethod, path: String) -> ProbeServer.Response {
        switch path {
        case "/metrics":
            return .init(
                status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics.exposition())
        case "/healthz", "/livez":
            return .init(status: .ok, contentType: "text/plain; charset=utf-8", body: "ok")
        case "/readyz":
            if isReady { return .init(status: .ok, contentType: "text/plain; charset=utf-8", body: "ok") }
            let waiting = caches.caches.filter { !$0.hasSynced }.map(\.cacheDescription)
            let body =
                stopRequested.isOpen
                ? "shutting down" : "waiting for caches to sync: \(waiting.joined(separator: ", "))"
            return .init(status: .serviceUnavailable, contentType: "text/plain; charset=utf-8", body: body)
        default:
            return .init(status: .notFound, contentType: "text/plain; charset=utf-8", body: "not found")
        }
    }

    private func startLeaderElection() throws -> Task<Void, Never>? {
        guard let election = configuration.leaderElection else {
            startControllers()
            return nil
        }
        let elector = try LeaderElector(
            client: client, configuration: election, clock: configuration.clock, metrics: metrics, logger: logger)
        state.withLock { $0.elector = elector }
        return Task {
            do {
                try await elector.run(
                    onStartedLeading: { self.startControllers() },
                    onStoppedLeading: {})
            } catch is CancellationError {
            } catch {
                fail(error)
            }
        }
    }

    private func startControllers() {
        let controllers = state.withLock { s -> [Controller]? in
            guard !s.controllersStarted else { return nil }
            s.controllersStarted = true
            return s.controllers
        }
        guard let controllers, !stopRequested.isOpen else { return }
        leading.open()
        for controller in controllers { launch(controller) }
    }

    private func launch(_ controller: Controller) {
        let task = Task {
            do {
                try await controller.run()
            } catch is CancellationError {
                // Cancelled by shutdown: not a failure.
            } catch {
                fail(error)
            }
        }
        state.withLock { $0.controllerTasks.append(task) }
    }

    /// Stops every controller and waits for in-flight reconciles, cancelling them after the grace period.
    private func stopControllers() async {
        let (controllers, tasks) = state.withLock { s in
            s.controllersStarted = true  // no controller starts from now on
            return (s.controllers, s.controllerTasks)
        }
        for c in controllers { c.stop() }
        let finished = Latch()
        let watcher = Task {
            for t in tasks { await t.value }
            finished.open()
        }
        let inTime =
            (try? await finished.wait(timeout: configuration.gracefulShutdownTimeout, clock: configuration.clock))
            ?? false
        if !inTime {
            logger.warning(
                "in-flight reconciles did not finish within \(configuration.gracefulShutdownTimeout); cancelling them")
            for t in tasks { t.cancel() }
        }
        await watcher.value
    }
}
