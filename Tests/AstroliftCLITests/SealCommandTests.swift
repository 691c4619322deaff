import AstroliftAPI
import Foundation
import KubeClient
import KubeConfig
import KubeControlPlane
import KubeCore
import KubeModels
import XCTest

@testable import AstroliftKMS

/// `astrolift seal` and `seal --verify`, run as the built binary.
final class SealCommandTests: XCTestCase {
    static let plaintexts = ["hunter2-correct-horse-battery", "s3cr3t-db-password-XYZZY", "-----BEGIN TEST KEY-----"]

    func assertNoPlaintext(_ result: CLIHarness.Result, file: StaticString = #filePath, line: UInt = #line) {
        for secret in Self.plaintexts {
            XCTAssertFalse(result.stdout.contains(secret), "stdout shows a plaintext", file: file, line: line)
            XCTAssertFalse(result.stderr.contains(secret), "stderr shows a plaintext", file: file, line: line)
        }
    }

    func writeKey(_ cli: CLIHarness, name: String) throws -> String {
        let key = (0..<32).map { _ in UInt8.random(in: 0...255) }
        return try cli.write(Data(key).base64EncodedString() + "\n", to: name)
    }

    func testLocalSealVerifyAndFailures() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let key = try writeKey(cli, name: "local.key")
        let manifest = try cli.write(
            """
            apiVersion: v1
            kind: Secret
            metadata:
              name: ignored
              labels: {app: db}
            type: kubernetes.io/basic-auth
            stringData:
              password: \(Self.plaintexts[0])
            data:
              username: \(Data("admin".utf8).base64EncodedString())
            """, to: "secret.yaml")
        let pem = try cli.write(Self.plaintexts[2] + "\n", to: "tls.pem")
        let out = cli.directory.appendingPathComponent("sealed.yaml").path
        let sealed = try await cli.run([
            "seal", "--namespace", "team-a", "--name", "db", "--provider", "local", "--local-key-file", key,
            "-f", manifest, "--from-literal", "token=\(Self.plaintexts[1])", "--from-file", "tls.key=\(pem)", "-o", out,
        ])
        XCTAssertEqual(sealed.status, 0, sealed.stderr)
        assertNoPlaintext(sealed)
        let yaml = try String(contentsOfFile: out, encoding: .utf8)
        for secret in Self.plaintexts { XCTAssertFalse(yaml.contains(secret), "the sealed file shows a plaintext") }
        for expected in [
            "kind: KMSSecret", "namespace: team-a", "name: db", "kind: ClusterKeyProvider", "password: v1:",
            "username: v1:", "token: v1:", "tls.key: v1:", "type: kubernetes.io/basic-auth", "app: db",
        ] {
            XCTAssertTrue(yaml.contains(expected), "missing \(expected) in\n\(yaml)")
        }

        let verified = try await cli.run(["seal", "--verify", out, "--local-key-file", key])
        XCTAssertEqual(verified.status, 0, verified.stderr)
        XCTAssertTrue(verified.stdout.contains("password: opens"), verified.stdout)
        XCTAssertTrue(verified.stdout.contains("tls.key: opens"), verified.stdout)
        assertNoPlaintext(verified)

        // Moved to another namespace: names where it was sealed for and where it is used.
        let moved = try cli.write(
            yaml.replacingOccurrences(of: "namespace: team-a", with: "namespace: team-b"), to: "moved.yaml")
        let movedResult = try await cli.run(["seal", "--verify", moved, "--local-key-file", key])
        XCTAssertEqual(movedResult.status, 1)
        XCTAssertTrue(movedResult.stdout.contains("sealed for team-a/db key \"password\""), movedResult.stdout)
        XCTAssertTrue(movedResult.stderr.contains("do not open"), movedResult.stderr)
        assertNoPlaintext(movedResult)

        // Another key.
        let otherKey = try writeKey(cli, name: "other.key")
        let wrongKey = try await cli.run(["seal", "--verify", out, "--local-key-file", otherKey])
        XCTAssertEqual(wrongKey.status, 1)
        XCTAssertTrue(wrongKey.stdout.contains("DOES NOT OPEN"), wrongKey.stdout)
        assertNoPlaintext(wrongKey)

