import KubeCore

/// What changed between two versions of an object, as field sets (structured-merge-diff's
/// `Comparison`): the basis of ownership transfer and of apply conflicts.
struct ObjectComparison {
    /// Fields only in the new object (and new parents, which become owned with their leaves).
    var added = FieldSet()
    /// Fields only in the old object.
    var removed = FieldSet()
    /// Leaves (atomic values included) present in both with different values.
    var modified = FieldSet()

    /// Whether nothing changed.
    var isSame: Bool { added.isEmpty && removed.isEmpty && modified.isEmpty }

    /// Compares `old` with `new`, identifying list items per `schema`. Items that cannot be
    /// identified are skipped: comparisons serve bookkeeping and never reject a write.
    init(old: JSONValue?, new: JSONValue?, schema: any MergeSchema) {
        var path: [ManagedPathElement] = []
        compare(old, new, schema, path: &path)
    }

    /// Removes `fields` and everything below them from the three sets.
    func excluding(_ fields: FieldSet) -> ObjectComparison {
        guard !fields.isEmpty else { return self }
        var out = self
        out.added = added.subtractingRecursively(fields)
        out.removed = removed.subtractingRecursively(fields)
        out.modified = modified.subtractingRecursively(fields)
        return out
    }

    // `path` is the stack of elements from the root to the values compared: pushed and
    // popped as the comparison descends, so no path is built for fields that did not change.

    private mutating func leaf(_ old: JSONValue?, _ new: JSONValue?, path: [ManagedPathElement]) {
        switch (old, new) {
        case (nil, .some): added.insert(path[...])
        case (.some, nil): removed.insert(path[...])
        case (let l?, let r?): if !JSONEquality.equal(l, r) { modified.insert(path[...]) }
        case (nil, nil): break
        }
    }

    private mutating func compare(
        _ old: JSONValue?, _ new: JSONValue?, _ schema: any MergeSchema, path: inout [ManagedPathElement]
    ) {
        // Equal values differ nowhere below: most of an object is unchanged by a write, and
        // an equality test allocates nothing.
        if let old, let new, JSONEquality.equal(old, new) { return }
        switch (old, new) {
        case (.object, .object), (.object, .null), (.null, .object), (.object, nil), (nil, .object):
            compareObjects(old, new, schema, path: &path)
        case (.array, .array), (.array, .null), (.null, .array), (.array, nil), (nil, .array):
            compareLists(old, new, schema, path: &path)
        default:
            leaf(old, new, path: path)
        }
    }

    private mutating func compareObjects(
        _ old: JSONValue?, _ new: JSONValue?, _ schema: any MergeSchema, path: inout [ManagedPathElement]
    ) {
        let l = old?.objectValue ?? [:]
        let r = new?.objectValue ?? [:]
        if schema.isAtomicObject || (l.isEmpty && r.isEmpty) {
            // Atomic, or nothing to descend into: the value is a leaf, so that `{}` vs absent
            // (or `{}` vs null) still counts.
            leaf(old, new, path: path)
            return
        }
        for (name, value) in l {
            path.append(.field(name))
            compare(value, r[name], schema.member(name), path: &path)
            path.removeLast()
        }
        for (name, value) in r where l[name] == nil {
            path.append(.field(name))
            compare(nil, value, schema.member(name), path: &path)
            path.removeLast()
        }
        if old == nil { added.insert(path[...]) } else if new == nil { removed.insert(path[...]) }
    }

    private mutating func compareLists(
        _ old: JSONValue?, _ new: JSONValue?, _ schema: any MergeSchema, path: inout [ManagedPathElement]
    ) {
        let l = old?.arrayValue ?? []
        let r = new?.arrayValue ?? []
        if schema.isAtomicList || (l.isEmpty && r.isEmpty) {
            leaf(old, new, path: path)
            return
        }
        let element = schema.listElement
        let left = Self.lenientIndex(l, schema)
        let right = Self.lenientIndex(r, schema)
        var leftByElement: [ManagedPathElement: JSONValue] = [:]
        for (pe, item) in left { leftByElement[pe] = item }
        var rightByElement: [ManagedPathElement: JSONValue] = [:]
        for (pe, item) in right { rightByElement[pe] = item }
        for pe in Set(leftByElement.keys).union(rightByElement.keys) {
            path.append(pe)
            compare(leftByElement[pe], rightByElement[pe], element, path: &path)
            path.removeLast()
        }
        if old == nil { added.insert(path[...]) } else if new == nil { removed.insert(path[...]) }
    }

    /// The identifiable items of a list, first occurrence of each key only.
    static func lenientIndex(_ items: [JSONValue], _ schema: any MergeSchema) -> [(ManagedPathElement, JSONValue)] {
        var out: [(ManagedPathElement, JSONValue)] = []
        var seen = Set<ManagedPathElement>()
        for (i, item) in items.enumerated() {
            guard
                case .success(let pe) = ListItemKeys.pathElement(
                    for: item, at: i, semantics: schema.listSemantics, element: schema.listElement),
                seen.insert(pe).inserted
            else { continue }
            out.append((pe, item))
        }
        return out
    }
}
