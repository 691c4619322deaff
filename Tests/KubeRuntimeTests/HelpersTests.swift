import Crypto
import Foundation
import KubeClient
import KubeCore
import KubeModels
import KubeTestServer
import XCTest

@testable import KubeRuntime

final class HelpersTests: XCTestCase {
    func testFinalizerAddAndRemoveAreGuardedAgainstConcurrentChanges() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let api = client.api(ConfigMap.self, namespace: "default")
        let created = try await api.create(ConfigMap(metadata: ObjectMeta(name: "f", namespace: "default")))
        let withOne = try await Finalizers.add("a.example.com/one", to: created, client: client)
        XCTAssertEqual(withOne.metadata.finalizers, ["a.example.com/one"])
        // Adding again is a no-op without a request.
        server.resetRequestLog()
        _ = try await Finalizers.add("a.example.com/one", to: withOne, client: client)
        XCTAssertEqual(server.writes.count, 0)

        // Someone else adds a finalizer after we read: our stale add must fail, not overwrite.
        _ = try await Finalizers.add("b.example.com/other", to: withOne, client: client)
        do {
            _ = try await Finalizers.add("a.example.com/two", to: withOne, client: client)
            XCTFail("a stale add must fail")
        } catch let e as RuntimeError {
            XCTAssertEqual(e.kind, .conflict)
            XCTAssertTrue(e.message.contains("read it again"), e.message)
        }
        let current = try await api.get("f")
        XCTAssertEqual(current.metadata.finalizers, ["a.example.com/one", "b.example.com/other"])

