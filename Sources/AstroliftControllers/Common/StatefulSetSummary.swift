import KubeCore
import KubeModels
import KubeRuntime

/// A StatefulSet as the workbench controller caches it: metadata, replicas and status.
///
/// The controller compares what it applies by hash (the `astrolift.dev/applied-hash`
/// annotation) and reads only readiness from the status, so decoding the pod template
/// (most of a StatefulSet, and a large inline struct in Swift even when empty) into
/// every cached copy would cost memory for nothing.
public struct StatefulSetSummary: KubernetesObject, Hashable {
    /// The metadata, held as ``HashedMetadata`` (compact; the applied hash apart).
    public var child: HashedMetadata<StatefulSet>
    public var spec: Spec?
    public var status: Status?

    public var apiVersion: String? {
        get { child.apiVersion }
        set {}
    }
    public var kind: String? {
        get { child.kind }
        set {}
    }
    public var metadata: ObjectMeta {
        get { child.metadata }
        set { child.metadata = newValue }
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, spec, status
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        child = HashedMetadata(try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta())
        spec = try container.decodeIfPresent(Spec.self, forKey: .spec)
        status = try container.decodeIfPresent(Status.self, forKey: .status)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(apiVersion, forKey: .apiVersion)
        try container.encode(kind, forKey: .kind)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(spec, forKey: .spec)
        try container.encodeIfPresent(status, forKey: .status)
    }

    /// The one field of the spec the controller reads.
    public struct Spec: Codable, Sendable, Hashable {
        public var replicas: Int32?

        public init(replicas: Int32? = nil) {
            self.replicas = replicas
        }
    }

    /// The part of the status the controller reads (revisions and conditions are not kept).
    public struct Status: Codable, Sendable, Hashable {
        public var replicas: Int32?
        public var readyReplicas: Int32?
        public var updatedReplicas: Int32?
        public var availableReplicas: Int32?
        public var observedGeneration: Int64?

        public init(
            replicas: Int32? = nil, readyReplicas: Int32? = nil, updatedReplicas: Int32? = nil,
            availableReplicas: Int32? = nil, observedGeneration: Int64? = nil
        ) {
            self.replicas = replicas
            self.readyReplicas = readyReplicas
            self.updatedReplicas = updatedReplicas
            self.availableReplicas = availableReplicas
            self.observedGeneration = observedGeneration
        }
    }

    /// Served where StatefulSets are.
    public static var resource: ResourceDescriptor { StatefulSet.resource }

    public init(metadata: ObjectMeta = ObjectMeta(), spec: Spec? = nil, status: Status? = nil) {
        self.child = HashedMetadata(metadata)
        self.spec = spec
        self.status = status
    }
}
