import KubeCore

/// `GatewayPolicy` (namespaced): what the gateway sidecar of each Workbench that uses
/// it enforces on model and tool calls.
public struct GatewayPolicy: AstroliftResource {
    /// `astrolift.dev/v1alpha1`.
    public var apiVersion: String?
    /// `GatewayPolicy`.
    public var kind: String?
    /// The object's metadata.
    public var metadata: ObjectMeta
    /// The desired state.
    public var spec: GatewayPolicySpec
    /// The observed state, written by the controller.
    public var status: GatewayPolicyStatus?

    /// Served at `astrolift.dev/v1alpha1`, resource `gatewaypolicies`, namespaced.
    public static let resource = AstroliftGroup.resource(
        kind: "GatewayPolicy", plural: "gatewaypolicies", namespaced: true)

    /// An object with `apiVersion` and `kind` set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: GatewayPolicySpec = GatewayPolicySpec(),
        status: GatewayPolicyStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Names and printer columns.
    public static let definition = ResourceDefinition(
        description:
            "A GatewayPolicy says what the gateway sidecar beside each Workbench enforces: which model providers "
            + "and models may be called (the gateway holds their credentials; the workbench never sees them), "
            + "which tool calls are allowed, denied or need approval, what content is blocked, redacted or flagged, "
            + "rate and token budgets, and where every decision is audited. The controller renders it into a "
            + "ConfigMap with a content hash; a change rolls the Workbenches that use it. An invalid change keeps "
            + "the last valid rendering in force.",
        singular: "gatewaypolicy", shortNames: ["gwp"],
        printerColumns: [
            PrinterColumn("Fail Mode", .string, ".spec.failMode", "What the gateway does when it cannot decide."),
            PrinterColumn("Providers", .string, ".spec.providers[*].name", "The model providers allowed."),
            PrinterColumn("Workbenches", .integer, ".status.workbenches", "How many Workbenches use the policy."),
            PrinterColumn(
                "Valid", .string, ".status.conditions[?(@.type==\"Valid\")].status",
                "Whether the latest spec is valid; when False the previous rendering stays in force."),
            .ready,
            PrinterColumn("Hash", .string, ".status.hash", "The hash of the rendering in force.", priority: 1),
            .age,
        ]
    )
}

/// The desired state of a ``GatewayPolicy``.
public struct GatewayPolicySpec: Codable, Sendable, Hashable, SchemaDescribed {
    /// What the gateway does when it cannot decide.
    public var failMode: GatewayFailMode?
    /// The model providers workbenches may call.
    public var providers: [ModelProvider]?
    /// Rules for tool calls.
    public var tools: ToolPolicy?
    /// Content scanning.
    public var content: ContentPolicy?
    /// Rate and token budgets.
    public var budgets: GatewayBudgets?
    /// Where decisions are recorded.
    public var audit: AuditPolicy?

    public init(
        failMode: GatewayFailMode? = nil, providers: [ModelProvider]? = nil, tools: ToolPolicy? = nil,
        content: ContentPolicy? = nil, budgets: GatewayBudgets? = nil, audit: AuditPolicy? = nil
    ) {
        self.failMode = failMode
        self.providers = providers
        self.tools = tools
        self.content = content
        self.budgets = budgets
        self.audit = audit
    }

    /// The schema of `spec`.
    public static var schema: Schema {
        Schema.object("The desired state of the policy.") {
            Field(
                "failMode", .enumeration(GatewayFailMode.self),
                "What the gateway does when it cannot reach a decision (a detector fails, the audit sink is down, "
                    + "the policy cannot be read): Closed refuses the call, Open lets it through and records that "
                    + "it did. Closed unless you have a reason."
            ).defaultValue("Closed")
            Field(
                "providers", Schema.array(of: ModelProvider.self, maxItems: 16).listMap(keys: "name"),
                "The model providers workbenches may call through the gateway. A call to anything else is refused. "
                    + "Empty refuses every model call.")
            Field("tools", ToolPolicy.self, "Which tool calls the gateway lets agents make.")
            Field("content", ContentPolicy.self, "What the gateway looks for in prompts and responses.")
            Field("budgets", GatewayBudgets.self, "Rate and token budgets, per workbench.")
            Field("audit", AuditPolicy.self, "Where every gateway decision is recorded.")
        }
    }
}

/// What the gateway does when it cannot decide.
public enum GatewayFailMode: String, Codable, Sendable, Hashable, CaseIterable {
    /// Refuse the call.
    case closed = "Closed"
    /// Let it through, and record that it did.
    case open = "Open"
}

/// A model provider workbenches may call through the gateway.
public struct ModelProvider: Codable, Sendable, Hashable, SchemaDescribed {
    /// The name the policy and audit records use.
    public var name: String
    /// The provider's API.
    public var type: ModelProviderType
    /// The API's base URL.
    public var endpoint: String?
    /// The region, for Bedrock and Vertex AI.
    public var region: String?
    /// The API key or credentials, read by the gateway only.
    public var credentialsSecretRef: SecretKeyReference?
    /// The models that may be called; all when absent.
    public var models: [String]?

