import Foundation
import KubeClient
import KubeCore
import KubeModels
import KubeTestServer
import XCTest

@testable import KubeRuntime

final class EventRecorderTests: XCTestCase {
    private let regarding = ObjectReference(
        apiVersion: "toys.example.com/v1", kind: "Toy", name: "t", namespace: "default", uid: "uid-t")

    func testRepeatsAreAggregatedIntoOneEventWithASeries() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let clock = ManualClock()
        let recorder = EventRecorder(
            client: client, configuration: .init(reportingController: "example.com/toy", reportingInstance: "pod-1"),
            clock: clock)
        recorder.record(.warning, reason: "Failed", action: "Reconcile", note: "boom", regarding: regarding)
        clock.advance(by: .seconds(10))
        recorder.record(.warning, reason: "Failed", action: "Reconcile", note: "boom", regarding: regarding)
        clock.advance(by: .seconds(10))
        recorder.record(.warning, reason: "Failed", action: "Reconcile", note: "boom", regarding: regarding)
        recorder.record(.normal, reason: "Applied", action: "Apply", note: "ok", regarding: regarding)
        await recorder.flush()
        let stored = await server.cluster.stored(EventsV1Event.resource)
        XCTAssertEqual(stored.count, 2, "three repeats make one event, plus the different one")
        let failed = try XCTUnwrap(stored.first { $0["reason"]?.stringValue == "Failed" })
        XCTAssertEqual(failed[path: ["series", "count"]]?.intValue, 3)
        XCTAssertEqual(failed["reportingController"]?.stringValue, "example.com/toy")
        XCTAssertEqual(failed["reportingInstance"]?.stringValue, "pod-1")
        XCTAssertEqual(failed[path: ["regarding", "uid"]]?.stringValue, "uid-t")
        let eventTime = failed["eventTime"]?.stringValue ?? ""
        XCTAssertNotNil(eventTime.range(of: #"\.\d{6}Z$"#, options: .regularExpression), eventTime)
        XCTAssertEqual(recorder.statistics.created, 2)
        XCTAssertEqual(recorder.statistics.updated, 2)

        // Past the series window, a repeat starts a new event.
        clock.advance(by: .seconds(400))
        recorder.record(.warning, reason: "Failed", action: "Reconcile", note: "boom", regarding: regarding)
        await recorder.flush()
        let after = await server.cluster.stored(EventsV1Event.resource)
        XCTAssertEqual(after.count, 3)
        await recorder.shutdown()
        await server.stop()
        try await client.shutdown()
    }

    func testACrashLoopCannotFloodTheAPI() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let clock = ManualClock()
        let recorder = EventRecorder(
            client: client,
            configuration: .init(
                reportingController: "example.com/toy", reportingInstance: "pod-1", burst: 5,
                refillInterval: .seconds(60)),
            clock: clock)
        server.resetRequestLog()
        for i in 0..<200 {
            recorder.record(.warning, reason: "Failed", action: "Reconcile", note: "attempt \(i)", regarding: regarding)
        }
        await recorder.flush()
        XCTAssertEqual(server.writes.count, 5, "the burst, then nothing")
        XCTAssertEqual(recorder.statistics.dropped, 195)
        let stored = await server.cluster.stored(EventsV1Event.resource)
        XCTAssertEqual(stored.count, 5, "events of one instant get distinct names")
        XCTAssertEqual(recorder.statistics.failed, 0)
        clock.advance(by: .seconds(60))
        recorder.record(.warning, reason: "Failed", action: "Reconcile", note: "later", regarding: regarding)
        await recorder.flush()
        XCTAssertEqual(server.writes.count, 6, "one token refilled")
        // Another object has its own bucket.
        var other = regarding
        other.uid = "uid-other"
        other.name = "other"
        recorder.record(.normal, reason: "Applied", action: "Apply", note: "ok", regarding: other)
        await recorder.flush()
        XCTAssertEqual(server.writes.count, 7)
        await recorder.shutdown()
        await server.stop()
        try await client.shutdown()
    }

    func testFallsBackToCoreV1EventsWhenEventsV1IsNotServed() async throws {
        let resources = E2EServer.resources.filter { $0.group != "events.k8s.io" }
        let server = try await E2EServer.start(resources: resources)
        let client = try server.client()
        let recorder = EventRecorder(
            client: client, configuration: .init(reportingController: "example.com/toy", reportingInstance: "pod-1"),
            clock: ManualClock())
        recorder.record(.normal, reason: "Applied", action: "Apply", note: "first", regarding: regarding)
        recorder.record(.normal, reason: "Applied", action: "Apply", note: "first", regarding: regarding)
        await recorder.flush()
        let stored = await server.cluster.stored(Event.resource)
        XCTAssertEqual(stored.count, 1)
        XCTAssertEqual(stored.first?["count"]?.intValue, 2)
        XCTAssertEqual(stored.first?[path: ["involvedObject", "name"]]?.stringValue, "t")
        XCTAssertEqual(stored.first?["message"]?.stringValue, "first")
        XCTAssertTrue(recorder.statistics.usingCoreV1)
        XCTAssertEqual(recorder.statistics.failed, 0)
        await recorder.shutdown()
        await server.stop()
        try await client.shutdown()
    }

    func testTokenBucketAndAggregatorRules() {
        let t0 = RuntimeInstant(offset: .zero)
        var bucket = TokenBucket(capacity: 2, refillInterval: .seconds(10), now: t0)
        XCTAssertTrue(bucket.take(now: t0))
        XCTAssertTrue(bucket.take(now: t0))
        XCTAssertFalse(bucket.take(now: t0 + .seconds(5)))
        XCTAssertTrue(bucket.take(now: t0 + .seconds(10)))
        var aggregator = EventAggregator(burst: 2, refillInterval: .seconds(100), seriesWindow: .seconds(360))
        let key = EventAggregator.Key(regarding: "u", type: "Warning", reason: "R", action: "A", note: "n", related: "")
        var names = 0
        let makeName = { () -> String in
            names += 1
            return "e\(names)"
        }
        XCTAssertEqual(aggregator.occurrence(key, now: t0, makeName: makeName), .create(name: "e1", count: 1))
        XCTAssertEqual(aggregator.occurrence(key, now: t0, makeName: makeName), .update(name: "e1", count: 2))
        XCTAssertEqual(aggregator.occurrence(key, now: t0, makeName: makeName), .drop)
        // The dropped occurrence is still counted: the next write carries it.
        XCTAssertEqual(
            aggregator.occurrence(key, now: t0 + .seconds(100), makeName: makeName), .update(name: "e1", count: 4))
    }
}
