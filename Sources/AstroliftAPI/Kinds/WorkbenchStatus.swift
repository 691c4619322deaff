import KubeCore

/// The observed state of a ``Workbench``.
public struct WorkbenchStatus: Codable, Sendable, Hashable, SchemaDescribed {
    /// Where the workbench is in its lifecycle.
    public var phase: WorkbenchPhase?
    /// Why it is not running, when it is not.
    public var stopReason: WorkbenchStopReason?
    /// Where the user opens it.
    public var url: String?
    /// The resource profile in use.
    public var profile: String?
    /// When the current run started.
    public var startedAt: Time?
    /// When it was last used.
    public var lastActivityTime: Time?
    /// The hash of the gateway policy in force.
    public var gatewayPolicyHash: String?
    /// The name of the home volume's claim.
    public var homeClaimName: String?
    /// The latest observations.
    public var conditions: [Condition]?
    /// The generation this status describes.
    public var observedGeneration: Int64?

    public init(
        phase: WorkbenchPhase? = nil, stopReason: WorkbenchStopReason? = nil, url: String? = nil,
        profile: String? = nil, startedAt: Time? = nil, lastActivityTime: Time? = nil,
        gatewayPolicyHash: String? = nil, homeClaimName: String? = nil, conditions: [Condition]? = nil,
        observedGeneration: Int64? = nil
    ) {
        self.phase = phase
        self.stopReason = stopReason
        self.url = url
        self.profile = profile
        self.startedAt = startedAt
        self.lastActivityTime = lastActivityTime
        self.gatewayPolicyHash = gatewayPolicyHash
        self.homeClaimName = homeClaimName
        self.conditions = conditions
        self.observedGeneration = observedGeneration
    }

    /// The schema of `status`.
    public static var schema: Schema {
        .object("The observed state of the workbench, written by the controller.") {
            Field(
                "phase", .enumeration(WorkbenchPhase.self),
                "Where the workbench is: Pending (waiting for its class, profile, policy or quota), Provisioning "
                    + "(objects created, pod starting), Running (ready at url), Suspended (stopped, home kept; see "
                    + "stopReason), Expired (stopped at the end of its maxLifetime) or Failed (cannot run; see the "
                    + "Ready condition).")
            Field(
                "stopReason", .enumeration(WorkbenchStopReason.self),
                "Why the workbench is not running: Idle (idleTimeout passed without use), MaxLifetime, User "
                    + "(spec.suspend is true), Quota (the tenant's running-workbench quota is full; it starts when "
                    + "room frees up) or Policy (its class or policy forbids it from running). Cleared when it runs.")
            Field("url", .httpURL, "Where the user opens the workbench, when the controller has a host template.")
            Field("profile", .dnsLabel, "The resource profile in use, after defaults.")
            Field("startedAt", .time, "When the current run started; maxLifetime counts from here.")
            Field(
                "lastActivityTime", .time,
                "When the workbench was last used, as its gateway and auth proxy report; idleTimeout counts from "
                    + "here.")
            Field(
                "gatewayPolicyHash",
                Schema.string(maxLength: 128).pattern("^sha256:[a-f0-9]{64}$")
                    .example(.string("sha256:" + String(repeating: "0a", count: 32))),
                "The sha256 of the rendered GatewayPolicy the running pod enforces. A policy change rolls the pod "
                    + "and this hash.")
            Field("homeClaimName", .dnsSubdomain, "The PersistentVolumeClaim holding the home volume.")
            Field.conditions(
                "Types: ClassResolved (the class and profile exist and the tenant allows them), PolicyApplied "
                    + "(the gateway runs the latest valid rendering of its policy), Scheduled (the pod has a "
                    + "node), Available (the workbench answers its health check).")
            Field.observedGeneration
        }
    }
}

/// Where a ``Workbench`` is in its lifecycle.
public enum WorkbenchPhase: String, Codable, Sendable, Hashable, CaseIterable {
    /// Waiting for its class, profile, policy or quota.
    case pending = "Pending"
    /// Objects created, pod starting.
    case provisioning = "Provisioning"
    /// Ready at its URL.
    case running = "Running"
    /// Stopped with its home kept; see the stop reason.
    case suspended = "Suspended"
    /// Stopped at the end of its maximum lifetime.
    case expired = "Expired"
    /// Cannot run.
    case failed = "Failed"
}

/// Why a ``Workbench`` is not running.
public enum WorkbenchStopReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// The idle timeout passed without use.
    case idle = "Idle"
    /// The maximum lifetime was reached.
    case maxLifetime = "MaxLifetime"
    /// The user suspended it.
    case user = "User"
    /// The tenant's running-workbench quota is full.
    case quota = "Quota"
    /// Its class or policy forbids it from running.
    case policy = "Policy"
}
