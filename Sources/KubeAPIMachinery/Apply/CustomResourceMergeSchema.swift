import KubeCore

/// The apply semantics of a custom resource, read from the `openAPIV3Schema` of its CRD
/// version: `properties` make structures, `additionalProperties` maps,
/// `x-kubernetes-map-type: atomic` atomic objects, `x-kubernetes-list-type` (`atomic` by
/// default, `set`, `map` with `x-kubernetes-list-map-keys`) lists, and
/// `x-kubernetes-preserve-unknown-fields` untyped members. `metadata` is `ObjectMeta`.
///
/// Custom resources have no strategic-merge-patch strategies: this schema is a
/// ``ListSemanticsProvider`` input only.
public struct CustomResourceMergeSchema: MergeSchema {
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

    public func member(_ name: String) -> any MergeSchema {
        if isRoot {
            switch name {
            case "metadata": return BuiltinPatchSchemas.objectMeta
            case "apiVersion", "kind": return CustomResourceMergeSchema(schema: ["type": "string"], isRoot: false)
            default: break
            }
        }
        if let property = properties[name]?.objectValue {
            return CustomResourceMergeSchema(schema: property, isRoot: false)
        }
        if let additional = schema["additionalProperties"]?.objectValue {
            return CustomResourceMergeSchema(schema: additional, isRoot: false)
        }
        return UntypedMergeSchema.deduced
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

    public var listElement: any MergeSchema {
        if let items = schema["items"]?.objectValue { return CustomResourceMergeSchema(schema: items, isRoot: false) }
        return UntypedMergeSchema.deduced
    }

    public var defaultValue: JSONValue? { schema["default"] }
}

/// Apply schemas for custom resources, by kind: the server registers each served CRD
/// version's schema here and chains the provider before ``BuiltinPatchSchemas``.
public struct CustomResourceMergeSchemas: ListSemanticsProvider, PatchStrategyProvider {
    /// The schemas by kind.
    public var schemas: [GroupVersionKind: CustomResourceMergeSchema]
    /// The kinds whose CRD version enables the status subresource.
    public var withStatusSubresource: Set<GroupVersionKind>

    /// A provider holding `schemas`.
    public init(
        _ schemas: [GroupVersionKind: CustomResourceMergeSchema] = [:],
        withStatusSubresource: Set<GroupVersionKind> = []
    ) {
        self.schemas = schemas
        self.withStatusSubresource = withStatusSubresource
    }

    /// Registers the schemas of every version of a CRD (`apiextensions.k8s.io/v1` JSON).
    public mutating func register(crd: JSONValue) {
        guard let group = crd[path: ["spec", "group"]]?.stringValue,
            let kind = crd[path: ["spec", "names", "kind"]]?.stringValue
        else { return }
        for version in crd[path: ["spec", "versions"]]?.arrayValue ?? [] {
            guard let name = version["name"]?.stringValue else { continue }
            let schema = version[path: ["schema", "openAPIV3Schema"]] ?? .object([:])
            let gvk = GroupVersionKind(group: group, version: name, kind: kind)
            schemas[gvk] = CustomResourceMergeSchema(openAPIV3Schema: schema)
            if version[path: ["subresources", "status"]] != nil {
                withStatusSubresource.insert(gvk)
            } else {
                withStatusSubresource.remove(gvk)
            }
        }
    }

    public func applySchema(for kind: GroupVersionKind) -> (any MergeSchema)? { schemas[kind] }

    /// With a status subresource, `status` for the main resource and everything but `status`
    /// for the subresource (the custom resource status strategy); nothing otherwise.
    public func resetFields(for kind: GroupVersionKind, subresource: String?) -> ResetFields? {
        guard schemas[kind] != nil else { return nil }
        guard withStatusSubresource.contains(kind) else { return ResetFields.nothing }
        switch subresource ?? "" {
        case "": return .status
        case "status": return .allButStatus
        default: return ResetFields.nothing
        }
    }

    /// Always `nil`: the server answers strategic merge patches of custom resources with 415.
    public func strategicMergeSchema(for kind: GroupVersionKind) -> (any MergeSchema)? { nil }
}
