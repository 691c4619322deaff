import Foundation
import KubeCore

/// Application of schema `default`s, as the API server does to custom resources on every
/// request and on every read from storage.
enum SchemaDefaulting {
    /// Sets every absent field (or `null` field that may not be null) that has a default,
    /// then descends into the result, so defaults inside defaults apply too.
    static func apply(_ value: inout JSONValue, schema: StructuralSchema?) {
        guard let schema else { return }
        switch value {
        case .object(var members):
            for (key, p) in schema.properties {
                guard let d = p.defaultValue else { continue }
                switch members[key] {
                case nil: members[key] = d
                case .null? where !p.nullable: members[key] = d
                default: break
                }
            }
            for key in members.keys.sorted() {
                guard var child = members[key] else { continue }
                if let p = schema.properties[key] {
                    apply(&child, schema: p)
                } else if let ap = schema.additionalPropertiesSchema {
                    apply(&child, schema: ap)
                } else {
                    continue
                }
                members[key] = child
            }
            value = .object(members)
        case .array(var items):
            for i in items.indices { apply(&items[i], schema: schema.items) }
            value = .array(items)
        default:
            break
        }
    }
}
