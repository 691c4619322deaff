import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where log lines go: standard error by default, or a collector in tests. Writes are
/// whole lines, never interleaved.
public final class LogSink: Sendable {
    private let write: @Sendable (String) -> Void
    private let lock = Mutex(())

    /// A sink that hands each line (without its newline) to `write`.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Writes `line` and a newline.
    public func emit(_ line: String) {
        lock.withLock { _ in write(line) }
    }

    /// Standard error, unbuffered.
    public static let standardError = LogSink { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Whether standard error is a terminal (for choosing the readable format).
    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
}
