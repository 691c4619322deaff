import AstroliftAPI
import Crypto
import Foundation
import XCTest

@testable import AstroliftKMS

/// Against real servers on loopback, which hack/test.sh starts: moto's server mode for
/// AWS KMS (ASTROLIFT_TEST_MOTO_URL) and OpenBao's dev server for Vault transit
/// (ASTROLIFT_TEST_BAO_ADDR, root token ASTROLIFT_TEST_BAO_TOKEN, default `root`).
final class RealServerTests: XCTestCase {
    let binding = EnvelopeBinding(namespace: "team-a", name: "db", dataKey: "password")

    // MARK: AWS KMS on moto

    private struct CreatedKey: Decodable {
        struct Metadata: Decodable {
            var KeyId: String
            var Arn: String
        }
        var KeyMetadata: Metadata
    }
    private struct Empty: Decodable {}

    func testAWSKMSOnMoto() async throws {
        let url = try integrationServer("ASTROLIFT_TEST_MOTO_URL", what: "moto_server")
        let http = try KMSHTTPClient()
        let credentials = StaticAWSCredentialProvider(
            AWSCredentials(accessKeyID: "AKIDTESTING", secretAccessKey: "moto-secret-key"), source: "test values")
        func kms(_ keyID: String) -> AWSKMS {
            AWSKMS(
                keyID: keyID, region: "us-east-1", endpoint: url, credentials: credentials, http: http, ownsHTTP: false)
        }
        do {
            let first = try await kms("").call("CreateKey", ["Description": "astrolift test"], as: CreatedKey.self)
            let second = try await kms("").call("CreateKey", ["Description": "astrolift test 2"], as: CreatedKey.self)
            let provider = kms(first.KeyMetadata.KeyId)
            let cipher = EnvelopeCipher(kms: provider)

            let current = try await provider.describeKey()
            XCTAssertEqual(current.keyID, first.KeyMetadata.Arn)
            // GenerateDataKey (seal) and Encrypt (wrap) both round-trip through Decrypt.
            let sealed = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
            let opened = try await cipher.open(sealed, for: binding, current: current)
            XCTAssertEqual(String(decoding: opened.plaintext, as: UTF8.self), Plaintexts.first)
            XCTAssertFalse(opened.resealRecommended)
            XCTAssertEqual(opened.keyID, first.KeyMetadata.Arn)
            let dataKey = SymmetricKey(size: .bits256)
            let wrapped = try await provider.wrap(dataKey, binding: binding)
            let unwrapped = try await provider.unwrap(wrapped, binding: binding)
            XCTAssertEqual(unwrapped.rawBytes, dataKey.rawBytes)

            // KMS itself refuses the data key under another encryption context.
            let elsewhere = EnvelopeBinding(namespace: "team-b", name: "db", dataKey: "password")
            var moved = try Envelope(text: sealed)
            moved.binding = elsewhere
            do {
                _ = try await cipher.open(moved.text, for: elsewhere)
                XCTFail("opened under another encryption context")
            } catch let error as KMSError {
                XCTAssertEqual(error.kind, .wrongKey, error.message)
                XCTAssertTrue(error.message.contains("InvalidCiphertextException"), error.message)
                assertNoSecrets(error.message, extra: ["moto-secret-key"])
            }
            // Another key.
            do {
                _ = try await EnvelopeCipher(kms: kms(second.KeyMetadata.KeyId)).open(sealed, for: binding)
                XCTFail("opened with another key")
            } catch let error as KMSError {
                XCTAssertEqual(error.kind, .wrongKey, error.message)
                XCTAssertTrue(error.message.contains(first.KeyMetadata.Arn), error.message)
            }
            // Tampered ciphertext.
            var tampered = try Envelope(text: sealed)
            tampered.ciphertext[0] ^= 1
            do {
                _ = try await cipher.open(tampered.text, for: binding)
                XCTFail("tampered value opened")
            } catch let error as KMSError {
                XCTAssertEqual(error.kind, .tampered, error.message)
            }

            // An alias moved to a new key: old values still open and ask for a re-seal.
            let alias = "alias/astrolift-\(UUID().uuidString.prefix(8).lowercased())"
            _ = try await kms("").call(
                "CreateAlias", ["AliasName": alias, "TargetKeyId": first.KeyMetadata.KeyId], as: Empty.self)
            let viaAlias = kms(alias)
            let beforeMove = try await EnvelopeCipher(kms: viaAlias).seal(Array(Plaintexts.all[1].utf8), for: binding)
            _ = try await kms("").call(
                "UpdateAlias", ["AliasName": alias, "TargetKeyId": second.KeyMetadata.KeyId], as: Empty.self)
            let afterMove = try await viaAlias.describeKey()
            XCTAssertEqual(afterMove.keyID, second.KeyMetadata.Arn)
            let old = try await EnvelopeCipher(kms: viaAlias).open(beforeMove, for: binding, current: afterMove)
            XCTAssertEqual(String(decoding: old.plaintext, as: UTF8.self), Plaintexts.all[1])
            XCTAssertTrue(old.resealRecommended)

            // A key that does not exist.
            do {
                _ = try await kms("alias/does-not-exist").describeKey()
                XCTFail("described a missing key")
            } catch let error as KMSError {
                XCTAssertEqual(error.kind, .keyNotFound, error.message)
                XCTAssertTrue(error.message.contains("alias/does-not-exist"), error.message)
            }
        } catch {
            await http.shutdown()
            throw error
        }
        await http.shutdown()
    }

