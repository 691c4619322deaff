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
        headers: HTTPHeaders, certificateIdentity: TestIdentity?, tokens: [String: TestUser]?
    ) -> Outcome {
        if let certificateIdentity { return .authenticated(certificateIdentity) }
        guard let tokens else { return .anonymous }
        guard let token = bearerToken(in: headers) else {
            return .rejected("Unauthorized: no client certificate or bearer token presented")
        }
        guard let user = tokens[token] else {
            return .rejected("Unauthorized: invalid bearer token")
        }
        return .authenticated(TestIdentity(user: user.name, groups: user.groups, method: .bearerToken))
    }

    /// The token of an `Authorization: Bearer <token>` header; the scheme is matched
    /// case-insensitively (RFC 9110 §11.1), the token exactly.
    static func bearerToken(in headers: HTTPHeaders) -> String? {
        guard let value = headers.first(name: "Authorization") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
