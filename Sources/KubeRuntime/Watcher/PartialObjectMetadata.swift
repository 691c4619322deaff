import KubeCore

/// The metadata of an object of kind `Kind`, without its spec or status: what a cache
/// holds when a controller needs only names, labels, owners and versions.
///
/// Watching `PartialObjectMetadata<Pod>` reads the same list and watch responses as
/// watching `Pod`, but each object is decoded into its metadata alone, so the cache's
/// memory does not grow with the objects' bodies.
public struct PartialObjectMetadata<Kind: KubernetesObject>: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta

    /// Served where `Kind` is.
    public static var resource: ResourceDescriptor { Kind.resource }

    public init(metadata: ObjectMeta = ObjectMeta()) {
        self.apiVersion = Kind.resource.apiVersion
        self.kind = Kind.resource.kind
        self.metadata = metadata
    }
}
