import Foundation
import KubeClient
import KubeCore
import KubeModels
import Logging
import ServiceLifecycle
import XCTest

@testable import KubeRuntime

/// Graceful shutdown: stop taking work, let in-flight reconciles finish within the grace period.
final class ManagerLifecycleTests: XCTestCase {
    /// A reconciler that takes `duration` for every key and reports how each run ended.
    struct SlowReconciler: Reconciler {
        let duration: Duration
        let log: LockedList<String>

        func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
            log.append("started \(key.name)")
            do {
                try await Task.sleep(for: duration)
            } catch {
                log.append("cancelled \(key.name)")
                throw error
            }
            log.append("finished \(key.name)")
            return .done
        }
    }

    private func manager(_ client: KubeClient, grace: Duration) -> Manager {
        Manager(
            client: client,
            configuration: ManagerConfiguration(
                probeAddress: nil, gracefulShutdownTimeout: grace, cacheSyncTimeout: .seconds(10)))
    }

    func testGracefulShutdownThroughServiceLifecycleLetsInFlightReconcilesFinish() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let manager = manager(client, grace: .seconds(5))
        let log = LockedList<String>()
        manager.add(
            ControllerBuilder(name: "slow", for: Toy.self),
            reconciler: SlowReconciler(duration: .milliseconds(400), log: log))
        let group = ServiceGroup(services: [manager], logger: Logger(label: "test"))
        let run = Task { try await group.run() }
        try await manager.waitUntilReady()
        _ = try await client.api(Toy.self, namespace: "default").create(Toy(name: "a", data: [:]))
        try await eventually("the reconcile to start") { log.items.contains("started a") }
        await group.triggerGracefulShutdown()
        // New work is no longer taken while the in-flight reconcile runs.
        _ = try? await client.api(Toy.self, namespace: "default").create(Toy(name: "b", data: [:]))
        try await run.value
        XCTAssertEqual(log.items, ["started a", "finished a"])
        XCTAssertFalse(manager.isReady)
        await server.stop()
        try await client.shutdown()
    }

    func testReconcilesStillRunningAfterTheGracePeriodAreCancelled() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let manager = manager(client, grace: .milliseconds(200))
        let log = LockedList<String>()
        manager.add(
            ControllerBuilder(name: "stuck", for: Toy.self),
            reconciler: SlowReconciler(duration: .seconds(60), log: log))
        let run = Task { try await manager.run() }
        try await manager.waitUntilReady()
        _ = try await client.api(Toy.self, namespace: "default").create(Toy(name: "a", data: [:]))
        try await eventually("the reconcile to start") { log.items.contains("started a") }
        let stopping = ContinuousClock.now
        manager.shutdown()
        try await run.value
        XCTAssertLessThan(ContinuousClock.now - stopping, .seconds(5))
        XCTAssertEqual(log.items, ["started a", "cancelled a"])
        await server.stop()
        try await client.shutdown()
    }

    func testTaskCancellationShutsTheManagerDown() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let manager = manager(client, grace: .seconds(1))
        manager.add(
            ControllerBuilder(name: "idle", for: Toy.self),
            reconciler: SlowReconciler(duration: .zero, log: LockedList()))
        let run = Task { try await manager.run() }
        try await manager.waitUntilLeading()
        run.cancel()
        try await run.value
        do {
            try await manager.run()
            XCTFail("a manager runs once")
        } catch let e as RuntimeError {
            XCTAssertEqual(e.kind, .configuration)
        }
        await server.stop()
        try await client.shutdown()
    }
}
