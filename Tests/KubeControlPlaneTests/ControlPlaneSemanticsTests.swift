import Foundation
import KubeClient
import KubeControlPlane
import KubeCore
import XCTest

/// API semantics of the embedded control plane, driven through our client.
final class ControlPlaneSemanticsTests: XCTestCase {
    func testCreateGetUpdateConflictAndNoOpWrites() async throws {
        let f = try await ControlPlaneFixture.start()
        let api = f.configMaps()
        let created = try await api.create(ControlPlaneFixture.configMap("a", ["k": "v"]))
        XCTAssertNotNil(created.uid)
        XCTAssertNotNil(created.raw[path: ["metadata", "creationTimestamp"]])
        let rv = try XCTUnwrap(created.resourceVersion)

        var changed = created
        changed.raw["data"] = ["k": "v2"]
        let updated = try await api.update(changed)
        XCTAssertNotEqual(updated.resourceVersion, rv)

        // The old resourceVersion is stale now.
        do {
            _ = try await api.update(changed)
            XCTFail("expected 409")
        } catch let e as KubeAPIError {
            XCTAssertTrue(e.isConflict, "\(e)")
            XCTAssertTrue(e.status.message?.contains("the object has been modified") == true)
        }
        // A write that changes nothing keeps the resourceVersion.
        let again = try await api.patch("a", .merge(["data": ["k": "v2"]]))
        XCTAssertEqual(again.resourceVersion, updated.resourceVersion)

        do {
            _ = try await api.create(ControlPlaneFixture.configMap("a"))
            XCTFail("expected AlreadyExists")
        } catch let e as KubeAPIError {
            XCTAssertTrue(e.isAlreadyExists)
            XCTAssertEqual(e.status.message, "configmaps \"a\" already exists")
        }
        let generated = try await api.create(
            DynamicObject(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["generateName": "gen-"]]))
        XCTAssertTrue(generated.name?.hasPrefix("gen-") == true && generated.name?.count == 9, generated.name ?? "")
        await f.stop()
    }

    func testInvalidNamesAndLabelsAre422WithFieldPaths() async throws {
        let f = try await ControlPlaneFixture.start()
        do {
            _ = try await f.configMaps().create(ControlPlaneFixture.configMap("Bad_Name", labels: ["ok": "not ok!"]))
            XCTFail("expected 422")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.code, 422)
            let fields = e.status.details?.causes?.compactMap(\.field) ?? []
            XCTAssertTrue(fields.contains("metadata.name"), "\(fields)")
            XCTAssertTrue(fields.contains("metadata.labels"), "\(fields)")
            XCTAssertTrue(
                e.status.message?.hasPrefix(
                    "ConfigMap \"Bad_Name\" is invalid: [metadata.name: Invalid value: \"Bad_Name\"") == true,
                e.status.message ?? "")
        }
        do {
            _ = try await f.client.dynamicApi(ControlPlaneFixture.configMaps, namespace: "missing").create(
                ControlPlaneFixture.configMap("x"))
            XCTFail("expected namespace not found")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.status.message, "namespaces \"missing\" not found")
        }
        await f.stop()
    }

    func testFinalizersHoldDeletionUntilRemoved() async throws {
        let f = try await ControlPlaneFixture.start()
        let api = f.configMaps()
        var cm = ControlPlaneFixture.configMap("held")
        cm.raw[path: ["metadata", "finalizers"]] = ["example.com/hold"]
        _ = try await api.create(cm)
        let result = try await api.delete("held")
        guard case .pending(let pending) = result else { return XCTFail("expected the object back, got \(result)") }
        XCTAssertNotNil(pending.raw[path: ["metadata", "deletionTimestamp"]])
        let stillThere = try await api.get("held")
        XCTAssertNotNil(stillThere.raw[path: ["metadata", "deletionTimestamp"]])
        _ = try await api.patch("held", .merge(["metadata": ["finalizers": nil]]))
        let gone = try await api.getIfExists("held")
        XCTAssertNil(gone)
        await f.stop()
    }

    func testGarbageCollectionWithEachPropagationPolicy() async throws {
        let f = try await ControlPlaneFixture.start()
        let api = f.configMaps()
        func ownedPair(_ owner: String) async throws -> String {
            let o = try await api.create(ControlPlaneFixture.configMap(owner))
            var child = ControlPlaneFixture.configMap("\(owner)-child")
            child.raw[path: ["metadata", "ownerReferences"]] = [
                [
                    "apiVersion": "v1", "kind": "ConfigMap", "name": .string(owner), "uid": .string(o.uid ?? ""),
                    "controller": true,
                ]
            ]
            _ = try await api.create(child)
            return o.uid ?? ""
        }
        func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
            for _ in 0..<100 {
                if try await condition() { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            XCTFail("timed out waiting for \(what)")
        }
        _ = try await ownedPair("bg")
        try await api.delete("bg", options: DeleteOptions(propagationPolicy: .background))
        try await eventually("background collection") { try await api.getIfExists("bg-child") == nil }

        _ = try await ownedPair("fg")
        try await api.delete("fg", options: DeleteOptions(propagationPolicy: .foreground))
        try await eventually("foreground deletion") {
            let owner = try await api.getIfExists("fg")
            let child = try await api.getIfExists("fg-child")
            return owner == nil && child == nil
        }

        _ = try await ownedPair("or")
        try await api.delete("or", options: DeleteOptions(propagationPolicy: .orphan))
        try await eventually("orphaning") {
            let owner = try await api.getIfExists("or")
            let child = try await api.getIfExists("or-child")
            return owner == nil && child != nil && child?.raw[path: ["metadata", "ownerReferences"]] == nil
        }
        await f.stop()
    }

    func testNamespaceDeletionRemovesItsContents() async throws {
        let f = try await ControlPlaneFixture.start()
        let namespaces = f.client.dynamicApi(ControlPlaneFixture.namespaces)
        _ = try await namespaces.create(
            DynamicObject(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team"]]))
        let team = f.configMaps("team")
        for i in 0..<5 { _ = try await team.create(ControlPlaneFixture.configMap("c\(i)")) }
        _ = try await namespaces.delete("team")
        let terminating = try await namespaces.getIfExists("team")
        XCTAssertTrue(terminating == nil || terminating?.raw[path: ["status", "phase"]] == "Terminating")
        for _ in 0..<100 {
            if try await namespaces.getIfExists("team") == nil { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let ns = try await namespaces.getIfExists("team")
        XCTAssertNil(ns)
        let left = try await f.client.dynamicApi(ControlPlaneFixture.configMaps).list().items.filter {
            $0.namespace == "team"
        }
        XCTAssertEqual(left.count, 0)
        await f.stop()
    }

    func testPaginationWatchResumeAndGone() async throws {
        let f = try await ControlPlaneFixture.start(bookmarkInterval: .milliseconds(200), historyCapacity: 50)
        let api = f.configMaps()
        for i in 0..<120 { _ = try await api.create(ControlPlaneFixture.configMap(String(format: "p%03d", i))) }
        let all = try await api.listAll(pageSize: 25)
        XCTAssertEqual(all.items.count, 120)
        XCTAssertEqual(all.items.map { $0.name ?? "" }, (0..<120).map { String(format: "p%03d", $0) })

        let firstPage = try await api.list(ListOptions(limit: 1))
        let start = try XCTUnwrap(firstPage.metadata.resourceVersion)
        let writer = Task {
            try await Task.sleep(for: .milliseconds(100))
            _ = try await api.create(ControlPlaneFixture.configMap("w1", labels: ["watch": "me"]))
            _ = try await api.patch("w1", .merge(["data": ["x": "1"]]))
            _ = try await api.delete("w1")
        }
        var seen: [String] = []
        var sawBookmark = false
        for try await e in api.watch(
            WatchOptions(labelSelector: "watch=me", resourceVersion: start, timeoutSeconds: 10))
        {
            if case .bookmark = e {
                sawBookmark = true
            } else {
                seen.append("\(e.type) \(e.object?.name ?? "")")
            }
            if seen.count == 3 && sawBookmark { break }
        }
        try await writer.value
        XCTAssertEqual(seen, ["ADDED w1", "MODIFIED w1", "DELETED w1"])
        // 120 creates later the history of 50 no longer reaches back to `start`.
        do {
            for try await _ in api.watch(WatchOptions(resourceVersion: "1", timeoutSeconds: 5)) {}
            XCTFail("expected 410")
        } catch let e as WatchErrorEvent {
            XCTAssertTrue(e.isGone)
        }
        await f.stop()
    }

    func testCRDsAreServedAtOnceAndRemovedWithTheirObjects() async throws {
        let f = try await ControlPlaneFixture.start()
        _ = try await f.client.dynamicApi(ControlPlaneFixture.crds).create(DynamicObject(ControlPlaneFixture.widgetCRD))
        let discovery = DiscoveryCache(client: f.client)
        let resolved = try await discovery.resolve("wd")
        XCTAssertEqual(resolved, ControlPlaneFixture.widgets)
        let widgets = f.client.dynamicApi(ControlPlaneFixture.widgets, namespace: "default")
        _ = try await widgets.create(
            DynamicObject([
                "apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["size": 3],
            ]))
        let table = try await widgets.table()
        XCTAssertEqual(table?.columnDefinitions.map(\.name), ["Name", "Size"])
        XCTAssertEqual(table?.rows?.first?.cells[1], 3)
        // Status only changes through /status.
        let patched = try await widgets.patch("w", .merge(["status": ["ok": true], "spec": ["size": 4]]))
        XCTAssertNil(patched.raw["status"])
        XCTAssertEqual(patched.generation, 2)
        let statusPatched = try await widgets.patchStatus("w", .merge(["status": ["ok": true]]))
        XCTAssertEqual(statusPatched.raw[path: ["status", "ok"]], true)
        XCTAssertEqual(statusPatched.generation, 2)

        try await f.client.dynamicApi(ControlPlaneFixture.crds).delete("widgets.example.com")
        do {
            _ = try await widgets.list()
            XCTFail("the kind should no longer be served")
        } catch let e as KubeAPIError {
            XCTAssertTrue(e.isNotFound)
        }
        await f.stop()
    }

    /// Writes are computed in parallel and committed one by one: concurrent patches of one
    /// object are each applied to the version before them (none is lost), and every
    /// commit gets its own resourceVersion.
    func testConcurrentPatchesOfOneObjectAreAllKept() async throws {
        let f = try await ControlPlaneFixture.start()
        let api = f.configMaps()
        _ = try await api.create(ControlPlaneFixture.configMap("shared"))
        let versions = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<40 {
                group.addTask {
                    let patched = try await api.patch("shared", .merge(["data": ["k\(i)": .string("\(i)")]]))
                    return patched.resourceVersion ?? ""
                }
            }
            var all: [String] = []
            for try await version in group { all.append(version) }
            return all
        }
        XCTAssertEqual(Set(versions).count, 40, "every patch committed at its own revision")
        let final = try await api.get("shared")
        XCTAssertEqual(final.raw["data"]?.objectValue?.count, 40, "\(final.raw["data"] ?? [:])")
        await f.stop()
    }

    /// The revision is spliced into an object's stored bytes at its own `resourceVersion`,
    /// whatever look-alikes the object holds elsewhere.
    func testResourceVersionIsStampedOnlyInMetadata() async throws {
        let f = try await ControlPlaneFixture.start()
        let api = f.configMaps()
        let tricky = [
            "resourceVersion": "~astrolift-revision-", "\"resourceVersion\":\"~": "~~", "note": "a ~ b ~",
        ]
        let created = try await api.create(ControlPlaneFixture.configMap("look-alike", tricky))
        let read = try await api.get("look-alike")
        XCTAssertEqual(read.raw["data"], .object(tricky.mapValues(JSONValue.string)))
        XCTAssertEqual(read.resourceVersion, created.resourceVersion)
        XCTAssertNotNil(Int(read.resourceVersion ?? ""), "\(read.resourceVersion ?? "nil")")
        let listed = try await api.list()
        XCTAssertEqual(listed.items.first { $0.name == "look-alike" }?.resourceVersion, created.resourceVersion)
        await f.stop()
    }
}
