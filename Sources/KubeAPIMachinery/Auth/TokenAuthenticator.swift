import Foundation

/// What a token authenticator concluded about a bearer token.
public enum TokenAuthenticationOutcome: Sendable, Hashable {
    /// The token is valid: the identity, and the audiences (among those asked) it is valid for.
    case authenticated(AuthenticatedUser, audiences: [String])
    /// The authenticator does not know this kind of token; another one may.
    case notRecognized
    /// The authenticator recognised the token and rejected it, for this reason (e.g.
    /// `service account token has expired`). The API server answers 401 all the same;
    /// TokenReview reports the reason in `status.error`.
    case rejected(String)

    /// The identity, when authenticated.
    public var user: AuthenticatedUser? {
        if case .authenticated(let user, _) = self { return user }
        return nil
    }

    /// Whether the token was accepted.
    public var isAuthenticated: Bool { user != nil }
}

/// Checks bearer tokens: the static token file, service account tokens, or a union of them.
///
/// `audiences` are those the caller requires the token to be valid for: the API server's
/// own audiences for requests to it, or a TokenReview's `spec.audiences`. Lookups (of the
/// service account a token names, say) may suspend, so authentication is `async`; a
/// synchronous lookup closure converts to the asynchronous type implicitly.
public protocol TokenAuthenticator: Sendable {
    func authenticate(token: String, audiences: [String]) async -> TokenAuthenticationOutcome
}

/// Tries several authenticators in order, as the real server's union authenticator does:
/// the first that authenticates wins; otherwise the rejections are reported together.
public struct TokenAuthenticatorUnion: TokenAuthenticator {
    /// The authenticators, in the order they are tried.
    public var authenticators: [any TokenAuthenticator]

    public init(_ authenticators: [any TokenAuthenticator]) {
        self.authenticators = authenticators
    }

    public func authenticate(token: String, audiences: [String]) async -> TokenAuthenticationOutcome {
        var reasons = [String]()
        for authenticator in authenticators {
            let outcome = await authenticator.authenticate(token: token, audiences: audiences)
            switch outcome {
            case .authenticated: return outcome
            case .rejected(let reason): reasons.append(reason)
            case .notRecognized: continue
            }
        }
        return reasons.isEmpty ? .notRecognized : .rejected(AuthText.aggregate(reasons))
    }
}

/// Audience lists compared as the real server compares them.
public enum TokenAudiences {
    /// The members of `a` that are also in `b`, in `a`'s order.
    public static func intersection(_ a: [String], _ b: [String]) -> [String] {
        let set = Set(b)
        var seen = Set<String>()
        return a.filter { set.contains($0) && seen.insert($0).inserted }
    }

    /// For authenticators whose tokens carry no audience (the static token file): such a
    /// token is valid only for the API server's own audiences, so it is recognised only
    /// when the requested audiences include one of them.
    ///
    /// Returns the audiences the token counts as valid for, or `nil` when it should not be
    /// recognised at all. With no API audiences configured, any request is served.
    public static func implicit(apiAudiences: [String], requested: [String]) -> [String]? {
        guard !apiAudiences.isEmpty, !requested.isEmpty else { return requested }
        let both = intersection(apiAudiences, requested)
        return both.isEmpty ? nil : both
    }
}
