import Crypto
import Foundation

/// One sealed value: the decoded form of the text `astrolift seal` writes.
///
/// Text form: `v1:` followed by standard base64 of these bytes (integers big-endian):
///
/// | bytes | field |
/// |---|---|
/// | 1 | format version, `0x01` |
/// | 1 | provider kind (1 AWS, 2 GCP, 3 Azure, 4 Vault, 5 local) |
/// | 2 + n | key id (UTF-8), length-prefixed |
/// | 2 + n | key version (UTF-8), length-prefixed |
/// | 2 + n | bound namespace (UTF-8), length-prefixed |
/// | 2 + n | bound name (UTF-8), length-prefixed |
/// | 2 + n | bound Secret key (UTF-8), length-prefixed |
/// | 2 + n | wrapped data key (the KMS's ciphertext), length-prefixed |
/// | 12 | AES-GCM nonce |
/// | rest | AES-256-GCM ciphertext followed by its 16-byte tag |
///
/// Everything before the nonce is the additional authenticated data of the AES-GCM
/// encryption, so no header field (binding, key id, version) can be changed unnoticed.
/// The binding is stored in clear so a mismatch can be reported precisely.
public struct Envelope: Sendable, Hashable {
    /// The text prefix of format version 1.
    public static let prefix = "v1:"
    static let formatVersion: UInt8 = 1
    static let nonceSize = 12
    static let tagSize = 16

    /// The service whose key wrapped the data key.
    public var provider: KMSProviderKind
    /// The wrapped data key with the key id and version that wrapped it.
    public var wrappedKey: WrappedDataKey
    /// What the value is bound to.
    public var binding: EnvelopeBinding
    /// The AES-GCM nonce.
    public var nonce: [UInt8]
    /// The AES-GCM ciphertext and tag.
    public var ciphertext: [UInt8]

    /// The bytes before the nonce: the AES-GCM additional authenticated data.
    var header: [UInt8] {
        var out: [UInt8] = [Self.formatVersion, provider.rawValue]
        for field in [
            Array(wrappedKey.keyID.utf8), Array(wrappedKey.keyVersion.utf8), Array(binding.namespace.utf8),
            Array(binding.name.utf8), Array(binding.dataKey.utf8), wrappedKey.ciphertext,
        ] {
            out.append(UInt8(truncatingIfNeeded: field.count >> 8))
            out.append(UInt8(truncatingIfNeeded: field.count))
            out.append(contentsOf: field)
        }
        return out
    }

    /// The text form.
    public var text: String { Self.prefix + Data(header + nonce + ciphertext).base64EncodedString() }

    /// Parses the text form; throws ``KMSError`` (`malformedEnvelope`) naming what is wrong.
    public init(text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(Self.prefix) else {
            // `vN:` of a later format: say so, rather than "not an envelope".
            if let colon = trimmed.firstIndex(of: ":"), trimmed.first == "v",
                (2...5).contains(trimmed.distance(from: trimmed.startIndex, to: colon)),
                trimmed.dropFirst().prefix(while: { $0 != ":" }).allSatisfy(\.isNumber)
            {
                throw KMSError(
                    .malformedEnvelope,
                    "the envelope has format \(trimmed[..<colon]), which this astrolift does not read (it reads v1): "
                        + "upgrade astrolift")
            }
            throw KMSError(
                .malformedEnvelope,
                "the value is not a sealed envelope (it must start with \"v1:\"): seal it with "
                    + "astrolift seal")
        }
        guard let data = Data(base64Encoded: String(trimmed.dropFirst(Self.prefix.count))) else {
            throw KMSError(
                .malformedEnvelope, "the envelope is not valid base64 after \"v1:\" (was it cut or re-wrapped?)")
        }
        var reader = ByteReader(bytes: Array(data))
        let version = try reader.byte("format version")
        guard version == Self.formatVersion else {
            throw KMSError(
                .malformedEnvelope, "the envelope's inner format version is \(version), not 1: the value is corrupt")
        }
        let kindByte = try reader.byte("provider kind")
        guard let kind = KMSProviderKind(rawValue: kindByte) else {
            throw KMSError(.malformedEnvelope, "the envelope names an unknown provider kind (\(kindByte))")
        }
        let keyID = try reader.string("key id")
        let keyVersion = try reader.string("key version")
        let namespace = try reader.string("namespace")
        let name = try reader.string("name")
        let dataKey = try reader.string("Secret key")
        let wrapped = try reader.field("wrapped data key")
        guard !wrapped.isEmpty else { throw KMSError(.malformedEnvelope, "the envelope's wrapped data key is empty") }
        let nonce = try reader.take(Self.nonceSize, "nonce")
        let rest = reader.remaining
        guard rest.count >= Self.tagSize else {
            throw KMSError(.malformedEnvelope, "the envelope ends before its ciphertext and tag: it was truncated")
        }
        self.provider = kind
        self.wrappedKey = WrappedDataKey(ciphertext: wrapped, keyID: keyID, keyVersion: keyVersion)
        self.binding = EnvelopeBinding(namespace: namespace, name: name, dataKey: dataKey)
        self.nonce = nonce
        self.ciphertext = rest
    }

