import Foundation
import KubeClient
import KubeCore
import KubeModels
import Logging
import Synchronization

/// Whether an event reports normal operation or a problem.
public enum EventType: String, Sendable, Hashable {
    case normal = "Normal"
    case warning = "Warning"
}

/// Records Kubernetes Events about objects, as `kubectl describe` and `kubectl events` show.
///
/// Events are written to `events.k8s.io/v1`; a server without that API (404) gets core
/// `v1` Events instead. Repeats of the same event on the same object within six minutes
/// are aggregated into one Event whose series count grows, and each object has a token
/// bucket (25 writes, then one per five minutes, by default), so a reconcile that fails in
/// a tight loop cannot flood the API server.
///
/// ``record(_:reason:action:note:regarding:related:)`` never blocks and never fails: the
/// writes happen in order on a background task, and failures are logged.
public final class EventRecorder: Sendable {
    /// Tunables.
    public struct Configuration: Sendable {
        /// The component reporting, e.g. `example.com/notebook-controller`.
        public var reportingController: String
        /// This instance of it, e.g. the Pod name.
        public var reportingInstance: String
        /// Writes an object may have at once.
        public var burst: Int
        /// One more write per object becomes possible this often.
        public var refillInterval: Duration
        /// Repeats closer together than this join a series.
        public var seriesWindow: Duration

        public init(
            reportingController: String, reportingInstance: String = ProcessInfo.processInfo.hostName,
            burst: Int = 25, refillInterval: Duration = .seconds(300), seriesWindow: Duration = .seconds(360)
        ) {
            self.reportingController = reportingController
            self.reportingInstance = reportingInstance
            self.burst = burst
            self.refillInterval = refillInterval
            self.seriesWindow = seriesWindow
        }
    }

    /// Counters of what the recorder did, for tests and diagnostics.
    public struct Statistics: Sendable, Hashable {
        /// Events created.
        public var created = 0
        /// Series updates written.
        public var updated = 0
        /// Occurrences not written because of the rate limit.
        public var dropped = 0
        /// Writes that failed.
        public var failed = 0
        /// Whether the recorder fell back to core v1 Events.
        public var usingCoreV1 = false
    }

    struct Occurrence: Sendable {
        var write: EventWrite
        var type: EventType
        var reason: String
        var action: String
        var note: String
        var regarding: ObjectReference
        var related: ObjectReference?
        var time: Date
    }

    /// The counters, shared with the background writer.
    final class StatisticsBox: Sendable {
        let value = Mutex(Statistics())
    }

    enum Item: Sendable {
        case occurrence(Occurrence)
        case flush(CheckedContinuation<Void, Never>)
    }

    public let configuration: Configuration
    let clock: any RuntimeClock
    private let aggregator: Mutex<EventAggregator>
    private let stats = StatisticsBox()
    /// The last time stamp (nanoseconds) used in an event name. Names must differ even for
    /// events recorded in the same instant (a coarse or manual clock): the API server refuses
    /// a second Event of the same name with 409 AlreadyExists.
    private let lastNameStamp = Mutex<UInt64>(0)
    private let continuation: AsyncStream<Item>.Continuation
    private let writer: Task<Void, Never>

    public init(
        client: KubeClient, configuration: Configuration, clock: any RuntimeClock = SystemClock(),
        logger: Logger = Logger(label: "kube.runtime.events")
    ) {
        self.configuration = configuration
        self.clock = clock
        aggregator = Mutex(
            EventAggregator(
                burst: configuration.burst, refillInterval: configuration.refillInterval,
                seriesWindow: configuration.seriesWindow))
        let (stream, continuation) = AsyncStream<Item>.makeStream()
        self.continuation = continuation
        let sink = EventSink(client: client, configuration: configuration, logger: logger)
        let stats = self.stats
        writer = Task {
            for await item in stream {
                switch item {
                case .occurrence(let o): await sink.write(o, stats: stats)
                case .flush(let c): c.resume()
                }
            }
        }
    }

    deinit {
        continuation.finish()
    }

    /// Records an event about `regarding`. Returns at once; the write happens in the background.
    public func record<Object: KubernetesObject>(
        _ type: EventType, reason: String, action: String, note: String, regarding object: Object,
        related: ObjectReference? = nil
    ) {
        record(
            type, reason: reason, action: action, note: note, regarding: Self.reference(to: object), related: related)
    }

    /// Records an event about the object `regarding` refers to.
    public func record(
        _ type: EventType, reason: String, action: String, note: String, regarding: ObjectReference,
        related: ObjectReference? = nil
    ) {
        let now = clock.now
        let wall = clock.wallNow
        let key = EventAggregator.Key(
            regarding: regarding.uid ?? "\(regarding.kind ?? "")/\(regarding.namespace ?? "")/\(regarding.name ?? "")",
            type: type.rawValue, reason: reason, action: action, note: note,
            related: related.map { "\($0.kind ?? "")/\($0.namespace ?? "")/\($0.name ?? "")" } ?? "")
        let write = aggregator.withLock { a in
            a.occurrence(key, now: now) { self.uniqueEventName(for: regarding, at: wall) }
        }
        if case .drop = write {
            stats.value.withLock { $0.dropped += 1 }
            return
        }
        continuation.yield(
            .occurrence(
                Occurrence(
                    write: write, type: type, reason: reason, action: action, note: note, regarding: regarding,
                    related: related, time: wall)))
    }

    /// Waits until every event recorded before this call has been written (or failed).
    public func flush() async {
        await withCheckedContinuation { c in
            if case .terminated = continuation.yield(.flush(c)) { c.resume() }
        }
    }

