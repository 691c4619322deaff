import Foundation
import KubeClient
import KubeConfig
import KubeCore
import KubeModels
import KubeRuntime
import KubeTestServer
import Logging
import Synchronization

struct ThroughputResult {
    var name: String
    var keys: Int
    var workers: Int
    var seconds: Double
    var keysPerSecond: Double { Double(keys) / seconds }
    var microsecondsPerKey: Double { seconds * 1e6 / Double(keys) }
}

/// The bare queue: add every key, then workers take and finish them.
func measureQueue(keys: Int, workers: Int) async -> ThroughputResult {
    let queue = WorkQueue<Int>()
    let done = AtomicCounter()
    let start = ContinuousClock.now
    for k in 0..<keys { queue.add(k) }
    await withTaskGroup(of: Void.self) { group in
        for _ in 0..<workers {
            group.addTask {
                while let key = await queue.next() {
                    queue.done(key)
                    if done.increment() == keys { queue.shutDown() }
                }
            }
        }
    }
    return ThroughputResult(
        name: "WorkQueue add→next→done", keys: keys, workers: workers,
        seconds: (ContinuousClock.now - start).inSeconds)
}

/// An atomic counter shareable between tasks.
final class AtomicCounter: Sendable {
    private let value = Atomic<Int>(0)
    /// Adds one and returns the new value.
    func increment() -> Int { value.wrappingAdd(1, ordering: .relaxed).newValue }
}

/// A no-op reconciler that opens a latch after `target` reconciles.
final class CountingReconciler: Reconciler {
    let target: Int
    let count = Atomic<Int>(0)
    let finished = Latch()

    init(target: Int) { self.target = target }

    func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
        if count.wrappingAdd(1, ordering: .relaxed).newValue == target { finished.open() }
        return .done
    }
}

/// The controller path: keys added to a running controller's queue, reconciled by a
/// no-op reconciler (with the controller's metrics, logger metadata and reconcile IDs).
func measureController(keys: Int, workers: Int) async throws -> ThroughputResult {
    let cluster = FakeCluster()
    let server = try await TestServer.start(handler: cluster.handler)
    let connection = ClusterConnection(
        server: server.baseURL, certificateAuthorityPEM: Array(server.caPEM.utf8), namespace: "default",
        origin: "benchmark")
    let client = try KubeClient(connection: connection)
    var logger = Logger(label: "bench")
    logger.logLevel = .warning
    let registry = CacheRegistry(client: client, defaultNamespace: "default", logger: logger)
    let reconciler = CountingReconciler(target: keys)
    let controller = Controller(
        ControllerBuilder(name: "bench", for: ConfigMap.self).maxConcurrentReconciles(workers),
        reconciler: reconciler, caches: registry, logger: logger)
    registry.start()
    let run = Task { try await controller.run() }
    try await registry.waitForSync(timeout: .seconds(30))
    // Let the workers reach the queue before timing.
    try await Task.sleep(for: .milliseconds(200))
    let start = ContinuousClock.now
    for k in 0..<keys { controller.queue.add(ObjectKey(namespace: "default", name: "cm-\(k)")) }
    try await reconciler.finished.wait()
    let elapsed = ContinuousClock.now - start
    controller.stop()
    _ = try await run.value
    await registry.stop()
    await server.shutdown()
    try await client.shutdown()
    return ThroughputResult(
        name: "Controller add→reconcile(no-op)→done", keys: keys, workers: workers, seconds: elapsed.inSeconds)
}

extension Duration {
    var inSeconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
