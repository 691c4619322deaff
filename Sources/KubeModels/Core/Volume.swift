import Foundation
import KubeCore

/// A volume of a Pod, mountable by its containers; set exactly one source.
public struct Volume: Codable, Sendable, Hashable {
    /// The volume name, a DNS-1123 label unique in the Pod.
    public var name: String
    /// A scratch directory that lives as long as the Pod.
    public var emptyDir: EmptyDirVolumeSource?
    /// The keys of a ConfigMap as files.
    public var configMap: ConfigMapVolumeSource?
    /// The keys of a Secret as files.
    public var secret: SecretVolumeSource?
    /// The volume bound to a claim.
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    /// Several sources (service account token, ConfigMaps, Secrets, downward API) in one directory.
    public var projected: ProjectedVolumeSource?
    /// Pod fields as files.
    public var downwardAPI: DownwardAPIVolumeSource?
    /// A path on the node (privileged; avoid).
    public var hostPath: HostPathVolumeSource?
    /// The contents of an OCI image, read-only.
    public var image: ImageVolumeSource?
    /// A generic ephemeral volume (a claim template), kept as raw JSON.
    public var ephemeral: JSONValue?
    /// An inline CSI volume, kept as raw JSON.
    public var csi: JSONValue?
    /// An NFS export, kept as raw JSON.
    public var nfs: JSONValue?

    public init(
        name: String, emptyDir: EmptyDirVolumeSource? = nil, configMap: ConfigMapVolumeSource? = nil,
        secret: SecretVolumeSource? = nil, persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil,
        projected: ProjectedVolumeSource? = nil, downwardAPI: DownwardAPIVolumeSource? = nil,
        hostPath: HostPathVolumeSource? = nil, image: ImageVolumeSource? = nil, ephemeral: JSONValue? = nil,
        csi: JSONValue? = nil, nfs: JSONValue? = nil
    ) {
        self.name = name
        self.emptyDir = emptyDir
        self.configMap = configMap
        self.secret = secret
        self.persistentVolumeClaim = persistentVolumeClaim
        self.projected = projected
        self.downwardAPI = downwardAPI
        self.hostPath = hostPath
        self.image = image
        self.ephemeral = ephemeral
        self.csi = csi
        self.nfs = nfs
    }
}

/// A scratch directory, created empty when the Pod starts.
public struct EmptyDirVolumeSource: Codable, Sendable, Hashable {
    /// Empty for node storage, `Memory` for tmpfs.
    public var medium: String?
    /// The most the volume may hold.
    public var sizeLimit: Quantity?

    public init(medium: String? = nil, sizeLimit: Quantity? = nil) {
        self.medium = medium
        self.sizeLimit = sizeLimit
    }
}

/// Maps a key of a ConfigMap or Secret to a file path.
public struct KeyToPath: Codable, Sendable, Hashable {
    /// The key.
    public var key: String
    /// The relative file path.
    public var path: String
    /// The file mode bits, e.g. `0o400` (written in decimal in JSON).
    public var mode: Int32?

    public init(key: String, path: String, mode: Int32? = nil) {
        self.key = key
        self.path = path
        self.mode = mode
    }
}

/// A ConfigMap mounted as files.
public struct ConfigMapVolumeSource: Codable, Sendable, Hashable {
    /// The ConfigMap name.
    public var name: String?
    /// The keys to include and their paths; all keys when absent.
    public var items: [KeyToPath]?
    /// The default file mode bits (default `0o644`).
    public var defaultMode: Int32?
    /// Whether the ConfigMap may be missing.
    public var optional: Bool?

