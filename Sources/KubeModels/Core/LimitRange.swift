import Foundation
import KubeCore

/// `LimitRange`: default and bounding resource values for containers, Pods and claims of a namespace.
public struct LimitRange: KubernetesObject, Hashable {
    /// The schema version, `v1`.
    public var apiVersion: String?
    /// The kind, `LimitRange`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The limits.
    public var spec: LimitRangeSpec?

    /// Served at `v1`, resource `limitranges`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", kind: "LimitRange", plural: "limitranges", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: LimitRangeSpec? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// A list of ``LimitRange`` objects, as returned by a list request.
public typealias LimitRangeList = ObjectList<LimitRange>

/// The limits of a LimitRange.
public struct LimitRangeSpec: Codable, Sendable, Hashable {
    /// One entry per kind of object limited.
    public var limits: [LimitRangeItem]

    public init(limits: [LimitRangeItem]) {
        self.limits = limits
    }
}

/// Limits for one kind of object.
public struct LimitRangeItem: Codable, Sendable, Hashable {
    /// `Container`, `Pod` or `PersistentVolumeClaim`.
    public var type: String
    /// The most that may be requested or limited.
    public var max: [String: Quantity]?
    /// The least that may be requested.
    public var min: [String: Quantity]?
    /// The limit applied when a container sets none.
    public var `default`: [String: Quantity]?
    /// The request applied when a container sets none.
    public var defaultRequest: [String: Quantity]?
    /// The largest allowed limit-to-request ratio.
    public var maxLimitRequestRatio: [String: Quantity]?

    public init(
        type: String, max: [String: Quantity]? = nil, min: [String: Quantity]? = nil,
        default: [String: Quantity]? = nil, defaultRequest: [String: Quantity]? = nil,
        maxLimitRequestRatio: [String: Quantity]? = nil
    ) {
        self.type = type
        self.max = max
        self.min = min
        self.`default` = `default`
        self.defaultRequest = defaultRequest
        self.maxLimitRequestRatio = maxLimitRequestRatio
    }
}
