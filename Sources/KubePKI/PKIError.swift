import Foundation

/// Everything that can go wrong while making, loading, storing or reading certificates.
///
/// Each case carries enough context (a file path, the offending text) for the message
/// to be actionable without a debugger: these errors reach people running `astrolift dev`.
public enum PKIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A PEM document could not be decoded; `what` names the expected content.
    case invalidPEM(what: String, reason: String)
    /// The private key does not belong to the certificate it was loaded with.
    case keyDoesNotMatchCertificate(what: String)
    /// Only ECDSA P-256 keys are supported.
    case unsupportedKey(reason: String)
    /// The certificate loaded as a CA is not marked as a certificate authority.
    case notACertificateAuthority(subject: String)
    /// A subject alternative name given as an IP address is not a valid IPv4 or IPv6 address.
    case invalidIPAddress(String)
    /// A validity period was zero or negative.
    case invalidValidity(TimeInterval)
    /// A client certificate has no (or an empty) subject common name, so it names no user.
    case missingCommonName
    /// A required field was empty (e.g. an empty user name).
    case invalidArgument(String)
    /// Building or signing a certificate failed inside the X.509 library.
    case certificateCreationFailed(reason: String)
    /// Reading or writing a file in a PKI directory failed.
    case fileSystem(path: String, reason: String)
    /// Only one of a certificate/key pair exists on disk; refusing to guess.
    case incompleteKeyPair(present: String, missing: String)

    public var description: String {
        switch self {
        case .invalidPEM(let what, let reason):
            return "invalid PEM for \(what): \(reason)"
        case .keyDoesNotMatchCertificate(let what):
            return "the private key does not match the certificate (\(what))"
        case .unsupportedKey(let reason):
            return "unsupported private key: \(reason) (only ECDSA P-256 keys are supported)"
        case .notACertificateAuthority(let subject):
            return "certificate '\(subject)' is not a CA (basicConstraints CA:true missing)"
        case .invalidIPAddress(let text):
            return "'\(text)' is not a valid IPv4 or IPv6 address"
        case .invalidValidity(let seconds):
            return "certificate validity must be positive, got \(seconds) seconds"
        case .missingCommonName:
            return "the certificate subject has no common name (CN), so it identifies no user"
        case .invalidArgument(let message):
            return message
        case .certificateCreationFailed(let reason):
            return "could not create certificate: \(reason)"
        case .fileSystem(let path, let reason):
            return "\(path): \(reason)"
        case .incompleteKeyPair(let present, let missing):
            return "found \(present) but not \(missing); remove \(present) or restore \(missing)"
        }
    }
}

extension PKIError: LocalizedError {
    public var errorDescription: String? { description }
}
