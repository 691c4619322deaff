import Foundation
import KubeCore

/// Strategic merge patch and server-side apply, behind one seam so the
/// machinery can improve without touching the handlers.
protocol PatchEngine: Sendable {
    func strategicMerge(_ patch: JSONValue, into live: JSONValue, resource: ServedResource) throws -> JSONValue
    func apply(_ applied: JSONValue, to live: JSONValue?, manager: String, force: Bool, resource: ServedResource) throws
        -> JSONValue
}

/// A first approximation: strategic merge merges lists of objects by their `name`
/// (the merge key of containers, env, volumes and ports by name) and otherwise
/// behaves as a JSON merge patch; apply merges the applied configuration into the
/// live object without field ownership.
struct MergePatchEngine: PatchEngine {
    func strategicMerge(_ patch: JSONValue, into live: JSONValue, resource: ServedResource) throws -> JSONValue {
        Self.merge(patch, into: live)
    }

    func apply(_ applied: JSONValue, to live: JSONValue?, manager: String, force: Bool, resource: ServedResource) throws
        -> JSONValue
    {
        Self.merge(applied, into: live ?? [:])
    }

    static func merge(_ patch: JSONValue, into target: JSONValue) -> JSONValue {
        guard case .object(let p) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in p {
            if key.hasPrefix("$") { continue }
            switch value {
            case .null:
                result[key] = nil
            case .object:
                result[key] = merge(value, into: result[key] ?? [:])
            case .array(let items) where items.allSatisfy({ $0["name"]?.stringValue != nil }) && !items.isEmpty:
                var merged = result[key]?.arrayValue ?? []
                for item in items {
                    if let i = merged.firstIndex(where: { $0["name"] == item["name"] }) {
                        merged[i] = merge(item, into: merged[i])
                    } else {
                        merged.append(item)
                    }
                }
                result[key] = .array(merged)
            default:
                result[key] = value
            }
        }
        return .object(result)
    }
}
