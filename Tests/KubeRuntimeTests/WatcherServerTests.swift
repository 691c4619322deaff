import Foundation
import KubeClient
import KubeCore
import KubeModels
import KubeTestServer
import Logging
import XCTest

@testable import KubeRuntime

/// The watcher against a server that misbehaves on purpose: every event must arrive
/// exactly once, in order, and the cache must end up equal to the server's state.
final class WatcherServerTests: XCTestCase {
    typealias S = ScriptedAPI

    private let fastBackoff = ExponentialBackoff(
        initial: .milliseconds(1), maximum: .milliseconds(20), random: { 0 })

    private func watcher(_ api: ScriptedAPI, client: KubeClient) -> Watcher<ConfigMap> {
        Watcher(
            api: client.api(ConfigMap.self, namespace: "default"),
            configuration: WatcherConfiguration(watchTimeoutSeconds: 30, backoff: fastBackoff))
    }

    /// Collects the first `count` events of `watcher`.
    private func collect(_ watcher: Watcher<ConfigMap>, count: Int) async throws -> [String] {
        let events = LockedList<String>()
        let task = Task {
            await watcher.run { events.append(watcherSummary($0)) }
        }
        defer { task.cancel() }
        try await eventually(timeout: .seconds(10), "\(count) watcher events") { events.count >= count }
        // Nothing more should arrive: give stray duplicates a chance to show up.
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        await task.value
        return events.items
    }

    func testPaginatesTheListAndWatchesFromItsVersionWithBookmarks() async throws {
        let api = try await ScriptedAPI()
        api.onList { _ in S.list([("a", 5)], rv: 100, continue: "page2") }
        api.onList { _ in S.list([("b", 6)], rv: 101, continue: "page3") }
        api.onList { _ in S.list([("c", 7)], rv: 102) }
        api.onWatch { _ in .stream { w in try await w.write(S.bookmark(150) + S.event("ADDED", "d", 151)) } }
        let client = try KubeClient(connection: api.connection)
        let events = try await collect(watcher(api, client: client), count: 7)
        XCTAssertEqual(
            events,
            ["start", "page a", "page b", "page c", "done 100", "bookmark 150", "apply d@151"])
        let calls = api.calls
        XCTAssertEqual(calls.count, 5)  // three pages, the watch, and its resumption
        XCTAssertEqual(calls[0].query["limit"], "500")
        XCTAssertNil(calls[0].query["continue"])
        XCTAssertEqual(calls[1].query["continue"], "page2")
        XCTAssertEqual(calls[2].query["continue"], "page3")
        XCTAssertTrue(calls[3].watch)
        XCTAssertEqual(calls[3].query["resourceVersion"], "100", "the watch starts at the list's version")
        XCTAssertEqual(calls[3].query["allowWatchBookmarks"], "true")
        XCTAssertEqual(calls[3].query["timeoutSeconds"], "30")
        XCTAssertEqual(calls[4].query["resourceVersion"], "151", "the next watch resumes at the last event")
        await api.stop()
        try await client.shutdown()
    }

    func testADisconnectMidObjectResumesFromTheLastCompleteEvent() async throws {
        let api = try await ScriptedAPI()
        api.onList { _ in S.list([("a", 10)], rv: 10) }
        let modified = S.event("MODIFIED", "a", 12, data: String(repeating: "x", count: 5000))
        api.onWatch { _ in
            .stream { w in
                try await w.write(S.event("ADDED", "b", 11) + String(modified.prefix(2500)))
                try await Task.sleep(for: .milliseconds(20))
                await w.abort()
            }
        }
        api.onWatch { request in
            // The resumed watch must start after the last complete event, b@11.
            guard request.queryValue("resourceVersion") == "11" else {
                return .status(code: 400, reason: .badRequest, message: "resumed from the wrong version")
            }
            return .stream { w in
                try await w.write(modified + S.event("DELETED", "b", 13))
                await w.waitUntilClosed()
            }
        }
        let client = try KubeClient(connection: api.connection)
        let events = try await collect(watcher(api, client: client), count: 6)
        XCTAssertEqual(events, ["start", "page a", "done 10", "apply b@11", "apply a@12", "delete b@13"])
        XCTAssertEqual(api.calls.filter(\.watch).map { $0.query["resourceVersion"] }, ["10", "11"])
        await api.stop()
        try await client.shutdown()
    }

