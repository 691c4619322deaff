import KubeCore

/// The patch and apply schema of the built-in kinds Astrolift serves, from the
/// `patchStrategy`/`patchMergeKey` tags and `+listType`/`+listMapKey`/`+structType`/`+mapType`
/// markers of the `k8s.io/api` types.
///
/// The table only describes what deviates from the defaults (objects merge member by member,
/// lists are replaced): merge lists, associative lists, atomic structures and maps, and the
/// members Go always serialises. Members it does not list are treated leniently, as
/// structures whose lists are atomic.
public struct BuiltinPatchSchemas: PatchStrategyProvider, ListSemanticsProvider {
    /// The table (it is static; instances are free).
    public init() {}

    /// The schema of a built-in kind, or `nil` when the table does not know the kind.
    public func schema(for kind: GroupVersionKind) -> (any MergeSchema)? {
        guard let root = BuiltinPatchTypes.roots[BuiltinPatchRootKey(group: kind.group, kind: kind.kind)] else {
            return nil
        }
        return BuiltinMergeSchema(type: .named(root), field: nil)
    }

    public func strategicMergeSchema(for kind: GroupVersionKind) -> (any MergeSchema)? { schema(for: kind) }
    public func applySchema(for kind: GroupVersionKind) -> (any MergeSchema)? { schema(for: kind) }

    /// The reset fields of the built-in strategies: `status` for the main resource of kinds
    /// with a status; for their `status` subresource, `spec` and the metadata the strategy
    /// keeps (Pods keep `deletionTimestamp` and `ownerReferences`, the apps kinds `labels`).
    public func resetFields(for kind: GroupVersionKind, subresource: String?) -> ResetFields? {
        let key = BuiltinPatchRootKey(group: kind.group, kind: kind.kind)
        guard let root = BuiltinPatchTypes.roots[key], let structure = BuiltinPatchTypes.structures[root] else {
            return nil
        }
        let hasStatus = structure.fields["status"] != nil
        switch subresource ?? "" {
        case "": return hasStatus ? .status : ResetFields.nothing
        case "status":
            var paths = [ManagedFieldPath(fields: "spec")]
            if kind.group == "" && kind.kind == "Pod" {
                paths += [
                    ManagedFieldPath(fields: "metadata", "deletionTimestamp"),
                    ManagedFieldPath(fields: "metadata", "ownerReferences"),
                ]
            } else if kind.group == "apps" {
                paths.append(ManagedFieldPath(fields: "metadata", "labels"))
            }
            return .paths(paths)
        default: return ResetFields.nothing
        }
    }

    /// The schema of `metav1.ObjectMeta`, which custom resources share with built-in kinds.
    public static var objectMeta: any MergeSchema { BuiltinMergeSchema(type: .named("ObjectMeta"), field: nil) }

    /// A schema for a built-in kind the table does not list: objects merge member by member,
    /// lists are replaced, and `metadata` is `ObjectMeta`.
    public static var genericObject: any MergeSchema { BuiltinMergeSchema(type: .named("GenericObject"), field: nil) }
}

/// A kind in the table, by group and kind (versions of a kind share their schema).
struct BuiltinPatchRootKey: Hashable, Sendable {
    var group: String
    var kind: String
}

/// The type of a field in the table.
indirect enum BuiltinPatchTypeRef: Sendable {
    /// A structure defined in ``BuiltinPatchTypes/structures``.
    case named(String)
    /// A scalar (or anything not worth describing).
    case scalar
    /// A map with free keys.
    case map(BuiltinPatchTypeRef, atomic: Bool)
    /// A list.
    case list(BuiltinPatchTypeRef)
}

/// A field of a structure: its type and its patch tags.
struct BuiltinPatchField: Sendable {
    var type: BuiltinPatchTypeRef
    /// `+listType` when given; otherwise derived from the patch strategy, as Kubernetes does.
    var listType: ListSemantics?
    var patchStrategy: PatchStrategy = []
    var mergeKey: String?
    var defaultValue: JSONValue?

