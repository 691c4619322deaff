import Foundation
import KubeCore
import NIOHTTP1

/// A small in-memory imitation of the Kubernetes API for client and CLI tests:
/// discovery, CRUD, merge / JSON patch, apply (as a merge), the status subresource,
/// list pagination with continue tokens, watches with a bounded history (410 Gone
/// beyond it), optimistic concurrency (409), server-side tables, and access reviews
/// answered by a test-supplied rule.
///
/// It is deliberately simple; the embedded control plane is the faithful server.
public actor FakeCluster {
    /// Decides `SelfSubjectAccessReview`s: (user, verb, group, resource, subresource) → allowed.
    public typealias AccessRule = @Sendable (String, String, String, String, String?) -> Bool

    public let resources: [ResourceDescriptor]
    private var objects: [String: [String: JSONValue]] = [:]
    private var revision: Int64 = 1000
    private var history: [Event] = []
    /// Watches from before this revision get 410 Gone.
    private var oldestRetained: Int64 = 1000
    private var watchers: [UUID: Watcher] = [:]
    private let accessRule: AccessRule
    /// Canned failures the next requests get, for retry tests: (path suffix, response).
    private var injected: [(String, TestResponse)] = []

    struct Event {
        var revision: Int64
        var type: String
        var resource: String
        var object: JSONValue
    }

    struct Watcher {
        var resource: String
        var namespace: String?
        var continuation: AsyncStream<Event>.Continuation
    }

    /// The kinds served unless others are given.
    public static let defaultResources: [ResourceDescriptor] = [
        ResourceDescriptor(group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false),
        ResourceDescriptor(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true),
        ResourceDescriptor(group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true),
        ResourceDescriptor(group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true),
        ResourceDescriptor(group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true),
        ResourceDescriptor(
            group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition",
            plural: "customresourcedefinitions", namespaced: false),
    ]

    static let shortNames: [String: [String]] = [
        "namespaces": ["ns"], "configmaps": ["cm"], "pods": ["po"], "deployments": ["deploy"],
        "customresourcedefinitions": ["crd", "crds"],
    ]

    public init(
        resources: [ResourceDescriptor] = FakeCluster.defaultResources,
        accessRule: @escaping AccessRule = { _, _, _, _, _ in true }
    ) {
        self.resources = resources
        self.accessRule = accessRule
    }

    /// The handler to give `TestServer.start`.
    public nonisolated var handler: TestServer.Handler {
        { request in await self.handle(request) }
    }

    // MARK: Test controls

    /// Stores an object directly, as if created (fills uid, resourceVersion, creationTimestamp).
    @discardableResult
    public func seed(_ object: JSONValue, resource: ResourceDescriptor) -> JSONValue {
        var o = object
        stamp(&o, resource: resource, creating: true)
        store(o, resource: resource, type: "ADDED")
        return o
    }

    /// Forgets watch history before the current revision, so older resourceVersions get 410.
    public func compactHistory() {
        oldestRetained = revision
        history.removeAll()
    }

    /// The current revision (the resourceVersion of the newest write).
    public var currentRevision: String { String(revision) }

    /// Makes the next request whose path ends with `pathSuffix` get `response`.
    public func injectFailure(pathSuffix: String, _ response: TestResponse) {
        injected.append((pathSuffix, response))
    }

    /// Deletes an object directly, as if deleted through the API but ignoring finalizers,
    /// and tells watchers. Returns whether it existed.
    @discardableResult
    public func remove(_ resource: ResourceDescriptor, namespace: String?, name: String) -> Bool {
        guard var o = objects[resource.qualifiedName]?.removeValue(forKey: key(namespace, name)) else { return false }
        revision += 1
        o[path: ["metadata", "resourceVersion"]] = .string(String(revision))
        record(Event(revision: revision, type: "DELETED", resource: resource.qualifiedName, object: o))
        return true
    }

    /// Every stored object of `resource`.
    public func stored(_ resource: ResourceDescriptor) -> [JSONValue] {
        (objects[resource.qualifiedName] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
    }

    // MARK: Routing

    private func handle(_ request: TestRequest) async -> TestResponse {
        if let i = injected.firstIndex(where: { request.path.hasSuffix($0.0) }) {
            return injected.remove(at: i).1
        }
        switch request.path {
        case "/version":
            return .json(VersionInfo(major: "1", minor: "33", gitVersion: "v1.33.0-fake", platform: "linux/amd64"))
        case "/api":
            return .json(APIVersions(versions: ["v1"]))
        case "/apis":
            return .json(APIGroupList(groups: groups()))
        default:
            break
        }
        if request.path == "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", request.method == .POST {
            return accessReview(request)
        }
        if request.path == "/apis/authentication.k8s.io/v1/selfsubjectreviews", request.method == .POST {
            let user = request.identity?.user ?? "system:anonymous"
            let groups = request.identity?.groups ?? []
            let userInfo: JSONValue = ["username": .string(user), "groups": .array(groups.map(JSONValue.string))]
            let review: JSONValue = [
                "apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview", "metadata": [:],
                "status": ["userInfo": userInfo],
            ]
            return .json(review, headers: [:], status: .created)
        }
        guard let route = Route(path: request.path, resources: resources) else {
            return .status(code: 404, reason: .notFound, message: "the server could not find the requested resource")
        }
        switch route {
        case .discovery(let groupVersion):
            let list = resources.filter { $0.apiVersion == groupVersion }
            if list.isEmpty {
                return .status(
                    code: 404, reason: .notFound, message: "the server could not find the requested resource")
            }
            return .json(
                APIResourceList(
                    groupVersion: groupVersion,
                    resources: list.map {
                        APIResource(
                            name: $0.plural, singularName: $0.kind.lowercased(), namespaced: $0.namespaced,
                            kind: $0.kind, verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
                            shortNames: Self.shortNames[$0.plural])
                    }
                        + list.map {
                            APIResource(
                                name: "\($0.plural)/status", singularName: "", namespaced: $0.namespaced, kind: $0.kind,
                                verbs: ["get", "patch", "update"])
                        }))
        case .collection(let resource, let namespace):
            switch request.method {
            case .GET:
                if request.queryValue("watch") == "true" || request.queryValue("watch") == "1" {
                    return watch(request, resource: resource, namespace: namespace)
                }
                return list(request, resource: resource, namespace: namespace)
            case .POST: return create(request, resource: resource, namespace: namespace)
            default: return methodNotAllowed()
            }
        case .object(let resource, let namespace, let name, let subresource):
            if let subresource, subresource != "status" {
                return .status(code: 404, reason: .notFound, message: "no subresource \(subresource)")
            }
            switch request.method {
            case .GET: return get(request, resource: resource, namespace: namespace, name: name)
            case .PUT:
                return update(request, resource: resource, namespace: namespace, name: name, status: subresource != nil)
            case .PATCH:
                return patch(request, resource: resource, namespace: namespace, name: name, status: subresource != nil)
            case .DELETE: return delete(resource: resource, namespace: namespace, name: name)
            default: return methodNotAllowed()
            }
        }
    }

    private func groups() -> [APIGroup] {
        var seen: [String: [String]] = [:]
        for r in resources where !r.group.isEmpty {
            seen[r.group, default: []].append(r.apiVersion)
        }
        return seen.keys.sorted().map { g in
            let versions = Array(Set(seen[g] ?? [])).sorted().map {
                GroupVersionForDiscovery(groupVersion: $0, version: String($0.split(separator: "/").last ?? ""))
            }
            return APIGroup(name: g, versions: versions, preferredVersion: versions.first)
        }
    }

    private func methodNotAllowed() -> TestResponse {
        .status(
            code: 405, reason: .methodNotAllowed,
            message: "the server does not allow this method on the requested resource")
    }

    // MARK: Verbs

    private func key(_ namespace: String?, _ name: String) -> String {
        namespace.map { "\($0)/\(name)" } ?? name
    }

    private func notFound(_ resource: ResourceDescriptor, _ name: String) -> TestResponse {
        .status(
            code: 404, reason: .notFound, message: "\(resource.qualifiedName) \"\(name)\" not found",
            details: StatusDetails(name: name, group: resource.group, kind: resource.plural))
    }

    private func get(_ request: TestRequest, resource: ResourceDescriptor, namespace: String?, name: String)
        -> TestResponse
    {
        guard let o = objects[resource.qualifiedName]?[key(namespace, name)] else { return notFound(resource, name) }
        if wantsTable(request) { return .json(table([o])) }
        return .json(o)
    }

    private func matching(_ request: TestRequest, resource: ResourceDescriptor, namespace: String?) -> [JSONValue] {
        var items = (objects[resource.qualifiedName] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
        if let namespace {
            items = items.filter { $0[path: ["metadata", "namespace"]]?.stringValue == namespace }
        }
        if let selector = request.queryValue("labelSelector"), !selector.isEmpty {
            let requirements = selector.split(separator: ",").map {
                $0.split(separator: "=", maxSplits: 1).map(String.init)
            }
            items = items.filter { o in
                requirements.allSatisfy { r in
                    let label = o[path: ["metadata", "labels", r[0]]]?.stringValue
                    return r.count == 2 ? label == r[1] : label != nil
                }
            }
        }
        if let fields = request.queryValue("fieldSelector"), fields.hasPrefix("metadata.name=") {
            let name = String(fields.dropFirst("metadata.name=".count))
            items = items.filter { $0[path: ["metadata", "name"]]?.stringValue == name }
        }
        return items
    }

    private func list(_ request: TestRequest, resource: ResourceDescriptor, namespace: String?) -> TestResponse {
        let items = matching(request, resource: resource, namespace: namespace)
        var offset = 0
        var listRevision = revision
        if let token = request.queryValue("continue"), !token.isEmpty {
            let parts = String(decoding: Data(base64Encoded: token) ?? Data(), as: UTF8.self).split(separator: ":")
            guard parts.count == 2, let rev = Int64(parts[0]), let off = Int(parts[1]) else {
                return .status(code: 400, reason: .badRequest, message: "invalid continue token")
            }
            if rev < oldestRetained {
                return .status(
                    code: 410, reason: .expired,
                    message: "The provided continue parameter is too old to display a consistent list result.")
            }
            offset = off
            listRevision = rev
        }
        let limit = request.queryValue("limit").flatMap(Int.init) ?? 0
        let end = limit > 0 ? min(offset + limit, items.count) : items.count
        let page = offset < items.count ? Array(items[offset..<end]) : []
        var meta: [String: JSONValue] = ["resourceVersion": .string(String(listRevision))]
        if end < items.count {
            meta["continue"] = .string(Data("\(listRevision):\(end)".utf8).base64EncodedString())
            meta["remainingItemCount"] = .int(Int64(items.count - end))
        }
        if wantsTable(request) { return .json(table(page, meta: meta)) }
        return .json(
            JSONValue.object([
                "apiVersion": .string(resource.apiVersion), "kind": .string(resource.kind + "List"),
                "metadata": .object(meta), "items": .array(page),
            ]))
    }

    private func create(_ request: TestRequest, resource: ResourceDescriptor, namespace: String?) -> TestResponse {
        guard var o = try? JSONValue.parse(Data(request.body)), o.objectValue != nil else {
            return .status(code: 400, reason: .badRequest, message: "the request body is not a JSON object")
        }
        if o[path: ["metadata", "name"]]?.stringValue == nil,
            let prefix = o[path: ["metadata", "generateName"]]?.stringValue
        {
            o[path: ["metadata", "name"]] = .string(prefix + String(UUID().uuidString.prefix(5)).lowercased())
        }
        guard let name = o[path: ["metadata", "name"]]?.stringValue, !name.isEmpty else {
            return .status(
                code: 422, reason: .invalid, message: "\(resource.kind) is invalid: metadata.name: Required value",
                details: StatusDetails(
                    kind: resource.kind,
                    causes: [
                        StatusCause(reason: "FieldValueRequired", message: "Required value", field: "metadata.name")
                    ]))
        }
        if resource.namespaced { o[path: ["metadata", "namespace"]] = namespace.map(JSONValue.string) }
        if objects[resource.qualifiedName]?[key(namespace, name)] != nil {
            return .status(
                code: 409, reason: .alreadyExists, message: "\(resource.qualifiedName) \"\(name)\" already exists",
                details: StatusDetails(name: name, group: resource.group, kind: resource.plural))
        }
        if request.queryValue("dryRun") == "All" { return .json(o, status: .created) }
        stamp(&o, resource: resource, creating: true)
        store(o, resource: resource, type: "ADDED")
        return .json(o, status: .created)
    }

    private func update(
        _ request: TestRequest, resource: ResourceDescriptor, namespace: String?, name: String, status: Bool
    ) -> TestResponse {
        guard let current = objects[resource.qualifiedName]?[key(namespace, name)] else {
            return notFound(resource, name)
        }
        guard var o = try? JSONValue.parse(Data(request.body)), o.objectValue != nil else {
            return .status(code: 400, reason: .badRequest, message: "the request body is not a JSON object")
        }
        if let rv = o[path: ["metadata", "resourceVersion"]]?.stringValue, !rv.isEmpty,
            rv != current[path: ["metadata", "resourceVersion"]]?.stringValue
        {
            return conflict(resource, name)
        }
        if status {
            var merged = current
            merged["status"] = o["status"]
            o = merged
        } else {
            o["status"] = current["status"]
        }
        return commit(o, over: current, resource: resource)
    }

    private func patch(
        _ request: TestRequest, resource: ResourceDescriptor, namespace: String?, name: String, status: Bool
    ) -> TestResponse {
        let contentType = request.header("Content-Type") ?? ""
        guard let body = try? JSONValue.parse(Data(request.body)) else {
            return .status(code: 400, reason: .badRequest, message: "the patch body is not JSON")
        }
        let existing = objects[resource.qualifiedName]?[key(namespace, name)]
        if existing == nil && !contentType.hasPrefix("application/apply-patch") { return notFound(resource, name) }
        if contentType.hasPrefix("application/apply-patch") && request.queryValue("fieldManager") == nil {
            return .status(code: 400, reason: .badRequest, message: "PATCH requests with apply require fieldManager")
        }
        var patched: JSONValue
        do {
            switch contentType.split(separator: ";").first.map(String.init) ?? "" {
            case "application/json-patch+json":
                patched = try JSONPatch.apply(body, to: existing ?? [:])
            case "application/merge-patch+json", "application/strategic-merge-patch+json",
                "application/apply-patch+yaml":
                patched = JSONMergePatch.apply(body, to: existing ?? [:])
            default:
                return .status(
                    code: 415, reason: .unsupportedMediaType, message: "unsupported patch type \(contentType)")
            }
        } catch {
            return .status(code: 422, reason: .invalid, message: "the patch could not be applied: \(error)")
        }
        guard let current = existing else {
            // Apply creates.
            if resource.namespaced { patched[path: ["metadata", "namespace"]] = namespace.map(JSONValue.string) }
            stamp(&patched, resource: resource, creating: true)
            store(patched, resource: resource, type: "ADDED")
            return .json(patched, status: .created)
        }
        if let rv = patched[path: ["metadata", "resourceVersion"]]?.stringValue,
            rv != current[path: ["metadata", "resourceVersion"]]?.stringValue
        {
            return conflict(resource, name)
        }
        if status {
            var merged = current
            merged["status"] = patched["status"]
            patched = merged
        } else {
            patched["status"] = current["status"]
        }
        return commit(patched, over: current, resource: resource)
    }

    private func delete(resource: ResourceDescriptor, namespace: String?, name: String) -> TestResponse {
        guard var o = objects[resource.qualifiedName]?[key(namespace, name)] else { return notFound(resource, name) }
        if let finalizers = o[path: ["metadata", "finalizers"]]?.arrayValue, !finalizers.isEmpty {
            if o[path: ["metadata", "deletionTimestamp"]] == nil {
                o[path: ["metadata", "deletionTimestamp"]] = .string(Time.now().description)
                revision += 1
                o[path: ["metadata", "resourceVersion"]] = .string(String(revision))
                store(o, resource: resource, type: "MODIFIED")
            }
            return .json(o)
        }
        objects[resource.qualifiedName]?[key(namespace, name)] = nil
        revision += 1
        o[path: ["metadata", "resourceVersion"]] = .string(String(revision))
        record(Event(revision: revision, type: "DELETED", resource: resource.qualifiedName, object: o))
        return .json(
            Status(
                status: "Success",
                details: StatusDetails(
                    name: name, group: resource.group, kind: resource.plural,
                    uid: o[path: ["metadata", "uid"]]?.stringValue)))
    }

    private func conflict(_ resource: ResourceDescriptor, _ name: String) -> TestResponse {
        .status(
            code: 409, reason: .conflict,
            message:
                "Operation cannot be fulfilled on \(resource.qualifiedName) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
            details: StatusDetails(name: name, group: resource.group, kind: resource.plural))
    }

    private func commit(_ updated: JSONValue, over current: JSONValue, resource: ResourceDescriptor) -> TestResponse {
        var o = updated
        // Server-owned metadata cannot be changed by clients.
        for field in ["uid", "creationTimestamp", "generation", "resourceVersion", "namespace", "name"] {
            o[path: ["metadata", field]] = current[path: ["metadata", field]]
        }
        if o == current { return .json(current) }
        if o["spec"] != current["spec"] {
            o[path: ["metadata", "generation"]] = .int((current[path: ["metadata", "generation"]]?.intValue ?? 1) + 1)
        }
        if o[path: ["metadata", "deletionTimestamp"]] != nil,
            (o[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty
        {
            let name = o[path: ["metadata", "name"]]?.stringValue ?? ""
            let ns = o[path: ["metadata", "namespace"]]?.stringValue
            objects[resource.qualifiedName]?[key(ns, name)] = nil
            revision += 1
            o[path: ["metadata", "resourceVersion"]] = .string(String(revision))
            record(Event(revision: revision, type: "DELETED", resource: resource.qualifiedName, object: o))
            return .json(o)
        }
        revision += 1
        o[path: ["metadata", "resourceVersion"]] = .string(String(revision))
        store(o, resource: resource, type: "MODIFIED")
        return .json(o)
    }

    private func stamp(_ o: inout JSONValue, resource: ResourceDescriptor, creating: Bool) {
        revision += 1
        o["apiVersion"] = .string(resource.apiVersion)
        o["kind"] = .string(resource.kind)
        o[path: ["metadata", "resourceVersion"]] = .string(String(revision))
        if creating {
            o[path: ["metadata", "uid"]] = .string(UUID().uuidString.lowercased())
            o[path: ["metadata", "creationTimestamp"]] = .string(Time.now().description)
            o[path: ["metadata", "generation"]] = .int(1)
        }
    }

    private func store(_ o: JSONValue, resource: ResourceDescriptor, type: String) {
        let name = o[path: ["metadata", "name"]]?.stringValue ?? ""
        let ns = o[path: ["metadata", "namespace"]]?.stringValue
        objects[resource.qualifiedName, default: [:]][key(ns, name)] = o
        let rv = Int64(o[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? revision
        record(Event(revision: rv, type: type, resource: resource.qualifiedName, object: o))
    }

    private func record(_ event: Event) {
        history.append(event)
        if history.count > 500 {
            history.removeFirst(history.count - 500)
            oldestRetained = history.first?.revision ?? revision
        }
        for w in watchers.values where w.resource == event.resource {
            if let ns = w.namespace, event.object[path: ["metadata", "namespace"]]?.stringValue != ns { continue }
            w.continuation.yield(event)
        }
    }

    // MARK: Watch

    private func watch(_ request: TestRequest, resource: ResourceDescriptor, namespace: String?) -> TestResponse {
        let from = request.queryValue("resourceVersion") ?? ""
        var backlog: [Event] = []
        if from.isEmpty || from == "0" {
            backlog = matching(request, resource: resource, namespace: namespace).map {
                Event(revision: revision, type: "ADDED", resource: resource.qualifiedName, object: $0)
            }
        } else if let rv = Int64(from) {
            if rv < oldestRetained {
                let gone = Status(
                    message: "too old resource version: \(rv) (\(oldestRetained))", reason: .expired, code: 410)
                return .stream { writer in
                    try await writer.writeJSON([
                        "type": JSONValue.string("ERROR"), "object": try JSONValue(encoding: gone),
                    ])
                }
            }
            backlog = history.filter { e in
                e.revision > rv && e.resource == resource.qualifiedName
                    && (namespace == nil || e.object[path: ["metadata", "namespace"]]?.stringValue == namespace)
            }
        }
        let id = UUID()
        let (stream, continuation) = AsyncStream<Event>.makeStream()
        watchers[id] = Watcher(resource: resource.qualifiedName, namespace: namespace, continuation: continuation)
        let timeout = request.queryValue("timeoutSeconds").flatMap(Int.init) ?? 60
        let bookmarks = request.queryValue("allowWatchBookmarks") == "true"
        let current = revision
        let initial = backlog
        return .stream { writer in
            defer { Task { await self.removeWatcher(id) } }
            for e in initial {
                try await writer.writeJSON(["type": .string(e.type), "object": e.object] as JSONValue)
            }
            if bookmarks {
                try await writer.writeJSON(
                    [
                        "type": "BOOKMARK",
                        "object": [
                            "kind": .string(resource.kind), "metadata": ["resourceVersion": .string(String(current))],
                        ],
                    ]
                        as JSONValue)
            }
            let deadline = ContinuousClock.now + .seconds(timeout)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await e in stream {
                        try await writer.writeJSON(["type": .string(e.type), "object": e.object] as JSONValue)
                    }
                }
                group.addTask {
                    try await Task.sleep(until: deadline)
                }
                _ = try await group.next()
                group.cancelAll()
                continuation.finish()
            }
        }
    }

    private func removeWatcher(_ id: UUID) {
        watchers[id]?.continuation.finish()
        watchers[id] = nil
    }

    // MARK: Tables and reviews

    private func wantsTable(_ request: TestRequest) -> Bool {
        (request.header("Accept") ?? "").contains("as=Table")
    }

    private func table(_ items: [JSONValue], meta: [String: JSONValue] = [:]) -> Table {
        Table(
            metadata: ListMeta(resourceVersion: meta["resourceVersion"]?.stringValue),
            columnDefinitions: [
                Table.Column(name: "Name", type: "string", format: "name", priority: 0),
                Table.Column(name: "Age", type: "string", priority: 0),
                Table.Column(name: "UID", type: "string", priority: 1),
            ],
            rows: items.map { o in
                let age =
                    Time(rfc3339: o[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "").map {
                        "\(Int(Date().timeIntervalSince($0.date)))s"
                    } ?? "<unknown>"
                return Table.Row(
                    cells: [
                        o[path: ["metadata", "name"]] ?? .null, .string(age), o[path: ["metadata", "uid"]] ?? .null,
                    ],
                    object: [
                        "apiVersion": "meta.k8s.io/v1", "kind": "PartialObjectMetadata",
                        "metadata": o["metadata"] ?? [:],
                    ])
            })
    }

    private func accessReview(_ request: TestRequest) -> TestResponse {
        guard var review = try? JSONValue.parse(Data(request.body)) else {
            return .status(code: 400, reason: .badRequest, message: "the request body is not JSON")
        }
        let a = review[path: ["spec", "resourceAttributes"]] ?? [:]
        let allowed = accessRule(
            request.identity?.user ?? "system:anonymous", a["verb"]?.stringValue ?? "", a["group"]?.stringValue ?? "",
            a["resource"]?.stringValue ?? "", a["subresource"]?.stringValue)
        review["status"] = ["allowed": .bool(allowed)]
        return .json(review, status: .created)
    }
}

/// A parsed API path.
enum Route {
    case discovery(groupVersion: String)
    case collection(ResourceDescriptor, namespace: String?)
    case object(ResourceDescriptor, namespace: String?, name: String, subresource: String?)

    init?(path: String, resources: [ResourceDescriptor]) {
        var parts = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        let groupVersion: String
        if parts.first == "api", parts.count >= 2 {
            groupVersion = parts[1]
            parts.removeFirst(2)
        } else if parts.first == "apis", parts.count >= 3 {
            groupVersion = "\(parts[1])/\(parts[2])"
            parts.removeFirst(3)
        } else {
            return nil
        }
        if parts.isEmpty {
            self = .discovery(groupVersion: groupVersion)
            return
        }
        var namespace: String?
        if parts.count >= 3, parts[0] == "namespaces" {
            namespace = parts[1]
            parts.removeFirst(2)
        }
        guard let resource = resources.first(where: { $0.apiVersion == groupVersion && $0.plural == parts[0] }) else {
            return nil
        }
        if resource.namespaced == false && namespace != nil { return nil }
        switch parts.count {
        case 1: self = .collection(resource, namespace: namespace)
        case 2: self = .object(resource, namespace: namespace, name: parts[1], subresource: nil)
        case 3: self = .object(resource, namespace: namespace, name: parts[1], subresource: parts[2])
        default: return nil
        }
    }
}

extension TestResponse {
    /// A JSON response with a status code.
    static func json<Value: Encodable>(_ value: Value, headers: HTTPHeaders = [:], status: HTTPResponseStatus)
        -> TestResponse
    {
        json(status: status, value, headers: headers)
    }
}
