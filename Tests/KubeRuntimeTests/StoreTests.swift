import KubeCore
import KubeModels
import XCTest

@testable import KubeRuntime

final class StoreTests: XCTestCase {
    private func cm(_ ns: String, _ name: String, rv: String = "1", owner: String? = nil, app: String? = nil)
        -> ConfigMap
    {
        var meta = ObjectMeta(name: name, namespace: ns, labels: app.map { ["app": $0] })
        meta.resourceVersion = rv
        if let owner {
            meta.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "Thing", name: owner, uid: "uid-\(owner)")]
        }
        return ConfigMap(metadata: meta, data: ["k": name])
    }

    func testIndexesByNamespaceOwnerAndCustomKeysFollowChanges() {
        let writer = StoreWriter<ConfigMap>(indexers: ["app": { [$0.metadata.labels?["app"] ?? ""] }])
        let store = writer.store
        writer.apply(cm("a", "one", owner: "x", app: "web"))
        writer.apply(cm("a", "two", app: "db"))
        writer.apply(cm("b", "three", owner: "x", app: "web"))
        XCTAssertEqual(store.count, 3)
        XCTAssertEqual(store.list(namespace: "a").map(\.name).sorted(), ["one", "two"])
        XCTAssertEqual(store.list(index: CacheIndex.ownerUID, value: "uid-x").map(\.name).sorted(), ["one", "three"])
        XCTAssertEqual(store.list(index: "app", value: "web").map(\.name).sorted(), ["one", "three"])
        // A change moves the object between index values.
        writer.apply(cm("a", "one", rv: "2", app: "db"))
        XCTAssertEqual(store.list(index: "app", value: "web").map(\.name), ["three"])
        XCTAssertEqual(store.list(index: CacheIndex.ownerUID, value: "uid-x").map(\.name), ["three"])
        writer.delete(ObjectKey(namespace: "b", name: "three"))
        XCTAssertEqual(store.list(index: "app", value: "web"), [])
        XCTAssertEqual(store.keys(index: CacheIndex.namespace, value: "b"), [])
        XCTAssertEqual(store.get(name: "one", namespace: "a")?.metadata.resourceVersion, "2")
    }

    func testDeletesKeepEveryOtherObjectAndIndexEntryReachable() {
        let writer = StoreWriter<ConfigMap>(indexers: ["app": { [$0.metadata.labels?["app"] ?? ""] }])
        let store = writer.store
        for i in 0..<6 {
            writer.apply(cm("a", "o\(i)", owner: i < 2 ? "x" : "y\(i)", app: i.isMultiple(of: 2) ? "even" : "odd"))
        }
        // Removing from the front, the middle and the end moves others within the store.
        writer.delete(ObjectKey(namespace: "a", name: "o0"))
        writer.delete(ObjectKey(namespace: "a", name: "o3"))
        writer.delete(ObjectKey(namespace: "a", name: "o5"))
        XCTAssertNil(writer.delete(ObjectKey(namespace: "a", name: "o5")), "deleting twice finds nothing")
        XCTAssertEqual(store.count, 3)
        for name in ["o1", "o2", "o4"] { XCTAssertEqual(store.get(name: name, namespace: "a")?.data, ["k": name]) }
        XCTAssertNil(store.get(name: "o0", namespace: "a"))
        // An owner with two objects, then one, then none.
        XCTAssertEqual(store.keys(index: CacheIndex.ownerUID, value: "uid-x").map(\.name), ["o1"])
        writer.delete(ObjectKey(namespace: "a", name: "o1"))
        XCTAssertEqual(store.keys(index: CacheIndex.ownerUID, value: "uid-x"), [])
        XCTAssertEqual(store.list(index: "app", value: "even").map(\.name).sorted(), ["o2", "o4"])
        XCTAssertEqual(store.list(index: "app", value: "odd"), [])
        writer.apply(cm("a", "o2", rv: "2", app: "odd"))
        XCTAssertEqual(store.list(index: "app", value: "even").map(\.name), ["o4"])
        XCTAssertEqual(store.list(index: "app", value: "odd").map(\.name), ["o2"])
        XCTAssertEqual(store.list().map(\.name).sorted(), ["o2", "o4"])
    }

    func testWithoutTheNamespaceIndexNamespaceReadsScan() {
        let writer = StoreWriter<ConfigMap>(
            indexers: [:], transform: nil, interning: nil, indexOwners: false, indexNamespaces: false)
        writer.apply(cm("a", "one"))
        writer.apply(cm("b", "two"))
        writer.apply(cm("a", "three"))
        XCTAssertEqual(writer.store.list(namespace: "a").map(\.name).sorted(), ["one", "three"])
        XCTAssertEqual(writer.store.keys(index: CacheIndex.namespace, value: "b").map(\.name), ["two"])
        XCTAssertNil(writer.store.state.withLock { $0.indexes[CacheIndex.namespace] })
    }

    func testReplaceAllSwapsAtOnceAndReportsTheDifferences() {
        let writer = StoreWriter<ConfigMap>()
        writer.apply(cm("a", "same", rv: "1"))
        writer.apply(cm("a", "changed", rv: "1"))
        writer.apply(cm("a", "gone", rv: "1"))
        let snapshot = writer.store.snapshot()
        let fresh = [cm("a", "same", rv: "1"), cm("a", "changed", rv: "5"), cm("a", "new", rv: "6")]
        let events = writer.replaceAll(fresh, origin: .relist)
        let summary = Set(
            events.map { "\($0.kind) \($0.object.name) \($0.oldObject?.metadata.resourceVersion ?? "-")" })
        XCTAssertEqual(summary, ["updated changed 1", "added new -", "deleted gone -"])
        XCTAssertTrue(events.allSatisfy { $0.origin == .relist })
        XCTAssertEqual(writer.store.keys().map(\.name).sorted(), ["changed", "new", "same"])
        XCTAssertEqual(writer.store.list(namespace: "a").count, 3, "indexes are rebuilt with the swap")
        // A snapshot taken before is unaffected.
        XCTAssertEqual(snapshot.keys.map(\.name).sorted(), ["changed", "gone", "same"])
        XCTAssertEqual(snapshot.objects.map(\.name).sorted(), ["changed", "gone", "same"])
        XCTAssertEqual(snapshot.list(index: CacheIndex.namespace, value: "a").count, 3)
    }

    func testIngestTransformsAndKeepsEveryValue() {
        let writer = StoreWriter<ConfigMap>(transform: CacheOptions<ConfigMap>.dropManagedFields)
        var a = cm("a", "one", owner: "x", app: "web")
        a.metadata.managedFields = [ManagedFieldsEntry(manager: "kubectl")]
        a.metadata.namespace = "a-namespace-longer-than-15"
        let b = cm("a", "two", owner: "x", app: "web")
        let first = writer.ingest(a)
        let second = writer.ingest(b)
        XCTAssertNil(first.metadata.managedFields)
        XCTAssertEqual(first.metadata.labels, ["app": "web"])
        XCTAssertEqual(second.metadata.labels, first.metadata.labels)
        XCTAssertEqual(second.metadata.ownerReferences, first.metadata.ownerReferences)
        XCTAssertEqual(first.metadata.namespace, "a-namespace-longer-than-15")
        XCTAssertEqual(first.data, ["k": "one"])
        let plain = StoreWriter<ConfigMap>(internMetadata: false)
        XCTAssertEqual(plain.ingest(b), b)
    }

    func testReadsReturnCopies() {
        let writer = StoreWriter<ConfigMap>()
        writer.apply(cm("a", "x"))
        var copy = writer.store.get(name: "x", namespace: "a")
        copy?.data = ["k": "changed"]
        XCTAssertEqual(writer.store.get(name: "x", namespace: "a")?.data, ["k": "x"])
    }

    func testObjectKeysParseAndPrint() {
        XCTAssertEqual(ObjectKey(parsing: "ns/name"), ObjectKey(namespace: "ns", name: "name"))
        XCTAssertEqual(ObjectKey(parsing: "cluster-wide"), ObjectKey(namespace: nil, name: "cluster-wide"))
        XCTAssertEqual(ObjectKey(namespace: "", name: "n"), ObjectKey(namespace: nil, name: "n"))
        XCTAssertEqual(ObjectKey(namespace: "ns", name: "n").description, "ns/n")
    }

    func testPredicates() {
        var a = cm("a", "x")
        a.metadata.generation = 1
        var b = a
        b.metadata.resourceVersion = "2"
        b.metadata.annotations = ["note": "status only"]
        let statusOnly = CacheEvent(kind: .updated, object: b, oldObject: a, origin: .watch)
        XCTAssertFalse(Predicate<ConfigMap>.generationChanged.evaluate(statusOnly))
        XCTAssertTrue(Predicate<ConfigMap>.annotationsChanged.evaluate(statusOnly))
        XCTAssertFalse(Predicate<ConfigMap>.labelsChanged.evaluate(statusOnly))
        XCTAssertTrue(Predicate<ConfigMap>.resourceVersionChanged.evaluate(statusOnly))
        var c = b
        c.metadata.generation = 2
        XCTAssertTrue(
            Predicate<ConfigMap>.generationChanged.evaluate(
                CacheEvent(kind: .updated, object: c, oldObject: b, origin: .watch)))
        XCTAssertTrue(
            Predicate<ConfigMap>.generationChanged.evaluate(CacheEvent(kind: .added, object: a, origin: .watch)))
        let resync = CacheEvent(kind: .updated, object: a, oldObject: a, origin: .resync)
        XCTAssertFalse(Predicate<ConfigMap>.resourceVersionChanged.evaluate(resync))
        XCTAssertTrue(Predicate<ConfigMap>.any([.labelsChanged, .annotationsChanged]).evaluate(statusOnly))
        XCTAssertFalse(Predicate<ConfigMap>.all([.labelsChanged, .annotationsChanged]).evaluate(statusOnly))
        XCTAssertTrue(Predicate<ConfigMap>.labelsChanged.negated.evaluate(statusOnly))
    }

    func testChangedPredicatePassesOnlyWhenTheValueChanges() {
        let noted = Predicate<ConfigMap>.changed { $0.metadata.annotations?["note"] }
        let a = cm("a", "x")
        var b = a
        b.data = ["k": "other"]
        XCTAssertFalse(noted.evaluate(CacheEvent(kind: .updated, object: b, oldObject: a, origin: .watch)))
        var c = b
        c.metadata.annotations = ["note": "new"]
        XCTAssertTrue(noted.evaluate(CacheEvent(kind: .updated, object: c, oldObject: b, origin: .watch)))
        XCTAssertTrue(noted.evaluate(CacheEvent(kind: .added, object: a, origin: .watch)))
        XCTAssertTrue(noted.evaluate(CacheEvent(kind: .deleted, object: a, origin: .watch)))
    }
}
