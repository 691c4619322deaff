import Foundation
import KubeCore
import KubeHTTPServer

extension APIServer {
    /// `…/scale` of Deployments, StatefulSets, ReplicaSets and CRDs with a scale
    /// subresource: an `autoscaling/v1 Scale` view of `spec.replicas`.
    func scale(
        _ verb: String, _ r: ServedResource, namespace: String?, name: String, _ request: ServerRequest
    ) throws -> ServerResponse {
        let key = ObjectKey.make(namespace: namespace, name: name)
        guard let current = store.get(r.storageKey, key: key) else { throw APIStatus.notFound(r, name) }
        if verb == "get" { return APIResponse.json(Self.scaleView(try current.json())) }
        let body = try ObjectPreparation.parseBody(request.body, contentType: request.header("Content-Type"))
        let replicas: JSONValue?
        switch verb {
        case "update":
            replicas = body[path: ["spec", "replicas"]]
        case "patch":
            let contentType = (request.header("Content-Type") ?? "").lowercased()
            let view = Self.scaleView(try current.json())
            let patched =
                contentType.contains("json-patch")
                ? try JSONPatch.apply(body, to: view) : JSONMergePatch.apply(body, to: view)
            replicas = patched[path: ["spec", "replicas"]]
        default:
            throw APIStatus.methodNotAllowed
        }
        guard let count = replicas?.intValue, count >= 0 else {
            throw APIStatus.invalid(
                r, name,
                causes: [
                    StatusCause(
                        reason: "FieldValueInvalid", message: "Invalid value: must be greater than or equal to 0",
                        field: "spec.replicas")
                ])
        }
        let outcome = try store.mutate(r.storageKey, key: key) { stored in
            guard var j = try stored?.json() else { throw APIStatus.notFound(r, name) }
            if let rv = body[path: ["metadata", "resourceVersion"]]?.stringValue, !rv.isEmpty,
                rv != String(stored?.revision ?? 0)
            {
                throw APIStatus.conflict(r, name)
            }
            if j[path: ["spec", "replicas"]]?.intValue == count { return .unchanged }
            j[path: ["spec", "replicas"]] = .int(count)
            j[path: ["metadata", "generation"]] = .int((j[path: ["metadata", "generation"]]?.intValue ?? 1) + 1)
            return .put(j)
        }
        guard let stored = outcome.object else { throw APIStatus.notFound(r, name) }
        return APIResponse.json(Self.scaleView(try stored.json()))
    }

    static func scaleView(_ object: JSONValue) -> JSONValue {
        let labels = object[path: ["spec", "selector", "matchLabels"]]?.objectValue ?? [:]
        let selector = labels.keys.sorted().map { "\($0)=\(labels[$0]?.stringValue ?? "")" }.joined(separator: ",")
        let meta = object["metadata"] ?? [:]
        return [
            "apiVersion": "autoscaling/v1", "kind": "Scale",
            "metadata": [
                "name": meta["name"] ?? "", "namespace": meta["namespace"] ?? .null, "uid": meta["uid"] ?? "",
                "resourceVersion": meta["resourceVersion"] ?? "",
                "creationTimestamp": meta["creationTimestamp"] ?? .null,
            ],
            "spec": ["replicas": object[path: ["spec", "replicas"]] ?? 1],
            "status": ["replicas": object[path: ["status", "replicas"]] ?? 0, "selector": .string(selector)],
        ]
    }
}
