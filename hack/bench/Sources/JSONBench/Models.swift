import KubeCore

// A subset of apps/v1 StatefulSet, written the way hand-written Kubernetes
// models usually are: synthesized Codable, optionals for every optional field,
// `[String: String]` for maps, `IntOrString` with a hand-written single-value
// decoder, and KubeCore's `ObjectMeta` (whose managedFields carry `JSONValue`
// trees). Properties are declared in the API's field order. Fields the model
// does not declare are ignored by the decoder.
//
// These stand in for KubeModels until those land; the benchmark can switch to
// them later.

struct StatefulSet: Codable, Sendable, Equatable {
    var apiVersion: String?
    var kind: String?
    var metadata: ObjectMeta
    var spec: StatefulSetSpec?
    var status: StatefulSetStatus?
}

struct StatefulSetSpec: Codable, Sendable, Equatable {
    var replicas: Int32?
    var selector: LabelSelector
    var template: PodTemplateSpec
    var volumeClaimTemplates: [PersistentVolumeClaim]?
    var serviceName: String?
    var podManagementPolicy: String?
    var updateStrategy: StatefulSetUpdateStrategy?
    var revisionHistoryLimit: Int32?
    var minReadySeconds: Int32?
    var persistentVolumeClaimRetentionPolicy: PVCRetentionPolicy?
}

struct LabelSelector: Codable, Sendable, Equatable {
    var matchLabels: [String: String]?
    var matchExpressions: [LabelSelectorRequirement]?
}

struct LabelSelectorRequirement: Codable, Sendable, Equatable {
    var key: String
    var `operator`: String
    var values: [String]?
}

struct StatefulSetUpdateStrategy: Codable, Sendable, Equatable {
    var type: String?
    var rollingUpdate: RollingUpdateStatefulSetStrategy?
}

struct RollingUpdateStatefulSetStrategy: Codable, Sendable, Equatable {
    var partition: Int32?
    var maxUnavailable: IntOrString?
}

struct PVCRetentionPolicy: Codable, Sendable, Equatable {
    var whenDeleted: String?
    var whenScaled: String?
}

struct PodTemplateSpec: Codable, Sendable, Equatable {
    var metadata: ObjectMeta?
    var spec: PodSpec?
}

struct PodSpec: Codable, Sendable, Equatable {
    var volumes: [Volume]?
    var initContainers: [Container]?
    var containers: [Container]
    var restartPolicy: String?
    var terminationGracePeriodSeconds: Int64?
    var dnsPolicy: String?
    var nodeSelector: [String: String]?
    var serviceAccountName: String?
    var securityContext: PodSecurityContext?
    var affinity: JSONValue?
    var schedulerName: String?
    var tolerations: [Toleration]?
    var priorityClassName: String?
    var enableServiceLinks: Bool?
}

struct Volume: Codable, Sendable, Equatable {
    var name: String
    var configMap: ConfigMapVolumeSource?
    var secret: SecretVolumeSource?
    var emptyDir: EmptyDirVolumeSource?
    var persistentVolumeClaim: PVCVolumeSource?
}

struct KeyToPath: Codable, Sendable, Equatable {
    var key: String
    var path: String
    var mode: Int32?
}

struct ConfigMapVolumeSource: Codable, Sendable, Equatable {
    var name: String?
    var items: [KeyToPath]?
    var defaultMode: Int32?
    var optional: Bool?
}

struct SecretVolumeSource: Codable, Sendable, Equatable {
    var secretName: String?
    var items: [KeyToPath]?
    var defaultMode: Int32?
    var optional: Bool?
}

struct EmptyDirVolumeSource: Codable, Sendable, Equatable {
    var medium: String?
    var sizeLimit: String?
}

struct PVCVolumeSource: Codable, Sendable, Equatable {
    var claimName: String
    var readOnly: Bool?
}

struct Container: Codable, Sendable, Equatable {
    var name: String
    var image: String?
    var command: [String]?
    var args: [String]?
    var workingDir: String?
    var ports: [ContainerPort]?
    var env: [EnvVar]?
    var resources: ResourceRequirements?
    var volumeMounts: [VolumeMount]?
    var livenessProbe: Probe?
    var readinessProbe: Probe?
    var startupProbe: Probe?
    var terminationMessagePath: String?
    var terminationMessagePolicy: String?
    var imagePullPolicy: String?
    var securityContext: SecurityContext?
}

struct ContainerPort: Codable, Sendable, Equatable {
    var name: String?
    var hostPort: Int32?
    var containerPort: Int32
    var `protocol`: String?
}

struct EnvVar: Codable, Sendable, Equatable {
    var name: String
    var value: String?
    var valueFrom: EnvVarSource?
}

struct EnvVarSource: Codable, Sendable, Equatable {
    var fieldRef: ObjectFieldSelector?
    var configMapKeyRef: KeySelector?
    var secretKeyRef: KeySelector?
}

