import KubeClient
import KubeCore
import Logging

/// How a ``Watcher`` lists and watches.
public struct WatcherConfiguration: Sendable {
    /// Only objects whose labels match (`app=web,tier!=db`); `nil` for all.
    public var labelSelector: String?
    /// Only objects whose fields match (`metadata.name=x`); `nil` for all.
    public var fieldSelector: String?
    /// Objects per list page.
    public var pageSize: Int
    /// How long the server keeps one watch open before ending it; the watcher then
    /// resumes from the last version. Just under the API server's 5-minute cap.
    public var watchTimeoutSeconds: Int
    /// Ask for bookmarks, so resuming after a quiet period does not fall behind the server's history.
    public var bookmarks: Bool
    /// The delay between retries after failures.
    public var backoff: ExponentialBackoff

    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, pageSize: Int = 500,
        watchTimeoutSeconds: Int = 290, bookmarks: Bool = true, backoff: ExponentialBackoff = ExponentialBackoff()
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.pageSize = pageSize
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.bookmarks = bookmarks
        self.backoff = backoff
    }
}

/// Lists then watches one resource, forever: pages of ``WatcherConfiguration/pageSize``,
/// a watch from the list's version with bookmarks, resumption from the last version seen
/// after a disconnect or the server's timeout, a full relist on 410 Gone, and
/// exponential backoff with jitter between failed attempts. The transitions are those of
/// ``WatcherStateMachine``.
///
/// To watch metadata only, watch ``PartialObjectMetadata``: the same stream is decoded
/// into names, labels, owners and versions, and the rest of each object is dropped at once.
public struct Watcher<Object: APIObject>: Sendable {
    public let api: Api<Object>
    public var configuration: WatcherConfiguration
    public var clock: any RuntimeClock
    public var logger: Logger
    /// Called after every state change (diagnostics and tests).
    public var onStateChange: (@Sendable (WatcherState) -> Void)?
    /// Called on every failure, with the delay before the next attempt (`.zero`: none).
    public var onError: (@Sendable (any Error, Duration) -> Void)?

    public init(
        api: Api<Object>, configuration: WatcherConfiguration = WatcherConfiguration(),
        clock: any RuntimeClock = SystemClock(), logger: Logger = Logger(label: "kube.runtime.watcher")
    ) {
        self.api = api
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// Runs until the task is cancelled, handing every event to `emit` in order.
    public func run(_ emit: (WatcherEvent<Object>) async -> Void) async {
        var machine = WatcherStateMachine<Object>()
        var backoff = configuration.backoff
        var lastState = machine.state
        onStateChange?(lastState)
        func noteState() {
            if machine.state != lastState {
                lastState = machine.state
                logger.trace("watcher state", metadata: ["resource": "\(api.resource)", "state": "\(lastState)"])
                onStateChange?(lastState)
            }
        }
        while !Task.isCancelled {
            let outcome: WatcherStateMachine<Object>.Outcome
            var failure: (any Error)?
            switch machine.nextStep {
            case .list(let token):
                do {
                    let page = try await api.list(listOptions(continueToken: token))
                    for event in machine.pageReceived(page) { await emit(event) }
                    noteState()
                    continue
                } catch {
                    if Task.isCancelled { return }
                    outcome = machine.listFailed(error)
                    failure = error
                }
            case .watch(let version):
                machine.watchStarted()
                noteState()
                do {
                    for try await event in api.watch(watchOptions(from: version)) {
                        await emit(machine.received(event))
                        noteState()
                    }
                    outcome = machine.watchEnded()
                } catch {
                    if Task.isCancelled { return }
                    outcome = machine.watchFailed(error)
                    failure = error
                }
            }
            noteState()
            let delay = outcome.backOff ? backoff.next(now: clock.now) : .zero
            if let failure {
                onError?(failure, delay)
                logger.log(
                    level: WatcherStateMachine<Object>.isGone(failure) ? .info : .warning,
                    "watch of \(api.resource) failed; retrying",
                    metadata: ["error": "\(failure)", "retryIn": "\(delay)", "state": "\(machine.state)"])
            }
            if delay > .zero {
                do { try await clock.sleep(for: delay) } catch { return }
            }
        }
    }

    /// The events as an `AsyncStream`; watching stops when iteration stops.
    public func events() -> AsyncStream<WatcherEvent<Object>> {
        let (stream, continuation) = AsyncStream<WatcherEvent<Object>>.makeStream()
        let task = Task {
            await run { continuation.yield($0) }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    func listOptions(continueToken: String?) -> ListOptions {
        ListOptions(
            labelSelector: configuration.labelSelector, fieldSelector: configuration.fieldSelector,
            limit: configuration.pageSize, continueToken: continueToken)
    }

    func watchOptions(from version: String) -> WatchOptions {
        WatchOptions(
            labelSelector: configuration.labelSelector, fieldSelector: configuration.fieldSelector,
            resourceVersion: version, allowWatchBookmarks: configuration.bookmarks,
            timeoutSeconds: configuration.watchTimeoutSeconds)
    }
}
