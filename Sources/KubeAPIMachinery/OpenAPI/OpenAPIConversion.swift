import Foundation
import KubeCore

/// The two OpenAPI documents the API server publishes.
enum OpenAPIFlavor {
    /// Swagger 2.0 at `/openapi/v2`: references are `#/definitions/<name>`.
    case v2
    /// OpenAPI 3.0 at `/openapi/v3/...`: references are `#/components/schemas/<name>`,
    /// wrapped in `allOf` when they carry a description or default.
    case v3

    func reference(_ name: String) -> String {
        switch self {
        case .v2: return "#/definitions/" + name
        case .v3: return "#/components/schemas/" + name
        }
    }
}

/// Turns internal schemas (built-in definitions and CRD schemas) into published definitions.
enum OpenAPIConversion {
    static let objectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
    static let listMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"

    // The standard descriptions of the type and object metadata, as every Kubernetes kind has them.
    static let apiVersionDescription =
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"
    static let kindDescription =
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
    static let metadataDescription =
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
    static let listMetadataDescription =
        "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"

    /// The placeholders built-in definitions use for the standard properties.
    private static func placeholder(_ name: String) -> JSONValue? {
        switch name {
        case "#apiVersion": return ["description": .string(apiVersionDescription), "type": "string"]
        case "#kind": return ["description": .string(kindDescription), "type": "string"]
        case "#metadata":
            return ["description": .string(metadataDescription), "default": [:], "$ref": .string(objectMeta)]
        case "#listMetadata":
            return ["description": .string(listMetadataDescription), "default": [:], "$ref": .string(listMeta)]
        default: return nil
        }
    }

    /// Rewrites the references and placeholders of an internal schema for `flavor`, walking
    /// only the schema keywords (so a property named `$ref` is left alone).
    static func publish(_ schema: JSONValue, _ flavor: OpenAPIFlavor) -> JSONValue {
        guard case .object(var o) = schema else { return schema }
        if case .string(let ref)? = o["$ref"] {
            if let expanded = placeholder(ref) {
                var merged = expanded.objectValue ?? [:]
                for (k, v) in o where k != "$ref" { merged[k] = v }
                return publish(.object(merged), flavor)
            }
            o["$ref"] = nil
            let target = JSONValue.string(flavor.reference(ref))
            switch flavor {
            case .v2:
                o["default"] = nil
                o["$ref"] = target
                return .object(o)
            case .v3:
                if o.isEmpty { return ["$ref": target] }
                o["allOf"] = [["$ref": target]]
                return .object(o)
            }
        }
        if case .object(let props)? = o["properties"] {
            o["properties"] = .object(props.mapValues { publish($0, flavor) })
        }
        for key in ["items", "additionalProperties", "not"] {
            if let v = o[key], case .object = v { o[key] = publish(v, flavor) }
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            if case .array(let list)? = o[key] { o[key] = .array(list.map { publish($0, flavor) }) }
        }
        return .object(o)
    }

    /// The definitions an internal schema refers to (directly).
    static func references(in schema: JSONValue) -> Set<String> {
        guard case .object(let o) = schema else { return [] }
        var names = Set<String>()
        if case .string(let ref)? = o["$ref"] {
            if let expanded = placeholder(ref) {
                names.formUnion(references(in: expanded))
            } else {
                names.insert(ref)
            }
        }
        for (_, p) in o["properties"]?.objectValue ?? [:] { names.formUnion(references(in: p)) }
        for key in ["items", "additionalProperties", "not"] { names.formUnion(references(in: o[key] ?? .null)) }
        for key in ["allOf", "anyOf", "oneOf"] {
            for s in o[key]?.arrayValue ?? [] { names.formUnion(references(in: s)) }
        }
        return names
    }

    /// `x-kubernetes-group-version-kind` for one kind.
    static func gvk(_ group: String, _ version: String, _ kind: String) -> JSONValue {
        ["group": .string(group), "kind": .string(kind), "version": .string(version)]
    }

    // MARK: Custom resources

