import CoreMetrics
import Foundation
import KubeClient
import KubeCore
import KubeModels
import Logging
import Synchronization

/// How a ``LeaderElector`` campaigns. The defaults are controller-runtime's.
public struct LeaderElectionConfiguration: Sendable {
    /// The Lease's name, shared by every replica of the controller.
    public var leaseName: String
    /// The Lease's namespace.
    public var namespace: String
    /// This replica's identity, written as the holder; unique per process.
    public var identity: String
    /// How long a lease lasts without renewal: a crashed leader is replaced after at most this.
    public var leaseDuration: Duration
    /// A leader that cannot renew for this long steps down (before others may take over).
    public var renewDeadline: Duration
    /// How often to try acquiring or renewing.
    public var retryPeriod: Duration
    /// Clear the holder on shutdown, so a successor takes over at once instead of after the lease expires.
    public var releaseOnCancel: Bool
    /// Random numbers in `0..<1` for the jitter of acquire attempts; replaceable in tests.
    public var random: @Sendable () -> Double

    public init(
        leaseName: String, namespace: String, identity: String = LeaderElectionConfiguration.defaultIdentity(),
        leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10),
        retryPeriod: Duration = .seconds(2), releaseOnCancel: Bool = true,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.leaseName = leaseName
        self.namespace = namespace
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
        self.releaseOnCancel = releaseOnCancel
        self.random = random
    }

    /// `<host name>_<random UUID>`.
    public static func defaultIdentity() -> String {
        "\(ProcessInfo.processInfo.hostName)_\(UUID().uuidString.lowercased())"
    }

    /// Checks that the timings can work together.
    public func validate() throws {
        guard !leaseName.isEmpty, !namespace.isEmpty, !identity.isEmpty else {
            throw RuntimeError(
                .configuration, "leader election needs a lease name, a namespace and an identity; one is empty")
        }
        guard leaseDuration > renewDeadline else {
            throw RuntimeError(
                .configuration,
                "leader election: the lease duration (\(leaseDuration)) must be longer than the renew deadline (\(renewDeadline))"
            )
        }
        guard renewDeadline > retryPeriod.scaled(by: 1.2) else {
            throw RuntimeError(
                .configuration,
                "leader election: the renew deadline (\(renewDeadline)) must exceed 1.2 × the retry period (\(retryPeriod))"
            )
        }
    }
}

/// Leader election on a `coordination.k8s.io/v1` Lease, as client-go does it.
///
/// A candidate takes the Lease when it is unheld, or when its holder has not renewed it
/// for `leaseDuration` as observed by this process's own clock (so clock skew between
/// machines does not matter). The leader renews every `retryPeriod` and steps down if it
/// cannot renew within `renewDeadline`. Every write is a JSON patch that tests the Lease's
/// `resourceVersion`, so two candidates can never both succeed. Times are written as
/// MicroTime (six fractional digits).
public final class LeaderElector: Sendable {
    public let configuration: LeaderElectionConfiguration
    let client: KubeClient
    let clock: any RuntimeClock
    let logger: Logger
    let status: MetricMeter?

    private struct Observation {
        var spec: LeaseSpec?
        var at: RuntimeInstant
    }

    private let observed = Mutex<Observation?>(nil)
    private let leading = Atomic<Bool>(false)

    public convenience init(
        client: KubeClient, configuration: LeaderElectionConfiguration, clock: any RuntimeClock = SystemClock(),
        metrics: RuntimeMetrics? = nil, logger: Logger = Logger(label: "kube.runtime.leader-election")
    ) throws {
        try configuration.validate()
        self.init(
            client: client, configuration: configuration, clock: clock,
            status: metrics?.leaderStatus(name: configuration.leaseName), logger: logger)
    }

    init(
        client: KubeClient, configuration: LeaderElectionConfiguration, clock: any RuntimeClock, status: MetricMeter?,
        logger: Logger
    ) {
        self.client = client
        self.configuration = configuration
        self.clock = clock
        self.status = status
        var logger = logger
        logger[metadataKey: "lease"] = "\(configuration.namespace)/\(configuration.leaseName)"
        logger[metadataKey: "identity"] = "\(configuration.identity)"
        self.logger = logger
    }

    /// Whether this process currently leads.
    public var isLeader: Bool { leading.load(ordering: .acquiring) }

    /// Campaigns until elected, calls `onStartedLeading`, then renews until the task is
    /// cancelled or renewal fails; calls `onStoppedLeading` either way.
    ///
    /// Cancellation while leading releases the Lease (with `releaseOnCancel`) and returns.
    /// - Throws: ``RuntimeError`` (`leadershipLost`) when the lease could not be renewed in time.
    public func run(
        onStartedLeading: @escaping @Sendable () -> Void, onStoppedLeading: @escaping @Sendable () -> Void
    ) async throws {
        status?.set(0)
        guard await acquire() else { return }
        setLeading(true)
        logger.info("became leader")
        onStartedLeading()
        let lost = await renewUntilFailure()
        setLeading(false)
        if lost {
            logger.error("lost leadership: the lease could not be renewed within \(configuration.renewDeadline)")
            onStoppedLeading()
            throw RuntimeError(
                .leadershipLost,
                "lost the lease \(configuration.namespace)/\(configuration.leaseName): it could not be renewed within \(configuration.renewDeadline); check connectivity to the API server"
            )
        }
        if configuration.releaseOnCancel {
            // This task is cancelled, and a cancelled task's requests fail at once: release
            // from a task of its own.
            await Task { await self.release() }.value
        }
        onStoppedLeading()
    }

