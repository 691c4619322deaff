import Foundation
import KubeModels

/// The identity an authenticator established for a request: Kubernetes' `user.Info`.
///
/// It is not named `UserInfo` because KubeModels already has a `UserInfo`: the wire form
/// of TokenReview and SelfSubjectReview, whose members are all optional. This type is the
/// non-optional identity the authorizer works on; ``userInfo`` and ``init(_:)`` convert.
public struct AuthenticatedUser: Sendable, Hashable, Codable {
    /// The user name, e.g. `admin` or `system:serviceaccount:default:builder`.
    public var username: String
    /// A unique ID; empty when the authenticator has none.
    public var uid: String
    /// The groups, in the order the authenticator gave them.
    public var groups: [String]
    /// Extra attributes, e.g. the Pod a service account token is bound to.
    public var extra: [String: [String]]

    public init(username: String, uid: String = "", groups: [String] = [], extra: [String: [String]] = [:]) {
        self.username = username
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }

    /// The identity of a SubjectAccessReview or TokenReview `UserInfo`; absent members are empty.
    public init(_ info: UserInfo) {
        self.init(
            username: info.username ?? "", uid: info.uid ?? "", groups: info.groups ?? [], extra: info.extra ?? [:])
    }

    /// The wire form, as TokenReview and SelfSubjectReview return it: empty members are
    /// left out, as the real server's `omitempty` does.
    public var userInfo: UserInfo {
        UserInfo(
            username: username.isEmpty ? nil : username, uid: uid.isEmpty ? nil : uid,
            groups: groups.isEmpty ? nil : groups, extra: extra.isEmpty ? nil : extra)
    }

    /// The same identity with `system:authenticated` appended when it is missing.
    ///
    /// The real server adds the group to every authenticated user in one wrapper around
    /// all authenticators; here each authenticator calls this, with the same result.
    public func addingAuthenticatedGroup() -> AuthenticatedUser {
        guard !groups.contains(WellKnownGroup.authenticated) else { return self }
        var copy = self
        copy.groups.append(WellKnownGroup.authenticated)
        return copy
    }

    /// Whether the user belongs to `group`.
    public func isMember(of group: String) -> Bool { groups.contains(group) }

    /// The namespace and name when this is a service account's user name.
    public var serviceAccount: (namespace: String, name: String)? {
        ServiceAccountUsername.parse(username)
    }

    /// The identity of a request without credentials, when anonymous requests are allowed.
    public static let anonymous = AuthenticatedUser(
        username: "system:anonymous", groups: [WellKnownGroup.unauthenticated])
}

/// Group names the API server assigns or treats specially.
public enum WellKnownGroup {
    /// Members may do anything: the authorizer allows them before RBAC is consulted.
    public static let masters = "system:masters"
    /// Every authenticated user.
    public static let authenticated = "system:authenticated"
    /// Anonymous requests.
    public static let unauthenticated = "system:unauthenticated"
    /// Every service account.
    public static let serviceAccounts = "system:serviceaccounts"
    /// Monitoring agents (bound to `system:monitoring`).
    public static let monitoring = "system:monitoring"

    /// The group of every service account in `namespace`: `system:serviceaccounts:<ns>`.
    public static func serviceAccounts(namespace: String) -> String {
        "\(serviceAccounts):\(namespace)"
    }
}

/// The user names of service accounts: `system:serviceaccount:<namespace>:<name>`.
public enum ServiceAccountUsername {
    /// The prefix every service account user name starts with.
    public static let prefix = "system:serviceaccount:"

    /// `system:serviceaccount:<namespace>:<name>`.
    public static func make(namespace: String, name: String) -> String {
        "\(prefix)\(namespace):\(name)"
    }

    /// The namespace and name of a service account user name, or `nil` for any other name.
    /// As in Kubernetes, both parts must be non-empty and the name may not contain `:`.
    public static func parse(_ username: String) -> (namespace: String, name: String)? {
        guard username.hasPrefix(prefix) else { return nil }
        let rest = username.dropFirst(prefix.count)
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// The identity a service account authenticates as: its user name, its UID, the groups
    /// `system:serviceaccounts`, `system:serviceaccounts:<ns>` and `system:authenticated`,
    /// and the extra attributes of a bound token.
    public static func user(
        namespace: String, name: String, uid: String, extra: [String: [String]] = [:]
    ) -> AuthenticatedUser {
        AuthenticatedUser(
            username: make(namespace: namespace, name: name), uid: uid,
            groups: [WellKnownGroup.serviceAccounts, WellKnownGroup.serviceAccounts(namespace: namespace)],
            extra: extra
        ).addingAuthenticatedGroup()
    }
}

/// The `extra` keys the real server sets for service account tokens and client certificates.
public enum AuthenticationExtraKey {
    /// The name of the Pod a token is bound to.
    public static let podName = "authentication.kubernetes.io/pod-name"
    /// The UID of the Pod a token is bound to.
    public static let podUID = "authentication.kubernetes.io/pod-uid"
    /// The name of the Node a token is bound to (or its Pod runs on).
    public static let nodeName = "authentication.kubernetes.io/node-name"
    /// The UID of that Node.
    public static let nodeUID = "authentication.kubernetes.io/node-uid"
    /// Which credential authenticated the request: `JTI=<id>` or `X509SHA256=<hex>`.
    public static let credentialID = "authentication.kubernetes.io/credential-id"
}
