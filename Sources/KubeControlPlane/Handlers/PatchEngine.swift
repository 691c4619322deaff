import Foundation
import KubeAPIMachinery
import KubeCore

/// Strategic merge patch, server-side apply and managedFields bookkeeping, using
/// the built-in patch strategies and the schemas of the CRDs currently served.
final class PatchEngine: @unchecked Sendable {
    private let builtins = BuiltinPatchSchemas()
    // Guarded by `lock`: CRDs come and go while requests run.
    private let lock = NSLock()
    private var crds = CustomResourceMergeSchemas()

    /// Learns (or re-learns) a CRD's schemas.
    func register(crd: JSONValue) {
        lock.lock()
        defer { lock.unlock() }
        var next = crds
        // Drop the CRD's previous versions before registering the new definition.
        let group = crd[path: ["spec", "group"]]?.stringValue ?? ""
        let kind = crd[path: ["spec", "names", "kind"]]?.stringValue ?? ""
        next.schemas = next.schemas.filter { $0.key.group != group || $0.key.kind != kind }
        next.withStatusSubresource = next.withStatusSubresource.filter { $0.group != group || $0.kind != kind }
        next.register(crd: crd)
        crds = next
    }

    /// Forgets a CRD's schemas.
    func unregister(group: String, kind: String) {
        lock.lock()
        defer { lock.unlock() }
        crds.schemas = crds.schemas.filter { $0.key.group != group || $0.key.kind != kind }
        crds.withStatusSubresource = crds.withStatusSubresource.filter { $0.group != group || $0.kind != kind }
    }

    private var provider: ChainedMergeSchemaProvider {
        lock.lock()
        defer { lock.unlock() }
        return ChainedMergeSchemaProvider(crds, builtins)
    }

    private var fieldManager: FieldManager { FieldManager(schemas: provider) }

    func strategicMerge(_ patch: JSONValue, into live: JSONValue, resource r: ServedResource) throws -> JSONValue {
        do {
            guard
                let merged = try StrategicMergePatch.apply(patch, to: live, kind: r.descriptor.gvk, provider: builtins)
            else {
                throw APIStatus(status: StrategicMergePatch.unsupportedMediaTypeStatus())
            }
            return merged
        } catch let error as StrategicMergePatchError {
            throw APIStatus(status: error.status)
        }
    }

    /// Server-side apply; `nil` when the apply changes nothing.
    func apply(
        _ config: JSONValue, to live: JSONValue?, manager: String, force: Bool, resource r: ServedResource,
        subresource: String?
    ) throws -> JSONValue? {
        do {
            let result = try fieldManager.apply(
                config, to: live, kind: r.descriptor.gvk, manager: manager, force: force, subresource: subresource,
                time: .now())
            // Not a ternary: `nil` there would become `JSONValue.null` (JSONValue is nil-literal expressible).
            guard result.changed else { return Optional<JSONValue>.none }
            return result.object
        } catch {
            throw APIStatus(status: error.status)
        }
    }

    /// managedFields after a create, update or non-apply patch by `manager`.
    func recordUpdate(
        old: JSONValue?, new: JSONValue, manager: String, resource r: ServedResource, subresource: String?
    ) -> JSONValue {
        fieldManager.recordUpdate(old: old, new: new, manager: manager, subresource: subresource, time: .now())
    }

    /// The manager of a request: `fieldManager`, else the User-Agent's product (as the real server does).
    static func managerName(query: String?, userAgent: String?) -> String {
        if let query, !query.isEmpty { return query }
        guard let userAgent, !userAgent.isEmpty else { return "unknown" }
        return String(userAgent.split(separator: "/").first ?? "unknown")
    }
}

extension APIStatus {
    init(status: Status) {
        self.status = status
    }
}
