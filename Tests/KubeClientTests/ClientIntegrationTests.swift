import Foundation
import KubeClient
import KubeConfig
import KubeCore
import KubeModels
import KubeTestServer
import XCTest

/// The client against a real HTTPS server on loopback (TLS with a generated CA,
/// client-certificate and token authentication).
final class ClientIntegrationTests: XCTestCase {
    func testClientCertificateAuthenticatesAndIdentifiesTheUser() async throws {
        let f = try await ClusterFixture.start(clientCertificates: .required)
        defer { Task { await f.stop() } }
        try await withClient(try f.certificateConnection(user: "alice", groups: ["admins"])) { client in
            let version = try await client.serverVersion()
            XCTAssertEqual(version.gitVersion, "v1.33.0-fake")
            let review = try await client.dynamicApi(
                ResourceDescriptor(
                    group: "authentication.k8s.io", version: "v1", kind: "SelfSubjectReview",
                    plural: "selfsubjectreviews", namespaced: false)
            ).create(
                DynamicObject(["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview", "metadata": [:]]))
            XCTAssertEqual(review.raw[path: ["status", "userInfo", "username"]], "alice")
            XCTAssertEqual(review.raw[path: ["status", "userInfo", "groups"]], ["admins"])
        }
        await f.stop()
    }