    /// Writes what is pending and stops the background writer.
    public func shutdown() async {
        continuation.finish()
        await writer.value
    }

    /// What the recorder has done so far.
    public var statistics: Statistics { stats.value.withLock { $0 } }

    /// A reference to `object` for `regarding` / `related`.
    public static func reference<Object: KubernetesObject>(to object: Object) -> ObjectReference {
        ObjectReference(
            apiVersion: Object.resource.apiVersion, kind: Object.resource.kind, name: object.metadata.name,
            namespace: object.metadata.namespace, uid: object.metadata.uid,
            resourceVersion: object.metadata.resourceVersion)
    }

    /// `<object name>.<time in hex nanoseconds>`, as client-go names events; the stamp is
    /// moved past the last one used, so two events of one instant get different names.
    private func uniqueEventName(for regarding: ObjectReference, at time: Date) -> String {
        let nanos = UInt64(max(0, time.timeIntervalSince1970 * 1e9))
        let stamp = lastNameStamp.withLock { last in
            last = max(nanos, last + 1)
            return last
        }
        return "\(regarding.name ?? "object").\(String(stamp, radix: 16))"
    }
}

/// Writes events to the API server, one at a time, remembering whether to use core v1.
actor EventSink {
    let client: KubeClient
    let configuration: EventRecorder.Configuration
    let logger: Logger
    private var useCoreV1 = false

    init(client: KubeClient, configuration: EventRecorder.Configuration, logger: Logger) {
        self.client = client
        self.configuration = configuration
        self.logger = logger
    }

    func write(_ o: EventRecorder.Occurrence, stats: EventRecorder.StatisticsBox) async {
        do {
            try await send(o)
            stats.value.withLock { s in
                if case .create = o.write { s.created += 1 } else { s.updated += 1 }
                s.usingCoreV1 = useCoreV1
            }
        } catch {
            stats.value.withLock { $0.failed += 1 }
            logger.warning(
                "could not write event \(o.reason) about \(o.regarding.kind ?? "") \(o.regarding.name ?? "")",
                error: error)
        }
    }

    private func send(_ o: EventRecorder.Occurrence) async throws {
        if !useCoreV1 {
            do {
                try await sendEventsV1(o)
                return
            } catch let e as KubeAPIError where e.isNotFound && e.status.details?.name == nil {
                // No events.k8s.io on this server (a 404 naming no object): use core v1 from now on.
                logger.info("events.k8s.io/v1 is not served; recording core v1 Events")
                useCoreV1 = true
            }
        }
        try await sendCoreV1(o)
    }

    private var eventNamespace: (EventRecorder.Occurrence) -> String {
        { $0.regarding.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default" }
    }

    private func sendEventsV1(_ o: EventRecorder.Occurrence) async throws {
        let ns = eventNamespace(o)
        let api = client.api(EventsV1Event.self, namespace: ns)
        switch o.write {
        case .create(let name, _):
            try await createV1(o, name: name, api: api)
        case .update(let name, let count):
            let series: JSONValue = [
                "series": ["count": .int(Int64(count)), "lastObservedTime": .string(MicroTime(o.time).description)]
            ]
            do {
                _ = try await api.patch(name, .merge(series))
            } catch let e as KubeAPIError where e.isNotFound && e.status.details?.name != nil {
                // The Event expired (events live an hour): start it again.
                try await createV1(o, name: name, api: api)
            }
        case .drop:
            return
        }
    }

    private func createV1(_ o: EventRecorder.Occurrence, name: String, api: Api<EventsV1Event>) async throws {
        let event = EventsV1Event(
            metadata: ObjectMeta(name: name, namespace: eventNamespace(o)), eventTime: MicroTime(o.time),
            reportingController: configuration.reportingController,
            reportingInstance: configuration.reportingInstance, action: o.action, reason: o.reason,
            regarding: o.regarding, related: o.related, note: Self.truncated(o.note), type: o.type.rawValue)
        _ = try await api.create(event)
    }

    private func sendCoreV1(_ o: EventRecorder.Occurrence) async throws {
        let ns = eventNamespace(o)
        let api = client.api(KubeModels.Event.self, namespace: ns)
        switch o.write {
        case .create(let name, _):
            try await createCore(o, name: name, api: api)
        case .update(let name, let count):
            let patch: JSONValue = ["count": .int(Int64(count)), "lastTimestamp": .string(Time(o.time).description)]
            do {
                _ = try await api.patch(name, .merge(patch))
            } catch let e as KubeAPIError where e.isNotFound && e.status.details?.name != nil {
                try await createCore(o, name: name, api: api)
            }
        case .drop:
            return
        }
    }

    private func createCore(_ o: EventRecorder.Occurrence, name: String, api: Api<KubeModels.Event>) async throws {
        let event = KubeModels.Event(
            metadata: ObjectMeta(name: name, namespace: eventNamespace(o)), involvedObject: o.regarding,
            reason: o.reason, message: Self.truncated(o.note), type: o.type.rawValue,
            source: EventSource(component: configuration.reportingController), firstTimestamp: Time(o.time),
            lastTimestamp: Time(o.time), count: 1, action: o.action, related: o.related,
            reportingComponent: configuration.reportingController, reportingInstance: configuration.reportingInstance)
        _ = try await api.create(event)
    }

    /// The API rejects notes over 1 kB.
    static func truncated(_ note: String) -> String {
        guard note.utf8.count > 1024 else { return note }
        var s = ""
        for ch in note {
            if s.utf8.count + String(ch).utf8.count > 1021 { break }
            s.append(ch)
        }
        return s + "..."
    }
}
