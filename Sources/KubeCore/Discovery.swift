import Foundation

/// `/api`: the versions of the core group (`{"kind":"APIVersions","versions":["v1"]}`).
public struct APIVersions: Codable, Sendable, Hashable {
    public var kind: String?
    public var apiVersion: String?
    /// The served versions of the core group, e.g. `["v1"]`.
    public var versions: [String]
    public var serverAddressByClientCIDRs: [ServerAddressByClientCIDR]?

    public init(versions: [String], serverAddressByClientCIDRs: [ServerAddressByClientCIDR]? = nil) {
        self.kind = "APIVersions"
        self.versions = versions
        self.serverAddressByClientCIDRs = serverAddressByClientCIDRs
    }
}

/// Which address a client in a CIDR should use to reach the server.
public struct ServerAddressByClientCIDR: Codable, Sendable, Hashable {
    /// The client network, e.g. `0.0.0.0/0`.
    public var clientCIDR: String
    /// The `host:port` clients in that network should use.
    public var serverAddress: String

    public init(clientCIDR: String, serverAddress: String) {
        self.clientCIDR = clientCIDR
        self.serverAddress = serverAddress
    }
}

/// `/apis`: every API group the server serves.
public struct APIGroupList: Codable, Sendable, Hashable {
    public var kind: String?
    public var apiVersion: String?
    public var groups: [APIGroup]

    public init(groups: [APIGroup]) {
        self.kind = "APIGroupList"
        self.apiVersion = "v1"
        self.groups = groups
    }

    /// The group called `name`, if served.
    public func group(named name: String) -> APIGroup? {
        groups.first { $0.name == name }
    }
}

/// One API group (`/apis/GROUP`): its versions and the preferred one.
public struct APIGroup: Codable, Sendable, Hashable {
    public var kind: String?
    public var apiVersion: String?
    /// The group name, e.g. `apps`.
    public var name: String
    /// The served versions, preferred first by convention.
    public var versions: [GroupVersionForDiscovery]
    /// The version clients should use when they have no preference.
    public var preferredVersion: GroupVersionForDiscovery?
    public var serverAddressByClientCIDRs: [ServerAddressByClientCIDR]?

    public init(
        name: String, versions: [GroupVersionForDiscovery], preferredVersion: GroupVersionForDiscovery? = nil
    ) {
        self.kind = "APIGroup"
        self.apiVersion = "v1"
        self.name = name
        self.versions = versions
        self.preferredVersion = preferredVersion ?? versions.first
    }
}

/// A version of a group, as discovery lists it.
public struct GroupVersionForDiscovery: Codable, Sendable, Hashable {
    /// `GROUP/VERSION`, e.g. `apps/v1`.
    public var groupVersion: String
    /// `VERSION`, e.g. `v1`.
    public var version: String

    public init(groupVersion: String, version: String) {
        self.groupVersion = groupVersion
        self.version = version
    }
}

/// `/api/v1` or `/apis/GROUP/VERSION`: the resources of one group version.
public struct APIResourceList: Codable, Sendable, Hashable {
    public var kind: String?
    public var apiVersion: String?
    /// `v1` or `GROUP/VERSION`.
    public var groupVersion: String
    public var resources: [APIResource]

    public init(groupVersion: String, resources: [APIResource]) {
        self.kind = "APIResourceList"
        self.apiVersion = "v1"
        self.groupVersion = groupVersion
        self.resources = resources
    }

    /// The resource with this plural name (not a subresource).
    public func resource(named name: String) -> APIResource? {
        resources.first { $0.name == name }
    }

    /// The top-level resource serving `kind`.
    public func resource(forKind kind: String) -> APIResource? {
        resources.first { $0.kind == kind && !$0.isSubresource }
    }

    /// Where a resource of this list is served, as a ``ResourceDescriptor``.
    public func descriptor(for resource: APIResource) -> ResourceDescriptor {
        let gv = GroupVersionKind(apiVersion: groupVersion, kind: resource.kind)
        return ResourceDescriptor(
            group: resource.group ?? gv.group, version: resource.version ?? gv.version, kind: resource.kind,
            plural: resource.name, namespaced: resource.namespaced)
    }
}

