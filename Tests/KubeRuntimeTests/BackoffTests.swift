import XCTest

@testable import KubeRuntime

final class BackoffTests: XCTestCase {
    private func at(_ seconds: Double) -> RuntimeInstant {
        RuntimeInstant(offset: .nanoseconds(Int64(seconds * 1e9)))
    }

    func testWatcherBackoffDoublesFrom800MillisecondsTo30Seconds() {
        var b = ExponentialBackoff(random: { 0 })
        let delays = (0..<8).map { i in b.next(now: at(Double(i))) }
        XCTAssertEqual(
            delays,
            [
                .milliseconds(800), .milliseconds(1600), .milliseconds(3200), .milliseconds(6400),
                .milliseconds(12800), .milliseconds(25600), .seconds(30), .seconds(30),
            ])
    }

    func testJitterStretchesEachDelayButNeverPastTheMaximum() {
        var b = ExponentialBackoff(random: { 1 })
        XCTAssertEqual(b.next(now: at(0)), .milliseconds(1200))
        XCTAssertEqual(b.next(now: at(1)), .milliseconds(2400))
        for i in 2..<10 { XCTAssertLessThanOrEqual(b.next(now: at(Double(i))), .seconds(30)) }
        var half = ExponentialBackoff(random: { 0.5 })
        XCTAssertEqual(half.next(now: at(0)), .milliseconds(1000))
    }

    func testBackoffStartsOverAfterAHealthyPeriod() {
        var b = ExponentialBackoff(random: { 0 })
        _ = b.next(now: at(0))
        _ = b.next(now: at(1))
        XCTAssertEqual(b.next(now: at(2)), .milliseconds(3200))
        // 119 s later: still the same failure streak.
        XCTAssertEqual(b.next(now: at(121)), .milliseconds(6400))
        // 120 s without a failure: healthy, start over.
        XCTAssertEqual(b.next(now: at(241)), .milliseconds(800))
        b.reset()
        XCTAssertEqual(b.next(now: at(242)), .milliseconds(800))
    }

    func testItemBackoffIs5MillisecondsDoublingTo1000SecondsPerKey() {
        var b = ItemBackoff<String>()
        XCTAssertEqual(b.next(for: "a"), .milliseconds(5))
        XCTAssertEqual(b.next(for: "a"), .milliseconds(10))
        XCTAssertEqual(b.next(for: "a"), .milliseconds(20))
        XCTAssertEqual(b.next(for: "b"), .milliseconds(5), "keys back off independently")
        XCTAssertEqual(b.failures(of: "a"), 3)
        for _ in 0..<20 { _ = b.next(for: "a") }
        XCTAssertEqual(b.next(for: "a"), .seconds(1000))
        for _ in 0..<100 { XCTAssertEqual(b.next(for: "a"), .seconds(1000), "no overflow however long it fails") }
        b.forget("a")
        XCTAssertEqual(b.failures(of: "a"), 0)
        XCTAssertEqual(b.next(for: "a"), .milliseconds(5), "a success resets the key")
    }

    func testManualClockWakesSleepersInDeadlineOrder() async throws {
        let clock = ManualClock()
        let woke = LockedList<Int>()
        let t1 = Task {
            try await clock.sleep(for: .seconds(2))
            woke.append(2)
        }
        let t2 = Task {
            try await clock.sleep(for: .seconds(1))
            woke.append(1)
        }
        let both = await clock.waitForSleepers(atLeast: 2)
        XCTAssertTrue(both)
        clock.advance(by: .milliseconds(999))
        XCTAssertEqual(clock.sleeperCount, 2)
        clock.advance(by: .milliseconds(1))
        try await t2.value
        XCTAssertEqual(woke.items, [1])
        clock.advance(by: .seconds(1))
        try await t1.value
        XCTAssertEqual(woke.items, [1, 2])
        let t3 = Task { try await clock.sleep(for: .seconds(5)) }
        let one = await clock.waitForSleepers(atLeast: 1)
        XCTAssertTrue(one)
        t3.cancel()
        do {
            try await t3.value
            XCTFail("a cancelled sleep throws")
        } catch is CancellationError {}
        XCTAssertEqual(clock.sleeperCount, 0)
    }
}
