import Crypto
import Foundation
import NIOHTTP1
import _CryptoExtras

/// How the Google Cloud KMS provider obtains an OAuth access token.
public enum GCPAuthMethod: Sendable {
    /// A service-account key file (JSON): a JWT signed with its RSA key (RS256) is
    /// exchanged at its `token_uri` for an access token.
    case serviceAccountKey(json: [UInt8])
    /// Workload identity federation: the service-account token from `subjectToken` is
    /// exchanged at Google STS (`stsEndpoint`) for a federated token, which then
    /// impersonates `serviceAccount` through the IAM Credentials API when one is given.
    case workloadIdentity(
        audience: String, serviceAccount: String?, stsEndpoint: String = "https://sts.googleapis.com",
        iamCredentialsEndpoint: String = "https://iamcredentials.googleapis.com",
        subjectToken: @Sendable () async throws -> String)
    /// A ready access token (e.g. `gcloud auth print-access-token` for `astrolift seal`).
    case accessToken(String)
}

/// A key in Google Cloud KMS, used with the REST `encrypt` / `decrypt` methods.
///
/// The binding is sent as `additionalAuthenticatedData`, so Cloud KMS itself refuses to
/// decrypt a data key for another object. The version recorded is the number of the
/// `cryptoKeyVersions/N` that encrypted; the current one is the key's primary version.
public struct GCPKMS: KeyManagementService {
    /// `projects/P/locations/L/keyRings/R/cryptoKeys/K`.
    public let resourceName: String
    /// `https://cloudkms.googleapis.com`, or the override.
    public let endpoint: String
    private let auth: GCPAuthMethod
    private let http: KMSHTTPClient
    private let ownsHTTP: Bool
    private let tokens = TokenCache()
    private let clock: @Sendable () -> Date

    static let scope = "https://www.googleapis.com/auth/cloudkms"

    public var kind: KMSProviderKind { .gcp }
    public var keyName: String { "Google Cloud KMS key \(resourceName)" }

    public init(
        resourceName: String, endpoint: String? = nil, auth: GCPAuthMethod, http: KMSHTTPClient,
        ownsHTTP: Bool = true, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.resourceName = resourceName
        var base = endpoint ?? "https://cloudkms.googleapis.com"
        while base.hasSuffix("/") { base.removeLast() }
        self.endpoint = base
        self.auth = auth
        self.http = http
        self.ownsHTTP = ownsHTTP
        self.clock = clock
    }

    public func shutdown() async {
        if ownsHTTP { await http.shutdown() }
    }

    private var service: String { "Google Cloud KMS at \(endpoint)" }

    struct ServiceAccountKey: Decodable {
        var client_email: String
        var private_key: String
        var private_key_id: String?
        var token_uri: String?
    }

    private struct TokenResponse: Decodable {
        var access_token: String?
        var expires_in: Int?
        var accessToken: String?
        var expireTime: String?
    }
    private struct GoogleError: Decodable {
        struct Inner: Decodable {
            var message: String?
            var status: String?
        }
        var error: Inner?
        var error_description: String?
    }

    static func errorText(_ body: [UInt8]) -> String? {
        guard let e = try? JSONDecoder().decode(GoogleError.self, from: Data(body)) else { return nil }
        if let inner = e.error { return [inner.status, inner.message].compactMap { $0 }.joined(separator: ": ") }
        return e.error_description
    }

