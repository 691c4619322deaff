import Foundation
import Synchronization

/// A thread-safe list for collecting what concurrent code did.
final class LockedList<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    func append(_ e: Element) { storage.withLock { $0.append(e) } }
    var items: [Element] { storage.withLock { $0 } }
    var count: Int { storage.withLock { $0.count } }
    func removeAll() { storage.withLock { $0.removeAll() } }
}

/// A thread-safe counter.
final class LockedCounter: Sendable {
    private let value = Mutex(0)

    @discardableResult
    func increment() -> Int {
        value.withLock {
            $0 += 1
            return $0
        }
    }

    var count: Int { value.withLock { $0 } }
}

/// Polls `condition` every few milliseconds until it holds or `timeout` passes.
func eventually(
    timeout: Duration = .seconds(10), _ what: String = "condition",
    _ condition: @Sendable () async throws -> Bool
) async throws {
    let limit = ContinuousClock.now + timeout
    while ContinuousClock.now < limit {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    if try await condition() { return }
    throw TimeoutError(what: what, timeout: timeout)
}

struct TimeoutError: Error, CustomStringConvertible {
    var what: String
    var timeout: Duration
    var description: String { "timed out after \(timeout) waiting for \(what)" }
}

/// A value behind a lock, shareable between tasks.
final class Locked<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    func withLock<R>(_ body: (inout Value) -> R) -> R { storage.withLock { body(&$0) } }
}
