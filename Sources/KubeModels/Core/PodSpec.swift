import Foundation
import KubeCore

/// The desired state of a Pod: its containers, volumes, identity and scheduling.
public struct PodSpec: Codable, Sendable, Hashable {
    /// The main containers; at least one.
    public var containers: [Container]
    /// Containers run in order before the main ones; those with `restartPolicy: Always` keep running as
    /// sidecars.
    public var initContainers: [Container]?
    /// Debugging containers added through the `ephemeralcontainers` subresource, kept as raw JSON.
    public var ephemeralContainers: JSONValue?
    /// Volumes the containers can mount.
    public var volumes: [Volume]?
    /// `Always` (default), `OnFailure` or `Never`.
    public var restartPolicy: String?
    /// Seconds between the stop signal and the kill (default 30).
    public var terminationGracePeriodSeconds: Int64?
    /// Seconds the Pod may run before it is failed.
    public var activeDeadlineSeconds: Int64?
    /// `ClusterFirst` (default), `ClusterFirstWithHostNet`, `Default` or `None`.
    public var dnsPolicy: String?
    /// Extra DNS settings, kept as raw JSON.
    public var dnsConfig: JSONValue?
    /// Node labels the Pod must be scheduled on.
    public var nodeSelector: [String: String]?
    /// The node the Pod runs on, set by the scheduler.
    public var nodeName: String?
    /// Node and Pod (anti-)affinity rules, kept as raw JSON.
    public var affinity: JSONValue?
    /// Taints the Pod tolerates.
    public var tolerations: [Toleration]?
    /// How Pods spread across zones or nodes, kept as raw JSON.
    public var topologySpreadConstraints: JSONValue?
    /// The scheduler; defaults to `default-scheduler`.
    public var schedulerName: String?
    /// The PriorityClass.
    public var priorityClassName: String?
    /// The priority, filled from the PriorityClass.
    public var priority: Int32?
    /// `PreemptLowerPriority` or `Never`.
    public var preemptionPolicy: String?
    /// Gates that hold the Pod back from scheduling, kept as raw JSON.
    public var schedulingGates: JSONValue?
    /// The ServiceAccount the Pod runs as.
    public var serviceAccountName: String?
    /// Deprecated alias of `serviceAccountName`.
    public var serviceAccount: String?
    /// Whether an API token is mounted; overrides the ServiceAccount's setting.
    public var automountServiceAccountToken: Bool?
    /// Security settings for all containers.
    public var securityContext: PodSecurityContext?
    /// Secrets used to pull the images.
    public var imagePullSecrets: [LocalObjectReference]?
    /// The Pod's host name; defaults to the Pod name.
    public var hostname: String?
    /// With a headless Service of this name, gives the Pod a DNS name `hostname.subdomain.namespace.svc`.
    public var subdomain: String?
    /// Whether the host name is the fully qualified name.
    public var setHostnameAsFQDN: Bool?
    /// Extra `/etc/hosts` entries, kept as raw JSON.
    public var hostAliases: JSONValue?
    /// Whether the Pod uses the node's network namespace.
    public var hostNetwork: Bool?
    /// Whether the Pod uses the node's PID namespace.
    public var hostPID: Bool?
    /// Whether the Pod uses the node's IPC namespace.
    public var hostIPC: Bool?
    /// When false, the Pod runs in its own user namespace.
    public var hostUsers: Bool?
    /// Whether the containers share one PID namespace.
    public var shareProcessNamespace: Bool?
    /// The RuntimeClass, e.g. `gvisor` or `kata`, for a stronger sandbox.
    public var runtimeClassName: String?
    /// Whether Service environment variables are injected (default true).
    public var enableServiceLinks: Bool?
    /// Extra conditions that must be true for the Pod to be ready.
    public var readinessGates: [PodReadinessGate]?
    /// Resources the sandbox itself uses, filled from the RuntimeClass.
    public var overhead: [String: Quantity]?
    /// The operating system the Pod needs.
    public var os: PodOS?
    /// Pod-level resource requests and limits.
    public var resources: ResourceRequirements?
    /// Dynamic resource claims (DRA), kept as raw JSON.
    public var resourceClaims: JSONValue?

