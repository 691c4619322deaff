import Foundation
import KubeCore

/// A failure to reach or understand the API server (as opposed to an error the
/// server returned, which is a `KubeAPIError`). Descriptions are one line that
/// names the host or path and says what to do; they never contain credentials.
public struct KubeClientError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The TCP connection could not be made or was lost.
        case connection
        /// TLS failed: untrusted certificate, name mismatch, bad client certificate.
        case tls
        /// The request did not finish before its deadline.
        case timeout
        /// The response could not be decoded.
        case decoding
        /// The client configuration cannot work (bad PEM, bad URL).
        case configuration
        /// Credentials could not be obtained (exec plugin or token file failed).
        case credentials
        /// A watch line exceeded the size limit.
        case oversizedResponse
    }

    public var kind: Kind
    /// The line a person reads.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
