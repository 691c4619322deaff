import KubeCore

/// Merge lists: item matching, `$patch` items, `$deleteFromPrimitiveList`, `$setElementOrder`
/// and the order of the result (Go's `mergeSlice` and `normalizeElementOrder`).
extension StrategicMergePatch {
    /// Merges the list `patch` into the merge list `original`; `schema` is the list field's.
    static func mergeList(
        _ original: [JSONValue], _ patch: [JSONValue], _ schema: any MergeSchema, isDeleteList: Bool
    ) throws(StrategicMergePatchError) -> [JSONValue] {
        if original.isEmpty && patch.isEmpty { return original }
        let kind = try elementKind(original, patch)
        var original = original
        var patch = patch
        let mergeKey = schema.patchMergeKey ?? ""
        var merged: [JSONValue]
        if kind != .map {
            if isDeleteList {
                return original.filter { item in !patch.contains { JSONEquality.equal($0, item) } }
            }
            merged = deduplicated(original + patch)
        } else {
            guard !mergeKey.isEmpty else {
                throw StrategicMergePatchError(
                    .noMergeKeyDeclared, "cannot merge lists without merge key for type map")
            }
            (original, patch) = try applyListDirectives(original, patch, mergeKey: mergeKey)
            merged = try mergeItems(original, patch, mergeKey: mergeKey, element: schema.listElement)
        }
        let (patchItems, serverOnly) = try partition(merged, by: patch, mergeKey: mergeKey)
        return try normalizedOrder(
            patchItems, serverOnly, patchOrder: patch, serverOrder: original, mergeKey: mergeKey)
    }

    /// The common kind of the items of the lists (Go's `sliceElementType`).
    static func elementKind(_ lists: [JSONValue]...) throws(StrategicMergePatchError) -> GoJSONKind {
        var kind: GoJSONKind?
        for list in lists {
            for item in list {
                let current = GoJSONKind(item)
                if let kind {
                    if kind != current {
                        throw StrategicMergePatchError(
                            .mixedListItems,
                            "list element types are not identical: \(lists.map { GoValueFormat.value(.array($0)) })")
                    }
                } else {
                    if current == .slice { throw .listOfLists }
                    kind = current
                }
            }
        }
        return kind ?? .null
    }

    private static func deduplicated(_ items: [JSONValue]) -> [JSONValue] {
        var out: [JSONValue] = []
        for item in items where !out.contains(where: { JSONEquality.equal($0, item) }) { out.append(item) }
        return out
    }

    /// Handles `$patch` items: `delete` removes matching originals, `replace` makes the other
    /// patch items the whole list. Returns the original and the patch without directive items.
    private static func applyListDirectives(
        _ original: [JSONValue], _ patch: [JSONValue], mergeKey: String
    ) throws(StrategicMergePatchError) -> ([JSONValue], [JSONValue]) {
        var original = original
        var plain: [JSONValue] = []
        var replace = false
        for item in patch {
            guard case .object(let members) = item, let directive = members[directiveMarker] else {
                plain.append(item)
                continue
            }
            switch directive {
            case "delete":
                guard let keyValue = members[mergeKey] else { throw .missingMergeKey(members, mergeKey) }
                original.removeAll { $0[mergeKey].map { JSONEquality.equal($0, keyValue) } ?? false }
            case "replace":
                // The remaining items are scanned too, to drop their directives.
                replace = true
            case "merge":
                throw StrategicMergePatchError(
                    .mergeDirectiveInList, "merging lists cannot yet be specified in the patch")
            default:
                throw .unknownPatchType(directive, members)
            }
        }
        return replace ? (plain, []) : (original, plain)
    }

    /// Merges each patch item into the original item with the same merge key, or appends it.
    private static func mergeItems(
        _ original: [JSONValue], _ patch: [JSONValue], mergeKey: String, element: any MergeSchema
    ) throws(StrategicMergePatchError) -> [JSONValue] {
        var original = original
        for item in patch {
            guard case .object(let members) = item else {
                throw .badArgumentType(expected: "map[string]interface {}", actual: item)
            }
            guard let keyValue = members[mergeKey] else { throw .missingMergeKey(members, mergeKey) }
            if let index = original.firstIndex(where: { $0[mergeKey].map { JSONEquality.equal($0, keyValue) } ?? false }
            ),
                case .object(let existing) = original[index]
            {
                original[index] = .object(try mergeMap(existing, members, element))
            } else {
                original.append(try newValue(item, element))
            }
        }
        return original
    }

    /// Splits `items` into those present in `list` (by merge key, or by value for scalars)
    /// and the rest, keeping their order.
    private static func partition(
        _ items: [JSONValue], by list: [JSONValue], mergeKey: String
    ) throws(StrategicMergePatchError) -> ([JSONValue], [JSONValue]) {
        var present: [JSONValue] = []
        var absent: [JSONValue] = []
        for item in items {
            if try index(of: item, in: list, mergeKey: mergeKey) != nil {
                present.append(item)
            } else {
                absent.append(item)
            }
        }
        return (present, absent)
    }

    /// The position of `item` in `list`, matching by merge key (objects) or value (scalars).
    private static func index(
        of item: JSONValue, in list: [JSONValue], mergeKey: String
    ) throws(StrategicMergePatchError) -> Int? {
        guard !mergeKey.isEmpty else { return list.firstIndex { JSONEquality.equal($0, item) } }
        guard case .object(let members) = item else {
            throw .badArgumentType(expected: "map[string]interface {}", actual: item)
        }
        guard let keyValue = members[mergeKey] else { throw .missingMergeKey(members, mergeKey) }
        return list.firstIndex { candidate in
            candidate[mergeKey].map { JSONEquality.equal($0, keyValue) } ?? false
        }
    }

