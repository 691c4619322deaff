import Foundation
import KubeClient
import KubeCore
import KubeModels
import KubeTestServer
import XCTest

@testable import KubeRuntime

/// Two managers on one cluster: one leads and reconciles; when it stops the other takes over.
final class LeaderElectionE2ETests: XCTestCase {
    private struct Replica {
        let manager: Manager
        let client: KubeClient
        let reconciles: LockedList<String>
        let run: Task<Void, any Error>
    }

    private func startReplica(_ server: E2EServer, identity: String, release: Bool = true) throws -> Replica {
        let client = try server.client()
        let election = LeaderElectionConfiguration(
            leaseName: "toy-controller", namespace: "default", identity: identity,
            leaseDuration: .seconds(2), renewDeadline: .milliseconds(1500), retryPeriod: .milliseconds(150),
            releaseOnCancel: release)
        let manager = Manager(
            client: client,
            configuration: ManagerConfiguration(
                leaderElection: election, probeAddress: nil, gracefulShutdownTimeout: .seconds(5),
                cacheSyncTimeout: .seconds(10)))
        let reconciles = LockedList<String>()
        manager.add(ToyReconciler.builder(), reconciler: ToyReconciler(manager: manager, reconciles: reconciles))
        let run = Task { try await manager.run() }
        return Replica(manager: manager, client: client, reconciles: reconciles, run: run)
    }

    func testOneOfTwoManagersLeadsAndTheOtherTakesOverAtOnceWhenItStops() async throws {
        let server = try await E2EServer.start()
        let a = try startReplica(server, identity: "replica-a")
        try await a.manager.waitUntilLeading()
        let b = try startReplica(server, identity: "replica-b")
        try await b.manager.waitUntilReady()

        let toys = a.client.api(Toy.self, namespace: "default")
        _ = try await toys.create(Toy(name: "led", data: ["by": "a"]))
        try await eventually("the leader to reconcile") { a.reconciles.items.contains("default/led") }
        try await Task.sleep(for: .milliseconds(400))
        XCTAssertTrue(a.manager.isLeader)
        XCTAssertFalse(b.manager.isLeader, "two leaders")
        XCTAssertEqual(b.reconciles.items, [], "only the leader reconciles")

        let lease = try await a.client.api(Lease.self, namespace: "default").get("toy-controller")
        XCTAssertEqual(lease.spec?.holderIdentity, "replica-a")
        XCTAssertEqual(lease.spec?.leaseDurationSeconds, 2)
        // MicroTime on the wire: six fractional digits.
        let raw = await server.cluster.stored(Lease.resource).first
        let renew = raw?[path: ["spec", "renewTime"]]?.stringValue ?? ""
        XCTAssertNotNil(
            renew.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"#, options: .regularExpression), renew)

        // A graceful stop releases the lease; B need not wait for it to expire.
        let stopped = ContinuousClock.now
        a.manager.shutdown()
        try await a.run.value
        let released = try await a.client.api(Lease.self, namespace: "default").get("toy-controller")
        XCTAssertTrue(released.spec?.holderIdentity == nil || released.spec?.holderIdentity == "replica-b")
        try await b.manager.waitUntilLeading()
        let takeover = ContinuousClock.now - stopped
        XCTAssertLessThan(takeover, .milliseconds(1500), "the successor waited for the lease to expire")

        _ = try await b.client.api(Toy.self, namespace: "default").create(Toy(name: "after", data: ["by": "b"]))
        try await eventually("the new leader to reconcile") { b.reconciles.items.contains("default/after") }
        let leaseB = try await b.client.api(Lease.self, namespace: "default").get("toy-controller")
        XCTAssertEqual(leaseB.spec?.holderIdentity, "replica-b")
        XCTAssertEqual(leaseB.spec?.leaseTransitions, 1)

        b.manager.shutdown()
        try await b.run.value
        await server.stop()
        try await a.client.shutdown()
        try await b.client.shutdown()
    }

    func testALeaderThatVanishesWithoutReleasingIsReplacedAfterTheLeaseExpires() async throws {
        let server = try await E2EServer.start()
        let a = try startReplica(server, identity: "replica-a", release: false)
        try await a.manager.waitUntilLeading()
        let b = try startReplica(server, identity: "replica-b")
        try await b.manager.waitUntilReady()
        a.manager.shutdown()
        try await a.run.value
        let stopped = ContinuousClock.now
        let held = try await b.client.api(Lease.self, namespace: "default").get("toy-controller")
        XCTAssertEqual(held.spec?.holderIdentity, "replica-a", "not released")
        try await b.manager.waitUntilLeading()
        XCTAssertGreaterThan(ContinuousClock.now - stopped, .milliseconds(1500), "took over before the lease expired")
        b.manager.shutdown()
        try await b.run.value
        await server.stop()
        try await a.client.shutdown()
        try await b.client.shutdown()
    }
}
