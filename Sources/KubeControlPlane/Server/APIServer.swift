import Foundation
import KubeAPIMachinery
import KubeCore
import KubeHTTPServer
import Logging
import NIOHTTP1

/// Who made a request.
struct RequestUser: Sendable, Hashable {
    var name: String
    var uid: String = ""
    var groups: [String]

    /// The identity as the authorization machinery sees it.
    var authenticated: AuthenticatedUser {
        AuthenticatedUser(username: name, uid: uid, groups: groups)
    }

    init(name: String, uid: String = "", groups: [String]) {
        self.name = name
        self.uid = uid
        self.groups = groups
    }

    init(_ user: AuthenticatedUser) {
        self.init(name: user.username, uid: user.uid, groups: user.groups)
    }
}

/// The static bearer tokens (the admin's and any configured) as a token authenticator.
struct StaticTokens: TokenAuthenticator {
    let tokens: [String: RequestUser]

    func authenticate(token: String, audiences: [String]) async -> TokenAuthenticationOutcome {
        guard let user = tokens[token] else { return .notRecognized }
        return .authenticated(user.authenticated, audiences: audiences)
    }
}

/// The Kubernetes API on top of the store: routing, authentication,
/// authorization, and the verbs.
final class APIServer: Sendable {
    let store: ObjectStore
    let registry: ResourceRegistry
    let tokens: [String: RequestUser]
    let authorizer: any Authorizer
    /// RBAC, fed from stored roles and bindings; `nil` when authorization is off.
    let rbac: RBACAuthorizer?
    let tokenIssuer: ServiceAccountTokenIssuer
    let tokenAuthenticator: any TokenAuthenticator
    let logger: Logger
    let versionInfo: VersionInfo
    /// Where clients reach this server, for `/api`'s serverAddressByClientCIDRs.
    let serverAddress: String
    let bookmarkInterval: Duration
    let lifecycle: LifecycleController?
    let patchEngine: PatchEngine
    let openAPI: OpenAPICache
    /// Test-only request recording and failure injection (`nil` unless test hooks are enabled).
    let requestHooks: RequestHooks?

    init(
        store: ObjectStore, registry: ResourceRegistry, tokens: [String: RequestUser], rbac: RBACAuthorizer?,
        tokenIssuer: ServiceAccountTokenIssuer, logger: Logger, serverAddress: String, bookmarkInterval: Duration,
        lifecycle: LifecycleController?,
        patchEngine: PatchEngine = PatchEngine(), requestHooks: RequestHooks? = nil
    ) {
        self.requestHooks = requestHooks
        self.lifecycle = lifecycle
        self.patchEngine = patchEngine
        self.openAPI = OpenAPICache(registry: registry, store: store)
        self.store = store
        self.registry = registry
        self.tokens = tokens
        self.rbac = rbac
        self.authorizer = rbac ?? AlwaysAllowAuthorizer()
        self.tokenIssuer = tokenIssuer
        let lookup: AuthObjectLookup = { [store] kind, namespace, name in
            guard let stored = store.get("/\(kind.rawValue)", key: ObjectKey.make(namespace: namespace, name: name)),
                let json = try? stored.json()
            else { return nil }
            return AuthObjectRecord(object: json)
        }
        self.tokenAuthenticator = TokenAuthenticatorUnion([
            StaticTokens(tokens: tokens), ServiceAccountTokenVerifier(issuer: tokenIssuer, lookup: lookup),
        ])
        self.logger = logger
        self.serverAddress = serverAddress
        self.bookmarkInterval = bookmarkInterval
        versionInfo = VersionInfo(
            major: "1", minor: "33", gitVersion: "v1.33.4+astrolift", gitCommit: "astrolift", gitTreeState: "clean",
            buildDate: "2026-01-01T00:00:00Z", goVersion: "swift6", compiler: "swift", platform: "linux/amd64")
    }

