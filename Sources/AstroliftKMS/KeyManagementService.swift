import Crypto
import Foundation

/// Which key-management service a key lives in. The raw value is the byte recorded in
/// every envelope, so existing values must never change.
public enum KMSProviderKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case aws = 1
    case gcp = 2
    case azure = 3
    case vault = 4
    case local = 5

    /// The name people know the service by.
    public var description: String {
        switch self {
        case .aws: "AWS KMS"
        case .gcp: "Google Cloud KMS"
        case .azure: "Azure Key Vault"
        case .vault: "Vault transit"
        case .local: "local key"
        }
    }
}

/// What a sealed value is bound to: the KMSSecret's namespace and name and the Secret key
/// the value becomes. It is authenticated (never encrypted) data: a value sealed for one
/// binding does not open under another.
public struct EnvelopeBinding: Sendable, Hashable, CustomStringConvertible {
    /// The KMSSecret's namespace.
    public var namespace: String
    /// The KMSSecret's name.
    public var name: String
    /// The key in `encryptedData` (and in the Secret the value becomes).
    public var dataKey: String

    public init(namespace: String, name: String, dataKey: String) {
        self.namespace = namespace
        self.name = name
        self.dataKey = dataKey
    }

    /// `namespace/name` key `dataKey`, as errors print it.
    public var description: String { "\(namespace)/\(name) key \"\(dataKey)\"" }

    /// The encryption context handed to services that take a string map (AWS KMS).
    public var encryptionContext: [String: String] {
        [
            "astrolift.dev/namespace": namespace, "astrolift.dev/name": name,
            "astrolift.dev/key": dataKey,
        ]
    }

    /// The same binding as bytes, for services that take additional authenticated data
    /// (GCP, the local key, derived Vault keys). Fields are length-prefixed so that no
    /// two different bindings share an encoding.
    public var associatedData: [UInt8] {
        var out = Array("astrolift.dev/kmssecret/v1".utf8)
        for field in [namespace, name, dataKey] {
            let bytes = Array(field.utf8)
            out.append(contentsOf: [
                UInt8(truncatingIfNeeded: bytes.count >> 8), UInt8(truncatingIfNeeded: bytes.count),
            ])
            out.append(contentsOf: bytes)
        }
        return out
    }
}

/// A data key wrapped (encrypted) by a KMS key, with the key and version that wrapped it.
public struct WrappedDataKey: Sendable, Hashable {
    /// The service's ciphertext of the data key, as it returned it.
    public var ciphertext: [UInt8]
    /// The KMS key that wrapped it (an ARN, a resource name, a key URL, a transit key).
    public var keyID: String
    /// The version of that key, as the service names versions.
    public var keyVersion: String

    public init(ciphertext: [UInt8], keyID: String, keyVersion: String) {
        self.ciphertext = ciphertext
        self.keyID = keyID
        self.keyVersion = keyVersion
    }
}

/// A fresh data key: the plaintext key (used once, then dropped) and its wrapped form.
public struct GeneratedDataKey: Sendable {
    /// The 256-bit key that encrypts the value.
    public var key: SymmetricKey
    /// The key wrapped by the KMS.
    public var wrapped: WrappedDataKey

    public init(key: SymmetricKey, wrapped: WrappedDataKey) {
        self.key = key
        self.wrapped = wrapped
    }
}

/// The key a provider currently seals with, from a cheap metadata call.
public struct KeyDescription: Sendable, Hashable {
    /// The key's id as the service names it; compared with the id recorded in envelopes.
    public var keyID: String
    /// The version new seals use.
    public var currentVersion: String
    /// The oldest version that can still decrypt, when the service says (Vault's
    /// `min_decryption_version`).
    public var minDecryptionVersion: String?

    public init(keyID: String, currentVersion: String, minDecryptionVersion: String? = nil) {
        self.keyID = keyID
        self.currentVersion = currentVersion
        self.minDecryptionVersion = minDecryptionVersion
    }
}

/// A key in a key-management service that wraps and unwraps 256-bit data keys.
///
/// Implementations talk to the service over HTTPS; they never log or put into an error
/// a data key, a plaintext, a token or a credential.
public protocol KeyManagementService: Sendable {
    /// The service.
    var kind: KMSProviderKind { get }
    /// The key as errors name it, e.g. `AWS KMS key alias/astrolift (eu-west-1)`.
    var keyName: String { get }

    /// Wraps `dataKey`, binding it to `binding` where the service supports it.
    func wrap(_ dataKey: SymmetricKey, binding: EnvelopeBinding) async throws -> WrappedDataKey

    /// Unwraps a data key wrapped by ``wrap(_:binding:)`` under the same binding.
    func unwrap(_ wrapped: WrappedDataKey, binding: EnvelopeBinding) async throws -> SymmetricKey

    /// A fresh random 256-bit data key and its wrapped form. The default makes the key
    /// locally and calls ``wrap(_:binding:)``; services with a data-key call use it.
    func generateDataKey(binding: EnvelopeBinding) async throws -> GeneratedDataKey

    /// The key's id and current version: a cheap reachability check.
    func describeKey() async throws -> KeyDescription

    /// Closes the provider's connections. Call once, when the provider is no longer used.
    func shutdown() async
}

extension KeyManagementService {
    public func generateDataKey(binding: EnvelopeBinding) async throws -> GeneratedDataKey {
        let key = SymmetricKey(size: .bits256)
        return GeneratedDataKey(key: key, wrapped: try await wrap(key, binding: binding))
    }

    public func shutdown() async {}
}

extension SymmetricKey {
    /// The key's bytes; only for handing the key to a KMS that wraps it.
    var rawBytes: [UInt8] { withUnsafeBytes { Array($0) } }
}
