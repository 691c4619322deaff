import Foundation
import KubeCore
import KubeModels

/// Signs service account tokens and answers TokenRequests (`POST
/// …/serviceaccounts/NAME/token`) as the real API server does.
///
/// Tokens are ES256 JWTs with the claims of bound tokens: `iss`, `sub`
/// (`system:serviceaccount:<ns>:<name>`), `aud` (always an array), `exp`, `iat`, `nbf`,
/// `jti`, and `kubernetes.io` with the namespace, the service account's name and UID and,
/// when bound, the Pod, Secret or Node.
public struct ServiceAccountTokenIssuer: Sendable {
    /// The `iss` claim, e.g. `https://kubernetes.default.svc.cluster.local`.
    public let issuer: String
    /// The audiences a token gets when a TokenRequest names none (`--api-audiences`,
    /// which defaults to the issuer).
    public let apiAudiences: [String]
    /// The key tokens are signed with.
    public let signingKey: ServiceAccountSigningKey
    /// Longer requested lifetimes are shortened to this (`--service-account-max-token-expiration`);
    /// `nil` for no limit beyond the API's.
    public let maxExpirationSeconds: Int64?

    /// The lifetime of a TokenRequest that does not ask for one: one hour.
    public static let defaultExpirationSeconds: Int64 = 3600
    /// The shortest lifetime a TokenRequest may ask for: ten minutes.
    public static let minimumExpirationSeconds: Int64 = 600
    /// The longest lifetime a TokenRequest may ask for: 2^32 seconds.
    public static let maximumExpirationSeconds: Int64 = 1 << 32

    public init(
        issuer: String, signingKey: ServiceAccountSigningKey, apiAudiences: [String]? = nil,
        maxExpirationSeconds: Int64? = nil
    ) {
        self.issuer = issuer
        self.signingKey = signingKey
        self.apiAudiences = apiAudiences ?? [issuer]
        self.maxExpirationSeconds = maxExpirationSeconds
    }

    /// Signs a token for `serviceAccount`. No validation: ``respond(to:serviceAccount:now:lookup:)``
    /// checks a TokenRequest first.
    ///
    /// - Parameters:
    ///   - audiences: the `aud` claim; empty means ``apiAudiences``.
    ///   - tokenID: the `jti` claim, which becomes the user's credential ID.
    public func issue(
        for serviceAccount: ServiceAccountReference, audiences: [String] = [],
        expirationSeconds: Int64 = defaultExpirationSeconds, binding: TokenBinding? = nil, now: Date = Date(),
        tokenID: String = UUID.random().uuidString.lowercased()
    ) throws -> IssuedServiceAccountToken {
        // NumericDate claims are whole seconds, as the real server writes them.
        let issuedAt = Int64(now.timeIntervalSince1970.rounded(.down))
        let expiry = issuedAt + expirationSeconds
        var kubernetes: [String: JSONValue] = [
            "namespace": .string(serviceAccount.namespace),
            "serviceaccount": ["name": .string(serviceAccount.name), "uid": .string(serviceAccount.uid)],
        ]
        if let binding {
            let ref: JSONValue = ["name": .string(binding.name), "uid": .string(binding.uid)]
            switch binding.kind {
            case .pod:
                kubernetes["pod"] = ref
                if let nodeName = binding.nodeName, let nodeUID = binding.nodeUID {
                    kubernetes["node"] = ["name": .string(nodeName), "uid": .string(nodeUID)]
                }
            case .secret: kubernetes["secret"] = ref
            case .node: kubernetes["node"] = ref
            }
        }
        let claims: JSONValue = .object([
            "iss": .string(issuer),
            "sub": .string(serviceAccount.username),
            "aud": .array((audiences.isEmpty ? apiAudiences : audiences).map { .string($0) }),
            "iat": .int(issuedAt),
            "nbf": .int(issuedAt),
            "exp": .int(expiry),
            "jti": .string(tokenID),
            "kubernetes.io": .object(kubernetes),
        ])
        let key = signingKey.verificationKey
        let header: JSONValue = ["alg": "ES256", "kid": .string(key.keyID)]
        let token = try CompactJWS.sign(header: header, claims: claims, key: signingKey.privateKey)
        return IssuedServiceAccountToken(
            token: token, expiration: Date(timeIntervalSince1970: TimeInterval(expiry)), claims: claims)
    }