    /// The factory's IRSA path on moto: STS AssumeRoleWithWebIdentity with the resolver's
    /// service-account token (audience from the spec), then KMS calls signed with the
    /// temporary credentials and their session token.
    func testAWSWebIdentityThroughTheFactoryOnMoto() async throws {
        let url = try integrationServer("ASTROLIFT_TEST_MOTO_URL", what: "moto_server")
        let http = try KMSHTTPClient()
        let admin = AWSKMS(
            keyID: "", region: "us-east-1", endpoint: url,
            credentials: StaticAWSCredentialProvider(
                AWSCredentials(accessKeyID: "AKIDTESTING", secretAccessKey: "moto-secret-key"), source: "test"),
            http: http)
        let created: CreatedKey
        do {
            created = try await admin.call("CreateKey", ["Description": "astrolift irsa"], as: CreatedKey.self)
        } catch {
            await http.shutdown()
            throw error
        }
        await http.shutdown()
        let resolver = FakeResolver()
        let spec = KeyProviderSpec(
            type: .aws,
            aws: AWSKMSProvider(
                keyID: created.KeyMetadata.Arn, region: "us-east-1", endpoint: url,
                auth: AWSAuth(webIdentity: AWSWebIdentity(roleARN: "arn:aws:iam::123456789012:role/astrolift-kms"))))
        let kms = try await KMSProviderFactory.make(
            spec: spec, resolver: resolver, options: .init(environment: ["AWS_ENDPOINT_URL_STS": url]))
        do {
            let cipher = EnvelopeCipher(kms: kms)
            let sealed = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
            let opened = try await cipher.open(sealed, for: binding, current: try await kms.describeKey())
            XCTAssertEqual(String(decoding: opened.plaintext, as: UTF8.self), Plaintexts.first)
            let audiences = await resolver.audiences
            XCTAssertEqual(audiences, ["sts.amazonaws.com"], "one STS exchange, cached")
        } catch {
            await kms.shutdown()
            throw error
        }
        await kms.shutdown()
    }

    // MARK: Vault transit on OpenBao

    private struct MountAnswer: Decodable {}

