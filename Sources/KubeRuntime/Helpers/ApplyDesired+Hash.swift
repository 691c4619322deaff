import Crypto
import Foundation
import KubeClient
import KubeCore

extension ApplyDesired {
    /// Applies `desired` unless `currentMetadata` (of the cached object, `nil` if absent)
    /// carries, in annotation `annotation`, the hash of exactly this desired object.
    /// Returns whether it applied. The server's answer is not decoded: the caller's cache
    /// receives the object from its watch.
    ///
    /// For children whose cached copy is trimmed to save memory (a StatefulSet cached
    /// without its pod template cannot be compared field by field): the hash of the
    /// desired object is written with it, and the next reconcile compares hashes. The
    /// trade-off: a change someone else makes to a field we set is not seen until the
    /// desired object changes (or the annotation is removed); ``apply(_:current:)``
    /// notices such drift but needs the whole object cached.
    @discardableResult
    public func applyHashed<Object: KubernetesObject>(
        _ desired: Object, currentMetadata: ObjectMeta?, annotation: String
    ) async throws -> Bool {
        let currentHash = currentMetadata?.annotations?[annotation]
        return try await applyHashed(desired, annotation: annotation) { hash in
            currentMetadata != nil && currentHash == hash
        }
    }

    /// As ``applyHashed(_:currentMetadata:annotation:)``, comparing with a child cached as
    /// ``HashedMetadata`` (`nil` if absent).
    @discardableResult
    public func applyHashed<Object: KubernetesObject>(
        _ desired: Object, current: HashedMetadata<Object>?, annotation: String
    ) async throws -> Bool {
        // Compared in its stored form: no hex text is formatted per reconcile.
        try await applyHashed(desired, annotation: annotation) { hash in current?.carries(hash) ?? false }
    }

    /// Applies `desired` with its hash in `annotation` unless `isCurrent` says the child
    /// already carries that hash.
    private func applyHashed<Object: KubernetesObject>(
        _ desired: Object, annotation: String, isCurrent: (String) -> Bool
    ) async throws -> Bool {
        var desired = desired
        desired.setTypeMeta()
        desired.metadata.annotations?[annotation] = nil
        let hash = try Self.contentHash(of: desired)
        if isCurrent(hash) { return false }
        desired.metadata.annotations = (desired.metadata.annotations ?? [:]).merging([annotation: hash]) { $1 }
        let api = client.api(Object.self, namespace: desired.metadata.namespace)
        try await api.applyDiscardingResult(desired, fieldManager: fieldManager, force: force)
        return true
    }

    /// `sha256:` and the hex digest of the object's JSON with keys sorted (stable for
    /// equal values, so equal desired objects give equal hashes).
    public static func contentHash(of value: some Encodable) throws -> String {
        let bytes = try KubeJSON.encode(value)
        return "sha256:" + lowercaseHex(SHA256.hash(data: bytes))
    }

    /// Two lowercase hex digits per byte, as `String(format: "%02x")` writes them
    /// (without its formatting machinery per byte).
    static func lowercaseHex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits: StaticString = "0123456789abcdef"
        var text = [UInt8]()
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            text.append(digits.utf8Start[Int(b >> 4)])
            text.append(digits.utf8Start[Int(b & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
