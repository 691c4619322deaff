import Foundation
import KubeCore
import Synchronization

/// Authenticates service account tokens as the real server's bound-token authenticator
/// does: signature, issuer, audiences, time claims, and that the service account (and the
/// Pod, Secret or Node the token is bound to) still exists with the UID in the token.
///
/// Tokens of another issuer, and strings that are not JWTs, are ``TokenAuthenticationOutcome/notRecognized``
/// so that other authenticators (the token file) get their turn. Failures after that are
/// ``TokenAuthenticationOutcome/rejected(_:)`` with the real server's messages.
public struct ServiceAccountTokenVerifier: TokenAuthenticator {
    /// Accepted `iss` values.
    public let issuers: Set<String>
    /// Keys whose signatures are accepted (the current key, and old ones while rotating).
    public let keys: [ServiceAccountVerificationKey]
    /// The API server's audiences: the default target, and the audience of tokens without `aud`.
    public let apiAudiences: [String]
    /// Tolerance for clock skew on `exp`, `nbf` and `iat`, and for deletions (one minute,
    /// as in the real server).
    public let leeway: TimeInterval
    private let lookup: AuthObjectLookup
    private let clock: @Sendable () -> Date
    /// Claims of tokens whose signature has been checked, so that a client presenting the
    /// same token on every request pays for the signature once. Time, audience and object
    /// checks still run on every use.
    private let verified = VerifiedTokenCache(capacity: 4096)

    /// The message the real server gives for a bad signature (its JOSE library's).
    public static let invalidSignatureMessage = "square/go-jose: error in cryptographic primitive"
    /// The message for a token whose bound object is gone.
    public static let invalidatedMessage = "service account token has been invalidated"

    public init(
        issuers: [String], keys: [ServiceAccountVerificationKey], apiAudiences: [String], leeway: TimeInterval = 60,
        clock: @escaping @Sendable () -> Date = { Date() }, lookup: @escaping AuthObjectLookup
    ) {
        self.issuers = Set(issuers)
        self.keys = keys
        self.apiAudiences = apiAudiences
        self.leeway = leeway
        self.clock = clock
        self.lookup = lookup
    }

    /// A verifier for the tokens `issuer` signs.
    public init(
        issuer: ServiceAccountTokenIssuer, additionalKeys: [ServiceAccountVerificationKey] = [],
        clock: @escaping @Sendable () -> Date = { Date() }, lookup: @escaping AuthObjectLookup
    ) {
        self.init(
            issuers: [issuer.issuer], keys: [issuer.signingKey.verificationKey] + additionalKeys,
            apiAudiences: issuer.apiAudiences, clock: clock, lookup: lookup)
    }

    public func authenticate(token: String, audiences: [String]) async -> TokenAuthenticationOutcome {
        await verify(token: token, audiences: audiences, now: clock())
    }

    /// Verifies `token` for `audiences` (empty means ``apiAudiences``) at time `now`.
    public func verify(token: String, audiences: [String], now: Date) async -> TokenAuthenticationOutcome {
        let checked: CheckedClaims
        switch checkWithoutLookups(token: token, audiences: audiences, now: now) {
        case .failure(let outcome): return outcome
        case .success(let claims): checked = claims
        }
        if let reason = await validateObjects(checked, now: now) { return .rejected(reason) }
        return .authenticated(checked.user, audiences: checked.audiences)
    }

    /// What the token says, once signature, issuer, audiences and times are checked.
    struct CheckedClaims: Sendable {
        struct Ref: Sendable {
            var name: String
            var uid: String
        }
        var namespace: String
        var serviceAccount: Ref
        var pod: Ref?
        var secret: Ref?
        var node: Ref?
        var tokenID: String?
        var audiences: [String]

        var user: AuthenticatedUser {
            var extra = [String: [String]]()
            if let pod {
                extra[AuthenticationExtraKey.podName] = [pod.name]
                extra[AuthenticationExtraKey.podUID] = [pod.uid]
            }
            if let node {
                extra[AuthenticationExtraKey.nodeName] = [node.name]
                extra[AuthenticationExtraKey.nodeUID] = [node.uid]
            }
            if let tokenID, !tokenID.isEmpty { extra[AuthenticationExtraKey.credentialID] = ["JTI=\(tokenID)"] }
            return ServiceAccountUsername.user(
                namespace: namespace, name: serviceAccount.name, uid: serviceAccount.uid, extra: extra)
        }
    }

    enum Check {
        case success(CheckedClaims)
        case failure(TokenAuthenticationOutcome)
    }

    func checkWithoutLookups(token: String, audiences: [String], now: Date) -> Check {
        let claims: [String: JSONValue]
        if let known = verified.claims(of: token) {
            claims = known
        } else {
            guard let parsed = CompactJWS.parse(token),
                let issuer = parsed.claims["iss"]?.stringValue, issuers.contains(issuer)
            else { return .failure(.notRecognized) }
            guard parsed.header["alg"]?.stringValue == "ES256", signatureIsValid(parsed) else {
                return .failure(.rejected(Self.invalidSignatureMessage))
            }
            verified.insert(token, claims: parsed.claims)
            claims = parsed.claims
        }
        return checkClaims(claims, audiences: audiences, now: now)
    }