    public init(name: String? = nil, items: [KeyToPath]? = nil, defaultMode: Int32? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// A Secret mounted as files.
public struct SecretVolumeSource: Codable, Sendable, Hashable {
    /// The Secret name.
    public var secretName: String?
    /// The keys to include and their paths; all keys when absent.
    public var items: [KeyToPath]?
    /// The default file mode bits (default `0o644`).
    public var defaultMode: Int32?
    /// Whether the Secret may be missing.
    public var optional: Bool?

    public init(
        secretName: String? = nil, items: [KeyToPath]? = nil, defaultMode: Int32? = nil, optional: Bool? = nil
    ) {
        self.secretName = secretName
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// The volume bound to a claim in the Pod's namespace.
public struct PersistentVolumeClaimVolumeSource: Codable, Sendable, Hashable {
    /// The claim name.
    public var claimName: String
    /// Whether to mount read-only.
    public var readOnly: Bool?

    public init(claimName: String, readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }
}

/// Several volume sources projected into one directory.
public struct ProjectedVolumeSource: Codable, Sendable, Hashable {
    /// The sources.
    public var sources: [VolumeProjection]?
    /// The default file mode bits.
    public var defaultMode: Int32?

    public init(sources: [VolumeProjection]? = nil, defaultMode: Int32? = nil) {
        self.sources = sources
        self.defaultMode = defaultMode
    }
}

/// One source of a projected volume; set exactly one member.
public struct VolumeProjection: Codable, Sendable, Hashable {
    /// A bound, expiring service account token.
    public var serviceAccountToken: ServiceAccountTokenProjection?
    /// Keys of a ConfigMap.
    public var configMap: ConfigMapProjection?
    /// Keys of a Secret.
    public var secret: SecretProjection?
    /// Pod fields.
    public var downwardAPI: DownwardAPIProjection?
    /// Certificates of ClusterTrustBundles, kept as raw JSON.
    public var clusterTrustBundle: JSONValue?

    public init(
        serviceAccountToken: ServiceAccountTokenProjection? = nil, configMap: ConfigMapProjection? = nil,
        secret: SecretProjection? = nil, downwardAPI: DownwardAPIProjection? = nil,
        clusterTrustBundle: JSONValue? = nil
    ) {
        self.serviceAccountToken = serviceAccountToken
        self.configMap = configMap
        self.secret = secret
        self.downwardAPI = downwardAPI
        self.clusterTrustBundle = clusterTrustBundle
    }
}

/// A service account token requested by the kubelet and refreshed before it expires.
public struct ServiceAccountTokenProjection: Codable, Sendable, Hashable {
    /// The intended audience; defaults to the API server.
    public var audience: String?
    /// The requested lifetime (at least 600, default 3600).
    public var expirationSeconds: Int64?
    /// The file path of the token.
    public var path: String

    public init(audience: String? = nil, expirationSeconds: Int64? = nil, path: String) {
        self.audience = audience
        self.expirationSeconds = expirationSeconds
        self.path = path
    }
}

/// ConfigMap keys in a projected volume.
public struct ConfigMapProjection: Codable, Sendable, Hashable {
    /// The ConfigMap name.
    public var name: String?
    /// The keys to include; all when absent.
    public var items: [KeyToPath]?
    /// Whether the ConfigMap may be missing.
    public var optional: Bool?

    public init(name: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// Secret keys in a projected volume.
public struct SecretProjection: Codable, Sendable, Hashable {
    /// The Secret name.
    public var name: String?
    /// The keys to include; all when absent.
    public var items: [KeyToPath]?
    /// Whether the Secret may be missing.
    public var optional: Bool?

    public init(name: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// Pod fields in a projected volume.
public struct DownwardAPIProjection: Codable, Sendable, Hashable {
    /// The files.
    public var items: [DownwardAPIVolumeFile]?

    public init(items: [DownwardAPIVolumeFile]? = nil) {
        self.items = items
    }
}

/// Pod fields mounted as files.
public struct DownwardAPIVolumeSource: Codable, Sendable, Hashable {
    /// The files.
    public var items: [DownwardAPIVolumeFile]?
    /// The default file mode bits.
    public var defaultMode: Int32?

    public init(items: [DownwardAPIVolumeFile]? = nil, defaultMode: Int32? = nil) {
        self.items = items
        self.defaultMode = defaultMode
    }
}

/// A file holding a Pod field or a resource value.
public struct DownwardAPIVolumeFile: Codable, Sendable, Hashable {
    /// The relative file path.
    public var path: String
    /// The Pod field.
    public var fieldRef: ObjectFieldSelector?
    /// The container resource value.
    public var resourceFieldRef: ResourceFieldSelector?
    /// The file mode bits.
    public var mode: Int32?

    public init(
        path: String, fieldRef: ObjectFieldSelector? = nil, resourceFieldRef: ResourceFieldSelector? = nil,
        mode: Int32? = nil
    ) {
        self.path = path
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.mode = mode
    }
}

/// A path on the node.
public struct HostPathVolumeSource: Codable, Sendable, Hashable {
    /// The path on the node.
    public var path: String
    /// The expected type, e.g. `Directory`, `DirectoryOrCreate`, `File`, `Socket`.
    public var type: String?

    public init(path: String, type: String? = nil) {
        self.path = path
        self.type = type
    }
}

/// An OCI image or artifact mounted read-only.
public struct ImageVolumeSource: Codable, Sendable, Hashable {
    /// The image reference.
    public var reference: String?
    /// `Always`, `IfNotPresent` or `Never`.
    public var pullPolicy: String?

    public init(reference: String? = nil, pullPolicy: String? = nil) {
        self.reference = reference
        self.pullPolicy = pullPolicy
    }
}