    /// The HTTP entry point.
    func handle(_ request: ServerRequest) async -> ServerResponse {
        if let requestHooks, let injected = requestHooks.intercept(request) { return injected }
        guard let route = Route(path: request.path) else { return APIStatus.resourceNotFound.response }
        let user = await authenticate(request)
        switch route {
        case .health:
            return ServerResponse(status: .ok, headers: ["Content-Type": "text/plain"], body: Array("ok".utf8))
        case .version:
            return APIResponse.encode(versionInfo)
        default:
            break
        }
        guard var user else { return APIStatus.unauthorized.response }
        do {
            if request.headers.contains(where: { $0.name.lowercased().hasPrefix("impersonate-") }) {
                // `kubectl --as`: act as another identity if allowed to impersonate it.
                do {
                    let impersonated = try Impersonation.resolve(
                        ImpersonationRequest(headers: request.headers.map { ($0.name, $0.value) }),
                        requester: user.authenticated, authorizer: authorizer)
                    user = RequestUser(impersonated)
                } catch {
                    throw APIStatus(status: error.status)
                }
            }
            return try await dispatch(route, request, user)
        } catch let status as APIStatus {
            return status.response
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.path)", "error": "\(error)"])
            return APIStatus.internalError("\(error)").response
        }
    }

    /// The user a request authenticates as: a verified client certificate, then a bearer token.
    /// `nil` when a token was presented but is unknown, or nothing identified the caller.
    private func authenticate(_ request: ServerRequest) async -> RequestUser? {
        if let cert = request.peerCertificate {
            return RequestUser(name: cert.user, groups: cert.groups + ["system:authenticated"])
        }
        guard let token = request.bearerToken else { return nil }
        if case .authenticated(let user, _) = await tokenAuthenticator.authenticate(
            token: token, audiences: tokenIssuer.apiAudiences)
        {
            return RequestUser(user.addingAuthenticatedGroup())
        }
        return nil
    }

    private func dispatch(_ route: Route, _ request: ServerRequest, _ user: RequestUser) async throws
        -> ServerResponse
    {
        switch route {
        case .openAPI:
            try authorizeNonResource(user, request)
            return try openAPIDocument(request)
        case .coreVersions, .groups, .group, .groupVersion:
            try authorizeNonResource(user, request)
            return try discovery(route)
        case .collection(let gv, let plural, let namespace):
            guard let resource = registry.lookup(groupVersion: gv, plural: plural) else {
                throw APIStatus.resourceNotFound
            }
            if resource.namespaced == false, namespace != nil { throw APIStatus.resourceNotFound }
            let watching = ["true", "1"].contains(request.queryValue("watch") ?? "")
            switch request.method {
            case .GET:
                try authorize(user, watching ? "watch" : "list", resource, namespace: namespace, name: "")
                return watching
                    ? try watch(resource, namespace: namespace, request)
                    : try list(resource, namespace: namespace, request)
            case .POST:
                try authorize(user, "create", resource, namespace: namespace, name: "")
                return try await create(resource, namespace: namespace, request, user)
            case .DELETE:
                try authorize(user, "deletecollection", resource, namespace: namespace, name: "")
                return try deleteCollection(resource, namespace: namespace, request)
            default:
                throw APIStatus.methodNotAllowed
            }
        case .object(let gv, let plural, let namespace, let name, let subresource):
            guard let resource = registry.lookup(groupVersion: gv, plural: plural) else {
                throw APIStatus.resourceNotFound
            }
            if resource.namespaced != (namespace != nil) { throw APIStatus.resourceNotFound }
            if let subresource, !resource.subresources.contains(subresource) { throw APIStatus.resourceNotFound }
            let verb: String
            switch request.method {
            case .GET: verb = "get"
            case .PUT: verb = "update"
            case .PATCH: verb = "patch"
            case .DELETE: verb = "delete"
            case .POST where subresource == "token": verb = "create"
            default: throw APIStatus.methodNotAllowed
            }
            try authorize(user, verb, resource, namespace: namespace, name: name, subresource: subresource ?? "")
            return try await objectVerb(
                verb, resource, namespace: namespace, name: name, subresource: subresource, request, user)
        case .version, .health:
            throw APIStatus.resourceNotFound
        }
    }

    private func authorize(
        _ user: RequestUser, _ verb: String, _ r: ServedResource, namespace: String?, name: String,
        subresource: String = ""
    ) throws {
        let attributes = AuthorizationAttributes.resource(
            user: user.authenticated, verb: verb, group: r.group, version: r.version, resource: r.plural,
            subresource: subresource, name: name, namespace: namespace ?? "")
        let decision = authorizer.authorize(attributes)
        guard decision.isAllowed else { throw APIStatus(status: attributes.forbiddenStatus(reason: decision.reason)) }
    }

    private func authorizeNonResource(_ user: RequestUser, _ request: ServerRequest) throws {
        let attributes = AuthorizationAttributes.nonResource(user: user.authenticated, verb: "get", path: request.path)
        let decision = authorizer.authorize(attributes)
        guard decision.isAllowed else { throw APIStatus(status: attributes.forbiddenStatus(reason: decision.reason)) }
    }
}
