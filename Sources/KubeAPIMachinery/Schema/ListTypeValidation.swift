import Foundation
import KubeCore

/// The uniqueness checks of `x-kubernetes-list-type: set` and `map` lists, run after the
/// OpenAPI validation as the API server does (`listtype.ValidateListSetsAndMaps`).
enum ListTypeValidation {
    /// Every problem with set and map lists anywhere in `value`.
    static func validate(_ value: JSONValue, schema: StructuralSchema, path: FieldPath) -> [FieldError] {
        var errors = [FieldError]()
        walk(value, schema, path, &errors)
        return errors
    }

    private static func walk(
        _ value: JSONValue, _ schema: StructuralSchema, _ path: FieldPath, _ errors: inout [FieldError]
    ) {
        switch value {
        case .array(let items):
            switch schema.listType {
            case "set"?: errors += validateSet(items, path)
            case "map"?: errors += validateMap(items, keys: schema.listMapKeys, path)
            default: break
            }
            if let itemSchema = schema.items {
                for (i, item) in items.enumerated() { walk(item, itemSchema, path.index(i), &errors) }
            }
        case .object(let members):
            for key in members.keys.sorted() {
                guard let v = members[key] else { continue }
                if let p = schema.properties[key] {
                    walk(v, p, path.child(key), &errors)
                } else if let ap = schema.additionalPropertiesSchema {
                    walk(v, ap, path.key(key), &errors)
                }
            }
        default:
            break
        }
    }

    /// Each repeated element is a `Duplicate value` at its index.
    private static func validateSet(_ items: [JSONValue], _ path: FieldPath) -> [FieldError] {
        var errors = [FieldError]()
        for (i, item) in items.enumerated() where items[..<i].contains(where: { JSONSemantics.equal($0, item) }) {
            errors.append(.duplicate(path.index(i), item))
        }
        return errors
    }

    /// Items must be objects with scalar keys; each item whose keys repeat an earlier item's
    /// is a `Duplicate value` (showing the whole item) at its index.
    private static func validateMap(_ items: [JSONValue], keys: [String], _ path: FieldPath) -> [FieldError] {
        for (i, item) in items.enumerated() {
            switch item {
            case .object, .null: continue
            default: return [.invalid(path.index(i), item, "must be an object for an array of list-type map")]
            }
        }
        var errors = [FieldError]()
        for (i, item) in items.enumerated() {
            guard case .object(let members) = item else { continue }
            for key in keys {
                if let v = members[key], v.arrayValue != nil || v.objectValue != nil {
                    errors.append(.invalid(path.index(i).child(key), v, "must be a scalar value"))
                }
            }
        }
        guard errors.isEmpty else { return errors }
        for (i, item) in items.enumerated() {
            guard case .object = item else { continue }
            let earlier = items[..<i].contains { other in
                guard case .object = other else { return false }
                return ListMapKeys.sameKeys(item, other, keys: keys)
            }
            if earlier { errors.append(.duplicate(path.index(i), item)) }
        }
        return errors
    }
}

/// Identity of the items of a `map` list: the values of their key fields.
enum ListMapKeys {
    /// Whether two items have the same values for every key (an absent key matches only an
    /// absent key).
    static func sameKeys(_ a: JSONValue, _ b: JSONValue, keys: [String]) -> Bool {
        keys.allSatisfy { key in
            switch (a[key], b[key]) {
            case (nil, nil): return true
            case (let x?, let y?): return JSONSemantics.equal(x, y)
            default: return false
            }
        }
    }

    /// The item of `list` with the same keys as `item`, if any.
    static func match(_ item: JSONValue, in list: [JSONValue], keys: [String]) -> JSONValue? {
        guard !keys.isEmpty else { return nil }
        return list.first { sameKeys(item, $0, keys: keys) }
    }
}
