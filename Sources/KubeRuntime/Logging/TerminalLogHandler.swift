import Foundation
import KubeCore
import Logging

/// A swift-log handler for people at a terminal:
///
/// ```
/// 12:00:00.123 ERROR reconcile failed; retrying  controller=notebook object=team-a/nb-1 error="…" retryIn=0.005 seconds
/// ```
///
/// The level is coloured when `colors` is on (by default when standard error is a terminal).
public struct TerminalLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let sink: LogSink
    let colors: Bool

    public init(
        label: String, level: Logger.Level = .info, sink: LogSink = .standardError,
        colors: Bool = LogSink.standardErrorIsTerminal
    ) {
        self.label = label
        self.logLevel = level
        self.sink = sink
        self.colors = colors
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        // Time of day only: a terminal session does not need the date on every line.
        let stamp = RFC3339.format(Date(), fractionDigits: 3)
        let time = stamp.dropFirst(11).dropLast()
        var line = "\(time) \(levelText(event.level)) \(event.message)"
        var pairs: [String] = []
        for key in ["controller", "object", "reconcileID"] {
            if let v = all.removeValue(forKey: key) { pairs.append("\(key)=\(JSONLogHandler.flatten(v))") }
        }
        let metadataError = all.removeValue(forKey: "error").map(JSONLogHandler.flatten)
        if let error = event.error.map({ "\($0)" }) ?? metadataError {
            pairs.append("error=\(JSONLogHandler.quoted(error))")
        }
        for key in all.keys.sorted() {
            if let v = all[key] { pairs.append("\(key)=\(JSONLogHandler.flatten(v))") }
        }
        if !pairs.isEmpty { line += "  " + pairs.joined(separator: " ") }
        sink.emit(line)
    }

    private func levelText(_ level: Logger.Level) -> String {
        let name = level.rawValue.uppercased()
        let padded = name + String(repeating: " ", count: max(0, 5 - name.count))
        guard colors else { return padded }
        let code: String
        switch level {
        case .trace, .debug: code = "2"
        case .info, .notice: code = "32"
        case .warning: code = "33"
        case .error, .critical: code = "31"
        }
        return "\u{1B}[\(code)m\(padded)\u{1B}[0m"
    }
}
