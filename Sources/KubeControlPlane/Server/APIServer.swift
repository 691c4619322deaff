import Foundation
import KubeCore
import KubeHTTPServer
import Logging
import NIOHTTP1

/// Who made a request.
struct RequestUser: Sendable, Hashable {
    var name: String
    var uid: String = ""
    var groups: [String]

    static let anonymous = RequestUser(name: "system:anonymous", groups: ["system:unauthenticated"])
}

/// Decides whether a user may do something; RBAC plugs in here.
protocol RequestAuthorizer: Sendable {
    func authorize(_ user: RequestUser, _ attributes: RequestAttributes) -> AuthorizationDecision
}

/// What a request does, in the terms authorization uses.
struct RequestAttributes: Sendable, Hashable {
    var verb: String
    var group: String = ""
    var resource: String = ""
    var subresource: String = ""
    var namespace: String = ""
    var name: String = ""
    /// Set for non-resource requests (`/healthz`, `/version`).
    var path: String?
}

struct AuthorizationDecision: Sendable {
    var allowed: Bool
    var reason: String
}

/// Allows every authenticated request (RBAC switched off).
struct AllowAllAuthorizer: RequestAuthorizer {
    func authorize(_ user: RequestUser, _ attributes: RequestAttributes) -> AuthorizationDecision {
        AuthorizationDecision(allowed: true, reason: "authorization is off")
    }
}

/// The Kubernetes API on top of the store: routing, authentication,
/// authorization, and the verbs.
final class APIServer: Sendable {
    let store: ObjectStore
    let registry: ResourceRegistry
    let tokens: [String: RequestUser]
    let authorizer: any RequestAuthorizer
    let logger: Logger
    let versionInfo: VersionInfo
    /// Where clients reach this server, for `/api`'s serverAddressByClientCIDRs.
    let serverAddress: String
    let bookmarkInterval: Duration
    let lifecycle: LifecycleController?
    var garbageCollector: LifecycleController? { lifecycle }
    let patchEngine: PatchEngine
    let openAPI: OpenAPICache

    init(
        store: ObjectStore, registry: ResourceRegistry, tokens: [String: RequestUser],
        authorizer: any RequestAuthorizer,
        logger: Logger, serverAddress: String, bookmarkInterval: Duration, lifecycle: LifecycleController?,
        patchEngine: PatchEngine = PatchEngine()
    ) {
        self.lifecycle = lifecycle
        self.patchEngine = patchEngine
        self.openAPI = OpenAPICache(registry: registry, store: store)
        self.store = store
        self.registry = registry
        self.tokens = tokens
        self.authorizer = authorizer
        self.logger = logger
        self.serverAddress = serverAddress
        self.bookmarkInterval = bookmarkInterval
        versionInfo = VersionInfo(
            major: "1", minor: "33", gitVersion: "v1.33.4+astrolift", gitCommit: "astrolift", gitTreeState: "clean",
            buildDate: "2026-01-01T00:00:00Z", goVersion: "swift6", compiler: "swift", platform: "linux/amd64")
    }

    /// The HTTP entry point.
    func handle(_ request: ServerRequest) async -> ServerResponse {
        guard let route = Route(path: request.path) else { return APIStatus.resourceNotFound.response }
        let user = authenticate(request)
        switch route {
        case .health:
            return ServerResponse(status: .ok, headers: ["Content-Type": "text/plain"], body: Array("ok".utf8))
        case .version:
            return APIResponse.encode(versionInfo)
        default:
            break
        }
        guard let user else { return APIStatus.unauthorized.response }
        do {
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
    private func authenticate(_ request: ServerRequest) -> RequestUser? {
        if let cert = request.peerCertificate {
            return RequestUser(name: cert.user, groups: cert.groups + ["system:authenticated"])
        }
        if let token = request.bearerToken, let user = tokens[token] {
            return user
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
        let decision = authorizer.authorize(
            user,
            RequestAttributes(
                verb: verb, group: r.group, resource: r.plural, subresource: subresource, namespace: namespace ?? "",
                name: name))
        guard decision.allowed else {
            let what = subresource.isEmpty ? r.plural : "\(r.plural)/\(subresource)"
            var message = "\(r.group.isEmpty ? r.plural : "\(r.plural).\(r.group)")"
            message += name.isEmpty ? " is forbidden: " : " \"\(name)\" is forbidden: "
            message += "User \"\(user.name)\" cannot \(verb) resource \"\(what)\" in API group \"\(r.group)\""
            message += namespace.map { " in the namespace \"\($0)\"" } ?? " at the cluster scope"
            if !decision.reason.isEmpty { message += ": \(decision.reason)" }
            throw APIStatus.forbidden(message, r, name)
        }
    }

    private func authorizeNonResource(_ user: RequestUser, _ request: ServerRequest) throws {
        let decision = authorizer.authorize(user, RequestAttributes(verb: "get", path: request.path))
        guard decision.allowed else {
            throw APIStatus.forbidden(
                "forbidden: User \"\(user.name)\" cannot get path \"\(request.path)\"")
        }
    }
}
