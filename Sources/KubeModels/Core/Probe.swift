import Foundation
import KubeCore

/// A health check: an action and how often and how patiently to run it.
public struct Probe: Codable, Sendable, Hashable {
    /// Runs a command; exit status 0 is healthy.
    public var exec: ExecAction?
    /// Sends an HTTP GET; a 2xx or 3xx status is healthy.
    public var httpGet: HTTPGetAction?
    /// Opens a TCP connection.
    public var tcpSocket: TCPSocketAction?
    /// Calls the gRPC health service.
    public var grpc: GRPCAction?
    /// Seconds after start before the first probe.
    public var initialDelaySeconds: Int32?
    /// Seconds before a probe times out (default 1).
    public var timeoutSeconds: Int32?
    /// Seconds between probes (default 10).
    public var periodSeconds: Int32?
    /// Consecutive successes to count as healthy again (must be 1 for liveness and startup).
    public var successThreshold: Int32?
    /// Consecutive failures to count as unhealthy (default 3).
    public var failureThreshold: Int32?
    /// Grace period when a liveness or startup failure kills the container.
    public var terminationGracePeriodSeconds: Int64?

    public init(
        exec: ExecAction? = nil, httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil,
        grpc: GRPCAction? = nil, initialDelaySeconds: Int32? = nil, timeoutSeconds: Int32? = nil,
        periodSeconds: Int32? = nil, successThreshold: Int32? = nil, failureThreshold: Int32? = nil,
        terminationGracePeriodSeconds: Int64? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.grpc = grpc
        self.initialDelaySeconds = initialDelaySeconds
        self.timeoutSeconds = timeoutSeconds
        self.periodSeconds = periodSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }
}

/// Runs a command in the container.
public struct ExecAction: Codable, Sendable, Hashable {
    /// The command and arguments; not run in a shell.
    public var command: [String]?

    public init(command: [String]? = nil) {
        self.command = command
    }
}

/// An HTTP GET request against the container.
public struct HTTPGetAction: Codable, Sendable, Hashable {
    /// The request path.
    public var path: String?
    /// The port number or name.
    public var port: IntOrString
    /// The host; defaults to the Pod IP.
    public var host: String?
    /// `HTTP` (default) or `HTTPS`.
    public var scheme: String?
    /// Extra request headers.
    public var httpHeaders: [HTTPHeader]?

    public init(
        path: String? = nil, port: IntOrString, host: String? = nil, scheme: String? = nil,
        httpHeaders: [HTTPHeader]? = nil
    ) {
        self.path = path
        self.port = port
        self.host = host
        self.scheme = scheme
        self.httpHeaders = httpHeaders
    }
}

/// A header of an HTTP probe.
public struct HTTPHeader: Codable, Sendable, Hashable {
    /// The header name.
    public var name: String
    /// The header value.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A TCP connection to the container.
public struct TCPSocketAction: Codable, Sendable, Hashable {
    /// The port number or name.
    public var port: IntOrString
    /// The host; defaults to the Pod IP.
    public var host: String?

    public init(port: IntOrString, host: String? = nil) {
        self.port = port
        self.host = host
    }
}

/// A call to the standard gRPC health service.
public struct GRPCAction: Codable, Sendable, Hashable {
    /// The port number.
    public var port: Int32
    /// The service name sent in the health request.
    public var service: String?

    public init(port: Int32, service: String? = nil) {
        self.port = port
        self.service = service
    }
}

/// Hooks run around a container's life.
public struct Lifecycle: Codable, Sendable, Hashable {
    /// Runs right after the container starts.
    public var postStart: LifecycleHandler?
    /// Runs before the container is stopped.
    public var preStop: LifecycleHandler?
    /// The signal used to stop the container, e.g. `SIGTERM`.
    public var stopSignal: String?

    public init(postStart: LifecycleHandler? = nil, preStop: LifecycleHandler? = nil, stopSignal: String? = nil) {
        self.postStart = postStart
        self.preStop = preStop
        self.stopSignal = stopSignal
    }
}

/// The action of a lifecycle hook; set exactly one member.
public struct LifecycleHandler: Codable, Sendable, Hashable {
    /// Runs a command.
    public var exec: ExecAction?
    /// Sends an HTTP GET.
    public var httpGet: HTTPGetAction?
    /// Deprecated: opens a TCP connection.
    public var tcpSocket: TCPSocketAction?
    /// Waits.
    public var sleep: SleepAction?

    public init(
        exec: ExecAction? = nil, httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil,
        sleep: SleepAction? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.sleep = sleep
    }
}

/// Waits before going on.
public struct SleepAction: Codable, Sendable, Hashable {
    /// The number of seconds to wait.
    public var seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }
}
