import Foundation
import KubeRuntime
import Synchronization

/// Spaces out status writes that only change counts (a Tenant's, class's or policy's
/// number of workbenches): a thousand workbenches starting at once would otherwise
/// rewrite each such status a thousand times. A count-only change within `interval` of
/// the last write is put off until the interval has passed; the count is then written
/// once, with whatever it is by then. Other status changes are never delayed.
final class CountThrottle: Sendable {
    /// The default spacing; also how long the tenant, class and policy controllers let
    /// workbench events gather before they recount.
    static let interval: Duration = .seconds(1)

    private let interval: Duration
    private let clock: any RuntimeClock
    private let lastWrite = Mutex<[ObjectKey: RuntimeInstant]>([:])

    init(interval: Duration = CountThrottle.interval, clock: any RuntimeClock) {
        self.interval = interval
        self.clock = clock
    }

    /// How long to put off writing `new` over `old`; nil to write now. Only a change that
    /// is nothing but counts is put off: `countsAsBefore` is `new` with `old`'s counts.
    func delay<Status: Equatable>(for key: ObjectKey, from old: Status?, to new: Status, countsAsBefore: Status)
        -> Duration?
    {
        guard new != old, countsAsBefore == old else { return nil }
        return delay(for: key)
    }

    /// How long to wait before writing a count-only change of `key`; nil to write now.
    private func delay(for key: ObjectKey) -> Duration? {
        let now = clock.now
        return lastWrite.withLock { state in
            guard let last = state[key], now - last < interval else { return nil }
            return interval - (now - last)
        }
    }

    /// Records that `key`'s status was written now.
    func wrote(_ key: ObjectKey) {
        let now = clock.now
        lastWrite.withLock { $0[key] = now }
    }
}
