import KubeCore

/// Strategic merge patch (`application/strategic-merge-patch+json`), applied as the
/// Kubernetes API server applies it (`strategicpatch.StrategicMergeMapPatch`).
///
/// Objects merge member by member and `null` removes a member. Lists are replaced, unless
/// the field's strategy is `merge`: then lists of objects merge item by item on the field's
/// merge key and lists of scalars become the union of both. Directives refine this:
/// - `"$patch": "replace"` in an object replaces it; as a list item, replaces the list.
/// - `"$patch": "delete"` in an object empties it; as a list item (with the merge key),
///   removes the matching items.
/// - `"$retainKeys": [...]` removes the members of the original the list does not name.
/// - `"$deleteFromPrimitiveList/<field>": [...]` removes these values from a merge list of scalars.
/// - `"$setElementOrder/<field>": [...]` gives the order of the merged list.
///
/// Custom resources have no patch strategies; the server refuses strategic merge patches for
/// them with 415 (``unsupportedMediaTypeStatus()``).
///
/// Deliberate deviation: where Kubernetes copies a patch value into a place the original
/// lacks, it keeps directives and `null`s nested in it (which then fail decoding or are
/// dropped by typed decoding); here such values are merged into an empty value, so nested
/// directives are honoured and `null` members are dropped.
public enum StrategicMergePatch {
    /// The media type of strategic merge patches.
    public static let mediaType = "application/strategic-merge-patch+json"

    /// Applies `patch` to `original`, both JSON objects, with the patch strategies of `schema`.
    public static func apply(
        _ patch: JSONValue, to original: JSONValue, schema: any MergeSchema
    ) throws(StrategicMergePatchError) -> JSONValue {
        guard case .object(let patchMembers) = patch, case .object(let originalMembers) = original else {
            throw .badJSONDocument
        }
        return .object(try mergeMap(originalMembers, patchMembers, schema))
    }

    /// Applies `patch` to an object of `kind`; `nil` when `provider` has no patch strategies
    /// for the kind (a custom resource), which the server must answer with
    /// ``unsupportedMediaTypeStatus()``.
    public static func apply(
        _ patch: JSONValue, to original: JSONValue, kind: GroupVersionKind, provider: any PatchStrategyProvider
    ) throws(StrategicMergePatchError) -> JSONValue? {
        guard let schema = provider.strategicMergeSchema(for: kind) else { return nil }
        return try apply(patch, to: original, schema: schema)
    }

    /// Whether the server accepts strategic merge patches for `kind`.
    public static func isSupported(for kind: GroupVersionKind, provider: any PatchStrategyProvider) -> Bool {
        provider.strategicMergeSchema(for: kind) != nil
    }

    /// The media types the server accepts in PATCH for custom resources, in its order.
    public static let customResourcePatchTypes = [
        "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml",
    ]

    /// The 415 `Status` the server answers a strategic merge patch of a custom resource with.
    public static func unsupportedMediaTypeStatus(accepted: [String] = customResourcePatchTypes) -> Status {
        Status(
            message: "the body of the request was in an unknown format - accepted media types include: "
                + accepted.joined(separator: ", "),
            reason: .unsupportedMediaType, code: 415)
    }

    // MARK: - Objects

    static let directiveMarker = "$patch"
    static let retainKeysDirective = "$retainKeys"
    static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList"
    static let setElementOrderPrefix = "$setElementOrder"