    func testTokenAuthAndUnauthorizedIsTyped() async throws {
        let f = try await ClusterFixture.start(clientCertificates: .none)
        try await withClient(f.tokenConnection("good-token")) { client in
            _ = try await client.serverVersion()
        }
        do {
            try await withClient(f.tokenConnection("bad-token")) { client in
                _ = try await client.serverVersion()
            }
            XCTFail("expected 401")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.kind, .unauthorized)
            XCTAssertFalse(e.description.contains("bad-token"), "a token leaked into: \(e.description)")
            XCTAssertTrue(e.description.contains("credentials"), e.description)
        }
        XCTAssertEqual(f.server.requestCount(path: "/version"), 3, "one 401 retry after refreshing credentials")
        await f.stop()
    }

    func testTypedCRUDConflictAndUnknownFieldsSurviveUpdate() async throws {
        let f = try await ClusterFixture.start()
        // Stored with a field the ConfigMap model does not know.
        var seeded = configMap("settings", data: ["a": "1"])
        seeded["futureField"] = ["keep": true]
        await f.cluster.seed(seeded, resource: ClusterFixture.configMaps)

        try await withClient(try f.certificateConnection()) { client in
            let api = client.api(ConfigMap.self, namespace: "default")
            var cm = try await api.get("settings")
            XCTAssertEqual(cm.data?["a"], "1")
            let staleVersion = cm.metadata.resourceVersion

            cm.data?["b"] = "2"
            let updated = try await api.update(cm)
            XCTAssertEqual(updated.data, ["a": "1", "b": "2"])
            XCTAssertNotEqual(updated.metadata.resourceVersion, staleVersion)

            let raw = try await client.dynamicApi(ClusterFixture.configMaps, namespace: "default").get("settings")
            XCTAssertEqual(raw.raw["futureField"], ["keep": true], "update dropped a field the model does not know")

            // Writing with the stale resourceVersion is a conflict the caller can switch on.
            var stale = cm
            stale.metadata.resourceVersion = staleVersion
            stale.data?["c"] = "3"
            do {
                _ = try await api.update(stale)
                XCTFail("expected a conflict")
            } catch let e as KubeAPIError {
                XCTAssertTrue(e.isConflict, "\(e)")
            }

            var fresh = ConfigMap()
            fresh.metadata = ObjectMeta(name: "fresh", labels: ["app": "web"])
            fresh.data = ["k": "v"]
            let created = try await api.create(fresh)
            XCTAssertEqual(created.metadata.namespace, "default")
            XCTAssertNotNil(created.metadata.uid)
            do {
                _ = try await api.create(fresh)
                XCTFail("expected AlreadyExists")
            } catch let e as KubeAPIError {
                XCTAssertTrue(e.isAlreadyExists)
            }

            let patched = try await api.patch("fresh", .merge(["data": ["k": "patched"]]))
            XCTAssertEqual(patched.data?["k"], "patched")
            let jsonPatched = try await api.patch(
                "fresh",
                .json([
                    ["op": "test", "path": "/data/k", "value": "patched"],
                    ["op": "add", "path": "/data/n", "value": "1"],
                ]))
            XCTAssertEqual(jsonPatched.data?["n"], "1")

            var desired = ConfigMap()
            desired.metadata = ObjectMeta(name: "applied")
            desired.data = ["x": "y"]
            let applied = try await api.apply(desired, fieldManager: "astrolift-test")
            XCTAssertEqual(applied.data?["x"], "y")
            let applyRequest = f.server.requests.last { $0.path.hasSuffix("/configmaps/applied") }
            XCTAssertEqual(applyRequest?.query.first { $0.name == "fieldManager" }?.value, "astrolift-test")
            // The same apply, without decoding the answer: the object is written all the same.
            desired.data = ["x": "z"]
            try await api.applyDiscardingResult(desired, fieldManager: "astrolift-test")
            let reread = try await api.get("applied")
            XCTAssertEqual(reread.data?["x"], "z")

            let result = try await api.delete("fresh", options: DeleteOptions(propagationPolicy: .foreground))
            guard case .deleted = result else { return XCTFail("expected the object to be gone, got \(result)") }
            let gone = try await api.getIfExists("fresh")
            XCTAssertNil(gone)
            do {
                _ = try await api.get("fresh")
                XCTFail("expected NotFound")
            } catch let e as KubeAPIError {
                XCTAssertTrue(e.isNotFound)
                XCTAssertTrue(e.description.contains("not found"), e.description)
            }
        }
        await f.stop()
    }

    func testListPaginationFollowsContinueTokens() async throws {
        let f = try await ClusterFixture.start()
        for i in 0..<1234 {
            await f.cluster.seed(
                configMap(String(format: "cm-%04d", i), data: ["i": String(i)]), resource: ClusterFixture.configMaps)
        }
        try await withClient(try f.certificateConnection()) { client in
            let api = client.dynamicApi(ClusterFixture.configMaps, namespace: "default")
            f.server.resetRequestLog()
            let all = try await api.listAll(pageSize: 100)
            XCTAssertEqual(all.items.count, 1234)
            XCTAssertEqual(Set(all.items.compactMap(\.name)).count, 1234)
            XCTAssertEqual(all.items.first?.name, "cm-0000")
            XCTAssertEqual(all.items.last?.name, "cm-1233")
            XCTAssertNotNil(all.metadata.resourceVersion)
            XCTAssertEqual(f.server.requestCount(path: "/api/v1/namespaces/default/configmaps"), 13)

            // A continue token from before a compaction is 410 Gone, typed.
            let first = try await api.list(ListOptions(limit: 10))
            await f.cluster.seed(configMap("later"), resource: ClusterFixture.configMaps)
            await f.cluster.compactHistory()
            do {
                _ = try await api.list(ListOptions(limit: 10, continueToken: first.metadata.continue))
                XCTFail("expected 410")
            } catch let e as KubeAPIError {
                XCTAssertTrue(e.isGone, "\(e)")
            }
        }
        await f.stop()
    }

    func testWatchDeliversChangesBookmarksAndGone() async throws {
        let f = try await ClusterFixture.start()
        await f.cluster.seed(configMap("before"), resource: ClusterFixture.configMaps)
        try await withClient(try f.certificateConnection()) { client in
            let api = client.dynamicApi(ClusterFixture.configMaps, namespace: "default")
            let start = try await api.list()
            let rv = try XCTUnwrap(start.metadata.resourceVersion)

            let writer = Task {
                try await Task.sleep(for: .milliseconds(200))
                _ = try await api.create(DynamicObject(configMap("one")))
                _ = try await api.patch("one", .merge(["data": ["x": "1"]]))
                _ = try await api.delete("one")
            }
            var seen: [String] = []
            for try await event in api.watch(WatchOptions(resourceVersion: rv, timeoutSeconds: 5)) {
                switch event {
                case .bookmark: seen.append("BOOKMARK")
                default: seen.append("\(event.type) \(event.object?.name ?? "")")
                }
                if seen.contains("DELETED one") { break }
            }
            try await writer.value
            XCTAssertEqual(seen, ["BOOKMARK", "ADDED one", "MODIFIED one", "DELETED one"])

            await f.cluster.compactHistory()
            do {
                for try await _ in api.watch(WatchOptions(resourceVersion: rv, timeoutSeconds: 5)) {}
                XCTFail("expected 410 Gone")
            } catch let e as WatchErrorEvent {
                XCTAssertTrue(e.isGone)
            }
        }
        await f.stop()
    }
}
