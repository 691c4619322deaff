#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 address as it appears in a certificate's subject alternative names:
/// 4 or 16 network-order bytes.
///
/// Parsing goes through the C library's `inet_pton` rather than a hand-written parser,
/// because IPv6 text forms (`::`, embedded IPv4, leading zeros) are easy to get subtly wrong.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// The IPv4 loopback address, `127.0.0.1`.
    public static let loopbackV4 = IPAddress(validatedBytes: [127, 0, 0, 1])
    /// The IPv6 loopback address, `::1`.
    public static let loopbackV6 = IPAddress(validatedBytes: Array(repeating: 0, count: 15) + [1])

    /// Parses a textual address such as `127.0.0.1` or `::1`.
    ///
    /// - Throws: ``PKIError/invalidIPAddress(_:)`` when `text` is neither form (zone
    ///   suffixes like `%eth0` are rejected: certificates cannot carry them).
    public init(_ text: String) throws {
        if let v4 = Self.parse(text, family: AF_INET, length: 4) {
            self.bytes = v4
        } else if let v6 = Self.parse(text, family: AF_INET6, length: 16) {
            self.bytes = v6
        } else {
            throw PKIError.invalidIPAddress(text)
        }
    }

    /// Wraps raw bytes taken from a certificate.
    ///
    /// - Throws: ``PKIError/invalidIPAddress(_:)`` unless there are exactly 4 or 16 bytes.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == 4 || bytes.count == 16 else {
            throw PKIError.invalidIPAddress("<\(bytes.count) bytes>")
        }
        self.bytes = bytes
    }

    private init(validatedBytes: [UInt8]) {
        self.bytes = validatedBytes
    }

    /// The canonical text form (`inet_ntop`), e.g. `::1` for the IPv6 loopback.
    public var description: String {
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        // INET6_ADDRSTRLEN is 46; a fixed buffer avoids importing the macro on every platform.
        var buffer = [CChar](repeating: 0, count: 64)
        let ok = bytes.withUnsafeBytes { raw in
            buffer.withUnsafeMutableBufferPointer { out in
                inet_ntop(family, raw.baseAddress, out.baseAddress, socklen_t(out.count)) != nil
            }
        }
        guard ok else { return bytes.map(String.init).joined(separator: ".") }
        let terminated = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: terminated, as: UTF8.self)
    }

    private static func parse(_ text: String, family: Int32, length: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: length)
        let status = out.withUnsafeMutableBytes { raw in
            inet_pton(family, text, raw.baseAddress)
        }
        return status == 1 ? out : nil
    }
}
