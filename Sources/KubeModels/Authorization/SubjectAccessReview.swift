import Foundation
import KubeCore

/// `SelfSubjectAccessReview`: asks whether the caller may perform an action (`kubectl auth can-i`).
/// Create it; the response's `status` holds the answer.
public struct SelfSubjectAccessReview: KubernetesObject, Hashable {
    /// The schema version, `authorization.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `SelfSubjectAccessReview`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The action asked about.
    public var spec: SelfSubjectAccessReviewSpec
    /// The answer, filled in by the server.
    public var status: SubjectAccessReviewStatus?

    /// Served at `authorization.k8s.io/v1`, resource `selfsubjectaccessreviews`, cluster-scoped.
    public static let resource = ResourceDescriptor(
        group: "authorization.k8s.io", version: "v1", kind: "SelfSubjectAccessReview",
        plural: "selfsubjectaccessreviews", namespaced: false)

    /// An object with `apiVersion` and `kind` already set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: SelfSubjectAccessReviewSpec,
        status: SubjectAccessReviewStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The action asked about; set exactly one member.
public struct SelfSubjectAccessReviewSpec: Codable, Sendable, Hashable {
    /// An action on a resource.
    public var resourceAttributes: ResourceAttributes?
    /// An action on a non-resource URL.
    public var nonResourceAttributes: NonResourceAttributes?

    public init(
        resourceAttributes: ResourceAttributes? = nil, nonResourceAttributes: NonResourceAttributes? = nil
    ) {
        self.resourceAttributes = resourceAttributes
        self.nonResourceAttributes = nonResourceAttributes
    }
}

/// `SubjectAccessReview`: asks whether a given user may perform an action. Create it; the
/// response's `status` holds the answer.
public struct SubjectAccessReview: KubernetesObject, Hashable {
    /// The schema version, `authorization.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `SubjectAccessReview`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The user and the action asked about.
    public var spec: SubjectAccessReviewSpec
    /// The answer, filled in by the server.
    public var status: SubjectAccessReviewStatus?

    /// Served at `authorization.k8s.io/v1`, resource `subjectaccessreviews`, cluster-scoped.
    public static let resource = ResourceDescriptor(
        group: "authorization.k8s.io", version: "v1", kind: "SubjectAccessReview", plural: "subjectaccessreviews",
        namespaced: false)

    /// An object with `apiVersion` and `kind` already set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: SubjectAccessReviewSpec,
        status: SubjectAccessReviewStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The user and action of an access review; set one of the attribute members.
public struct SubjectAccessReviewSpec: Codable, Sendable, Hashable {
    /// An action on a resource.
    public var resourceAttributes: ResourceAttributes?
    /// An action on a non-resource URL.
    public var nonResourceAttributes: NonResourceAttributes?
    /// The user name.
    public var user: String?
    /// The user's groups.
    public var groups: [String]?
    /// Extra user attributes.
    public var extra: [String: [String]]?
    /// The user's UID.
    public var uid: String?

    public init(
        resourceAttributes: ResourceAttributes? = nil, nonResourceAttributes: NonResourceAttributes? = nil,
        user: String? = nil, groups: [String]? = nil, extra: [String: [String]]? = nil, uid: String? = nil
    ) {
        self.resourceAttributes = resourceAttributes
        self.nonResourceAttributes = nonResourceAttributes
        self.user = user
        self.groups = groups
        self.extra = extra
        self.uid = uid
    }
}

/// An action on a resource, as asked of the authorizer.
public struct ResourceAttributes: Codable, Sendable, Hashable {
    /// The namespace; empty means all namespaces for namespaced resources.
    public var namespace: String?
    /// The verb, e.g. `get`, `list`, `create`, or `*`.
    public var verb: String?
    /// The API group; empty for the core group.
    public var group: String?
    /// The API version.
    public var version: String?
    /// The resource, e.g. `pods`.
    public var resource: String?
    /// The subresource, e.g. `log`.
    public var subresource: String?
    /// The object name; empty means all.
    public var name: String?
    /// A field selector limiting the request, kept as raw JSON.
    public var fieldSelector: JSONValue?
    /// A label selector limiting the request, kept as raw JSON.
    public var labelSelector: JSONValue?

    public init(
        namespace: String? = nil, verb: String? = nil, group: String? = nil, version: String? = nil,
        resource: String? = nil, subresource: String? = nil, name: String? = nil, fieldSelector: JSONValue? = nil,
        labelSelector: JSONValue? = nil
    ) {
        self.namespace = namespace
        self.verb = verb
        self.group = group
        self.version = version
        self.resource = resource
        self.subresource = subresource
        self.name = name
        self.fieldSelector = fieldSelector
        self.labelSelector = labelSelector
    }
}

/// An action on a non-resource URL.
public struct NonResourceAttributes: Codable, Sendable, Hashable {
    /// The URL path, e.g. `/healthz`.
    public var path: String?
    /// The HTTP verb in lower case, e.g. `get`.
    public var verb: String?

    public init(path: String? = nil, verb: String? = nil) {
        self.path = path
        self.verb = verb
    }
}

/// The answer to an access review.
public struct SubjectAccessReviewStatus: Codable, Sendable, Hashable {
    /// Whether the action is allowed.
    public var allowed: Bool
    /// Whether the action is explicitly denied (otherwise no authorizer had an opinion).
    public var denied: Bool?
    /// Why the action is allowed or denied.
    public var reason: String?
    /// An error met while checking; the answer may still be meaningful.
    public var evaluationError: String?

    public init(allowed: Bool, denied: Bool? = nil, reason: String? = nil, evaluationError: String? = nil) {
        self.allowed = allowed
        self.denied = denied
        self.reason = reason
        self.evaluationError = evaluationError
    }
}