    public init(
        name: String, type: ModelProviderType, endpoint: String? = nil, region: String? = nil,
        credentialsSecretRef: SecretKeyReference? = nil, models: [String]? = nil
    ) {
        self.name = name
        self.type = type
        self.endpoint = endpoint
        self.region = region
        self.credentialsSecretRef = credentialsSecretRef
        self.models = models
    }

    /// The schema of one `spec.providers` entry.
    public static var schema: Schema {
        .object("A model provider the gateway forwards calls to, with its credentials.") {
            Field("name", .dnsLabel, "The provider's name in this policy and in audit records, e.g. openai.")
                .required()
            Field(
                "type", .enumeration(ModelProviderType.self),
                "The provider's API: OpenAI, Anthropic, AzureOpenAI, Bedrock, VertexAI, Gemini, Mistral, or "
                    + "OpenAICompatible (any server speaking OpenAI's API, such as vLLM or Ollama)."
            ).required()
            Field(
                "endpoint", .httpURL,
                "The API's base URL. Defaults to the provider's public API; required for AzureOpenAI (your "
                    + "resource's URL) and OpenAICompatible.")
            Field(
                "region", Schema.string(maxLength: 64).pattern("^[a-z0-9-]+$").example("eu-west-1"),
                "The region, required for Bedrock and VertexAI, e.g. eu-west-1 or europe-west4.")
            Field(
                "credentialsSecretRef", SecretKeyReference.self,
                "The Secret key holding the API key (or, for Bedrock and VertexAI, a credentials file), in the "
                    + "policy's namespace. Only the gateway sidecar mounts it; the workbench container never can. "
                    + "A KMSSecret can maintain it.")
            Field(
                "models",
                Schema.array(of: Schema.string(maxLength: 256).minLength(1).example("gpt-4o*"), maxItems: 64)
                    .listSet(),
                "The models that may be called, as names or glob patterns (claude-sonnet-*, gpt-4o*). Absent or "
                    + "empty allows every model of the provider.")
        }
        .rule(
            "!(self.type in ['AzureOpenAI', 'OpenAICompatible']) || has(self.endpoint)",
            message: "endpoint is required for AzureOpenAI and OpenAICompatible providers", fieldPath: ".endpoint"
        )
        .rule(
            "!(self.type in ['Bedrock', 'VertexAI']) || has(self.region)",
            message: "region is required for Bedrock and VertexAI providers", fieldPath: ".region")
    }
}

/// A model provider's API.
public enum ModelProviderType: String, Codable, Sendable, Hashable, CaseIterable {
    case openAI = "OpenAI"
    case anthropic = "Anthropic"
    case azureOpenAI = "AzureOpenAI"
    case bedrock = "Bedrock"
    case vertexAI = "VertexAI"
    case gemini = "Gemini"
    case mistral = "Mistral"
    /// Any server speaking OpenAI's API.
    case openAICompatible = "OpenAICompatible"
}

/// The observed state of a ``GatewayPolicy``.
public struct GatewayPolicyStatus: Codable, Sendable, Hashable, SchemaDescribed {
    /// The ConfigMap holding the rendering in force.
    public var configMapName: String?
    /// The hash of the rendering in force.
    public var hash: String?
    /// How many Workbenches use the policy.
    public var workbenches: Int32?
    /// The latest observations.
    public var conditions: [Condition]?
    /// The generation this status describes.
    public var observedGeneration: Int64?

    public init(
        configMapName: String? = nil, hash: String? = nil, workbenches: Int32? = nil,
        conditions: [Condition]? = nil, observedGeneration: Int64? = nil
    ) {
        self.configMapName = configMapName
        self.hash = hash
        self.workbenches = workbenches
        self.conditions = conditions
        self.observedGeneration = observedGeneration
    }

    /// The schema of `status`.
    public static var schema: Schema {
        .object("The observed state of the policy, written by the controller.") {
            Field("configMapName", .dnsSubdomain, "The ConfigMap holding the rendered policy the gateways read.")
            Field(
                "hash",
                Schema.string(maxLength: 128).pattern("^sha256:[a-f0-9]{64}$")
                    .example(.string("sha256:" + String(repeating: "0a", count: 32))),
                "The sha256 of the rendering in force; Workbenches report the hash their pod runs.")
            Field("workbenches", Schema.int32.minimum(0).example(2), "How many Workbenches use the policy.")
            Field.conditions(
                "Types: Valid (the latest spec renders: patterns compile, credential Secrets exist; False keeps "
                    + "the previous rendering in force and says what is wrong).")
            Field.observedGeneration
        }
    }
}
