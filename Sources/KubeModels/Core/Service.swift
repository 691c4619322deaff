import Foundation
import KubeCore

/// `Service`: a stable name and address for a set of Pods.
public struct Service: KubernetesObject, Hashable, HasStatus {
    /// The schema version, `v1`.
    public var apiVersion: String?
    /// The kind, `Service`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The ports, selector and type of the Service.
    public var spec: ServiceSpec?
    /// The load balancer state, written by the server.
    public var status: ServiceStatus?

    /// Served at `v1`, resource `services`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", kind: "Service", plural: "services", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: ServiceSpec? = nil, status: ServiceStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A list of ``Service`` objects, as returned by a list request.
public typealias ServiceList = ObjectList<Service>

/// The desired state of a Service.
public struct ServiceSpec: Codable, Sendable, Hashable {
    /// `ClusterIP` (default), `NodePort`, `LoadBalancer` or `ExternalName`.
    public var type: String?
    /// Routes traffic to Pods with these labels; absent for Services with manual endpoints.
    public var selector: [String: String]?
    /// The ports the Service exposes.
    public var ports: [ServicePort]?
    /// The virtual IP, assigned by the server; `None` makes a headless Service.
    public var clusterIP: String?
    /// The virtual IPs, one per IP family.
    public var clusterIPs: [String]?
    /// Extra IPs for which nodes accept traffic for this Service.
    public var externalIPs: [String]?
    /// The DNS name an `ExternalName` Service aliases.
    public var externalName: String?
    /// `None` (default) or `ClientIP`.
    public var sessionAffinity: String?
    /// The client-IP affinity settings, kept as raw JSON.
    public var sessionAffinityConfig: JSONValue?
    /// Deprecated: the requested load balancer IP.
    public var loadBalancerIP: String?
    /// CIDRs allowed to reach a load balancer.
    public var loadBalancerSourceRanges: [String]?
    /// The load balancer implementation to use.
    public var loadBalancerClass: String?
    /// `Cluster` or `Local`: how external traffic is routed to nodes.
    public var externalTrafficPolicy: String?
    /// `Cluster` or `Local`: how in-cluster traffic is routed.
    public var internalTrafficPolicy: String?
    /// The node port for load balancer health checks with `Local` policy.
    public var healthCheckNodePort: Int32?
    /// Whether DNS lists Pods that are not ready (useful for StatefulSet peers).
    public var publishNotReadyAddresses: Bool?
    /// `IPv4` and/or `IPv6`.
    public var ipFamilies: [String]?
    /// `SingleStack`, `PreferDualStack` or `RequireDualStack`.
    public var ipFamilyPolicy: String?
    /// Whether `LoadBalancer` Services get node ports.
    public var allocateLoadBalancerNodePorts: Bool?
    /// A preference for how traffic is spread, e.g. `PreferClose`.
    public var trafficDistribution: String?

    public init(
        type: String? = nil, selector: [String: String]? = nil, ports: [ServicePort]? = nil,
        clusterIP: String? = nil, clusterIPs: [String]? = nil, externalIPs: [String]? = nil,
        externalName: String? = nil, sessionAffinity: String? = nil, sessionAffinityConfig: JSONValue? = nil,
        loadBalancerIP: String? = nil, loadBalancerSourceRanges: [String]? = nil, loadBalancerClass: String? = nil,
        externalTrafficPolicy: String? = nil, internalTrafficPolicy: String? = nil,
        healthCheckNodePort: Int32? = nil, publishNotReadyAddresses: Bool? = nil, ipFamilies: [String]? = nil,
        ipFamilyPolicy: String? = nil, allocateLoadBalancerNodePorts: Bool? = nil,
        trafficDistribution: String? = nil
    ) {
        self.type = type
        self.selector = selector
        self.ports = ports
        self.clusterIP = clusterIP
        self.clusterIPs = clusterIPs
        self.externalIPs = externalIPs
        self.externalName = externalName
        self.sessionAffinity = sessionAffinity
        self.sessionAffinityConfig = sessionAffinityConfig
        self.loadBalancerIP = loadBalancerIP
        self.loadBalancerSourceRanges = loadBalancerSourceRanges
        self.loadBalancerClass = loadBalancerClass
        self.externalTrafficPolicy = externalTrafficPolicy
        self.internalTrafficPolicy = internalTrafficPolicy
        self.healthCheckNodePort = healthCheckNodePort
        self.publishNotReadyAddresses = publishNotReadyAddresses
        self.ipFamilies = ipFamilies
        self.ipFamilyPolicy = ipFamilyPolicy
        self.allocateLoadBalancerNodePorts = allocateLoadBalancerNodePorts
        self.trafficDistribution = trafficDistribution
    }
}

/// One port a Service exposes.
public struct ServicePort: Codable, Sendable, Hashable {
    /// The port name, required when there is more than one port.
    public var name: String?
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// The application protocol, e.g. `http`, `kubernetes.io/h2c`.
    public var appProtocol: String?
    /// The port the Service listens on.
    public var port: Int32
    /// The Pod port (number or named container port); defaults to `port`.
    public var targetPort: IntOrString?
    /// The port on each node, for `NodePort` and `LoadBalancer` Services.
    public var nodePort: Int32?

    public init(
        name: String? = nil, protocol: String? = nil, appProtocol: String? = nil, port: Int32,
        targetPort: IntOrString? = nil, nodePort: Int32? = nil
    ) {
        self.name = name
        self.`protocol` = `protocol`
        self.appProtocol = appProtocol
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }
}

/// The observed state of a Service.
public struct ServiceStatus: Codable, Sendable, Hashable {
    /// The ingress points of a load balancer.
    public var loadBalancer: LoadBalancerStatus?
    /// The Service's conditions.
    public var conditions: [Condition]?

    public init(loadBalancer: LoadBalancerStatus? = nil, conditions: [Condition]? = nil) {
        self.loadBalancer = loadBalancer
        self.conditions = conditions
    }
}

/// The ingress points of a load balancer.
public struct LoadBalancerStatus: Codable, Sendable, Hashable {
    /// The IPs or host names traffic can be sent to.
    public var ingress: [LoadBalancerIngress]?

    public init(ingress: [LoadBalancerIngress]? = nil) {
        self.ingress = ingress
    }
}

/// One ingress point of a load balancer.
public struct LoadBalancerIngress: Codable, Sendable, Hashable {
    /// The IP address.
    public var ip: String?
    /// The DNS name.
    public var hostname: String?
    /// `VIP` or `Proxy`.
    public var ipMode: String?
    /// The state of each port.
    public var ports: [PortStatus]?

    public init(ip: String? = nil, hostname: String? = nil, ipMode: String? = nil, ports: [PortStatus]? = nil) {
        self.ip = ip
        self.hostname = hostname
        self.ipMode = ipMode
        self.ports = ports
    }
}

/// The state of one load balancer port.
public struct PortStatus: Codable, Sendable, Hashable {
    /// The port number.
    public var port: Int32
    /// The protocol.
    public var `protocol`: String
    /// A CamelCase reason when the port is not working.
    public var error: String?

    public init(port: Int32, protocol: String, error: String? = nil) {
        self.port = port
        self.`protocol` = `protocol`
        self.error = error
    }
}
