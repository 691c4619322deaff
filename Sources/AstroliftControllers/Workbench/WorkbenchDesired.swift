import AstroliftAPI
import Foundation
import KubeCore
import KubeModels

/// The objects a Workbench turns into: a pure function of the Workbench, what it
/// resolved to, the controller's settings and whether it should run now.
public struct WorkbenchDesired: Sendable, Hashable {
    public var homeClaim: PersistentVolumeClaim
    public var statefulSet: StatefulSet
    public var service: Service
    /// Only when the controller has an ingress host template.
    public var ingress: Ingress?
    public var networkPolicy: NetworkPolicy
    /// Where the user opens the workbench, when there is an Ingress.
    public var url: String?
    /// Settings dropped because they would carry provider credentials into the workbench container.
    public var removed: [String]

    /// The home volume's claim name.
    public static func homeClaimName(_ workbench: String) -> String { "\(workbench)-home" }
    /// The per-workbench NetworkPolicy's name.
    public static func networkPolicyName(_ workbench: String) -> String { "\(workbench)-fence" }

    public init(
        workbench: Workbench, resolved: ResolvedWorkbench, configuration: ControllerConfiguration, running: Bool
    ) {
        let name = workbench.metadata.name ?? ""
        let namespace = workbench.metadata.namespace ?? ""
        let selector = WorkbenchPodTemplate.selectorLabels(workbench: name)
        func labels(_ component: String) -> [String: String] {
            AstroliftLabels.common(name: "workbench", instance: name, component: component)
                .merging([AstroliftLabels.workbench: name]) { $1 }
        }

        homeClaim = PersistentVolumeClaim(
            metadata: ObjectMeta(name: Self.homeClaimName(name), namespace: namespace, labels: labels("home")),
            spec: PersistentVolumeClaimSpec(
                accessModes: ["ReadWriteOnce"],
                resources: VolumeResourceRequirements(requests: ["storage": resolved.homeSize]),
                storageClassName: resolved.storageClassName))

        let pod = WorkbenchPodTemplate.make(workbench: workbench, resolved: resolved, configuration: configuration)
        removed = pod.removed
        statefulSet = StatefulSet(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels("session")),
            spec: StatefulSetSpec(
                replicas: running ? 1 : 0, selector: LabelSelector(matchLabels: selector), template: pod.template,
                serviceName: name, podManagementPolicy: "Parallel",
                updateStrategy: StatefulSetUpdateStrategy(type: "RollingUpdate"), revisionHistoryLimit: 2))

        let authProxy = resolved.identityProvider != nil
        let targetPort: IntOrString = .string(authProxy ? "auth-proxy" : "http")
        service = Service(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels("session")),
            spec: ServiceSpec(
                type: "ClusterIP", selector: selector,
                ports: [ServicePort(name: "http", protocol: "TCP", port: 80, targetPort: targetPort)]))

        if let host = configuration.ingressHost(name: name, namespace: namespace) {
            ingress = Ingress(
                metadata: ObjectMeta(name: name, namespace: namespace, labels: labels("session")),
                spec: IngressSpec(
                    ingressClassName: configuration.ingressClassName,
                    tls: configuration.ingressTLS ? [IngressTLS(hosts: [host])] : nil,
                    rules: [
                        IngressRule(
                            host: host,
                            http: HTTPIngressRuleValue(paths: [
                                HTTPIngressPath(
                                    path: "/", pathType: "Prefix",
                                    backend: IngressBackend(
                                        service: IngressServiceBackend(
                                            name: name, port: ServiceBackendPort(name: "http"))))
                            ]))
                    ]))
            url = "\(configuration.ingressTLS ? "https" : "http")://\(host)/"
        } else {
            ingress = nil
            url = nil
        }

        let servingPort: Int32 = authProxy ? WorkbenchPodTemplate.authProxyPort : resolved.workbenchClass.port
        networkPolicy = NetworkPolicy(
            metadata: ObjectMeta(
                name: Self.networkPolicyName(name), namespace: namespace, labels: labels("network-fence")),
            spec: NetworkPolicySpec(
                podSelector: LabelSelector(matchLabels: selector),
                ingress: [
                    NetworkPolicyIngressRule(
                        ports: [NetworkPolicyPort(protocol: "TCP", port: .int(servingPort))],
                        from: [
                            NetworkPolicyPeer(
                                namespaceSelector: TenantDesired.namespaceSelector(
                                    configuration.ingressControllerNamespace))
                        ])
                ],
                egress: Self.providerEgress(resolved.policy.endpoints),
                policyTypes: ["Ingress", "Egress"]))
    }

    /// Private and link-local ranges (the cloud metadata service among them) stay closed
    /// when a public provider opens egress to the internet.
    static let privateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10"]

    /// Egress the gateway needs for the policy's providers. A NetworkPolicy cannot name
    /// hosts: an in-cluster service opens its namespace, an IP opens that address, and a
    /// public host opens the internet (not private ranges) on its port. The workbench
    /// container shares the pod's network; what keeps it from using providers directly is
    /// that it never holds their credentials.
    static func providerEgress(_ endpoints: [String]) -> [NetworkPolicyEgressRule] {
        struct RuleKey: Hashable {
            var peer: NetworkPolicyPeer
            var port: Int32
        }
        var rules: [NetworkPolicyEgressRule] = []
        var seen = Set<RuleKey>()
        for text in endpoints {
            guard let endpoint = URLComponents(string: text), let host = endpoint.host, !host.isEmpty else { continue }
            let port = Int32(endpoint.port ?? (endpoint.scheme == "http" ? 80 : 443))
            let ports = [NetworkPolicyPort(protocol: "TCP", port: .int(port))]
            let peer: NetworkPolicyPeer
            let labels = host.split(separator: ".")
            if host.allSatisfy({ $0.isNumber || $0 == "." }) || host.contains(":") {
                peer = NetworkPolicyPeer(ipBlock: IPBlock(cidr: host.contains(":") ? "\(host)/128" : "\(host)/32"))
            } else if labels.count >= 3, labels[2] == "svc" {
                peer = NetworkPolicyPeer(namespaceSelector: TenantDesired.namespaceSelector(String(labels[1])))
            } else {
                peer = NetworkPolicyPeer(ipBlock: IPBlock(cidr: "0.0.0.0/0", except: privateRanges))
            }
            if seen.insert(RuleKey(peer: peer, port: port)).inserted {
                rules.append(NetworkPolicyEgressRule(ports: ports, to: [peer]))
            }
        }
        return rules
    }
}
