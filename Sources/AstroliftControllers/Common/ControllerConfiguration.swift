import KubeCore

/// How the controller shapes what it creates: the settings of `astrolift controller`
/// (flags, config file, environment) that are not about running the process itself.
public struct ControllerConfiguration: Sendable, Hashable, Codable {
    /// Namespaces whose Workbenches and GatewayPolicies are reconciled; empty for all.
    public var watchNamespaces: [String]
    /// Reconciles running at once, per kind.
    public var maxConcurrentReconciles: Int
    /// The host of each workbench's Ingress, with `{name}` and `{namespace}` replaced;
    /// `nil` creates no Ingress and reports no URL.
    public var ingressHostTemplate: String?
    /// The IngressClass of those Ingresses; the cluster default when `nil`.
    public var ingressClassName: String?
    /// The ingress controller's namespace, whose pods may reach workbenches.
    public var ingressControllerNamespace: String
    /// The StorageClass of home volumes when neither Workbench nor Tenant names one.
    public var defaultStorageClass: String?
    /// The gateway sidecar's image (`astrolift gateway`).
    public var gatewayImage: String
    /// The auth-proxy sidecar's image (`astrolift auth-proxy`).
    public var authProxyImage: String
    /// Image pull secrets added to every workbench pod.
    public var imagePullSecrets: [String]
    /// Whether the URL is `https://` (the Ingress has TLS) or `http://`.
    public var ingressTLS: Bool
    /// The controller's own namespace: where a ClusterKeyProvider's Secret references
    /// without a namespace point.
    public var controllerNamespace: String
    /// The controller's ServiceAccount (in ``controllerNamespace``), whose tokens Vault
    /// Kubernetes auth and web identity use (TokenRequest).
    public var controllerServiceAccount: String

    /// The default image of the gateway and auth proxy when none is configured.
    public static let defaultImage = "ghcr.io/astrolift/astrolift:0.1.0"

    public init(
        watchNamespaces: [String] = [], maxConcurrentReconciles: Int = 4, ingressHostTemplate: String? = nil,
        ingressClassName: String? = nil, ingressControllerNamespace: String = "ingress-nginx",
        defaultStorageClass: String? = nil, gatewayImage: String = ControllerConfiguration.defaultImage,
        authProxyImage: String = ControllerConfiguration.defaultImage, imagePullSecrets: [String] = [],
        ingressTLS: Bool = true, controllerNamespace: String = "astrolift-system",
        controllerServiceAccount: String = "astrolift-controller"
    ) {
        self.watchNamespaces = watchNamespaces
        self.maxConcurrentReconciles = maxConcurrentReconciles
        self.ingressHostTemplate = ingressHostTemplate
        self.ingressClassName = ingressClassName
        self.ingressControllerNamespace = ingressControllerNamespace
        self.defaultStorageClass = defaultStorageClass
        self.gatewayImage = gatewayImage
        self.authProxyImage = authProxyImage
        self.imagePullSecrets = imagePullSecrets
        self.ingressTLS = ingressTLS
        self.controllerNamespace = controllerNamespace
        self.controllerServiceAccount = controllerServiceAccount
    }

    /// The Ingress host of workbench `name` in `namespace`, if there is a template.
    public func ingressHost(name: String, namespace: String) -> String? {
        guard let template = ingressHostTemplate, !template.isEmpty else { return nil }
        return template.replacingOccurrences(of: "{name}", with: name)
            .replacingOccurrences(of: "{namespace}", with: namespace)
    }

    /// Checks the settings; the error names the setting and what to write instead.
    public func validate() throws(ControllerConfigurationError) {
        if let template = ingressHostTemplate, !template.isEmpty {
            guard template.contains("{name}") else {
                throw ControllerConfigurationError(
                    setting: "ingress-host-template",
                    problem: "\"\(template)\" has no {name}, so every workbench would get the same host",
                    fix: "use a template such as \"{name}-{namespace}.workbenches.example.com\"")
            }
            let sample = ingressHost(name: "a", namespace: "b") ?? ""
            let labels = sample.split(separator: ".", omittingEmptySubsequences: false)
            let valid =
                sample.count <= 253
                && labels.allSatisfy { label in
                    !label.isEmpty && label.count <= 63
                        && label.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
                        && label.first != "-" && label.last != "-"
                }
            guard valid else {
                throw ControllerConfigurationError(
                    setting: "ingress-host-template",
                    problem: "\"\(template)\" does not give a valid DNS host name",
                    fix: "use lower-case letters, digits, '-' and '.', with {name} and {namespace} placeholders")
            }
        }
        guard maxConcurrentReconciles >= 1 else {
            throw ControllerConfigurationError(
                setting: "max-concurrent-reconciles", problem: "\(maxConcurrentReconciles) is less than 1",
                fix: "give a number of 1 or more")
        }
        for (setting, image) in [("gateway-image", gatewayImage), ("auth-proxy-image", authProxyImage)]
        where image.isEmpty || image.contains(" ") {
            throw ControllerConfigurationError(
                setting: setting, problem: "\"\(image)\" is not an image reference",
                fix: "give an image such as registry.example.com/astrolift/astrolift:0.1.0")
        }
    }
}

/// A controller setting that cannot work.
public struct ControllerConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The flag (without dashes) or config-file key.
    public var setting: String
    /// What is wrong.
    public var problem: String
    /// What to do.
    public var fix: String

    public var description: String { "--\(setting): \(problem); \(fix)" }
}
