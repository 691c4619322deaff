import Foundation
import KubeCore

/// The columns the real server prints for Events (either version: both are one storage and
/// the cells are computed from the stored core v1 Event): LAST SEEN, TYPE, REASON, OBJECT,
/// MESSAGE; with `-o wide` also SUBOBJECT, SOURCE, FIRST SEEN, COUNT and NAME.
enum EventColumns {
    /// `since` of a timestamp, or `<unknown>` when unset.
    private static func since(_ value: JSONValue?) -> String {
        HumanDuration.age(of: value?.stringValue)
    }

    private static func isSet(_ value: JSONValue?) -> Bool {
        !(value?.stringValue ?? "").isEmpty
    }

    /// FIRST SEEN: `firstTimestamp`, else `eventTime` (events.k8s.io writers set only that).
    static func firstSeen(_ o: JSONValue) -> String {
        isSet(o["firstTimestamp"]) ? since(o["firstTimestamp"]) : since(o["eventTime"])
    }

    /// LAST SEEN: the series' last observation, else `lastTimestamp`, else the first sighting.
    static func lastSeen(_ o: JSONValue) -> String {
        if let series = o["series"], series.objectValue != nil { return since(series["lastObservedTime"]) }
        return isSet(o["lastTimestamp"]) ? since(o["lastTimestamp"]) : firstSeen(o)
    }

    /// COUNT: the series' count, else `count`, else 1 (singletons of the new API have none).
    static func count(_ o: JSONValue) -> Int64 {
        if let series = o["series"], series.objectValue != nil { return series["count"]?.intValue ?? 0 }
        let count = o["count"]?.intValue ?? 0
        return count == 0 ? 1 : count
    }

    /// OBJECT: `kind/name` of the involved object, lower-cased kind.
    static func object(_ o: JSONValue) -> String {
        let kind = (o[path: ["involvedObject", "kind"]]?.stringValue ?? "").lowercased()
        let name = o[path: ["involvedObject", "name"]]?.stringValue ?? ""
        return name.isEmpty ? kind : "\(kind)/\(name)"
    }

    /// SOURCE: component (or reporting controller), then host (or reporting instance).
    static func source(_ o: JSONValue) -> String {
        func first(_ a: JSONValue?, _ b: JSONValue?) -> String {
            let s = a?.stringValue ?? ""
            return s.isEmpty ? (b?.stringValue ?? "") : s
        }
        let component = first(o[path: ["source", "component"]], o["reportingComponent"])
        let instance = first(o[path: ["source", "host"]], o["reportingInstance"])
        if component.isEmpty { return "<unknown>" }
        return instance.isEmpty ? component : "\(component), \(instance)"
    }

    static let all: [TableRendering.Column] = [
        TableRendering.column("Last Seen") { .string(lastSeen($0)) },
        TableRendering.column("Type") { $0["type"] ?? "" },
        TableRendering.column("Reason") { $0["reason"] ?? "" },
        TableRendering.column("Object") { .string(object($0)) },
        TableRendering.column("Subobject", priority: 1) { $0[path: ["involvedObject", "fieldPath"]] ?? "" },
        TableRendering.column("Source", priority: 1) { .string(source($0)) },
        TableRendering.column("Message") {
            .string(($0["message"]?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        },
        TableRendering.column("First Seen", priority: 1) { .string(firstSeen($0)) },
        TableRendering.column("Count", priority: 1) { .int(count($0)) },
        (
            Table.Column(
                name: "Name", type: "string", format: "name",
                description: "Name must be unique within a namespace.", priority: 1),
            { $0[path: ["metadata", "name"]] ?? "" }
        ),
    ]
}
