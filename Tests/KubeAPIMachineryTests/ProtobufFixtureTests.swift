import Foundation
import KubeCore
import XCTest

@testable import KubeAPIMachinery

/// Real bodies: those kubectl sends and those the reference protobuf implementation writes.
final class ProtobufFixtureTests: XCTestCase {
    func check(_ fixtures: [ProtobufFixture], file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertFalse(fixtures.isEmpty, file: file, line: line)
        for fixture in fixtures {
            XCTAssertTrue(fixture.bytes.starts(with: KubeProtobuf.magic), fixture.name, file: file, line: line)
            let decoded = try KubeProtobuf.decodeObject(fixture.bytes)
            let expected = try fixture.expected()
            XCTAssertEqual(
                decoded, expected,
                "\(fixture.name)\n got: \(decoded.jsonString)\nwant: \(expected.jsonString)", file: file, line: line)
        }
    }

    func testKubectlCoreKinds() throws { try check(ProtobufFixture.kubectlCore) }

    func testKubectlGroupKinds() throws { try check(ProtobufFixture.kubectlGroups) }

    func testReferenceWorkloads() throws { try check(ProtobufFixture.referenceWorkloads) }

    func testReferenceOtherKinds() throws { try check(ProtobufFixture.referenceOther) }

    func testAuthorizationReviews() throws { try check(ProtobufFixture.authorization) }

    /// Every kind listed in the schema has a fixture from kubectl or the reference encoder, except
    /// those kubectl never creates imperatively and that only differ in their top-level fields.
    func testEveryKindHasAFixture() throws {
        let all =
            ProtobufFixture.kubectlCore + ProtobufFixture.kubectlGroups + ProtobufFixture.referenceWorkloads
            + ProtobufFixture.referenceOther + ProtobufFixture.authorization
        var seen = Set<String>()
        for fixture in all {
            let object = try KubeProtobuf.decodeObject(fixture.bytes)
            seen.insert("\(object["apiVersion"]?.stringValue ?? "")/\(object["kind"]?.stringValue ?? "")")
        }
        for (apiVersion, kinds) in KubeProtobufSchema.kinds {
            for kind in kinds.keys { XCTAssertTrue(seen.contains("\(apiVersion)/\(kind)"), "\(apiVersion) \(kind)") }
        }
    }

    func testKubectlSendsProtobufHeaders() {
        XCTAssertTrue(KubeProtobuf.isProtobuf(contentType: "application/vnd.kubernetes.protobuf"))
        XCTAssertTrue(KubeProtobuf.isProtobuf(contentType: "Application/VND.Kubernetes.Protobuf; charset=binary"))
        XCTAssertFalse(KubeProtobuf.isProtobuf(contentType: "application/vnd.kubernetes.protobuf;stream=watch"))
        XCTAssertFalse(KubeProtobuf.isProtobuf(contentType: "application/json"))
        XCTAssertFalse(KubeProtobuf.isProtobuf(contentType: "application/vnd.kubernetes.protobufx"))
        XCTAssertFalse(KubeProtobuf.isProtobuf(contentType: nil))
    }

    /// Cut and corrupted bodies decode or fail with a `KubeProtobufError`; nothing traps or hangs.
    func testTruncatedAndCorruptedBodiesFailCleanly() throws {
        var rng = SplitMix64(state: 0x5eed)
        let samples = ProtobufFixture.kubectlGroups.prefix(6) + ProtobufFixture.referenceWorkloads.prefix(1)
        var failures = 0
        for fixture in samples {
            let bytes = fixture.bytes
            for cut in 0..<bytes.count {
                failures += outcome(Array(bytes.prefix(cut)))
            }
            for _ in 0..<400 {
                var mutated = bytes
                for _ in 0...Int.random(in: 0..<3, using: &rng) {
                    let at = Int.random(in: KubeProtobuf.magic.count..<mutated.count, using: &rng)
                    mutated[at] = UInt8.random(in: 0...255, using: &rng)
                }
                failures += outcome(mutated)
            }
        }
        for _ in 0..<2000 {
            let noise = (0..<Int.random(in: 0..<64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            failures += outcome(KubeProtobuf.magic + noise)
        }
        XCTAssertGreaterThan(failures, 0, "some corrupted inputs must be rejected")
    }

    /// 1 when decoding throws a typed error, 0 when it succeeds; anything else fails the test.
    private func outcome(_ bytes: [UInt8]) -> Int {
        do {
            _ = try KubeProtobuf.decodeObject(bytes)
            return 0
        } catch is KubeProtobufError {
            return 1
        } catch {
            XCTFail("untyped error \(error)")
            return 1
        }
    }
}
