import Foundation
import KubeClient
import KubeCore
import KubeModels
import KubeTestServer
import XCTest

@testable import KubeRuntime

/// Shared caches against an API server.
final class SharedCacheTests: XCTestCase {
    private func configMap(_ name: String, labels: [String: String] = [:]) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": [
                "name": .string(name), "namespace": "default", "labels": .object(labels.mapValues(JSONValue.string)),
                "managedFields": [["manager": "kubectl", "operation": "Apply"]],
            ],
            "data": ["k": .string(name)],
        ]
    }

    func testOneWatchPerKindAndSelectionHoweverManyAsk() async throws {
        let server = try await E2EServer.start()
        await server.cluster.seed(configMap("a", labels: ["app": "web"]), resource: ConfigMap.resource)
        await server.cluster.seed(configMap("b"), resource: ConfigMap.resource)
        let client = try server.client()
        let registry = CacheRegistry(client: client, defaultNamespace: "default")
        let first = registry.cache(for: ConfigMap.self)
        let second = registry.cache(for: ConfigMap.self)
        XCTAssertTrue(first === second)
        let selected = registry.cache(for: ConfigMap.self, options: CacheOptions(labelSelector: "app=web"))
        XCTAssertFalse(first === selected)
        let metadataOnly = registry.cache(for: PartialObjectMetadata<ConfigMap>.self)
        registry.start()
        try await registry.waitForSync(timeout: .seconds(10))
        XCTAssertTrue(registry.allSynced)
        XCTAssertEqual(first.store.keys().map(\.name).sorted(), ["a", "b"])
        XCTAssertEqual(selected.store.keys().map(\.name), ["a"], "the label selector reaches the server")
        XCTAssertEqual(metadataOnly.store.get(name: "a", namespace: "default")?.metadata.labels, ["app": "web"])
        // The default transform drops managedFields before caching.
        XCTAssertNil(first.store.get(name: "a", namespace: "default")?.metadata.managedFields)
        try await eventually("the watches to open") {
            server.requests.filter { $0.query.contains { $0.name == "watch" } }.count >= 3
        }
        let watches = server.requests.filter { r in
            r.path.hasSuffix("/configmaps") && r.query.contains { $0.name == "watch" }
        }
        XCTAssertEqual(watches.count, 3, "one watch per distinct cache, not per request for it")
        // A cache asked for after start starts at once.
        let late = registry.cache(for: ConfigMap.self, options: CacheOptions(fieldSelector: "metadata.name=b"))
        try await late.waitForSync(timeout: .seconds(10))
        XCTAssertEqual(late.store.keys().map(\.name), ["b"])
        await registry.stop()
        await server.stop()
        try await client.shutdown()
    }

    func testSubscribersGetTheCachedObjectsThenChanges() async throws {
        let server = try await E2EServer.start()
        await server.cluster.seed(configMap("a"), resource: ConfigMap.resource)
        let client = try server.client()
        let registry = CacheRegistry(client: client, defaultNamespace: "default")
        let cache = registry.cache(for: ConfigMap.self)
        registry.start()
        try await cache.waitForSync(timeout: .seconds(10))
        let seen = LockedList<String>()
        let subscription = cache.subscribe { seen.append("\($0.kind) \($0.object.name) \($0.origin)") }
        XCTAssertEqual(seen.items, ["added a initialList"])
        let api = client.api(ConfigMap.self, namespace: "default")
        _ = try await api.create(ConfigMap(metadata: ObjectMeta(name: "b", namespace: "default")))
        try await api.delete("a")
        try await eventually("two watch events") { seen.count >= 3 }
        XCTAssertEqual(seen.items, ["added a initialList", "added b watch", "deleted a watch"])
        subscription.cancel()
        _ = try await api.create(ConfigMap(metadata: ObjectMeta(name: "c", namespace: "default")))
        try await eventually("c cached") { cache.store.get(name: "c", namespace: "default") != nil }
        XCTAssertEqual(seen.count, 3, "a cancelled subscription receives nothing")
        await registry.stop()
        await server.stop()
        try await client.shutdown()
    }

    func testAResumeAfterHistoryWasCompactedRelistsAndReportsWhatWasMissed() async throws {
        let server = try await E2EServer.start()
        await server.cluster.seed(configMap("kept"), resource: ConfigMap.resource)
        await server.cluster.seed(configMap("removed"), resource: ConfigMap.resource)
        let client = try server.client()
        let registry = CacheRegistry(client: client, defaultNamespace: "default")
        var options = CacheOptions<ConfigMap>()
        options.watcher.backoff = ExponentialBackoff(initial: .milliseconds(5), maximum: .milliseconds(50))
        let cache = registry.cache(for: ConfigMap.self, options: options)
        let states = LockedList<WatcherState>()
        cache.observeWatcherState { states.append($0) }
        registry.start()
        try await cache.waitForSync(timeout: .seconds(10))
        let seen = LockedList<String>()
        let subscription = cache.subscribe { e in
            if e.origin != .initialList { seen.append("\(e.kind) \(e.object.name) \(e.origin)") }
        }
        // While the watch is cut, objects change and the server forgets the history.
        await server.pause()
        await server.cluster.seed(configMap("added"), resource: ConfigMap.resource)
        await server.cluster.remove(ConfigMap.resource, namespace: "default", name: "removed")
        await server.cluster.compactHistory()
        try await server.resume()
        try await eventually("the relist") { seen.count >= 2 }
        try await Task.sleep(for: .milliseconds(100))
        XCTAssertEqual(Set(seen.items), ["added added relist", "deleted removed relist"])
        XCTAssertEqual(cache.store.keys().map(\.name).sorted(), ["added", "kept"])
        XCTAssertTrue(states.items.contains(.empty), "410 took the watcher back to empty")
        subscription.cancel()
        await registry.stop()
        await server.stop()
        try await client.shutdown()
    }
}