    init(
        provider: KMSProviderKind, wrappedKey: WrappedDataKey, binding: EnvelopeBinding, nonce: [UInt8],
        ciphertext: [UInt8]
    ) {
        self.provider = provider
        self.wrappedKey = wrappedKey
        self.binding = binding
        self.nonce = nonce
        self.ciphertext = ciphertext
    }
}

/// Reads the length-prefixed fields of an envelope.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var remaining: [UInt8] { Array(bytes[offset...]) }

    mutating func take(_ count: Int, _ what: String) throws -> [UInt8] {
        guard count <= bytes.count - offset else {
            throw KMSError(.malformedEnvelope, "the envelope ends inside its \(what): it was truncated")
        }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func byte(_ what: String) throws -> UInt8 { try take(1, what)[0] }

    mutating func field(_ what: String) throws -> [UInt8] {
        let length = try take(2, "\(what) length")
        return try take(Int(length[0]) << 8 | Int(length[1]), what)
    }

    mutating func string(_ what: String) throws -> String {
        let raw = try field(what)
        guard let text = String(bytes: raw, encoding: .utf8) else {
            throw KMSError(.malformedEnvelope, "the envelope's \(what) is not UTF-8: the value is corrupt")
        }
        return text
    }
}

/// A value opened from an envelope.
public struct OpenedValue: Sendable {
    /// The plaintext. Never log it.
    public var plaintext: [UInt8]
    /// The KMS key that had wrapped the data key.
    public var keyID: String
    /// The key version the value was sealed under.
    public var sealedKeyVersion: String
    /// The provider's current version, when it was checked.
    public var currentKeyVersion: String?
    /// True when the value was sealed under an older key version (or another key than
    /// the one now current): it still opens, but should be sealed again.
    public var resealRecommended: Bool
}

/// Seals and opens values with a key-management service.
public struct EnvelopeCipher: Sendable {
    /// The service whose key wraps the data keys.
    public let kms: any KeyManagementService

    public init(kms: any KeyManagementService) {
        self.kms = kms
    }

    /// Seals `plaintext` for `binding` with a fresh data key; returns the envelope's text.
    public func seal(_ plaintext: [UInt8], for binding: EnvelopeBinding) async throws -> String {
        let dataKey = try await kms.generateDataKey(binding: binding)
        let nonce = AES.GCM.Nonce()
        var envelope = Envelope(
            provider: kms.kind, wrappedKey: dataKey.wrapped, binding: binding, nonce: Array(nonce), ciphertext: [])
        let box = try AES.GCM.seal(plaintext, using: dataKey.key, nonce: nonce, authenticating: envelope.header)
        envelope.ciphertext = Array(box.ciphertext) + Array(box.tag)
        return envelope.text
    }

