import Foundation
import KubeClient
import KubeCore
import XCTest

@testable import KubeControlPlane

/// The conversion between core v1 and events.k8s.io/v1 Events, and the move of Events
/// stored apart by earlier versions.
final class EventConversionTests: XCTestCase {
    /// An events.k8s.io/v1 Event as a write computes it: every managed field set in its shape.
    static let full: JSONValue = [
        "apiVersion": "events.k8s.io/v1", "kind": "Event",
        "metadata": [
            "name": "e", "namespace": "default",
            "managedFields": [
                [
                    "manager": "new", "operation": "Update", "apiVersion": "events.k8s.io/v1",
                    "fieldsType": "FieldsV1", "fieldsV1": ["f:note": [:], "f:regarding": [:], "f:metadata": [:]],
                ],
                [
                    "manager": "old", "operation": "Update", "apiVersion": "v1", "fieldsType": "FieldsV1",
                    "fieldsV1": ["f:note": [:], "f:deprecatedCount": [:]],
                ],
            ],
        ],
        "regarding": ["kind": "Pod", "name": "web"], "related": ["kind": "Node", "name": "n"],
        "note": "hello", "reason": "R", "type": "Warning", "action": "A",
        "reportingController": "ctl", "reportingInstance": "ctl-1",
        "deprecatedSource": ["component": "kubelet", "host": "h"],
        "deprecatedFirstTimestamp": "2025-01-01T00:00:00Z", "deprecatedLastTimestamp": "2025-01-01T00:01:00Z",
        "deprecatedCount": 5, "eventTime": "2025-01-01T00:00:00.000001Z",
        "series": ["count": 2, "lastObservedTime": "2025-01-01T00:02:00.000001Z"],
    ]

    func testEveryFieldMapsAndConvertsBack() {
        let conversion = StorageConversion.events
        let core = conversion.toStorage(Self.full, from: "events.k8s.io/v1")
        XCTAssertEqual(core["apiVersion"], "v1")
        XCTAssertEqual(core["involvedObject"], ["kind": "Pod", "name": "web"])
        XCTAssertEqual(core["message"], "hello")
        XCTAssertEqual(core["reportingComponent"], "ctl")
        XCTAssertEqual(core["reportingInstance"], "ctl-1")
        XCTAssertEqual(core["source"], ["component": "kubelet", "host": "h"])
        XCTAssertEqual(core["firstTimestamp"], "2025-01-01T00:00:00Z")
        XCTAssertEqual(core["lastTimestamp"], "2025-01-01T00:01:00Z")
        XCTAssertEqual(core["count"], 5)
        for same in ["related", "reason", "type", "action", "eventTime", "series"] {
            XCTAssertEqual(core[same], Self.full[same], same)
        }
        // Stored managed fields are in their own version's shape: written in events.k8s.io
        // terms, the core manager's set goes back to core names.
        let entries = core[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        XCTAssertNotNil(entries.first?[path: ["fieldsV1", "f:note"]])
        XCTAssertNotNil(entries.last?[path: ["fieldsV1", "f:message"]])
        XCTAssertNil(entries.last?[path: ["fieldsV1", "f:note"]])
        XCTAssertNotNil(entries.last?[path: ["fieldsV1", "f:count"]])
        // Reads leave them as recorded; writes see them in the written version's shape.
        XCTAssertEqual(
            conversion.fromStorage(core, to: "events.k8s.io/v1"),
            {
                var expected = Self.full
                expected[path: ["metadata", "managedFields"]] = core[path: ["metadata", "managedFields"]]
                return expected
            }())
        let forWrite = conversion.fromStorage(core, to: "events.k8s.io/v1", forWrite: true)
        XCTAssertEqual(forWrite, Self.full)
        let coreForWrite = conversion.fromStorage(core, to: "v1", forWrite: true)
        XCTAssertNotNil(coreForWrite[path: ["metadata", "managedFields"]]?[0]?[path: ["fieldsV1", "f:message"]])
        XCTAssertNotNil(
            coreForWrite[path: ["metadata", "managedFields"]]?[0]?[path: ["fieldsV1", "f:involvedObject"]])
    }

    func testFieldLabelsOfEachVersion() {
        let conversion = StorageConversion.events
        XCTAssertEqual(
            conversion.storageFieldLabel("regarding.uid", apiVersion: "events.k8s.io/v1"), "involvedObject.uid")
        XCTAssertEqual(
            conversion.storageFieldLabel("reportingController", apiVersion: "events.k8s.io/v1"), "reportingComponent")
        XCTAssertNil(conversion.storageFieldLabel("involvedObject.uid", apiVersion: "events.k8s.io/v1"))
        XCTAssertNil(conversion.storageFieldLabel("regarding.other", apiVersion: "events.k8s.io/v1"))
        XCTAssertEqual(
            conversion.storageFieldLabel("involvedObject.fieldPath", apiVersion: "v1"), "involvedObject.fieldPath")
        XCTAssertNil(conversion.storageFieldLabel("regarding.name", apiVersion: "v1"))
        XCTAssertNil(conversion.storageFieldLabel("message", apiVersion: "v1"))
    }

    func testEventsStoredApartByEarlierVersionsMoveToTheSharedStorage() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            // What an earlier version left in the database.
            let store = try ObjectStore(
                persistence: try SQLitePersistence(path: dir.appendingPathComponent("state.db").path))
            var legacy = Self.full
            legacy[path: ["metadata", "uid"]] = "legacy-uid"
            _ = try store.create(StorageConversion.legacyEventsStorageKey, key: "default/e", object: legacy)
        }
        let f = try await ControlPlaneFixture.start(dataDirectory: dir)
        let core = try await f.client.dynamicApi(EventStorageTests.core, namespace: "default").get("e").raw
        XCTAssertEqual(core[path: ["metadata", "uid"]], "legacy-uid")
        XCTAssertEqual(core["message"], "hello")
        let listed = try await f.client.dynamicApi(EventStorageTests.eventsV1, namespace: "default").list()
        XCTAssertEqual(listed.items.compactMap(\.name), ["e"])
        await f.stop()
    }
}
