/// How a ``Manager`` runs. The defaults are controller-runtime's.
public struct ManagerConfiguration: Sendable {
    /// Where `/metrics`, `/healthz` and `/readyz` are served.
    public struct ProbeAddress: Sendable, Hashable {
        public var host: String
        /// 0 picks a free port (see ``Manager/probePort``).
        public var port: Int

        public init(host: String = "0.0.0.0", port: Int = 8080) {
            self.host = host
            self.port = port
        }
    }

    /// Caches that name no namespace watch this one; `nil` for all namespaces.
    public var namespace: String?
    /// Campaign for a Lease before reconciling; `nil` to reconcile at once (one replica).
    public var leaderElection: LeaderElectionConfiguration?
    /// The HTTP endpoint; `nil` for none.
    public var probeAddress: ProbeAddress?
    /// A second endpoint for Prometheus (controller-runtime's `--metrics-bind-address`
    /// beside `--health-probe-bind-address`); `nil` serves `/metrics` on `probeAddress` only.
    public var metricsAddress: ProbeAddress?
    /// How long in-flight reconciles may take to finish on shutdown before they are cancelled.
    public var gracefulShutdownTimeout: Duration
    /// How long caches may take to complete their first list.
    public var cacheSyncTimeout: Duration
    /// The time source of everything the manager runs.
    public var clock: any RuntimeClock

    public init(
        namespace: String? = nil, leaderElection: LeaderElectionConfiguration? = nil,
        probeAddress: ProbeAddress? = ProbeAddress(), metricsAddress: ProbeAddress? = nil,
        gracefulShutdownTimeout: Duration = .seconds(30),
        cacheSyncTimeout: Duration = .seconds(120), clock: any RuntimeClock = SystemClock()
    ) {
        self.namespace = namespace
        self.leaderElection = leaderElection
        self.probeAddress = probeAddress
        self.metricsAddress = metricsAddress
        self.gracefulShutdownTimeout = gracefulShutdownTimeout
        self.cacheSyncTimeout = cacheSyncTimeout
        self.clock = clock
    }
}
