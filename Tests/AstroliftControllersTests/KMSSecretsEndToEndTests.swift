import AstroliftAPI
import AstroliftControllers
import Crypto
import Foundation
import KubeClient
import KubeCore
import KubeModels
import XCTest

@testable import AstroliftKMS

/// KMSSecrets and key providers end to end on the embedded control plane, the controller
/// running as its ServiceAccount: sealed in the test with AstroliftKMS, opened by the
/// controller into Secrets. Every test ends by grepping the controller's logs, every
/// Event and every status for the test plaintexts.
final class KMSSecretsEndToEndTests: XCTestCase {
    var h: ControllerHarness!
    static let plaintexts = [
        "kms-e2e-password-Q7x9vT", "kms-e2e-user-ZZtop42", "kms-e2e-changed-Wq12Lm", "kms-e2e-aws-creds-9Yk",
    ]
    let password = plaintexts[0]
    let user = plaintexts[1]
    let changed = plaintexts[2]

    override func setUp() async throws {
        h = try await ControllerHarness.start()
        _ = try await h.admin.api(Namespace.self).create(Namespace(metadata: ObjectMeta(name: "apps")))
    }

    override func tearDown() async throws {
        await h?.stop()
    }

    // MARK: Helpers

    /// The local key Secret (as `astrolift dev` creates it) and ClusterKeyProvider `local`.
    @discardableResult
    func installLocalProvider(name: String = "local", secret: String = "astrolift-local-key") async throws
        -> LocalKMS
    {
        let key = (0..<32).map { _ in UInt8.random(in: 0...255) }
        var keySecret = Secret(metadata: ObjectMeta(name: secret, namespace: "astrolift-system"))
        keySecret.setData(Data(key), forKey: "key")
        try await h.create(keySecret)
        try await h.create(
            ClusterKeyProvider(
                metadata: ObjectMeta(name: name),
                spec: KeyProviderSpec(
                    type: .local,
                    local: LocalKeyProvider(secretRef: NamespacedSecretKeyReference(name: secret, key: "key")))))
        return try LocalKMS(key: key, source: "test")
    }