        // Garbage in place of an envelope.
        let broken = try cli.write(
            yaml.replacingOccurrences(of: "password: v1:", with: "password: v1:!!"), to: "broken.yaml")
        let brokenResult = try await cli.run(["seal", "--verify", broken, "--local-key-file", key])
        XCTAssertEqual(brokenResult.status, 1)
        XCTAssertTrue(brokenResult.stdout.contains("password: DOES NOT OPEN"), brokenResult.stdout)
    }

    func testUsageErrors() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let key = try writeKey(cli, name: "local.key")
        let noName = try await cli.run([
            "seal", "--namespace", "team-a", "--provider", "local", "--local-key-file", key, "--from-literal",
            "a=\(Self.plaintexts[0])",
        ])
        XCTAssertEqual(noName.status, 1)
        XCTAssertTrue(noName.stderr.contains("--namespace and --name are required"), noName.stderr)
        assertNoPlaintext(noName)
        let nothing = try await cli.run([
            "seal", "--namespace", "team-a", "--name", "db", "--provider", "local", "--local-key-file", key,
        ])
        XCTAssertEqual(nothing.status, 1)
        XCTAssertTrue(nothing.stderr.contains("nothing to seal"), nothing.stderr)
        let noCredentials = try await cli.run([
            "seal", "--namespace", "team-a", "--name", "db", "--provider", "aws", "--aws-key-id", "alias/x",
            "--aws-region", "eu-west-1", "--aws-endpoint", "http://127.0.0.1:1", "--from-literal",
            "a=\(Self.plaintexts[0])",
        ])
        XCTAssertEqual(noCredentials.status, 1)
        XCTAssertTrue(noCredentials.stderr.contains("AWS_ACCESS_KEY_ID"), noCredentials.stderr)
        assertNoPlaintext(noCredentials)
    }

    func testSealFromStdinAndWithVaultTransitOnOpenBao() async throws {
        let env = ProcessInfo.processInfo.environment
        guard let address = env["ASTROLIFT_TEST_BAO_ADDR"], !address.isEmpty else {
            if env["CI"] == "true" { XCTFail("ASTROLIFT_TEST_BAO_ADDR is not set (CI=true): run hack/test.sh") }
            throw XCTSkip("ASTROLIFT_TEST_BAO_ADDR is not set: run hack/test.sh, which starts bao server -dev")
        }
        let rootToken = env["ASTROLIFT_TEST_BAO_TOKEN"] ?? "root"
        let mount = "transit-\(UUID().uuidString.prefix(8).lowercased())"
        let http = try KMSHTTPClient()
        func post(_ path: String, _ body: String) async throws {
            let answer = try await http.send(
                .POST, "\(address)/v1/\(path)", headers: [("X-Vault-Token", rootToken)], body: Array(body.utf8),
                service: "bao")
            XCTAssertTrue((200..<300).contains(answer.status), "\(path): \(answer.text)")
        }
        do {
            try await post("sys/mounts/\(mount)", #"{"type":"transit"}"#)
            try await post("\(mount)/keys/astrolift", "{}")
        } catch {
            await http.shutdown()
            throw error
        }

        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let flags = ["--vault-address", address, "--vault-key", "astrolift", "--vault-mount", mount]
        let vaultEnv = ["BAO_ROOT": rootToken]
        let manifest = """
            apiVersion: v1
            kind: Secret
            metadata: {name: db}
            stringData: {password: \(Self.plaintexts[0])}
            """
        let sealed = try await cli.run(
            ["seal", "-n", "team-a", "--name", "db", "--provider", "vault", "-f", "-", "--vault-token-env", "BAO_ROOT"]
                + flags, environment: vaultEnv, stdin: manifest)
        XCTAssertEqual(sealed.status, 0, sealed.stderr)
        XCTAssertTrue(sealed.stdout.contains("password: v1:"), sealed.stdout)
        assertNoPlaintext(sealed)
        let file = try cli.write(sealed.stdout, to: "sealed.yaml")
        let verify = ["seal", "--verify", file, "--vault-token-env", "BAO_ROOT"] + flags
        let current = try await cli.run(verify, environment: vaultEnv)
        XCTAssertEqual(current.status, 0, current.stderr + current.stdout)
        XCTAssertTrue(current.stdout.contains("password: opens; key version 1, current"), current.stdout)

        // After rotation the value still opens and --verify recommends a re-seal.
        do {
            try await post("\(mount)/keys/astrolift/rotate", "{}")
        } catch {
            await http.shutdown()
            throw error
        }
        await http.shutdown()
        let rotated = try await cli.run(verify, environment: vaultEnv)
        XCTAssertEqual(rotated.status, 0, rotated.stderr + rotated.stdout)
        XCTAssertTrue(rotated.stdout.contains("password: opens; re-seal recommended"), rotated.stdout)
        XCTAssertTrue(rotated.stdout.contains("version 1, current \(mount)/astrolift version 2"), rotated.stdout)
        assertNoPlaintext(rotated)

        let noToken = try await cli.run(verify, environment: [:])
        XCTAssertEqual(noToken.status, 1)
        XCTAssertTrue(noToken.stderr.contains("BAO_ROOT"), noToken.stderr)
    }

    private struct CreatedKey: Decodable {
        struct Metadata: Decodable { var KeyId: String }
        var KeyMetadata: Metadata
    }

    func testSealAndVerifyWithAWSKMSOnMoto() async throws {
        let env = ProcessInfo.processInfo.environment
        guard let url = env["ASTROLIFT_TEST_MOTO_URL"], !url.isEmpty else {
            if env["CI"] == "true" { XCTFail("ASTROLIFT_TEST_MOTO_URL is not set (CI=true): run hack/test.sh") }
            throw XCTSkip("ASTROLIFT_TEST_MOTO_URL is not set: run hack/test.sh, which starts moto_server")
        }
        let http = try KMSHTTPClient()
        let admin = AWSKMS(
            keyID: "", region: "us-east-1", endpoint: url,
            credentials: StaticAWSCredentialProvider(
                AWSCredentials(accessKeyID: "AKIDTESTING", secretAccessKey: "moto-secret-key"), source: "test"),
            http: http)
        let created: CreatedKey
        do {
            created = try await admin.call("CreateKey", ["Description": "astrolift cli test"], as: CreatedKey.self)
        } catch {
            await http.shutdown()
            throw error
        }
        await http.shutdown()

        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let awsEnv = ["AWS_ACCESS_KEY_ID": "AKIDTESTING", "AWS_SECRET_ACCESS_KEY": "moto-secret-key"]
        let flags = ["--aws-key-id", created.KeyMetadata.KeyId, "--aws-region", "us-east-1", "--aws-endpoint", url]
        let sealed = try await cli.run(
            [
                "seal", "-n", "team-a", "--name", "db", "--provider", "aws-kms", "--from-literal",
                "password=\(Self.plaintexts[0])",
            ]
                + flags, environment: awsEnv)
        XCTAssertEqual(sealed.status, 0, sealed.stderr)
        assertNoPlaintext(sealed)
        XCTAssertTrue(sealed.stdout.contains("password: v1:"), sealed.stdout)
        let file = try cli.write(sealed.stdout, to: "sealed.yaml")
        let verified = try await cli.run(["seal", "--verify", file] + flags, environment: awsEnv)
        XCTAssertEqual(verified.status, 0, verified.stderr + verified.stdout)
        XCTAssertTrue(verified.stdout.contains("password: opens"), verified.stdout)
        assertNoPlaintext(verified)
        XCTAssertFalse(verified.stdout.contains("moto-secret-key"))

        let renamed = try cli.write(
            sealed.stdout.replacingOccurrences(of: "name: db", with: "name: web"), to: "renamed.yaml")
        let moved = try await cli.run(["seal", "--verify", renamed] + flags, environment: awsEnv)
        XCTAssertEqual(moved.status, 1)
        XCTAssertTrue(moved.stdout.contains("sealed for team-a/db"), moved.stdout)
        assertNoPlaintext(moved)
    }
}

