import Foundation
import KubeCore

/// `Ingress`: HTTP(S) routes from outside the cluster to Services.
public struct Ingress: KubernetesObject, Hashable, HasStatus {
    /// The schema version, `networking.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `Ingress`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The routes and TLS settings.
    public var spec: IngressSpec?
    /// The load balancer addresses, written by the ingress controller.
    public var status: IngressStatus?

    /// Served at `networking.k8s.io/v1`, resource `ingresses`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "networking.k8s.io", version: "v1", kind: "Ingress", plural: "ingresses", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: IngressSpec? = nil, status: IngressStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A list of ``Ingress`` objects, as returned by a list request.
public typealias IngressList = ObjectList<Ingress>

/// The routes of an Ingress.
public struct IngressSpec: Codable, Sendable, Hashable {
    /// The IngressClass, i.e. which controller implements the Ingress.
    public var ingressClassName: String?
    /// Where requests that match no rule go.
    public var defaultBackend: IngressBackend?
    /// TLS settings by host.
    public var tls: [IngressTLS]?
    /// Routes by host and path.
    public var rules: [IngressRule]?

    public init(
        ingressClassName: String? = nil, defaultBackend: IngressBackend? = nil, tls: [IngressTLS]? = nil,
        rules: [IngressRule]? = nil
    ) {
        self.ingressClassName = ingressClassName
        self.defaultBackend = defaultBackend
        self.tls = tls
        self.rules = rules
    }
}

/// Where an Ingress sends matching requests; set one member.
public struct IngressBackend: Codable, Sendable, Hashable {
    /// A Service port.
    public var service: IngressServiceBackend?
    /// Another object, e.g. a storage bucket.
    public var resource: TypedLocalObjectReference?

    public init(service: IngressServiceBackend? = nil, resource: TypedLocalObjectReference? = nil) {
        self.service = service
        self.resource = resource
    }
}

/// A Service port as an Ingress backend.
public struct IngressServiceBackend: Codable, Sendable, Hashable {
    /// The Service name.
    public var name: String
    /// The Service port.
    public var port: ServiceBackendPort?

    public init(name: String, port: ServiceBackendPort? = nil) {
        self.name = name
        self.port = port
    }
}

/// A Service port by number or name; set one.
public struct ServiceBackendPort: Codable, Sendable, Hashable {
    /// The port name.
    public var name: String?
    /// The port number.
    public var number: Int32?

    public init(name: String? = nil, number: Int32? = nil) {
        self.name = name
        self.number = number
    }
}

/// TLS for some hosts of an Ingress.
public struct IngressTLS: Codable, Sendable, Hashable {
    /// The hosts the certificate covers.
    public var hosts: [String]?
    /// The Secret holding the certificate and key.
    public var secretName: String?

    public init(hosts: [String]? = nil, secretName: String? = nil) {
        self.hosts = hosts
        self.secretName = secretName
    }
}

/// The routes of one host.
public struct IngressRule: Codable, Sendable, Hashable {
    /// The host, possibly with a leading `*.` wildcard; absent matches all.
    public var host: String?
    /// The paths.
    public var http: HTTPIngressRuleValue?

    public init(host: String? = nil, http: HTTPIngressRuleValue? = nil) {
        self.host = host
        self.http = http
    }
}

/// The HTTP paths of an Ingress rule.
public struct HTTPIngressRuleValue: Codable, Sendable, Hashable {
    /// The paths.
    public var paths: [HTTPIngressPath]

    public init(paths: [HTTPIngressPath]) {
        self.paths = paths
    }
}

/// One path of an Ingress rule.
public struct HTTPIngressPath: Codable, Sendable, Hashable {
    /// The path, starting with `/`.
    public var path: String?
    /// `Prefix`, `Exact` or `ImplementationSpecific`.
    public var pathType: String
    /// Where matching requests go.
    public var backend: IngressBackend

    public init(path: String? = nil, pathType: String, backend: IngressBackend) {
        self.path = path
        self.pathType = pathType
        self.backend = backend
    }
}

/// The observed state of an Ingress.
public struct IngressStatus: Codable, Sendable, Hashable {
    /// The addresses of the load balancer.
    public var loadBalancer: IngressLoadBalancerStatus?

    public init(loadBalancer: IngressLoadBalancerStatus? = nil) {
        self.loadBalancer = loadBalancer
    }
}

/// The addresses of an Ingress load balancer.
public struct IngressLoadBalancerStatus: Codable, Sendable, Hashable {
    /// The ingress points.
    public var ingress: [IngressLoadBalancerIngress]?

    public init(ingress: [IngressLoadBalancerIngress]? = nil) {
        self.ingress = ingress
    }
}

/// One ingress point of an Ingress.
public struct IngressLoadBalancerIngress: Codable, Sendable, Hashable {
    /// The IP address.
    public var ip: String?
    /// The DNS name.
    public var hostname: String?
    /// The state of each port.
    public var ports: [PortStatus]?

    public init(ip: String? = nil, hostname: String? = nil, ports: [PortStatus]? = nil) {
        self.ip = ip
        self.hostname = hostname
        self.ports = ports
    }
}
