import Foundation
import KubeAPIMachinery
import KubeCore
import KubeHTTPServer

extension APIServer {
    /// Single-object verbs, after routing and authorization.
    func objectVerb(
        _ verb: String, _ r: ServedResource, namespace: String?, name: String, subresource: String?,
        _ request: ServerRequest, _ user: RequestUser
    ) async throws -> ServerResponse {
        if subresource == "scale" {
            return try scale(verb, r, namespace: namespace, name: name, request)
        }
        switch verb {
        case "get": return try get(r, namespace: namespace, name: name, request)
        case "update": return try update(r, namespace: namespace, name: name, subresource: subresource, request, user)
        case "patch": return try patch(r, namespace: namespace, name: name, subresource: subresource, request, user)
        case "delete": return try delete(r, namespace: namespace, name: name, request)
        case "create" where subresource == "token":
            return try await tokenRequest(namespace: namespace ?? "", serviceAccount: name, request)
        default: throw APIStatus.methodNotAllowed
        }
    }

    private var dryRun: (ServerRequest) -> Bool {
        { request in request.queryValues("dryRun").contains("All") }
    }

    /// POST to a collection.
    func create(_ r: ServedResource, namespace: String?, _ request: ServerRequest, _ user: RequestUser) async throws
        -> ServerResponse
    {
        var object = try ObjectPreparation.parseBody(request.body, contentType: request.header("Content-Type"))
        try ObjectPreparation.checkType(&object, r)
        if r.virtual { return try await review(r, object, user) }
        let validation = try fieldValidation(request)
        var warnings: [String] = []
        try checkFields(&object, r, body: request.body, validation, warnings: &warnings)
        if r.namespaced {
            if let bodyNS = object[path: ["metadata", "namespace"]]?.stringValue, !bodyNS.isEmpty, bodyNS != namespace {
                throw APIStatus.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request")
            }
            object[path: ["metadata", "namespace"]] = namespace.map(JSONValue.string)
            try requireNamespace(namespace ?? "", forCreating: true)
        } else {
            object[path: ["metadata", "namespace"]] = nil
        }
        if (object[path: ["metadata", "name"]]?.stringValue ?? "").isEmpty,
            let prefix = object[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty
        {
            object[path: ["metadata", "name"]] = .string(prefix + ObjectPreparation.randomSuffix())
        }
        guard let name = object[path: ["metadata", "name"]]?.stringValue, !name.isEmpty else {
            throw APIStatus.invalid(
                r, "",
                causes: [
                    StatusCause(
                        reason: "FieldValueRequired", message: "Required value: name or generateName is required",
                        field: "metadata.name")
                ])
        }
        var causes = ObjectPreparation.validateMetadata(object, r, name: name)
        ObjectPreparation.prepareCreate(&object, r, now: .now())
        object = patchEngine.recordUpdate(
            old: nil, new: object, manager: Self.manager(request), resource: r, subresource: nil)
        causes += try admit(&object, old: nil, r, name: name, fieldValidation: validation, warnings: &warnings)
        if !causes.isEmpty { throw APIStatus.invalid(r, name, causes: causes) }
        if dryRun(request) {
            return Self.withWarnings(APIResponse.json(object, status: .created), warnings)
        }
        let key = ObjectKey.make(namespace: namespace, name: name)
        let stored: StoredObject
        do {
            stored = try store.create(r.storageKey, key: key, object: r.storageObject(object))
        } catch ObjectStore.WriteError.alreadyExists {
            throw APIStatus.alreadyExists(r, name)
        }
        afterWrite(r, stored)
        return Self.withWarnings(APIResponse.json(served(stored, as: r), status: .created), warnings)
    }

    /// `response` with one `Warning` header per text, as the real server sends them.
    static func withWarnings(_ response: ServerResponse, _ warnings: [String]) -> ServerResponse {
        guard !warnings.isEmpty else { return response }
        var response = response
        var seen = Set<String>()
        for w in warnings where seen.insert(w).inserted {
            response.headers.add(name: "Warning", value: BuiltinFieldValidation.warningHeaderValue(w))
        }
        return response
    }

    /// PUT of an object or its status.
    func update(
        _ r: ServedResource, namespace: String?, name: String, subresource: String?, _ request: ServerRequest,
        _ user: RequestUser
    ) throws -> ServerResponse {
        var object = try ObjectPreparation.parseBody(request.body, contentType: request.header("Content-Type"))
        try ObjectPreparation.checkType(&object, r)
        if let bodyName = object[path: ["metadata", "name"]]?.stringValue, bodyName != name {
            throw APIStatus.badRequest(
                "the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        if r.namespaced, let bodyNS = object[path: ["metadata", "namespace"]]?.stringValue, !bodyNS.isEmpty,
            bodyNS != namespace
        {
            throw APIStatus.badRequest(
                "the namespace of the provided object does not match the namespace sent on the request")
        }
        let precondition = object[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        if precondition.isEmpty && r.crdName != nil {
            throw APIStatus.invalid(
                r, name,
                causes: [
                    StatusCause(
                        reason: "FieldValueInvalid", message: "Invalid value: 0x0: must be specified for an update",
                        field: "metadata.resourceVersion")
                ])
        }
        var warnings: [String] = []
        try checkFields(&object, r, body: request.body, try fieldValidation(request), warnings: &warnings)
        let checked = object
        return try write(
            r, namespace: namespace, name: name, subresource: subresource, request, warnings: warnings
        ) { current in
            guard current != nil else { throw APIStatus.notFound(r, name) }
            return checked
        }
    }

    /// PATCH of an object or its status: merge, JSON, strategic merge, or server-side apply.
    func patch(
        _ r: ServedResource, namespace: String?, name: String, subresource: String?, _ request: ServerRequest,
        _ user: RequestUser
    ) throws -> ServerResponse {
        let contentType =
            (request.header("Content-Type") ?? "").split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            } ?? ""
        let accepted =
            [
                "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml",
            ] + (r.crdName == nil ? ["application/strategic-merge-patch+json"] : [])
        guard accepted.contains(contentType) else {
            throw APIStatus.unsupportedMediaType(contentType, accepted: accepted)
        }
        let patchBody = try ObjectPreparation.parseBody(request.body, contentType: contentType)
        let isApply = contentType == "application/apply-patch+yaml"
        let manager = request.queryValue("fieldManager")
        if isApply && (manager ?? "").isEmpty {
            throw APIStatus.badRequest("PATCH requests with apply must specify the fieldManager query parameter")
        }
        let force = request.queryValue("force") == "true"
        if !isApply && request.queryValue("force") != nil {
            throw APIStatus.badRequest("force is only allowed for apply patches")
        }
        let engine = patchEngine
        var warnings: [String] = []
        var applyConfig = patchBody
        if isApply {
            // The apply configuration is a partial object: its unknown fields are those of the request.
            try checkFields(&applyConfig, r, body: request.body, try fieldValidation(request), warnings: &warnings)
        }
        let checkedConfig = applyConfig
        // Merge patches are checked as the patched object (their keys are the object's);
        // JSON patches only as the result.
        let resultBody: [UInt8]? = isApply || contentType == "application/json-patch+json" ? nil : request.body
        return try write(
            r, namespace: namespace, name: name, subresource: subresource, request, allowCreate: isApply,
            tracksOwnFields: isApply, checkResult: !isApply, body: resultBody, warnings: warnings
        ) { live in
            if live == nil && !isApply { throw APIStatus.notFound(r, name) }
            do {
                switch contentType {
                case "application/json-patch+json":
                    return try JSONPatch.apply(patchBody, to: live ?? [:])
                case "application/merge-patch+json":
                    return JSONMergePatch.apply(patchBody, to: live ?? [:])
                case "application/strategic-merge-patch+json":
                    return try engine.strategicMerge(patchBody, into: live ?? [:], resource: r)
                default:
                    var applied = checkedConfig
                    if applied["apiVersion"] == nil || applied["kind"] == nil {
                        throw APIStatus.badRequest("apiVersion and kind must be set in an apply configuration")
                    }
                    try ObjectPreparation.checkType(&applied, r)
                    if let bodyName = applied[path: ["metadata", "name"]]?.stringValue, bodyName != name {
                        throw APIStatus.badRequest(
                            "the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
                    }
                    guard
                        let result = try engine.apply(
                            applied, to: live, manager: manager ?? "", force: force, resource: r,
                            subresource: subresource)
                    else {
                        return live ?? [:]
                    }
                    return result
                }
            } catch let status as APIStatus {
                throw status
            } catch let error as JSONPatchError {
                throw APIStatus(
                    code: 422, reason: .invalid,
                    message: "the server rejected our request due to an error in our request: \(error)")
            } catch {
                throw APIStatus(code: 422, reason: .invalid, message: "\(error)")
            }
        }
    }

    /// The shared update path: reads the current object, computes the new one,
    /// checks preconditions, admits, and commits unless nothing changed. `compute` gets the
    /// current object as served at `r`'s version (converted from storage where the storage is
    /// shared) and returns the new one in that shape; it is converted back for storing.
    private func write(
        _ r: ServedResource, namespace: String?, name: String, subresource: String?, _ request: ServerRequest,
        allowCreate: Bool = false, tracksOwnFields: Bool = false, checkResult: Bool = false, body: [UInt8]? = nil,
        warnings initialWarnings: [String] = [], compute: (JSONValue?) throws -> JSONValue
    ) throws -> ServerResponse {
        let manager = Self.manager(request)
        var warnings = initialWarnings
        let engine = patchEngine
        let validation = try fieldValidation(request)
        let key = ObjectKey.make(namespace: namespace, name: name)
        var createdNew = false
        var result: StoredObject?
        var unchangedObject: JSONValue?
        let dry = dryRun(request)
        // As NamespaceLifecycle admission: updates and patches of existing objects go on in a
        // terminating namespace (finalizers must be removable); only creating is refused.
        var terminating = false
        if allowCreate, r.namespaced {
            try requireNamespace(namespace ?? "", forCreating: false)
            terminating = isTerminating(namespace ?? "")
        }
        // Computed outside the store's lock, so writes to different objects run in parallel;
        // recomputed (from a clean slate) if the object changed meanwhile.
        let outcome = try store.update(r.storageKey, key: key) { current in
            createdNew = false
            unchangedObject = nil
            warnings = initialWarnings
            let live = try current.map { try r.liveObject($0) }
            var next = try compute(live)
            try ObjectPreparation.checkType(&next, r)
            if checkResult { try checkFields(&next, r, body: body, validation, warnings: &warnings) }
            next[path: ["metadata", "name"]] = .string(name)
            if r.namespaced { next[path: ["metadata", "namespace"]] = namespace.map(JSONValue.string) }
            guard let current else {
                // Server-side apply of an object that does not exist creates it.
                if terminating {
                    throw APIStatus.forbidden(
                        "unable to create new content in namespace \(namespace ?? "") because it is being terminated")
                }
                createdNew = true
                var causes = ObjectPreparation.validateMetadata(next, r, name: name)
                ObjectPreparation.prepareCreate(&next, r, now: .now())
                if !tracksOwnFields {
                    next = engine.recordUpdate(
                        old: nil, new: next, manager: manager, resource: r, subresource: subresource)
                }
                causes += try admit(
                    &next, old: nil, r, name: name, fieldValidation: validation, warnings: &warnings)
                if !causes.isEmpty { throw APIStatus.invalid(r, name, causes: causes) }
                if dry {
                    unchangedObject = r.readView(ofWritten: next)
                    return .unchanged
                }
                return .put(r.storageObject(next))
            }
            let old = live ?? [:]  // `current` exists, so `live` does
            if let precondition = next[path: ["metadata", "resourceVersion"]]?.stringValue, !precondition.isEmpty,
                precondition != String(current.revision)
            {
                throw APIStatus.conflict(r, name)
            }
            ObjectPreparation.prepareUpdate(&next, old: old, r, subresource: subresource)
            next[path: ["metadata", "resourceVersion"]] = old[path: ["metadata", "resourceVersion"]]
            if !tracksOwnFields {
                next = engine.recordUpdate(old: old, new: next, manager: manager, resource: r, subresource: subresource)
            }
            var causes = ObjectPreparation.validateMetadata(next, r, name: name)
            causes += try admit(&next, old: old, r, name: name, fieldValidation: validation, warnings: &warnings)
            if !causes.isEmpty { throw APIStatus.invalid(r, name, causes: causes) }
            if next == old {
                // A write that changes nothing keeps its resourceVersion, like the real server.
                return .unchanged
            }
            if dry {
                unchangedObject = r.readView(ofWritten: next)
                return .unchanged
            }
            // The last finalizer removed from an object being deleted completes the deletion.
            if next[path: ["metadata", "deletionTimestamp"]] != nil,
                (next[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty
            {
                return .delete
            }
            return .put(r.storageObject(next))
        }
        if let unchangedObject {
            return Self.withWarnings(APIResponse.json(unchangedObject, status: createdNew ? .created : .ok), warnings)
        }
        result = outcome.object
        guard let stored = result else { throw APIStatus.notFound(r, name) }
        if outcome.change == .deleted {
            afterDelete(r, stored)
        } else if outcome.change != nil {
            afterWrite(r, stored)
        }
        return Self.withWarnings(
            APIResponse.json(served(stored, as: r), status: createdNew ? .created : .ok), warnings)
    }

    /// `?fieldValidation=` (Ignore, Warn, Strict).
    func fieldValidation(_ request: ServerRequest) throws -> FieldValidationDirective {
        guard let directive = FieldValidationDirective(queryValue: request.queryValue("fieldValidation")) else {
            throw APIStatus.badRequest(
                "fieldValidation must be one of Ignore, Warn or Strict, not \"\(request.queryValue("fieldValidation") ?? "")\""
            )
        }
        return directive
    }

    /// The field manager a write is recorded under.
    static func manager(_ request: ServerRequest) -> String {
        PatchEngine.managerName(query: request.queryValue("fieldManager"), userAgent: request.header("User-Agent"))
    }

    /// Whether `namespace` has a deletion timestamp.
    func isTerminating(_ namespace: String) -> Bool {
        guard let ns = store.get("/namespaces", key: namespace), let json = try? ns.json() else { return false }
        return json[path: ["metadata", "deletionTimestamp"]] != nil
    }

    /// Fails unless `namespace` exists (and, for creates, is not terminating).
    func requireNamespace(_ namespace: String, forCreating: Bool) throws {
        let nsResource = registry.lookup(groupVersion: "v1", plural: "namespaces")
        guard let ns = store.get("/namespaces", key: namespace) else {
            if let nsResource { throw APIStatus.notFound(nsResource, namespace) }
            throw APIStatus.resourceNotFound
        }
        if forCreating, let json = try? ns.json(), json[path: ["metadata", "deletionTimestamp"]] != nil {
            throw APIStatus.forbidden(
                "unable to create new content in namespace \(namespace) because it is being terminated")
        }
    }
}
