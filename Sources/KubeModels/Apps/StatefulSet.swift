import Foundation
import KubeCore

/// `StatefulSet`: Pods with stable names (`name-0`, `name-1`, …), stable storage and ordered rollout.
public struct StatefulSet: KubernetesObject, Hashable, HasStatus {
    /// The schema version, `apps/v1`.
    public var apiVersion: String?
    /// The kind, `StatefulSet`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The Pods and volumes to run.
    public var spec: StatefulSetSpec?
    /// The rollout state, written by the controller.
    public var status: StatefulSetStatus?

    /// Served at `apps/v1`, resource `statefulsets`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: StatefulSetSpec? = nil, status: StatefulSetStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A list of ``StatefulSet`` objects, as returned by a list request.
public typealias StatefulSetList = ObjectList<StatefulSet>

/// The desired state of a StatefulSet.
public struct StatefulSetSpec: Codable, Sendable, Hashable {
    /// The number of Pods (default 1); 0 stops all Pods but keeps their volumes.
    public var replicas: Int32?
    /// Selects the Pods; must match the template's labels and cannot change.
    public var selector: LabelSelector
    /// The Pod each replica runs.
    public var template: PodTemplateSpec
    /// Claims created per Pod (`template-name-statefulset-name-ordinal`) and kept across restarts.
    public var volumeClaimTemplates: [PersistentVolumeClaim]?
    /// The headless Service that gives each Pod a DNS name.
    public var serviceName: String?
    /// `OrderedReady` (default) or `Parallel`.
    public var podManagementPolicy: String?
    /// How Pods are replaced when the template changes.
    public var updateStrategy: StatefulSetUpdateStrategy?
    /// How many old revisions to keep (default 10).
    public var revisionHistoryLimit: Int32?
    /// Seconds a new Pod must be ready before it counts as available.
    public var minReadySeconds: Int32?
    /// Whether claims are deleted with the set or on scale-down.
    public var persistentVolumeClaimRetentionPolicy: StatefulSetPersistentVolumeClaimRetentionPolicy?
    /// The first ordinal used in Pod names.
    public var ordinals: StatefulSetOrdinals?

    public init(
        replicas: Int32? = nil, selector: LabelSelector, template: PodTemplateSpec,
        volumeClaimTemplates: [PersistentVolumeClaim]? = nil, serviceName: String? = nil,
        podManagementPolicy: String? = nil, updateStrategy: StatefulSetUpdateStrategy? = nil,
        revisionHistoryLimit: Int32? = nil, minReadySeconds: Int32? = nil,
        persistentVolumeClaimRetentionPolicy: StatefulSetPersistentVolumeClaimRetentionPolicy? = nil,
        ordinals: StatefulSetOrdinals? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.volumeClaimTemplates = volumeClaimTemplates
        self.serviceName = serviceName
        self.podManagementPolicy = podManagementPolicy
        self.updateStrategy = updateStrategy
        self.revisionHistoryLimit = revisionHistoryLimit
        self.minReadySeconds = minReadySeconds
        self.persistentVolumeClaimRetentionPolicy = persistentVolumeClaimRetentionPolicy
        self.ordinals = ordinals
    }
}

/// How a StatefulSet replaces its Pods.
public struct StatefulSetUpdateStrategy: Codable, Sendable, Hashable {
    /// `RollingUpdate` (default) or `OnDelete`.
    public var type: String?
    /// Settings for `RollingUpdate`.
    public var rollingUpdate: RollingUpdateStatefulSetStrategy?

    public init(type: String? = nil, rollingUpdate: RollingUpdateStatefulSetStrategy? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// Settings of a StatefulSet rolling update.
public struct RollingUpdateStatefulSetStrategy: Codable, Sendable, Hashable {
    /// Only Pods with an ordinal at or above this are updated (for canaries).
    public var partition: Int32?
    /// How many Pods may be unavailable during the update.
    public var maxUnavailable: IntOrString?

    public init(partition: Int32? = nil, maxUnavailable: IntOrString? = nil) {
        self.partition = partition
        self.maxUnavailable = maxUnavailable
    }
}

/// What happens to per-Pod claims.
public struct StatefulSetPersistentVolumeClaimRetentionPolicy: Codable, Sendable, Hashable {
    /// `Retain` (default) or `Delete` when the StatefulSet is deleted.
    public var whenDeleted: String?
    /// `Retain` (default) or `Delete` when the StatefulSet scales down.
    public var whenScaled: String?

    public init(whenDeleted: String? = nil, whenScaled: String? = nil) {
        self.whenDeleted = whenDeleted
        self.whenScaled = whenScaled
    }
}

/// The numbering of a StatefulSet's Pods.
public struct StatefulSetOrdinals: Codable, Sendable, Hashable {
    /// The first ordinal (default 0).
    public var start: Int32?

    public init(start: Int32? = nil) {
        self.start = start
    }
}

/// The observed state of a StatefulSet.
public struct StatefulSetStatus: Codable, Sendable, Hashable {
    /// The `metadata.generation` this status reflects.
    public var observedGeneration: Int64?
    /// The number of Pods created.
    public var replicas: Int32
    /// The number of Pods that are ready.
    public var readyReplicas: Int32?
    /// The number of Pods at `currentRevision`.
    public var currentReplicas: Int32?
    /// The number of Pods at `updateRevision`.
    public var updatedReplicas: Int32?
    /// The number of Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int32?
    /// The revision of the Pods before the update in progress.
    public var currentRevision: String?
    /// The revision the update moves Pods to.
    public var updateRevision: String?
    /// Used to avoid revision name collisions.
    public var collisionCount: Int32?
    /// The set's conditions.
    public var conditions: [ObjectCondition]?

    public init(
        observedGeneration: Int64? = nil, replicas: Int32, readyReplicas: Int32? = nil,
        currentReplicas: Int32? = nil, updatedReplicas: Int32? = nil, availableReplicas: Int32? = nil,
        currentRevision: String? = nil, updateRevision: String? = nil, collisionCount: Int32? = nil,
        conditions: [ObjectCondition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.currentReplicas = currentReplicas
        self.updatedReplicas = updatedReplicas
        self.availableReplicas = availableReplicas
        self.currentRevision = currentRevision
        self.updateRevision = updateRevision
        self.collisionCount = collisionCount
        self.conditions = conditions
    }
}
