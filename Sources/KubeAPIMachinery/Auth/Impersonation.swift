import Foundation
import KubeCore

/// What a request asks to act as, from its `Impersonate-*` headers (`kubectl --as`,
/// `--as-group`, `--as-uid`): how `kubectl auth can-i --as=system:serviceaccount:ns:sa`
/// checks another identity's permissions.
public struct ImpersonationRequest: Sendable, Hashable {
    /// `Impersonate-User`.
    public var user: String?
    /// `Impersonate-Uid`.
    public var uid: String?
    /// Every `Impersonate-Group`.
    public var groups: [String]
    /// `Impersonate-Extra-<key>` (keys lower-cased and percent-decoded, as the real server reads them).
    public var extra: [String: [String]]

    public init(user: String? = nil, uid: String? = nil, groups: [String] = [], extra: [String: [String]] = [:]) {
        self.user = user
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }

    /// Reads the `Impersonate-*` headers among `headers` (names compared case-insensitively).
    public init(headers: [(name: String, value: String)]) {
        self.init()
        let extraPrefix = "impersonate-extra-"
        for (rawName, value) in headers {
            let name = rawName.lowercased()
            switch name {
            case "impersonate-user": user = value
            case "impersonate-uid": uid = value
            case "impersonate-group": groups.append(value)
            default:
                guard name.hasPrefix(extraPrefix) else { continue }
                let key = String(name.dropFirst(extraPrefix.count))
                extra[key.removingPercentEncoding ?? key, default: []].append(value)
            }
        }
    }

    /// Whether the request asks for no impersonation at all.
    public var isEmpty: Bool { user == nil && uid == nil && groups.isEmpty && extra.isEmpty }
}

/// Impersonation as the real server's filter does it: the requester must be allowed the
/// verb `impersonate` on each part of the identity (`users` or `serviceaccounts`,
/// `groups`, `userextras/<key>`, `uids`); the request then runs as that identity.
public enum Impersonation {
    /// The identity the request acts as, or 403 (or 400 for a request without a user).
    ///
    /// The impersonated user gets `system:authenticated` unless it is anonymous or the
    /// groups already name `system:authenticated` or `system:unauthenticated`; a service
    /// account impersonated without groups gets its service account groups.
    public static func resolve(
        _ request: ImpersonationRequest, requester: AuthenticatedUser, authorizer: any Authorizer
    ) throws(AuthAPIError) -> AuthenticatedUser {
        guard let username = request.user, !username.isEmpty else {
            throw AuthAPIError.badRequest(
                "requested impersonation of groups, extra or uid without impersonating a user")
        }

        func check(_ attributes: AuthorizationAttributes) throws(AuthAPIError) {
            let decision = authorizer.authorize(attributes)
            guard decision.isAllowed else {
                throw AuthAPIError(status: attributes.forbiddenStatus(reason: decision.reason))
            }
        }

        var groups = request.groups
        if let account = ServiceAccountUsername.parse(username) {
            try check(
                .resource(
                    user: requester, verb: "impersonate", version: "v1", resource: "serviceaccounts",
                    name: account.name,
                    namespace: account.namespace))
            if groups.isEmpty {
                groups = [WellKnownGroup.serviceAccounts, WellKnownGroup.serviceAccounts(namespace: account.namespace)]
            }
        } else {
            try check(.resource(user: requester, verb: "impersonate", version: "v1", resource: "users", name: username))
        }
        for group in request.groups {
            try check(.resource(user: requester, verb: "impersonate", version: "v1", resource: "groups", name: group))
        }
        for key in request.extra.keys.sorted() {
            for value in request.extra[key] ?? [] {
                try check(
                    .resource(
                        user: requester, verb: "impersonate", group: "authentication.k8s.io", version: "v1",
                        resource: "userextras", subresource: key, name: value))
            }
        }
        if let uid = request.uid, !uid.isEmpty {
            try check(
                .resource(
                    user: requester, verb: "impersonate", group: "authentication.k8s.io", version: "v1",
                    resource: "uids", name: uid))
        }

        if username == AuthenticatedUser.anonymous.username {
            if !groups.contains(WellKnownGroup.unauthenticated) { groups.append(WellKnownGroup.unauthenticated) }
        } else if !groups.contains(WellKnownGroup.authenticated) && !groups.contains(WellKnownGroup.unauthenticated) {
            groups.append(WellKnownGroup.authenticated)
        }
        return AuthenticatedUser(username: username, uid: request.uid ?? "", groups: groups, extra: request.extra)
    }
}
