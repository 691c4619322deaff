/// A failure of the runtime itself (as opposed to an API error, `KubeAPIError`, or a
/// transport error, `KubeClientError`). The message is one line that names the object or
/// component and says what to do.
public struct RuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A cache did not finish its first list in time.
        case cacheSyncTimeout
        /// An object already has a different controller owner.
        case alreadyOwned
        /// This process lost its leader-election lease.
        case leadershipLost
        /// A configuration value cannot work (an empty name, a renew deadline longer than the lease).
        case configuration
        /// A guarded write lost a race with another writer; reading again and retrying fixes it.
        case conflict
        /// In-flight reconciles did not finish within the shutdown grace period.
        case shutdownTimeout
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
