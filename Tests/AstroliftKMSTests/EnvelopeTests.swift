import Crypto
import Foundation
import XCTest

@testable import AstroliftKMS

final class EnvelopeTests: XCTestCase {
    let binding = EnvelopeBinding(namespace: "team-a", name: "db", dataKey: "password")
    let keyBytes = (0..<32).map { UInt8($0) }

    func local() throws -> LocalKMS { try LocalKMS(key: keyBytes, source: "test key") }

    func testRoundTrip() async throws {
        let cipher = EnvelopeCipher(kms: try local())
        for plaintext in Plaintexts.all + [""] {
            let text = try await cipher.seal(Array(plaintext.utf8), for: binding)
            XCTAssertTrue(text.hasPrefix("v1:"))
            assertNoSecrets(text)
            let opened = try await cipher.open(text, for: binding, current: try await local().describeKey())
            XCTAssertEqual(String(decoding: opened.plaintext, as: UTF8.self), plaintext)
            XCTAssertEqual(opened.sealedKeyVersion, "1")
            XCTAssertFalse(opened.resealRecommended)
        }
    }

    func testEachSealUsesAFreshDataKeyAndNonce() async throws {
        let cipher = EnvelopeCipher(kms: try local())
        let a = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
        let b = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
        XCTAssertNotEqual(a, b)
        XCTAssertNotEqual(try Envelope(text: a).wrappedKey.ciphertext, try Envelope(text: b).wrappedKey.ciphertext)
    }

    func testFormatFieldsAreAsDocumented() async throws {
        let kms = try local()
        let text = try await EnvelopeCipher(kms: kms).seal(Array("x".utf8), for: binding)
        let bytes = Array(try XCTUnwrap(Data(base64Encoded: String(text.dropFirst(3)))))
        XCTAssertEqual(bytes[0], 1, "format version")
        XCTAssertEqual(bytes[1], 5, "provider kind local")
        let envelope = try Envelope(text: text)
        XCTAssertEqual(envelope.wrappedKey.keyID, kms.keyID)
        XCTAssertTrue(kms.keyID.hasPrefix("local:sha256:"))
        XCTAssertEqual(envelope.binding, binding)
        XCTAssertEqual(envelope.nonce.count, 12)
        XCTAssertEqual(envelope.ciphertext.count, 1 + 16)
        XCTAssertEqual(try Envelope(text: text).text, text)
    }

    func testTamperedCiphertextFails() async throws {
        let cipher = EnvelopeCipher(kms: try local())
        let text = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
        var envelope = try Envelope(text: text)
        envelope.ciphertext[0] ^= 0x01
        await assertFails(cipher, envelope.text, kind: .tampered)
        envelope = try Envelope(text: text)
        envelope.wrappedKey.keyVersion = "7"
        await assertFails(cipher, envelope.text, kind: .tampered)
        envelope = try Envelope(text: text)
        envelope.wrappedKey.ciphertext[5] ^= 0x80
        await assertFails(cipher, envelope.text, kind: .tampered)
    }

    func testMovedToAnotherObjectFailsNamingBoth() async throws {
        let cipher = EnvelopeCipher(kms: try local())
        let text = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
        for elsewhere in [
            EnvelopeBinding(namespace: "team-b", name: "db", dataKey: "password"),
            EnvelopeBinding(namespace: "team-a", name: "web", dataKey: "password"),
            EnvelopeBinding(namespace: "team-a", name: "db", dataKey: "token"),
        ] {
            do {
                _ = try await cipher.open(text, for: elsewhere)
                XCTFail("opened under \(elsewhere)")
            } catch let error as KMSError {
                XCTAssertEqual(error.kind, .boundElsewhere)
                XCTAssertTrue(error.message.contains("team-a/db key \"password\""), error.message)
                XCTAssertTrue(error.message.contains(elsewhere.description), error.message)
                assertNoSecrets(error.message)
            }
        }
    }

    func testRewritingTheBindingInTheHeaderDoesNotHelp() async throws {
        let cipher = EnvelopeCipher(kms: try local())
        let text = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
        var envelope = try Envelope(text: text)
        let elsewhere = EnvelopeBinding(namespace: "team-b", name: "db", dataKey: "password")
        envelope.binding = elsewhere
        do {
            _ = try await cipher.open(envelope.text, for: elsewhere)
            XCTFail("a rewritten binding opened")
        } catch let error as KMSError {
            XCTAssertEqual(error.kind, .tampered, error.message)
            assertNoSecrets(error.message)
        }
    }

    func testWrongKeyFails() async throws {
        let text = try await EnvelopeCipher(kms: try local()).seal(Array(Plaintexts.first.utf8), for: binding)
        let other = try LocalKMS(key: Array(repeating: 7, count: 32), source: "other key")
        await assertFails(EnvelopeCipher(kms: other), text, kind: .wrongKey, mentions: ["other key"])
        await assertFails(EnvelopeCipher(kms: FakeVersionedKMS()), text, kind: .wrongKey, mentions: ["local key"])
    }

