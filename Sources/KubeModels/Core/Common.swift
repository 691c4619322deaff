import Foundation
import KubeCore

/// `ObjectReference`: points at another object, e.g. the object an Event is about.
public struct ObjectReference: Codable, Sendable, Hashable {
    /// The API version of the referent.
    public var apiVersion: String?
    /// The kind of the referent.
    public var kind: String?
    /// The name of the referent.
    public var name: String?
    /// The namespace of the referent.
    public var namespace: String?
    /// The UID of the referent.
    public var uid: String?
    /// The resource version the reference was made against.
    public var resourceVersion: String?
    /// A path to a part of the referent, e.g. `spec.containers{web}`.
    public var fieldPath: String?

    public init(
        apiVersion: String? = nil, kind: String? = nil, name: String? = nil, namespace: String? = nil,
        uid: String? = nil, resourceVersion: String? = nil, fieldPath: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }
}

/// A reference to an object by name in the same namespace, e.g. an image pull Secret.
public struct LocalObjectReference: Codable, Sendable, Hashable {
    /// The name of the referent.
    public var name: String?

    public init(name: String? = nil) {
        self.name = name
    }
}

/// A reference to an object of a given kind in the same namespace.
public struct TypedLocalObjectReference: Codable, Sendable, Hashable {
    /// The group of the referent; absent for the core group.
    public var apiGroup: String?
    /// The kind of the referent.
    public var kind: String
    /// The name of the referent.
    public var name: String

    public init(apiGroup: String? = nil, kind: String, name: String) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}

/// A reference to an object of a given kind, possibly in another namespace.
public struct TypedObjectReference: Codable, Sendable, Hashable {
    /// The group of the referent; absent for the core group.
    public var apiGroup: String?
    /// The kind of the referent.
    public var kind: String
    /// The name of the referent.
    public var name: String
    /// The namespace of the referent, when it differs from the referrer's.
    public var namespace: String?

    public init(apiGroup: String? = nil, kind: String, name: String, namespace: String? = nil) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }
}

/// The condition shape of the built-in kinds (Pod, Deployment, Job, CRD, …), which predates
/// `metav1.Condition`: only `type` and `status` are required, and the kinds use different
/// subsets of the timestamps.
public struct ObjectCondition: Codable, Sendable, Hashable {
    /// The condition type, e.g. `Ready`, `Available`, `Complete`, `Established`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: ConditionStatus
    /// A CamelCase machine-readable reason for the last transition.
    public var reason: String?
    /// A human-readable message about the last transition.
    public var message: String?
    /// When the status last changed.
    public var lastTransitionTime: Time?
    /// When the condition was last updated (Deployments).
    public var lastUpdateTime: Time?
    /// When the condition was last probed (Pods, Jobs, PVCs).
    public var lastProbeTime: Time?
    /// The `metadata.generation` the condition was computed from, where the kind reports it.
    public var observedGeneration: Int64?

    public init(
        type: String, status: ConditionStatus, reason: String? = nil, message: String? = nil,
        lastTransitionTime: Time? = nil, lastUpdateTime: Time? = nil, lastProbeTime: Time? = nil,
        observedGeneration: Int64? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.lastUpdateTime = lastUpdateTime
        self.lastProbeTime = lastProbeTime
        self.observedGeneration = observedGeneration
    }
}

extension Array where Element == ObjectCondition {
    /// The condition of `type`, if present.
    public subscript(type type: String) -> ObjectCondition? {
        first { $0.type == type }
    }

    /// Whether the condition of `type` is present with status `True`.
    public func isTrue(_ type: String) -> Bool {
        self[type: type]?.status == .true
    }
}

/// A Pod condition.
public typealias PodCondition = ObjectCondition
/// A Deployment condition.
public typealias DeploymentCondition = ObjectCondition
/// A StatefulSet condition.
public typealias StatefulSetCondition = ObjectCondition
/// A ReplicaSet condition.
public typealias ReplicaSetCondition = ObjectCondition
/// A Job condition.
public typealias JobCondition = ObjectCondition
/// A CustomResourceDefinition condition.
public typealias CustomResourceDefinitionCondition = ObjectCondition
