import KubeCore

/// Merging an applied configuration into a live object, and removing fields from an
/// object, the way structured-merge-diff does (`TypedValue.Merge`, `RemoveItems`).
enum ObjectMerge {
    /// `live` with `config` merged in: config leaves win, objects merge member by member
    /// (unless atomic), associative lists merge item by item, other lists are replaced.
    /// A `null` leaf in the configuration removes the member (typed objects read it as unset).
    static func merge(
        _ live: JSONValue?, _ config: JSONValue?, _ schema: any MergeSchema,
        path: ManagedFieldPath = ManagedFieldPath([])
    ) throws(MergeSchemaMismatchError) -> JSONValue? {
        switch (live, config) {
        case (_, .object(let r)):
            let l = live?.objectValue
            if schema.isAtomicObject || live.map({ GoJSONKind($0) != .map && !$0.isNull }) == true {
                return config
            }
            if r.isEmpty && (l?.isEmpty ?? true) { return config }
            var out = l ?? [:]
            for (name, value) in r {
                out[name] = try merge(out[name], value, schema.member(name), path: path.appending(.field(name)))
            }
            return .object(out)
        case (_, .array(let r)):
            if schema.isAtomicList { return config }
            if let live, !live.isNull, live.arrayValue == nil { return config }
            let l = live?.arrayValue ?? []
            if l.isEmpty && r.isEmpty { return config }
            return .array(try mergeLists(l, r, schema, path: path))
        case (_, .null):
            // A granular map or list set to null merges nothing in; a null leaf unsets.
            if let live, !schema.isAtomicObject, live.objectValue != nil { return live }
            if let live, !schema.isAtomicList, live.arrayValue != nil { return live }
            return nil
        case (_, let config?):
            return config
        case (let live, nil):
            return live
        }
    }

    /// Merges two associative lists. Items keep the live order, except that items the
    /// configuration lists are placed in its order: each shared item waits for the
    /// configuration to reach it, and new configuration items go where the configuration has them.
    private static func mergeLists(
        _ live: [JSONValue], _ config: [JSONValue], _ schema: any MergeSchema, path: ManagedFieldPath
    ) throws(MergeSchemaMismatchError) -> [JSONValue] {
        let element = schema.listElement
        let rhs = try ListItemKeys.index(
            config, semantics: schema.listSemantics, element: element, path: path, allowDuplicates: false)
        let lhs = ObjectComparison.lenientIndex(live, schema)
        var rhsItems: [ManagedPathElement: JSONValue] = [:]
        for (pe, item) in rhs { rhsItems[pe] = item }
        var lhsItems: [ManagedPathElement: JSONValue] = [:]
        for (pe, item) in lhs { lhsItems[pe] = item }
        var shared = rhs.map(\.element).filter { lhsItems[$0] != nil }[...]

        var out: [JSONValue] = []
        var li = 0
        var ri = 0
        func emit(_ pe: ManagedPathElement) throws(MergeSchemaMismatchError) {
            if let item = try merge(lhsItems[pe], rhsItems[pe], element, path: path.appending(pe)) { out.append(item) }
        }
        while li < lhs.count || ri < rhs.count {
            if li < lhs.count && ri < rhs.count {
                let pe = lhs[li].0
                if pe == rhs[ri].element {
                    try emit(pe)
                    li += 1
                    ri += 1
                    shared = shared.dropFirst()
                    continue
                }
                if rhsItems[pe] != nil, let next = shared.first, next != pe {
                    // A shared item the configuration wants later: skip it for now.
                    li += 1
                    continue
                }
            }
            if li < lhs.count, rhsItems[lhs[li].0] == nil {
                try emit(lhs[li].0)
                li += 1
                continue
            }
            if ri < rhs.count {
                let pe = rhs[ri].element
                try emit(pe)
                ri += 1
                if shared.first == pe { shared = shared.dropFirst() }
            } else {
                // Only shared live items that were skipped remain; they were emitted with
                // their configuration counterparts.
                li += 1
            }
        }
        return out
    }

    /// `value` without the fields of `fields` (list items and object members; everything
    /// below them goes with them). Objects and lists emptied by the removal disappear.
    static func removing(_ fields: FieldSet, from value: JSONValue, _ schema: any MergeSchema) -> JSONValue? {
        guard !fields.isEmpty else { return value }
        switch value {
        case .object(let members):
            guard !schema.isAtomicObject, !members.isEmpty else { return value }
            var out: [String: JSONValue] = [:]
            for (name, child) in members {
                let pe = ManagedPathElement.field(name)
                if fields.members.contains(pe) { continue }
                if let below = fields.children[pe] {
                    if let kept = removing(below, from: child, schema.member(name)) { out[name] = kept }
                } else {
                    out[name] = child
                }
            }
            return out.isEmpty ? nil : .object(out)
        case .array(let items):
            guard !schema.isAtomicList, !items.isEmpty else { return value }
            var out: [JSONValue] = []
            for (i, item) in items.enumerated() {
                guard
                    case .success(let pe) = ListItemKeys.pathElement(
                        for: item, at: i, semantics: schema.listSemantics, element: schema.listElement)
                else {
                    out.append(item)
                    continue
                }
                if fields.members.contains(pe) { continue }
                if let below = fields.children[pe] {
                    if let kept = removing(below, from: item, schema.listElement) { out.append(kept) }
                } else {
                    out.append(item)
                }
            }
            return out.isEmpty ? nil : .array(out)
        default:
            return value
        }
    }
}
