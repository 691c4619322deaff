import Foundation
import KubeClient
import KubeCore
import KubeModels
import KubeTestServer
import XCTest

@testable import KubeRuntime

/// The whole runtime against an API server: a toy controller that owns ConfigMaps.
final class ControllerE2ETests: XCTestCase {
    private func managerConfiguration(leaderElection: LeaderElectionConfiguration? = nil) -> ManagerConfiguration {
        ManagerConfiguration(
            leaderElection: leaderElection, probeAddress: .init(host: "127.0.0.1", port: 0),
            gracefulShutdownTimeout: .seconds(5), cacheSyncTimeout: .seconds(10))
    }

    private func waitForConfigMap(
        _ server: E2EServer, _ name: String, data: [String: String]
    ) async throws {
        try await eventually("ConfigMap \(name) to hold \(data)") {
            let stored = await server.cluster.stored(ConfigMap.resource)
            return stored.contains { o in
                o[path: ["metadata", "name"]]?.stringValue == name
                    && (o["data"]?.objectValue ?? [:]).compactMapValues(\.stringValue) == data
            }
        }
    }

    func testToyControllerConvergesAndAResyncWithoutChangesWritesNothing() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let manager = Manager(client: client, configuration: managerConfiguration())
        let reconciles = LockedList<String>()
        manager.add(ToyReconciler.builder(), reconciler: ToyReconciler(manager: manager, reconciles: reconciles))
        let run = Task { try await manager.run() }
        try await manager.waitUntilReady()

        let toys = client.api(Toy.self, namespace: "default")
        _ = try await toys.create(Toy(name: "one", data: ["greeting": "hello"]))
        try await waitForConfigMap(server, "toy-one", data: ["greeting": "hello"])
        try await eventually("Toy one to be Ready") {
            let toy = try await toys.get("one")
            return toy.status?.conditions?.isTrue("Ready") == true && toy.status?.observedGeneration == 1
                && Finalizers.contains(ToyReconciler.finalizer, in: toy)
        }
        let cm = try await client.api(ConfigMap.self, namespace: "default").get("toy-one")
        let owner = try await toys.get("one")
        XCTAssertTrue(OwnerReferences.isControlled(cm, by: owner))

        // A spec change reaches the ConfigMap.
        var changed = owner
        changed.spec = ToySpec(data: ["greeting": "bonjour"])
        _ = try await toys.update(changed)
        try await waitForConfigMap(server, "toy-one", data: ["greeting": "bonjour"])
        try await eventually("status to observe generation 2") {
            try await toys.get("one").status?.observedGeneration == 2
        }

        // A deleted child is recreated: its owner is reconciled.
        try await client.api(ConfigMap.self, namespace: "default").delete("toy-one")
        try await waitForConfigMap(server, "toy-one", data: ["greeting": "bonjour"])

        // Settle, then resync: every Toy is reconciled again, and nothing is written.
        try await Task.sleep(for: .milliseconds(300))
        server.resetRequestLog()
        let before = reconciles.count
        let toyCache = manager.caches.cache(for: Toy.self)
        toyCache.resync()
        try await eventually("the resync to reconcile") { reconciles.count > before }
        try await Task.sleep(for: .milliseconds(300))
        XCTAssertEqual(
            server.writes.map { "\($0.method) \($0.path)" }, [], "a resync with nothing to change must not write")

        // Deletion runs the finalizer, which removes the ConfigMap, and the Toy goes away.
        try await toys.delete("one")
        try await eventually("the Toy and its ConfigMap to be gone") {
            let cms = await server.cluster.stored(ConfigMap.resource)
            let remaining = await server.cluster.stored(Toy.resource)
            return cms.isEmpty && remaining.isEmpty
        }

