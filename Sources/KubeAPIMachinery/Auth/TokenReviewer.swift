import Foundation
import KubeCore
import KubeModels

/// Answers TokenReviews (`POST /apis/authentication.k8s.io/v1/tokenreviews`) with the
/// same authenticators that guard the API server, as the real server does. OpenBao's and
/// Vault's Kubernetes auth methods call this to check the tokens pods present.
public struct TokenReviewer: Sendable {
    /// The authenticators tried, usually the service account verifier and the token file.
    public let authenticator: any TokenAuthenticator
    /// The audiences a review without `spec.audiences` checks for.
    public let apiAudiences: [String]

    public init(authenticator: any TokenAuthenticator, apiAudiences: [String]) {
        self.authenticator = authenticator
        self.apiAudiences = apiAudiences
    }

    /// The answer to `request`: the request with `status` filled in.
    ///
    /// - `status.authenticated` is set only when true, `status.user` is always present
    ///   (empty when unauthenticated), `status.audiences` are those among the requested
    ///   ones the token is valid for, and `status.error` says why a recognised token was
    ///   rejected: the fields the real server fills, with its `omitempty` rules.
    /// - An empty token is 400 (`token is required for TokenReview in authentication`).
    /// - A token accepted for none of the requested audiences is 500, as in the real server.
    public func review(_ request: TokenReview) async throws(AuthAPIError) -> TokenReview {
        guard let token = request.spec.token, !token.isEmpty else {
            throw AuthAPIError.badRequest("token is required for TokenReview in authentication")
        }
        let requested = (request.spec.audiences ?? []).isEmpty ? apiAudiences : (request.spec.audiences ?? [])
        var response = request
        response.apiVersion = TokenReview.resource.apiVersion
        response.kind = TokenReview.resource.kind
        var status = TokenReviewStatus(user: UserInfo())
        switch await authenticator.authenticate(token: token, audiences: requested) {
        case .authenticated(let user, let audiences):
            if !requested.isEmpty && TokenAudiences.intersection(requested, audiences).isEmpty {
                throw AuthAPIError.internalError("error validating audience")
            }
            status.authenticated = true
            status.user = user.userInfo
            status.audiences = audiences
        case .rejected(let reason):
            status.error = reason
        case .notRecognized:
            break
        }
        response.status = status
        return response
    }
}