/// `metav1.APIResource`: one resource or subresource of a group version.
public struct APIResource: Codable, Sendable, Hashable {
    /// The plural name, or `NAME/SUBRESOURCE` (`pods/log`, `deployments/scale`).
    public var name: String
    /// The singular name, e.g. `pod` (may be empty from old servers).
    public var singularName: String
    /// Whether objects of the resource live in namespaces.
    public var namespaced: Bool
    /// The group, when it differs from the list's (set on some subresources).
    public var group: String?
    /// The version, when it differs from the list's.
    public var version: String?
    /// The kind of the objects served, e.g. `Deployment` (`Scale` for `deployments/scale`).
    public var kind: String
    /// The verbs the resource supports: `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`.
    public var verbs: [String]
    /// Abbreviations kubectl accepts, e.g. `po`.
    public var shortNames: [String]?
    /// Groupings such as `all`.
    public var categories: [String]?
    /// Changes when the storage version changes (for storage migration tools).
    public var storageVersionHash: String?

    public init(
        name: String, singularName: String, namespaced: Bool, kind: String, verbs: [String],
        shortNames: [String]? = nil, categories: [String]? = nil, group: String? = nil, version: String? = nil
    ) {
        self.name = name
        self.singularName = singularName
        self.namespaced = namespaced
        self.kind = kind
        self.verbs = verbs
        self.shortNames = shortNames
        self.categories = categories
        self.group = group
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case name, singularName, namespaced, group, version, kind, verbs, shortNames, categories, storageVersionHash
    }

    // Lenient about the members old servers or hand-written fakes leave out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        singularName = try c.decodeIfPresent(String.self, forKey: .singularName) ?? ""
        namespaced = try c.decodeIfPresent(Bool.self, forKey: .namespaced) ?? false
        group = try c.decodeIfPresent(String.self, forKey: .group)
        version = try c.decodeIfPresent(String.self, forKey: .version)
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? ""
        verbs = try c.decodeIfPresent([String].self, forKey: .verbs) ?? []
        shortNames = try c.decodeIfPresent([String].self, forKey: .shortNames)
        categories = try c.decodeIfPresent([String].self, forKey: .categories)
        storageVersionHash = try c.decodeIfPresent(String.self, forKey: .storageVersionHash)
    }

    /// Whether this is a subresource (`pods/status`).
    public var isSubresource: Bool { name.contains("/") }

    /// Whether the resource supports `verb`.
    public func supports(_ verb: String) -> Bool { verbs.contains(verb) }
}

/// `/version`: the server's build.
public struct VersionInfo: Codable, Sendable, Hashable {
    /// The major version, e.g. `1`.
    public var major: String
    /// The minor version, e.g. `31` (some providers write `31+`).
    public var minor: String
    /// e.g. `v1.31.2`.
    public var gitVersion: String
    /// The source commit of the build.
    public var gitCommit: String
    /// `clean` or `dirty`.
    public var gitTreeState: String
    /// When the binary was built.
    public var buildDate: String
    /// The Go version it was built with.
    public var goVersion: String
    /// The Go compiler, e.g. `gc`.
    public var compiler: String
    /// e.g. `linux/amd64`.
    public var platform: String
    /// The version the server emulates, on servers that support compatibility versions.
    public var emulationMajor: String?
    public var emulationMinor: String?

    public init(
        major: String, minor: String, gitVersion: String, gitCommit: String = "", gitTreeState: String = "",
        buildDate: String = "", goVersion: String = "", compiler: String = "", platform: String = ""
    ) {
        self.major = major
        self.minor = minor
        self.gitVersion = gitVersion
        self.gitCommit = gitCommit
        self.gitTreeState = gitTreeState
        self.buildDate = buildDate
        self.goVersion = goVersion
        self.compiler = compiler
        self.platform = platform
    }

    enum CodingKeys: String, CodingKey {
        case major, minor, gitVersion, gitCommit, gitTreeState, buildDate, goVersion, compiler, platform
        case emulationMajor, emulationMinor
    }

    // Every member defaults to empty: distributions and fakes omit some of them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func s(_ k: CodingKeys) throws -> String { try c.decodeIfPresent(String.self, forKey: k) ?? "" }
        major = try s(.major)
        minor = try s(.minor)
        gitVersion = try s(.gitVersion)
        gitCommit = try s(.gitCommit)
        gitTreeState = try s(.gitTreeState)
        buildDate = try s(.buildDate)
        goVersion = try s(.goVersion)
        compiler = try s(.compiler)
        platform = try s(.platform)
        emulationMajor = try c.decodeIfPresent(String.self, forKey: .emulationMajor)
        emulationMinor = try c.decodeIfPresent(String.self, forKey: .emulationMinor)
    }

    /// The minor version as a number; providers write `31+`, so trailing non-digits are ignored.
    public var minorNumber: Int? {
        Int(minor.prefix { $0.isNumber })
    }
}
