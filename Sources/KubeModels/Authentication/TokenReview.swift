import Foundation
import KubeCore

/// `TokenReview`: asks the server whether a bearer token is valid and whom it belongs to.
/// Create it; the response's `status` holds the answer.
public struct TokenReview: KubernetesObject, Hashable {
    /// The schema version, `authentication.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `TokenReview`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The token to check.
    public var spec: TokenReviewSpec
    /// The answer, filled in by the server.
    public var status: TokenReviewStatus?

    /// Served at `authentication.k8s.io/v1`, resource `tokenreviews`, cluster-scoped.
    public static let resource = ResourceDescriptor(
        group: "authentication.k8s.io", version: "v1", kind: "TokenReview", plural: "tokenreviews", namespaced: false)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: TokenReviewSpec, status: TokenReviewStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The token a TokenReview checks.
public struct TokenReviewSpec: Codable, Sendable, Hashable {
    /// The bearer token.
    public var token: String?
    /// Audiences the token must be valid for; defaults to the API server's.
    public var audiences: [String]?

    public init(token: String? = nil, audiences: [String]? = nil) {
        self.token = token
        self.audiences = audiences
    }
}

/// The answer to a TokenReview.
public struct TokenReviewStatus: Codable, Sendable, Hashable {
    /// Whether the token is valid.
    public var authenticated: Bool?
    /// The identity the token belongs to.
    public var user: UserInfo?
    /// The audiences the token is valid for, among those asked.
    public var audiences: [String]?
    /// Why the token could not be checked.
    public var error: String?

    public init(
        authenticated: Bool? = nil, user: UserInfo? = nil, audiences: [String]? = nil, error: String? = nil
    ) {
        self.authenticated = authenticated
        self.user = user
        self.audiences = audiences
        self.error = error
    }
}

/// An authenticated identity.
public struct UserInfo: Codable, Sendable, Hashable {
    /// The user name, e.g. `system:serviceaccount:ns:name`.
    public var username: String?
    /// A unique ID.
    public var uid: String?
    /// The groups.
    public var groups: [String]?
    /// Extra attributes, e.g. the Pod a service account token is bound to.
    public var extra: [String: [String]]?

    public init(
        username: String? = nil, uid: String? = nil, groups: [String]? = nil, extra: [String: [String]]? = nil
    ) {
        self.username = username
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }
}

/// `SelfSubjectReview`: asks the server who the caller is (`kubectl auth whoami`). Create it
/// empty; the response's `status.userInfo` holds the answer.
public struct SelfSubjectReview: KubernetesObject, Hashable {
    /// The schema version, `authentication.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `SelfSubjectReview`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The caller's identity, filled in by the server.
    public var status: SelfSubjectReviewStatus?

    /// Served at `authentication.k8s.io/v1`, resource `selfsubjectreviews`, cluster-scoped.
    public static let resource = ResourceDescriptor(
        group: "authentication.k8s.io", version: "v1", kind: "SelfSubjectReview", plural: "selfsubjectreviews",
        namespaced: false)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), status: SelfSubjectReviewStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.status = status
    }
}

/// The answer to a SelfSubjectReview.
public struct SelfSubjectReviewStatus: Codable, Sendable, Hashable {
    /// The caller's identity.
    public var userInfo: UserInfo?

    public init(userInfo: UserInfo? = nil) {
        self.userInfo = userInfo
    }
}
