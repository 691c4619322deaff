import Foundation
import KubeClient
import KubeControlPlane
import KubeCore
import XCTest

/// Core v1 and events.k8s.io/v1 Events are one storage, converted per version, as in a real
/// cluster: whatever is written through one API is read, listed, watched, selected, patched
/// and applied through the other.
final class EventStorageTests: XCTestCase {
    static let core = ResourceDescriptor(group: "", version: "v1", kind: "Event", plural: "events", namespaced: true)
    static let eventsV1 = ResourceDescriptor(
        group: "events.k8s.io", version: "v1", kind: "Event", plural: "events", namespaced: true)

    /// An events.k8s.io/v1 Event about Pod `web`.
    static func newEvent(_ name: String, note: String = "Pulled image", pod: String = "web") -> DynamicObject {
        DynamicObject([
            "apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": ["name": .string(name)],
            "regarding": [
                "kind": "Pod", "namespace": "default", "name": .string(pod), "uid": .string("uid-\(pod)"),
                "apiVersion": "v1",
            ],
            "note": .string(note), "reason": "Pulled", "type": "Normal", "action": "Pull",
            "reportingController": "example.com/puller", "reportingInstance": "puller-1",
            "eventTime": "2025-01-02T03:04:05.000006Z",
            "series": ["count": 3, "lastObservedTime": "2025-01-02T03:05:05.000006Z"],
        ])
    }

    /// A core v1 Event about Pod `web`.
    static func oldEvent(_ name: String, message: String = "Started container") -> DynamicObject {
        DynamicObject([
            "apiVersion": "v1", "kind": "Event", "metadata": ["name": .string(name)],
            "involvedObject": ["kind": "Pod", "namespace": "default", "name": "web", "uid": "uid-web"],
            "message": .string(message), "reason": "Started", "type": "Normal", "count": 2,
            "source": ["component": "kubelet", "host": "node-1"],
            "firstTimestamp": "2025-01-02T03:04:05Z", "lastTimestamp": "2025-01-02T03:06:05Z",
        ])
    }

    func testAnEventWrittenThroughOneVersionIsReadThroughTheOther() async throws {
        let f = try await ControlPlaneFixture.start()
        let core = f.client.dynamicApi(Self.core, namespace: "default")
        let events = f.client.dynamicApi(Self.eventsV1, namespace: "default")
        let created = try await events.create(Self.newEvent("pulled"))

        let asCore = try await core.get("pulled").raw
        XCTAssertEqual(asCore["apiVersion"], "v1")
        XCTAssertEqual(asCore[path: ["involvedObject", "name"]], "web")
        XCTAssertEqual(asCore["message"], "Pulled image")
        XCTAssertEqual(asCore["reportingComponent"], "example.com/puller")
        XCTAssertEqual(asCore["reportingInstance"], "puller-1")
        XCTAssertEqual(asCore["eventTime"], "2025-01-02T03:04:05.000006Z")
        XCTAssertEqual(asCore[path: ["series", "count"]], 3)
        XCTAssertEqual(asCore["action"], "Pull")
        for name in ["regarding", "note", "reportingController"] { XCTAssertNil(asCore[name], name) }
        XCTAssertEqual(asCore[path: ["metadata", "uid"]], created.raw[path: ["metadata", "uid"]])
        XCTAssertEqual(
            asCore[path: ["metadata", "resourceVersion"]], created.raw[path: ["metadata", "resourceVersion"]])

        _ = try await core.create(Self.oldEvent("started"))
        let asNew = try await events.get("started").raw
        XCTAssertEqual(asNew["apiVersion"], "events.k8s.io/v1")
        XCTAssertEqual(asNew[path: ["regarding", "uid"]], "uid-web")
        XCTAssertEqual(asNew["note"], "Started container")
        XCTAssertEqual(asNew["deprecatedCount"], 2)
        XCTAssertEqual(asNew[path: ["deprecatedSource", "host"]], "node-1")
        XCTAssertEqual(asNew["deprecatedFirstTimestamp"], "2025-01-02T03:04:05Z")
        XCTAssertEqual(asNew["deprecatedLastTimestamp"], "2025-01-02T03:06:05Z")
        for name in ["involvedObject", "message", "source", "count", "firstTimestamp"] { XCTAssertNil(asNew[name]) }

        let coreNames = try await core.list().items.compactMap(\.name)
        XCTAssertEqual(coreNames, ["pulled", "started"])
        let newNames = try await events.list().items.compactMap(\.name)
        XCTAssertEqual(newNames, ["pulled", "started"])
        let versions = try await events.list().items.map { $0.raw["apiVersion"] }
        XCTAssertEqual(versions, ["events.k8s.io/v1", "events.k8s.io/v1"])

        try await core.delete("pulled")
        let left = try await events.list().items.compactMap(\.name)
        XCTAssertEqual(left, ["started"])
        await f.stop()
    }

