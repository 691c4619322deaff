import Foundation
import KubeClient
import KubeCore
import KubeModels
import XCTest

@testable import KubeRuntime

/// `Watches` with a mapping function and predicates on the primary kind.
final class ControllerSourcesTests: XCTestCase {
    struct Recorder: Reconciler {
        let log: LockedList<String>
        func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
            log.append(key.description)
            return .done
        }
    }

    func testWatchesMapsOtherKindsAndPredicatesFilterPrimaryEvents() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let manager = Manager(
            client: client, configuration: ManagerConfiguration(probeAddress: nil, cacheSyncTimeout: .seconds(10)))
        let log = LockedList<String>()
        manager.add(
            ControllerBuilder(name: "sources", for: Toy.self)
                .withPredicates(.generationChanged)
                .watches(ConfigMap.self) { cm in
                    cm.metadata.labels?["toy"].map { [ObjectKey(namespace: cm.metadata.namespace, name: $0)] } ?? []
                },
            reconciler: Recorder(log: log))
        let run = Task { try await manager.run() }
        try await manager.waitUntilLeading()

        let toys = client.api(Toy.self, namespace: "default")
        let toy = try await toys.create(Toy(name: "t", data: ["a": "1"]))
        try await eventually("the creation to be reconciled") { log.items == ["default/t"] }

        // A status-only change does not pass generationChanged.
        _ = try await toys.patchStatus("t", .merge(["status": ["observedGeneration": 1]]))
        try await Task.sleep(for: .milliseconds(300))
        XCTAssertEqual(log.items, ["default/t"])

        // A spec change does.
        var changed = try await toys.get("t")
        changed.spec = ToySpec(data: ["a": "2"])
        _ = try await toys.update(changed)
        try await eventually("the spec change to be reconciled") { log.count == 2 }

        // A ConfigMap naming the Toy in a label enqueues it through the mapping.
        _ = try await client.api(ConfigMap.self, namespace: "default").create(
            ConfigMap(metadata: ObjectMeta(name: "points-at-t", namespace: "default", labels: ["toy": "t"])))
        try await eventually("the mapped ConfigMap to enqueue the Toy") { log.count == 3 }
        XCTAssertEqual(log.items, ["default/t", "default/t", "default/t"])
        XCTAssertEqual(toy.metadata.generation, 1)

        manager.shutdown()
        try await run.value
        await server.stop()
        try await client.shutdown()
    }

    func testCoalescingWatchesReconcileOnceForABurst() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let manager = Manager(
            client: client, configuration: ManagerConfiguration(probeAddress: nil, cacheSyncTimeout: .seconds(10)))
        let log = LockedList<String>()
        manager.add(
            ControllerBuilder(name: "coalescing", for: Toy.self)
                .watches(ConfigMap.self, coalescing: .milliseconds(800)) { cm in
                    cm.metadata.labels?["toy"].map { [ObjectKey(namespace: cm.metadata.namespace, name: $0)] } ?? []
                },
            reconciler: Recorder(log: log))
        let run = Task { try await manager.run() }
        try await manager.waitUntilLeading()
        let configMaps = client.api(ConfigMap.self, namespace: "default")
        for i in 0..<10 {
            _ = try await configMaps.create(
                ConfigMap(metadata: ObjectMeta(name: "burst-\(i)", namespace: "default", labels: ["toy": "t"])))
        }
        try await eventually("the burst to be reconciled") { log.count >= 1 }
        // Ten events within the interval, one reconcile (a slow machine may split them in two).
        try await Task.sleep(for: .milliseconds(1200))
        XCTAssertLessThanOrEqual(log.count, 2, "\(log.items)")
        XCTAssertTrue(log.items.allSatisfy { $0 == "default/t" })

        manager.shutdown()
        try await run.value
        await server.stop()
        try await client.shutdown()
    }
}