    func seal(
        _ values: [String: String], with kms: any KeyManagementService, namespace: String = "apps", name: String = "db"
    ) async throws -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in values {
            out[key] = try await EnvelopeCipher(kms: kms).seal(
                Array(value.utf8), for: EnvelopeBinding(namespace: namespace, name: name, dataKey: key))
        }
        return out
    }

    func kmsSecret(
        _ name: String = "db", namespace: String = "apps", provider: String = "local", data: [String: String],
        target: KMSSecretTarget? = nil
    ) -> KMSSecret {
        KMSSecret(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: KMSSecretSpec(
                providerRef: KeyProviderReference(name: provider), encryptedData: data, target: target))
    }

    func status(_ name: String = "db", _ namespace: String = "apps") async throws -> KMSSecretStatus? {
        try await h.admin.api(KMSSecret.self, namespace: namespace).get(name).status
    }

    func condition(_ type: String, _ name: String = "db", _ namespace: String = "apps") async throws -> Condition? {
        try await status(name, namespace)?.conditions?[type: type]
    }

    func secret(_ name: String = "db", _ namespace: String = "apps") async throws -> Secret? {
        try await h.admin.api(Secret.self, namespace: namespace).getIfExists(name)
    }

    func waitReady(_ name: String = "db", _ namespace: String = "apps") async throws {
        try await h.eventually("KMSSecret \(namespace)/\(name) is Ready") {
            try await condition("Ready", name, namespace)?.status == .true
        }
    }

    /// Waits for a failure: Ready False with `reason`, an Event with it, and the message containing `text`.
    func waitFailure(_ reason: String, mentioning text: String, _ name: String = "db") async throws {
        try await h.eventually("Ready=False \(reason) naming \(text)") {
            let ready = try await condition("Ready", name)
            return ready?.status == .false && ready?.reason == reason && ready?.message.contains(text) == true
        }
        try await h.eventually("a \(reason) Warning Event") {
            try await h.eventReasons(about: name, "apps").contains(reason)
        }
    }

    func patchData(_ data: [String: String], _ name: String = "db") async throws {
        try await h.patchSpec(
            KMSSecret.self, name, "apps", ["encryptedData": .object(data.mapValues { .string($0) })])
    }

    /// No test plaintext in anything the controller logged, any Event, or any status.
    func assertNoPlaintexts(extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) async throws {
        var texts = [h.logs.all]
        let encoder = JSONEncoder()
        let events = try await h.admin.api(EventsV1Event.self).list().items
        texts.append(String(decoding: try encoder.encode(events), as: UTF8.self))
        let core = try await h.admin.api(Event.self).list().items
        texts.append(String(decoding: try encoder.encode(core), as: UTF8.self))
        for item in try await h.admin.api(KMSSecret.self).list().items {
            texts.append(String(decoding: try encoder.encode(item.status), as: UTF8.self))
        }
        for item in try await h.admin.api(ClusterKeyProvider.self).list().items {
            texts.append(String(decoding: try encoder.encode(item.status), as: UTF8.self))
        }
        for item in try await h.admin.api(KeyProvider.self).list().items {
            texts.append(String(decoding: try encoder.encode(item.status), as: UTF8.self))
        }
        let all = texts.joined(separator: "\n")
        XCTAssertGreaterThan(all.count, 100, file: file, line: line)
        for secret in Self.plaintexts + extra {
            XCTAssertFalse(all.contains(secret), "a plaintext leaked: \(secret)", file: file, line: line)
            XCTAssertFalse(
                all.contains(Data(secret.utf8).base64EncodedString()), "a plaintext leaked in base64", file: file,
                line: line)
        }
    }

    // MARK: Local provider

    func testLocalProviderOpensIntoASecretAndARestartWritesNothing() async throws {
        let kms = try await installLocalProvider()
        try await h.eventually("the provider is Ready with its key id") {
            let p = try await h.admin.api(ClusterKeyProvider.self).get("local")
            return p.status?.conditions?.isTrue("Ready") == true && p.status?.keyID == kms.keyID
                && p.status?.keyVersion == "1" && p.status?.lastCheckTime != nil
        }
        let sealed = try await seal(["password": password, "user": user], with: kms)
        try await h.create(
            kmsSecret(
                data: sealed,
                target: KMSSecretTarget(
                    labels: ["app": "db"], annotations: ["owner": "team-a"],
                    template: ["url": "postgres://{{ .user }}:{{ .password }}@db:5432/app"])))
        try await waitReady()
        let created = try await secret()
        let s = try XCTUnwrap(created)
        XCTAssertEqual(s.string(forKey: "password"), password)
        XCTAssertEqual(s.string(forKey: "user"), user)
        XCTAssertEqual(s.string(forKey: "url"), "postgres://\(user):\(password)@db:5432/app")
        XCTAssertEqual(s.type, "Opaque")
        XCTAssertEqual(s.metadata.labels?["app"], "db")
        XCTAssertEqual(s.metadata.annotations?["owner"], "team-a")
        XCTAssertEqual(s.metadata.controllerReference?.kind, "KMSSecret")
        let st = try await status()
        XCTAssertEqual(st?.contentHash, s.metadata.annotations?["astrolift.dev/content-hash"])
        XCTAssertEqual(st?.keyID, kms.keyID)
        XCTAssertEqual(st?.keyVersion, "1")
        XCTAssertEqual(st?.secretName, "db")
        XCTAssertNotNil(st?.lastSyncTime)
        XCTAssertEqual(st?.conditions?[type: "Decrypted"]?.status, .true)
        XCTAssertEqual(st?.conditions?[type: "ProviderReachable"]?.status, .true)
        XCTAssertEqual(st?.conditions?[type: "ResealRecommended"]?.status, .false)
        try await h.eventually("a SecretCreated event") {
            try await h.eventReasons(about: "db", "apps").contains("SecretCreated")
        }

        // A changed value is written once, with a new hash.
        try await patchData(try await seal(["password": changed, "user": user], with: kms))
        try await h.eventually("the Secret has the new value") {
            try await secret()?.string(forKey: "password") == changed
        }
        try await h.eventually("status has the new hash") {
            let hash = try await status()?.contentHash
            let annotation = try await secret()?.metadata.annotations?["astrolift.dev/content-hash"]
            return hash != nil && hash == annotation
        }
        let newHash = try await status()?.contentHash
        XCTAssertNotEqual(newHash, st?.contentHash)

        // Someone edits the Secret: the controller repairs it.
        _ = try await h.admin.api(Secret.self, namespace: "apps").patch(
            "db", .merge(["data": ["password": .string(Data("edited".utf8).base64EncodedString())]]))
        try await h.eventually("the edit is repaired") { try await secret()?.string(forKey: "password") == changed }

        // A new controller process over a converged cluster writes nothing.
        try await Task.sleep(for: .seconds(1))
        await h.stopController()
        h.writes.entries.withLock { $0.removeAll() }
        try await h.startController()
        try await Task.sleep(for: .seconds(2))
        XCTAssertEqual(h.writesSnapshot(), [], "a restart with nothing to change must not write")
        try await assertNoPlaintexts()
    }

    func testTamperedMovedWrongKeyAndMalformedValuesKeepTheSecret() async throws {
        let kms = try await installLocalProvider()
        let good = try await seal(["password": password], with: kms)
        try await h.create(kmsSecret(data: good))
        try await waitReady()
        let before = try await secret()
        XCTAssertEqual(before?.string(forKey: "password"), password)

        // Tampered: one ciphertext bit flipped.
        var envelope = try Envelope(text: good["password"] ?? "")
        envelope.ciphertext[0] ^= 1
        try await patchData(["password": envelope.text])
        try await waitFailure("Tampered", mentioning: "spec.encryptedData.password")
        try await h.eventually("Decrypted=False") { try await condition("Decrypted")?.reason == "Tampered" }

        // Moved: sealed for another KMSSecret.
        let moved = try await seal(["password": changed], with: kms, name: "other")
        try await patchData(moved)
        try await waitFailure("BoundElsewhere", mentioning: "spec.encryptedData.password")
        let message = try await condition("Ready")?.message ?? ""
        XCTAssertTrue(message.contains("apps/other"), message)
        XCTAssertTrue(message.contains("astrolift seal -n apps --name db"), message)

        // Wrong key: sealed with another local key.
        let otherKMS = try LocalKMS(key: (0..<32).map { _ in UInt8.random(in: 0...255) }, source: "other")
        try await patchData(try await seal(["password": changed], with: otherKMS))
        try await waitFailure("WrongKey", mentioning: "spec.encryptedData.password")

        // Not an envelope at all.
        try await patchData(["password": "plainly-not-sealed"])
        try await waitFailure("MalformedEnvelope", mentioning: "spec.encryptedData.password")

        // Through all of it the Secret was never touched.
        let after = try await secret()
        XCTAssertEqual(after?.metadata.resourceVersion, before?.metadata.resourceVersion)
        XCTAssertEqual(after?.string(forKey: "password"), password)
        try await patchData(good)
        try await waitReady()
        try await assertNoPlaintexts()
    }

    func testBadInputNamesTheFieldAndTheFix() async throws {
        // A provider whose key Secret is missing.
        try await h.create(
            ClusterKeyProvider(
                metadata: ObjectMeta(name: "broken"),
                spec: KeyProviderSpec(
                    type: .local,
                    local: LocalKeyProvider(secretRef: NamespacedSecretKeyReference(name: "no-such-key", key: "key")))))
        try await h.eventually("the provider says which Secret is missing") {
            let ready = try await h.admin.api(ClusterKeyProvider.self).get("broken").status?.conditions?[type: "Ready"]
            return ready?.status == .false && ready?.reason == "InvalidConfiguration"
                && ready?.message.contains("spec.local.secretRef: Secret astrolift-system/no-such-key does not exist")
                    == true
        }
        try await h.eventually("an InvalidConfiguration event on the provider") {
            try await h.eventReasons(about: "broken", "default").contains("InvalidConfiguration")
        }
        try await h.create(kmsSecret(provider: "broken", data: ["password": "v1:AAAA"]))
        try await waitFailure("InvalidConfiguration", mentioning: "spec.local.secretRef")

        // A provider that does not exist.
        try await h.create(kmsSecret("nowhere", provider: "missing", data: ["password": "v1:AAAA"]))
        try await waitFailure("ProviderNotFound", mentioning: "spec.providerRef", "nowhere")

        // An unknown provider kind never gets in: the API refuses it, naming the field.
        var raw = try JSONValue(encoding: kmsSecret("bogus", data: ["password": "v1:AAAA"]))
        raw[path: ["spec", "providerRef", "kind"]] = "SecretsManager"
        do {
            _ = try await h.admin.dynamicApi(KMSSecret.resource, namespace: "apps").create(DynamicObject(raw))
            XCTFail("an unknown provider kind was accepted")
        } catch let error as KubeAPIError {
            XCTAssertTrue(error.description.contains("spec.providerRef.kind"), error.description)
        }
        // So is an unknown provider type.
        var provider = try JSONValue(
            encoding: ClusterKeyProvider(
                metadata: ObjectMeta(name: "odd"),
                spec: KeyProviderSpec(
                    type: .local,
                    local: LocalKeyProvider(secretRef: NamespacedSecretKeyReference(name: "k", key: "key")))))
        provider[path: ["spec", "type"]] = "HSM"
        do {
            _ = try await h.admin.dynamicApi(ClusterKeyProvider.resource).create(DynamicObject(provider))
            XCTFail("an unknown provider type was accepted")
        } catch let error as KubeAPIError {
            XCTAssertTrue(error.description.contains("spec.type"), error.description)
        }
        try await assertNoPlaintexts()
    }

    func testCreationPoliciesOnDelete() async throws {
        let kms = try await installLocalProvider()
        // Owner: deleted with the KMSSecret.
        try await h.create(kmsSecret("owned", data: try await seal(["password": password], with: kms, name: "owned")))
        // Orphan: kept.
        try await h.create(
            kmsSecret(
                "kept", data: try await seal(["password": password], with: kms, name: "kept"),
                target: KMSSecretTarget(creationPolicy: .orphan)))
        // Merge: into an existing Secret; only our keys.
        try await h.create(
            kmsSecret(
                "merged", data: try await seal(["password": password], with: kms, name: "merged"),
                target: KMSSecretTarget(name: "app-config", creationPolicy: .merge)))
        try await waitFailure("SecretNotFound", mentioning: "app-config", "merged")
        var existing = Secret(metadata: ObjectMeta(name: "app-config", namespace: "apps"))
        existing.setData(Data("theirs".utf8), forKey: "other")
        try await h.create(existing)
        for name in ["owned", "kept", "merged"] { try await waitReady(name) }
        let merged = try await secret("app-config")
        XCTAssertEqual(merged?.string(forKey: "password"), password)
        XCTAssertEqual(merged?.string(forKey: "other"), "theirs")
        XCTAssertNil(merged?.metadata.ownerReferences)
        let value = try await secret("kept")?.metadata.ownerReferences
        XCTAssertNil(value)

        for name in ["owned", "kept", "merged"] {
            try await h.admin.api(KMSSecret.self, namespace: "apps").delete(name)
        }
        try await h.eventually("the KMSSecrets are gone and the owned Secret with them") {
            let left = try await h.admin.api(KMSSecret.self, namespace: "apps").list().items
            let owned = try await secret("owned")
            return left.isEmpty && owned == nil
        }
        try await h.eventually("the merged keys are removed, theirs stay") {
            let s = try await secret("app-config")
            return s?.data?["password"] == nil && s?.string(forKey: "other") == "theirs"
                && s?.metadata.annotations?["astrolift.dev/content-hash"] == nil
        }
        let orphan = try await secret("kept")
        XCTAssertEqual(orphan?.string(forKey: "password"), password)
        try await assertNoPlaintexts()
    }

    func testWorkbenchMountingTheSecretRollsWhenTheContentChanges() async throws {
        let kms = try await installLocalProvider()
        try await h.createBasics()
        try await h.create(
            kmsSecret(namespace: "team", data: try await seal(["password": password], with: kms, namespace: "team")))
        try await waitReady("db", "team")
        var wb = Samples.workbench()
        wb.spec.secrets = [WorkbenchSecretMount(name: "db")]
        try await h.create(wb)
        func podHash() async throws -> String? {
            try await h.statefulSet("ada")?.spec?.template.metadata?.annotations?["astrolift.dev/secrets-hash"]
        }
        try await h.eventually("the pod template carries the secrets hash") { try await podHash() != nil }
        let first = try await podHash()
        try await h.patchSpec(
            KMSSecret.self, "db", "team",
            [
                "encryptedData": .object(
                    try await seal(["password": changed], with: kms, namespace: "team").mapValues { .string($0) })
            ])
        try await h.eventually("the new content rolls the session") {
            let hash = try await podHash()
            return hash != nil && hash != first
        }
        try await assertNoPlaintexts()
    }

    // MARK: AWS KMS on moto

    private struct CreatedKey: Decodable {
        struct Metadata: Decodable {
            var KeyId: String
            var Arn: String
        }
        var KeyMetadata: Metadata
    }

    func testAWSKMSOnMotoThenUnreachableKeepsTheSecret() async throws {
        let url = try integrationServer("ASTROLIFT_TEST_MOTO_URL", what: "moto_server")
        let secretKey = Self.plaintexts[3]
        let http = try KMSHTTPClient()
        let credentials = StaticAWSCredentialProvider(
            AWSCredentials(accessKeyID: "AKIDCONTROLLER", secretAccessKey: secretKey), source: "test")
        let created = try await AWSKMS(
            keyID: "", region: "us-east-1", endpoint: url, credentials: credentials, http: http, ownsHTTP: false
        ).call("CreateKey", ["Description": "astrolift controller test"], as: CreatedKey.self)
        let kms = AWSKMS(
            keyID: created.KeyMetadata.KeyId, region: "us-east-1", endpoint: url, credentials: credentials, http: http,
            ownsHTTP: false)
        let sealed = try await seal(["password": password], with: kms)
        await http.shutdown()

        var creds = Secret(metadata: ObjectMeta(name: "aws-kms", namespace: "astrolift-system"))
        creds.setData(Data("AKIDCONTROLLER".utf8), forKey: "access-key-id")
        creds.setData(Data(secretKey.utf8), forKey: "secret-access-key")
        try await h.create(creds)
        try await h.create(
            ClusterKeyProvider(
                metadata: ObjectMeta(name: "aws"),
                spec: KeyProviderSpec(
                    type: .aws,
                    aws: AWSKMSProvider(
                        keyID: created.KeyMetadata.KeyId, region: "us-east-1", endpoint: url,
                        auth: AWSAuth(secretRef: AWSCredentialsSecret(name: "aws-kms"))))))
        try await h.eventually("the AWS provider is Ready with the key ARN") {
            let p = try await h.admin.api(ClusterKeyProvider.self).get("aws")
            return p.status?.conditions?.isTrue("Ready") == true && p.status?.keyID == created.KeyMetadata.Arn
        }
        try await h.create(kmsSecret(provider: "aws", data: sealed))
        try await waitReady()
        let before = try await secret()
        XCTAssertEqual(before?.string(forKey: "password"), password)

        // The KMS goes away: the Secret stays as it is.
        try await h.patchSpec(ClusterKeyProvider.self, "aws", nil, ["aws": ["endpoint": "http://127.0.0.1:1"]])
        try await waitFailure("Unreachable", mentioning: "ClusterKeyProvider aws")
        try await h.eventually("ProviderReachable=False") {
            try await condition("ProviderReachable")?.status == .false
        }
        try await h.eventually("the provider is not Ready either") {
            try await h.admin.api(ClusterKeyProvider.self).get("aws").status?.conditions?[type: "Reachable"]?.reason
                == "Unreachable"
        }
        let after = try await secret()
        XCTAssertEqual(after?.metadata.resourceVersion, before?.metadata.resourceVersion)
        XCTAssertEqual(after?.string(forKey: "password"), password)
        // Back again: Ready, nothing rewritten.
        try await h.patchSpec(ClusterKeyProvider.self, "aws", nil, ["aws": ["endpoint": .string(url)]])
        try await waitReady()
        let value = try await secret()?.metadata.resourceVersion
        XCTAssertEqual(value, before?.metadata.resourceVersion)
        try await assertNoPlaintexts()
    }

    // MARK: Vault transit on OpenBao

    func testVaultTransitRotationThenReseal() async throws {
        let address = try integrationServer("ASTROLIFT_TEST_BAO_ADDR", what: "bao server -dev")
        let token = ProcessInfo.processInfo.environment["ASTROLIFT_TEST_BAO_TOKEN"] ?? "root"
        let http = try KMSHTTPClient()
        let mount = "transit-\(UUID().uuidString.prefix(8).lowercased())"
        let admin = [("X-Vault-Token", token), ("Content-Type", "application/json")]
        func bao(_ path: String, _ body: String = "{}") async throws {
            let answer = try await http.send(
                .POST, "\(address)/v1/\(path)", headers: admin, body: Array(body.utf8), service: "bao")
            XCTAssertTrue((200..<300).contains(answer.status), "\(path): \(answer.status) \(answer.text)")
        }
        try await bao("sys/mounts/\(mount)", #"{"type":"transit"}"#)
        try await bao("\(mount)/keys/astrolift")
        let kms = VaultTransit(
            address: address, mountPath: mount, transitKey: "astrolift", auth: .token(token), http: http,
            ownsHTTP: false)
        let sealed = try await seal(["password": password], with: kms)

        var tokenSecret = Secret(metadata: ObjectMeta(name: "bao-token", namespace: "astrolift-system"))
        tokenSecret.setData(Data(token.utf8), forKey: "token")
        try await h.create(tokenSecret)
        try await h.create(
            ClusterKeyProvider(
                metadata: ObjectMeta(name: "vault"),
                spec: KeyProviderSpec(
                    type: .vault,
                    vault: VaultTransitProvider(
                        address: address, mountPath: mount, keyName: "astrolift",
                        auth: VaultAuth(tokenSecretRef: NamespacedSecretKeyReference(name: "bao-token", key: "token"))),
                    checkInterval: KubeDuration("2s"))))
        try await h.create(kmsSecret(provider: "vault", data: sealed))
        try await waitReady()
        let before = try await secret()
        XCTAssertEqual(before?.string(forKey: "password"), password)
        let version = try await status()?.keyVersion
        XCTAssertEqual(version, "1")

        // Rotate: the value still opens and asks to be re-sealed; the Secret is not rewritten.
        try await bao("\(mount)/keys/astrolift/rotate")
        _ = try await h.admin.api(KMSSecret.self, namespace: "apps").patch(
            "db", .merge(["metadata": ["annotations": ["test/recheck": "1"]]]))
        try await h.eventually("ResealRecommended=True") {
            let c = try await condition("ResealRecommended")
            return c?.status == .true && c?.message.contains("spec.encryptedData password") == true
        }
        try await waitReady()
        try await h.eventually("a ResealRecommended event") {
            try await h.eventReasons(about: "db", "apps").contains("ResealRecommended")
        }
        // Re-sealed under version 2: same content, so the Secret stays untouched.
        try await patchData(try await seal(["password": password], with: kms))
        try await h.eventually("sealed under version 2, nothing to re-seal") {
            let s = try await status()
            return s?.keyVersion == "2" && s?.conditions?[type: "ResealRecommended"]?.status == .false
        }
        let after = try await secret()
        XCTAssertEqual(after?.metadata.resourceVersion, before?.metadata.resourceVersion)
        try await h.eventually("the provider reports version 2") {
            try await h.admin.api(ClusterKeyProvider.self).get("vault").status?.keyVersion == "2"
        }
        await http.shutdown()
        try await assertNoPlaintexts(extra: token == "root" ? [] : [token])
    }
}

/// The URL of a real server the integration tests use, from `variable`. Missing: a
/// failure under CI=true (hack/test.sh starts the servers), a skip otherwise.
func integrationServer(_ variable: String, what: String) throws -> String {
    let env = ProcessInfo.processInfo.environment
    if let value = env[variable], !value.isEmpty { return value }
    let message = "\(variable) is not set: run hack/test.sh, which starts \(what) on loopback"
    if env["CI"] == "true" {
        XCTFail(message + " (CI=true: integration tests must not be skipped)")
        throw KMSError(.invalidConfiguration, message)
    }
    throw XCTSkip(message)
}