    /// Opens an envelope's text where it is used (`binding`).
    ///
    /// - Parameter current: the provider's current key (from ``KeyManagementService/describeKey()``),
    ///   to say whether the value should be re-sealed; `nil` skips that check.
    /// - Throws: ``KMSError``: `malformedEnvelope`, `boundElsewhere` (naming both
    ///   bindings), `wrongKey`, `tampered`, or the service's failure.
    public func open(_ text: String, for binding: EnvelopeBinding, current: KeyDescription? = nil) async throws
        -> OpenedValue
    {
        let envelope = try Envelope(text: text)
        guard envelope.binding == binding else {
            throw KMSError(
                .boundElsewhere,
                "the value in \(binding) was sealed for \(envelope.binding), so it does not open here: seal it "
                    + "again with astrolift seal --namespace \(binding.namespace) --name \(binding.name)")
        }
        guard envelope.provider == kms.kind else {
            throw KMSError(
                .wrongKey,
                "the value in \(binding) was sealed with a \(envelope.provider) key (\(envelope.wrappedKey.keyID)), "
                    + "but the provider is \(kms.keyName): point providerRef at the provider it was sealed with")
        }
        let dataKey = try await kms.unwrap(envelope.wrappedKey, binding: binding)
        let plaintext: [UInt8]
        do {
            let box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: envelope.nonce),
                ciphertext: envelope.ciphertext.dropLast(Envelope.tagSize),
                tag: envelope.ciphertext.suffix(Envelope.tagSize))
            plaintext = Array(try AES.GCM.open(box, using: dataKey, authenticating: envelope.header))
        } catch {
            throw KMSError(
                .tampered,
                "the value in \(binding) fails authentication: the envelope was altered after sealing (its data key "
                    + "opened with \(kms.keyName)); seal the value again")
        }
        var reseal = false
        if let current {
            reseal =
                current.currentVersion != envelope.wrappedKey.keyVersion || current.keyID != envelope.wrappedKey.keyID
        }
        return OpenedValue(
            plaintext: plaintext, keyID: envelope.wrappedKey.keyID, sealedKeyVersion: envelope.wrappedKey.keyVersion,
            currentKeyVersion: current?.currentVersion, resealRecommended: reseal)
    }
}

/// Every value of a KMSSecret, opened.
public struct OpenedSecret: Sendable {
    /// The plaintexts by Secret key. Never log them.
    public var values: [String: [UInt8]]
    /// The KMS keys that had wrapped the data keys (one, unless values were sealed apart).
    public var keyIDs: [String]
    /// The key versions the values were sealed under, oldest first as text sorts.
    public var sealedKeyVersions: [String]
    /// The Secret keys whose values should be sealed again (older key version or key).
    public var resealKeys: [String]

    /// Whether any value should be sealed again (the `ResealRecommended` condition).
    public var resealRecommended: Bool { !resealKeys.isEmpty }
}

extension EnvelopeCipher {
    /// Opens every value of a KMSSecret's `spec.encryptedData`, bound to `namespace/name`
    /// and each value's key. The first value that does not open ends it with its
    /// ``KMSError``, which names the key.
    public func openAll(
        _ encryptedData: [String: String], namespace: String, name: String, current: KeyDescription? = nil
    ) async throws -> OpenedSecret {
        var result = OpenedSecret(values: [:], keyIDs: [], sealedKeyVersions: [], resealKeys: [])
        for key in encryptedData.keys.sorted() {
            let opened = try await open(
                encryptedData[key] ?? "", for: EnvelopeBinding(namespace: namespace, name: name, dataKey: key),
                current: current)
            result.values[key] = opened.plaintext
            if !result.keyIDs.contains(opened.keyID) { result.keyIDs.append(opened.keyID) }
            if !result.sealedKeyVersions.contains(opened.sealedKeyVersion) {
                result.sealedKeyVersions.append(opened.sealedKeyVersion)
            }
            if opened.resealRecommended { result.resealKeys.append(key) }
        }
        result.sealedKeyVersions.sort()
        return result
    }
}
