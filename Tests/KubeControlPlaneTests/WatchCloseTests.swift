import Foundation
import KubeClient
import KubeControlPlane
import KubeCore
import XCTest

/// A watch whose client goes away ends on the server at once, not at its next event or bookmark.
final class WatchCloseTests: XCTestCase {
    func testAClosedWatchIsNoticedWithoutAnotherWrite() async throws {
        var configuration = ControlPlane.Configuration(bookmarkInterval: .seconds(600))
        configuration.enableTestHooks = true
        let f = try await ControlPlaneFixture.attach(try await ControlPlane.start(configuration))
        let testing = try XCTUnwrap(f.controlPlane.testing)
        let api = f.configMaps()
        let watching = Task {
            for try await _ in api.watch(WatchOptions(resourceVersion: "1", timeoutSeconds: 600)) {}
        }
        try await waitUntil("the watch to be served") { testing.activeWatches == 1 }
        watching.cancel()
        _ = await watching.result
        try await waitUntil("the server to end the watch") { testing.activeWatches == 0 }
        await f.stop()
    }

    private func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while !condition() {
            if ContinuousClock.now > deadline {
                XCTFail("timed out waiting for \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
