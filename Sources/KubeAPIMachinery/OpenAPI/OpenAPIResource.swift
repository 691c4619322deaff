import Foundation
import KubeCore

/// A kind served by the API server, as the OpenAPI documents describe it: its
/// group/version/kind, its REST resource, and its schema.
public struct OpenAPIResource: Sendable, Hashable {
    /// Where the kind's schema comes from.
    public enum Schema: Sendable, Hashable {
        /// A built-in kind described by the named definition (``BuiltinOpenAPI``).
        case definition(String)
        /// A custom resource: the version's `openAPIV3Schema` (`nil` when it has none).
        case custom(JSONValue?)
    }

    /// The API group, empty for the core group.
    public var group: String
    /// The version, e.g. `v1`.
    public var version: String
    /// The kind, e.g. `Widget`.
    public var kind: String
    /// The kind of lists, e.g. `WidgetList`.
    public var listKind: String
    /// The resource name, e.g. `widgets`.
    public var plural: String
    /// Whether objects live in namespaces.
    public var namespaced: Bool
    /// Subresources served: `status`, `scale`.
    public var subresources: [String]
    /// The schema.
    public var schema: Schema

    public init(
        group: String, version: String, kind: String, listKind: String? = nil, plural: String, namespaced: Bool,
        subresources: [String] = [], schema: Schema
    ) {
        self.group = group
        self.version = version
        self.kind = kind
        self.listKind = listKind ?? kind + "List"
        self.plural = plural
        self.namespaced = namespaced
        self.subresources = subresources
        self.schema = schema
    }

    /// `group/version`, or just `version` for the core group.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The path of the group-version's OpenAPI v3 document, relative to `/openapi/v3/`:
    /// `api/v1` or `apis/<group>/<version>`.
    public var openAPIV3Path: String { group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)" }

    /// The REST path prefix: `/api/v1` or `/apis/<group>/<version>`.
    var restPrefix: String { "/" + openAPIV3Path }

    /// The name of the kind's definition: the built-in name (`io.k8s.api.core.v1.ConfigMap`),
    /// or, for custom resources, the group reversed followed by version and kind, as the API
    /// server names them (`example.com` `v1` `Widget` is `com.example.v1.Widget`).
    public var definitionName: String {
        if case .definition(let name) = schema { return name }
        return Self.customDefinitionName(group: group, version: version, kind: kind)
    }

    /// The name of the list kind's definition.
    public var listDefinitionName: String {
        if case .definition(let name) = schema, let dot = name.lastIndex(of: ".") {
            return String(name[..<dot]) + "." + listKind
        }
        return Self.customDefinitionName(group: group, version: version, kind: listKind)
    }

    /// `<reversed group>.<version>.<kind>`.
    public static func customDefinitionName(group: String, version: String, kind: String) -> String {
        let reversed = group.split(separator: ".").reversed().joined(separator: ".")
        return [reversed, version, kind].filter { !$0.isEmpty }.joined(separator: ".")
    }

    /// The served versions of a `CustomResourceDefinition` object, each with its schema.
    public static func resources(ofCustomResourceDefinition crd: JSONValue) -> [OpenAPIResource] {
        guard let spec = crd["spec"], let group = spec["group"]?.stringValue,
            let kind = spec[path: ["names", "kind"]]?.stringValue,
            let plural = spec[path: ["names", "plural"]]?.stringValue
        else { return [] }
        let listKind = spec[path: ["names", "listKind"]]?.stringValue ?? kind + "List"
        let namespaced = spec["scope"]?.stringValue != "Cluster"
        return (spec["versions"]?.arrayValue ?? []).compactMap { v in
            guard let name = v["name"]?.stringValue, v["served"]?.boolValue ?? true else { return nil }
            var subresources = [String]()
            if v[path: ["subresources", "status"]] != nil { subresources.append("status") }
            if v[path: ["subresources", "scale"]] != nil { subresources.append("scale") }
            return OpenAPIResource(
                group: group, version: name, kind: kind, listKind: listKind, plural: plural, namespaced: namespaced,
                subresources: subresources, schema: .custom(v[path: ["schema", "openAPIV3Schema"]]))
        }
    }
}

/// The built-in kinds the OpenAPI documents describe, and their definitions.
public enum BuiltinOpenAPI {
    /// The built-in kinds with schemas: ConfigMap, Secret, Namespace, ServiceAccount,
    /// Service, Pod (core/v1) and Deployment (apps/v1).
    public static let resources: [OpenAPIResource] = [
        OpenAPIResource(
            group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true,
            schema: .definition("io.k8s.api.core.v1.ConfigMap")),
        OpenAPIResource(
            group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true,
            schema: .definition("io.k8s.api.core.v1.Secret")),
        OpenAPIResource(
            group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false,
            subresources: ["status"],
            schema: .definition("io.k8s.api.core.v1.Namespace")),
        OpenAPIResource(
            group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true,
            schema: .definition("io.k8s.api.core.v1.ServiceAccount")),
        OpenAPIResource(
            group: "", version: "v1", kind: "Service", plural: "services", namespaced: true, subresources: ["status"],
            schema: .definition("io.k8s.api.core.v1.Service")),
        OpenAPIResource(
            group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true, subresources: ["status"],
            schema: .definition("io.k8s.api.core.v1.Pod")),
        OpenAPIResource(
            group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true,
            subresources: ["status", "scale"], schema: .definition("io.k8s.api.apps.v1.Deployment")),
    ]

    /// Every built-in definition, by name, in the internal form (references by name).
    static let definitions: [String: JSONValue] = {
        var all = [String: JSONValue]()
        for text in [BuiltinMetaDefinitions.json, BuiltinWorkloadDefinitions.json, extraDefinitions] {
            // The texts are constants checked by the tests; a parse failure leaves them out.
            if let parsed = try? JSONValue.parse(Data(text.utf8)), case .object(let o) = parsed {
                all.merge(o) { a, _ in a }
            }
        }
        return all
    }()

    /// Definitions only the paths refer to.
    private static let extraDefinitions = #"""
        {
        "io.k8s.apimachinery.pkg.apis.meta.v1.Patch": {
          "description": "Patch is the body of a PATCH request: a JSON patch, a merge patch, a strategic merge patch or an apply configuration.",
          "type": "object"}
        }
        """#
}
