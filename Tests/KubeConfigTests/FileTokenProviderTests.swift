import Foundation
import XCTest

@testable import KubeConfig

final class FileTokenProviderTests: XCTestCase {
    func testCachesUntilTheIntervalThenRereads() async throws {
        let dir = try TempDir()
        let path = try dir.write("token", "one\n")
        let clock = TestClock()
        let provider = FileTokenProvider(path: path, refreshInterval: 60, now: clock.closure)

        let first = try await provider.token()
        XCTAssertEqual(first, "one")
        try dir.write("token", "two")
        clock.advance(59)
        let cached = try await provider.token()
        XCTAssertEqual(cached, "one", "re-read before the interval")
        clock.advance(1)
        let reread = try await provider.token()
        XCTAssertEqual(reread, "two")
    }

    func testInvalidateForcesAReread() async throws {
        let dir = try TempDir()
        let path = try dir.write("token", "one")
        let provider = FileTokenProvider(path: path, refreshInterval: 3600, now: TestClock().closure)
        _ = try await provider.token()
        try dir.write("token", "rotated")
        await provider.invalidate()
        let token = try await provider.token()
        XCTAssertEqual(token, "rotated")
    }

    func testRealClockWithShortInterval() async throws {
        let dir = try TempDir()
        let path = try dir.write("token", "one")
        let provider = FileTokenProvider(path: path, refreshInterval: 0.05)
        _ = try await provider.token()
        try dir.write("token", "two")
        try await Task.sleep(for: .milliseconds(120))
        let token = try await provider.token()
        XCTAssertEqual(token, "two")
    }

    func testKeepsTheLastTokenWhenTheFileBrieflyDisappears() async throws {
        let dir = try TempDir()
        let path = try dir.write("token", "kept")
        let clock = TestClock()
        let provider = FileTokenProvider(path: path, refreshInterval: 1, now: clock.closure)
        _ = try await provider.token()
        try FileManager.default.removeItem(atPath: path)
        clock.advance(5)
        let kept = try await provider.token()
        XCTAssertEqual(kept, "kept")
        try dir.write("token", "back")
        let back = try await provider.token()
        XCTAssertEqual(back, "back", "a failed re-read is retried on the next call")
    }

    func testErrorsWithoutAnyToken() async throws {
        let dir = try TempDir()
        let missing = FileTokenProvider(path: dir.file("none"))
        let missingError = await expectKubeConfigErrorAsync { try await missing.token() }
        XCTAssertEqual(missingError, .tokenFileMissing(path: dir.file("none")))

        let emptyPath = try dir.write("empty", " \n")
        let empty = FileTokenProvider(path: emptyPath)
        let emptyError = await expectKubeConfigErrorAsync { try await empty.token() }
        XCTAssertEqual(emptyError, .emptyTokenFile(path: emptyPath))

        let fallback = FileTokenProvider(path: dir.file("none"), fallbackToken: "static")
        let token = try await fallback.token()
        XCTAssertEqual(token, "static")
    }
}
