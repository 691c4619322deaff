import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a credential plugin to completion with a deadline, capturing its
/// output. Internal: ``ExecCredentialProvider`` is the public face.
enum PluginProcess {
    /// How a run ended.
    struct Outcome: Sendable {
        /// The exit status, or 128 + the signal number when killed by a signal.
        var status: Int32
        var stdout: Data
        var stderr: Data
        /// The deadline passed and the process was killed.
        var timedOut: Bool
    }

    /// Seconds a plugin gets between SIGTERM and SIGKILL after the deadline.
    static let killGracePeriod: TimeInterval = 2
    /// Seconds to wait for the output pipes to close once the plugin has
    /// exited. Its own output is already buffered by then; only a background
    /// child it left behind (holding the pipes) can make this wait time out.
    static let drainTimeout: TimeInterval = 2

    /// Runs `executable` and returns when it has exited (or was killed at the deadline).
    ///
    /// Waiting for the process and reading its pipes block their threads, so
    /// each of the three happens on a thread of its own and the caller's task
    /// only suspends: neither the cooperative pool nor Dispatch's global
    /// queues (only as wide as the CPU count) are ever blocked. A plugin run is
    /// rare enough that starting threads costs nothing that matters.
    static func run(
        executable: String, arguments: [String], environment: [String: String], timeout: TimeInterval
    ) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            startThread {
                continuation.resume(
                    with: Result {
                        try runBlocking(
                            executable: executable, arguments: arguments, environment: environment, timeout: timeout)
                    })
            }
        }
    }

    private static func runBlocking(
        executable: String, arguments: [String], environment: [String: String], timeout: TimeInterval
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        // Never interactive: the plugin must not wait for keyboard input.
        process.standardInput = FileHandle.nullDevice
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let reapedByFoundation = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in reapedByFoundation.signal() }
        try withUnblockedSignals { try process.run() }
        let pid = process.processIdentifier

        // Both pipes are drained concurrently (a plugin that fills one pipe
        // while we wait on the other would deadlock), chunk by chunk so that
        // everything read is kept even if end-of-file never comes.
        let output = CapturedOutput()
        let readers = DispatchGroup()
        for (pipe, isStdout) in [(stdoutPipe, true), (stderrPipe, false)] {
            readers.enter()
            startThread {
                let handle = pipe.fileHandleForReading
                drain(handle.fileDescriptor) { output.append($0, stdout: isStdout) }
                // Closed explicitly: relying on deallocation left the
                // descriptors open on Linux, two per run.
                try? handle.close()
                readers.leave()
            }
        }

        let state = RunState()
        let watchdog = DispatchWorkItem {
            guard state.signalIfRunning(pid, SIGTERM, markTimedOut: true) else { return }
            DispatchQueue.global().asyncAfter(deadline: .now() + killGracePeriod) {
                _ = state.signalIfRunning(pid, SIGKILL, markTimedOut: false)
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let status = waitForExit(pid: pid, process: process, reapedByFoundation: reapedByFoundation)
        state.markExited()
        watchdog.cancel()
        _ = readers.wait(timeout: .now() + drainTimeout)

        let captured = output.snapshot()
        return Outcome(status: status, stdout: captured.stdout, stderr: captured.stderr, timedOut: state.timedOut)
    }

    /// Runs `body` on a new thread.
    private static func startThread(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = "exec-credential-plugin"
        thread.start()
    }

    /// Reads `fd` until end-of-file, handing over each chunk as it arrives.
    ///
    /// Plain `read(2)`: FileHandle's `availableData` traps on errors, and
    /// `read(upToCount:)` waits to fill the whole count, which never happens
    /// when a leftover child keeps the pipe open after a short answer.
    private static func drain(_ fd: Int32, into sink: (Data) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                sink(Data(buffer[0..<count]))
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Blocks until the plugin itself has exited and returns its status.
    ///
    /// On Linux, `Process` notices an exit only when a socket it shares with
    /// the child closes; a background process the plugin started inherits that
    /// socket, and `waitUntilExit()` would then wait for it too
    /// (swift-corelibs-foundation#4795). `waitid` with `WNOWAIT` observes the
    /// exit directly and leaves the child for `Process` to reap as usual. If
    /// `Process` reaped it first, its own status is used.
    private static func waitForExit(pid: pid_t, process: Process, reapedByFoundation: DispatchSemaphore) -> Int32 {
        var info = siginfo_t()
        while true {
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == 0 {
                #if os(Linux)
                    let code = info.si_code
                    let value = info._sifields._sigchld.si_status
                #else
                    let code = info.si_code
                    let value = info.si_status
                #endif
                return code == Int32(CLD_EXITED) ? value : 128 + value
            }
            if errno != EINTR { break }
        }
        reapedByFoundation.wait()
        return process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
    }
}

/// Runs `body` with this thread's signal mask emptied, then restores it.
///
/// `Process` spawns the child with the calling thread's signal mask, and
/// Dispatch worker threads (including the cooperative pool, and threads they
/// start) block almost every signal. A plugin started with that mask would
/// begin life with SIGTERM, SIGINT, SIGPIPE, … blocked: it could not be
/// terminated politely and shell plugins' `trap`s would never fire. The mask
/// is cleared only around the spawn, so signals meant for this process are
/// not diverted to this thread for longer than that.
private func withUnblockedSignals<T>(_ body: () throws -> T) rethrows -> T {
    var empty = sigset_t()
    var previous = sigset_t()
    sigemptyset(&empty)
    pthread_sigmask(SIG_SETMASK, &empty, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    return try body()
}

/// Whether the plugin has exited or timed out, shared with the watchdog.
private final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private var exited = false
    private var didTimeOut = false

    /// Sends `signal` unless the plugin has been seen to exit. The check and
    /// the signal happen under the lock that ``markExited()`` takes, so a pid
    /// is never signalled after its exit was observed (it could be reused).
    func signalIfRunning(_ pid: pid_t, _ signal: Int32, markTimedOut: Bool) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !exited else { return false }
        if markTimedOut { didTimeOut = true }
        kill(pid, signal)
        return true
    }

    func markExited() {
        lock.lock()
        exited = true
        lock.unlock()
    }

    var timedOut: Bool {
        lock.lock()
        defer { lock.unlock() }
        return didTimeOut
    }
}

/// Output collected by reader threads; a lock makes the hand-over safe.
private final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var stdout = Data()
    private var stderr = Data()

    func append(_ data: Data, stdout isStdout: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if isStdout { stdout.append(data) } else { stderr.append(data) }
    }

    func snapshot() -> (stdout: Data, stderr: Data) {
        lock.lock()
        defer { lock.unlock() }
        return (stdout, stderr)
    }
}
