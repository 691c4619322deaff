import ArgumentParser
import Foundation
import KubeClient
import KubeConfig
import KubeCore

/// Runs a command body and turns any failure into one line on stderr and exit
/// status 1, as kubectl does: no stack traces, no Swift error dumps.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        Terminal.error(describe(error))
        throw ExitCode(1)
    }
}

/// The line a person reads for `error`.
func describe(_ error: any Error) -> String {
    switch error {
    case let e as KubeAPIError:
        // kubectl's form, which people search for.
        let reason = e.status.reason?.rawValue ?? "Unknown"
        var line = "Error from server (\(reason)): \(e.status.message ?? "HTTP \(e.code)")"
        if e.kind == .forbidden || e.kind == .unauthorized || e.kind == .conflict || e.kind == .gone {
            line += " (\(e.advice))"
        }
        return line
    case let e as KubeClientError:
        return "error: \(e.message)"
    case let e as KubeConfigError:
        return "error: \(e.description)"
    case let e as CLIError:
        return "error: \(e.message)"
    default:
        return "error: \(error)"
    }
}

/// A command-line usage or input problem.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Writes to stdout and stderr.
enum Terminal {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
