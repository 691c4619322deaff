import KubeClient
import KubeCore

/// Where a watcher is in its list-then-watch cycle.
///
/// ```
///  empty ──page with continue──▶ listing ──last page──▶ listed ──open watch──▶ watching
///    ▲                              │                                           │  ▲
///    └──── 410 Gone (watch), expired continue token (list) ◀────────────────────┘  │
///                                                   timeout / disconnect: resume ─┘
/// ```
public enum WatcherState: Sendable, Hashable, CustomStringConvertible {
    /// Nothing is known: the next step lists from the first page.
    case empty
    /// A paginated list is under way: the next page follows `continueToken`;
    /// `resourceVersion` is the version of the list (its first page).
    case listing(continueToken: String, resourceVersion: String)
    /// Every page has arrived; the next step opens a watch from `resourceVersion`.
    case listed(resourceVersion: String)
    /// A watch is open, or is to be reopened, from `resourceVersion`: the last version seen.
    case watching(resourceVersion: String)

    public var description: String {
        switch self {
        case .empty: return "empty"
        case .listing(_, let rv): return "listing(rv \(rv))"
        case .listed(let rv): return "listed(rv \(rv))"
        case .watching(let rv): return "watching(rv \(rv))"
        }
    }
}

/// What a watcher reports. A list arrives as ``listStarted``, one ``listPage`` per page and
/// ``listCompleted``; a consumer buffers the pages and replaces what it had with them on
/// completion (a relist after 410 Gone repeats the sequence). While watching, changes
/// arrive one at a time.
public enum WatcherEvent<Object: Sendable>: Sendable {
    /// A (re)list begins: discard any pages buffered from an unfinished list.
    case listStarted
    /// One page of the list.
    case listPage([Object])
    /// The list is complete; its objects are the whole current state.
    case listCompleted(resourceVersion: String)
    /// An object was added or modified.
    case applied(Object)
    /// An object was deleted (its last state).
    case deleted(Object)
    /// The server confirmed progress up to `resourceVersion` with no change to report.
    case bookmark(resourceVersion: String)
}

/// The transitions of a watcher, free of I/O and time: the driver (``Watcher``) performs
/// ``nextStep`` and feeds back what happened; the machine says what to report and whether
/// to back off before the next step.
public struct WatcherStateMachine<Object: APIObject>: Sendable {
    /// The request the driver makes next.
    public enum Step: Sendable, Hashable {
        /// List a page: the first when `continueToken` is nil.
        case list(continueToken: String?)
        /// Open a watch from `resourceVersion`.
        case watch(resourceVersion: String)
    }

    /// What the driver does after a failure or the end of a watch.
    public struct Outcome: Sendable, Hashable {
        /// Wait for the backoff before the next step (otherwise go on at once).
        public var backOff: Bool
    }

    public private(set) var state: WatcherState = .empty
    /// Whether anything (an event or a bookmark) arrived since the list completed; a 410
    /// with no progress at all means relisting does not help, so it backs off.
    private var progressSinceList = false
    /// Whether the current watch delivered anything; one that ends empty-handed backs off,
    /// so a server or proxy that closes watches at once cannot make a hot loop.
    private var progressThisWatch = false

    public init() {}

    /// The request the driver makes next.
    public var nextStep: Step {
        switch state {
        case .empty: return .list(continueToken: nil)
        case .listing(let token, _): return .list(continueToken: token)
        case .listed(let rv), .watching(let rv): return .watch(resourceVersion: rv)
        }
    }

    /// A page arrived. Returns what to report.
    public mutating func pageReceived(_ list: ObjectList<Object>) -> [WatcherEvent<Object>] {
        var events: [WatcherEvent<Object>] = []
        let listVersion: String
        switch state {
        case .listing(_, let rv):
            listVersion = rv
        default:
            // A first page: the list's version is this page's.
            events.append(.listStarted)
            listVersion = list.metadata.resourceVersion ?? ""
        }
        events.append(.listPage(list.items))
        if let token = list.metadata.continue, !token.isEmpty {
            state = .listing(continueToken: token, resourceVersion: listVersion)
        } else {
            state = .listed(resourceVersion: listVersion)
            progressSinceList = false
            events.append(.listCompleted(resourceVersion: listVersion))
        }
        return events
    }

    /// A list request failed.
    public mutating func listFailed(_ error: any Error) -> Outcome {
        if Self.isGone(error) {
            // The continue token expired: a consistent list must start over.
            state = .empty
        }
        return Outcome(backOff: true)
    }

    /// The driver is opening the watch named by ``nextStep``.
    public mutating func watchStarted() {
        if case .listed(let rv) = state { state = .watching(resourceVersion: rv) }
        progressThisWatch = false
    }

    /// A watch event arrived. Returns what to report.
    public mutating func received(_ event: WatchEvent<Object>) -> WatcherEvent<Object> {
        progressSinceList = true
        progressThisWatch = true
        switch event {
        case .added(let o), .modified(let o):
            advance(to: o.objectResourceVersion)
            return .applied(o)
        case .deleted(let o):
            advance(to: o.objectResourceVersion)
            return .deleted(o)
        case .bookmark(let rv):
            advance(to: rv)
            return .bookmark(resourceVersion: currentVersion)
        }
    }

    /// The server ended the watch normally (its timeout): resume from the last version.
    public mutating func watchEnded() -> Outcome {
        Outcome(backOff: !progressThisWatch)
    }

    /// The watch failed: an `ERROR` event, a broken connection or an error response.
    public mutating func watchFailed(_ error: any Error) -> Outcome {
        if Self.isGone(error) {
            // The version is too old for the server's history: only a new list can
            // establish the state. Relist at once unless relisting did not help last time.
            let backOff = !progressSinceList
            state = .empty
            return Outcome(backOff: backOff)
        }
        return Outcome(backOff: true)
    }

    private var currentVersion: String {
        switch state {
        case .listed(let rv), .watching(let rv), .listing(_, let rv): return rv
        case .empty: return ""
        }
    }

    private mutating func advance(to version: String?) {
        guard let version, !version.isEmpty else { return }
        switch state {
        case .listed, .watching: state = .watching(resourceVersion: version)
        case .empty, .listing: break
        }
    }

    /// Whether `error` is the server's 410 Gone, as an `ERROR` event or a response.
    static func isGone(_ error: any Error) -> Bool {
        if let e = error as? WatchErrorEvent { return e.isGone }
        if let e = error as? KubeAPIError { return e.isGone }
        return false
    }
}
