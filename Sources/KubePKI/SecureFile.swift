import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// File reads and atomic writes with explicit permissions, for key material.
///
/// A key is written to a temporary file created with its final mode (so it is never
/// readable by others, not even briefly), flushed, then renamed over the target (so a
/// crash leaves the old file or the new one, never half of one).
enum SecureFile {
    /// The file's text, or `nil` if it does not exist.
    static func readText(_ url: URL) throws -> String? {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return nil
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) { return nil }
            throw PKIError.fileSystem(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
    }

    /// Replaces `url` with `text`, leaving it with permission bits `mode`.
    static func writeAtomically(_ text: String, to url: URL, mode: mode_t) throws {
        let target = url.path
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure(target, "cannot create \(temporary)") }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        do {
            // The umask may have cleared bits of `mode` (e.g. 0644 under umask 077); set it exactly.
            guard fchmod(fd, mode) == 0 else { throw failure(target, "cannot set mode") }
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(target, "cannot write")
                }
                bytes = bytes.dropFirst(written)
            }
            guard fsync(fd) == 0 else { throw failure(target, "cannot flush") }
            closed = true
            guard close(fd) == 0 else { throw failure(target, "cannot close") }
            guard rename(temporary, target) == 0 else { throw failure(target, "cannot replace") }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private static func failure(_ path: String, _ what: String) -> PKIError {
        let code = errno
        return PKIError.fileSystem(path: path, reason: "\(what): \(String(cString: strerror(code)))")
    }
}