    /// The RS256-signed assertion for a service-account key (RFC 7523).
    static func assertion(for key: ServiceAccountKey, audience: String, now: Date) throws -> String {
        var header = ["alg": "RS256", "typ": "JWT"]
        if let kid = key.private_key_id { header["kid"] = kid }
        let iat = Int(now.timeIntervalSince1970)
        let claims: [String: Any] = [
            "iss": key.client_email, "scope": scope, "aud": audience, "iat": iat, "exp": iat + 3600,
        ]
        let signingInput =
            Base64URL.encode(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) + "."
            + Base64URL.encode(try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]))
        let privateKey: _RSA.Signing.PrivateKey
        do {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: key.private_key)
        } catch {
            throw KMSError(
                .invalidConfiguration,
                "the private_key of service account \(key.client_email) is not an RSA private key in PEM: download a "
                    + "new JSON key")
        }
        let signature = try privateKey.signature(for: Array(signingInput.utf8), padding: .insecurePKCS1v1_5)
        return signingInput + "." + Base64URL.encode(signature.rawRepresentation)
    }

    private func accessToken() async throws -> String {
        let http = self.http
        let now = clock()
        switch auth {
        case .accessToken(let token): return token
        case .serviceAccountKey(let json):
            guard let key = try? JSONDecoder().decode(ServiceAccountKey.self, from: Data(json)) else {
                throw KMSError(
                    .invalidConfiguration,
                    "the service-account key is not a Google service-account JSON key file (client_email and "
                        + "private_key are required)")
            }
            let tokenURI = key.token_uri ?? "https://oauth2.googleapis.com/token"
            return try await tokens.token {
                let body = FormEncoding.encode([
                    ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                    ("assertion", try Self.assertion(for: key, audience: tokenURI, now: now)),
                ])
                let service = "Google OAuth at \(tokenURI)"
                let response = try await http.send(
                    .POST, tokenURI, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body,
                    service: service)
                try response.requireSuccess(
                    service, key: "service account \(key.client_email)", action: "issue an access token",
                    serviceMessage: Self.errorText(response.body))
                return try Self.cached(response.decode(TokenResponse.self, service: service), service: service)
            }
        case .workloadIdentity(let audience, let serviceAccount, let sts, let iam, let subjectToken):
            return try await tokens.token {
                let exchange = try JSONSerialization.data(
                    withJSONObject: [
                        "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange", "audience": audience,
                        "scope": "https://www.googleapis.com/auth/cloud-platform",
                        "requested_token_type": "urn:ietf:params:oauth:token-type:access_token",
                        "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
                        "subject_token": try await subjectToken(),
                    ], options: [.sortedKeys])
                let stsService = "Google STS at \(sts)"
                let response = try await http.send(
                    .POST, "\(sts)/v1/token", headers: [("Content-Type", "application/json")], body: Array(exchange),
                    service: stsService)
                try response.requireSuccess(
                    stsService, key: "workload identity provider \(audience)", action: "exchange the token",
                    serviceMessage: Self.errorText(response.body))
                let federated = try Self.cached(
                    response.decode(TokenResponse.self, service: stsService), service: stsService)
                guard let serviceAccount else { return federated }
                let iamService = "Google IAM Credentials at \(iam)"
                let impersonate = try JSONSerialization.data(withJSONObject: ["scope": [Self.scope]])
                let answer = try await http.send(
                    .POST, "\(iam)/v1/projects/-/serviceAccounts/\(serviceAccount):generateAccessToken",
                    headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(federated.token)")],
                    body: Array(impersonate), service: iamService)
                try answer.requireSuccess(
                    iamService, key: "service account \(serviceAccount)", action: "issue an access token",
                    serviceMessage: Self.errorText(answer.body))
                return try Self.cached(answer.decode(TokenResponse.self, service: iamService), service: iamService)
            }
        }
    }

    private static func cached(_ response: TokenResponse, service: String) throws -> CachedToken {
        if let token = response.access_token {
            return CachedToken(
                token: token, expires: Date().addingTimeInterval(TimeInterval(response.expires_in ?? 300)))
        }
        if let token = response.accessToken {
            let expires = response.expireTime.flatMap { ISO8601DateFormatter().date(from: $0) }
            return CachedToken(token: token, expires: expires ?? Date().addingTimeInterval(300))
        }
        throw KMSError(.service, "\(service) answered without an access token")
    }

    private func call<Response: Decodable>(
        _ method: HTTPMethod, _ suffix: String, _ payload: [String: String]?, action: String, as _: Response.Type
    ) async throws -> Response {
        let body = try payload.map { Array(try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])) }
        let token = try await accessToken()
        let response = try await http.send(
            method, "\(endpoint)/v1/\(resourceName)\(suffix)",
            headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(token)")], body: body,
            service: service)
        if response.status == 401 { await tokens.invalidate() }
        let text = Self.errorText(response.body)
        if response.status == 400, action == "decrypt" {
            throw KMSError(
                .wrongKey,
                "\(service) could not decrypt the data key with \(keyName) (\(KMSError.excerpt(text ?? "HTTP 400"))): "
                    + "the value was sealed with another key or for another object, or it was altered")
        }
        try response.requireSuccess(service, key: keyName, action: action, serviceMessage: text)
        return try response.decode(Response.self, service: service)
    }

    private struct EncryptResponse: Decodable {
        var name: String?
        var ciphertext: String
    }
    private struct DecryptResponse: Decodable { var plaintext: String }
    private struct KeyResponse: Decodable {
        struct Version: Decodable {
            var name: String
            var state: String?
        }
        var name: String
        var primary: Version?
    }

    /// `N` of `…/cryptoKeyVersions/N`.
    static func versionNumber(_ name: String?) -> String {
        guard let name, let range = name.range(of: "/cryptoKeyVersions/") else { return "1" }
        return String(name[range.upperBound...])
    }

    public func wrap(_ dataKey: SymmetricKey, binding: EnvelopeBinding) async throws -> WrappedDataKey {
        let response = try await call(
            .POST, ":encrypt",
            [
                "plaintext": Data(dataKey.rawBytes).base64EncodedString(),
                "additionalAuthenticatedData": Data(binding.associatedData).base64EncodedString(),
            ], action: "encrypt", as: EncryptResponse.self)
        guard let ciphertext = Data(base64Encoded: response.ciphertext) else {
            throw KMSError(.service, "\(service) answered encrypt with a ciphertext that is not base64")
        }
        return WrappedDataKey(
            ciphertext: Array(ciphertext), keyID: resourceName, keyVersion: Self.versionNumber(response.name))
    }

    public func unwrap(_ wrapped: WrappedDataKey, binding: EnvelopeBinding) async throws -> SymmetricKey {
        guard wrapped.keyID == resourceName else {
            throw KMSError(
                .wrongKey,
                "the value in \(binding) was sealed with Google Cloud KMS key \(wrapped.keyID), but the provider uses "
                    + "\(resourceName): use the provider it was sealed with, or seal it again")
        }
        let response = try await call(
            .POST, ":decrypt",
            [
                "ciphertext": Data(wrapped.ciphertext).base64EncodedString(),
                "additionalAuthenticatedData": Data(binding.associatedData).base64EncodedString(),
            ], action: "decrypt", as: DecryptResponse.self)
        guard let plaintext = Data(base64Encoded: response.plaintext), plaintext.count == 32 else {
            throw KMSError(.tampered, "\(service) decrypted something that is not a 256-bit data key")
        }
        return SymmetricKey(data: plaintext)
    }

    public func describeKey() async throws -> KeyDescription {
        let response = try await call(.GET, "", nil, action: "read the key", as: KeyResponse.self)
        guard let primary = response.primary else {
            throw KMSError(
                .keyNotFound,
                "\(keyName) has no primary version (it is not a symmetric ENCRYPT_DECRYPT key, or every version is "
                    + "disabled)")
        }
        if let state = primary.state, state != "ENABLED" {
            throw KMSError(
                .keyNotFound, "the primary version of \(keyName) is \(state): enable it or make another primary")
        }
        return KeyDescription(keyID: resourceName, currentVersion: Self.versionNumber(primary.name))
    }
}
