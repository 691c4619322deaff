import Crypto
import Foundation
import XCTest

@testable import AstroliftKMS

/// Plaintexts the tests seal; no error message or log line may ever contain them.
enum Plaintexts {
    static let all = ["hunter2-correct-horse-battery", "s3cr3t-db-password-XYZZY", "tok_live_ABCDEF0123456789"]
    static let first = all[0]
}

/// Fails when `text` contains any test plaintext, a data key's base64, or a token.
func assertNoSecrets(
    _ text: String, extra: [String] = [], file: StaticString = #filePath, line: UInt = #line
) {
    for secret in Plaintexts.all + extra where !secret.isEmpty {
        XCTAssertFalse(text.contains(secret), "output contains a secret: \(text)", file: file, line: line)
    }
}

/// A KMS with numbered versions held in memory, for rotation tests.
actor FakeVersionedKMSState {
    var versions: [SymmetricKey] = [SymmetricKey(size: .bits256)]
    func rotate() { versions.append(SymmetricKey(size: .bits256)) }
    func key(_ version: Int) -> SymmetricKey? { versions.indices.contains(version - 1) ? versions[version - 1] : nil }
    var current: Int { versions.count }
}

struct FakeVersionedKMS: KeyManagementService {
    let state = FakeVersionedKMSState()
    var kind: KMSProviderKind { .vault }
    var keyName: String { "fake key" }

    func wrap(_ dataKey: SymmetricKey, binding: EnvelopeBinding) async throws -> WrappedDataKey {
        let version = await state.current
        guard let key = await state.key(version) else { throw KMSError(.keyNotFound, "no version") }
        let box = try AES.GCM.seal(dataKey.rawBytes, using: key, authenticating: binding.associatedData)
        return WrappedDataKey(ciphertext: Array(box.combined ?? Data()), keyID: "fake", keyVersion: String(version))
    }

    func unwrap(_ wrapped: WrappedDataKey, binding: EnvelopeBinding) async throws -> SymmetricKey {
        guard let version = Int(wrapped.keyVersion), let key = await state.key(version) else {
            throw KMSError(.wrongKey, "unknown version")
        }
        let raw = try AES.GCM.open(
            AES.GCM.SealedBox(combined: wrapped.ciphertext), using: key, authenticating: binding.associatedData)
        return SymmetricKey(data: raw)
    }

    func describeKey() async throws -> KeyDescription {
        KeyDescription(keyID: "fake", currentVersion: String(await state.current))
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
