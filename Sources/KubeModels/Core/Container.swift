import Foundation
import KubeCore

/// One container of a Pod: image, command, environment, resources, probes and security.
public struct Container: Codable, Sendable, Hashable {
    /// The container name, a DNS-1123 label unique in the Pod.
    public var name: String
    /// The image reference, e.g. `ghcr.io/org/app:1.2`.
    public var image: String?
    /// `Always`, `IfNotPresent` or `Never`.
    public var imagePullPolicy: String?
    /// The entrypoint, replacing the image's `ENTRYPOINT`.
    public var command: [String]?
    /// Arguments to the entrypoint, replacing the image's `CMD`.
    public var args: [String]?
    /// The working directory.
    public var workingDir: String?
    /// Ports the container listens on (informational, and names for probes and Services).
    public var ports: [ContainerPort]?
    /// Environment variables.
    public var env: [EnvVar]?
    /// ConfigMaps and Secrets whose keys become environment variables.
    public var envFrom: [EnvFromSource]?
    /// CPU, memory and other resource requests and limits.
    public var resources: ResourceRequirements?
    /// Whether resizing a resource restarts the container.
    public var resizePolicy: [ContainerResizePolicy]?
    /// For init containers only: `Always` makes a native sidecar that starts before and runs beside the
    /// main containers.
    public var restartPolicy: String?
    /// Volumes mounted into the container's filesystem.
    public var volumeMounts: [VolumeMount]?
    /// Block volumes exposed as devices.
    public var volumeDevices: [VolumeDevice]?
    /// Restarts the container when it fails.
    public var livenessProbe: Probe?
    /// Removes the Pod from Service endpoints while it fails.
    public var readinessProbe: Probe?
    /// Holds off the other probes until the container has started.
    public var startupProbe: Probe?
    /// Hooks run after start and before stop.
    public var lifecycle: Lifecycle?
    /// The file the container writes its termination message to.
    public var terminationMessagePath: String?
    /// `File` or `FallbackToLogsOnError`.
    public var terminationMessagePolicy: String?
    /// The container's security settings, overriding the Pod's.
    public var securityContext: SecurityContext?
    /// Whether the container has a stdin buffer.
    public var stdin: Bool?
    /// Whether stdin closes after the first attach.
    public var stdinOnce: Bool?
    /// Whether the container gets a TTY.
    public var tty: Bool?

    public init(
        name: String, image: String? = nil, imagePullPolicy: String? = nil, command: [String]? = nil,
        args: [String]? = nil, workingDir: String? = nil, ports: [ContainerPort]? = nil, env: [EnvVar]? = nil,
        envFrom: [EnvFromSource]? = nil, resources: ResourceRequirements? = nil,
        resizePolicy: [ContainerResizePolicy]? = nil, restartPolicy: String? = nil,
        volumeMounts: [VolumeMount]? = nil, volumeDevices: [VolumeDevice]? = nil, livenessProbe: Probe? = nil,
        readinessProbe: Probe? = nil, startupProbe: Probe? = nil, lifecycle: Lifecycle? = nil,
        terminationMessagePath: String? = nil, terminationMessagePolicy: String? = nil,
        securityContext: SecurityContext? = nil, stdin: Bool? = nil, stdinOnce: Bool? = nil, tty: Bool? = nil
    ) {
        self.name = name
        self.image = image
        self.imagePullPolicy = imagePullPolicy
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.ports = ports
        self.env = env
        self.envFrom = envFrom
        self.resources = resources
        self.resizePolicy = resizePolicy
        self.restartPolicy = restartPolicy
        self.volumeMounts = volumeMounts
        self.volumeDevices = volumeDevices
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
        self.lifecycle = lifecycle
        self.terminationMessagePath = terminationMessagePath
        self.terminationMessagePolicy = terminationMessagePolicy
        self.securityContext = securityContext
        self.stdin = stdin
        self.stdinOnce = stdinOnce
        self.tty = tty
    }
}

