import Foundation

/// Splits a byte stream into newline-terminated lines, whatever the chunk
/// boundaries: a chunk may end mid-line, hold several lines, or be a small
/// piece of a line larger than any chunk.
public struct LineFramer: Sendable {
    private var buffer: [UInt8] = []
    /// Start of the unconsumed part of `buffer`; compacted lazily to avoid O(n²) copying.
    private var start = 0
    /// How far `buffer` has been searched for a newline, so long lines are scanned once.
    private var scanned = 0
    public let maxLineBytes: Int

    public init(maxLineBytes: Int = 64 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// The error thrown when a line grows past ``maxLineBytes``.
    public struct LineTooLong: Error, Sendable {
        public var limit: Int
    }

    /// Appends a chunk and returns the complete lines it finished (without the
    /// newline; empty lines are skipped).
    public mutating func push<C: Collection>(_ chunk: C) throws -> [ArraySlice<UInt8>] where C.Element == UInt8 {
        buffer.append(contentsOf: chunk)
        var lines: [ArraySlice<UInt8>] = []
        var i = max(scanned, start)
        let end = buffer.count
        while i < end {
            if buffer[i] == 0x0A {
                var lineEnd = i
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineEnd > start { lines.append(buffer[start..<lineEnd]) }
                start = i + 1
            }
            i += 1
        }
        scanned = end
        if end - start > maxLineBytes { throw LineTooLong(limit: maxLineBytes) }
        // Lines already returned are copies-on-write slices; compact when the dead prefix is large.
        if start > 0 && (start == buffer.count || start > 1 << 16) {
            let rest = Array(buffer[start...])
            buffer = rest
            scanned -= start
            start = 0
        }
        return lines
    }

    /// What is left after the stream ended without a final newline.
    public var remainder: ArraySlice<UInt8> {
        let r = buffer[start...]
        let trimmed = r.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
        return trimmed.isEmpty ? [] : r
    }
}
