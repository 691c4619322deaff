import KubeCore
import KubeModels

/// A StatefulSet as the workbench controller caches it: metadata, replicas and status.
///
/// The controller compares what it applies by hash (the `astrolift.dev/applied-hash`
/// annotation) and reads only readiness from the status, so decoding the pod template
/// (most of a StatefulSet, and a large inline struct in Swift even when empty) into
/// every cached copy would cost memory for nothing.
public struct StatefulSetSummary: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: StatefulSetStatus?

    /// The one field of the spec the controller reads.
    public struct Spec: Codable, Sendable, Hashable {
        public var replicas: Int32?

        public init(replicas: Int32? = nil) {
            self.replicas = replicas
        }
    }

    /// Served where StatefulSets are.
    public static var resource: ResourceDescriptor { StatefulSet.resource }

    public init(metadata: ObjectMeta = ObjectMeta(), spec: Spec? = nil, status: StatefulSetStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}
