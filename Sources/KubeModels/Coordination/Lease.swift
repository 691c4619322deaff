import Foundation
import KubeCore

/// `Lease`: a lock with a holder and an expiry, used for leader election and node heartbeats.
/// Times are `MicroTime`: RFC 3339 with exactly six fractional digits.
public struct Lease: KubernetesObject, Hashable {
    /// The schema version, `coordination.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `Lease`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The holder and timing.
    public var spec: LeaseSpec?

    /// Served at `coordination.k8s.io/v1`, resource `leases`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: LeaseSpec? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
    }

    /// Whether the lease has expired at `now`: no renew time, or renew time plus duration in the past.
    public func isExpired(at now: Date = Date()) -> Bool {
        guard let renew = spec?.renewTime?.date, let seconds = spec?.leaseDurationSeconds else { return true }
        return renew.addingTimeInterval(TimeInterval(seconds)) < now
    }
}

/// A list of ``Lease`` objects, as returned by a list request.
public typealias LeaseList = ObjectList<Lease>

/// The state of a lease.
public struct LeaseSpec: Codable, Sendable, Hashable {
    /// The current holder.
    public var holderIdentity: String?
    /// How long a holder keeps the lease without renewing it.
    public var leaseDurationSeconds: Int32?
    /// When the current holder acquired the lease.
    public var acquireTime: MicroTime?
    /// When the current holder last renewed the lease.
    public var renewTime: MicroTime?
    /// How many times the lease changed holder.
    public var leaseTransitions: Int32?
    /// The coordinated leader election strategy, e.g. `OldestEmulationVersion`.
    public var strategy: String?
    /// The holder the coordinator would like to take over.
    public var preferredHolder: String?

    public init(
        holderIdentity: String? = nil, leaseDurationSeconds: Int32? = nil, acquireTime: MicroTime? = nil,
        renewTime: MicroTime? = nil, leaseTransitions: Int32? = nil, strategy: String? = nil,
        preferredHolder: String? = nil
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
        self.strategy = strategy
        self.preferredHolder = preferredHolder
    }
}
