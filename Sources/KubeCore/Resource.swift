import Foundation

/// A group, version and kind, e.g. `apps/v1 Deployment`.
public struct GroupVersionKind: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// Splits an `apiVersion` (`v1`, `apps/v1`) and a kind.
    public init(apiVersion: String, kind: String) {
        if let slash = apiVersion.firstIndex(of: "/") {
            group = String(apiVersion[..<slash])
            version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
        self.kind = kind
    }

    /// `v1` for the core group, `GROUP/VERSION` otherwise.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var description: String { "\(apiVersion), Kind=\(kind)" }
}

/// Where a kind is served: everything needed to build its URL paths.
public struct ResourceDescriptor: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String
    /// The lower-case plural used in URLs, e.g. `deployments`.
    public var plural: String
    /// Whether objects live in a namespace.
    public var namespaced: Bool

    public init(group: String, version: String, kind: String, plural: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.namespaced = namespaced
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var gvk: GroupVersionKind { GroupVersionKind(group: group, version: version, kind: kind) }
    /// `deployments.apps`, or `pods` for the core group.
    public var qualifiedName: String { group.isEmpty ? plural : "\(plural).\(group)" }
    public var description: String { qualifiedName }

    /// `/api/v1` or `/apis/GROUP/VERSION`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The collection path, in `namespace` when the kind is namespaced and one is given
    /// (no namespace on a namespaced kind means all namespaces).
    public func collectionPath(namespace: String?) -> String {
        if namespaced, let ns = namespace {
            return "\(groupVersionPath)/namespaces/\(PathEscape.segment(ns))/\(plural)"
        }
        return "\(groupVersionPath)/\(plural)"
    }

    /// The path of one object, with an optional subresource (`status`, `scale`).
    public func objectPath(name: String, namespace: String?, subresource: String? = nil) -> String {
        var p = collectionPath(namespace: namespaced ? namespace : nil) + "/" + PathEscape.segment(name)
        if let subresource { p += "/" + subresource }
        return p
    }
}

enum PathEscape {
    // ASCII only: `CharacterSet.alphanumerics` includes non-ASCII letters, which would be
    // left unescaped in the URL.
    static let allowed = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:@")
    static func segment(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// Anything the API serves as one object: typed models and `DynamicObject`.
public protocol APIObject: Codable, Sendable {
    /// `metadata.name`.
    var objectName: String? { get }
    /// `metadata.namespace`.
    var objectNamespace: String? { get }
    /// `metadata.resourceVersion`.
    var objectResourceVersion: String? { get }
}

/// A Kubernetes object with a statically known kind.
///
/// Conforming types are Codable; properties they do not model are not lost on
/// writes because the client sends only what the caller owns (see `KubeClient`).
public protocol KubernetesObject: APIObject {
    /// Where the kind is served.
    static var resource: ResourceDescriptor { get }
    var apiVersion: String? { get set }
    var kind: String? { get set }
    var metadata: ObjectMeta { get set }
}

extension KubernetesObject {
    public var objectName: String? { metadata.name }
    public var objectNamespace: String? { metadata.namespace }
    public var objectResourceVersion: String? { metadata.resourceVersion }
    public var name: String { metadata.name ?? "" }
    public var namespace: String? { metadata.namespace }

    /// Fills `apiVersion` and `kind` from the type, as the server expects on writes.
    public mutating func setTypeMeta() {
        apiVersion = Self.resource.apiVersion
        kind = Self.resource.kind
    }

    /// An owner reference to this object, for objects it creates.
    public func ownerReference(controller: Bool = true, blockOwnerDeletion: Bool = true) -> OwnerReference {
        OwnerReference(
            apiVersion: Self.resource.apiVersion, kind: Self.resource.kind, name: metadata.name ?? "",
            uid: metadata.uid ?? "", controller: controller, blockOwnerDeletion: blockOwnerDeletion)
    }
}

/// A kind with a status subresource.
public protocol HasStatus: KubernetesObject {
    associatedtype StatusType: Codable & Sendable
    var status: StatusType? { get set }
}

/// A list response: `PodList`, `DeploymentList`, ….
public struct ObjectList<Item: Codable & Sendable>: Codable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta
    public var items: [Item]

    public init(apiVersion: String? = nil, kind: String? = nil, metadata: ListMeta = ListMeta(), items: [Item]) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.items = items
    }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, items }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        // The server writes `"items": null` for an empty list in some versions.
        items = try c.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}
