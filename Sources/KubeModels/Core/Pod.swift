import Foundation
import KubeCore

/// `Pod`: one or more containers scheduled together on a node.
public struct Pod: KubernetesObject, Hashable, HasStatus {
    /// The schema version, `v1`.
    public var apiVersion: String?
    /// The kind, `Pod`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The containers, volumes and scheduling of the Pod.
    public var spec: PodSpec?
    /// The phase, conditions and container states, written by the kubelet.
    public var status: PodStatus?

    /// Served at `v1`, resource `pods`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: PodSpec? = nil, status: PodStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Whether the `Ready` condition is `True`.
    public var isReady: Bool {
        status?.conditions?.isTrue("Ready") ?? false
    }

    /// The phase, or `Pending` when the status has none yet.
    public var phase: String {
        status?.phase ?? "Pending"
    }
}

/// A list of ``Pod`` objects, as returned by a list request.
public typealias PodList = ObjectList<Pod>

/// The observed state of a Pod.
public struct PodStatus: Codable, Sendable, Hashable {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    public var phase: String?
    /// `PodScheduled`, `Initialized`, `ContainersReady`, `Ready` and others.
    public var conditions: [ObjectCondition]?
    /// A human-readable reason for the Pod's state.
    public var message: String?
    /// A CamelCase reason, e.g. `Evicted`.
    public var reason: String?
    /// The node a preempting Pod is expected to run on.
    public var nominatedNodeName: String?
    /// The IP of the node.
    public var hostIP: String?
    /// The IPs of the node, one per family.
    public var hostIPs: [HostIP]?
    /// The Pod's IP.
    public var podIP: String?
    /// The Pod's IPs, one per family.
    public var podIPs: [PodIP]?
    /// When the kubelet accepted the Pod.
    public var startTime: Time?
    /// The state of each init container, sidecars included.
    public var initContainerStatuses: [ContainerStatus]?
    /// The state of each main container.
    public var containerStatuses: [ContainerStatus]?
    /// The state of each ephemeral container.
    public var ephemeralContainerStatuses: [ContainerStatus]?
    /// `Guaranteed`, `Burstable` or `BestEffort`.
    public var qosClass: String?
    /// The state of an in-place resize.
    public var resize: String?
    /// The `metadata.generation` the status reflects.
    public var observedGeneration: Int64?

    public init(
        phase: String? = nil, conditions: [ObjectCondition]? = nil, message: String? = nil, reason: String? = nil,
        nominatedNodeName: String? = nil, hostIP: String? = nil, hostIPs: [HostIP]? = nil, podIP: String? = nil,
        podIPs: [PodIP]? = nil, startTime: Time? = nil, initContainerStatuses: [ContainerStatus]? = nil,
        containerStatuses: [ContainerStatus]? = nil, ephemeralContainerStatuses: [ContainerStatus]? = nil,
        qosClass: String? = nil, resize: String? = nil, observedGeneration: Int64? = nil
    ) {
        self.phase = phase
        self.conditions = conditions
        self.message = message
        self.reason = reason
        self.nominatedNodeName = nominatedNodeName
        self.hostIP = hostIP
        self.hostIPs = hostIPs
        self.podIP = podIP
        self.podIPs = podIPs
        self.startTime = startTime
        self.initContainerStatuses = initContainerStatuses
        self.containerStatuses = containerStatuses
        self.ephemeralContainerStatuses = ephemeralContainerStatuses
        self.qosClass = qosClass
        self.resize = resize
        self.observedGeneration = observedGeneration
    }
}

/// An IP of the node a Pod runs on.
public struct HostIP: Codable, Sendable, Hashable {
    /// The address.
    public var ip: String

    public init(ip: String) {
        self.ip = ip
    }
}

/// An IP of a Pod.
public struct PodIP: Codable, Sendable, Hashable {
    /// The address.
    public var ip: String

    public init(ip: String) {
        self.ip = ip
    }
}

