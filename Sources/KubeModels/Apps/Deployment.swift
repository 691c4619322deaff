import Foundation
import KubeCore

/// `Deployment`: interchangeable Pods kept at a count and rolled out declaratively.
public struct Deployment: KubernetesObject, Hashable, HasStatus {
    /// The schema version, `apps/v1`.
    public var apiVersion: String?
    /// The kind, `Deployment`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The Pods to run and how to roll them out.
    public var spec: DeploymentSpec?
    /// The rollout state, written by the controller.
    public var status: DeploymentStatus?

    /// Served at `apps/v1`, resource `deployments`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: DeploymentSpec? = nil, status: DeploymentStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A list of ``Deployment`` objects, as returned by a list request.
public typealias DeploymentList = ObjectList<Deployment>

/// The desired state of a Deployment.
public struct DeploymentSpec: Codable, Sendable, Hashable {
    /// The number of Pods (default 1).
    public var replicas: Int32?
    /// Selects the Pods; must match the template's labels and cannot change.
    public var selector: LabelSelector
    /// The Pod each replica runs.
    public var template: PodTemplateSpec
    /// How old Pods are replaced.
    public var strategy: DeploymentStrategy?
    /// Seconds a new Pod must be ready before it counts as available.
    public var minReadySeconds: Int32?
    /// How many old ReplicaSets to keep (default 10).
    public var revisionHistoryLimit: Int32?
    /// Whether the rollout is paused.
    public var paused: Bool?
    /// Seconds without progress before the rollout is reported failed (default 600).
    public var progressDeadlineSeconds: Int32?

    public init(
        replicas: Int32? = nil, selector: LabelSelector, template: PodTemplateSpec,
        strategy: DeploymentStrategy? = nil, minReadySeconds: Int32? = nil, revisionHistoryLimit: Int32? = nil,
        paused: Bool? = nil, progressDeadlineSeconds: Int32? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.paused = paused
        self.progressDeadlineSeconds = progressDeadlineSeconds
    }
}

/// How a Deployment replaces its Pods.
public struct DeploymentStrategy: Codable, Sendable, Hashable {
    /// `RollingUpdate` (default) or `Recreate`.
    public var type: String?
    /// Settings for `RollingUpdate`.
    public var rollingUpdate: RollingUpdateDeployment?

    public init(type: String? = nil, rollingUpdate: RollingUpdateDeployment? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// Settings of a Deployment rolling update.
public struct RollingUpdateDeployment: Codable, Sendable, Hashable {
    /// Pods that may be unavailable during the update (default 25%).
    public var maxUnavailable: IntOrString?
    /// Pods that may exist above the desired count (default 25%).
    public var maxSurge: IntOrString?

    public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

/// The observed state of a Deployment.
public struct DeploymentStatus: Codable, Sendable, Hashable {
    /// The `metadata.generation` this status reflects.
    public var observedGeneration: Int64?
    /// The number of Pods.
    public var replicas: Int32?
    /// The number of Pods running the current template.
    public var updatedReplicas: Int32?
    /// The number of ready Pods.
    public var readyReplicas: Int32?
    /// The number of Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int32?
    /// The number of Pods still needed to reach the desired count.
    public var unavailableReplicas: Int32?
    /// The number of Pods being terminated.
    public var terminatingReplicas: Int32?
    /// `Available`, `Progressing` and `ReplicaFailure`.
    public var conditions: [ObjectCondition]?
    /// Used to avoid ReplicaSet name collisions.
    public var collisionCount: Int32?

    public init(
        observedGeneration: Int64? = nil, replicas: Int32? = nil, updatedReplicas: Int32? = nil,
        readyReplicas: Int32? = nil, availableReplicas: Int32? = nil, unavailableReplicas: Int32? = nil,
        terminatingReplicas: Int32? = nil, conditions: [ObjectCondition]? = nil, collisionCount: Int32? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.updatedReplicas = updatedReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.unavailableReplicas = unavailableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.conditions = conditions
        self.collisionCount = collisionCount
    }
}
