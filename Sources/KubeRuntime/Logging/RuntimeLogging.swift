import Foundation
import Logging

/// The log line format.
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    /// One JSON object per line, for log collectors.
    case json
    /// Readable lines, for terminals.
    case text
}

/// Chooses log level and format from a command-line flag or the environment, and installs
/// the handlers.
///
/// ```swift
/// let level = try RuntimeLogging.level(flag: options.logLevel)      // --log-level, else LOG_LEVEL, else info
/// let format = try RuntimeLogging.format(flag: options.logFormat)   // --log-format, else LOG_FORMAT, else by terminal
/// RuntimeLogging.bootstrap(format: format, level: level)
/// ```
public enum RuntimeLogging {
    /// The level from `flag`, else the environment variable `variable`, else `info`.
    /// - Throws: ``RuntimeError`` (`configuration`) naming the valid levels for an unknown one.
    public static func level(
        flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        variable: String = "LOG_LEVEL"
    ) throws -> Logger.Level {
        let (text, source) = pick(flag, environment[variable], variable)
        guard let text else { return .info }
        let normalized = text.lowercased() == "warn" ? "warning" : text.lowercased()
        guard let level = Logger.Level(rawValue: normalized) else {
            let valid = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw RuntimeError(.configuration, "\(source) '\(text)' is not a log level; use one of: \(valid)")
        }
        return level
    }

    /// The format from `flag`, else the environment variable `variable`, else `text` on a
    /// terminal and `json` otherwise.
    /// - Throws: ``RuntimeError`` (`configuration`) for an unknown format.
    public static func format(
        flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        variable: String = "LOG_FORMAT", isTerminal: Bool = LogSink.standardErrorIsTerminal
    ) throws -> LogFormat {
        let (text, source) = pick(flag, environment[variable], variable)
        guard let text else { return isTerminal ? .text : .json }
        guard let format = LogFormat(rawValue: text.lowercased()) else {
            throw RuntimeError(.configuration, "\(source) '\(text)' is not a log format; use json or text")
        }
        return format
    }

    /// A handler of `format` at `level`.
    public static func handler(
        label: String, format: LogFormat, level: Logger.Level, sink: LogSink = .standardError
    ) -> any LogHandler {
        switch format {
        case .json: return JSONLogHandler(label: label, level: level, sink: sink)
        case .text: return TerminalLogHandler(label: label, level: level, sink: sink)
        }
    }

    /// Installs the handler process-wide (`LoggingSystem.bootstrap`; call once, early).
    public static func bootstrap(format: LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { label in handler(label: label, format: format, level: level) }
    }

    private static func pick(_ flag: String?, _ env: String?, _ variable: String) -> (String?, String) {
        if let flag, !flag.isEmpty { return (flag, "the log flag's value") }
        if let env, !env.isEmpty { return (env, "\(variable)") }
        return (nil, "")
    }
}