    func testBookmarksAndServerTimeoutsResumeWithoutRelistingOrBackoff() async throws {
        let api = try await ScriptedAPI()
        api.onList { _ in S.list([], rv: 10) }
        // The server ends each watch normally, as at its timeout.
        api.onWatch { _ in .stream { w in try await w.write(S.bookmark(50)) } }
        api.onWatch { _ in .stream { w in try await w.write(S.event("ADDED", "a", 51)) } }
        api.onWatch { _ in .stream { w in try await w.write(S.bookmark(60)) } }
        let client = try KubeClient(connection: api.connection)
        var w = watcher(api, client: client)
        let errors = LockedList<String>()
        w.onError = { error, _ in errors.append("\(error)") }
        let events = try await collect(w, count: 6)
        XCTAssertEqual(events, ["start", "page ", "done 10", "bookmark 50", "apply a@51", "bookmark 60"])
        let calls = api.calls
        XCTAssertEqual(calls.filter { !$0.watch }.count, 1, "no relist")
        XCTAssertEqual(calls.filter(\.watch).map { $0.query["resourceVersion"] }.prefix(4), ["10", "50", "51", "60"])
        XCTAssertEqual(errors.items, [], "a server timeout is not a failure")
        await api.stop()
        try await client.shutdown()
    }

    func testGoneMidStreamRelistsAndTheCacheEmitsExactlyTheMissedChanges() async throws {
        let api = try await ScriptedAPI()
        api.onList { _ in S.list([("a", 1), ("b", 2)], rv: 10) }
        api.onWatch { _ in
            .stream { w in try await w.write(S.event("ADDED", "c", 11) + S.event("MODIFIED", "a", 12) + S.gone) }
        }
        // Meanwhile on the server: b was deleted, d added, a changed again.
        api.onList { _ in S.list([("a", 18), ("c", 11), ("d", 15)], rv: 20) }
        api.onWatch { request in
            guard request.queryValue("resourceVersion") == "20" else {
                return .status(code: 400, reason: .badRequest, message: "watch must start at the relist's version")
            }
            return .stream { w in
                try await w.write(S.event("MODIFIED", "d", 21))
                await w.waitUntilClosed()
            }
        }
        let client = try KubeClient(connection: api.connection)
        var options = CacheOptions<ConfigMap>(namespace: "default")
        options.watcher.backoff = fastBackoff
        let cache = SharedCache(
            api: client.api(ConfigMap.self, namespace: "default"), options: options, clock: SystemClock(),
            logger: Logger(label: "test"))
        let seen = LockedList<String>()
        let subscription = cache.subscribe { e in
            seen.append("\(e.kind) \(e.object.name)@\(e.object.metadata.resourceVersion ?? "") \(e.origin)")
        }
        let task = Task { await cache.run() }
        try await eventually("the cache to apply d@21") {
            cache.store.get(name: "d", namespace: "default")?.metadata.resourceVersion == "21"
        }
        task.cancel()
        await task.value
        subscription.cancel()
        let all = seen.items
        // Within one delivery (a list or a relist) the order is that of a dictionary walk.
        XCTAssertEqual(Set(all.prefix(2)), ["added a@1 initialList", "added b@2 initialList"])
        XCTAssertEqual(Array(all.dropFirst(2).prefix(2)), ["added c@11 watch", "updated a@12 watch"])
        // The relist reports exactly what changed while the watch was broken.
        XCTAssertEqual(
            Set(all.dropFirst(4).prefix(3)), ["updated a@18 relist", "added d@15 relist", "deleted b@2 relist"])
        XCTAssertEqual(Array(all.dropFirst(7)), ["updated d@21 watch"])
        XCTAssertEqual(
            cache.store.list().map { "\($0.name)@\($0.metadata.resourceVersion ?? "")" }.sorted(),
            ["a@18", "c@11", "d@21"])
        await api.stop()
        try await client.shutdown()
    }

    func testListFailuresBackOffAndRetry() async throws {
        let api = try await ScriptedAPI()
        api.onList { _ in .status(code: 503, reason: .serviceUnavailable, message: "etcd is down") }
        api.onList { _ in S.list([("a", 1)], rv: 10) }
        let client = try KubeClient(
            connection: api.connection, configuration: .init(retry: RetryPolicy(maxAttempts: 1)))
        var w = watcher(api, client: client)
        let errors = LockedList<Duration>()
        w.onError = { _, delay in errors.append(delay) }
        let events = try await collect(w, count: 3)
        XCTAssertEqual(events, ["start", "page a", "done 10"])
        XCTAssertEqual(errors.items, [.milliseconds(1)])
        await api.stop()
        try await client.shutdown()
    }
}

private func watcherSummary(_ e: WatcherEvent<ConfigMap>) -> String {
    switch e {
    case .listStarted: return "start"
    case .listPage(let items): return "page \(items.map(\.name).joined(separator: ","))"
    case .listCompleted(let rv): return "done \(rv)"
    case .applied(let o): return "apply \(o.name)@\(o.metadata.resourceVersion ?? "")"
    case .deleted(let o): return "delete \(o.name)@\(o.metadata.resourceVersion ?? "")"
    case .bookmark(let rv): return "bookmark \(rv)"
    }
}
