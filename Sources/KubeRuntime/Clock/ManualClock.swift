import Foundation
import Synchronization

/// A clock that moves only when told to: tests call ``advance(by:)`` and every sleeper
/// whose deadline has passed wakes up. Use it wherever the runtime takes a
/// ``RuntimeClock`` to make timing-dependent behaviour (backoff, requeue delays,
/// lease expiry) deterministic.
public final class ManualClock: RuntimeClock {
    private struct Sleeper {
        var deadline: RuntimeInstant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = RuntimeInstant(offset: .zero)
        var wall: Date
        var sleepers: [UInt64: Sleeper] = [:]
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    /// A clock at monotonic zero whose wall time starts at `wallStart`.
    public init(wallStart: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        state = Mutex(State(wall: wallStart))
    }

    public var now: RuntimeInstant { state.withLock { $0.now } }
    public var wallNow: Date { state.withLock { $0.wall } }

    /// How many tasks are suspended in ``sleep(until:)``.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline anyone sleeps until, if any.
    public var nextDeadline: RuntimeInstant? {
        state.withLock { $0.sleepers.values.map(\.deadline).min() }
    }

    /// Moves time forward and wakes every sleeper whose deadline is now past.
    public func advance(by duration: Duration) {
        let due: [CheckedContinuation<Void, any Error>] = state.withLock { s in
            s.now = s.now + duration
            s.wall = s.wall.addingTimeInterval(duration.seconds)
            let ready = s.sleepers.filter { $0.value.deadline <= s.now }
            for id in ready.keys { s.sleepers[id] = nil }
            return ready.sorted { $0.value.deadline < $1.value.deadline }.map(\.value.continuation)
        }
        for c in due { c.resume() }
    }

    /// Waits (in real time, yielding) until at least `count` tasks sleep on this clock,
    /// so a test can advance time knowing the code under test has reached its wait.
    /// Returns `false` if that did not happen within `timeout` of real time.
    @discardableResult
    public func waitForSleepers(atLeast count: Int, timeout: Duration = .seconds(5)) async -> Bool {
        let limit = ContinuousClock.now + timeout
        while sleeperCount < count {
            if ContinuousClock.now > limit { return false }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return true
    }

    public func sleep(until deadline: RuntimeInstant) async throws {
        let id: UInt64 = state.withLock { s in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let immediate: Result<Void, any Error>? = state.withLock { s in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= s.now { return .success(()) }
                    s.sleepers[id] = Sleeper(deadline: deadline, continuation: c)
                    return nil
                }
                if let immediate { c.resume(with: immediate) }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }
}