    /// Merges the members of `patch` into `original` (Go's `mergeMap`).
    static func mergeMap(
        _ original: [String: JSONValue], _ patch: [String: JSONValue], _ schema: any MergeSchema
    ) throws(StrategicMergePatchError) -> [String: JSONValue] {
        var patch = patch
        if let directive = patch[directiveMarker] {
            switch directive {
            case "replace":
                patch.removeValue(forKey: directiveMarker)
                // Replace, but still resolve what the replacement itself says.
                return try mergeMap([:], patch, schema)
            case "delete":
                return [:]
            default:
                throw .unknownPatchType(directive, patch)
            }
        }
        var original = original
        try applyRetainKeys(&original, &patch)
        try applySetElementOrder(&original, &patch, schema)

        for key in patch.keys.sorted() {
            guard let patchValue = patch[key] else { continue }
            var field = key
            var isDeleteList = false
            if key.hasPrefix(deleteFromPrimitiveListPrefix) {
                field = try extractKey(key, prefix: deleteFromPrimitiveListPrefix)
                isDeleteList = true
            }
            let child = schema.member(field)
            if patchValue.isNull {
                original.removeValue(forKey: field)
                continue
            }
            guard let originalValue = original[field] else {
                if !isDeleteList { original[field] = try newValue(patchValue, child) }
                continue
            }
            guard GoJSONKind(originalValue) == GoJSONKind(patchValue) else {
                if !isDeleteList { original[field] = try newValue(patchValue, child) }
                continue
            }
            switch (originalValue, patchValue) {
            case (.object(let o), .object(let p)):
                original[field] =
                    child.patchStrategy.contains(.replace)
                    ? try newValue(patchValue, child) : .object(try mergeMap(o, p, child))
            case (.array(let o), .array(let p)):
                if child.patchStrategy.contains(.merge) {
                    original[field] = .array(try mergeList(o, p, child, isDeleteList: isDeleteList))
                } else {
                    original[field] = try newValue(patchValue, child)
                }
            default:
                original[field] = patchValue
            }
        }
        return original
    }

    /// What a patch value becomes where the original has nothing to merge it with: the value
    /// merged into an empty one, so its directives apply and its `null` members vanish.
    static func newValue(_ value: JSONValue, _ schema: any MergeSchema) throws(StrategicMergePatchError) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(try mergeMap([:], members, schema))
        case .array(let items):
            if schema.patchStrategy.contains(.merge) {
                return .array(try mergeList([], items, schema, isDeleteList: false))
            }
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items {
                if case .object(let members) = item {
                    out.append(.object(try mergeMap([:], members, schema.listElement)))
                } else {
                    out.append(item)
                }
            }
            return .array(out)
        default:
            return value
        }
    }

    /// `$retainKeys`: drops members of `original` the list does not name, after checking that
    /// the patch sets nothing outside it.
    private static func applyRetainKeys(
        _ original: inout [String: JSONValue], _ patch: inout [String: JSONValue]
    ) throws(StrategicMergePatchError) {
        guard let directive = patch.removeValue(forKey: retainKeysDirective) else { return }
        guard case .array(let list) = directive else { throw .badRetainKeys }
        let retained = Set(list.compactMap(\.stringValue))
        for (key, value) in patch where !value.isNull {
            if key.hasPrefix(deleteFromPrimitiveListPrefix) || key.hasPrefix(setElementOrderPrefix) { continue }
            if !retained.contains(key) { throw .badRetainKeys }
        }
        original = original.filter { retained.contains($0.key) }
    }

    /// The field a `$deleteFromPrimitiveList/x` or `$setElementOrder/x` key is about.
    static func extractKey(_ key: String, prefix: String) throws(StrategicMergePatchError) -> String {
        let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == prefix else {
            throw prefix == deleteFromPrimitiveListPrefix ? .badPrimitiveList : .badSetElementOrder
        }
        return String(parts[1])
    }
}

/// The Go type `encoding/json` gives a value, which decides whether original and patch
/// values merge or the patch value replaces (numbers are all `float64`).
enum GoJSONKind: Equatable {
    case map, slice, string, number, bool, null

    init(_ value: JSONValue) {
        switch value {
        case .object: self = .map
        case .array: self = .slice
        case .string: self = .string
        case .int, .double: self = .number
        case .bool: self = .bool
        case .null: self = .null
        }
    }
}
