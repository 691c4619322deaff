import KubeCore

/// Which tool calls the gateway lets agents make.
public struct ToolPolicy: Codable, Sendable, Hashable, SchemaDescribed {
    /// What happens to a call no rule matches.
    public var defaultAction: ToolAction?
    /// Rules, first match wins.
    public var rules: [ToolRule]?

    public init(defaultAction: ToolAction? = nil, rules: [ToolRule]? = nil) {
        self.defaultAction = defaultAction
        self.rules = rules
    }

    /// The schema of `spec.tools`.
    public static var schema: Schema {
        .object("Rules for the tool calls models ask agents to make; the first rule whose pattern matches wins.") {
            Field(
                "defaultAction", .enumeration(ToolAction.self),
                "What happens to a tool call no rule matches: Allow, Deny or RequireApproval."
            ).defaultValue("Deny")
            Field(
                "rules", Schema.array(of: ToolRule.self, maxItems: 256).atomic(),
                "Rules in order; the first whose tool pattern matches decides.")
        }
    }
}

/// What happens to a tool call.
public enum ToolAction: String, Codable, Sendable, Hashable, CaseIterable {
    /// The call goes ahead.
    case allow = "Allow"
    /// The call is refused; the model is told so.
    case deny = "Deny"
    /// The call waits until a person approves it.
    case requireApproval = "RequireApproval"
}

/// A rule for tool calls whose name matches a pattern.
public struct ToolRule: Codable, Sendable, Hashable, SchemaDescribed {
    /// A tool name or glob pattern.
    public var tool: String
    /// What happens to matching calls.
    public var action: ToolAction
    /// Why the rule exists.
    public var description: String?

    public init(tool: String, action: ToolAction, description: String? = nil) {
        self.tool = tool
        self.action = action
        self.description = description
    }

    /// The schema of one `spec.tools.rules` entry.
    public static var schema: Schema {
        .object("What happens to tool calls whose name matches a pattern.") {
            Field(
                "tool", Schema.string(maxLength: 256).minLength(1).example("github.*"),
                "The tool name or a glob pattern (* matches any run of characters), e.g. shell.exec, "
                    + "mcp__github__* or *."
            ).required()
            Field(
                "action", .enumeration(ToolAction.self),
                "Allow, Deny or RequireApproval (the call waits for a person; refused when nobody decides)."
            ).required()
            Field("description", .string(maxLength: 256), "Why the rule exists; recorded with each decision.")
        }
    }
}

/// What the gateway looks for in prompts and responses.
public struct ContentPolicy: Codable, Sendable, Hashable, SchemaDescribed {
    /// Whether prompts and tool results sent to models are scanned.
    public var scanRequests: Bool?
    /// Whether model responses are scanned.
    public var scanResponses: Bool?
    /// What to look for.
    public var detectors: [ContentDetector]?
    /// What to do about likely prompt injections.
    public var promptInjection: PromptInjectionAction?

    public init(
        scanRequests: Bool? = nil, scanResponses: Bool? = nil, detectors: [ContentDetector]? = nil,
        promptInjection: PromptInjectionAction? = nil
    ) {
        self.scanRequests = scanRequests
        self.scanResponses = scanResponses
        self.detectors = detectors
        self.promptInjection = promptInjection
    }

    /// The schema of `spec.content`.
    public static var schema: Schema {
        .object("Content scanning of what goes to models and what comes back.") {
            Field("scanRequests", .boolean, "Scan prompts and tool results sent to models.").defaultValue(true)
            Field("scanResponses", .boolean, "Scan model responses and tool calls.").defaultValue(true)
            Field(
                "detectors", Schema.array(of: ContentDetector.self, maxItems: 64).listMap(keys: "name"),
                "What to look for and what to do when it is found.")
            Field(
                "promptInjection", .enumeration(PromptInjectionAction.self),
                "What to do about text that looks like a prompt injection (instructions hidden in documents, web "
                    + "pages or tool results): Off, Flag (record it) or Block."
            ).defaultValue("Flag")
        }
    }
}

/// Something the gateway looks for in content, and what it does when it finds it.
public struct ContentDetector: Codable, Sendable, Hashable, SchemaDescribed {
    /// The name used in audit records.
    public var name: String
    /// What to look for.
    public var type: DetectorType
    /// What to do when it is found.
    public var action: DetectorAction?
    /// The regular expression, for `Custom`.
    public var pattern: String?
    /// The countries whose formats are checked, for `NationalID` and `Phone`.
    public var countries: [String]?

