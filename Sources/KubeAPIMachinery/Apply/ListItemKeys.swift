import KubeCore

/// An object that does not fit the list semantics of its schema (an associative list item
/// without its key, a duplicate key), found while computing field ownership.
public struct MergeSchemaMismatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where, e.g. `.spec.ports`.
    public var path: ManagedFieldPath
    /// What, e.g. `element 0: associative list with keys has an element that omits key field "port"`.
    public var reason: String

    public var description: String { path.elements.isEmpty ? reason : "\(path): \(reason)" }
}

/// Why a list item cannot be identified.
struct ItemKeyFailure: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Identifying list items the way server-side apply does.
enum ListItemKeys {
    /// The path element of item `index` of a list with `semantics`, whose items have
    /// `element` as schema.
    static func pathElement(
        for item: JSONValue, at index: Int, semantics: ListSemantics, element: any MergeSchema
    ) -> Result<ManagedPathElement, ItemKeyFailure> {
        switch semantics {
        case .atomic:
            return .success(.index(index))
        case .set:
            switch item {
            case .object:
                return .failure(ItemKeyFailure("associative list without keys has an element that's a map type"))
            case .array: return .failure(ItemKeyFailure("not supported: associative list with lists as elements"))
            case .null:
                return .failure(ItemKeyFailure("associative list without keys has an element that's an explicit null"))
            default: return .success(.value(ManagedPathElement.canonical(item)))
            }
        case .map(let keys):
            guard case .object(let members) = item else {
                if item.isNull {
                    return .failure(ItemKeyFailure("associative list with keys may not have a null element"))
                }
                return .failure(ItemKeyFailure("associative list with keys may not have non-map elements"))
            }
            var fields: [ManagedPathElement.KeyField] = []
            for key in keys {
                if let value = members[key] {
                    fields.append(ManagedPathElement.KeyField(name: key, value: value))
                } else if let value = element.member(key).defaultValue {
                    fields.append(ManagedPathElement.KeyField(name: key, value: value))
                } else {
                    return .failure(
                        ItemKeyFailure(
                            "associative list with keys has an element that omits key field \(JSONValue.string(key).jsonString) (and doesn't have default value)"
                        ))
                }
            }
            return .success(.key(fields.sorted { ManagedPathElement.byteLess($0.name, $1.name) }))
        }
    }

    /// The items of a list with their path elements, in list order. Items after the first
    /// with the same element are dropped when `allowDuplicates`, errors otherwise; items
    /// that cannot be identified are errors either way.
    static func index(
        _ items: [JSONValue], semantics: ListSemantics, element: any MergeSchema, path: ManagedFieldPath,
        allowDuplicates: Bool
    ) throws(MergeSchemaMismatchError) -> [(element: ManagedPathElement, item: JSONValue)] {
        var out: [(element: ManagedPathElement, item: JSONValue)] = []
        var seen = Set<ManagedPathElement>()
        for (i, item) in items.enumerated() {
            switch pathElement(for: item, at: i, semantics: semantics, element: element) {
            case .failure(let failure):
                throw MergeSchemaMismatchError(path: path, reason: "element \(i): \(failure.reason)")
            case .success(let pe):
                if !seen.insert(pe).inserted {
                    if allowDuplicates { continue }
                    throw MergeSchemaMismatchError(path: path, reason: "duplicate entries for key \(pe)")
                }
                out.append((pe, item))
            }
        }
        return out
    }
}
