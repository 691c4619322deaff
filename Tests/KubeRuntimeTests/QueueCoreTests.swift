import XCTest

@testable import KubeRuntime

/// The queue's rules, step by step, with no tasks or real time.
final class QueueCoreTests: XCTestCase {
    private let t0 = RuntimeInstant(offset: .zero)
    private func at(_ ms: Int) -> RuntimeInstant { RuntimeInstant(offset: .milliseconds(ms)) }

    func testAKeyWaitsOnceHoweverOftenItIsAdded() {
        var q = QueueCore<String>()
        XCTAssertTrue(q.add("a", priority: .high, now: t0))
        XCTAssertFalse(q.add("a", priority: .high, now: t0))
        XCTAssertFalse(q.add("a", priority: .low, now: t0))
        q.add("b", priority: .high, now: t0)
        XCTAssertEqual(q.depth, 2)
        XCTAssertEqual(q.pop(now: t0)?.key, "a")
        XCTAssertEqual(q.pop(now: t0)?.key, "b")
        XCTAssertNil(q.pop(now: t0))
    }

    func testAKeyBeingProcessedIsNotHandedOutAgainUntilDone() {
        var q = QueueCore<String>()
        q.add("a", priority: .high, now: t0)
        XCTAssertEqual(q.pop(now: t0)?.key, "a")
        // Changes while processing mark the key dirty but do not queue it.
        XCTAssertTrue(q.add("a", priority: .high, now: at(1)))
        XCTAssertFalse(q.add("a", priority: .high, now: at(2)))
        XCTAssertEqual(q.depth, 0)
        XCTAssertNil(q.pop(now: at(3)), "no second worker gets the key")
        XCTAssertEqual(q.done("a", now: at(10)), .milliseconds(10))
        XCTAssertEqual(q.depth, 1, "done requeues the dirty key once")
        let next = q.pop(now: at(12))
        XCTAssertEqual(next?.key, "a")
        XCTAssertEqual(next?.waited, .milliseconds(11), "queue time counts from the first add")
        q.done("a", now: at(13))
        XCTAssertNil(q.pop(now: at(14)))
    }

    func testHighLaneFirstButLowLaneIsNotStarved() {
        var q = QueueCore<String>(fairness: 2)
        for i in 0..<3 { q.add("list-\(i)", priority: .low, now: t0) }
        for i in 0..<5 { q.add("live-\(i)", priority: .high, now: t0) }
        var order: [String] = []
        while let (key, _) = q.pop(now: t0) { order.append(key) }
        XCTAssertEqual(
            order, ["live-0", "live-1", "list-0", "live-2", "live-3", "list-1", "live-4", "list-2"])
    }

    func testAChangeArrivingBehindAnInitialListOvertakesIt() {
        var q = QueueCore<Int>()
        for i in 0..<10_000 { q.add(i, priority: .low, now: t0) }
        _ = q.pop(now: t0)
        q.add(-1, priority: .high, now: at(1))
        XCTAssertEqual(q.pop(now: at(1))?.key, -1, "the live change goes next, not after 10,000 list items")
    }

    func testAHighPriorityAddLiftsAKeyWaitingInTheLowLane() {
        var q = QueueCore<String>()
        q.add("a", priority: .low, now: t0)
        q.add("b", priority: .high, now: t0)
        q.add("a", priority: .high, now: t0)
        XCTAssertEqual(q.depth(.high), 2)
        XCTAssertEqual(q.depth(.low), 0)
        XCTAssertEqual(q.pop(now: t0)?.key, "b")
        XCTAssertEqual(q.pop(now: t0)?.key, "a")
        XCTAssertNil(q.pop(now: t0), "the stale low-lane entry is skipped")
    }

    func testDelayedAddsKeepTheEarliestDeadline() {
        var q = QueueCore<String>()
        XCTAssertTrue(q.add("a", after: .milliseconds(100), priority: .high, now: t0))
        XCTAssertFalse(q.add("a", after: .milliseconds(500), priority: .high, now: t0), "a later deadline is ignored")
        XCTAssertTrue(q.add("a", after: .milliseconds(50), priority: .high, now: t0), "an earlier one wins")
        XCTAssertEqual(q.delayedCount, 1)
        XCTAssertEqual(q.nextDeadline, at(50))
        XCTAssertEqual(q.promoteDue(now: at(49)), 0)
        XCTAssertNil(q.pop(now: at(49)))
        XCTAssertEqual(q.promoteDue(now: at(50)), 1)
        XCTAssertEqual(q.pop(now: at(50))?.key, "a")
        XCTAssertEqual(q.promoteDue(now: at(1000)), 0, "superseded timers do not fire again")
    }

    func testAnImmediateAddCancelsAPendingDelay() {
        var q = QueueCore<String>()
        q.add("a", after: .seconds(60), priority: .high, now: t0)
        q.add("a", priority: .high, now: at(1))
        XCTAssertEqual(q.delayedCount, 0)
        XCTAssertEqual(q.pop(now: at(1))?.key, "a")
        q.done("a", now: at(2))
        XCTAssertEqual(q.promoteDue(now: at(61_000)), 0)
        XCTAssertNil(q.pop(now: at(61_000)))
    }

    func testDelayedKeysAreProcessedInDeadlineOrder() {
        var q = QueueCore<String>()
        q.add("c", after: .milliseconds(30), priority: .high, now: t0)
        q.add("a", after: .milliseconds(10), priority: .high, now: t0)
        q.add("b", after: .milliseconds(20), priority: .high, now: t0)
        q.promoteDue(now: at(30))
        XCTAssertEqual([q.pop(now: at(30))?.key, q.pop(now: at(30))?.key, q.pop(now: at(30))?.key], ["a", "b", "c"])
    }
}
