import Foundation
import KubeCore

/// `PersistentVolumeClaim`: a request for storage, bound to a PersistentVolume.
public struct PersistentVolumeClaim: KubernetesObject, Hashable, HasStatus {
    /// The schema version, `v1`.
    public var apiVersion: String?
    /// The kind, `PersistentVolumeClaim`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The storage requested.
    public var spec: PersistentVolumeClaimSpec?
    /// The binding phase and actual capacity, written by the server.
    public var status: PersistentVolumeClaimStatus?

    /// Served at `v1`, resource `persistentvolumeclaims`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: PersistentVolumeClaimSpec? = nil,
        status: PersistentVolumeClaimStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A list of ``PersistentVolumeClaim`` objects, as returned by a list request.
public typealias PersistentVolumeClaimList = ObjectList<PersistentVolumeClaim>

/// The storage a claim requests.
public struct PersistentVolumeClaimSpec: Codable, Sendable, Hashable {
    /// `ReadWriteOnce`, `ReadOnlyMany`, `ReadWriteMany` or `ReadWriteOncePod`.
    public var accessModes: [String]?
    /// Restricts binding to volumes with matching labels.
    public var selector: LabelSelector?
    /// The minimum (`requests.storage`) and maximum size.
    public var resources: VolumeResourceRequirements?
    /// Binds to this PersistentVolume by name.
    public var volumeName: String?
    /// The StorageClass; empty string means no class, absent means the default class.
    public var storageClassName: String?
    /// `Filesystem` (default) or `Block`.
    public var volumeMode: String?
    /// A snapshot or claim to populate the volume from.
    public var dataSource: TypedLocalObjectReference?
    /// Like `dataSource`, but may name any populator object, in another namespace.
    public var dataSourceRef: TypedObjectReference?
    /// The VolumeAttributesClass to apply.
    public var volumeAttributesClassName: String?

    public init(
        accessModes: [String]? = nil, selector: LabelSelector? = nil, resources: VolumeResourceRequirements? = nil,
        volumeName: String? = nil, storageClassName: String? = nil, volumeMode: String? = nil,
        dataSource: TypedLocalObjectReference? = nil, dataSourceRef: TypedObjectReference? = nil,
        volumeAttributesClassName: String? = nil
    ) {
        self.accessModes = accessModes
        self.selector = selector
        self.resources = resources
        self.volumeName = volumeName
        self.storageClassName = storageClassName
        self.volumeMode = volumeMode
        self.dataSource = dataSource
        self.dataSourceRef = dataSourceRef
        self.volumeAttributesClassName = volumeAttributesClassName
    }
}

/// The storage size bounds of a claim.
public struct VolumeResourceRequirements: Codable, Sendable, Hashable {
    /// The maximum amount, by resource name.
    public var limits: [String: Quantity]?
    /// The minimum amount, by resource name, e.g. `storage: 10Gi`.
    public var requests: [String: Quantity]?

    public init(limits: [String: Quantity]? = nil, requests: [String: Quantity]? = nil) {
        self.limits = limits
        self.requests = requests
    }
}

/// The observed state of a claim.
public struct PersistentVolumeClaimStatus: Codable, Sendable, Hashable {
    /// `Pending`, `Bound` or `Lost`.
    public var phase: String?
    /// The access modes of the bound volume.
    public var accessModes: [String]?
    /// The actual size of the bound volume.
    public var capacity: [String: Quantity]?
    /// Conditions such as `Resizing` and `FileSystemResizePending`.
    public var conditions: [ObjectCondition]?
    /// The size allocated for a resize in progress.
    public var allocatedResources: [String: Quantity]?
    /// The state of resizes in progress, by resource.
    public var allocatedResourceStatuses: [String: String]?
    /// The VolumeAttributesClass currently applied.
    public var currentVolumeAttributesClassName: String?

    public init(
        phase: String? = nil, accessModes: [String]? = nil, capacity: [String: Quantity]? = nil,
        conditions: [ObjectCondition]? = nil, allocatedResources: [String: Quantity]? = nil,
        allocatedResourceStatuses: [String: String]? = nil, currentVolumeAttributesClassName: String? = nil
    ) {
        self.phase = phase
        self.accessModes = accessModes
        self.capacity = capacity
        self.conditions = conditions
        self.allocatedResources = allocatedResources
        self.allocatedResourceStatuses = allocatedResourceStatuses
        self.currentVolumeAttributesClassName = currentVolumeAttributesClassName
    }
}
