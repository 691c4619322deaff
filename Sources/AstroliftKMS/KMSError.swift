/// A failure sealing or opening a value, or talking to a key-management service.
///
/// The message names the provider, the key and what to do. It never contains a
/// plaintext, a data key, a token or a credential: messages are built from names,
/// versions, HTTP statuses and the service's own (short, truncated) error text.
public struct KMSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for callers that react differently (conditions, retries).
    public enum Kind: String, Sendable, Hashable {
        /// The service could not be reached (connection, timeout, 5xx): retry later.
        case unreachable
        /// The credentials were refused, expired or missing.
        case unauthorized
        /// The key does not exist or is disabled.
        case keyNotFound
        /// The value was sealed with another key than the one used to open it.
        case wrongKey
        /// The envelope was altered after sealing (authentication failed).
        case tampered
        /// The envelope belongs to another namespace, name or Secret key.
        case boundElsewhere
        /// The text is not an envelope this version understands.
        case malformedEnvelope
        /// The provider's settings are incomplete or contradictory.
        case invalidConfiguration
        /// The service answered with an error not covered above.
        case service
    }

    /// What went wrong.
    public var kind: Kind
    /// One line for a person: what failed, where, and what to do.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Whether trying again later may succeed.
    public var isRetryable: Bool { kind == .unreachable }
}

extension KMSError {
    /// Shortens a service's error text for a message: one line, at most 300 characters.
    static func excerpt(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }

    /// Maps an HTTP status from a service to a kind.
    static func kind(forStatus status: Int) -> Kind {
        switch status {
        case 401, 403: .unauthorized
        case 404: .keyNotFound
        case 408, 429, 500...599: .unreachable
        default: .service
        }
    }
}