        // A stale remove (the list moved under us) fails too.
        let removedOther = try await Finalizers.remove("a.example.com/one", from: current, client: client)
        XCTAssertEqual(removedOther.metadata.finalizers, ["b.example.com/other"])
        do {
            _ = try await Finalizers.remove("b.example.com/other", from: current, client: client)
            XCTFail("a stale remove must fail")
        } catch let e as RuntimeError {
            XCTAssertEqual(e.kind, .conflict)
        }
        await server.stop()
        try await client.shutdown()
    }

    func testFinalizerPatternAddsAppliesAndCleansUp() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let api = client.api(ConfigMap.self, namespace: "default")
        let phases = LockedList<String>()
        var object = try await api.create(ConfigMap(metadata: ObjectMeta(name: "p", namespace: "default")))
        let body: (Finalizers.Phase<ConfigMap>) async throws -> ReconcileResult = { phase in
            switch phase {
            case .apply: phases.append("apply")
            case .cleanup: phases.append("cleanup")
            }
            return .done
        }
        _ = try await Finalizers.reconcile(object, finalizer: "x/y", client: client, body)
        XCTAssertEqual(phases.items, [], "the first pass only adds the finalizer")
        object = try await api.get("p")
        _ = try await Finalizers.reconcile(object, finalizer: "x/y", client: client, body)
        XCTAssertEqual(phases.items, ["apply"])
        try await api.delete("p")
        object = try await api.get("p")
        XCTAssertNotNil(object.metadata.deletionTimestamp)
        _ = try await Finalizers.reconcile(object, finalizer: "x/y", client: client, body)
        XCTAssertEqual(phases.items, ["apply", "cleanup"])
        let gone = try await api.getIfExists("p")
        XCTAssertNil(gone, "removing the last finalizer completes the deletion")
        await server.stop()
        try await client.shutdown()
    }

    func testConditionsChangeTransitionTimeOnlyWhenTheStatusChanges() {
        var conditions: [Condition] = []
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        XCTAssertTrue(conditions.set(type: "Ready", status: .false, reason: "Pending", observedGeneration: 1, now: t0))
        XCTAssertFalse(
            conditions.set(type: "Ready", status: .false, reason: "Pending", observedGeneration: 1, now: t0 + 60),
            "an identical condition is no change")
        XCTAssertTrue(
            conditions.set(
                type: "Ready", status: .false, reason: "Waiting", message: "still", observedGeneration: 2, now: t0 + 120
            ))
        XCTAssertEqual(conditions[type: "Ready"]?.lastTransitionTime, Time(t0), "same status: time kept")
        XCTAssertEqual(conditions[type: "Ready"]?.observedGeneration, 2)
        XCTAssertTrue(
            conditions.set(type: "Ready", status: .true, reason: "Done", observedGeneration: 2, now: t0 + 180))
        XCTAssertEqual(conditions[type: "Ready"]?.lastTransitionTime, Time(t0 + 180))
        XCTAssertTrue(conditions.isTrue("Ready"))
        XCTAssertTrue(conditions.remove(type: "Ready"))
        XCTAssertFalse(conditions.isTrue("Ready"))
    }

    func testControllerReferencesRefuseASecondController() throws {
        var owner = Toy(name: "o", data: [:])
        owner.metadata.uid = "uid-o"
        var child = ConfigMap(metadata: ObjectMeta(name: "c", namespace: "default"))
        try OwnerReferences.setController(owner, on: &child)
        try OwnerReferences.setController(owner, on: &child)
        XCTAssertEqual(child.metadata.ownerReferences?.count, 1, "setting it twice keeps one reference")
        let ref = try XCTUnwrap(child.metadata.controllerReference)
        XCTAssertEqual(ref.kind, "Toy")
        XCTAssertEqual(ref.apiVersion, "toys.example.com/v1")
        XCTAssertEqual(ref.blockOwnerDeletion, true)
        XCTAssertTrue(OwnerReferences.isControlled(child, by: owner))
        var other = Toy(name: "p", data: [:])
        other.metadata.uid = "uid-p"
        XCTAssertThrowsError(try OwnerReferences.setController(other, on: &child)) { error in
            XCTAssertEqual((error as? RuntimeError)?.kind, .alreadyOwned)
        }
        let unsaved = Toy(name: "new", data: [:])
        XCTAssertThrowsError(try OwnerReferences.setController(unsaved, on: &child)) { error in
            XCTAssertEqual((error as? RuntimeError)?.kind, .configuration)
        }
    }

    func testContentHashIsTheSHA256OfFoundationsSortedKeyJSON() throws {
        // The hash is stored in clusters (astrolift.dev/applied-hash): it must stay the hex
        // SHA-256 of what Foundation's JSONEncoder writes with sorted keys.
        let cm = ConfigMap(
            metadata: ObjectMeta(
                name: "cm", namespace: "ns", labels: ["b": "2", "a": "1", "A": "0"], annotations: ["url": "https://x/y"]
            ),
            data: ["k\"ey": "line\nbreak", "é": "😀", "": "empty"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = "sha256:" + SHA256.hash(data: try encoder.encode(cm)).map { String(format: "%02x", $0) }.joined()
        XCTAssertEqual(try ApplyDesired.contentHash(of: cm), expected)
        XCTAssertEqual(ApplyDesired.lowercaseHex([0x00, 0x09, 0x0A, 0x7F, 0x80, 0xAB, 0xFF]), "00090a7f80abff")
        XCTAssertEqual(ApplyDesired.lowercaseHex([UInt8]()), "")
        XCTAssertEqual(
            ApplyDesired.lowercaseHex(Array(0...255)), (0...255).map { String(format: "%02x", $0) }.joined())
    }

    func testSubsetComparisonIgnoresWhatTheServerAdds() {
        let desired: JSONValue = ["metadata": ["name": "x", "labels": ["a": "1"]], "data": ["k": "v"], "n": 1]
        let current: JSONValue = [
            "metadata": ["name": "x", "labels": ["a": "1", "extra": "2"], "uid": "u"],
            "data": ["k": "v"], "n": 1.0, "status": ["ok": true],
        ]
        XCTAssertTrue(ApplyDesired.isSubset(desired, of: current))
        var changed = desired
        changed[path: ["data", "k"]] = "w"
        XCTAssertFalse(ApplyDesired.isSubset(changed, of: current))
        XCTAssertFalse(ApplyDesired.isSubset(["list": [1, 2]], of: ["list": [1, 2, 3]]), "lists compare whole")
        XCTAssertTrue(ApplyDesired.isSubset(["list": [["a": 1]]], of: ["list": [["a": 1, "default": 0]]]))
        XCTAssertTrue(ApplyDesired.isSubset(["gone": nil], of: [:]))
    }

    func testApplyDesiredWritesOnlyWhenSomethingChanged() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let applier = ApplyDesired(client: client, fieldManager: "test-manager")
        let desired = ConfigMap(
            metadata: ObjectMeta(name: "d", namespace: "default", labels: ["x": "y"]), data: ["k": "v"])
        let first = try await applier.apply(desired, current: nil)
        XCTAssertTrue(first.wrote)
        let applies = server.requests.filter { $0.method == .PATCH }
        XCTAssertEqual(applies.first?.query.first { $0.name == "fieldManager" }?.value, "test-manager")
        XCTAssertEqual(applies.first?.query.first { $0.name == "force" }?.value, "true")
        server.resetRequestLog()
        let second = try await applier.apply(desired, current: first.object)
        XCTAssertFalse(second.wrote)
        XCTAssertEqual(server.requests.count, 0, "no request when the cached object already matches")
        var changed = desired
        changed.data = ["k": "w"]
        let third = try await applier.apply(changed, current: first.object)
        XCTAssertTrue(third.wrote)
        XCTAssertEqual(third.object.data, ["k": "w"])

        // Status goes through the status subresource, also only when changed.
        var toy = try await client.api(Toy.self, namespace: "default").create(Toy(name: "s", data: [:]))
        toy.status = ToyStatus(observedGeneration: 1, conditions: nil)
        let patched = try await applier.patchStatus(toy, current: toy.with(status: nil))
        XCTAssertTrue(patched.wrote)
        XCTAssertEqual(patched.object.status?.observedGeneration, 1)
        XCTAssertTrue(server.requests.contains { $0.path.hasSuffix("/toys/s/status") && $0.method == .PATCH })
        server.resetRequestLog()
        let again = try await applier.patchStatus(toy, current: patched.object)
        XCTAssertFalse(again.wrote)
        XCTAssertEqual(server.requests.count, 0)
        await server.stop()
        try await client.shutdown()
    }

    /// A child compared by the hash of what was applied: written with its hash, not sent
    /// again while the cached metadata carries that hash, sent when the desired object changes.
    func testApplyHashedWritesOnlyWhenTheDesiredObjectsHashChanged() async throws {
        let server = try await E2EServer.start()
        let client = try server.client()
        let applier = ApplyDesired(client: client, fieldManager: "test-manager")
        let api = client.api(ConfigMap.self, namespace: "default")
        let annotation = "example.com/applied-hash"
        let desired = ConfigMap(metadata: ObjectMeta(name: "h", namespace: "default"), data: ["k": "v"])
        let created = try await applier.applyHashed(desired, currentMetadata: nil, annotation: annotation)
        XCTAssertTrue(created)
        let written = try await api.get("h")
        let hash = try XCTUnwrap(written.metadata.annotations?[annotation])
        XCTAssertTrue(hash.hasPrefix("sha256:"), hash)
        XCTAssertEqual(written.data, ["k": "v"])

        server.resetRequestLog()
        let cached = HashedMetadata<ConfigMap>(written.metadata, appliedHash: hash)
        let byMetadata = try await applier.applyHashed(
            desired, currentMetadata: written.metadata, annotation: annotation)
        let byCache = try await applier.applyHashed(desired, current: cached, annotation: annotation)
        XCTAssertFalse(byMetadata)
        XCTAssertFalse(byCache)
        XCTAssertEqual(server.requests.count, 0, "nothing is sent while the hash matches")

        var changed = desired
        changed.data = ["k": "w"]
        let rewrote = try await applier.applyHashed(changed, current: cached, annotation: annotation)
        XCTAssertTrue(rewrote)
        let rewritten = try await api.get("h")
        XCTAssertEqual(rewritten.data, ["k": "w"])
        XCTAssertNotEqual(rewritten.metadata.annotations?[annotation], hash)
        await server.stop()
        try await client.shutdown()
    }
}

extension Toy {
    func with(status: ToyStatus?) -> Toy {
        var copy = self
        copy.status = status
        return copy
    }
}
