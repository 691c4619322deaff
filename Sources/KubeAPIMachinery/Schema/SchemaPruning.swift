import Foundation
import KubeCore

/// Removal of the fields a structural schema does not declare, as the API server does to
/// every custom resource it decodes (unless `x-kubernetes-preserve-unknown-fields`).
///
/// The removed paths come back sorted, written as the server writes them in `unknown field`
/// warnings and strict-validation errors: `spec.foo`, `spec.items[0].bar`, `metadata.foo`.
enum SchemaPruning {
    /// The fields of `ObjectMeta`: anything else in the `metadata` of a resource is dropped.
    static let objectMetaFields: Set<String> = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    ]

    /// Prunes `value` in place; `isResourceRoot` treats the top level as a resource (its
    /// `apiVersion` and `kind` are kept, its `metadata` pruned to `ObjectMeta`).
    static func prune(_ value: inout JSONValue, schema: StructuralSchema?, isResourceRoot: Bool) -> [String] {
        var paths = [String]()
        prune(&value, schema, embedded: isResourceRoot || (schema?.embeddedResource ?? false), path: "", into: &paths)
        return paths.sorted()
    }

    private static func join(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : parent + "." + key
    }

    /// `keepUnknown` is set below `x-kubernetes-preserve-unknown-fields`, where unknown fields
    /// stay but declared ones are still pruned inside; a `nil` schema (a field allowed by
    /// `additionalProperties: true`) keeps scalars and empties objects, as the server does.
    private static func prune(
        _ value: inout JSONValue, _ schema: StructuralSchema?, embedded: Bool, path: String,
        keepUnknown: Bool = false, into paths: inout [String]
    ) {
        let preserve = keepUnknown || (schema?.preserveUnknownFields ?? false)
        switch value {
        case .object(var members):
            for key in members.keys.sorted() {
                guard var child = members[key] else { continue }
                let childPath = join(path, key)
                if embedded && (key == "apiVersion" || key == "kind") { continue }
                if embedded && key == "metadata" {
                    pruneObjectMeta(&child, path: childPath, into: &paths)
                    members[key] = child
                    continue
                }
                if let p = schema?.properties[key] {
                    prune(&child, p, embedded: p.embeddedResource, path: childPath, into: &paths)
                    members[key] = child
                } else if let ap = schema?.additionalPropertiesSchema {
                    prune(&child, ap, embedded: ap.embeddedResource, path: childPath, into: &paths)
                    members[key] = child
                } else if preserve {
                    continue
                } else if case .allowed(true)? = schema?.additionalProperties {
                    prune(&child, nil, embedded: false, path: childPath, into: &paths)
                    members[key] = child
                } else {
                    members[key] = nil
                    paths.append(childPath)
                }
            }
            value = .object(members)
        case .array(var items):
            let itemSchema = schema?.items
            if preserve && itemSchema == nil { return }
            for i in items.indices {
                prune(
                    &items[i], itemSchema, embedded: itemSchema?.embeddedResource ?? false, path: "\(path)[\(i)]",
                    keepUnknown: preserve, into: &paths)
            }
            value = .array(items)
        default:
            break
        }
    }

    private static func pruneObjectMeta(_ value: inout JSONValue, path: String, into paths: inout [String]) {
        guard case .object(var members) = value else { return }
        for key in members.keys.sorted() where !objectMetaFields.contains(key) {
            members[key] = nil
            paths.append(join(path, key))
        }
        value = .object(members)
    }

    /// Drops `null` fields whose schema is neither nullable nor defaulted, as the server does
    /// after pruning (`PruneNonNullableNullsWithoutDefaults`).
    static func pruneNonNullableNulls(_ value: inout JSONValue, schema: StructuralSchema?) {
        guard let schema else { return }
        switch value {
        case .object(var members):
            for key in members.keys.sorted() {
                guard var child = members[key], let p = schema.properties[key] else { continue }
                if case .null = child, !p.nullable, p.defaultValue == nil {
                    members[key] = nil
                } else {
                    pruneNonNullableNulls(&child, schema: p)
                    members[key] = child
                }
            }
            value = .object(members)
        case .array(var items):
            for i in items.indices { pruneNonNullableNulls(&items[i], schema: schema.items) }
            value = .array(items)
        default:
            break
        }
    }
}
