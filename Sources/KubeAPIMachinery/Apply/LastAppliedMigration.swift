import Foundation
import KubeCore

/// Moving an object from client-side `kubectl apply` to `kubectl apply --server-side`
/// (Kubernetes' `lastAppliedManager` and `lastAppliedUpdater`, which act only for the
/// `kubectl` field manager).
enum LastAppliedMigration {
    /// The fields of the last client-side applied configuration whose live values still equal
    /// it: `kubectl` may take them from other managers without a conflict.
    static func allowedConflicts(live: JSONValue?, schema: any MergeSchema) -> FieldSet {
        guard let live,
            let text = live[path: ["metadata", "annotations", FieldManager.lastAppliedAnnotation]]?.stringValue,
            !text.isEmpty,
            let lastApplied = try? JSONValue.parse(Data(text.utf8)),
            lastApplied.objectValue != nil,
            lastApplied["apiVersion"] == live["apiVersion"],
            let applied = try? FieldSetExtraction.fieldSet(of: lastApplied, schema: schema)
        else { return FieldSet() }
        let comparison = ObjectComparison(old: lastApplied, new: live, schema: schema)
        return applied.subtracting(comparison.modified).subtracting(comparison.added).subtracting(comparison.removed)
    }

    /// `object` with its last-applied annotation (if it has one) replaced by `config`, so
    /// that a later client-side apply computes its patches from what was applied last.
    static func syncAnnotation(of object: JSONValue, with config: JSONValue) -> JSONValue {
        let path = ["metadata", "annotations", FieldManager.lastAppliedAnnotation]
        guard let current = object[path: path]?.stringValue, !current.isEmpty else { return object }
        var stripped = config
        if stripped[path: ["metadata", "annotations"]] != nil {
            var annotations = stripped[path: ["metadata", "annotations"]]?.objectValue ?? [:]
            annotations.removeValue(forKey: FieldManager.lastAppliedAnnotation)
            stripped[path: ["metadata", "annotations"]] = .object(annotations)
        }
        // Go's json.Encoder: sorted keys, HTML escaped, newline-terminated.
        var text = ""
        FieldsV1Writer.writeValue(stripped, into: &text)
        text += "\n"
        var result = object
        result[path: path] = .string(text)
        // Kubernetes drops the annotation rather than exceed the 256 KiB annotation limit.
        let annotations = result[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        let size = annotations.reduce(0) { $0 + $1.key.utf8.count + ($1.value.stringValue?.utf8.count ?? 0) }
        if size > 256 * 1024 { result[path: path] = nil }
        return result
    }
}