    public init(
        name: String, type: DetectorType, action: DetectorAction? = nil, pattern: String? = nil,
        countries: [String]? = nil
    ) {
        self.name = name
        self.type = type
        self.action = action
        self.pattern = pattern
        self.countries = countries
    }

    /// The schema of one `spec.content.detectors` entry.
    public static var schema: Schema {
        .object("A detector: what to look for and what to do when it is found.") {
            Field("name", .dnsLabel, "The detector's name in audit records, e.g. cards.").required()
            Field(
                "type", .enumeration(DetectorType.self),
                "What to look for: Email, Phone, NationalID (national identity numbers), CreditCard (card numbers "
                    + "that pass the Luhn check), IBAN, CloudKey (AWS, GCP and Azure keys), PrivateKey (PEM private "
                    + "keys), JWT, or Custom (pattern)."
            ).required()
            Field(
                "action", .enumeration(DetectorAction.self),
                "What to do when it is found: Block the call, Redact the match (replaced by [REDACTED:<name>]) or "
                    + "Flag it (recorded, let through)."
            ).defaultValue("Redact")
            Field(
                "pattern", .regularExpression,
                "For Custom: the regular expression to look for, in RE2 syntax, e.g. PRJ-[0-9]{6}.")
            Field(
                "countries",
                Schema.array(of: Schema.string(maxLength: 2).pattern("^[A-Z]{2}$").example("DE"), maxItems: 32)
                    .listSet(),
                "For NationalID and Phone: the countries (ISO 3166 codes such as US, DE, FR) whose formats are "
                    + "checked. All supported countries when absent.")
        }
        .rule(
            "self.type == 'Custom' ? has(self.pattern) : !has(self.pattern)",
            message: "pattern is required for type Custom and not allowed for the other types",
            fieldPath: ".pattern"
        )
        .rule(
            "!has(self.countries) || self.type in ['NationalID', 'Phone']",
            message: "countries applies only to types NationalID and Phone", fieldPath: ".countries")
    }
}

/// What a content detector looks for.
public enum DetectorType: String, Codable, Sendable, Hashable, CaseIterable {
    case email = "Email"
    case phone = "Phone"
    case nationalID = "NationalID"
    case creditCard = "CreditCard"
    case iban = "IBAN"
    case cloudKey = "CloudKey"
    case privateKey = "PrivateKey"
    case jwt = "JWT"
    /// A regular expression of the policy's own.
    case custom = "Custom"
}

/// What the gateway does with detected content.
public enum DetectorAction: String, Codable, Sendable, Hashable, CaseIterable {
    /// Refuse the call.
    case block = "Block"
    /// Replace the match.
    case redact = "Redact"
    /// Record it and let it through.
    case flag = "Flag"
}

/// What the gateway does about likely prompt injections.
public enum PromptInjectionAction: String, Codable, Sendable, Hashable, CaseIterable {
    case off = "Off"
    case flag = "Flag"
    case block = "Block"
}

/// Rate and token budgets of each workbench.
public struct GatewayBudgets: Codable, Sendable, Hashable, SchemaDescribed {
    /// Model calls per minute.
    public var requestsPerMinute: Int32?
    /// Tokens per minute, prompt and completion together.
    public var tokensPerMinute: Int64?
    /// Tokens per day (UTC), prompt and completion together.
    public var tokensPerDay: Int64?

    public init(requestsPerMinute: Int32? = nil, tokensPerMinute: Int64? = nil, tokensPerDay: Int64? = nil) {
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.tokensPerDay = tokensPerDay
    }

    /// The schema of `spec.budgets`.
    public static var schema: Schema {
        .object("Budgets per workbench; a call over budget is refused with HTTP 429. Absent means no limit.") {
            Field("requestsPerMinute", Schema.int32.minimum(1).example(60), "Model calls per minute.")
            Field(
                "tokensPerMinute", Schema.int64.minimum(1).example(100_000),
                "Tokens per minute, prompt and completion together.")
            Field(
                "tokensPerDay", Schema.int64.minimum(1).example(2_000_000),
                "Tokens per day (UTC), prompt and completion together.")
        }
    }
}
