import XCTest

@testable import KubeClient

final class RetryPolicyTests: XCTestCase {
    func testDelaysGrowExponentiallyWithJitterAndAreCapped() {
        let p = RetryPolicy(maxAttempts: 10, initialDelay: .milliseconds(100), maxDelay: .seconds(1))
        for _ in 0..<50 {
            let first = p.delay(afterAttempt: 1)
            XCTAssertGreaterThanOrEqual(first, .milliseconds(50))
            XCTAssertLessThanOrEqual(first, .milliseconds(100))
            let third = p.delay(afterAttempt: 3)
            XCTAssertGreaterThanOrEqual(third, .milliseconds(200))
            XCTAssertLessThanOrEqual(third, .milliseconds(400))
            let late = p.delay(afterAttempt: 9)
            XCTAssertLessThanOrEqual(late, .seconds(1))
            XCTAssertGreaterThanOrEqual(late, .milliseconds(500))
        }
    }

    func testRetryAfterIsHonouredAndCapped() {
        let p = RetryPolicy(maxRetryAfter: .seconds(30))
        XCTAssertEqual(p.delay(afterAttempt: 1, retryAfter: .seconds(3)), .seconds(3))
        XCTAssertEqual(p.delay(afterAttempt: 1, retryAfter: .seconds(300)), .seconds(30))
        XCTAssertEqual(RetryPolicy.parseRetryAfter("7"), .seconds(7))
        XCTAssertNil(RetryPolicy.parseRetryAfter("soon"))
    }
}
