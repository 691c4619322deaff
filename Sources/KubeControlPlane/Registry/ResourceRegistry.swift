import Foundation
import KubeAPIMachinery
import KubeCore

/// Which resources are served at which paths: the built-ins plus every
/// established CustomResourceDefinition. Creating or deleting a CRD changes
/// what discovery shows and what the router accepts, at once.
final class ResourceRegistry: @unchecked Sendable {
    // Guarded by `lock`; read on every request, written on CRD changes.
    private let lock = NSLock()
    private var byGroupVersion: [String: [String: ServedResource]] = [:]
    /// Group order for `/apis`: built-in groups first, then CRD groups in creation order.
    private var groupOrder: [String] = []

    init(builtins: [ServedResource] = BuiltinResources.all) {
        for r in builtins { insert(r) }
    }

    private func insert(_ r: ServedResource) {
        byGroupVersion[r.groupVersion, default: [:]][r.plural] = r
        if !r.group.isEmpty, !groupOrder.contains(r.group) { groupOrder.append(r.group) }
    }

    /// The resource served at `groupVersion` under `plural`.
    func lookup(groupVersion: String, plural: String) -> ServedResource? {
        lock.lock()
        defer { lock.unlock() }
        return byGroupVersion[groupVersion]?[plural]
    }

    /// The resource of `apiVersion` + `kind`.
    func lookup(apiVersion: String, kind: String) -> ServedResource? {
        lock.lock()
        defer { lock.unlock() }
        return byGroupVersion[apiVersion]?.values.first { $0.kind == kind }
    }

    /// Every served version of the resource stored under `storageKey`.
    func versions(ofStorageKey storageKey: String) -> [ServedResource] {
        lock.lock()
        defer { lock.unlock() }
        return byGroupVersion.values.flatMap { $0.values }.filter { $0.storageKey == storageKey }
    }

    /// The resources of one group version, sorted by name, or `nil` if it is not served.
    func resources(groupVersion: String) -> [ServedResource]? {
        lock.lock()
        defer { lock.unlock() }
        guard let map = byGroupVersion[groupVersion], !map.isEmpty else { return nil }
        return map.values.sorted { $0.plural < $1.plural }
    }

    /// Every served resource.
    func all() -> [ServedResource] {
        lock.lock()
        defer { lock.unlock() }
        return byGroupVersion.values.flatMap { $0.values }
    }

    /// The named groups with their versions, preferred (storage) version first.
    func groups() -> [APIGroup] {
        lock.lock()
        defer { lock.unlock() }
        return groupOrder.compactMap { group in
            let versions = byGroupVersion.filter { !$0.value.isEmpty && $0.value.first?.value.group == group }
            guard !versions.isEmpty else { return nil }
            let sorted = versions.keys.sorted { a, b in
                Self.versionPriority(a) > Self.versionPriority(b)
            }
            let entries = sorted.map {
                GroupVersionForDiscovery(groupVersion: $0, version: String($0.split(separator: "/").last ?? ""))
            }
            return APIGroup(name: group, versions: entries, preferredVersion: entries.first)
        }
    }

    /// Kubernetes' version ordering: GA > beta > alpha, higher numbers first.
    static func versionPriority(_ groupVersion: String) -> Int {
        let v = String(groupVersion.split(separator: "/").last ?? "")
        guard v.hasPrefix("v") else { return 0 }
        let rest = v.dropFirst()
        let digits = rest.prefix { $0.isNumber }
        let major = Int(digits) ?? 0
        let suffix = rest.dropFirst(digits.count)
        if suffix.isEmpty { return 3_000_000 + major * 1000 }
        let stage = suffix.hasPrefix("beta") ? 2_000_000 : (suffix.hasPrefix("alpha") ? 1_000_000 : 0)
        let minor = Int(suffix.drop { !$0.isNumber }) ?? 0
        return stage + major * 1000 + minor
    }

    /// Serves (or re-serves) the versions of a CRD; returns the served resources.
    @discardableResult
    func install(crd: JSONValue) -> [ServedResource] {
        let served = Self.servedResources(of: crd)
        lock.lock()
        defer { lock.unlock() }
        let name = crd[path: ["metadata", "name"]]?.stringValue
        for (gv, map) in byGroupVersion {
            byGroupVersion[gv] = map.filter { $0.value.crdName != name }
        }
        for r in served { insert(r) }
        return served
    }

    /// Stops serving a CRD's kinds.
    func uninstall(crdName: String) {
        lock.lock()
        defer { lock.unlock() }
        for (gv, map) in byGroupVersion {
            byGroupVersion[gv] = map.filter { $0.value.crdName != crdName }
        }
    }

    /// The resources a CRD object describes (served versions only).
    static func servedResources(of crd: JSONValue) -> [ServedResource] {
        let spec = crd["spec"] ?? [:]
        let names = spec["names"] ?? [:]
        guard let group = spec["group"]?.stringValue, let plural = names["plural"]?.stringValue,
            let kind = names["kind"]?.stringValue
        else { return [] }
        let namespaced = spec["scope"]?.stringValue != "Cluster"
        let crdName = crd[path: ["metadata", "name"]]?.stringValue
        // Admission already refused invalid schemas; a CRD stored before that is served unvalidated.
        let compiled = (try? CustomResourceSchema.versions(ofCustomResourceDefinition: crd)) ?? [:]
        return (spec["versions"]?.arrayValue ?? []).compactMap { v -> ServedResource? in
            guard let version = v["name"]?.stringValue, v["served"]?.boolValue != false else { return nil }
            var subresources: [String] = []
            if v[path: ["subresources", "status"]] != nil { subresources.append("status") }
            if v[path: ["subresources", "scale"]] != nil { subresources.append("scale") }
            return ServedResource(
                group: group, version: version, kind: kind, plural: plural,
                singular: names["singular"]?.stringValue ?? kind.lowercased(), namespaced: namespaced,
                shortNames: names["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                categories: names["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                subresources: subresources, schema: v[path: ["schema", "openAPIV3Schema"]],
                structuralSchema: compiled[version],
                printerColumns: v["additionalPrinterColumns"]?.arrayValue ?? [],
                storage: v["storage"]?.boolValue ?? true, crdName: crdName)
        }
    }
}
