import Foundation
import KubeCore

/// `NetworkPolicy`: which traffic may reach, and leave, the selected Pods.
public struct NetworkPolicy: KubernetesObject, Hashable {
    /// The schema version, `networking.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `NetworkPolicy`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The Pods selected and the traffic allowed.
    public var spec: NetworkPolicySpec?

    /// Served at `networking.k8s.io/v1`, resource `networkpolicies`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "networking.k8s.io", version: "v1", kind: "NetworkPolicy", plural: "networkpolicies", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: NetworkPolicySpec? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// A list of ``NetworkPolicy`` objects, as returned by a list request.
public typealias NetworkPolicyList = ObjectList<NetworkPolicy>

/// The rules of a NetworkPolicy. Selected Pods accept only the traffic some policy allows.
public struct NetworkPolicySpec: Codable, Sendable, Hashable {
    /// The Pods the policy applies to; empty selects every Pod of the namespace.
    public var podSelector: LabelSelector
    /// Allowed incoming traffic.
    public var ingress: [NetworkPolicyIngressRule]?
    /// Allowed outgoing traffic.
    public var egress: [NetworkPolicyEgressRule]?
    /// `Ingress`, `Egress` or both: the directions the policy restricts.
    public var policyTypes: [String]?

    public init(
        podSelector: LabelSelector = LabelSelector(), ingress: [NetworkPolicyIngressRule]? = nil,
        egress: [NetworkPolicyEgressRule]? = nil, policyTypes: [String]? = nil
    ) {
        self.podSelector = podSelector
        self.ingress = ingress
        self.egress = egress
        self.policyTypes = policyTypes
    }
}

/// Incoming traffic allowed: from all of `from`, to all of `ports`.
public struct NetworkPolicyIngressRule: Codable, Sendable, Hashable {
    /// The ports; absent or empty means every port.
    public var ports: [NetworkPolicyPort]?
    /// The sources; absent or empty means every source.
    public var from: [NetworkPolicyPeer]?

    public init(ports: [NetworkPolicyPort]? = nil, from: [NetworkPolicyPeer]? = nil) {
        self.ports = ports
        self.from = from
    }
}

/// Outgoing traffic allowed: to all of `to`, on all of `ports`.
public struct NetworkPolicyEgressRule: Codable, Sendable, Hashable {
    /// The ports; absent or empty means every port.
    public var ports: [NetworkPolicyPort]?
    /// The destinations; absent or empty means every destination.
    public var to: [NetworkPolicyPeer]?

    public init(ports: [NetworkPolicyPort]? = nil, to: [NetworkPolicyPeer]? = nil) {
        self.ports = ports
        self.to = to
    }
}

/// A port or port range.
public struct NetworkPolicyPort: Codable, Sendable, Hashable {
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// The port number or named port; absent means all.
    public var port: IntOrString?
    /// The end of a port range starting at `port`.
    public var endPort: Int32?

    public init(protocol: String? = nil, port: IntOrString? = nil, endPort: Int32? = nil) {
        self.`protocol` = `protocol`
        self.port = port
        self.endPort = endPort
    }
}

/// A source or destination: Pods, namespaces or an IP block.
public struct NetworkPolicyPeer: Codable, Sendable, Hashable {
    /// Pods, in the policy's namespace unless `namespaceSelector` is set.
    public var podSelector: LabelSelector?
    /// Namespaces; with `podSelector`, the Pods in them.
    public var namespaceSelector: LabelSelector?
    /// An IP range.
    public var ipBlock: IPBlock?

    public init(
        podSelector: LabelSelector? = nil, namespaceSelector: LabelSelector? = nil, ipBlock: IPBlock? = nil
    ) {
        self.podSelector = podSelector
        self.namespaceSelector = namespaceSelector
        self.ipBlock = ipBlock
    }
}

/// An IP range with exceptions.
public struct IPBlock: Codable, Sendable, Hashable {
    /// The range, e.g. `10.0.0.0/8`.
    public var cidr: String
    /// Ranges inside `cidr` to leave out.
    public var except: [String]?

    public init(cidr: String, except: [String]? = nil) {
        self.cidr = cidr
        self.except = except
    }
}
