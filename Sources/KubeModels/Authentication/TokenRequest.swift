import Foundation
import KubeCore

/// `TokenRequest`: asks for a bound, expiring token of a ServiceAccount. It is not a collection:
/// create it through the ServiceAccount's `token` subresource, at ``path(serviceAccount:namespace:)``.
public struct TokenRequest: KubernetesObject, Hashable {
    /// The schema version, `authentication.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `TokenRequest`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The audiences, lifetime and binding requested.
    public var spec: TokenRequestSpec
    /// The token, filled in by the server.
    public var status: TokenRequestStatus?

    /// Served at `authentication.k8s.io/v1`, resource `token`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "authentication.k8s.io", version: "v1", kind: "TokenRequest", plural: "token", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: TokenRequestSpec, status: TokenRequestStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The path to `POST` a TokenRequest to: the `token` subresource of the ServiceAccount.
    public static func path(serviceAccount: String, namespace: String) -> String {
        ServiceAccount.resource.objectPath(name: serviceAccount, namespace: namespace, subresource: "token")
    }
}

/// What a TokenRequest asks for.
public struct TokenRequestSpec: Codable, Sendable, Hashable {
    /// The audiences the token is for; empty means the API server's.
    public var audiences: [String]
    /// The requested lifetime in seconds; the server may shorten it.
    public var expirationSeconds: Int64?
    /// An object (Pod, Secret, Node) the token is bound to: it stops working when that object is deleted.
    public var boundObjectRef: BoundObjectReference?

    public init(
        audiences: [String] = [], expirationSeconds: Int64? = nil, boundObjectRef: BoundObjectReference? = nil
    ) {
        self.audiences = audiences
        self.expirationSeconds = expirationSeconds
        self.boundObjectRef = boundObjectRef
    }
}

/// The object a token is bound to.
public struct BoundObjectReference: Codable, Sendable, Hashable {
    /// `Pod`, `Secret` or `Node`.
    public var kind: String?
    /// The object's API version.
    public var apiVersion: String?
    /// The object's name.
    public var name: String?
    /// The object's UID.
    public var uid: String?

    public init(kind: String? = nil, apiVersion: String? = nil, name: String? = nil, uid: String? = nil) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.name = name
        self.uid = uid
    }
}

/// The token a TokenRequest produced.
public struct TokenRequestStatus: Codable, Sendable, Hashable {
    /// The bearer token.
    public var token: String
    /// When the token expires.
    public var expirationTimestamp: Time

    public init(token: String, expirationTimestamp: Time) {
        self.token = token
        self.expirationTimestamp = expirationTimestamp
    }
}
