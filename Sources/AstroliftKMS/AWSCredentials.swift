import Foundation
import NIOHTTP1

/// AWS credentials. `description` never shows the secret or the token.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The access key id (not secret; it appears in signatures).
    public var accessKeyID: String
    /// The secret access key.
    public var secretAccessKey: String
    /// The session token of temporary credentials.
    public var sessionToken: String?
    /// When temporary credentials expire.
    public var expiration: Date?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    public var description: String { "AWSCredentials(accessKeyID: \(accessKeyID), secret: <redacted>)" }
}

/// Where AWS credentials come from; asked before every request (implementations cache).
public protocol AWSCredentialProvider: Sendable {
    /// Current credentials, refreshed when they are about to expire.
    func credentials() async throws -> AWSCredentials
    /// How errors name this source, e.g. `the AWS_* environment variables`.
    var source: String { get }
}

/// Fixed credentials (e.g. read by the controller from the Secret the provider names).
public struct StaticAWSCredentialProvider: AWSCredentialProvider {
    private let value: AWSCredentials
    /// Where the credentials came from, e.g. `Secret astrolift-system/aws`.
    public let source: String

    public init(_ credentials: AWSCredentials, source: String) {
        self.value = credentials
        self.source = source
    }

    public func credentials() async throws -> AWSCredentials { value }
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
public struct EnvironmentAWSCredentialProvider: AWSCredentialProvider {
    private let environment: [String: String]
    /// The variables, as errors name them.
    public var source: String { "the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables" }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Whether the variables are set.
    public var isConfigured: Bool {
        !(environment["AWS_ACCESS_KEY_ID"] ?? "").isEmpty && !(environment["AWS_SECRET_ACCESS_KEY"] ?? "").isEmpty
    }

    public func credentials() async throws -> AWSCredentials {
        guard let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty,
            let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty
        else {
            throw KMSError(
                .unauthorized,
                "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for "
                    + "temporary credentials), or configure web identity")
        }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
    }
}

/// Temporary credentials from STS `AssumeRoleWithWebIdentity` with a service-account
/// token (IRSA), cached until shortly before they expire.
public actor WebIdentityAWSCredentialProvider: AWSCredentialProvider {
    private let roleARN: String
    private let sessionName: String
    private let stsEndpoint: String
    private let token: @Sendable () async throws -> String
    private let http: KMSHTTPClient
    private var cached: AWSCredentials?

    public nonisolated var source: String { "web identity for role \(roleARN)" }

    /// - Parameters:
    ///   - roleARN: the role to assume.
    ///   - region: picks the regional STS endpoint `https://sts.REGION.amazonaws.com`.
    ///   - stsEndpoint: replaces that endpoint (VPC endpoints, tests).
    ///   - token: returns the current web identity token (e.g. re-reads the projected
    ///     token file, which the kubelet rotates).
    public init(
        roleARN: String, region: String, stsEndpoint: String? = nil, sessionName: String = "astrolift",
        http: KMSHTTPClient, token: @escaping @Sendable () async throws -> String
    ) {
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.stsEndpoint = stsEndpoint ?? "https://sts.\(region).amazonaws.com"
        self.http = http
        self.token = token
    }

    /// Reads the token from a file each time (`AWS_WEB_IDENTITY_TOKEN_FILE`).
    public static func tokenFile(_ path: String) -> @Sendable () async throws -> String {
        {
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
                !text.isEmpty
            else {
                throw KMSError(
                    .unauthorized,
                    "the web identity token file \(path) is missing or empty: check the projected service-account "
                        + "token volume")
            }
            return text
        }
    }

    public func credentials() async throws -> AWSCredentials {
        if let cached, let expiration = cached.expiration, expiration.timeIntervalSinceNow > 300 { return cached }
        let jwt = try await token()
        let body = FormEncoding.encode([
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleARN),
            ("RoleSessionName", sessionName), ("WebIdentityToken", jwt), ("DurationSeconds", "3600"),
        ])
        let service = "AWS STS at \(stsEndpoint)"
        let response = try await http.send(
            .POST, stsEndpoint + "/", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body,
            service: service)
        let text = response.text
        try response.requireSuccess(
            service, key: "role \(roleARN)", action: "assume the role with the web identity token",
            serviceMessage: Self.element("Message", in: text))
        guard let id = Self.element("AccessKeyId", in: text), let secret = Self.element("SecretAccessKey", in: text),
            let session = Self.element("SessionToken", in: text)
        else {
            throw KMSError(.service, "\(service) answered AssumeRoleWithWebIdentity without credentials")
        }
        let expiration = Self.element("Expiration", in: text).flatMap { ISO8601DateFormatter().date(from: $0) }
        let fresh = AWSCredentials(
            accessKeyID: id, secretAccessKey: secret, sessionToken: session,
            expiration: expiration ?? Date().addingTimeInterval(900))
        cached = fresh
        return fresh
    }

    /// The text of the first `<name>…</name>` in an STS XML response (STS answers in
    /// flat, namespace-free elements, so a full XML parser is not needed).
    static func element(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)>"),
            let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[start.upperBound..<end.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
