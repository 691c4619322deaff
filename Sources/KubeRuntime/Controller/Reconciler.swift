import Foundation
import KubeCore
import Logging

/// What a reconcile asks the controller to do next.
public enum ReconcileResult: Sendable, Hashable {
    /// The object is in its desired state; wait for the next change.
    case done
    /// Reconcile this key again after the duration, even if nothing changes (timed work:
    /// refreshes, expiry, idle culling). Also resets the key's error backoff.
    case requeueAfter(Duration)
}

/// An error that retrying cannot fix (an invalid spec, a missing reference the user must
/// create). The controller logs it and counts it, and does not retry the key until the
/// next change of a watched object enqueues it again.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for a person.
    public var message: String
    /// The underlying error, if any.
    public var underlying: (any Error)?

    public init(_ message: String, underlying: (any Error)? = nil) {
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        underlying.map { "\(message): \($0)" } ?? message
    }
}

/// What the controller hands a reconcile besides the key.
public struct ReconcileContext: Sendable {
    /// The controller's name.
    public var controller: String
    /// A unique id of this reconcile, also in every log line of ``logger``.
    public var reconcileID: String
    /// How many consecutive reconciles of this key failed before this one.
    public var retries: Int
    /// A logger carrying `controller`, `object` and `reconcileID` metadata.
    public var logger: Logger

    public init(controller: String, reconcileID: String, retries: Int, logger: Logger) {
        self.controller = controller
        self.reconcileID = reconcileID
        self.retries = retries
        self.logger = logger
    }
}

/// Brings one object to its desired state.
///
/// ## The contract
///
/// - **You get a key, not an event.** `reconcile` receives the namespace and name of a
///   primary object. Read the object (from the cache: ``Store/get(_:)``) and everything
///   else you need, compute the desired state, and make the cluster match it. Do not
///   depend on what changed or on how often you are called: changes are coalesced, and a
///   reconcile may run when nothing changed (after a restart, a relist or a resync).
/// - **Be idempotent.** Running twice in a row must be harmless, and the second run should
///   write nothing: compare before writing (``ApplyDesired``). An unchanged resync then
///   costs no API requests.
/// - **The object may be gone.** A key is also enqueued for a deletion; if the cache has no
///   object, clean up whatever finalizers did not already, and return ``ReconcileResult/done``.
/// - **One key at a time.** The same key is never reconciled by two workers at once;
///   different keys run concurrently up to the controller's `maxConcurrentReconciles`.
/// - **Results.** Return ``ReconcileResult/done`` when converged, or
///   ``ReconcileResult/requeueAfter(_:)`` for timed work. Throw to retry: the key is
///   requeued with per-key exponential backoff (5 ms doubling to 1000 s, reset by the next
///   success). Throw ``TerminalError`` for failures a retry cannot fix: they are logged and
///   counted and the key waits for the next change.
/// - **The cache may lag your writes.** Right after you write, the cache can still show
///   the old object; a reconcile acting on it may get 409 Conflict. Throwing it is fine:
///   the retry sees the new version.
/// - **Cancellation.** On shutdown, in-flight reconciles get a grace period (30 s by
///   default) and are then cancelled; check `Task.isCancelled` in long loops.
/// - **Only the leader reconciles** when leader election is on; caches are warm in every
///   replica, so a new leader starts at once.
public protocol Reconciler: Sendable {
    /// Reconciles the object with `key`; see the contract above.
    func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult
}

/// A ``Reconciler`` made from a closure.
public struct ReconcilerFunction: Reconciler {
    let body: @Sendable (ObjectKey, ReconcileContext) async throws -> ReconcileResult

    public init(_ body: @escaping @Sendable (ObjectKey, ReconcileContext) async throws -> ReconcileResult) {
        self.body = body
    }

    public func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
        try await body(key, context)
    }
}