    func testFieldSelectorsOfEachVersionSelectTheSharedEvents() async throws {
        let f = try await ControlPlaneFixture.start()
        let core = f.client.dynamicApi(Self.core, namespace: "default")
        let events = f.client.dynamicApi(Self.eventsV1, namespace: "default")
        _ = try await events.create(Self.newEvent("a"))
        _ = try await events.create(Self.newEvent("b", pod: "other"))
        _ = try await core.create(Self.oldEvent("c"))

        func names(_ api: Api<DynamicObject>, _ selector: String) async throws -> [String] {
            try await api.list(ListOptions(fieldSelector: selector)).items.compactMap(\.name)
        }
        // What kubectl describe sends for a pod.
        let describe =
            "involvedObject.name=web,involvedObject.namespace=default,involvedObject.kind=Pod,involvedObject.uid=uid-web"
        let cases: [(Api<DynamicObject>, String, [String])] = [
            (core, describe, ["a", "c"]),
            (events, "regarding.name=web,regarding.kind=Pod", ["a", "c"]),
            (events, "regarding.name!=web", ["b"]),
            (core, "reportingComponent=example.com/puller", ["a", "b"]),
            (events, "reportingController=example.com/puller", ["a", "b"]),
            // `source` is source.component, or the reporting controller where that is empty.
            (core, "source=kubelet", ["c"]),
            (events, "source=example.com/puller", ["a", "b"]),
            (events, "reason=Started,type=Normal", ["c"]),
            (core, "metadata.name=b", ["b"]),
        ]
        for (api, selector, expected) in cases {
            let selected = try await names(api, selector)
            XCTAssertEqual(selected, expected, selector)
        }

        // Each version accepts only its own labels, as the real server's field label conversions.
        for (api, label) in [(core, "regarding.name"), (events, "involvedObject.name"), (core, "note")] {
            do {
                _ = try await names(api, "\(label)=web")
                XCTFail("\(label) should be refused")
            } catch let e as KubeAPIError {
                XCTAssertEqual(e.code, 400)
                XCTAssertEqual(e.status.message, "field label not supported: \(label)")
            }
        }
        await f.stop()
    }

    func testWatchesOfEitherVersionSeeWritesThroughTheOther() async throws {
        let f = try await ControlPlaneFixture.start(bookmarkInterval: .milliseconds(200))
        let core = f.client.dynamicApi(Self.core, namespace: "default")
        let events = f.client.dynamicApi(Self.eventsV1, namespace: "default")
        _ = try await core.create(Self.oldEvent("first"))
        let second = Self.newEvent("second")
        let elsewhere = Self.newEvent("elsewhere", pod: "other")
        let writer = Task {
            try await Task.sleep(for: .milliseconds(300))
            _ = try await events.create(second)
            _ = try await core.patch("second", .merge(["message": "edited"]))
            _ = try await events.create(elsewhere)
            _ = try await core.delete("second")
        }
        // events.k8s.io watch with initial events, a bookmark and a field selector.
        var seen: [String] = []
        var initialEnd = false
        for try await e in events.watch(
            WatchOptions(fieldSelector: "regarding.name=web", timeoutSeconds: 10, sendInitialEvents: true))
        {
            switch e {
            case .bookmark: initialEnd = true
            default:
                let o = try XCTUnwrap(e.object)
                XCTAssertEqual(o.raw["apiVersion"], "events.k8s.io/v1")
                XCTAssertNil(o.raw["message"])
                seen.append("\(e.type) \(o.name ?? "") \(o.raw["note"]?.stringValue ?? "")")
            }
            if seen.count == 4 { break }
        }
        try await writer.value
        XCTAssertTrue(initialEnd)
        XCTAssertEqual(
            seen,
            [
                "ADDED first Started container", "ADDED second Pulled image", "MODIFIED second edited",
                "DELETED second edited",
            ])

        // A core watch from the start sees the events.k8s.io writes as core Events.
        var coreSeen: [String] = []
        for try await e in core.watch(WatchOptions(resourceVersion: "0", timeoutSeconds: 5)) {
            guard let o = e.object else { continue }
            coreSeen.append("\(o.name ?? "") \(o.raw[path: ["involvedObject", "name"]]?.stringValue ?? "")")
            if coreSeen.count == 2 { break }
        }
        XCTAssertEqual(coreSeen, ["elsewhere other", "first web"])
        await f.stop()
    }

