import KubeCore

/// The fields an applied configuration sets (structured-merge-diff's `ToFieldSet`): what the
/// applying manager will own.
enum FieldSetExtraction {
    /// Every leaf, every list item, every map entry, and every member set to `null` or `{}`.
    /// Declared members of structures that have children are not members themselves.
    static func fieldSet(of value: JSONValue, schema: any MergeSchema) throws(MergeSchemaMismatchError) -> FieldSet {
        var path: [ManagedPathElement] = []
        return try walk(value, schema, path: &path, lenient: false).below
    }

    /// The same for stored objects, which are never rejected: duplicate list items count
    /// once, items that cannot be identified and undeclared fields are skipped.
    static func lenientFieldSet(of value: JSONValue, schema: any MergeSchema) -> FieldSet {
        var path: [ManagedPathElement] = []
        return (try? walk(value, schema, path: &path, lenient: true).below) ?? FieldSet()
    }

    /// The set of one value, built from its children's sets up (each element is hashed once
    /// per level, and no path is materialized unless it goes into an error): `below` holds
    /// the paths under the value, `isLeaf` whether the value's own path is a member.
    /// `path` is where the value is, for errors; it comes back as it went in.
    private static func walk(
        _ value: JSONValue, _ schema: any MergeSchema, path: inout [ManagedPathElement], lenient: Bool
    ) throws(MergeSchemaMismatchError) -> (below: FieldSet, isLeaf: Bool) {
        switch value {
        case .object(let members):
            if schema.isAtomicObject { return (FieldSet(), true) }
            var set = FieldSet()
            for (name, child) in members {
                let element = ManagedPathElement.field(name)
                let declared = schema.declaresField(name)
                if !lenient && schema.rejectsUndeclaredFields && !declared {
                    throw MergeSchemaMismatchError(
                        path: ManagedFieldPath(path + [element]), reason: "field not declared in schema")
                }
                path.append(element)
                let (below, isLeaf) = try walk(child, schema.member(name), path: &path, lenient: lenient)
                path.removeLast()
                set.addChild(element, below)
                // A structure's field is owned itself only as a leaf; an empty or null one is a
                // leaf too (so that applying `resources: {}` keeps it), and map entries always are.
                let isEmpty = child.isNull || child.objectValue?.isEmpty == true
                if isLeaf || isEmpty || !declared { set.insertMember(element) }
            }
            return (set, false)
        case .array(let items):
            if schema.isAtomicList { return (FieldSet(), true) }
            let indexed =
                lenient
                ? ObjectComparison.lenientIndex(items, schema).map { (element: $0.0, item: $0.1) }
                : try ListItemKeys.index(
                    items, semantics: schema.listSemantics, element: schema.listElement,
                    path: ManagedFieldPath(path), allowDuplicates: false)
            var set = FieldSet()
            for (element, item) in indexed {
                path.append(element)
                let (below, _) = try walk(item, schema.listElement, path: &path, lenient: lenient)
                path.removeLast()
                set.addChild(element, below)
                set.insertMember(element)
            }
            return (set, false)
        default:
            // A scalar is a leaf; so is a null (a null list or map sets nothing below it).
            return (FieldSet(), true)
        }
    }
}
