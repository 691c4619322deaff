import AstroliftAPI
import Foundation
import XCTest

@testable import AstroliftKMS

/// A resolver that serves fixed Secret values and records what was asked.
actor FakeResolver: KMSCredentialResolver {
    var secrets: [CredentialSecretRef: [UInt8]]
    private(set) var asked: [CredentialSecretRef] = []
    private(set) var audiences: [String] = []

    init(_ secrets: [CredentialSecretRef: [UInt8]] = [:]) {
        self.secrets = secrets
    }

    func secretValue(_ selector: CredentialSecretRef) async throws -> [UInt8] {
        asked.append(selector)
        guard let value = secrets[selector] else {
            throw KMSError(.invalidConfiguration, "\(selector) does not exist")
        }
        return value
    }

    func serviceAccountToken(audience: String) async throws -> String {
        audiences.append(audience)
        return "sa-token"
    }
}

final class ProviderFactoryTests: XCTestCase {
    let keyRef = NamespacedSecretKeyReference(name: "astrolift-local-key", namespace: "astrolift-system", key: "key")

    func make(
        _ spec: KeyProviderSpec, _ resolver: FakeResolver, mode: KMSCredentialMode = .controller,
        env: [String: String] = [:]
    )
        async throws -> any KeyManagementService
    {
        try await KMSProviderFactory.make(
            spec: spec, resolver: resolver, options: .init(mode: mode, environment: env))
    }

    func testLocalKeyFromTheSecretAsDevBootstrapWritesIt() async throws {
        let key = (0..<32).map { UInt8($0 * 3 % 256) }
        let resolver = FakeResolver([
            CredentialSecretRef(name: "astrolift-local-key", namespace: "astrolift-system", key: "key"): key
        ])
        let kms = try await make(KeyProviderSpec(type: .local, local: LocalKeyProvider(secretRef: keyRef)), resolver)
        XCTAssertEqual(kms.kind, .local)
        let description = try await kms.describeKey()
        XCTAssertEqual(description.keyID, LocalKMS.fingerprint(key))
        XCTAssertTrue(kms.keyName.contains("astrolift-system/astrolift-local-key"), kms.keyName)
    }

    func testLocalKeyOfTheWrongSizeNamesTheSecret() async throws {
        let resolver = FakeResolver([
            CredentialSecretRef(name: "astrolift-local-key", namespace: "astrolift-system", key: "key"): [1, 2, 3]
        ])
        do {
            _ = try await make(KeyProviderSpec(type: .local, local: LocalKeyProvider(secretRef: keyRef)), resolver)
            XCTFail("accepted a 3-byte key")
        } catch let error as KMSError {
            XCTAssertEqual(error.kind, .invalidConfiguration)
            XCTAssertTrue(error.message.contains("astrolift-system/astrolift-local-key"), error.message)
        }
    }

    func testMissingMemberNamesTheField() async throws {
        for type in KeyProviderType.allCases {
            do {
                _ = try await make(KeyProviderSpec(type: type), FakeResolver())
                XCTFail("\(type) without its member")
            } catch let error as KMSError {
                XCTAssertEqual(error.kind, .invalidConfiguration)
                XCTAssertTrue(error.message.contains("spec.type is \(type.rawValue)"), error.message)
            }
        }
    }

    func testAWSSecretRefReadsTheDefaultKeys() async throws {
        let resolver = FakeResolver([
            CredentialSecretRef(name: "aws", namespace: nil, key: "access-key-id"): Array("AKIDFROMSECRET".utf8),
            CredentialSecretRef(name: "aws", namespace: nil, key: "secret-access-key"): Array("secret\n".utf8),
        ])
        let spec = KeyProviderSpec(
            type: .aws,
            aws: AWSKMSProvider(
                keyID: "alias/astrolift", region: "eu-west-1",
                auth: AWSAuth(secretRef: AWSCredentialsSecret(name: "aws"))))
        let kms = try await make(spec, resolver)
        await kms.shutdown()
        XCTAssertEqual(kms.kind, .aws)
        XCTAssertEqual(kms.keyName, "AWS KMS key alias/astrolift (eu-west-1)")
        XCTAssertEqual((kms as? AWSKMS)?.endpoint, "https://kms.eu-west-1.amazonaws.com")
        let asked = await resolver.asked.map(\.key)
        XCTAssertEqual(asked, ["access-key-id", "secret-access-key"])
    }

    func testCallerModeNeverReadsCredentialSecrets() async throws {
        let resolver = FakeResolver()
        let vault = KeyProviderSpec(
            type: .vault,
            vault: VaultTransitProvider(
                address: "https://vault.example.com", keyName: "astrolift",
                auth: VaultAuth(tokenSecretRef: NamespacedSecretKeyReference(name: "vault-token", key: "token"))))
        do {
            _ = try await make(vault, resolver, mode: .caller)
            XCTFail("made a Vault provider without VAULT_TOKEN")
        } catch let error as KMSError {
            XCTAssertEqual(error.kind, .unauthorized)
            XCTAssertTrue(error.message.contains("VAULT_TOKEN"), error.message)
        }
        let withToken = try await make(vault, resolver, mode: .caller, env: ["VAULT_TOKEN": "hvs.x"])
        await withToken.shutdown()
        let gcp = KeyProviderSpec(
            type: .gcp,
            gcp: GCPKMSProvider(
                keyName: "projects/p/locations/l/keyRings/r/cryptoKeys/k",
                serviceAccountKeySecretRef: NamespacedSecretKeyReference(name: "gcp", key: "key.json")))
        do {
            _ = try await make(gcp, resolver, mode: .caller)
            XCTFail("made a GCP provider without credentials")
        } catch let error as KMSError {
            XCTAssertTrue(error.message.contains("GOOGLE_APPLICATION_CREDENTIALS"), error.message)
        }
        let asked = await resolver.asked
        XCTAssertEqual(asked, [], "caller mode read \(asked)")
    }

    func testControllerModeKubernetesAuthAndWorkloadIdentityAskForTokens() async throws {
        let resolver = FakeResolver()
        let azure = try await make(
            KeyProviderSpec(
                type: .azure,
                azure: AzureKeyVaultProvider(
                    vaultURL: "https://acme.vault.azure.net", keyName: "astrolift", tenantID: "t", clientID: "c")),
            resolver)
        XCTAssertEqual(azure.kind, .azure)
        await azure.shutdown()
        let vault = try await make(
            KeyProviderSpec(
                type: .vault,
                vault: VaultTransitProvider(
                    address: "https://vault.example.com", keyName: "astrolift",
                    auth: VaultAuth(kubernetes: VaultKubernetesAuth(role: "astrolift")))), resolver)
        XCTAssertTrue(vault.keyName.contains("transit/astrolift"), vault.keyName)
        await vault.shutdown()
    }
}