        manager.shutdown()
        try await run.value
        await server.stop()
        try await client.shutdown()
    }

    func testTheControllerSurvivesTheServerRestarting() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let manager = Manager(client: client, configuration: managerConfiguration())
        let reconciles = LockedList<String>()
        manager.add(ToyReconciler.builder(), reconciler: ToyReconciler(manager: manager, reconciles: reconciles))
        let run = Task { try await manager.run() }
        try await manager.waitUntilReady()
        let toys = client.api(Toy.self, namespace: "default")
        _ = try await toys.create(Toy(name: "before", data: ["n": "1"]))
        try await waitForConfigMap(server, "toy-before", data: ["n": "1"])

        try await server.restart()
        _ = try await toys.create(Toy(name: "after", data: ["n": "2"]))
        try await waitForConfigMap(server, "toy-after", data: ["n": "2"])
        XCTAssertTrue(manager.isReady)

        manager.shutdown()
        try await run.value
        await server.stop()
        try await client.shutdown()
    }

    func testMetricsHealthAndReadinessEndpoints() async throws {
        let server = try await E2EServer.start()
        let metrics = RuntimeMetrics()
        let client = try server.client(observer: metrics.restClientObserver)
        let manager = Manager(client: client, configuration: managerConfiguration(), metrics: metrics)
        let reconciles = LockedList<String>()
        manager.add(ToyReconciler.builder(), reconciler: ToyReconciler(manager: manager, reconciles: reconciles))
        let run = Task { try await manager.run() }
        try await eventually("the probe port") { manager.probePort != nil }
        let base = "http://127.0.0.1:\(manager.probePort ?? 0)"
        try await manager.waitUntilReady()
        let ready = try await httpGet(base + "/readyz")
        XCTAssertEqual(ready.status, 200)
        let health = try await httpGet(base + "/healthz")
        XCTAssertEqual(health.status, 200)
        _ = try await client.api(Toy.self, namespace: "default").create(Toy(name: "m", data: [:]))
        try await eventually("a successful reconcile") {
            metrics.exposition().contains(#"controller_runtime_reconcile_total{controller="toy",result="success"}"#)
        }
        let text = try await httpGet(base + "/metrics").body
        for name in [
            "controller_runtime_reconcile_total", "controller_runtime_reconcile_errors_total",
            "controller_runtime_reconcile_time_seconds_bucket", "controller_runtime_max_concurrent_reconciles",
            "controller_runtime_active_workers", "workqueue_depth", "workqueue_adds_total",
            "workqueue_queue_duration_seconds_bucket", "workqueue_work_duration_seconds_bucket",
            "workqueue_retries_total", "rest_client_requests_total",
        ] {
            XCTAssertTrue(text.contains(name), "/metrics lacks \(name)")
        }
        XCTAssertTrue(text.contains(#"controller_runtime_max_concurrent_reconciles{controller="toy"} 2"#))
        XCTAssertTrue(text.contains(#"rest_client_requests_total{code="200",method="GET",host="#))
        let missing = try await httpGet(base + "/nope")
        XCTAssertEqual(missing.status, 404)
        manager.shutdown()
        try await run.value
        await server.stop()
        try await client.shutdown()
    }

    func testMetricsOnTheirOwnPortBesideTheProbes() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        var configuration = managerConfiguration()
        configuration.metricsAddress = .init(host: "127.0.0.1", port: 0)
        let manager = Manager(client: client, configuration: configuration)
        manager.add(ToyReconciler.builder(), reconciler: ToyReconciler(manager: manager, reconciles: LockedList()))
        let run = Task { try await manager.run() }
        try await eventually("both ports") { manager.probePort != nil && manager.metricsPort != nil }
        XCTAssertNotEqual(manager.probePort, manager.metricsPort)
        try await manager.waitUntilReady()
        let metrics = try await httpGet("http://127.0.0.1:\(manager.metricsPort ?? 0)/metrics")
        XCTAssertEqual(metrics.status, 200)
        XCTAssertTrue(metrics.body.contains("workqueue_depth"), metrics.body)
        let ready = try await httpGet("http://127.0.0.1:\(manager.probePort ?? 0)/readyz")
        XCTAssertEqual(ready.status, 200)
        manager.shutdown()
        try await run.value
        await server.stop()
        try await client.shutdown()
    }

    func testReadinessWaitsForCachesToSync() async throws {
        let server = try await E2EServer.start()
        // The first list of Toys fails twice, so the cache is not synced for a while.
        await server.cluster.injectFailure(
            pathSuffix: "/toys", .status(code: 403, reason: .forbidden, message: "not yet"))
        let client = try server.client()
        let manager = Manager(client: client, configuration: managerConfiguration())
        manager.add(ToyReconciler.builder(), reconciler: ToyReconciler(manager: manager, reconciles: LockedList()))
        XCTAssertEqual(manager.respond(method: .GET, path: "/readyz").status, .serviceUnavailable)
        let run = Task { try await manager.run() }
        try await eventually(timeout: .seconds(10), "readiness") { manager.isReady }
        XCTAssertEqual(manager.respond(method: .GET, path: "/readyz").status, .ok)
        manager.shutdown()
        try await run.value
        XCTAssertEqual(manager.respond(method: .GET, path: "/readyz").status, .serviceUnavailable)
        await server.stop()
        try await client.shutdown()
    }
}
