import Foundation
import KubeCore

/// The label and field selectors of a list or watch, compiled once per request.
struct Selection: Sendable {
    var labels: LabelQuery?
    var fields: FieldQuery?
    let resource: ServedResource

    init(resource: ServedResource, labelSelector: String?, fieldSelector: String?) throws {
        self.resource = resource
        if let text = labelSelector, !text.isEmpty {
            do {
                labels = try LabelQuery(parsing: text)
            } catch {
                throw APIStatus.badRequest("unable to parse requirement: \(error)")
            }
        }
        if let text = fieldSelector, !text.isEmpty {
            let query: FieldQuery
            do {
                query = try FieldQuery(parsing: text)
            } catch {
                throw APIStatus.badRequest("invalid field selector: \(error)")
            }
            if let conversion = resource.conversion {
                // Labels are translated to the storage's (regarding.name → involvedObject.name),
                // as the real server's field label conversion does, and matched on the stored object.
                fields = FieldQuery(
                    try query.requirements.map { term in
                        guard let label = conversion.storageFieldLabel(term.field, apiVersion: resource.apiVersion)
                        else { throw APIStatus.badRequest("field label not supported: \(term.field)") }
                        return FieldRequirement(field: label, term.operator, term.value)
                    })
            } else {
                for r in query.requirements where !Self.supportsField(r.field, resource) {
                    throw APIStatus.badRequest(
                        "field label not supported: \(r.field)")
                }
                fields = query
            }
        }
    }

    var isEverything: Bool { labels == nil && fields == nil }

    /// Whether `object` is selected.
    func matches(_ object: StoredObject) -> Bool {
        if let labels, !labels.matches(labels: object.labels) { return false }
        guard let fields else { return true }
        var values: [String: String] = [
            "metadata.name": object.name, "metadata.namespace": object.namespace ?? "",
        ]
        let others = fields.requirements.map(\.field).filter { !$0.hasPrefix("metadata.") }
        if !others.isEmpty, let json = try? object.json() {
            for field in others {
                if let conversion = resource.conversion {
                    values[field] = conversion.selectableValue(field, of: json)
                    continue
                }
                let path = field.split(separator: ".").map(String.init)
                switch json[path: path] {
                case .string(let s)?: values[field] = s
                case .bool(let b)?: values[field] = b ? "true" : "false"
                case .int(let i)?: values[field] = String(i)
                default: values[field] = ""
                }
            }
        }
        return fields.matches(fields: values)
    }

    /// The fields the real server indexes for field selectors, per kind.
    static func supportsField(_ field: String, _ r: ServedResource) -> Bool {
        if field == "metadata.name" || field == "metadata.namespace" { return true }
        switch (r.group, r.plural) {
        case ("", "pods"):
            return [
                "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName",
            ].contains(field)
        case ("", "secrets"): return field == "type"
        case ("", "namespaces"): return field == "status.phase"
        case ("", "replicationcontrollers"), ("apps", "replicasets"): return field == "status.replicas"
        case ("batch", "jobs"): return field == "status.successful"
        default: return false
        }
    }
}
