import KubeCore
import KubeModels

/// A workbench pod as the controller caches it: metadata and why its containers are not
/// running, if they are not (the whole Pod is ~10 KiB decoded; this is what the
/// Workbench's phase and Ready condition need).
public struct PodSummary: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var status: Status?

    /// The part of `status` the controller reads.
    public struct Status: Codable, Sendable, Hashable {
        public var phase: String?
        public var containerStatuses: [ContainerSummary]?
        public var initContainerStatuses: [ContainerSummary]?

        public init(
            phase: String? = nil, containerStatuses: [ContainerSummary]? = nil,
            initContainerStatuses: [ContainerSummary]? = nil
        ) {
            self.phase = phase
            self.containerStatuses = containerStatuses
            self.initContainerStatuses = initContainerStatuses
        }
    }

    /// A container's name and, when it is stuck, why.
    public struct ContainerSummary: Codable, Sendable, Hashable {
        public var name: String
        public var state: State?

        public init(name: String, state: State? = nil) {
            self.name = name
            self.state = state
        }

        public struct State: Codable, Sendable, Hashable {
            public var waiting: Reason?
            public var terminated: Reason?

            public init(waiting: Reason? = nil, terminated: Reason? = nil) {
                self.waiting = waiting
                self.terminated = terminated
            }
        }

        public struct Reason: Codable, Sendable, Hashable {
            public var reason: String?
            public var message: String?

            public init(reason: String? = nil, message: String? = nil) {
                self.reason = reason
                self.message = message
            }
        }
    }

    /// Served where Pods are.
    public static var resource: ResourceDescriptor { Pod.resource }

    public init(metadata: ObjectMeta = ObjectMeta(), status: Status? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.status = status
    }

    /// Waiting reasons that mean the container will not start without a change
    /// (a transient `ContainerCreating` or `PodInitializing` is not one).
    public static let stuckReasons: Set<String> = [
        "ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError",
        "CreateContainerError", "RunContainerError",
    ]

    /// Why the pod cannot run, naming the container, or nil.
    public var failure: (reason: String, message: String)? {
        if status?.phase == "Failed" { return ("PodFailed", "the pod failed") }
        for container in (status?.initContainerStatuses ?? []) + (status?.containerStatuses ?? []) {
            if let waiting = container.state?.waiting, let reason = waiting.reason, Self.stuckReasons.contains(reason) {
                return (reason, "container \(container.name): \(reason)\(waiting.message.map { ": \($0)" } ?? "")")
            }
        }
        return nil
    }
}
