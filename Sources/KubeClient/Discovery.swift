import Foundation
import KubeCore

extension KubeClient {
    /// `GET /version`.
    public func serverVersion() async throws -> VersionInfo {
        let r = try await send(APIRequest(method: .GET, path: "/version", idempotent: true))
        return try KubeJSON.decode(VersionInfo.self, from: r.body)
    }

    /// `GET /api` and `GET /apis`: the core versions and every named group.
    public func apiGroups() async throws -> (core: APIVersions, groups: APIGroupList) {
        let core = try await send(APIRequest(method: .GET, path: "/api", idempotent: true))
        let groups = try await send(APIRequest(method: .GET, path: "/apis", idempotent: true))
        return (
            try KubeJSON.decode(APIVersions.self, from: core.body),
            try KubeJSON.decode(APIGroupList.self, from: groups.body)
        )
    }

    /// The resources of one group version (`v1`, `apps/v1`).
    public func apiResources(groupVersion: String) async throws -> APIResourceList {
        let path = groupVersion.contains("/") ? "/apis/\(groupVersion)" : "/api/\(groupVersion)"
        let r = try await send(APIRequest(method: .GET, path: path, idempotent: true))
        return try KubeJSON.decode(APIResourceList.self, from: r.body)
    }
}

/// Resolves what people type (`po`, `pods`, `Pod`, `deploy`, `deployments.apps`,
/// `workbench.astrolift.dev`) or what manifests say (`apiVersion` + `kind`) to a
/// `ResourceDescriptor`, from the server's discovery documents, as kubectl does.
///
/// Discovery is read once and cached; a name that does not resolve triggers one
/// refresh, so kinds from newly created CRDs are found.
public actor DiscoveryCache {
    private let client: KubeClient
    private var entries: [Entry]?

    /// One served resource with its aliases.
    public struct Entry: Sendable, Hashable {
        public var descriptor: ResourceDescriptor
        public var singular: String
        public var shortNames: [String]
        public var categories: [String]
        public var verbs: [String]
        /// Whether this version is the group's preferred version.
        public var preferred: Bool
    }

    public init(client: KubeClient) {
        self.client = client
    }

    /// Everything the server serves (top-level resources, not subresources).
    public func all() async throws -> [Entry] {
        if let entries { return entries }
        let loaded = try await load()
        entries = loaded
        return loaded
    }

    /// Forgets the cached documents.
    public func invalidate() { entries = nil }

    /// Resolves a resource name as typed on a command line.
    ///
    /// - Throws: `KubeClientError` naming the input when nothing matches.
    public func resolve(_ input: String) async throws -> ResourceDescriptor {
        if let found = try await match(input, in: all()) { return found }
        invalidate()
        if let found = try await match(input, in: all()) { return found }
        throw KubeClientError(
            .configuration,
            "the server doesn't have a resource type \"\(input)\": check the spelling, or install its CRD (`astrolift get crd` lists them)"
        )
    }

    /// Resolves an `apiVersion` and `kind` from a manifest.
    public func resolve(apiVersion: String, kind: String) async throws -> ResourceDescriptor {
        let gvk = GroupVersionKind(apiVersion: apiVersion, kind: kind)
        func find(_ list: [Entry]) -> ResourceDescriptor? {
            list.first { $0.descriptor.gvk == gvk }?.descriptor
        }
        if let d = try await find(all()) { return d }
        invalidate()
        if let d = try await find(all()) { return d }
        throw KubeClientError(
            .configuration,
            "the server does not serve kind \(kind) in \(apiVersion): check apiVersion and kind, or install the CRD that defines it"
        )
    }

    /// The resources in a category (`all`, `astrolift`), as `kubectl get CATEGORY` uses them.
    public func category(_ name: String) async throws -> [ResourceDescriptor] {
        try await all().filter { $0.preferred && $0.categories.contains(name) }.map(\.descriptor)
    }

    private func match(_ rawInput: String, in list: [Entry]) -> ResourceDescriptor? {
        let input = rawInput.lowercased()
        // `plural.version.group` and `plural.group` forms.
        let parts = input.split(separator: ".", maxSplits: 1).map(String.init)
        let name = parts[0]
        let qualifier = parts.count > 1 ? parts[1] : nil
        let candidates = list.filter { e in
            let names = [e.descriptor.plural, e.singular, e.descriptor.kind.lowercased()] + e.shortNames
            guard names.contains(name) else { return false }
            guard let qualifier else { return true }
            return qualifier == e.descriptor.group || qualifier == "\(e.descriptor.version).\(e.descriptor.group)"
                || (e.descriptor.group.isEmpty && qualifier == e.descriptor.version)
        }
        if let versioned = candidates.first(where: {
            qualifier != nil && qualifier?.hasPrefix($0.descriptor.version + ".") == true
        }) {
            return versioned.descriptor
        }
        // Prefer exact plural matches, then the core group (as kubectl does for `events`),
        // then preferred versions.
        let ranked = candidates.sorted { a, b in
            func score(_ e: Entry) -> Int {
                var s = 0
                if e.descriptor.plural == name { s += 8 }
                if e.descriptor.group.isEmpty { s += 4 }
                if e.preferred { s += 2 }
                return s
            }
            return score(a) > score(b)
        }
        return ranked.first?.descriptor
    }

    private func load() async throws -> [Entry] {
        let (core, groups) = try await client.apiGroups()
        var versions: [(group: String, groupVersion: String, preferred: Bool)] = core.versions.map {
            ("", $0, true)
        }
        for g in groups.groups {
            for v in g.versions {
                versions.append(
                    (
                        g.name, v.groupVersion,
                        v.groupVersion == (g.preferredVersion?.groupVersion ?? g.versions.first?.groupVersion)
                    ))
            }
        }
        var result: [Entry] = []
        for v in versions {
            let list: APIResourceList
            do {
                list = try await client.apiResources(groupVersion: v.groupVersion)
            } catch let e as KubeAPIError where e.isNotFound || e.code == 503 {
                // An aggregated API that is down must not break discovery of everything else.
                continue
            }
            let version = GroupVersionKind(apiVersion: v.groupVersion, kind: "").version
            for r in list.resources where !r.name.contains("/") {
                let descriptor = ResourceDescriptor(
                    group: r.group ?? v.group, version: r.version ?? version, kind: r.kind, plural: r.name,
                    namespaced: r.namespaced)
                result.append(
                    Entry(
                        descriptor: descriptor, singular: r.singularName.isEmpty ? r.kind.lowercased() : r.singularName,
                        shortNames: r.shortNames ?? [], categories: r.categories ?? [], verbs: r.verbs,
                        preferred: v.preferred))
            }
        }
        return result
    }
}
