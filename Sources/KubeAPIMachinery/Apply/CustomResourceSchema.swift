import KubeCore

/// The apply semantics of a custom resource, read from the `openAPIV3Schema` of its CRD
/// version: `properties` make structures, `additionalProperties` maps,
/// `x-kubernetes-map-type: atomic` atomic objects, `x-kubernetes-list-type` (`atomic` by
/// default, `set`, `map` with `x-kubernetes-list-map-keys`) lists, and
/// `x-kubernetes-preserve-unknown-fields` untyped members. `metadata` is `ObjectMeta`.
///
/// Custom resources have no strategic-merge-patch strategies: this schema is a
/// ``ListSemanticsProvider`` input only.
public struct CustomResourceSchema: SchemaNode {
    let schema: [String: JSONValue]
    let isRoot: Bool

    /// The schema of objects of a CRD version, from its `schema.openAPIV3Schema`.
    public init(openAPIV3Schema: JSONValue) {
        self.init(schema: openAPIV3Schema.objectValue ?? [:], isRoot: true)
    }

    init(schema: [String: JSONValue], isRoot: Bool) {
        self.schema = schema
        self.isRoot = isRoot
    }

    private var properties: [String: JSONValue] { schema["properties"]?.objectValue ?? [:] }
    private var preservesUnknownFields: Bool { schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true }

    public var objectSemantics: ObjectSemantics {
        if schema["x-kubernetes-map-type"]?.stringValue == "atomic" { return .atomic }
        if !properties.isEmpty || isRoot { return .structure }
        if schema["additionalProperties"] != nil || preservesUnknownFields { return .map }
        return .structure
    }

    public func member(_ name: String) -> any SchemaNode {
        if isRoot {
            switch name {
            case "metadata": return BuiltinSchemas.objectMeta
            case "apiVersion", "kind": return CustomResourceSchema(schema: ["type": "string"], isRoot: false)
            default: break
            }
        }
        if let property = properties[name]?.objectValue { return CustomResourceSchema(schema: property, isRoot: false) }
        if let additional = schema["additionalProperties"]?.objectValue {
            return CustomResourceSchema(schema: additional, isRoot: false)
        }
        return UntypedNode.deduced
    }

    public func declaresField(_ name: String) -> Bool {
        if isRoot && (name == "apiVersion" || name == "kind" || name == "metadata") { return true }
        return properties[name] != nil
    }

    /// Closed objects (with `properties`, without `additionalProperties` or
    /// `x-kubernetes-preserve-unknown-fields`) reject members they do not declare, as
    /// server-side apply does for custom resources.
    public var rejectsUndeclaredFields: Bool {
        guard !preservesUnknownFields, schema["additionalProperties"] == nil else { return false }
        return !properties.isEmpty || isRoot
    }

    public var listSemantics: ListSemantics {
        switch schema["x-kubernetes-list-type"]?.stringValue {
        case "set": return .set
        case "map":
            let keys = schema["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return keys.isEmpty ? .atomic : .map(keys: keys)
        default: return .atomic
        }
    }

    public var listElement: any SchemaNode {
        if let items = schema["items"]?.objectValue { return CustomResourceSchema(schema: items, isRoot: false) }
        return UntypedNode.deduced
    }

    public var defaultValue: JSONValue? { schema["default"] }
}

/// Apply schemas for custom resources, by kind: the server registers each served CRD
/// version's schema here and chains the provider before ``BuiltinSchemas``.
public struct CustomResourceSchemas: ListSemanticsProvider, PatchStrategyProvider {
    /// The schemas by kind.
    public var schemas: [GroupVersionKind: CustomResourceSchema]

    public init(_ schemas: [GroupVersionKind: CustomResourceSchema] = [:]) { self.schemas = schemas }

    /// Registers the schemas of every version of a CRD (`apiextensions.k8s.io/v1` JSON).
    public mutating func register(crd: JSONValue) {
        guard let group = crd[path: ["spec", "group"]]?.stringValue,
            let kind = crd[path: ["spec", "names", "kind"]]?.stringValue
        else { return }
        for version in crd[path: ["spec", "versions"]]?.arrayValue ?? [] {
            guard let name = version["name"]?.stringValue else { continue }
            let schema = version[path: ["schema", "openAPIV3Schema"]] ?? .object([:])
            schemas[GroupVersionKind(group: group, version: name, kind: kind)] = CustomResourceSchema(
                openAPIV3Schema: schema)
        }
    }

    public func applySchema(for kind: GroupVersionKind) -> (any SchemaNode)? { schemas[kind] }

    /// Always `nil`: the server answers strategic merge patches of custom resources with 415.
    public func strategicMergeSchema(for kind: GroupVersionKind) -> (any SchemaNode)? { nil }
}
