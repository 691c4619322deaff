import Synchronization
import XCTest

@testable import KubeRuntime

/// The queue with tasks and a manual clock.
final class WorkQueueTests: XCTestCase {
    func testNextWaitsForAnAdd() async {
        let q = WorkQueue<String>(clock: ManualClock())
        async let key = q.next()
        try? await Task.sleep(for: .milliseconds(20))
        q.add("a")
        let got = await key
        XCTAssertEqual(got, "a")
        XCTAssertEqual(q.processingCount, 1)
        q.done("a")
        XCTAssertEqual(q.processingCount, 0)
    }

    func testDelayedAddsBecomeReadyWhenTheClockReachesThem() async {
        let clock = ManualClock()
        let q = WorkQueue<String>(clock: clock)
        q.add("later", after: .seconds(10))
        q.add("sooner", after: .seconds(5))
        XCTAssertNil(q.tryNext())
        XCTAssertEqual(q.delayedCount, 2)
        let sleeping = await clock.waitForSleepers(atLeast: 1)
        XCTAssertTrue(sleeping)
        clock.advance(by: .seconds(5))
        let first = await q.next()
        XCTAssertEqual(first, "sooner")
        XCTAssertNil(q.tryNext())
        clock.advance(by: .seconds(5))
        let second = await q.next()
        XCTAssertEqual(second, "later")
    }

    func testRateLimitedRequeuesBackOffPerKeyAndForgetResets() async {
        let clock = ManualClock()
        let q = WorkQueue<String>(clock: clock)
        XCTAssertEqual(q.addRateLimited("a"), .milliseconds(5))
        XCTAssertEqual(q.addRateLimited("a"), .milliseconds(10))
        XCTAssertEqual(q.failures(of: "a"), 2)
        _ = await clock.waitForSleepers(atLeast: 1)
        clock.advance(by: .milliseconds(5))
        let key = await q.next()
        XCTAssertEqual(key, "a", "the earliest pending deadline applies")
        q.done("a")
        q.forget("a")
        XCTAssertEqual(q.addRateLimited("a"), .milliseconds(5))
    }

    func testShutDownReleasesWaitingWorkersAndIgnoresAdds() async {
        let q = WorkQueue<String>(clock: ManualClock())
        async let waiting = q.next()
        try? await Task.sleep(for: .milliseconds(20))
        q.shutDown()
        let got = await waiting
        XCTAssertNil(got)
        q.add("a")
        let after = await q.next()
        XCTAssertNil(after)
        XCTAssertTrue(q.isShuttingDown)
    }

    func testCancellingAWaitingWorkerReturnsNil() async {
        let q = WorkQueue<String>(clock: ManualClock())
        let task = Task { await q.next() }
        try? await Task.sleep(for: .milliseconds(20))
        task.cancel()
        let got = await task.value
        XCTAssertNil(got)
        q.add("a")
        XCTAssertEqual(q.tryNext(), "a", "the cancelled waiter did not swallow the key")
    }

    func testConcurrentWorkersNeverProcessTheSameKeyAtOnceAndMissNoAdd() async {
        let q = WorkQueue<Int>(clock: SystemClock())
        let active = Locked<Set<Int>>([])
        let overlaps = LockedCounter()
        let processed = Locked<[Int: Int]>([:])
        let keys = 20
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    while let key = await q.next() {
                        let clash = active.withLock { !$0.insert(key).inserted }
                        if clash { overlaps.increment() }
                        try? await Task.sleep(for: .microseconds(200))
                        active.withLock { _ = $0.remove(key) }
                        processed.withLock { $0[key, default: 0] += 1 }
                        q.done(key)
                    }
                }
            }
            group.addTask {
                for round in 0..<50 {
                    for key in 0..<keys { q.add(key, priority: round % 2 == 0 ? .high : .low) }
                    await Task.yield()
                }
                // Let the last adds drain, then stop.
                while q.depth > 0 || q.processingCount > 0 { try? await Task.sleep(for: .milliseconds(5)) }
                q.shutDown()
            }
        }
        XCTAssertEqual(overlaps.count, 0, "a key was processed by two workers at once")
        let counts = processed.withLock { $0 }
        XCTAssertEqual(Set(counts.keys), Set(0..<keys), "every key was processed")
        XCTAssertTrue(counts.values.allSatisfy { $0 >= 1 && $0 <= 50 }, "adds coalesce: \(counts)")
    }
}