    private func setLeading(_ value: Bool) {
        leading.store(value, ordering: .releasing)
        status?.set(value ? 1 : 0)
    }

    /// Tries until the lease is ours; `false` if cancelled first.
    private func acquire() async -> Bool {
        logger.info("campaigning for leadership")
        while !Task.isCancelled {
            if await tryAcquireOrRenew() { return true }
            let wait = configuration.retryPeriod + configuration.retryPeriod.scaled(by: 1.2 * configuration.random())
            do { try await clock.sleep(for: wait) } catch { return false }
        }
        return false
    }

    /// Renews every retry period; returns `true` when renewal failed for the renew
    /// deadline, `false` when cancelled.
    private func renewUntilFailure() async -> Bool {
        var lastRenew = clock.now
        while true {
            do { try await clock.sleep(for: configuration.retryPeriod) } catch { return false }
            let deadline = lastRenew + configuration.renewDeadline
            let renewed = await withTaskGroup(of: Bool?.self) { group in
                group.addTask { await self.tryAcquireOrRenew() }
                group.addTask {
                    // A renewal stuck on the network must not keep a leader past its deadline.
                    try? await self.clock.sleep(until: deadline)
                    return Task.isCancelled ? nil : false
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first
            }
            if Task.isCancelled { return false }
            if renewed == true {
                lastRenew = clock.now
            } else if clock.now >= deadline {
                return true
            }
        }
    }

    /// One attempt: creates the Lease, renews it, or takes it over if it expired.
    func tryAcquireOrRenew() async -> Bool {
        let api = client.api(Lease.self, namespace: configuration.namespace)
        let monotonic = clock.now
        let now = MicroTime(clock.wallNow)
        let seconds = Int32(max(1, configuration.leaseDuration.components.seconds))
        do {
            guard let lease = try await api.getIfExists(configuration.leaseName) else {
                var fresh = Lease(
                    metadata: ObjectMeta(name: configuration.leaseName, namespace: configuration.namespace),
                    spec: LeaseSpec(
                        holderIdentity: configuration.identity, leaseDurationSeconds: seconds, acquireTime: now,
                        renewTime: now, leaseTransitions: 0))
                fresh.setTypeMeta()
                let created = try await api.create(fresh)
                observe(created.spec, at: monotonic)
                return true
            }
            let record = lease.spec
            let observation = observed.withLock { o -> Observation in
                if o == nil || o?.spec != record { o = Observation(spec: record, at: monotonic) }
                return o ?? Observation(spec: record, at: monotonic)
            }
            let holder = record?.holderIdentity ?? ""
            let iHold = holder == configuration.identity
            if !holder.isEmpty && !iHold {
                let duration = Duration.seconds(Int64(record?.leaseDurationSeconds ?? seconds))
                if observation.at + duration > monotonic { return false }
            }
            let spec = LeaseSpec(
                holderIdentity: configuration.identity, leaseDurationSeconds: seconds,
                acquireTime: iHold ? (record?.acquireTime ?? now) : now, renewTime: now,
                leaseTransitions: iHold ? (record?.leaseTransitions ?? 0) : (record?.leaseTransitions ?? 0) + 1)
            let updated = try await write(spec, over: lease, api: api)
            observe(updated.spec, at: monotonic)
            if !iHold { logger.info("took over the lease", metadata: ["previousHolder": "\(holder)"]) }
            return true
        } catch {
            logger.debug("lease attempt failed", error: error)
            return false
        }
    }

    /// Clears the holder so that a successor need not wait for the lease to expire.
    func release() async {
        let api = client.api(Lease.self, namespace: configuration.namespace)
        do {
            guard let lease = try await api.getIfExists(configuration.leaseName),
                lease.spec?.holderIdentity == configuration.identity
            else { return }
            let now = MicroTime(clock.wallNow)
            let spec = LeaseSpec(
                holderIdentity: nil, leaseDurationSeconds: 1, acquireTime: now, renewTime: now,
                leaseTransitions: lease.spec?.leaseTransitions)
            _ = try await write(spec, over: lease, api: api)
            logger.info("released the lease")
        } catch {
            logger.warning("could not release the lease; a successor waits for it to expire", error: error)
        }
    }

    private func write(_ spec: LeaseSpec, over lease: Lease, api: Api<Lease>) async throws -> Lease {
        let ops: [JSONPatchOperation] = [
            try .test("/metadata/resourceVersion", .string(lease.metadata.resourceVersion ?? "")),
            try .add("/spec", try JSONValue(encoding: spec)),
        ]
        return try await api.patch(configuration.leaseName, .json(ops.map(\.json)))
    }

    private func observe(_ spec: LeaseSpec?, at instant: RuntimeInstant) {
        observed.withLock { $0 = Observation(spec: spec, at: instant) }
    }
}
