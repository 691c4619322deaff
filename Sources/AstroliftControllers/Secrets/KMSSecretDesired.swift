import AstroliftAPI
import Crypto
import Foundation
import KubeCore
import KubeModels

/// A `spec.target.template` entry that cannot be rendered. Names the field; never a value.
public struct KMSSecretTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field, e.g. `spec.target.template.url`.
    public var field: String
    /// What is wrong and what to do.
    public var problem: String

    public var description: String { "\(field): \(problem)" }
}

/// The Secret a KMSSecret maintains, from its spec and the opened values. Pure: the same
/// inputs give the same Secret, so the reconciler writes only when the content changes.
public enum KMSSecretDesired {
    /// Annotation on the Secret (and in `status.contentHash`): `sha256:` of its content.
    public static let contentHashAnnotation = "astrolift.dev/content-hash"
    /// Annotation on the Secret: the KMSSecret (same namespace) that maintains it.
    public static let ownerAnnotation = "astrolift.dev/kmssecret"
    /// Annotation on a Workbench pod template: one hash over the content hashes of the
    /// KMSSecret-managed Secrets it mounts, so a changed value rolls the session.
    public static let podSecretsHashAnnotation = "astrolift.dev/secrets-hash"

    /// The Secret's name: `spec.target.name`, else the KMSSecret's.
    public static func secretName(of kmsSecret: KMSSecret) -> String {
        kmsSecret.spec.target?.name ?? kmsSecret.metadata.name ?? ""
    }

    /// `spec.target.creationPolicy`, `Owner` when absent.
    public static func creationPolicy(of kmsSecret: KMSSecret) -> SecretCreationPolicy {
        kmsSecret.spec.target?.creationPolicy ?? .owner
    }

    /// The keys the controller sets in the Secret: the opened values' and the template's.
    public static func managedKeys(of kmsSecret: KMSSecret) -> [String] {
        Set(kmsSecret.spec.encryptedData.keys).union((kmsSecret.spec.target?.template ?? [:]).keys).sorted()
    }

    /// The Secret's data: the opened values, then the template's keys (which win).
    public static func data(
        for kmsSecret: KMSSecret, values: [String: [UInt8]]
    ) throws(KMSSecretTemplateError) -> [String: [UInt8]] {
        var data = values
        for (key, template) in (kmsSecret.spec.target?.template ?? [:]).sorted(by: { $0.key < $1.key }) {
            data[key] = Array(try render(template, field: "spec.target.template.\(key)", values: values).utf8)
        }
        return data
    }

    /// Replaces each `{{ .KEY }}` (spaces optional) by the opened value of KEY; nothing
    /// else is evaluated, so a template cannot run code or read other Secrets.
    public static func render(
        _ template: String, field: String, values: [String: [UInt8]]
    ) throws(KMSSecretTemplateError) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw KMSSecretTemplateError(field: field, problem: "a {{ has no closing }}")
            }
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard inner.hasPrefix("."), inner.count > 1 else {
                throw KMSSecretTemplateError(
                    field: field,
                    problem: "{{ \(inner) }} is not a reference: write {{ .KEY }} with KEY a key of spec.encryptedData")
            }
            let key = String(inner.dropFirst())
            guard let value = values[key] else {
                let known = values.keys.sorted().joined(separator: ", ")
                throw KMSSecretTemplateError(
                    field: field, problem: "{{ .\(key) }} names no key of spec.encryptedData (it has: \(known))")
            }
            guard let text = String(bytes: value, encoding: .utf8) else {
                throw KMSSecretTemplateError(
                    field: field, problem: "the value of \(key) is not UTF-8 text, so it cannot go into a template")
            }
            out += text
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// `sha256:` over the keys and values, each length-prefixed so no two contents share it.
    public static func contentHash(_ data: [String: [UInt8]]) -> String {
        var hasher = SHA256()
        for key in data.keys.sorted() {
            for field in [Array(key.utf8), data[key] ?? []] {
                withUnsafeBytes(of: UInt64(field.count).bigEndian) { hasher.update(bufferPointer: $0) }
                hasher.update(data: field)
            }
        }
        return "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The Secret as the controller applies it. For `Merge` only the keys and the two
    /// annotations are set (the Secret is someone else's: its type, labels and owner are
    /// theirs); otherwise type, labels and annotations from `spec.target` too.
    public static func secret(for kmsSecret: KMSSecret, data: [String: [UInt8]]) -> Secret {
        let name = kmsSecret.metadata.name ?? ""
        let target = kmsSecret.spec.target
        var annotations = [
            contentHashAnnotation: contentHash(data), ownerAnnotation: name,
        ]
        var secret = Secret(
            metadata: ObjectMeta(name: secretName(of: kmsSecret), namespace: kmsSecret.metadata.namespace))
        secret.data = data.mapValues { Data($0).base64EncodedString() }
        if creationPolicy(of: kmsSecret) != .merge {
            var labels = target?.labels ?? [:]
            labels.merge(AstroliftLabels.common(name: "kmssecret", instance: name, component: "secret")) { $1 }
            annotations.merge(target?.annotations ?? [:]) { ours, _ in ours }
            secret.metadata.labels = labels
            secret.type = target?.type ?? "Opaque"
        }
        secret.metadata.annotations = annotations
        return secret
    }

    /// Whether `secret` is the one this KMSSecret maintains (and not someone else's of the
    /// same name): it carries our annotation or a controller reference to it.
    public static func isMaintained(_ secret: Secret, by kmsSecret: KMSSecret) -> Bool {
        if let uid = kmsSecret.metadata.uid, secret.metadata.controllerReference?.uid == uid { return true }
        return secret.metadata.annotations?[ownerAnnotation] == kmsSecret.metadata.name
    }

    /// Whether the Secret already has exactly `data` under our keys, the hash annotation
    /// and (unless merging) the type, labels and annotations we set.
    public static func matches(_ current: Secret, desired: Secret) -> Bool {
        for (key, value) in desired.data ?? [:] where current.data?[key] != value { return false }
        for (key, value) in desired.metadata.annotations ?? [:] where current.metadata.annotations?[key] != value {
            return false
        }
        for (key, value) in desired.metadata.labels ?? [:] where current.metadata.labels?[key] != value {
            return false
        }
        if let type = desired.type, (current.type ?? "Opaque") != type { return false }
        if let owner = desired.metadata.controllerReference, current.metadata.controllerReference?.uid != owner.uid {
            return false
        }
        return true
    }

    /// The pod-template annotation value for the hashes of the Secrets a workbench mounts
    /// (name → content hash); `nil` when none is maintained by a KMSSecret.
    public static func podSecretsHash(_ hashes: [String: String]) -> String? {
        guard !hashes.isEmpty else { return nil }
        let text = hashes.keys.sorted().map { "\($0)=\(hashes[$0] ?? "")\n" }.joined()
        return "sha256:" + SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
