import Foundation
import KubeCore

/// What a request asks to do, as the authorizer sees it: Kubernetes' `authorizer.Attributes`.
///
/// A resource request names a verb (`get`, `list`, `watch`, `create`, `update`, `patch`,
/// `delete`, `deletecollection`, or a special verb such as `impersonate`), an API group
/// (`""` for the core group), a resource, maybe a subresource, a name and a namespace
/// (`""` for cluster-scoped resources and for requests across all namespaces). A
/// non-resource request names a URL path and a lower-case HTTP verb (`get`, `post`, …).
public struct AuthorizationAttributes: Sendable, Hashable {
    /// Who asks.
    public var user: AuthenticatedUser
    /// The verb.
    public var verb: String
    /// Whether this is a request on an API resource (otherwise on a non-resource URL).
    public var isResourceRequest: Bool
    /// The namespace; empty for cluster scope.
    public var namespace: String
    /// The API group; empty for the core group.
    public var apiGroup: String
    /// The API version (not used by RBAC; carried for messages and audit).
    public var apiVersion: String
    /// The resource, e.g. `pods`.
    public var resource: String
    /// The subresource, e.g. `status`, `log`, `scale`, `token`.
    public var subresource: String
    /// The object name; empty for collections and creates without a name.
    public var name: String
    /// The URL path of a non-resource request.
    public var path: String

    public init(
        user: AuthenticatedUser, verb: String, isResourceRequest: Bool, namespace: String = "", apiGroup: String = "",
        apiVersion: String = "", resource: String = "", subresource: String = "", name: String = "", path: String = ""
    ) {
        self.user = user
        self.verb = verb
        self.isResourceRequest = isResourceRequest
        self.namespace = namespace
        self.apiGroup = apiGroup
        self.apiVersion = apiVersion
        self.resource = resource
        self.subresource = subresource
        self.name = name
        self.path = path
    }

    /// A request on a resource.
    public static func resource(
        user: AuthenticatedUser, verb: String, group: String = "", version: String = "", resource: String,
        subresource: String = "", name: String = "", namespace: String = ""
    ) -> AuthorizationAttributes {
        AuthorizationAttributes(
            user: user, verb: verb, isResourceRequest: true, namespace: namespace, apiGroup: group,
            apiVersion: version, resource: resource, subresource: subresource, name: name)
    }

    /// A request on a non-resource URL such as `/healthz` or `/version`.
    public static func nonResource(user: AuthenticatedUser, verb: String, path: String) -> AuthorizationAttributes {
        AuthorizationAttributes(user: user, verb: verb, isResourceRequest: false, path: path)
    }
}

/// An authorizer's answer.
public struct AuthorizationDecision: Sendable, Hashable {
    /// Allow, deny, or no opinion (which the API server treats as a denial when no other
    /// authorizer allows). RBAC never denies explicitly: it allows or has no opinion.
    public enum Verdict: Sendable, Hashable {
        case allow
        case deny
        case noOpinion
    }

    /// Allow, deny or no opinion.
    public var verdict: Verdict
    /// Why; e.g. `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"`,
    /// or for a denial the RBAC errors met (roles that do not exist). Often empty.
    public var reason: String
    /// An error met while deciding; the verdict may still stand.
    public var evaluationError: String?

    public init(verdict: Verdict, reason: String = "", evaluationError: String? = nil) {
        self.verdict = verdict
        self.reason = reason
        self.evaluationError = evaluationError
    }

    /// Whether the request may proceed.
    public var isAllowed: Bool { verdict == .allow }

    /// An allowing decision.
    public static func allow(_ reason: String = "") -> AuthorizationDecision {
        AuthorizationDecision(verdict: .allow, reason: reason)
    }

    /// A decision without opinion.
    public static func noOpinion(_ reason: String = "") -> AuthorizationDecision {
        AuthorizationDecision(verdict: .noOpinion, reason: reason)
    }
}

/// Decides whether a request is allowed.
public protocol Authorizer: Sendable {
    func authorize(_ attributes: AuthorizationAttributes) -> AuthorizationDecision
}

/// Allows everything: the API server's mode with RBAC enforcement switched off.
public struct AlwaysAllowAuthorizer: Authorizer {
    public init() {}
    public func authorize(_ attributes: AuthorizationAttributes) -> AuthorizationDecision { .allow() }
}

extension AuthorizationAttributes {
    /// The real server's denial text, before the object it is about:
    /// `User "u" cannot get resource "pods/log" in API group "" in the namespace "ns"`,
    /// `… at the cluster scope`, or `User "u" cannot get path "/metrics"`.
    public var forbiddenDetail: String {
        let user = AuthText.quoted(self.user.username)
        guard isResourceRequest else {
            return "User \(user) cannot \(verb) path \(AuthText.quoted(path))"
        }
        let combined = subresource.isEmpty ? resource : "\(resource)/\(subresource)"
        let head =
            "User \(user) cannot \(verb) resource \(AuthText.quoted(combined)) in API group \(AuthText.quoted(apiGroup))"
        if !namespace.isEmpty { return "\(head) in the namespace \(AuthText.quoted(namespace))" }
        return "\(head) at the cluster scope"
    }

    /// The whole `message` of the 403 `Status`, e.g.
    /// `pods "web" is forbidden: User "u" cannot get resource "pods" in API group "" in the namespace "ns"`
    /// or `deployments.apps is forbidden: …` without a name, or `forbidden: User "u" cannot get path "/x"`.
    /// A non-empty authorizer `reason` is appended after `: `, as the real server does.
    public func forbiddenMessage(reason: String = "") -> String {
        var detail = forbiddenDetail
        if !reason.isEmpty { detail += ": \(reason)" }
        // The object is named by group and resource only: the subresource is in the detail.
        let qualified = !isResourceRequest ? "" : AuthAPIError.qualified(resource, apiGroup)
        if qualified.isEmpty { return "forbidden: \(detail)" }
        if name.isEmpty { return "\(qualified) is forbidden: \(detail)" }
        return "\(qualified) \(AuthText.quoted(name)) is forbidden: \(detail)"
    }

    /// The 403 `Status` the API server answers a denied request with.
    public func forbiddenStatus(reason: String = "") -> Status {
        let details: StatusDetails
        if isResourceRequest && !resource.isEmpty {
            details = StatusDetails(
                name: name.isEmpty ? nil : name, group: apiGroup.isEmpty ? nil : apiGroup, kind: resource)
        } else {
            details = StatusDetails()
        }
        return Status(message: forbiddenMessage(reason: reason), reason: .forbidden, details: details, code: 403)
    }
}
