import Foundation
import KubeCore

/// The REST operations of a resource as OpenAPI paths. kubectl reads them: `explain` finds a
/// resource's group/version/kind in the `x-kubernetes-group-version-kind` of its operations,
/// and `apply` checks that PATCH accepts `fieldValidation` before relying on server-side
/// field validation.
enum OpenAPIPaths {
    private struct Parameter {
        var name: String
        var description: String
        var type: String
    }

    private static let listParameters: [Parameter] = [
        Parameter(
            name: "allowWatchBookmarks",
            description: "Ask for BOOKMARK events on a watch; servers may send them at any interval.", type: "boolean"),
        Parameter(
            name: "continue", description: "The continue token of the previous page of a paginated list.",
            type: "string"),
        Parameter(
            name: "fieldSelector", description: "Restricts the objects by their fields. Defaults to everything.",
            type: "string"),
        Parameter(
            name: "labelSelector", description: "Restricts the objects by their labels. Defaults to everything.",
            type: "string"),
        Parameter(
            name: "limit", description: "The most objects to return; a continue token is set when more exist.",
            type: "integer"),
        Parameter(
            name: "resourceVersion", description: "Constrains which resource versions the request may be served from.",
            type: "string"),
        Parameter(
            name: "resourceVersionMatch", description: "How resourceVersion applies to a list: Exact or NotOlderThan.",
            type: "string"),
        Parameter(
            name: "timeoutSeconds", description: "A time limit for the list or watch call, whatever the activity.",
            type: "integer"),
        Parameter(
            name: "watch", description: "Watch for changes to the objects and stream them as events.", type: "boolean"),
    ]
    private static let dryRun = Parameter(
        name: "dryRun", description: "When present, the changes are not persisted. Valid value: All.", type: "string")
    private static let fieldManager = Parameter(
        name: "fieldManager", description: "The name of the actor making the change, for managed fields.",
        type: "string")
    private static let fieldValidation = Parameter(
        name: "fieldValidation",
        description:
            "How unknown or duplicate fields are handled: Ignore drops them, Warn (the default) drops them with a warning, Strict rejects the request.",
        type: "string")
    private static let force = Parameter(
        name: "force", description: "Apply: take ownership of fields other managers own. Only for apply patches.",
        type: "boolean")
    private static let gracePeriod = Parameter(
        name: "gracePeriodSeconds", description: "Seconds before the object is deleted; 0 deletes at once.",
        type: "integer")
    private static let propagation = Parameter(
        name: "propagationPolicy",
        description: "How dependents are garbage collected: Orphan, Background or Foreground.",
        type: "string")

    /// The paths of a resource, keyed by path template.
    static func paths(for r: OpenAPIResource, _ flavor: OpenAPIFlavor) -> [String: JSONValue] {
        let collection =
            r.namespaced ? "\(r.restPrefix)/namespaces/{namespace}/\(r.plural)" : "\(r.restPrefix)/\(r.plural)"
        let item = collection + "/{name}"
        let kind = r.definitionName
        let list = r.listDefinitionName
        let scope = r.namespaced ? "Namespaced" : ""
        let id = operationSuffix(r)
        var paths = [String: JSONValue]()

        var collectionOps: [String: JSONValue] = [
            "get": operation(
                r, flavor, action: "list", id: "list\(id)\(scope)\(r.kind)",
                description: "list or watch objects of kind \(r.kind)", query: listParameters, response: list),
            "post": operation(
                r, flavor, action: "post", id: "create\(id)\(scope)\(r.kind)", description: "create a \(r.kind)",
                query: [dryRun, fieldManager, fieldValidation], body: kind, response: kind),
        ]
        collectionOps["parameters"] = pathParameters(namespaced: r.namespaced, named: false, flavor)
        paths[collection] = .object(collectionOps)

        var itemOps: [String: JSONValue] = [
            "get": operation(
                r, flavor, action: "get", id: "read\(id)\(scope)\(r.kind)", description: "read the specified \(r.kind)",
                query: [], response: kind),
            "put": operation(
                r, flavor, action: "put", id: "replace\(id)\(scope)\(r.kind)",
                description: "replace the specified \(r.kind)", query: [dryRun, fieldManager, fieldValidation],
                body: kind,
                response: kind),
            "patch": operation(
                r, flavor, action: "patch", id: "patch\(id)\(scope)\(r.kind)",
                description: "partially update the specified \(r.kind)",
                query: [dryRun, fieldManager, fieldValidation, force],
                body: "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
                response: kind, patch: true),
            "delete": operation(
                r, flavor, action: "delete", id: "delete\(id)\(scope)\(r.kind)", description: "delete a \(r.kind)",
                query: [dryRun, gracePeriod, propagation], response: "io.k8s.apimachinery.pkg.apis.meta.v1.Status"),
        ]
        itemOps["parameters"] = pathParameters(namespaced: r.namespaced, named: true, flavor)
        paths[item] = .object(itemOps)

        if r.subresources.contains("status") {
            var statusOps: [String: JSONValue] = [
                "get": operation(
                    r, flavor, action: "get", id: "read\(id)\(scope)\(r.kind)Status",
                    description: "read status of the specified \(r.kind)", query: [], response: kind),
                "put": operation(
                    r, flavor, action: "put", id: "replace\(id)\(scope)\(r.kind)Status",
                    description: "replace status of the specified \(r.kind)",
                    query: [dryRun, fieldManager, fieldValidation], body: kind, response: kind),
                "patch": operation(
                    r, flavor, action: "patch", id: "patch\(id)\(scope)\(r.kind)Status",
                    description: "partially update status of the specified \(r.kind)",
                    query: [dryRun, fieldManager, fieldValidation, force],
                    body: "io.k8s.apimachinery.pkg.apis.meta.v1.Patch", response: kind, patch: true),
            ]
            statusOps["parameters"] = pathParameters(namespaced: r.namespaced, named: true, flavor)
            paths[item + "/status"] = .object(statusOps)
        }
        if r.namespaced {
            var allOps: [String: JSONValue] = [
                "get": operation(
                    r, flavor, action: "list", id: "list\(id)\(r.kind)ForAllNamespaces",
                    description: "list or watch objects of kind \(r.kind)", query: listParameters, response: list)
            ]
            allOps["parameters"] = pathParameters(namespaced: false, named: false, flavor)
            paths["\(r.restPrefix)/\(r.plural)"] = .object(allOps)
        }
        return paths
    }

