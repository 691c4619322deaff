import Foundation
import NIOHTTP1

/// Decides who a request comes from, in the order the Kubernetes API server's union
/// authenticator does: a verified client certificate first, then a bearer token.
enum Authenticator {
    enum Outcome: Equatable {
        case authenticated(TestIdentity)
        /// Token authentication is off and no certificate identified the caller.
        case anonymous
        /// Token authentication is on and neither a certificate nor a token identified the caller.
        case rejected(String)
    }

    static func authenticate(
        token: String?, certificateIdentity: TestIdentity?, tokens: [String: TestUser]?
    ) -> Outcome {
        if let certificateIdentity { return .authenticated(certificateIdentity) }
        guard let tokens else { return .anonymous }
        guard let token else {
            return .rejected("Unauthorized: no client certificate or bearer token presented")
        }
        guard let user = tokens[token] else {
            return .rejected("Unauthorized: invalid bearer token")
        }
        return .authenticated(TestIdentity(user: user.name, groups: user.groups, method: .bearerToken))
    }

}
