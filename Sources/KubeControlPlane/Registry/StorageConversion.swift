import Foundation
import KubeCore

/// How the resources that share one storage convert their objects.
///
/// kube-apiserver keeps core `v1` Events and `events.k8s.io/v1` Events in one etcd resource
/// (`/registry/events`, encoded as core v1) and converts per request; so does this server.
/// Core v1 is the storage shape because it is what the real server stores, because it holds
/// every field of both versions (`events.k8s.io/v1` adds none), and because Events written
/// through core v1 before the storage was shared are already stored that way.
enum StorageConversion: Sendable {
    /// Core `v1` and `events.k8s.io/v1` Events, stored as core `v1` Events.
    case events

    /// The storage key both resources use.
    var storageKey: String {
        switch self {
        case .events: "/events"
        }
    }

    /// Where `events.k8s.io/v1` Events were stored before the storage was shared; objects
    /// found there on start are moved (``ControlPlane``).
    static let legacyEventsStorageKey = "events.k8s.io/events"

    /// Whether objects served at `apiVersion` are stored as they are served (reads then
    /// serve the stored bytes).
    func isStorageShape(_ apiVersion: String) -> Bool {
        switch self {
        case .events: EventConversion.Shape(apiVersion: apiVersion) == .core
        }
    }

    /// `object`, written at `apiVersion` (the served version), in the storage shape. Field sets
    /// of `metadata.managedFields` are in `apiVersion`'s shape (as a write computes them) and
    /// end up in the shape of each entry's own version, as the real server keeps them.
    func toStorage(_ object: JSONValue, from apiVersion: String) -> JSONValue {
        switch self {
        case .events:
            EventConversion.convert(
                object, to: .core, managedFieldsFrom: EventConversion.Shape(apiVersion: apiVersion),
                managedFieldsTo: nil)
        }
    }

    /// A stored object as served at `apiVersion`. With `forWrite`, the field sets of
    /// `metadata.managedFields` are converted to `apiVersion`'s shape too, so that a write's
    /// field manager compares like with like; reads show them as recorded.
    func fromStorage(_ object: JSONValue, to apiVersion: String, forWrite: Bool = false) -> JSONValue {
        switch self {
        case .events:
            let shape = EventConversion.Shape(apiVersion: apiVersion)
            return EventConversion.convert(
                object, to: shape, managedFieldsFrom: nil, managedFieldsTo: shape, convertsManagedFields: forWrite)
        }
    }

    /// The storage's name for a field selector label sent to `apiVersion`, or `nil` when the
    /// label is not supported there (`regarding.name` of events.k8s.io is `involvedObject.name`).
    func storageFieldLabel(_ label: String, apiVersion: String) -> String? {
        switch self {
        case .events:
            switch EventConversion.Shape(apiVersion: apiVersion) {
            case .core:
                let metadata = label == "metadata.name" || label == "metadata.namespace"
                return metadata || EventConversion.coreFieldLabels.contains(label) ? label : nil
            case .eventsV1:
                return EventConversion.coreFieldLabel(eventsV1: label)
            }
        }
    }

    /// The value of a storage field selector label on a stored object.
    func selectableValue(_ label: String, of object: JSONValue) -> String {
        switch self {
        case .events: EventConversion.selectableValue(label, of: object)
        }
    }
}

/// The field mapping between core `v1` and `events.k8s.io/v1` Events, as Kubernetes'
/// conversion (`pkg/apis/events/v1`) does it: renamed top-level fields; `reason`, `type`,
/// `action`, `eventTime`, `series`, `related` and `reportingInstance` are the same.
enum EventConversion {
    /// The two shapes of an Event.
    enum Shape: Sendable, Equatable {
        case core
        case eventsV1

        init(apiVersion: String) {
            self = apiVersion == "events.k8s.io/v1" ? .eventsV1 : .core
        }

        var apiVersion: String { self == .core ? "v1" : "events.k8s.io/v1" }
    }

