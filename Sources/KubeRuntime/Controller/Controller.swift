import Foundation
import KubeCore
import Logging
import Synchronization

/// Runs a ``Reconciler`` for the keys its sources produce: subscribes to the caches of a
/// ``ControllerBuilder``, queues keys in a ``WorkQueue`` and runs up to
/// `maxConcurrentReconciles` workers, each taking one key at a time.
///
/// Usually created by ``Manager/add(_:reconciler:)``, which starts it once the caches
/// have synced and, with leader election, once this process leads.
public final class Controller: Sendable {
    /// The controller's name, in metrics and logs.
    public let name: String
    /// The keys waiting to be reconciled.
    public let queue: WorkQueue<ObjectKey>
    /// How many reconciles run at once.
    public let maxConcurrentReconciles: Int
    let sources: [BoundSource]
    let sourceDescriptions: [String]
    let reconciler: any Reconciler
    let clock: any RuntimeClock
    let logger: Logger
    let metrics: ControllerMetrics
    let cacheSyncTimeout: Duration
    private let subscriptions = Mutex<[CacheSubscription]>([])
    private let stopped = Latch()

    /// Binds `builder`'s sources to caches of `registry` (creating them as needed).
    public convenience init<Primary: KubernetesObject>(
        _ builder: ControllerBuilder<Primary>, reconciler: some Reconciler, caches registry: CacheRegistry,
        metrics: RuntimeMetrics = RuntimeMetrics(), cacheSyncTimeout: Duration = .seconds(120),
        logger: Logger = Logger(label: "kube.runtime.controller")
    ) {
        self.init(
            name: builder.name, sources: builder.sources, registry: registry, reconciler: reconciler,
            concurrency: builder.concurrency, queueConfiguration: builder.queueConfiguration, metrics: metrics,
            cacheSyncTimeout: cacheSyncTimeout, logger: logger)
    }

    init(
        name: String, sources: [ControllerSource], registry: CacheRegistry, reconciler: any Reconciler,
        concurrency: Int, queueConfiguration: WorkQueue<ObjectKey>.Configuration, metrics: RuntimeMetrics,
        cacheSyncTimeout: Duration, logger: Logger
    ) {
        self.name = name
        self.sources = sources.map { $0.bind(registry) }
        self.sourceDescriptions = sources.map(\.description)
        self.reconciler = reconciler
        self.maxConcurrentReconciles = max(1, concurrency)
        self.clock = registry.clock
        var logger = logger
        logger[metadataKey: "controller"] = "\(name)"
        self.logger = logger
        self.metrics = metrics.controller(name: name)
        self.cacheSyncTimeout = cacheSyncTimeout
        self.queue = WorkQueue(
            configuration: queueConfiguration, clock: registry.clock, metrics: metrics.workQueue(name: name))
    }

    /// Waits for the sources' caches, subscribes to them and reconciles until ``stop()``;
    /// returns once the last in-flight reconcile has finished.
    ///
    /// - Throws: ``RuntimeError`` (`cacheSyncTimeout`) if a cache does not sync in time.
    public func run() async throws {
        for source in sources {
            try await source.cache.waitForSync(timeout: cacheSyncTimeout)
        }
        if stopped.isOpen { return }
        let subs = sources.map { $0.subscribe(queue) }
        subscriptions.withLock { $0 = subs }
        defer { subs.forEach { $0.cancel() } }
        metrics.maxConcurrent.set(maxConcurrentReconciles)
        logger.info(
            "starting workers",
            metadata: [
                "workers": "\(maxConcurrentReconciles)", "sources": "\(sourceDescriptions.joined(separator: ", "))",
            ])
        await withDiscardingTaskGroup { group in
            for _ in 0..<maxConcurrentReconciles {
                group.addTask { await self.work() }
            }
        }
        logger.info("workers stopped")
    }

    /// Stops taking keys: queued keys are dropped, in-flight reconciles finish, and ``run()`` returns.
    public func stop() {
        stopped.open()
        queue.shutDown()
        subscriptions.withLock { $0 }.forEach { $0.cancel() }
    }

    private func work() async {
        while let key = await queue.next() {
            await reconcile(key)
            queue.done(key)
        }
    }

    private func reconcile(_ key: ObjectKey) async {
        let id = UUID.random().uuidString.lowercased()
        var log = logger
        log[metadataKey: "object"] = "\(key)"
        log[metadataKey: "reconcileID"] = "\(id)"
        let context = ReconcileContext(
            controller: name, reconcileID: id, retries: queue.failures(of: key), logger: log)
        metrics.activeWorkers.increment()
        let start = clock.now
        defer {
            metrics.activeWorkers.decrement()
            metrics.reconcileTime.recordNanoseconds((clock.now - start).nanosecondsClamped)
        }
        do {
            let result = try await reconciler.reconcile(key, context: context)
            queue.forget(key)
            switch result {
            case .done:
                metrics.success.increment()
            case .requeueAfter(let delay):
                metrics.requeueAfter.increment()
                queue.add(key, after: delay)
            }
        } catch let error as TerminalError {
            queue.forget(key)
            metrics.error.increment()
            metrics.errors.increment()
            metrics.terminalErrors.increment()
            log.error("reconcile failed permanently; not retrying until the object changes", error: error)
        } catch {
            metrics.error.increment()
            metrics.errors.increment()
            if queue.isShuttingDown && Task.isCancelled { return }
            let delay = queue.addRateLimited(key)
            log.error("reconcile failed; retrying", error: error, metadata: ["retryIn": "\(delay)"])
        }
    }
}