/// The observed state of one container.
public struct ContainerStatus: Codable, Sendable, Hashable {
    /// The container name.
    public var name: String
    /// The current state.
    public var state: ContainerState?
    /// The state before the last restart.
    public var lastState: ContainerState?
    /// Whether the container passes its readiness probe.
    public var ready: Bool
    /// How often the container has restarted.
    public var restartCount: Int32
    /// The image the container runs.
    public var image: String
    /// The image's digest reference.
    public var imageID: String
    /// The runtime's ID, e.g. `containerd://…`.
    public var containerID: String?
    /// Whether the container has passed its startup probe.
    public var started: Bool?
    /// The resources allocated to the container.
    public var allocatedResources: [String: Quantity]?
    /// The resources actually configured.
    public var resources: ResourceRequirements?
    /// The state of each mount, kept as raw JSON.
    public var volumeMounts: JSONValue?
    /// The identity the process runs as, kept as raw JSON.
    public var user: JSONValue?
    /// The health of allocated devices, kept as raw JSON.
    public var allocatedResourcesStatus: JSONValue?
    /// The signal used to stop the container.
    public var stopSignal: String?

    public init(
        name: String, state: ContainerState? = nil, lastState: ContainerState? = nil, ready: Bool,
        restartCount: Int32, image: String, imageID: String, containerID: String? = nil, started: Bool? = nil,
        allocatedResources: [String: Quantity]? = nil, resources: ResourceRequirements? = nil,
        volumeMounts: JSONValue? = nil, user: JSONValue? = nil, allocatedResourcesStatus: JSONValue? = nil,
        stopSignal: String? = nil
    ) {
        self.name = name
        self.state = state
        self.lastState = lastState
        self.ready = ready
        self.restartCount = restartCount
        self.image = image
        self.imageID = imageID
        self.containerID = containerID
        self.started = started
        self.allocatedResources = allocatedResources
        self.resources = resources
        self.volumeMounts = volumeMounts
        self.user = user
        self.allocatedResourcesStatus = allocatedResourcesStatus
        self.stopSignal = stopSignal
    }
}

/// A container's state; exactly one member is set.
public struct ContainerState: Codable, Sendable, Hashable {
    /// Not running yet, e.g. pulling the image or in back-off.
    public var waiting: ContainerStateWaiting?
    /// Running.
    public var running: ContainerStateRunning?
    /// Exited.
    public var terminated: ContainerStateTerminated?

    public init(
        waiting: ContainerStateWaiting? = nil, running: ContainerStateRunning? = nil,
        terminated: ContainerStateTerminated? = nil
    ) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }
}

/// A container that is not running yet.
public struct ContainerStateWaiting: Codable, Sendable, Hashable {
    /// Why, e.g. `ContainerCreating`, `ImagePullBackOff`, `CrashLoopBackOff`.
    public var reason: String?
    /// Details.
    public var message: String?

    public init(reason: String? = nil, message: String? = nil) {
        self.reason = reason
        self.message = message
    }
}

/// A running container.
public struct ContainerStateRunning: Codable, Sendable, Hashable {
    /// When it started.
    public var startedAt: Time?

    public init(startedAt: Time? = nil) {
        self.startedAt = startedAt
    }
}

/// A container that has exited.
public struct ContainerStateTerminated: Codable, Sendable, Hashable {
    /// The exit status.
    public var exitCode: Int32
    /// The signal that killed it, if any.
    public var signal: Int32?
    /// Why, e.g. `Completed`, `Error`, `OOMKilled`.
    public var reason: String?
    /// Details.
    public var message: String?
    /// When it started.
    public var startedAt: Time?
    /// When it exited.
    public var finishedAt: Time?
    /// The runtime's ID.
    public var containerID: String?

    public init(
        exitCode: Int32, signal: Int32? = nil, reason: String? = nil, message: String? = nil,
        startedAt: Time? = nil, finishedAt: Time? = nil, containerID: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.reason = reason
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.containerID = containerID
    }
}
