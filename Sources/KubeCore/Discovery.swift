import Foundation

/// `/version`: the server's build information.
public struct VersionInfo: Codable, Sendable, Hashable {
    public var major: String
    public var minor: String
    public var gitVersion: String
    public var gitCommit: String?
    public var gitTreeState: String?
    public var buildDate: String?
    public var goVersion: String?
    public var compiler: String?
    public var platform: String?

    public init(
        major: String, minor: String, gitVersion: String, gitCommit: String? = nil, gitTreeState: String? = nil,
        buildDate: String? = nil, goVersion: String? = nil, compiler: String? = nil, platform: String? = nil
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
}

/// `/api`: the versions of the core group.
public struct APIVersions: Codable, Sendable, Hashable {
    public var kind: String? = "APIVersions"
    public var versions: [String]
    public var serverAddressByClientCIDRs: [ServerAddressByClientCIDR]?

    public init(versions: [String], serverAddressByClientCIDRs: [ServerAddressByClientCIDR]? = nil) {
        self.versions = versions
        self.serverAddressByClientCIDRs = serverAddressByClientCIDRs
    }
}

/// Which server address a client in a CIDR should use.
public struct ServerAddressByClientCIDR: Codable, Sendable, Hashable {
    public var clientCIDR: String
    public var serverAddress: String
    public init(clientCIDR: String, serverAddress: String) {
        self.clientCIDR = clientCIDR
        self.serverAddress = serverAddress
    }
}

/// `/apis`: every named group.
public struct APIGroupList: Codable, Sendable, Hashable {
    public var kind: String? = "APIGroupList"
    public var apiVersion: String? = "v1"
    public var groups: [APIGroup]
    public init(groups: [APIGroup]) { self.groups = groups }
}

/// One API group and its versions.
public struct APIGroup: Codable, Sendable, Hashable {
    public var kind: String? = "APIGroup"
    public var apiVersion: String? = "v1"
    public var name: String
    public var versions: [GroupVersionForDiscovery]
    public var preferredVersion: GroupVersionForDiscovery?
    public var serverAddressByClientCIDRs: [ServerAddressByClientCIDR]?

    public init(name: String, versions: [GroupVersionForDiscovery], preferredVersion: GroupVersionForDiscovery? = nil) {
        self.name = name
        self.versions = versions
        self.preferredVersion = preferredVersion
    }
}

/// `{groupVersion: "apps/v1", version: "v1"}`.
public struct GroupVersionForDiscovery: Codable, Sendable, Hashable {
    public var groupVersion: String
    public var version: String
    public init(groupVersion: String, version: String) {
        self.groupVersion = groupVersion
        self.version = version
    }
}

/// `/api/v1`, `/apis/GROUP/VERSION`: the resources of one group version.
public struct APIResourceList: Codable, Sendable, Hashable {
    public var kind: String? = "APIResourceList"
    public var apiVersion: String? = "v1"
    public var groupVersion: String
    public var resources: [APIResource]
    public init(groupVersion: String, resources: [APIResource]) {
        self.groupVersion = groupVersion
        self.resources = resources
    }
}

/// One resource (or subresource, `pods/status`) of a group version.
public struct APIResource: Codable, Sendable, Hashable {
    /// The plural name, or `plural/subresource`.
    public var name: String
    public var singularName: String
    public var namespaced: Bool
    public var group: String?
    public var version: String?
    public var kind: String
    public var verbs: [String]
    public var shortNames: [String]?
    public var categories: [String]?
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
}
