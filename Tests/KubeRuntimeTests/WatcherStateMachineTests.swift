import KubeClient
import KubeCore
import KubeModels
import XCTest

@testable import KubeRuntime

/// The watcher's transitions, without a server.
final class WatcherStateMachineTests: XCTestCase {
    typealias Machine = WatcherStateMachine<ConfigMap>

    private func cm(_ name: String, _ rv: String) -> ConfigMap {
        ConfigMap(metadata: ObjectMeta(name: name, namespace: "default").with(resourceVersion: rv))
    }

    private func page(_ items: [ConfigMap], rv: String, next: String? = nil) -> ObjectList<ConfigMap> {
        ObjectList(metadata: ListMeta(resourceVersion: rv, continue: next), items: items)
    }

    private func summary(_ events: [WatcherEvent<ConfigMap>]) -> [String] {
        events.map { e in
            switch e {
            case .listStarted: return "start"
            case .listPage(let items): return "page \(items.map(\.name).joined(separator: ","))"
            case .listCompleted(let rv): return "done \(rv)"
            case .applied(let o): return "apply \(o.name)@\(o.metadata.resourceVersion ?? "")"
            case .deleted(let o): return "delete \(o.name)"
            case .bookmark(let rv): return "bookmark \(rv)"
            }
        }
    }

    func testPagedListThenWatchFromTheListVersion() {
        var m = Machine()
        XCTAssertEqual(m.state, .empty)
        XCTAssertEqual(m.nextStep, .list(continueToken: nil))
        let first = m.pageReceived(page([cm("a", "5")], rv: "10", next: "t1"))
        XCTAssertEqual(summary(first), ["start", "page a"])
        XCTAssertEqual(m.state, .listing(continueToken: "t1", resourceVersion: "10"))
        XCTAssertEqual(m.nextStep, .list(continueToken: "t1"))
        // Later pages carry their own versions; the list's version is the first page's.
        let last = m.pageReceived(page([cm("b", "7")], rv: "12"))
        XCTAssertEqual(summary(last), ["page b", "done 10"])
        XCTAssertEqual(m.state, .listed(resourceVersion: "10"))
        XCTAssertEqual(m.nextStep, .watch(resourceVersion: "10"))
        m.watchStarted()
        XCTAssertEqual(m.state, .watching(resourceVersion: "10"))
    }

    func testWatchEventsAndBookmarksAdvanceTheResumeVersion() {
        var m = Machine()
        _ = m.pageReceived(page([], rv: "10"))
        m.watchStarted()
        XCTAssertEqual(summary([m.received(.added(cm("a", "11")))]), ["apply a@11"])
        XCTAssertEqual(summary([m.received(.modified(cm("a", "12")))]), ["apply a@12"])
        XCTAssertEqual(summary([m.received(.bookmark(resourceVersion: "20"))]), ["bookmark 20"])
        XCTAssertEqual(m.state, .watching(resourceVersion: "20"))
        XCTAssertEqual(summary([m.received(.deleted(cm("a", "21")))]), ["delete a"])
        XCTAssertEqual(m.nextStep, .watch(resourceVersion: "21"))
    }

    func testServerTimeoutResumesFromTheLastVersionWithoutBackoff() {
        var m = Machine()
        _ = m.pageReceived(page([], rv: "10"))
        m.watchStarted()
        _ = m.received(.added(cm("a", "11")))
        XCTAssertEqual(m.watchEnded(), .init(backOff: false))
        XCTAssertEqual(m.nextStep, .watch(resourceVersion: "11"))
        // A watch that ends with nothing at all backs off, so a broken proxy cannot cause a hot loop.
        m.watchStarted()
        XCTAssertEqual(m.watchEnded(), .init(backOff: true))
        XCTAssertEqual(m.nextStep, .watch(resourceVersion: "11"))
    }

    func testDisconnectResumesFromTheLastVersionAfterBackoff() {
        var m = Machine()
        _ = m.pageReceived(page([], rv: "10"))
        m.watchStarted()
        _ = m.received(.added(cm("a", "11")))
        let cut = KubeClientError(.connection, "watch was cut")
        XCTAssertEqual(m.watchFailed(cut), .init(backOff: true))
        XCTAssertEqual(m.state, .watching(resourceVersion: "11"))
        XCTAssertEqual(m.nextStep, .watch(resourceVersion: "11"))
    }

    func testGoneRelistsAtOnceButBacksOffWhenRelistingDidNotHelp() {
        var m = Machine()
        _ = m.pageReceived(page([], rv: "10"))
        m.watchStarted()
        _ = m.received(.added(cm("a", "11")))
        let gone = WatchErrorEvent(status: Status(message: "too old resource version", reason: .expired, code: 410))
        XCTAssertEqual(m.watchFailed(gone), .init(backOff: false))
        XCTAssertEqual(m.state, .empty)
        XCTAssertEqual(m.nextStep, .list(continueToken: nil))
        XCTAssertEqual(summary(m.pageReceived(page([cm("a", "30")], rv: "30"))), ["start", "page a", "done 30"])
        m.watchStarted()
        // 410 straight after a fresh list: the server is not keeping up; do not hammer it.
        XCTAssertEqual(m.watchFailed(gone), .init(backOff: true))
        XCTAssertEqual(m.state, .empty)
    }

    func testAnExpiredContinueTokenRestartsTheList() {
        var m = Machine()
        _ = m.pageReceived(page([cm("a", "5")], rv: "10", next: "t1"))
        let expired = KubeAPIError(status: Status(message: "continue too old", reason: .expired, code: 410))
        XCTAssertEqual(m.listFailed(expired), .init(backOff: true))
        XCTAssertEqual(m.state, .empty)
        XCTAssertEqual(summary(m.pageReceived(page([cm("a", "5")], rv: "40"))), ["start", "page a", "done 40"])
    }

    func testOtherListFailuresRetryTheSamePage() {
        var m = Machine()
        _ = m.pageReceived(page([cm("a", "5")], rv: "10", next: "t1"))
        XCTAssertEqual(m.listFailed(KubeClientError(.connection, "refused")), .init(backOff: true))
        XCTAssertEqual(m.nextStep, .list(continueToken: "t1"))
    }
}

extension ObjectMeta {
    func with(resourceVersion: String) -> ObjectMeta {
        var copy = self
        copy.resourceVersion = resourceVersion
        return copy
    }
}
