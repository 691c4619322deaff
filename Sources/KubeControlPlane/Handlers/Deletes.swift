import Foundation
import KubeCore
import KubeHTTPServer

extension APIServer {
    /// The options of a DELETE: from the body (`DeleteOptions`) or the query.
    struct DeletionOptions {
        var propagation: String
        var preconditionUID: String?
        var preconditionResourceVersion: String?
        var dryRun: Bool
    }

    func deletionOptions(_ request: ServerRequest, default policy: String) throws -> DeletionOptions {
        var options = DeletionOptions(
            propagation: request.queryValue("propagationPolicy") ?? policy,
            dryRun: request.queryValues("dryRun").contains("All"))
        if request.queryValue("orphanDependents") == "true" { options.propagation = "Orphan" }
        if !request.body.isEmpty {
            let body = try ObjectPreparation.parseBody(request.body, contentType: request.header("Content-Type"))
            if let p = body["propagationPolicy"]?.stringValue { options.propagation = p }
            if body["orphanDependents"]?.boolValue == true { options.propagation = "Orphan" }
            options.preconditionUID = body[path: ["preconditions", "uid"]]?.stringValue
            options.preconditionResourceVersion = body[path: ["preconditions", "resourceVersion"]]?.stringValue
            if body["dryRun"]?.arrayValue?.contains("All") == true { options.dryRun = true }
        }
        guard ["Background", "Foreground", "Orphan"].contains(options.propagation) else {
            throw APIStatus.badRequest(
                "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"\(options.propagation)\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\""
            )
        }
        return options
    }

    /// DELETE of one object. Objects with finalizers (or a foreground/orphan deletion, which
    /// adds one) are marked with `deletionTimestamp` and returned; others are removed and
    /// a success `Status` is returned.
    func delete(_ r: ServedResource, namespace: String?, name: String, _ request: ServerRequest) throws
        -> ServerResponse
    {
        // Namespaces delete their contents first; the real server orphans nothing there.
        let defaultPolicy = "Background"
        let options = try deletionOptions(request, default: defaultPolicy)
        let key = ObjectKey.make(namespace: namespace, name: name)
        let isNamespace = r.group.isEmpty && r.plural == "namespaces"
        let outcome = try store.mutate(r.storageKey, key: key) { current in
            guard let current else { throw APIStatus.notFound(r, name) }
            var object = try current.json()
            if let uid = options.preconditionUID, uid != object[path: ["metadata", "uid"]]?.stringValue {
                throw APIStatus.conflict(
                    r, name,
                    message:
                        "Precondition failed: UID in precondition: \(uid), UID in object meta: \(object[path: ["metadata", "uid"]]?.stringValue ?? "")"
                )
            }
            if let rv = options.preconditionResourceVersion, rv != String(current.revision) {
                throw APIStatus.conflict(
                    r, name,
                    message:
                        "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(current.revision)"
                )
            }
            if options.dryRun { return .unchanged }
            var finalizers = (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
            let alreadyDeleting = object[path: ["metadata", "deletionTimestamp"]] != nil
            if options.propagation == "Foreground", !finalizers.contains("foregroundDeletion"), !isNamespace {
                finalizers.append("foregroundDeletion")
            }
            if options.propagation == "Orphan", !finalizers.contains("orphan"), !isNamespace {
                finalizers.append("orphan")
            }
            let namespaceFinalizers = isNamespace ? (object[path: ["spec", "finalizers"]]?.arrayValue ?? []) : []
            if finalizers.isEmpty && namespaceFinalizers.isEmpty { return .delete }
            if alreadyDeleting && object[path: ["metadata", "finalizers"]]?.arrayValue?.count == finalizers.count {
                return .unchanged
            }
            object[path: ["metadata", "finalizers"]] = .array(finalizers.map(JSONValue.string))
            if !alreadyDeleting {
                object[path: ["metadata", "deletionTimestamp"]] = .string(Time.now().description)
                object[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
                if isNamespace { object[path: ["status", "phase"]] = "Terminating" }
            }
            return .put(object)
        }
        guard let stored = outcome.object else { throw APIStatus.notFound(r, name) }
        switch outcome.change {
        case .deleted?:
            afterDelete(r, stored)
            let uid = (try? stored.json())?[path: ["metadata", "uid"]]?.stringValue
            var status = Status(status: "Success", details: APIStatus.details(r, name, uid: uid))
            status.metadata = ListMeta()
            return APIResponse.encode(status)
        default:
            // Marked for deletion: controllers (GC, namespace lifecycle) finish the job.
            lifecycle?.deletionRequested(resource: r, object: stored, propagation: options.propagation)
            return APIResponse.json(served(stored, as: r), status: .ok)
        }
    }

    /// DELETE of a collection: every selected object, as separate deletions.
    func deleteCollection(_ r: ServedResource, namespace: String?, _ request: ServerRequest) throws -> ServerResponse {
        let selection = try Selection(
            resource: r, labelSelector: request.queryValue("labelSelector"),
            fieldSelector: request.queryValue("fieldSelector"))
        let snapshot = store.list(r.storageKey, namespace: namespace)
        var deleted: [Data] = []
        for object in snapshot.objects where selection.matches(object) {
            if (try? delete(r, namespace: object.namespace, name: object.name, request)) != nil {
                deleted.append(served(object, as: r))
            }
        }
        var body = Data(#"{"apiVersion":""#.utf8) + Data(r.apiVersion.utf8) + Data(#"","items":["#.utf8)
        for (i, d) in deleted.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            body.append(d)
        }
        body.append(contentsOf: #"],"kind":""#.utf8)
        body.append(contentsOf: (r.kind + "List").utf8)
        body.append(contentsOf: #"","metadata":{"resourceVersion":""#.utf8)
        body.append(contentsOf: String(store.currentRevision).utf8)
        body.append(contentsOf: #""}}"#.utf8)
        return APIResponse.json(body)
    }
}