    /// A field of a structure type.
    static func ref(_ name: String) -> BuiltinPatchField { BuiltinPatchField(type: .named(name)) }
    /// A field holding a map of scalars.
    static let map = BuiltinPatchField(type: .map(.scalar, atomic: false))
    /// A field holding a map replaced whole (`+mapType=atomic`).
    static let atomicMap = BuiltinPatchField(type: .map(.scalar, atomic: true))
    /// A scalar with a default (used for list-map keys).
    static func scalar(default value: JSONValue) -> BuiltinPatchField {
        BuiltinPatchField(type: .scalar, defaultValue: value)
    }
    /// A list with `+listType` and no merge strategy.
    static func list(_ element: BuiltinPatchTypeRef, _ listType: ListSemantics) -> BuiltinPatchField {
        BuiltinPatchField(type: .list(element), listType: listType)
    }
    /// A list of objects with `patchStrategy:"merge" patchMergeKey:key`; apply keys default to
    /// the merge key unless `mapKeys` (or `listType`) says otherwise.
    static func mergeList(
        _ element: String, key: String, mapKeys: [String]? = nil, listType: ListSemantics? = nil,
        retainKeys: Bool = false
    ) -> BuiltinPatchField {
        BuiltinPatchField(
            type: .list(.named(element)), listType: listType ?? .map(keys: mapKeys ?? [key]),
            patchStrategy: retainKeys ? [.merge, .retainKeys] : .merge, mergeKey: key)
    }
    /// A list of scalars with `patchStrategy:"merge"` (a set).
    static let mergeSet = BuiltinPatchField(type: .list(.scalar), listType: .set, patchStrategy: .merge)
    /// A structure field with `patchStrategy:"retainKeys"`.
    static func retainKeys(_ name: String) -> BuiltinPatchField {
        BuiltinPatchField(type: .named(name), patchStrategy: .retainKeys)
    }
}

/// A structure: its notable fields, whether it is atomic, and what Go always serialises.
struct BuiltinPatchStructure: Sendable {
    var fields: [String: BuiltinPatchField]
    var atomic = false
    var zero: [String: JSONValue] = [:]

    init(_ fields: [String: BuiltinPatchField] = [:], atomic: Bool = false, zero: [String: JSONValue] = [:]) {
        self.fields = fields
        self.atomic = atomic
        self.zero = zero
    }
}

/// A node of the built-in table: a type, and the field that leads to it (for its tags).
struct BuiltinMergeSchema: MergeSchema {
    let type: BuiltinPatchTypeRef
    let field: BuiltinPatchField?

    private var structure: BuiltinPatchStructure? {
        if case .named(let name) = type { return BuiltinPatchTypes.structures[name] }
        return nil
    }

    var objectSemantics: ObjectSemantics {
        switch type {
        case .named: return structure?.atomic == true ? .atomic : .structure
        case .map(_, let atomic): return atomic ? .atomic : .map
        case .scalar, .list: return .structure
        }
    }

    func member(_ name: String) -> any MergeSchema {
        switch type {
        case .named:
            guard let field = structure?.fields[name] else { return UntypedMergeSchema.lenient }
            return BuiltinMergeSchema(type: field.type, field: field)
        case .map(let element, _):
            return BuiltinMergeSchema(type: element, field: nil)
        case .scalar, .list:
            return UntypedMergeSchema.lenient
        }
    }

    func declaresField(_ name: String) -> Bool {
        if case .map = type { return false }
        return true
    }

    var listSemantics: ListSemantics {
        guard case .list = type else { return .atomic }
        if let listType = field?.listType { return listType }
        guard let field, field.patchStrategy.contains(.merge) else { return .atomic }
        return field.mergeKey.map { .map(keys: [$0]) } ?? .set
    }

    var listElement: any MergeSchema {
        if case .list(let element) = type { return BuiltinMergeSchema(type: element, field: nil) }
        return UntypedMergeSchema.lenient
    }

    var defaultValue: JSONValue? { field?.defaultValue }
    var patchStrategy: PatchStrategy { field?.patchStrategy ?? [] }
    var patchMergeKey: String? { field?.mergeKey }
    var zeroMembers: [String: JSONValue] { structure?.zero ?? [:] }
}