    public init(
        containers: [Container], initContainers: [Container]? = nil, ephemeralContainers: JSONValue? = nil,
        volumes: [Volume]? = nil, restartPolicy: String? = nil, terminationGracePeriodSeconds: Int64? = nil,
        activeDeadlineSeconds: Int64? = nil, dnsPolicy: String? = nil, dnsConfig: JSONValue? = nil,
        nodeSelector: [String: String]? = nil, nodeName: String? = nil, affinity: JSONValue? = nil,
        tolerations: [Toleration]? = nil, topologySpreadConstraints: JSONValue? = nil,
        schedulerName: String? = nil, priorityClassName: String? = nil, priority: Int32? = nil,
        preemptionPolicy: String? = nil, schedulingGates: JSONValue? = nil, serviceAccountName: String? = nil,
        serviceAccount: String? = nil, automountServiceAccountToken: Bool? = nil,
        securityContext: PodSecurityContext? = nil, imagePullSecrets: [LocalObjectReference]? = nil,
        hostname: String? = nil, subdomain: String? = nil, setHostnameAsFQDN: Bool? = nil,
        hostAliases: JSONValue? = nil, hostNetwork: Bool? = nil, hostPID: Bool? = nil, hostIPC: Bool? = nil,
        hostUsers: Bool? = nil, shareProcessNamespace: Bool? = nil, runtimeClassName: String? = nil,
        enableServiceLinks: Bool? = nil, readinessGates: [PodReadinessGate]? = nil,
        overhead: [String: Quantity]? = nil, os: PodOS? = nil, resources: ResourceRequirements? = nil,
        resourceClaims: JSONValue? = nil
    ) {
        self.containers = containers
        self.initContainers = initContainers
        self.ephemeralContainers = ephemeralContainers
        self.volumes = volumes
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.dnsPolicy = dnsPolicy
        self.dnsConfig = dnsConfig
        self.nodeSelector = nodeSelector
        self.nodeName = nodeName
        self.affinity = affinity
        self.tolerations = tolerations
        self.topologySpreadConstraints = topologySpreadConstraints
        self.schedulerName = schedulerName
        self.priorityClassName = priorityClassName
        self.priority = priority
        self.preemptionPolicy = preemptionPolicy
        self.schedulingGates = schedulingGates
        self.serviceAccountName = serviceAccountName
        self.serviceAccount = serviceAccount
        self.automountServiceAccountToken = automountServiceAccountToken
        self.securityContext = securityContext
        self.imagePullSecrets = imagePullSecrets
        self.hostname = hostname
        self.subdomain = subdomain
        self.setHostnameAsFQDN = setHostnameAsFQDN
        self.hostAliases = hostAliases
        self.hostNetwork = hostNetwork
        self.hostPID = hostPID
        self.hostIPC = hostIPC
        self.hostUsers = hostUsers
        self.shareProcessNamespace = shareProcessNamespace
        self.runtimeClassName = runtimeClassName
        self.enableServiceLinks = enableServiceLinks
        self.readinessGates = readinessGates
        self.overhead = overhead
        self.os = os
        self.resources = resources
        self.resourceClaims = resourceClaims
    }
}

/// Lets a Pod be scheduled on, or stay on, nodes with a matching taint.
public struct Toleration: Codable, Sendable, Hashable {
    /// The taint key; empty with `Exists` tolerates every taint.
    public var key: String?
    /// `Equal` (default) or `Exists`.
    public var `operator`: String?
    /// The taint value, for `Equal`.
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`; empty matches all.
    public var effect: String?
    /// For `NoExecute`: how long the Pod stays once the taint appears.
    public var tolerationSeconds: Int64?

    public init(
        key: String? = nil, operator: String? = nil, value: String? = nil, effect: String? = nil,
        tolerationSeconds: Int64? = nil
    ) {
        self.key = key
        self.`operator` = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }
}

/// An extra condition a Pod needs to be ready.
public struct PodReadinessGate: Codable, Sendable, Hashable {
    /// The Pod condition type.
    public var conditionType: String

    public init(conditionType: String) {
        self.conditionType = conditionType
    }
}

/// The operating system a Pod needs.
public struct PodOS: Codable, Sendable, Hashable {
    /// `linux` or `windows`.
    public var name: String

    public init(name: String) {
        self.name = name
    }
}

/// The Pod a workload (StatefulSet, Deployment, Job) creates.
public struct PodTemplateSpec: Codable, Sendable, Hashable {
    /// Labels and annotations given to each Pod; the labels must match the workload's selector.
    public var metadata: ObjectMeta?
    /// The Pod's spec.
    public var spec: PodSpec?

    public init(metadata: ObjectMeta? = nil, spec: PodSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}