    /// `(core v1 name, events.k8s.io/v1 name)` of every renamed top-level field.
    static let renamed: [(core: String, events: String)] = [
        ("involvedObject", "regarding"), ("message", "note"), ("reportingComponent", "reportingController"),
        ("source", "deprecatedSource"), ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"), ("count", "deprecatedCount"),
    ]
    private static let coreToEvents = Dictionary(uniqueKeysWithValues: renamed.map { ($0.core, $0.events) })
    private static let eventsToCore = Dictionary(uniqueKeysWithValues: renamed.map { ($0.events, $0.core) })

    /// The name of a top-level field of `from`'s shape in `to`'s shape.
    static func fieldName(_ name: String, from: Shape, to: Shape) -> String {
        guard from != to else { return name }
        return (to == .eventsV1 ? coreToEvents[name] : eventsToCore[name]) ?? name
    }

    /// `object` (in whichever shape its `apiVersion` says) in `target`'s shape.
    ///
    /// Managed field sets: `managedFieldsFrom` is the shape they are in (`nil`: each entry's own
    /// version's) and `managedFieldsTo` the shape wanted (`nil`: each entry's own version's).
    static func convert(
        _ object: JSONValue, to target: Shape, managedFieldsFrom: Shape?, managedFieldsTo: Shape?,
        convertsManagedFields: Bool = true
    ) -> JSONValue {
        guard var members = object.objectValue else { return object }
        let source = Shape(apiVersion: members["apiVersion"]?.stringValue ?? "v1")
        if source != target {
            var out: [String: JSONValue] = [:]
            for (name, value) in members {
                out[fieldName(name, from: source, to: target)] = value
            }
            members = out
        }
        members["apiVersion"] = .string(target.apiVersion)
        members["kind"] = "Event"
        var result = JSONValue.object(members)
        if convertsManagedFields, let entries = result[path: ["metadata", "managedFields"]]?.arrayValue {
            result[path: ["metadata", "managedFields"]] = .array(
                entries.map { convertEntry($0, from: managedFieldsFrom, to: managedFieldsTo) })
        }
        return result
    }

    /// One `managedFields` entry with its top-level field names moved between shapes.
    private static func convertEntry(_ entry: JSONValue, from: Shape?, to: Shape?) -> JSONValue {
        let own = Shape(apiVersion: entry["apiVersion"]?.stringValue ?? "v1")
        let source = from ?? own
        let target = to ?? own
        guard source != target, let fields = entry["fieldsV1"]?.objectValue else { return entry }
        var out: [String: JSONValue] = [:]
        for (key, value) in fields {
            // Field sets name members `f:<name>`; other keys (`.`, `k:`, `v:`) are not top-level fields.
            if key.hasPrefix("f:") {
                out["f:" + fieldName(String(key.dropFirst(2)), from: source, to: target)] = value
            } else {
                out[key] = value
            }
        }
        var converted = entry
        converted["fieldsV1"] = .object(out)
        return converted
    }

    /// The `involvedObject` members core v1 Events can be selected by.
    static let referenceFields = ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"]

    /// Field selector labels of core v1 Events (besides `metadata.name` and `metadata.namespace`).
    static let coreFieldLabels: Set<String> = Set(
        referenceFields.map { "involvedObject." + $0 } + ["reason", "reportingComponent", "source", "type"])

    /// The core label of an `events.k8s.io/v1` field selector label, `nil` if unsupported.
    static func coreFieldLabel(eventsV1 label: String) -> String? {
        switch label {
        case "metadata.name", "metadata.namespace", "reason", "source", "type": return label
        case "reportingController": return "reportingComponent"
        default:
            guard label.hasPrefix("regarding."), referenceFields.contains(String(label.dropFirst(10))) else {
                return nil
            }
            return "involvedObject." + label.dropFirst(10)
        }
    }

    /// The value of a core field selector label on a stored (core v1) Event, as the real
    /// server's `ToSelectableFields`: `source` is `source.component`, else the reporting controller.
    static func selectableValue(_ label: String, of event: JSONValue) -> String {
        switch label {
        case "source":
            let component = event[path: ["source", "component"]]?.stringValue ?? ""
            return component.isEmpty ? (event["reportingComponent"]?.stringValue ?? "") : component
        default:
            let path = label.split(separator: ".").map(String.init)
            switch event[path: path] {
            case .string(let s)?: return s
            case .int(let i)?: return String(i)
            default: return ""
            }
        }
    }
}
