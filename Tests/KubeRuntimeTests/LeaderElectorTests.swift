import Foundation
import KubeClient
import KubeCore
import KubeModels
import KubeTestServer
import XCTest

@testable import KubeRuntime

/// Lease rules step by step, with a manual clock.
final class LeaderElectorTests: XCTestCase {
    private func elector(_ client: KubeClient, _ identity: String, _ clock: ManualClock) throws -> LeaderElector {
        try LeaderElector(
            client: client,
            configuration: LeaderElectionConfiguration(leaseName: "lock", namespace: "default", identity: identity),
            clock: clock)
    }

    func testACandidateTakesAnExpiredLeaseOnlyAfterItsOwnObservationOfExpiry() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let clock = ManualClock()
        let a = try elector(client, "a", clock)
        let b = try elector(client, "b", clock)
        let acquiredA = await a.tryAcquireOrRenew()
        XCTAssertTrue(acquiredA, "an absent lease is created")
        let heldByA = await b.tryAcquireOrRenew()
        XCTAssertFalse(heldByA)
        clock.advance(by: .seconds(10))
        let renewed = await a.tryAcquireOrRenew()
        XCTAssertTrue(renewed)
        let seenRenewal = await b.tryAcquireOrRenew()
        XCTAssertFalse(seenRenewal)
        clock.advance(by: .seconds(14))
        // 24 s since B first looked, but only 14 s since it saw the last renewal.
        let stillHeld = await b.tryAcquireOrRenew()
        XCTAssertFalse(stillHeld)
        clock.advance(by: .seconds(1))
        let taken = await b.tryAcquireOrRenew()
        XCTAssertTrue(taken, "15 s without a renewal: expired")
        let lease = try await client.api(Lease.self, namespace: "default").get("lock")
        XCTAssertEqual(lease.spec?.holderIdentity, "b")
        XCTAssertEqual(lease.spec?.leaseTransitions, 1)
        XCTAssertEqual(lease.spec?.leaseDurationSeconds, 15)
        XCTAssertEqual(lease.spec?.renewTime, lease.spec?.acquireTime)
        let lost = await a.tryAcquireOrRenew()
        XCTAssertFalse(lost, "the old holder cannot renew a lease it lost")
        await server.stop()
        try await client.shutdown()
    }

    func testReleaseClearsTheHolderSoASuccessorTakesOverAtOnce() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let clock = ManualClock()
        let a = try elector(client, "a", clock)
        let b = try elector(client, "b", clock)
        _ = await a.tryAcquireOrRenew()
        let blocked = await b.tryAcquireOrRenew()
        XCTAssertFalse(blocked)
        await a.release()
        let lease = try await client.api(Lease.self, namespace: "default").get("lock")
        XCTAssertNil(lease.spec?.holderIdentity)
        let taken = await b.tryAcquireOrRenew()
        XCTAssertTrue(taken, "no waiting for expiry after a release")
        await server.stop()
        try await client.shutdown()
    }

    func testConcurrentCandidatesNeverBothWin() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let clock = ManualClock()
        let candidates = try (0..<5).map { try elector(client, "c\($0)", clock) }
        let wins = await withTaskGroup(of: Bool.self) { group in
            for c in candidates { group.addTask { await c.tryAcquireOrRenew() } }
            var n = 0
            for await won in group where won { n += 1 }
            return n
        }
        XCTAssertEqual(wins, 1)
        await server.stop()
        try await client.shutdown()
    }

    func testTimingsAreValidated() {
        let bad = LeaderElectionConfiguration(
            leaseName: "l", namespace: "n", identity: "i", leaseDuration: .seconds(5), renewDeadline: .seconds(10))
        XCTAssertThrowsError(try bad.validate()) { error in
            XCTAssertTrue("\(error)".contains("must be longer than the renew deadline"), "\(error)")
        }
        XCTAssertNoThrow(try LeaderElectionConfiguration(leaseName: "l", namespace: "n").validate())
    }
}
