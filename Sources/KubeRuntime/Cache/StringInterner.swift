import Synchronization

/// Shares equal strings between cached objects, for cache transforms (``CacheOptions/transform``).
///
/// Strings of more than 15 UTF-8 bytes live on the heap, one copy per decoded object, even
/// when thousands of objects hold the same text: a status condition's message, the hash of
/// a policy every object of a tenant runs under. Passing such fields through ``intern(_:)``
/// in a transform makes equal ones share one copy. The table forgets everything once it
/// holds `capacity` strings (what is already shared stays shared), so text that is unique
/// per object costs a lookup, not unbounded growth.
public final class StringInterner: Sendable {
    private let table = Mutex(Set<String>())
    private let capacity: Int

    public init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The shared copy of `string` (itself the first time it is seen).
    public func intern(_ string: String) -> String {
        // Short strings are stored inline: there is nothing to share.
        guard string.utf8.count > 15 else { return string }
        return table.withLock { set in
            if let existing = set.firstIndex(of: string) { return set[existing] }
            if set.count >= capacity { set.removeAll() }
            set.insert(string)
            return string
        }
    }

    /// `string` interned, or nil.
    public func intern(_ string: String?) -> String? {
        string.map { intern($0) }
    }
}