    func testUpdatesAndPatchesThroughEitherVersion() async throws {
        let f = try await ControlPlaneFixture.start()
        let core = f.client.dynamicApi(Self.core, namespace: "default")
        let events = f.client.dynamicApi(Self.eventsV1, namespace: "default")
        _ = try await events.create(Self.newEvent("e"))

        // Patches apply to the shape of the version they are sent to.
        _ = try await core.patch("e", .merge(["message": "merged"]))
        let note = try await events.get("e").raw["note"]
        XCTAssertEqual(note, "merged")
        _ = try await events.patch("e", .json([["op": "replace", "path": "/note", "value": "json"]]))
        let message = try await core.get("e").raw["message"]
        XCTAssertEqual(message, "json")
        _ = try await events.patch("e", .strategic(["series": ["count": 4], "deprecatedCount": 7]))
        let afterStrategic = try await core.get("e").raw
        XCTAssertEqual(afterStrategic[path: ["series", "count"]], 4)
        XCTAssertEqual(afterStrategic["count"], 7)
        XCTAssertEqual(afterStrategic[path: ["series", "lastObservedTime"]], "2025-01-02T03:05:05.000006Z")
        do {
            _ = try await core.patch("e", .json([["op": "replace", "path": "/note", "value": "x"]]))
            XCTFail("a core JSON patch cannot name an events.k8s.io field")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.code, 422)
        }

