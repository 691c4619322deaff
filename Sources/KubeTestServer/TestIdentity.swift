/// A user known to the test server's bearer-token table.
public struct TestUser: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The user name, as the API server would report it.
    public var name: String
    /// The user's groups.
    public var groups: [String]

    /// Creates a user with optional groups.
    public init(name: String, groups: [String] = []) {
        self.name = name
        self.groups = groups
    }

    /// A user with no groups, so token tables read `["t0ken": "alice"]`.
    public init(stringLiteral name: String) {
        self.init(name: name)
    }
}

/// Who made a request, as established by the test server before the handler runs.
public struct TestIdentity: Sendable, Hashable, CustomStringConvertible {
    /// How the caller proved its identity.
    public enum Method: Sendable, Hashable {
        /// A verified TLS client certificate: user = subject CN, groups = subject O values.
        case clientCertificate
        /// An `Authorization: Bearer <token>` header found in the token table.
        case bearerToken
    }

    /// The user name.
    public var user: String
    /// The groups.
    public var groups: [String]
    /// How the identity was established.
    public var method: Method

    /// Creates an identity (handy for comparisons in tests).
    public init(user: String, groups: [String] = [], method: Method) {
        self.user = user
        self.groups = groups
        self.method = method
    }

    public var description: String {
        "\(user) \(groups) via \(method)"
    }
}