    /// Orders the patch items as the patch (or `$setElementOrder`) does and the server-only
    /// items as the original does, then interleaves them: a server-only item goes before a
    /// patch item when both were in the original in that order.
    static func normalizedOrder(
        _ patchItems: [JSONValue], _ serverOnly: [JSONValue], patchOrder: [JSONValue], serverOrder: [JSONValue],
        mergeKey: String
    ) throws(StrategicMergePatchError) -> [JSONValue] {
        let left = try sorted(serverOnly, by: serverOrder, mergeKey: mergeKey)
        let right = try sorted(patchItems, by: patchOrder, mergeKey: mergeKey)
        var out: [JSONValue] = []
        out.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            if i >= left.count {
                out.append(right[j])
                j += 1
            } else if j >= right.count {
                out.append(left[i])
                i += 1
            } else {
                let li = try index(of: left[i], in: serverOrder, mergeKey: mergeKey)
                let ri = try index(of: right[j], in: serverOrder, mergeKey: mergeKey)
                if let li, let ri, li < ri {
                    out.append(left[i])
                    i += 1
                } else {
                    out.append(right[j])
                    j += 1
                }
            }
        }
        return out
    }

    /// Sorts `items` stably by their position in `order`; items not in it keep their relative
    /// order after the others.
    private static func sorted(
        _ items: [JSONValue], by order: [JSONValue], mergeKey: String
    ) throws(StrategicMergePatchError) -> [JSONValue] {
        var keyed: [(position: Int, offset: Int, item: JSONValue)] = []
        for (offset, item) in items.enumerated() {
            let position = try index(of: item, in: order, mergeKey: mergeKey) ?? Int.max
            keyed.append((position, offset, item))
        }
        return keyed.sorted { ($0.position, $0.offset) < ($1.position, $1.offset) }.map(\.item)
    }

    /// `$setElementOrder/<field>`: merges the field's patch list now and orders the result by
    /// the directive, then by the patch, then by the original.
    static func applySetElementOrder(
        _ original: inout [String: JSONValue], _ patch: inout [String: JSONValue], _ schema: any MergeSchema
    ) throws(StrategicMergePatchError) {
        for key in patch.keys.sorted() where key.hasPrefix(setElementOrderPrefix) {
            guard let directive = patch.removeValue(forKey: key) else { continue }
            guard case .array(let order) = directive else {
                throw .badArgumentType(expected: "[]interface {}", actual: directive)
            }
            let field = try extractKey(key, prefix: setElementOrderPrefix)
            let child = schema.member(field)
            let mergeKey = child.patchMergeKey ?? ""
            var originalList: [JSONValue]?
            var patchList: [JSONValue]?
            if let value = original[field] {
                guard case .array(let items) = value else {
                    throw .badArgumentType(expected: "[]interface {}", actual: value)
                }
                originalList = items
            }
            if let value = patch[field] {
                guard case .array(let items) = value else {
                    throw .badArgumentType(expected: "[]interface {}", actual: value)
                }
                patchList = items
            }
            try validate(patchList ?? [], against: order, mergeKey: mergeKey)
            let merged: [JSONValue]
            switch (originalList, patchList) {
            case (nil, nil):
                continue
            case (let o?, nil):
                merged = o
            case (nil, let p?):
                merged =
                    child.patchStrategy.contains(.merge)
                    ? try mergeList([], p, child, isDeleteList: false)
                    : (try newValue(.array(p), child)).arrayValue ?? p
            case (let o?, let p?):
                merged =
                    child.patchStrategy.contains(.merge)
                    ? try mergeList(o, p, child, isDeleteList: false)
                    : (try newValue(.array(p), child)).arrayValue ?? p
            }
            if merged.isEmpty {
                original[field] = .array([])
                patch.removeValue(forKey: field)
                continue
            }
            let (inOrder, serverOnly) = try partition(merged, by: order, mergeKey: mergeKey)
            original[field] = .array(
                try normalizedOrder(
                    inOrder, serverOnly, patchOrder: order, serverOrder: originalList ?? [], mergeKey: mergeKey))
            patch.removeValue(forKey: field)
        }
    }

    /// Checks that the patch list's items (other than `$patch` items) appear in the
    /// `$setElementOrder` list, in its order.
    private static func validate(
        _ patchList: [JSONValue], against order: [JSONValue], mergeKey: String
    ) throws(StrategicMergePatchError) {
        guard !patchList.isEmpty, !order.isEmpty else { return }
        let items = patchList.filter { $0[directiveMarker] == nil }
        var p = 0
        var o = 0
        while p < items.count && o < order.count {
            let same: Bool
            if mergeKey.isEmpty {
                same = JSONEquality.equal(items[p], order[o])
            } else {
                guard case .object(let left) = items[p], let l = left[mergeKey] else {
                    throw .missingMergeKey(items[p].objectValue ?? [:], mergeKey)
                }
                guard case .object(let right) = order[o], let r = right[mergeKey] else {
                    throw .missingMergeKey(order[o].objectValue ?? [:], mergeKey)
                }
                same = JSONEquality.equal(l, r)
            }
            if same { p += 1 }
            o += 1
        }
        if p < items.count {
            throw StrategicMergePatchError(
                .badSetElementOrder,
                "The order in patch list:\n\(GoValueFormat.value(.array(patchList)))\n doesn't match "
                    + "\(setElementOrderPrefix) list:\n\(GoValueFormat.value(.array(order)))\n")
        }
    }
}
