import KubeCore

/// The patch and apply schema of the built-in kinds Astrolift serves, from the
/// `patchStrategy`/`patchMergeKey` tags and `+listType`/`+listMapKey`/`+structType`/`+mapType`
/// markers of the `k8s.io/api` types.
///
/// The table only describes what deviates from the defaults (objects merge member by member,
/// lists are replaced): merge lists, associative lists, atomic structures and maps, and the
/// members Go always serialises. Members it does not list are treated leniently, as
/// structures whose lists are atomic.
public struct BuiltinSchemas: PatchStrategyProvider, ListSemanticsProvider {
    public init() {}

    /// The schema of a built-in kind, or `nil` when the table does not know the kind.
    public func schema(for kind: GroupVersionKind) -> (any SchemaNode)? {
        guard let root = BuiltinTypes.roots[RootKey(group: kind.group, kind: kind.kind)] else { return nil }
        return BuiltinNode(type: .named(root), field: nil)
    }

    public func strategicMergeSchema(for kind: GroupVersionKind) -> (any SchemaNode)? { schema(for: kind) }
    public func applySchema(for kind: GroupVersionKind) -> (any SchemaNode)? { schema(for: kind) }

    /// The schema of `metav1.ObjectMeta`, which custom resources share with built-in kinds.
    public static var objectMeta: any SchemaNode { BuiltinNode(type: .named("ObjectMeta"), field: nil) }

    /// A schema for a built-in kind the table does not list: objects merge member by member,
    /// lists are replaced, and `metadata` is `ObjectMeta`.
    public static var genericObject: any SchemaNode { BuiltinNode(type: .named("GenericObject"), field: nil) }
}

/// A kind in the table, by group and kind (versions of a kind share their schema).
struct RootKey: Hashable, Sendable {
    var group: String
    var kind: String
}

/// The type of a field in the table.
indirect enum BuiltinTypeRef: Sendable {
    /// A structure defined in ``BuiltinTypes/structures``.
    case named(String)
    /// A scalar (or anything not worth describing).
    case scalar
    /// A map with free keys.
    case map(BuiltinTypeRef, atomic: Bool)
    /// A list.
    case list(BuiltinTypeRef)
}

/// A field of a structure: its type and its patch tags.
struct BuiltinField: Sendable {
    var type: BuiltinTypeRef
    /// `+listType` when given; otherwise derived from the patch strategy, as Kubernetes does.
    var listType: ListSemantics?
    var patchStrategy: PatchStrategy = []
    var mergeKey: String?
    var defaultValue: JSONValue?

    /// A field of a structure type.
    static func ref(_ name: String) -> BuiltinField { BuiltinField(type: .named(name)) }
    /// A field holding a map of scalars.
    static let map = BuiltinField(type: .map(.scalar, atomic: false))
    /// A field holding a map replaced whole (`+mapType=atomic`).
    static let atomicMap = BuiltinField(type: .map(.scalar, atomic: true))
    /// A scalar with a default (used for list-map keys).
    static func scalar(default value: JSONValue) -> BuiltinField { BuiltinField(type: .scalar, defaultValue: value) }
    /// A list with `+listType` and no merge strategy.
    static func list(_ element: BuiltinTypeRef, _ listType: ListSemantics) -> BuiltinField {
        BuiltinField(type: .list(element), listType: listType)
    }
    /// A list of objects with `patchStrategy:"merge" patchMergeKey:key`; apply keys default to
    /// the merge key unless `mapKeys` (or `listType`) says otherwise.
    static func mergeList(
        _ element: String, key: String, mapKeys: [String]? = nil, listType: ListSemantics? = nil,
        retainKeys: Bool = false
    ) -> BuiltinField {
        BuiltinField(
            type: .list(.named(element)), listType: listType ?? .map(keys: mapKeys ?? [key]),
            patchStrategy: retainKeys ? [.merge, .retainKeys] : .merge, mergeKey: key)
    }
    /// A list of scalars with `patchStrategy:"merge"` (a set).
    static let mergeSet = BuiltinField(type: .list(.scalar), listType: .set, patchStrategy: .merge)
    /// A structure field with `patchStrategy:"retainKeys"`.
    static func retainKeys(_ name: String) -> BuiltinField {
        BuiltinField(type: .named(name), patchStrategy: .retainKeys)
    }
}

/// A structure: its notable fields, whether it is atomic, and what Go always serialises.
struct BuiltinStructure: Sendable {
    var fields: [String: BuiltinField]
    var atomic = false
    var zero: [String: JSONValue] = [:]

    init(_ fields: [String: BuiltinField] = [:], atomic: Bool = false, zero: [String: JSONValue] = [:]) {
        self.fields = fields
        self.atomic = atomic
        self.zero = zero
    }
}

/// A node of the built-in table: a type, and the field that leads to it (for its tags).
struct BuiltinNode: SchemaNode {
    let type: BuiltinTypeRef
    let field: BuiltinField?

    private var structure: BuiltinStructure? {
        if case .named(let name) = type { return BuiltinTypes.structures[name] }
        return nil
    }

    var objectSemantics: ObjectSemantics {
        switch type {
        case .named: return structure?.atomic == true ? .atomic : .structure
        case .map(_, let atomic): return atomic ? .atomic : .map
        case .scalar, .list: return .structure
        }
    }

    func member(_ name: String) -> any SchemaNode {
        switch type {
        case .named:
            guard let field = structure?.fields[name] else { return UntypedNode.lenient }
            return BuiltinNode(type: field.type, field: field)
        case .map(let element, _):
            return BuiltinNode(type: element, field: nil)
        case .scalar, .list:
            return UntypedNode.lenient
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

    var listElement: any SchemaNode {
        if case .list(let element) = type { return BuiltinNode(type: element, field: nil) }
        return UntypedNode.lenient
    }

    var defaultValue: JSONValue? { field?.defaultValue }
    var patchStrategy: PatchStrategy { field?.patchStrategy ?? [] }
    var patchMergeKey: String? { field?.mergeKey }
    var zeroMembers: [String: JSONValue] { structure?.zero ?? [:] }
}
