/// A change a cache reports to its subscribers.
public struct CacheEvent<Object: Sendable>: Sendable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        case added, updated, deleted
    }

    /// Why the cache reports it; controllers use it to queue list-time work behind live changes.
    public enum Origin: Sendable, Hashable {
        /// The first list of the cache, or the objects already cached when a subscriber joined.
        case initialList
        /// A watch event.
        case watch
        /// A difference found by a relist (after 410 Gone): a change the watch missed.
        case relist
        /// A periodic re-delivery of an unchanged object (`oldObject` is the same object).
        case resync
    }

    public var kind: Kind
    /// The object after the change (for `deleted`, its last known state).
    public var object: Object
    /// The object before the change, for `updated`.
    public var oldObject: Object?
    public var origin: Origin

    public init(kind: Kind, object: Object, oldObject: Object? = nil, origin: Origin) {
        self.kind = kind
        self.object = object
        self.oldObject = oldObject
        self.origin = origin
    }
}