        // A PUT through core of an object read through core.
        var object = try await core.get("e")
        object.raw["reason"] = "Updated"
        object.raw["involvedObject"] = ["kind": "Pod", "namespace": "default", "name": "web2"]
        let updated = try await core.update(object)
        let regarding = try await events.get("e").raw[path: ["regarding", "name"]]
        XCTAssertEqual(regarding, "web2")
        // A stale resourceVersion is refused whichever version it went through.
        var stale = try await events.get("e")
        stale.raw["note"] = "late"
        _ = try await core.patch("e", .merge(["message": "first"]))
        do {
            _ = try await events.update(stale)
            XCTFail("expected a conflict")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.code, 409)
        }
        // Writing what is already there through the other version changes nothing.
        let current = try await core.get("e")
        XCTAssertNotEqual(current.resourceVersion, updated.resourceVersion)
        let again = try await events.patch("e", .merge(["note": "first"]))
        XCTAssertEqual(again.resourceVersion, current.resourceVersion)
        // A dry run answers in the version written to and stores nothing.
        let dry = try await events.patch("e", .merge(["note": "dry"]), options: PatchOptions(dryRun: true))
        XCTAssertEqual(dry.raw["note"], "dry")
        XCTAssertNil(dry.raw["message"])
        let stored = try await core.get("e")
        XCTAssertEqual(stored.raw["message"], "first")
        // Unknown fields are those of the version written to.
        do {
            _ = try await events.patch("e", .merge(["message": "x"]), options: PatchOptions(fieldValidation: "Strict"))
            XCTFail("message is not an events.k8s.io field")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.code, 400)
        }
        await f.stop()
    }

    func testServerSideApplyThroughEachVersionSharesOwnership() async throws {
        let f = try await ControlPlaneFixture.start()
        let core = f.client.dynamicApi(Self.core, namespace: "default")
        let events = f.client.dynamicApi(Self.eventsV1, namespace: "default")
        let config: JSONValue = [
            "apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": ["name": "sa", "namespace": "default"],
            "regarding": ["kind": "Pod", "namespace": "default", "name": "web"], "note": "from new",
            "reason": "Applied", "type": "Normal", "reportingController": "a", "reportingInstance": "a-1",
            "action": "Apply", "eventTime": "2025-01-02T03:04:05.000000Z",
        ]
        _ = try await events.apply(DynamicObject(config), fieldManager: "new-api")
        let viaCore = try await core.get("sa").raw
        XCTAssertEqual(viaCore["message"], "from new")
        // Managed fields stay in the version their manager wrote with, as the real server keeps them.
        let entry = viaCore[path: ["metadata", "managedFields"]]?[0]
        XCTAssertEqual(entry?["apiVersion"], "events.k8s.io/v1")
        XCTAssertNotNil(entry?[path: ["fieldsV1", "f:note"]])

        let coreConfig: JSONValue = [
            "apiVersion": "v1", "kind": "Event", "metadata": ["name": "sa", "namespace": "default"],
            "message": "from old",
        ]
        // Ownership is compared across versions: `message` is `note`, owned by new-api.
        do {
            _ = try await core.apply(DynamicObject(coreConfig), fieldManager: "old-api")
            XCTFail("expected a conflict")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.code, 409)
            XCTAssertTrue(e.status.message?.contains(".message") == true, e.status.message ?? "")
            XCTAssertTrue(e.status.message?.contains("new-api") == true, e.status.message ?? "")
        }
        _ = try await core.apply(DynamicObject(coreConfig), fieldManager: "old-api", force: true)
        let viaEvents = try await events.get("sa").raw
        XCTAssertEqual(viaEvents["note"], "from old")
        let managers = viaEvents[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        let old = managers.first { $0["manager"] == "old-api" }
        XCTAssertEqual(old?["apiVersion"], "v1")
        XCTAssertNotNil(old?[path: ["fieldsV1", "f:message"]])
        let new = managers.first { $0["manager"] == "new-api" }
        XCTAssertNil(new?[path: ["fieldsV1", "f:note"]])
        XCTAssertNotNil(new?[path: ["fieldsV1", "f:regarding"]])

        // And the other way round: new-api applying its note again conflicts with old-api.
        do {
            _ = try await events.apply(DynamicObject(config), fieldManager: "new-api")
            XCTFail("expected a conflict")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.code, 409)
            XCTAssertTrue(e.status.message?.contains(".note") == true, e.status.message ?? "")
        }
        // Applying an unchanged configuration writes nothing.
        let before = try await core.get("sa").resourceVersion
        _ = try await core.apply(DynamicObject(coreConfig), fieldManager: "old-api")
        let after = try await core.get("sa").resourceVersion
        XCTAssertEqual(after, before)
        // Apply creates through core too, and it is served through events.k8s.io.
        var created = coreConfig
        created[path: ["metadata", "name"]] = "sa2"
        created["involvedObject"] = ["kind": "Pod", "namespace": "default", "name": "web"]
        _ = try await core.apply(DynamicObject(created), fieldManager: "old-api")
        let appliedRegarding = try await events.get("sa2").raw[path: ["regarding", "name"]]
        XCTAssertEqual(appliedRegarding, "web")
        await f.stop()
    }

    func testTablesOfBothVersionsShowEventColumns() async throws {
        let f = try await ControlPlaneFixture.start()
        let core = f.client.dynamicApi(Self.core, namespace: "default")
        let events = f.client.dynamicApi(Self.eventsV1, namespace: "default")
        _ = try await events.create(Self.newEvent("pulled"))
        for api in [core, events] {
            let served = try await api.table()
            let table = try XCTUnwrap(served)
            XCTAssertEqual(
                table.columnDefinitions.map(\.name),
                [
                    "Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count",
                    "Name",
                ])
            let cells = try XCTUnwrap(table.rows?.first?.cells)
            XCTAssertEqual(cells[1], "Normal")
            XCTAssertEqual(cells[2], "Pulled")
            XCTAssertEqual(cells[3], "pod/web")
            XCTAssertEqual(cells[5], "example.com/puller, puller-1")
            XCTAssertEqual(cells[6], "Pulled image")
            XCTAssertEqual(cells[8], 3)
            XCTAssertEqual(cells[9], "pulled")
        }
        await f.stop()
    }
}