struct ObjectFieldSelector: Codable, Sendable, Equatable {
    var apiVersion: String?
    var fieldPath: String
}

struct KeySelector: Codable, Sendable, Equatable {
    var name: String?
    var key: String
    var optional: Bool?
}

struct ResourceRequirements: Codable, Sendable, Equatable {
    var limits: [String: String]?
    var requests: [String: String]?
}

struct VolumeMount: Codable, Sendable, Equatable {
    var name: String
    var readOnly: Bool?
    var mountPath: String
    var subPath: String?
}

struct Probe: Codable, Sendable, Equatable {
    var exec: ExecAction?
    var httpGet: HTTPGetAction?
    var tcpSocket: TCPSocketAction?
    var initialDelaySeconds: Int32?
    var timeoutSeconds: Int32?
    var periodSeconds: Int32?
    var successThreshold: Int32?
    var failureThreshold: Int32?
}

struct ExecAction: Codable, Sendable, Equatable {
    var command: [String]?
}

struct HTTPGetAction: Codable, Sendable, Equatable {
    var path: String?
    var port: IntOrString
    var host: String?
    var scheme: String?
}

struct TCPSocketAction: Codable, Sendable, Equatable {
    var port: IntOrString
    var host: String?
}

struct SecurityContext: Codable, Sendable, Equatable {
    var capabilities: Capabilities?
    var privileged: Bool?
    var runAsUser: Int64?
    var runAsGroup: Int64?
    var runAsNonRoot: Bool?
    var readOnlyRootFilesystem: Bool?
    var allowPrivilegeEscalation: Bool?
    var seccompProfile: SeccompProfile?
}

struct Capabilities: Codable, Sendable, Equatable {
    var add: [String]?
    var drop: [String]?
}

struct SeccompProfile: Codable, Sendable, Equatable {
    var type: String
    var localhostProfile: String?
}

struct PodSecurityContext: Codable, Sendable, Equatable {
    var runAsUser: Int64?
    var runAsGroup: Int64?
    var runAsNonRoot: Bool?
    var fsGroup: Int64?
    var seccompProfile: SeccompProfile?
}

struct Toleration: Codable, Sendable, Equatable {
    var key: String?
    var `operator`: String?
    var value: String?
    var effect: String?
    var tolerationSeconds: Int64?
}

struct PersistentVolumeClaim: Codable, Sendable, Equatable {
    var apiVersion: String?
    var kind: String?
    var metadata: ObjectMeta?
    var spec: PersistentVolumeClaimSpec?
    var status: PersistentVolumeClaimStatus?
}

struct PersistentVolumeClaimSpec: Codable, Sendable, Equatable {
    var accessModes: [String]?
    var resources: ResourceRequirements?
    var storageClassName: String?
    var volumeMode: String?
}

struct PersistentVolumeClaimStatus: Codable, Sendable, Equatable {
    var phase: String?
}

struct StatefulSetStatus: Codable, Sendable, Equatable {
    var observedGeneration: Int64?
    var replicas: Int32
    var readyReplicas: Int32?
    var currentReplicas: Int32?
    var updatedReplicas: Int32?
    var currentRevision: String?
    var updateRevision: String?
    var collisionCount: Int32?
    var conditions: [StatefulSetCondition]?
    var availableReplicas: Int32?
}

struct StatefulSetCondition: Codable, Sendable, Equatable {
    var type: String
    var status: String
    var lastTransitionTime: Time?
    var reason: String?
    var message: String?
}

/// `intstr.IntOrString`, decoded the usual way: try an integer, else a string.
enum IntOrString: Codable, Sendable, Equatable {
    case int(Int32)
    case string(String)

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int32.self) {
            self = .int(i)
        } else {
            self = .string(try c.decode(String.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        }
    }
}

/// One line of a watch response: `{"type":"MODIFIED","object":{...}}`.
struct WatchEventEnvelope<Object: Codable & Sendable>: Codable, Sendable {
    var type: String
    var object: Object
}

/// ObjectMeta without `managedFields`: the variant many controllers want (client-go
/// users often strip managed fields from informer caches). The JSON still carries
/// them; the decoder skips them as an unknown field.
struct ObjectMetaLite: Codable, Sendable, Equatable {
    var name: String?
    var generateName: String?
    var namespace: String?
    var uid: String?
    var resourceVersion: String?
    var generation: Int64?
    var creationTimestamp: Time?
    var deletionTimestamp: Time?
    var deletionGracePeriodSeconds: Int64?
    var labels: [String: String]?
    var annotations: [String: String]?
    var ownerReferences: [OwnerReference]?
    var finalizers: [String]?
}

/// The same StatefulSet model with `ObjectMetaLite` as its top-level metadata.
struct StatefulSetLite: Codable, Sendable, Equatable {
    var apiVersion: String?
    var kind: String?
    var metadata: ObjectMetaLite
    var spec: StatefulSetSpec?
    var status: StatefulSetStatus?
}
