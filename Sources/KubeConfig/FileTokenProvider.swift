import Foundation

/// A bearer token read from a file and re-read periodically.
///
/// Projected service account tokens (in-cluster) and kubeconfig `tokenFile`s
/// are rotated on disk, so the file is read again once ``refreshInterval`` has
/// passed since the last successful read (client-go uses one minute), or on
/// the next call after ``invalidate()``. Surrounding whitespace is trimmed.
///
/// When a re-read fails after a successful one, the previous token keeps being
/// returned (and the file retried on every call), as client-go does: a token
/// that is briefly unreadable during rotation is usually still valid.
public actor FileTokenProvider: CredentialProvider {
    /// The token file.
    public nonisolated let path: String
    /// How long a read token is used before the file is read again.
    public nonisolated let refreshInterval: TimeInterval

    private let fallbackToken: String?
    private let now: @Sendable () -> Date
    private var cached: String?
    /// When the cached token must be re-read; `nil` forces a read.
    private var refreshAt: Date?

    /// - Parameters:
    ///   - path: the token file.
    ///   - refreshInterval: seconds between reads (default 60).
    ///   - fallbackToken: returned when the file cannot be read and nothing was
    ///     read before (kubeconfig `token` set alongside `tokenFile`).
    ///   - now: the clock, injectable for tests.
    public init(
        path: String, refreshInterval: TimeInterval = 60, fallbackToken: String? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.path = path
        self.refreshInterval = refreshInterval
        self.fallbackToken = fallbackToken
        self.now = now
    }

    public func token() async throws -> String? {
        let current = now()
        if let cached, let refreshAt, current < refreshAt { return cached }
        do {
            // A token file is a few hundred bytes: a synchronous read is cheaper
            // than hopping to another thread and back.
            let token = try Self.readToken(at: path)
            cached = token
            refreshAt = current.addingTimeInterval(refreshInterval)
            return token
        } catch {
            if let cached { return cached }
            if let fallbackToken { return fallbackToken }
            throw error
        }
    }

    /// Makes the next ``token()`` read the file again (after a 401).
    public func invalidate() async {
        refreshAt = nil
    }

    /// The trimmed content of a token file.
    static func readToken(at path: String) throws -> String {
        guard let data = try KubeConfigLoader.readIfExists(path) else {
            throw KubeConfigError.tokenFileMissing(path: path)
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if token.isEmpty { throw KubeConfigError.emptyTokenFile(path: path) }
        return token
    }
}
