import Foundation
import KubeCore

/// `ServiceAccount`: an identity for processes that run in Pods.
public struct ServiceAccount: KubernetesObject, Hashable {
    /// The schema version, `v1`.
    public var apiVersion: String?
    /// The kind, `ServiceAccount`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// Secrets Pods of this account may use (legacy token Secrets).
    public var secrets: [ObjectReference]?
    /// Secrets used to pull images for Pods of this account.
    public var imagePullSecrets: [LocalObjectReference]?
    /// Whether Pods of this account get an API token mounted by default.
    public var automountServiceAccountToken: Bool?

    /// Served at `v1`, resource `serviceaccounts`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), secrets: [ObjectReference]? = nil,
        imagePullSecrets: [LocalObjectReference]? = nil, automountServiceAccountToken: Bool? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.secrets = secrets
        self.imagePullSecrets = imagePullSecrets
        self.automountServiceAccountToken = automountServiceAccountToken
    }
}

/// A list of ``ServiceAccount`` objects, as returned by a list request.
public typealias ServiceAccountList = ObjectList<ServiceAccount>
