import Foundation
import KubeCore
import Logging

/// A swift-log handler writing one JSON object per line, for log collectors in a cluster:
///
/// ```json
/// {"time":"2024-05-01T12:00:00.123Z","level":"error","logger":"kube.runtime.manager","message":"reconcile failed; retrying","controller":"notebook","object":"team-a/nb-1","reconcileID":"4f…","error":"…","retryIn":"0.005 seconds"}
/// ```
///
/// `time`, `level`, `logger` and `message` come first, then `controller`, `object`,
/// `reconcileID` and `error` when present (the error of the log call, or `error` metadata),
/// then any other metadata in key order.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let sink: LogSink

    public init(label: String, level: Logger.Level = .info, sink: LogSink = .standardError) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        var line = "{"
        var first = true
        func field(_ key: String, _ value: String) {
            if !first { line += "," }
            first = false
            line += Self.quoted(key) + ":" + Self.quoted(value)
        }
        field("time", RFC3339.format(Date(), fractionDigits: 3))
        field("level", event.level.rawValue)
        field("logger", label)
        field("message", event.message.description)
        for key in ["controller", "object", "reconcileID"] {
            if let v = all.removeValue(forKey: key) { field(key, Self.flatten(v)) }
        }
        let metadataError = all.removeValue(forKey: "error").map(Self.flatten)
        if let error = event.error {
            field("error", "\(error)")
        } else if let metadataError {
            field("error", metadataError)
        }
        for key in all.keys.sorted() {
            if let v = all[key] { field(key, Self.flatten(v)) }
        }
        line += "}"
        sink.emit(line)
    }

    static func flatten(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): return s
        case .stringConvertible(let c): return c.description
        case .array(let a): return "[" + a.map(flatten).joined(separator: ", ") + "]"
        case .dictionary(let d):
            return "{" + d.keys.sorted().map { "\($0): \(d[$0].map(flatten) ?? "")" }.joined(separator: ", ") + "}"
        }
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
