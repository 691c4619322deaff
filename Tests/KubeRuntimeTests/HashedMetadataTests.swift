import Foundation
import KubeCore
import KubeModels
import XCTest

@testable import KubeRuntime

final class HashedMetadataTests: XCTestCase {
    private let json = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"wb-1","namespace":"team","uid":"u-1",
        "resourceVersion":"42","generation":3,"creationTimestamp":"2026-01-01T00:00:00Z",
        "labels":{"app.kubernetes.io/name":"workbench","example.com/owner":"wb-1"},
        "annotations":{"example.com/applied-hash":"sha256:abc","other":"x"},
        "ownerReferences":[{"apiVersion":"example.com/v1","kind":"Workbench","name":"wb-1","uid":"o-1","controller":true}],
        "finalizers":["example.com/keep"],
        "managedFields":[{"manager":"m","operation":"Apply"}]},
        "spec":{"ports":[{"port":80}]}}
        """

    func testTheCacheTransformKeepsIdentityOwnersAndTheHash() throws {
        let writer = StoreWriter<HashedMetadata<Service>>(
            transform: CacheOptions<HashedMetadata<Service>>.hashed(
                annotation: "example.com/applied-hash", labels: ["example.com/owner"]),
            indexOwners: false)
        let decoded = try KubeJSON.decode(HashedMetadata<Service>.self, from: Data(json.utf8))
        let cached = writer.ingest(decoded)
        writer.apply(cached)
        let read = try XCTUnwrap(writer.store.get(name: "wb-1", namespace: "team"))
        XCTAssertEqual(read.appliedHash, "sha256:abc")
        XCTAssertEqual(read.labels, ["example.com/owner": "wb-1"])
        XCTAssertNil(read.annotations)
        XCTAssertEqual(read.metadata.resourceVersion, "42")
        XCTAssertEqual(read.metadata.generation, 3)
        XCTAssertEqual(read.metadata.ownerReferences?.first?.uid, "o-1")
        XCTAssertEqual(read.metadata.finalizers, ["example.com/keep"])
        XCTAssertNil(read.metadata.managedFields)
        XCTAssertEqual(read.apiVersion, "v1")
        XCTAssertEqual(read.kind, "Service")
        XCTAssertEqual(writer.store.keys(index: CacheIndex.ownerUID, value: "o-1"), [], "owner index off")
        // The transform again (say, a relist of a cached copy) keeps the hash.
        var again = read
        CacheOptions<HashedMetadata<Service>>.hashed(annotation: "example.com/applied-hash")(&again)
        XCTAssertEqual(again.appliedHash, "sha256:abc")
        // Setting the metadata keeps the hash.
        var changed = read
        changed.metadata.resourceVersion = "43"
        XCTAssertEqual(changed.appliedHash, "sha256:abc")
        XCTAssertEqual(changed.resourceVersion, "43")
    }

    func testHashesReadBackExactly() throws {
        let digest = try ApplyDesired.contentHash(of: ["k": "v"])
        var child = HashedMetadata<Service>(ObjectMeta(name: "a"), appliedHash: digest)
        XCTAssertEqual(child.appliedHash, digest)
        XCTAssertTrue(child.carries(digest))
        XCTAssertFalse(child.carries(digest.uppercased()))
        for odd in ["sha256:" + String(repeating: "A", count: 64), "sha256:xyz", "", "md5:00"] {
            child.appliedHash = odd
            XCTAssertEqual(child.appliedHash, odd)
            XCTAssertTrue(child.carries(odd))
        }
        child.appliedHash = nil
        XCTAssertNil(child.appliedHash)
    }

    func testKeepMetadataKeepsOnlyTheNamedLabelsAndAnnotations() {
        var pod = Pod(
            metadata: ObjectMeta(
                name: "p", namespace: "team", labels: ["keep": "1", "drop": "2"],
                annotations: ["note": "x", "hash": "y"]))
        pod.metadata.generateName = "p-"
        pod.metadata.managedFields = [ManagedFieldsEntry(manager: "m")]
        CacheOptions<Pod>.keepMetadata(labels: ["keep"], annotations: ["hash", "absent"])(&pod)
        XCTAssertEqual(pod.metadata.labels, ["keep": "1"])
        XCTAssertEqual(pod.metadata.annotations, ["hash": "y"])
        XCTAssertNil(pod.metadata.generateName)
        XCTAssertNil(pod.metadata.managedFields)
        CacheOptions<Pod>.keepMetadata()(&pod)
        XCTAssertNil(pod.metadata.labels, "nothing kept: no empty dictionary either")
        XCTAssertNil(pod.metadata.annotations)
    }

    func testWithoutTheTransformNothingIsLost() throws {
        let decoded = try KubeJSON.decode(HashedMetadata<Service>.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.annotations?["other"], "x")
        XCTAssertEqual(decoded.labels?.count, 2)
        XCTAssertNil(decoded.appliedHash)
        let reencoded = try JSONValue.parse(KubeJSON.encode(decoded))
        XCTAssertEqual(reencoded["kind"]?.stringValue, "Service")
        XCTAssertEqual(reencoded[path: ["metadata", "annotations", "other"]]?.stringValue, "x")
    }
}