    /// `CoreV1`, `AppsV1`, `ExampleComV1`: the group and version in operation IDs.
    private static func operationSuffix(_ r: OpenAPIResource) -> String {
        let group = r.group.isEmpty ? "core" : r.group
        let words = group.split(whereSeparator: { $0 == "." || $0 == "-" }).map {
            $0.prefix(1).uppercased() + $0.dropFirst()
        }
        return words.joined() + r.version.prefix(1).uppercased() + r.version.dropFirst()
    }

    /// The tag of a group-version, e.g. `core_v1`, `exampleCom_v1`.
    static func tag(_ r: OpenAPIResource) -> String {
        let group = r.group.isEmpty ? "core" : r.group
        let words = group.split(whereSeparator: { $0 == "." || $0 == "-" })
        let camel = words.enumerated().map { i, w in i == 0 ? String(w) : w.prefix(1).uppercased() + w.dropFirst() }
        return camel.joined() + "_" + r.version
    }

    private static func parameterJSON(_ p: Parameter, in place: String, required: Bool, _ flavor: OpenAPIFlavor)
        -> JSONValue
    {
        var o: [String: JSONValue] = [
            "name": .string(p.name), "in": .string(place), "description": .string(p.description),
        ]
        if required { o["required"] = true }
        switch flavor {
        case .v2:
            o["type"] = .string(p.type)
            o["uniqueItems"] = true
        case .v3:
            o["schema"] = ["type": .string(p.type), "uniqueItems": true]
        }
        return .object(o)
    }

    private static func pathParameters(namespaced: Bool, named: Bool, _ flavor: OpenAPIFlavor) -> JSONValue {
        var list = [JSONValue]()
        if named {
            list.append(
                parameterJSON(
                    Parameter(name: "name", description: "name of the object", type: "string"), in: "path",
                    required: true,
                    flavor))
        }
        if namespaced {
            list.append(
                parameterJSON(
                    Parameter(
                        name: "namespace", description: "object name and auth scope, such as for teams and projects",
                        type: "string"),
                    in: "path", required: true, flavor))
        }
        list.append(
            parameterJSON(
                Parameter(name: "pretty", description: "If 'true', then the output is pretty printed.", type: "string"),
                in: "query", required: false, flavor))
        return .array(list)
    }

    private static func operation(
        _ r: OpenAPIResource, _ flavor: OpenAPIFlavor, action: String, id: String, description: String,
        query: [Parameter], body: String? = nil, response: String, patch: Bool = false
    ) -> JSONValue {
        var op: [String: JSONValue] = [
            "description": .string(description),
            "operationId": .string(id),
            "tags": [.string(tag(r))],
            "x-kubernetes-action": .string(action),
            "x-kubernetes-group-version-kind": OpenAPIConversion.gvk(r.group, r.version, r.kind),
        ]
        var parameters = query.map { parameterJSON($0, in: "query", required: false, flavor) }
        let ref: JSONValue = ["$ref": .string(flavor.reference(response))]
        let codes = action == "post" ? ["200", "201", "202"] : (action == "put" ? ["200", "201"] : ["200"])
        switch flavor {
        case .v2:
            if let body {
                parameters.insert(
                    [
                        "name": "body", "in": "body", "required": true,
                        "schema": ["$ref": .string(flavor.reference(body))],
                    ],
                    at: 0)
            }
            op["consumes"] = patch ? .array(patchTypes(r).map(JSONValue.string)) : ["*/*"]
            op["produces"] = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"]
            op["schemes"] = ["https"]
            var responses: [String: JSONValue] = ["401": ["description": "Unauthorized"]]
            for code in codes { responses[code] = ["description": .string(statusText(code)), "schema": ref] }
            op["responses"] = .object(responses)
        case .v3:
            if let body {
                let types = patch ? patchTypes(r) : ["*/*"]
                var content = [String: JSONValue]()
                for t in types { content[t] = ["schema": ["$ref": .string(flavor.reference(body))]] }
                op["requestBody"] = ["content": .object(content), "required": true]
            }
            var responses: [String: JSONValue] = ["401": ["description": "Unauthorized"]]
            for code in codes {
                responses[code] = [
                    "description": .string(statusText(code)),
                    "content": ["application/json": ["schema": ref], "application/yaml": ["schema": ref]],
                ]
            }
            op["responses"] = .object(responses)
        }
        op["parameters"] = .array(parameters)
        return .object(op)
    }

    private static func statusText(_ code: String) -> String {
        switch code {
        case "201": return "Created"
        case "202": return "Accepted"
        default: return "OK"
        }
    }

    /// The patch types a resource accepts: strategic merge patch only for built-in kinds.
    private static func patchTypes(_ r: OpenAPIResource) -> [String] {
        var types = ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"]
        if case .definition = r.schema { types.append("application/strategic-merge-patch+json") }
        return types
    }
}
