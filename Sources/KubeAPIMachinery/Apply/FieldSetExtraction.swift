import KubeCore

/// The fields an applied configuration sets (structured-merge-diff's `ToFieldSet`): what the
/// applying manager will own.
enum FieldSetExtraction {
    /// Every leaf, every list item, every map entry, and every member set to `null` or `{}`.
    /// Declared members of structures that have children are not members themselves.
    static func fieldSet(of value: JSONValue, schema: any MergeSchema) throws(MergeSchemaMismatchError) -> FieldSet {
        var set = FieldSet()
        try walk(value, schema, path: ManagedFieldPath([]), lenient: false, into: &set)
        return set
    }

    /// The same for stored objects, which are never rejected: duplicate list items count
    /// once, items that cannot be identified and undeclared fields are skipped.
    static func lenientFieldSet(of value: JSONValue, schema: any MergeSchema) -> FieldSet {
        var set = FieldSet()
        try? walk(value, schema, path: ManagedFieldPath([]), lenient: true, into: &set)
        return set
    }

    private static func walk(
        _ value: JSONValue, _ schema: any MergeSchema, path: ManagedFieldPath, lenient: Bool, into set: inout FieldSet
    ) throws(MergeSchemaMismatchError) {
        switch value {
        case .object(let members):
            if schema.isAtomicObject {
                set.insert(path)
                return
            }
            for (name, child) in members {
                if !lenient && schema.rejectsUndeclaredFields && !schema.declaresField(name) {
                    throw MergeSchemaMismatchError(
                        path: path.appending(.field(name)), reason: "field not declared in schema")
                }
                let childPath = path.appending(.field(name))
                try walk(child, schema.member(name), path: childPath, lenient: lenient, into: &set)
                // A structure's field is owned itself only as a leaf; an empty or null one is a
                // leaf too (so that applying `resources: {}` keeps it), and map entries always are.
                let isEmpty = child.isNull || child.objectValue?.isEmpty == true
                if isEmpty || !schema.declaresField(name) { set.insert(childPath) }
            }
        case .array(let items):
            if schema.isAtomicList {
                set.insert(path)
                return
            }
            let indexed =
                lenient
                ? ObjectComparison.lenientIndex(items, schema).map { (element: $0.0, item: $0.1) }
                : try ListItemKeys.index(
                    items, semantics: schema.listSemantics, element: schema.listElement, path: path,
                    allowDuplicates: false)
            for (element, item) in indexed {
                let itemPath = path.appending(element)
                try walk(item, schema.listElement, path: itemPath, lenient: lenient, into: &set)
                set.insert(itemPath)
            }
        case .null:
            // A null list or map sets nothing below it; a null scalar is a leaf.
            set.insert(path)
        default:
            set.insert(path)
        }
    }
}
