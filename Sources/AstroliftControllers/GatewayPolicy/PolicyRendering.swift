import AstroliftAPI
import Crypto
import Foundation
import KubeCore
import KubeModels

/// A GatewayPolicy rendered for the gateway sidecar: canonical JSON (keys sorted, no
/// whitespace) and its sha256. Equal policies give equal bytes, so the hash names a
/// policy version: it goes into the pod template (a change rolls the sessions) and
/// into `Workbench.status.gatewayPolicyHash`.
public struct PolicyRendering: Sendable, Hashable {
    /// The format version the gateway checks before reading anything else.
    public static let formatVersion = "astrolift.dev/gateway-policy/v1"
    /// The key of the rendering in its ConfigMap, and the file name in the sidecar.
    public static let fileName = "policy.json"
    /// Where the gateway sidecar mounts the rendering.
    public static let mountDirectory = "/etc/astrolift/policy"
    /// Where the gateway sidecar finds provider credentials, one directory per provider.
    public static let credentialsDirectory = "/var/run/secrets/astrolift/providers"
    /// The ConfigMap of workbenches that name no policy: nothing is allowed.
    public static let denyAllConfigMapName = "astrolift-gateway-deny-all"

    /// The canonical JSON text.
    public let json: String
    /// `sha256:` and the hex digest of ``json``.
    public let hash: String
    /// The Secrets (name → keys) the gateway must mount, from the providers' credential references.
    public let credentials: [ProviderCredential]
    /// The ConfigMap the rendering is published in.
    public let configMapName: String

    /// A provider credential the gateway sidecar mounts.
    public struct ProviderCredential: Sendable, Hashable {
        /// The provider's name in the policy; the credential's directory.
        public var provider: String
        /// The Secret, in the policy's namespace.
        public var secretName: String
        /// The key in the Secret.
        public var key: String
    }

    /// The ConfigMap that publishes a GatewayPolicy's rendering.
    public static func configMapName(forPolicy name: String) -> String { "astrolift-policy-\(name)" }

    /// The deny-everything rendering: no providers, every tool denied, fail closed.
    public static let denyAll: PolicyRendering = {
        let document: JSONValue = [
            "version": .string(formatVersion), "source": .null, "failMode": "Closed", "providers": [],
            "tools": ["defaultAction": "Deny", "rules": []],
        ]
        return PolicyRendering(document: document, credentials: [], configMapName: denyAllConfigMapName)
    }()

    init(document: JSONValue, credentials: [ProviderCredential], configMapName: String) {
        json = document.jsonString
        hash = "sha256:" + SHA256.hash(data: Data(json.utf8)).map { String(format: "%02x", $0) }.joined()
        self.credentials = credentials
        self.configMapName = configMapName
    }