    func testMalformedEnvelopes() async throws {
        let cipher = EnvelopeCipher(kms: try local())
        let good = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
        let cases: [(String, String)] = [
            ("plain text", "must start with \"v1:\""),
            ("v2:AAAA", "format v2"),
            ("vault:v1:AAAA", "must start with \"v1:\""),
            ("v1:!!!not base64", "not valid base64"),
            ("v1:", "truncated"),
            ("v1:" + Data([1, 5, 0, 9, 65]).base64EncodedString(), "truncated"),
            ("v1:" + Data([2, 5]).base64EncodedString(), "inner format version"),
            ("v1:" + Data([1, 99]).base64EncodedString(), "unknown provider kind"),
            (String(good.prefix(good.count - 32)), "truncated"),
        ]
        for (text, expected) in cases {
            do {
                _ = try await cipher.open(text, for: binding)
                XCTFail("\(text) opened")
            } catch let error as KMSError {
                XCTAssertTrue(
                    error.kind == .malformedEnvelope || error.kind == .tampered, "\(text): \(error.kind)")
                if error.kind == .malformedEnvelope {
                    XCTAssertTrue(error.message.contains(expected), "\(text): \(error.message)")
                }
            }
        }
    }

    func testRotationOldVersionOpensAndAsksForReseal() async throws {
        let kms = FakeVersionedKMS()
        let cipher = EnvelopeCipher(kms: kms)
        let old = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
        await kms.state.rotate()
        let current = try await kms.describeKey()
        XCTAssertEqual(current.currentVersion, "2")
        let opened = try await cipher.open(old, for: binding, current: current)
        XCTAssertEqual(String(decoding: opened.plaintext, as: UTF8.self), Plaintexts.first)
        XCTAssertEqual(opened.sealedKeyVersion, "1")
        XCTAssertEqual(opened.currentKeyVersion, "2")
        XCTAssertTrue(opened.resealRecommended)
        let resealed = try await cipher.seal(opened.plaintext, for: binding)
        let again = try await cipher.open(resealed, for: binding, current: current)
        XCTAssertEqual(again.sealedKeyVersion, "2")
        XCTAssertFalse(again.resealRecommended)
    }

    func testOpenAllReportsWhichKeysToReseal() async throws {
        let kms = FakeVersionedKMS()
        let cipher = EnvelopeCipher(kms: kms)
        var data: [String: String] = [:]
        data["old"] = try await cipher.seal(
            Array(Plaintexts.all[0].utf8), for: EnvelopeBinding(namespace: "ns", name: "s", dataKey: "old"))
        await kms.state.rotate()
        data["new"] = try await cipher.seal(
            Array(Plaintexts.all[1].utf8), for: EnvelopeBinding(namespace: "ns", name: "s", dataKey: "new"))
        let opened = try await cipher.openAll(data, namespace: "ns", name: "s", current: try await kms.describeKey())
        XCTAssertEqual(opened.values["old"].map { String(decoding: $0, as: UTF8.self) }, Plaintexts.all[0])
        XCTAssertEqual(opened.values["new"].map { String(decoding: $0, as: UTF8.self) }, Plaintexts.all[1])
        XCTAssertEqual(opened.resealKeys, ["old"])
        XCTAssertTrue(opened.resealRecommended)
        XCTAssertEqual(opened.sealedKeyVersions, ["1", "2"])
        XCTAssertEqual(opened.keyIDs, ["fake"])
        do {
            _ = try await cipher.openAll(data, namespace: "ns", name: "other")
            XCTFail("opened under another name")
        } catch let error as KMSError {
            XCTAssertEqual(error.kind, .boundElsewhere)
            XCTAssertTrue(error.message.contains("ns/other key \"new\""), error.message)
        }
    }

    func testLocalKeyMaterialForms() throws {
        XCTAssertEqual(LocalKMS.decodeKeyMaterial(keyBytes), keyBytes)
        XCTAssertEqual(LocalKMS.decodeKeyMaterial(Array((Data(keyBytes).base64EncodedString() + "\n").utf8)), keyBytes)
        let hex = keyBytes.map { String(format: "%02x", $0) }.joined()
        XCTAssertEqual(LocalKMS.decodeKeyMaterial(Array(hex.utf8)), keyBytes)
        XCTAssertNil(LocalKMS.decodeKeyMaterial(Array("short".utf8)))
        XCTAssertThrowsError(try LocalKMS(key: [1, 2, 3], source: "s")) { error in
            XCTAssertTrue("\(error)".contains("32 random bytes"))
        }
    }

    func testBindingEncodingsAreUnambiguous() {
        let a = EnvelopeBinding(namespace: "ab", name: "c", dataKey: "d")
        let b = EnvelopeBinding(namespace: "a", name: "bc", dataKey: "d")
        XCTAssertNotEqual(a.associatedData, b.associatedData)
        XCTAssertEqual(a.encryptionContext["astrolift.dev/namespace"], "ab")
    }

    private func assertFails(
        _ cipher: EnvelopeCipher, _ text: String, kind: KMSError.Kind, mentions: [String] = [],
        file: StaticString = #filePath, line: UInt = #line
    ) async {
        do {
            _ = try await cipher.open(text, for: binding)
            XCTFail("opened", file: file, line: line)
        } catch let error as KMSError {
            XCTAssertEqual(error.kind, kind, error.message, file: file, line: line)
            for m in mentions { XCTAssertTrue(error.message.contains(m), error.message, file: file, line: line) }
            assertNoSecrets(error.message, file: file, line: line)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }
}