    func testVaultTransitOnOpenBao() async throws {
        let address = try integrationServer("ASTROLIFT_TEST_BAO_ADDR", what: "bao server -dev")
        let token = ProcessInfo.processInfo.environment["ASTROLIFT_TEST_BAO_TOKEN"] ?? "root"
        let http = try KMSHTTPClient()
        do {
            // A fresh mount per run, so reruns against one server do not collide.
            let mount = "transit-\(UUID().uuidString.prefix(8).lowercased())"
            let admin = [("X-Vault-Token", token), ("Content-Type", "application/json")]
            for (path, body) in [
                ("sys/mounts/\(mount)", #"{"type":"transit"}"#), ("\(mount)/keys/astrolift", "{}"),
                ("\(mount)/keys/other", "{}"),
            ] {
                let answer = try await http.send(
                    .POST, "\(address)/v1/\(path)", headers: admin, body: Array(body.utf8), service: "bao")
                XCTAssertTrue((200..<300).contains(answer.status), "\(path): \(answer.status) \(answer.text)")
            }
            let kms = VaultTransit(
                address: address, mountPath: mount, transitKey: "astrolift", auth: .token(token), http: http,
                ownsHTTP: false)
            let cipher = EnvelopeCipher(kms: kms)
            let v1 = try await kms.describeKey()
            XCTAssertEqual(v1.currentVersion, "1")
            XCTAssertEqual(v1.keyID, "\(mount)/astrolift")
            let sealed = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
            XCTAssertEqual(try Envelope(text: sealed).wrappedKey.keyVersion, "1")
            let opened = try await cipher.open(sealed, for: binding, current: v1)
            XCTAssertEqual(String(decoding: opened.plaintext, as: UTF8.self), Plaintexts.first)
            XCTAssertFalse(opened.resealRecommended)
            // wrap (transit/encrypt) as well as datakey.
            let dataKey = SymmetricKey(size: .bits256)
            let unwrapped = try await kms.unwrap(try await kms.wrap(dataKey, binding: binding), binding: binding)
            XCTAssertEqual(unwrapped.rawBytes, dataKey.rawBytes)

            // Rotation: the old value opens and asks for a re-seal; a re-seal uses version 2.
            let rotated = try await http.send(
                .POST, "\(address)/v1/\(mount)/keys/astrolift/rotate", headers: admin, body: Array("{}".utf8),
                service: "bao")
            XCTAssertTrue((200..<300).contains(rotated.status), rotated.text)
            let v2 = try await kms.describeKey()
            XCTAssertEqual(v2.currentVersion, "2")
            let old = try await cipher.open(sealed, for: binding, current: v2)
            XCTAssertEqual(old.sealedKeyVersion, "1")
            XCTAssertTrue(old.resealRecommended)
            let resealed = try await cipher.seal(old.plaintext, for: binding)
            let fresh = try await cipher.open(resealed, for: binding, current: v2)
            XCTAssertEqual(fresh.sealedKeyVersion, "2")
            XCTAssertFalse(fresh.resealRecommended)

            // Another transit key cannot open it; a rewritten binding fails authentication.
            let other = VaultTransit(
                address: address, mountPath: mount, transitKey: "other", auth: .token(token), http: http,
                ownsHTTP: false)
            do {
                _ = try await EnvelopeCipher(kms: other).open(sealed, for: binding)
                XCTFail("opened with another transit key")
            } catch let error as KMSError {
                XCTAssertEqual(error.kind, .wrongKey, error.message)
            }
            var envelope = try Envelope(text: sealed)
            envelope.wrappedKey.ciphertext = Array("vault:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".utf8)
            do {
                _ = try await cipher.open(envelope.text, for: binding)
                XCTFail("a forged wrapped key opened")
            } catch let error as KMSError {
                XCTAssertTrue([.wrongKey, .service].contains(error.kind), error.message)
                assertNoSecrets(error.message, extra: [token == "root" ? "" : token])
            }
            // A bad token.
            let denied = VaultTransit(
                address: address, mountPath: mount, transitKey: "astrolift", auth: .token("not-a-valid-token"),
                http: http, ownsHTTP: false)
            do {
                _ = try await denied.describeKey()
                XCTFail("described with a bad token")
            } catch let error as KMSError {
                XCTAssertEqual(error.kind, .unauthorized, error.message)
                assertNoSecrets(error.message, extra: ["not-a-valid-token"])
            }
        } catch {
            await http.shutdown()
            throw error
        }
        await http.shutdown()
    }
}