/// `astrolift seal --provider NAME` reading a Local ClusterKeyProvider and its key Secret
/// from the embedded control plane, as `astrolift dev` sets it up.
final class SealOnControlPlaneTests: XCTestCase {
    func testSealWithAClusterKeyProviderFromTheCluster() async throws {
        let cp = try await ControlPlane.start()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let client = try KubeClient(
            connection: ClusterConnection(
                server: cp.baseURL, certificateAuthorityPEM: Array(cp.caPEM.utf8),
                credentials: StaticTokenProvider(token: cp.adminToken), namespace: "default", origin: "test"))
        do {
            for var crd in CRDGenerator.all() {
                crd.setTypeMeta()
                _ = try await client.api(CustomResourceDefinition.self).apply(crd, fieldManager: "test", force: true)
            }
            _ = try await client.api(Namespace.self).create(Namespace(metadata: ObjectMeta(name: "astrolift-system")))
            var secret = Secret(metadata: ObjectMeta(name: "astrolift-local-key", namespace: "astrolift-system"))
            secret.setData(Data((0..<32).map { _ in UInt8.random(in: 0...255) }), forKey: "key")
            _ = try await client.api(Secret.self, namespace: "astrolift-system").create(secret)
            let provider = ClusterKeyProvider(
                metadata: ObjectMeta(name: "dev-local"),
                spec: KeyProviderSpec(
                    type: .local,
                    local: LocalKeyProvider(
                        secretRef: NamespacedSecretKeyReference(
                            name: "astrolift-local-key", namespace: "astrolift-system", key: "key"))))
            try await createWithRetry(client, provider)

            func b64(_ s: String) -> String { Data(s.utf8).base64EncodedString() }
            let kubeconfig = try cli.write(
                """
                apiVersion: v1
                kind: Config
                clusters:
                - name: dev
                  cluster: {server: "\(cp.baseURL.absoluteString)", certificate-authority-data: \(b64(cp.caPEM))}
                users:
                - name: admin
                  user: {token: \(cp.adminToken)}
                contexts:
                - name: dev
                  context: {cluster: dev, user: admin}
                current-context: dev
                """, to: "kubeconfig")
            let env = ["KUBECONFIG": kubeconfig]
            let sealed = try await cli.run(
                [
                    "seal", "-n", "team-a", "--name", "db", "--provider", "dev-local", "--from-literal",
                    "password=\(SealCommandTests.plaintexts[0])",
                ], environment: env)
            XCTAssertEqual(sealed.status, 0, sealed.stderr)
            XCTAssertTrue(sealed.stdout.contains("name: dev-local"), sealed.stdout)
            XCTAssertFalse(sealed.stdout.contains(SealCommandTests.plaintexts[0]))
            let file = try cli.write(sealed.stdout, to: "sealed.yaml")
            let verified = try await cli.run(["seal", "--verify", file], environment: env)
            XCTAssertEqual(verified.status, 0, verified.stderr + verified.stdout)
            XCTAssertTrue(verified.stdout.contains("password: opens"), verified.stdout)

            let missing = try await cli.run(
                ["seal", "-n", "team-a", "--name", "db", "--provider", "nope", "--from-literal", "a=b"],
                environment: env)
            XCTAssertEqual(missing.status, 1)
            XCTAssertTrue(missing.stderr.contains("nope"), missing.stderr)
        } catch {
            try? await client.shutdown()
            await cp.shutdown()
            throw error
        }
        try? await client.shutdown()
        await cp.shutdown()
    }

    /// A freshly applied CRD is served after a moment.
    private func createWithRetry(_ client: KubeClient, _ provider: ClusterKeyProvider) async throws {
        var attempt = 0
        while true {
            do {
                _ = try await client.api(ClusterKeyProvider.self).create(provider)
                return
            } catch {
                attempt += 1
                if attempt > 50 { throw error }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
