import Crypto
import Foundation

/// An AES-256 key held by the caller (for the controller: read from a Kubernetes Secret).
///
/// Data keys are wrapped with AES-256-GCM under the key, authenticating the binding. The
/// key id is a fingerprint of the key (`local:sha256:` and 16 hex digits of a hash of a
/// fixed label and the key), so envelopes say which key sealed them without revealing it.
/// The version is always `1`: rotating a local key means a new key, so a new id.
public struct LocalKMS: KeyManagementService {
    private let key: SymmetricKey
    /// The key's fingerprint, e.g. `local:sha256:0123456789abcdef`.
    public let keyID: String
    /// Where the key came from, for messages (e.g. `Secret astrolift-system/astrolift-local-key`).
    public let source: String

    public var kind: KMSProviderKind { .local }
    public var keyName: String { "local key \(keyID) (\(source))" }

    /// A provider for the 32-byte `key`; `source` names where it came from in messages.
    public init(key: [UInt8], source: String) throws {
        guard key.count == 32 else {
            throw KMSError(
                .invalidConfiguration,
                "the local key in \(source) is \(key.count) bytes; it must be 32 random bytes (AES-256), raw or as "
                    + "base64 or hex text")
        }
        self.key = SymmetricKey(data: key)
        self.source = source
        self.keyID = Self.fingerprint(key)
    }

    /// A 32-byte key from what a Secret or file holds: the raw bytes, or base64 or hex
    /// text of them (surrounding whitespace ignored).
    public static func decodeKeyMaterial(_ bytes: [UInt8]) -> [UInt8]? {
        if bytes.count == 32 { return bytes }
        guard let text = String(bytes: bytes, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
        else { return nil }
        if let data = Data(base64Encoded: text), data.count == 32 { return Array(data) }
        if text.count == 64, text.allSatisfy(\.isHexDigit) {
            var out: [UInt8] = []
            var index = text.startIndex
            while index < text.endIndex {
                let next = text.index(index, offsetBy: 2)
                guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
                out.append(byte)
                index = next
            }
            return out
        }
        return nil
    }

    static func fingerprint(_ key: [UInt8]) -> String {
        let digest = SHA256.hash(data: Array("astrolift.dev/local-key-id".utf8) + key)
        return "local:sha256:" + digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public func wrap(_ dataKey: SymmetricKey, binding: EnvelopeBinding) async throws -> WrappedDataKey {
        let box = try AES.GCM.seal(dataKey.rawBytes, using: key, authenticating: binding.associatedData)
        guard let combined = box.combined else {
            throw KMSError(.service, "the local key could not wrap a data key")
        }
        return WrappedDataKey(ciphertext: Array(combined), keyID: keyID, keyVersion: "1")
    }

    public func unwrap(_ wrapped: WrappedDataKey, binding: EnvelopeBinding) async throws -> SymmetricKey {
        guard wrapped.keyID == keyID else {
            throw KMSError(
                .wrongKey,
                "the value in \(binding) was sealed with local key \(wrapped.keyID), but \(source) holds key "
                    + "\(keyID): use the key it was sealed with, or seal it again")
        }
        do {
            let box = try AES.GCM.SealedBox(combined: wrapped.ciphertext)
            let raw = try AES.GCM.open(box, using: key, authenticating: binding.associatedData)
            guard raw.count == 32 else { throw KMSError(.tampered, "") }
            return SymmetricKey(data: raw)
        } catch {
            throw KMSError(
                .tampered,
                "the data key of the value in \(binding) fails authentication under \(keyName): the envelope was "
                    + "altered; seal the value again")
        }
    }

    public func describeKey() async throws -> KeyDescription {
        KeyDescription(keyID: keyID, currentVersion: "1")
    }
}