    /// Answers a TokenRequest for `serviceAccount` (which the caller has looked up: a
    /// missing account is the caller's 404), as the real `token` subresource does:
    ///
    /// - empty `spec.audiences` become ``apiAudiences``; a missing `expirationSeconds`
    ///   becomes one hour; fewer than 600 or more than 2^32 seconds is 422 Invalid;
    ///   more than ``maxExpirationSeconds`` is shortened;
    /// - `metadata.name`/`namespace` default to the account's, `creationTimestamp` is now;
    /// - a `boundObjectRef` must be a core Pod, Secret or Node (400 otherwise) that exists
    ///   (404), whose UID matches when given (409), and a Pod must run as this account (400);
    /// - `status` holds the token and its expiry.
    public func respond(
        to request: TokenRequest, serviceAccount: ServiceAccountReference, now: Date = Date(),
        lookup: AuthObjectLookup
    ) async throws(AuthAPIError) -> TokenRequest {
        var response = request
        if response.spec.audiences.isEmpty { response.spec.audiences = apiAudiences }
        if (response.metadata.name ?? "").isEmpty { response.metadata.name = serviceAccount.name }
        if (response.metadata.namespace ?? "").isEmpty { response.metadata.namespace = serviceAccount.namespace }
        // The status lies at most a second before the token's `exp`, never after it.
        let wholeSecond = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        response.metadata.creationTimestamp = Time(wholeSecond)
        response.status = nil
        response.apiVersion = TokenRequest.resource.apiVersion
        response.kind = TokenRequest.resource.kind

        let requested = response.spec.expirationSeconds ?? Self.defaultExpirationSeconds
        response.spec.expirationSeconds = requested
        var errors = [AuthFieldError]()
        if requested < Self.minimumExpirationSeconds {
            errors.append(
                .invalid("spec.expirationSeconds", requested, "may not specify a duration less than 10 minutes"))
        }
        if requested > Self.maximumExpirationSeconds {
            errors.append(
                .invalid("spec.expirationSeconds", requested, "may not specify a duration larger than 2^32 seconds"))
        }
        if !errors.isEmpty {
            throw AuthAPIError.invalid(
                kind: TokenRequest.resource.kind, group: TokenRequest.resource.group, name: "", errors: errors)
        }

        var binding: TokenBinding?
        if let ref = response.spec.boundObjectRef {
            binding = try await resolveBinding(ref, serviceAccount: serviceAccount, lookup: lookup)
        }

        var lifetime = requested
        if let maxExpirationSeconds, maxExpirationSeconds > 0, lifetime > maxExpirationSeconds {
            lifetime = maxExpirationSeconds
            response.spec.expirationSeconds = lifetime
        }

        let issued: IssuedServiceAccountToken
        do {
            issued = try issue(
                for: serviceAccount, audiences: response.spec.audiences, expirationSeconds: lifetime,
                binding: binding, now: wholeSecond)
        } catch {
            throw AuthAPIError.internalError("failed to sign the token: \(error)")
        }
        response.status = TokenRequestStatus(token: issued.token, expirationTimestamp: Time(issued.expiration))
        return response
    }

    private func resolveBinding(
        _ ref: BoundObjectReference, serviceAccount: ServiceAccountReference, lookup: AuthObjectLookup
    ) async throws(AuthAPIError) -> TokenBinding {
        let gvk = GroupVersionKind(apiVersion: ref.apiVersion ?? "", kind: ref.kind ?? "")
        let name = ref.name ?? ""
        guard gvk.group.isEmpty, let kind = TokenBinding.Kind(rawValue: gvk.kind) else {
            // Go prints a GroupVersionKind as `group/version, Kind=kind`.
            throw AuthAPIError.badRequest(
                "cannot bind token to object of type \(gvk.group)/\(gvk.version), Kind=\(gvk.kind)")
        }
        let objectKind = AuthObjectKind(kind)
        let namespace = kind == .node ? "" : serviceAccount.namespace
        guard let record = await lookup(objectKind, namespace, name) else {
            throw AuthAPIError.notFound(resource: objectKind.rawValue, name: name)
        }
        var binding = TokenBinding(kind: kind, name: name, uid: record.uid)
        if kind == .pod {
            if record.serviceAccountName != serviceAccount.name {
                throw AuthAPIError.badRequest(
                    "cannot bind token for serviceaccount \(AuthText.quoted(serviceAccount.name)) "
                        + "to pod running with different serviceaccount name.")
            }
            // The Node the Pod runs on is recorded when it exists; its absence is no error.
            if let nodeName = record.nodeName, !nodeName.isEmpty,
                let node = await lookup(.node, "", nodeName)
            {
                binding.nodeName = nodeName
                binding.nodeUID = node.uid
            }
        }
        if let uid = ref.uid, !uid.isEmpty, uid != record.uid {
            throw AuthAPIError.conflict(
                resource: kind.rawValue, name: name,
                message: "the UID in the bound object reference (\(uid)) does not match the UID in record. "
                    + "The object might have been deleted and then recreated")
        }
        return binding
    }
}