    /// Renders `policy`, or lists every problem found (each names its field).
    ///
    /// - Parameter secretKeys: the keys of a Secret in the policy's namespace, or nil
    ///   when it does not exist (credential references are checked against it).
    public static func render(
        _ policy: GatewayPolicy, secretKeys: (String) -> Set<String>?
    ) -> Result<PolicyRendering, PolicyInvalid> {
        var problems: [PolicyProblem] = []
        let spec = policy.spec
        var credentials: [ProviderCredential] = []
        var providers: [JSONValue] = []
        var seen = Set<String>()
        for (i, provider) in (spec.providers ?? []).enumerated() {
            let field = "spec.providers[\(i)]"
            if !seen.insert(provider.name).inserted {
                problems.append(.init(field: "\(field).name", message: "provider \"\(provider.name)\" is listed twice"))
            }
            if provider.endpoint == nil, [.openAICompatible, .azureOpenAI].contains(provider.type) {
                problems.append(
                    .init(
                        field: "\(field).endpoint",
                        message: "a \(provider.type.rawValue) provider needs an endpoint: set its base URL"))
            }
            if provider.region == nil, [.bedrock, .vertexAI].contains(provider.type) {
                problems.append(
                    .init(
                        field: "\(field).region",
                        message: "a \(provider.type.rawValue) provider needs a region, e.g. eu-west-1"))
            }
            for (j, model) in (provider.models ?? []).enumerated() where !isValidGlob(model) {
                problems.append(
                    .init(
                        field: "\(field).models[\(j)]",
                        message: "\"\(model)\" is not a model name or glob (letters, digits, . _ - / : @ and *)"))
            }
            var entry: [String: JSONValue] = [
                "name": .string(provider.name), "type": .string(provider.type.rawValue),
            ]
            if let endpoint = provider.endpoint ?? defaultEndpoint(provider.type, region: provider.region) {
                entry["endpoint"] = .string(endpoint)
            }
            if let region = provider.region { entry["region"] = .string(region) }
            entry["models"] = .array((provider.models ?? []).sorted().map { .string($0) })
            if let ref = provider.credentialsSecretRef {
                switch secretKeys(ref.name) {
                case nil:
                    problems.append(
                        .init(
                            field: "\(field).credentialsSecretRef.name",
                            message:
                                "Secret \"\(ref.name)\" does not exist in namespace \(policy.metadata.namespace ?? ""): create it (or a KMSSecret that maintains it)"
                        ))
                case let keys? where !keys.contains(ref.key):
                    problems.append(
                        .init(
                            field: "\(field).credentialsSecretRef.key",
                            message:
                                "Secret \"\(ref.name)\" has no key \"\(ref.key)\" (it has: \(keys.sorted().joined(separator: ", ")))"
                        ))
                default:
                    break
                }
                credentials.append(ProviderCredential(provider: provider.name, secretName: ref.name, key: ref.key))
                entry["credentialFile"] = .string("\(credentialsDirectory)/\(provider.name)/credential")
                // Read by the workbench controller to mount the Secret into the sidecar only.
                entry["credentialSecret"] = ["name": .string(ref.name), "key": .string(ref.key)]
            }
            providers.append(.object(entry))
        }
        for (i, rule) in (spec.tools?.rules ?? []).enumerated() where !isValidGlob(rule.tool) {
            problems.append(
                .init(
                    field: "spec.tools.rules[\(i)].tool",
                    message: "\"\(rule.tool)\" is not a tool name or glob (letters, digits, . _ - / : @ and *)"))
        }
        for (i, detector) in (spec.content?.detectors ?? []).enumerated() {
            let field = "spec.content.detectors[\(i)].pattern"
            if detector.type == .custom {
                guard let pattern = detector.pattern, !pattern.isEmpty else {
                    problems.append(.init(field: field, message: "a Custom detector needs a pattern"))
                    continue
                }
                do {
                    _ = try NSRegularExpression(pattern: pattern)
                } catch {
                    problems.append(
                        .init(field: field, message: "\"\(pattern)\" is not a valid regular expression"))
                }
            }
        }
        if !problems.isEmpty { return .failure(PolicyInvalid(problems: problems)) }

        var document: [String: JSONValue] = [
            "version": .string(formatVersion),
            "source": [
                "namespace": .string(policy.metadata.namespace ?? ""), "name": .string(policy.metadata.name ?? ""),
            ],
            "failMode": .string((spec.failMode ?? .closed).rawValue),
            "providers": .array(providers),
        ]
        document["tools"] = (try? JSONValue(encoding: spec.tools ?? ToolPolicy())) ?? .object([:])
        if document["tools"]?["defaultAction"] == nil { document["tools"]?["defaultAction"] = "Deny" }
        if let content = spec.content { document["content"] = try? JSONValue(encoding: content) }
        if let budgets = spec.budgets { document["budgets"] = try? JSONValue(encoding: budgets) }
        if let audit = spec.audit { document["audit"] = try? JSONValue(encoding: audit) }
        return .success(
            PolicyRendering(
                document: .object(document), credentials: credentials,
                configMapName: configMapName(forPolicy: policy.metadata.name ?? "")))
    }

    /// The public API of a provider type, for providers that name no endpoint.
    static func defaultEndpoint(_ type: ModelProviderType, region: String?) -> String? {
        switch type {
        case .openAI: return "https://api.openai.com/v1"
        case .anthropic: return "https://api.anthropic.com"
        case .gemini: return "https://generativelanguage.googleapis.com"
        case .mistral: return "https://api.mistral.ai/v1"
        case .bedrock: return region.map { "https://bedrock-runtime.\($0).amazonaws.com" }
        case .vertexAI: return region.map { "https://\($0)-aiplatform.googleapis.com" }
        case .azureOpenAI, .openAICompatible: return nil
        }
    }

    /// Tool and model patterns: names with `*` wildcards, nothing a shell or regex would read.
    static func isValidGlob(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy { s in
                (s.isASCII && (CharacterSet.alphanumerics.contains(s))) || "._-/:@*".unicodeScalars.contains(s)
            }
    }

    /// The ConfigMap publishing this rendering.
    public func configMap(namespace: String, labels: [String: String]) -> ConfigMap {
        var labels = labels
        labels[AstroliftLabels.component] = "gateway-policy"
        return ConfigMap(
            metadata: ObjectMeta(
                name: configMapName, namespace: namespace, labels: labels,
                annotations: [AstroliftLabels.policyHash: hash]),
            data: [Self.fileName: json])
    }
}

/// One problem in a GatewayPolicy.
public struct PolicyProblem: Sendable, Hashable, CustomStringConvertible {
    /// The field, e.g. `spec.providers[0].endpoint`.
    public var field: String
    /// What is wrong and what to do.
    public var message: String
    public var description: String { "\(field): \(message)" }
}

/// A GatewayPolicy that cannot be rendered.
public struct PolicyInvalid: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem found.
    public var problems: [PolicyProblem]
    public var description: String { problems.map(\.description).joined(separator: "; ") }
}
