import Foundation
import KubeCore

/// `ReplicaSet`: keeps a number of identical Pods running; normally managed by a Deployment.
public struct ReplicaSet: KubernetesObject, Hashable, HasStatus {
    /// The schema version, `apps/v1`.
    public var apiVersion: String?
    /// The kind, `ReplicaSet`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The Pods to run.
    public var spec: ReplicaSetSpec?
    /// The replica counts, written by the controller.
    public var status: ReplicaSetStatus?

    /// Served at `apps/v1`, resource `replicasets`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "apps", version: "v1", kind: "ReplicaSet", plural: "replicasets", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: ReplicaSetSpec? = nil, status: ReplicaSetStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A list of ``ReplicaSet`` objects, as returned by a list request.
public typealias ReplicaSetList = ObjectList<ReplicaSet>

/// The desired state of a ReplicaSet.
public struct ReplicaSetSpec: Codable, Sendable, Hashable {
    /// The number of Pods (default 1).
    public var replicas: Int32?
    /// Seconds a new Pod must be ready before it counts as available.
    public var minReadySeconds: Int32?
    /// Selects the Pods.
    public var selector: LabelSelector
    /// The Pod each replica runs.
    public var template: PodTemplateSpec?

    public init(
        replicas: Int32? = nil, minReadySeconds: Int32? = nil, selector: LabelSelector,
        template: PodTemplateSpec? = nil
    ) {
        self.replicas = replicas
        self.minReadySeconds = minReadySeconds
        self.selector = selector
        self.template = template
    }
}

/// The observed state of a ReplicaSet.
public struct ReplicaSetStatus: Codable, Sendable, Hashable {
    /// The number of Pods.
    public var replicas: Int32
    /// The number of Pods whose labels match the template's.
    public var fullyLabeledReplicas: Int32?
    /// The number of ready Pods.
    public var readyReplicas: Int32?
    /// The number of available Pods.
    public var availableReplicas: Int32?
    /// The number of Pods being terminated.
    public var terminatingReplicas: Int32?
    /// The `metadata.generation` this status reflects.
    public var observedGeneration: Int64?
    /// The set's conditions.
    public var conditions: [ObjectCondition]?

    public init(
        replicas: Int32, fullyLabeledReplicas: Int32? = nil, readyReplicas: Int32? = nil,
        availableReplicas: Int32? = nil, terminatingReplicas: Int32? = nil, observedGeneration: Int64? = nil,
        conditions: [ObjectCondition]? = nil
    ) {
        self.replicas = replicas
        self.fullyLabeledReplicas = fullyLabeledReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }
}
