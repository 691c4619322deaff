import Foundation
import KubeCore

/// `Event` of `events.k8s.io/v1`: the newer form of ``Event``, with `regarding`, `note` and
/// `reportingController`. The same objects are served under both groups.
public struct EventsV1Event: KubernetesObject, Hashable {
    /// The schema version, `events.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `Event`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// When the event was first observed; required when creating.
    public var eventTime: MicroTime?
    /// The controller that emitted the event, e.g. `astrolift.dev/controller`; required when creating.
    public var reportingController: String?
    /// The instance of that controller, e.g. its Pod name; required when creating.
    public var reportingInstance: String?
    /// What was done, or failed, e.g. `Provision`.
    public var action: String?
    /// A CamelCase reason, e.g. `Created`.
    public var reason: String?
    /// The object the event is about.
    public var regarding: ObjectReference?
    /// A second object involved, if any.
    public var related: ObjectReference?
    /// A human-readable description, at most 1 kB.
    public var note: String?
    /// `Normal` or `Warning`.
    public var type: String?
    /// Data on a series of repeated events.
    public var series: EventsV1EventSeries?
    /// The core/v1 `source`, for events written through that API.
    public var deprecatedSource: EventSource?
    /// The core/v1 `firstTimestamp`.
    public var deprecatedFirstTimestamp: Time?
    /// The core/v1 `lastTimestamp`.
    public var deprecatedLastTimestamp: Time?
    /// The core/v1 `count`.
    public var deprecatedCount: Int32?

    /// Served at `events.k8s.io/v1`, resource `events`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "events.k8s.io", version: "v1", kind: "Event", plural: "events", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), eventTime: MicroTime? = nil, reportingController: String? = nil,
        reportingInstance: String? = nil, action: String? = nil, reason: String? = nil,
        regarding: ObjectReference? = nil, related: ObjectReference? = nil, note: String? = nil,
        type: String? = nil, series: EventsV1EventSeries? = nil, deprecatedSource: EventSource? = nil,
        deprecatedFirstTimestamp: Time? = nil, deprecatedLastTimestamp: Time? = nil, deprecatedCount: Int32? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.eventTime = eventTime
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.action = action
        self.reason = reason
        self.regarding = regarding
        self.related = related
        self.note = note
        self.type = type
        self.series = series
        self.deprecatedSource = deprecatedSource
        self.deprecatedFirstTimestamp = deprecatedFirstTimestamp
        self.deprecatedLastTimestamp = deprecatedLastTimestamp
        self.deprecatedCount = deprecatedCount
    }
}

/// A list of ``EventsV1Event`` objects, as returned by a list request.
public typealias EventsV1EventList = ObjectList<EventsV1Event>

/// Data on a series of repeated `events.k8s.io/v1` events.
public struct EventsV1EventSeries: Codable, Sendable, Hashable {
    /// How many times the event occurred in the series.
    public var count: Int32
    /// When the last occurrence was seen.
    public var lastObservedTime: MicroTime

    public init(count: Int32, lastObservedTime: MicroTime) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }
}
