import Foundation
import KubeCore

/// `Event` (core/v1): a report of something that happened to an object, as `kubectl describe`
/// shows. See ``EventsV1Event`` for the newer `events.k8s.io` form of the same objects.
public struct Event: KubernetesObject, Hashable {
    /// The schema version, `v1`.
    public var apiVersion: String?
    /// The kind, `Event`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The object the event is about.
    public var involvedObject: ObjectReference
    /// A CamelCase reason, e.g. `Scheduled`, `BackOff`.
    public var reason: String?
    /// A human-readable description.
    public var message: String?
    /// `Normal` or `Warning`.
    public var type: String?
    /// The component that reported the event.
    public var source: EventSource?
    /// When the event was first seen.
    public var firstTimestamp: Time?
    /// When the event was last seen.
    public var lastTimestamp: Time?
    /// How often the event was seen.
    public var count: Int32?
    /// When the event was first observed, with microseconds.
    public var eventTime: MicroTime?
    /// Data on a series of repeated events.
    public var series: EventSeries?
    /// What was done, or failed, e.g. `Binding`.
    public var action: String?
    /// A second object involved, if any.
    public var related: ObjectReference?
    /// The controller that reported the event, e.g. `astrolift.dev/controller`.
    public var reportingComponent: String?
    /// The instance of that controller, e.g. its Pod name.
    public var reportingInstance: String?

    /// Served at `v1`, resource `events`, namespaced.
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", kind: "Event", plural: "events", namespaced: true)

    /// An object with `apiVersion` and `kind` already set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), involvedObject: ObjectReference, reason: String? = nil,
        message: String? = nil, type: String? = nil, source: EventSource? = nil, firstTimestamp: Time? = nil,
        lastTimestamp: Time? = nil, count: Int32? = nil, eventTime: MicroTime? = nil, series: EventSeries? = nil,
        action: String? = nil, related: ObjectReference? = nil, reportingComponent: String? = nil,
        reportingInstance: String? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
        self.source = source
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.count = count
        self.eventTime = eventTime
        self.series = series
        self.action = action
        self.related = related
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
    }
}

/// A list of ``Event`` objects, as returned by a list request.
public typealias EventList = ObjectList<Event>

/// The component that reported an event.
public struct EventSource: Codable, Sendable, Hashable {
    /// The component name, e.g. `kubelet`.
    public var component: String?
    /// The node it ran on.
    public var host: String?

    public init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}

/// Data on a series of repeated core/v1 events.
public struct EventSeries: Codable, Sendable, Hashable {
    /// How many times the event occurred in the series.
    public var count: Int32?
    /// When the last occurrence was seen.
    public var lastObservedTime: MicroTime?

    public init(count: Int32? = nil, lastObservedTime: MicroTime? = nil) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }
}