    private func checkClaims(_ claims: [String: JSONValue], audiences: [String], now: Date) -> Check {
        // A token without `aud` counts as one for the API server, as legacy tokens do.
        var tokenAudiences = Self.stringList(claims["aud"])
        if tokenAudiences.isEmpty { tokenAudiences = apiAudiences }
        let requested = audiences.isEmpty ? apiAudiences : audiences
        let valid = TokenAudiences.intersection(tokenAudiences, requested)
        if valid.isEmpty && !apiAudiences.isEmpty {
            return .failure(
                .rejected(
                    "token audiences \(AuthText.quotedList(tokenAudiences)) is invalid for the target audiences "
                        + AuthText.quotedList(requested)))
        }

        // Same order and leeway as the JOSE library the real server uses.
        let t = now.timeIntervalSince1970
        if let nbf = claims["nbf"]?.doubleValue, t + leeway < nbf {
            return .failure(.rejected("service account token is not valid yet"))
        }
        if let exp = claims["exp"]?.doubleValue, t - leeway > exp {
            return .failure(.rejected("service account token has expired"))
        }
        if let iat = claims["iat"]?.doubleValue, t + leeway < iat {
            return .failure(.rejected("service account token is issued in the future"))
        }

        let k8s = claims["kubernetes.io"]
        guard let namespace = k8s?["namespace"]?.stringValue, !namespace.isEmpty,
            let saName = k8s?[path: ["serviceaccount", "name"]]?.stringValue, !saName.isEmpty
        else {
            return .failure(.rejected("service account token claims could not be validated: no kubernetes.io claims"))
        }
        func ref(_ key: String) -> CheckedClaims.Ref? {
            guard let object = k8s?[key]?.objectValue else { return nil }
            return CheckedClaims.Ref(name: object["name"]?.stringValue ?? "", uid: object["uid"]?.stringValue ?? "")
        }
        return .success(
            CheckedClaims(
                namespace: namespace,
                serviceAccount: CheckedClaims.Ref(
                    name: saName, uid: k8s?[path: ["serviceaccount", "uid"]]?.stringValue ?? ""),
                pod: ref("pod"), secret: ref("secret"), node: ref("node"),
                tokenID: claims["jti"]?.stringValue, audiences: valid))
    }

    private func signatureIsValid(_ parsed: CompactJWS.Parsed) -> Bool {
        // Try the key the token names first; fall back to all (tokens without `kid`).
        if let kid = parsed.header["kid"]?.stringValue, let key = keys.first(where: { $0.keyID == kid }) {
            return CompactJWS.verify(parsed, key: key.publicKey)
        }
        return keys.contains { CompactJWS.verify(parsed, key: $0.publicKey) }
    }

    /// The reason the token's objects no longer validate it, or `nil` when they do.
    func validateObjects(_ claims: CheckedClaims, now: Date) async -> String? {
        let ns = claims.namespace
        let sa = claims.serviceAccount
        func deleted(_ record: AuthObjectRecord) -> Bool {
            guard let at = record.deletionTimestamp else { return false }
            return at < now.addingTimeInterval(-leeway)
        }
        guard let account = await lookup(.serviceAccount, ns, sa.name) else {
            return "serviceaccounts \(AuthText.quoted(sa.name)) not found"
        }
        if account.uid != sa.uid {
            return "service account UID (\(account.uid)) does not match claim (\(sa.uid))"
        }
        if deleted(account) { return "service account \(ns)/\(sa.name) has been deleted" }

        if let ref = claims.secret {
            guard let secret = await lookup(.secret, ns, ref.name) else { return Self.invalidatedMessage }
            if secret.uid != ref.uid {
                return "secret UID (\(secret.uid)) does not match service account secret ref claim (\(ref.uid))"
            }
            if deleted(secret) { return Self.invalidatedMessage }
        }
        if let ref = claims.pod {
            guard let pod = await lookup(.pod, ns, ref.name) else { return Self.invalidatedMessage }
            if pod.uid != ref.uid {
                return "pod UID (\(pod.uid)) does not match service account pod ref claim (\(ref.uid))"
            }
            if deleted(pod) { return Self.invalidatedMessage }
        } else if let ref = claims.node {
            // Only a token bound to the Node itself is checked against it; the Node of a
            // Pod-bound token is informational.
            guard let node = await lookup(.node, "", ref.name) else { return Self.invalidatedMessage }
            if node.uid != ref.uid {
                return "node UID (\(node.uid)) does not match service account node ref claim (\(ref.uid))"
            }
            if deleted(node) { return Self.invalidatedMessage }
        }
        return nil
    }

    /// `aud` may be one string or an array of strings.
    static func stringList(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let s)?: return [s]
        case .array(let items)?: return items.compactMap(\.stringValue)
        default: return []
        }
    }
}

/// A bounded map from token to its signature-checked claims. When full it starts afresh:
/// simple, and a refill costs one signature check per active token.
final class VerifiedTokenCache: Sendable {
    private let entries = Mutex<[String: [String: JSONValue]]>([:])
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func claims(of token: String) -> [String: JSONValue]? {
        entries.withLock { $0[token] }
    }

    func insert(_ token: String, claims: [String: JSONValue]) {
        entries.withLock { map in
            if map.count >= capacity { map.removeAll(keepingCapacity: true) }
            map[token] = claims
        }
    }
}