    /// The internal definition of a custom resource's kind: its schema with the standard
    /// `apiVersion`, `kind` and `metadata`, and its group/version/kind. In v2 the schema is
    /// first reduced to what kubectl's v2 parser copes with.
    static func customKind(_ resource: OpenAPIResource, schema: JSONValue?, _ flavor: OpenAPIFlavor) -> JSONValue {
        var root: JSONValue
        if let schema, case .object = schema {
            root = schema
            if flavor == .v2 && root["x-kubernetes-preserve-unknown-fields"] == .bool(true) {
                root = ["type": "object"]
            } else {
                if flavor == .v2 { root = toV2(root) }
                root = addEmbeddedProperties(root)
                var props = root["properties"]?.objectValue ?? [:]
                props["apiVersion"] = ["$ref": "#apiVersion"]
                props["kind"] = ["$ref": "#kind"]
                props["metadata"] = ["$ref": "#metadata"]
                root["properties"] = .object(props)
            }
        } else {
            root = ["type": "object"]
        }
        root["x-kubernetes-group-version-kind"] = [gvk(resource.group, resource.version, resource.kind)]
        return root
    }

    /// The internal definition of a kind's list.
    static func listKind(_ resource: OpenAPIResource) -> JSONValue {
        [
            "description": .string("\(resource.listKind) is a list of \(resource.kind)"),
            "type": "object",
            "required": ["items"],
            "properties": [
                "apiVersion": ["$ref": "#apiVersion"],
                "items": [
                    "description": .string(
                        "List of \(resource.plural). More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md"
                    ),
                    "type": "array",
                    "items": ["$ref": .string(resource.definitionName)],
                ],
                "kind": ["$ref": "#kind"],
                "metadata": ["$ref": "#listMetadata"],
            ],
            "x-kubernetes-group-version-kind": [gvk(resource.group, resource.version, resource.listKind)],
        ]
    }

    /// Embedded resources show their `apiVersion`, `kind` and `metadata` like any object.
    private static func addEmbeddedProperties(_ schema: JSONValue) -> JSONValue {
        guard case .object(var o) = schema else { return schema }
        if case .object(let props)? = o["properties"] {
            o["properties"] = .object(props.mapValues(addEmbeddedProperties))
        }
        for key in ["items", "additionalProperties"] {
            if let v = o[key], case .object = v { o[key] = addEmbeddedProperties(v) }
        }
        if o["x-kubernetes-embedded-resource"] == .bool(true) {
            var props = o["properties"]?.objectValue ?? [:]
            props["apiVersion"] = ["$ref": "#apiVersion"]
            props["kind"] = ["$ref": "#kind"]
            props["metadata"] = ["$ref": "#metadata"]
            o["properties"] = .object(props)
        }
        return .object(o)
    }

    /// The v2 form of a structural schema, as the server makes it for kubectl's v2 parser:
    /// no `allOf`/`anyOf`/`oneOf`/`not`; nullable fields lose their type and structure (and
    /// are no longer required); fields preserving unknown fields lose their structure; arrays
    /// without items lose their type.
    static func toV2(_ schema: JSONValue) -> JSONValue {
        guard case .object(var o) = schema else { return schema }
        for key in ["allOf", "anyOf", "oneOf", "not"] { o[key] = nil }
        if o["nullable"] == .bool(true) {
            o["type"] = nil
            o["nullable"] = nil
            o["items"] = nil
            o["properties"] = nil
        }
        if o["x-kubernetes-preserve-unknown-fields"] == .bool(true) {
            o["items"] = nil
            o["properties"] = nil
        }
        if o["items"] == nil && o["type"] == "array" { o["type"] = nil }
        if case .object(var props)? = o["properties"] {
            let nullable = Set(props.filter { $0.value["nullable"] == .bool(true) }.keys)
            for (k, v) in props { props[k] = toV2(v) }
            o["properties"] = .object(props)
            if case .array(let required)? = o["required"], !nullable.isEmpty {
                o["required"] = .array(required.filter { !nullable.contains($0.stringValue ?? "") })
            }
        }
        if let items = o["items"], case .object = items { o["items"] = toV2(items) }
        if let ap = o["additionalProperties"], case .object = ap {
            o["additionalProperties"] = ap["nullable"] == .bool(true) ? nil : toV2(ap)
        }
        return .object(o)
    }
}