/// A port a container listens on.
public struct ContainerPort: Codable, Sendable, Hashable {
    /// A name (IANA_SVC_NAME) that Services and probes can refer to.
    public var name: String?
    /// The port number in the container.
    public var containerPort: Int32
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// A port on the node mapped to this one (rarely needed).
    public var hostPort: Int32?
    /// The node IP to bind `hostPort` to.
    public var hostIP: String?

    public init(
        name: String? = nil, containerPort: Int32, protocol: String? = nil, hostPort: Int32? = nil,
        hostIP: String? = nil
    ) {
        self.name = name
        self.containerPort = containerPort
        self.`protocol` = `protocol`
        self.hostPort = hostPort
        self.hostIP = hostIP
    }
}

/// An environment variable: a literal value or one taken from elsewhere.
public struct EnvVar: Codable, Sendable, Hashable {
    /// The variable name.
    public var name: String
    /// The value; `$(VAR)` references to earlier variables are expanded.
    public var value: String?
    /// Where to take the value from instead.
    public var valueFrom: EnvVarSource?

    public init(name: String, value: String? = nil, valueFrom: EnvVarSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// Where an environment variable's value comes from; set exactly one member.
public struct EnvVarSource: Codable, Sendable, Hashable {
    /// A field of the Pod, e.g. `metadata.name`, `status.podIP`.
    public var fieldRef: ObjectFieldSelector?
    /// A container's resource request or limit.
    public var resourceFieldRef: ResourceFieldSelector?
    /// A key of a ConfigMap.
    public var configMapKeyRef: ConfigMapKeySelector?
    /// A key of a Secret.
    public var secretKeyRef: SecretKeySelector?

    public init(
        fieldRef: ObjectFieldSelector? = nil, resourceFieldRef: ResourceFieldSelector? = nil,
        configMapKeyRef: ConfigMapKeySelector? = nil, secretKeyRef: SecretKeySelector? = nil
    ) {
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.configMapKeyRef = configMapKeyRef
        self.secretKeyRef = secretKeyRef
    }
}

/// Selects a field of the Pod (downward API).
public struct ObjectFieldSelector: Codable, Sendable, Hashable {
    /// The version the field path is written in; defaults to `v1`.
    public var apiVersion: String?
    /// The field, e.g. `metadata.namespace`, `metadata.labels['app']`, `spec.nodeName`.
    public var fieldPath: String

    public init(apiVersion: String? = nil, fieldPath: String) {
        self.apiVersion = apiVersion
        self.fieldPath = fieldPath
    }
}

/// Selects a container's resource request or limit (downward API).
public struct ResourceFieldSelector: Codable, Sendable, Hashable {
    /// The container; required for volumes, optional for environment variables.
    public var containerName: String?
    /// The resource, e.g. `limits.memory`, `requests.cpu`.
    public var resource: String
    /// The unit of the exposed value, e.g. `1Mi`; defaults to `1`.
    public var divisor: Quantity?

    public init(containerName: String? = nil, resource: String, divisor: Quantity? = nil) {
        self.containerName = containerName
        self.resource = resource
        self.divisor = divisor
    }
}

/// Selects a key of a ConfigMap.
public struct ConfigMapKeySelector: Codable, Sendable, Hashable {
    /// The ConfigMap name.
    public var name: String?
    /// The key.
    public var key: String
    /// Whether a missing ConfigMap or key is allowed.
    public var optional: Bool?

    public init(name: String? = nil, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// Selects a key of a Secret.
public struct SecretKeySelector: Codable, Sendable, Hashable {
    /// The Secret name.
    public var name: String?
    /// The key.
    public var key: String
    /// Whether a missing Secret or key is allowed.
    public var optional: Bool?

    public init(name: String? = nil, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// A ConfigMap or Secret whose keys all become environment variables.
public struct EnvFromSource: Codable, Sendable, Hashable {
    /// A prefix added to every variable name.
    public var prefix: String?
    /// The ConfigMap to read.
    public var configMapRef: ConfigMapEnvSource?
    /// The Secret to read.
    public var secretRef: SecretEnvSource?

    public init(prefix: String? = nil, configMapRef: ConfigMapEnvSource? = nil, secretRef: SecretEnvSource? = nil) {
        self.prefix = prefix
        self.configMapRef = configMapRef
        self.secretRef = secretRef
    }
}

/// A ConfigMap used as a source of environment variables.
public struct ConfigMapEnvSource: Codable, Sendable, Hashable {
    /// The ConfigMap name.
    public var name: String?
    /// Whether the ConfigMap may be missing.
    public var optional: Bool?

    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

/// A Secret used as a source of environment variables.
public struct SecretEnvSource: Codable, Sendable, Hashable {
    /// The Secret name.
    public var name: String?
    /// Whether the Secret may be missing.
    public var optional: Bool?

    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

/// The compute resources a container requests and may not exceed.
public struct ResourceRequirements: Codable, Sendable, Hashable {
    /// The maximum by resource, e.g. `memory: 1Gi`, `nvidia.com/gpu: 1`.
    public var limits: [String: Quantity]?
    /// The amount reserved for scheduling, e.g. `cpu: 500m`.
    public var requests: [String: Quantity]?
    /// Dynamic resource claims (DRA) the container uses.
    public var claims: [ResourceClaim]?

    public init(
        limits: [String: Quantity]? = nil, requests: [String: Quantity]? = nil, claims: [ResourceClaim]? = nil
    ) {
        self.limits = limits
        self.requests = requests
        self.claims = claims
    }
}

/// A reference to one of the Pod's resource claims.
public struct ResourceClaim: Codable, Sendable, Hashable {
    /// The name of an entry of `spec.resourceClaims`.
    public var name: String
    /// A request within the claim.
    public var request: String?

    public init(name: String, request: String? = nil) {
        self.name = name
        self.request = request
    }
}

/// How a container reacts to an in-place resize of one resource.
public struct ContainerResizePolicy: Codable, Sendable, Hashable {
    /// `cpu` or `memory`.
    public var resourceName: String
    /// `NotRequired` or `RestartContainer`.
    public var restartPolicy: String

    public init(resourceName: String, restartPolicy: String) {
        self.resourceName = resourceName
        self.restartPolicy = restartPolicy
    }
}

/// A volume mounted into a container.
public struct VolumeMount: Codable, Sendable, Hashable {
    /// The name of a volume of the Pod.
    public var name: String
    /// The path in the container.
    public var mountPath: String
    /// Whether the mount is read-only.
    public var readOnly: Bool?
    /// `Disabled`, `IfPossible` or `Enabled`.
    public var recursiveReadOnly: String?
    /// A path within the volume to mount instead of its root.
    public var subPath: String?
    /// Like `subPath`, with `$(VAR)` expansion.
    public var subPathExpr: String?
    /// `None`, `HostToContainer` or `Bidirectional`.
    public var mountPropagation: String?

    public init(
        name: String, mountPath: String, readOnly: Bool? = nil, recursiveReadOnly: String? = nil,
        subPath: String? = nil, subPathExpr: String? = nil, mountPropagation: String? = nil
    ) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.recursiveReadOnly = recursiveReadOnly
        self.subPath = subPath
        self.subPathExpr = subPathExpr
        self.mountPropagation = mountPropagation
    }
}

/// A block volume exposed as a device.
public struct VolumeDevice: Codable, Sendable, Hashable {
    /// The name of a volume claim of the Pod.
    public var name: String
    /// The device path in the container.
    public var devicePath: String

    public init(name: String, devicePath: String) {
        self.name = name
        self.devicePath = devicePath
    }
}
