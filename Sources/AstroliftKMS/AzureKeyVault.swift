import Crypto
import Foundation
import NIOHTTP1

/// How the Azure Key Vault provider obtains a Microsoft Entra token.
public enum AzureAuthMethod: Sendable {
    /// OAuth client credentials with a client secret.
    case clientSecret(String)
    /// Workload identity: a federated service-account token (from `assertion`) is the
    /// client assertion of the client-credentials grant.
    case workloadIdentity(assertion: @Sendable () async throws -> String)
    /// A ready access token (e.g. `az account get-access-token` for `astrolift seal`).
    case accessToken(String)
}

/// A key in Azure Key Vault, used with `wrapkey` / `unwrapkey` and RSA-OAEP-256.
///
/// RSA-OAEP has no associated data, so the binding is enforced only by the envelope's
/// AES-GCM additional authenticated data (which covers the wrapped key and the binding).
/// The key id is the key's URL without version; the version is the one that wrapped.
public struct AzureKeyVault: KeyManagementService {
    /// `https://NAME.vault.azure.net`.
    public let vaultURL: String
    /// The key's name.
    public let name: String
    /// A fixed version; the current one when `nil`.
    public let pinnedVersion: String?
    /// The Entra tenant.
    public let tenantID: String
    /// The application (client) id.
    public let clientID: String
    /// `https://login.microsoftonline.com`, or the override (`AZURE_AUTHORITY_HOST`).
    public let authorityHost: String
    private let auth: AzureAuthMethod
    private let http: KMSHTTPClient
    private let ownsHTTP: Bool
    private let tokens = TokenCache()

    static let apiVersion = "7.4"

    public var kind: KMSProviderKind { .azure }
    public var keyName: String { "Azure Key Vault key \(name) in \(vaultURL)" }
    var keyURL: String { "\(vaultURL)/keys/\(name)" }

    public init(
        vaultURL: String, name: String, version: String? = nil, tenantID: String, clientID: String,
        authorityHost: String? = nil, auth: AzureAuthMethod, http: KMSHTTPClient, ownsHTTP: Bool = true
    ) {
        var base = vaultURL
        while base.hasSuffix("/") { base.removeLast() }
        self.vaultURL = base
        self.name = name
        self.pinnedVersion = version
        self.tenantID = tenantID
        self.clientID = clientID
        var authority = authorityHost ?? "https://login.microsoftonline.com"
        while authority.hasSuffix("/") { authority.removeLast() }
        self.authorityHost = authority
        self.auth = auth
        self.http = http
        self.ownsHTTP = ownsHTTP
    }

    public func shutdown() async {
        if ownsHTTP { await http.shutdown() }
    }

    private var service: String { "Azure Key Vault at \(vaultURL)" }

    private struct TokenResponse: Decodable {
        var access_token: String
        var expires_in: Int?
    }
    private struct EntraError: Decodable {
        var error: String?
        var error_description: String?
    }
    private struct VaultError: Decodable {
        struct Inner: Decodable {
            var code: String?
            var message: String?
        }
        var error: Inner?
    }

    private func accessToken() async throws -> String {
        var form = [
            ("grant_type", "client_credentials"), ("client_id", clientID),
            ("scope", "https://vault.azure.net/.default"),
        ]
        switch auth {
        case .accessToken(let token): return token
        case .clientSecret(let secret): form.append(("client_secret", secret))
        case .workloadIdentity: break
        }
        let url = "\(authorityHost)/\(tenantID)/oauth2/v2.0/token"
        let http = self.http
        let auth = self.auth
        let clientID = self.clientID
        let form0 = form
        return try await tokens.token {
            var form = form0
            if case .workloadIdentity(let assertion) = auth {
                form.append(("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
                form.append(("client_assertion", try await assertion()))
            }
            let service = "Microsoft Entra at \(url)"
            let response = try await http.send(
                .POST, url, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: FormEncoding.encode(form), service: service)
            let error = try? JSONDecoder().decode(EntraError.self, from: Data(response.body))
            try response.requireSuccess(
                service, key: "application \(clientID)", action: "issue a token",
                serviceMessage: error.map {
                    [$0.error, $0.error_description].compactMap { $0 }.joined(separator: ": ")
                })
            let token = try response.decode(TokenResponse.self, service: service)
            return CachedToken(
                token: token.access_token, expires: Date().addingTimeInterval(TimeInterval(token.expires_in ?? 300)))
        }
    }

    private func call<Response: Decodable>(
        _ method: HTTPMethod, _ path: String, _ payload: [String: String]?, action: String, as _: Response.Type
    ) async throws -> Response {
        let body = try payload.map { Array(try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])) }
        let token = try await accessToken()
        let response = try await http.send(
            method, "\(path)?api-version=\(Self.apiVersion)",
            headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(token)")], body: body,
            service: service)
        if response.status == 401 { await tokens.invalidate() }
        let error = (try? JSONDecoder().decode(VaultError.self, from: Data(response.body)))?.error
        let text = error.map { [$0.code, $0.message].compactMap { $0 }.joined(separator: ": ") }
        if response.status == 400, action == "unwrap" {
            throw KMSError(
                .wrongKey,
                "\(service) could not unwrap the data key with \(keyName) (\(KMSError.excerpt(text ?? "HTTP 400"))): "
                    + "the value was sealed with another key, or it was altered")
        }
        try response.requireSuccess(service, key: keyName, action: action, serviceMessage: text)
        return try response.decode(Response.self, service: service)
    }

    private struct KeyOperationResult: Decodable {
        var kid: String
        var value: String
    }
    private struct KeyBundle: Decodable {
        struct Key: Decodable { var kid: String }
        struct Attributes: Decodable { var enabled: Bool? }
        var key: Key
        var attributes: Attributes?
    }

    /// Splits `https://vault/keys/NAME/VERSION` into the versionless URL and the version.
    static func split(kid: String) -> (keyID: String, version: String) {
        guard let slash = kid.lastIndex(of: "/") else { return (kid, "") }
        return (String(kid[..<slash]), String(kid[kid.index(after: slash)...]))
    }

    public func wrap(_ dataKey: SymmetricKey, binding: EnvelopeBinding) async throws -> WrappedDataKey {
        let path = keyURL + (pinnedVersion.map { "/\($0)" } ?? "") + "/wrapkey"
        let response = try await call(
            .POST, path, ["alg": "RSA-OAEP-256", "value": Base64URL.encode(dataKey.rawBytes)], action: "wrap",
            as: KeyOperationResult.self)
        guard let ciphertext = Base64URL.decode(response.value) else {
            throw KMSError(.service, "\(service) answered wrapkey with a value that is not base64url")
        }
        let (_, version) = Self.split(kid: response.kid)
        return WrappedDataKey(ciphertext: ciphertext, keyID: keyURL, keyVersion: version)
    }

    public func unwrap(_ wrapped: WrappedDataKey, binding: EnvelopeBinding) async throws -> SymmetricKey {
        guard wrapped.keyID == keyURL else {
            throw KMSError(
                .wrongKey,
                "the value in \(binding) was sealed with Azure key \(wrapped.keyID), but the provider uses \(keyURL): "
                    + "use the provider it was sealed with, or seal it again")
        }
        // Unwrap with the version that wrapped: after rotation that is an older one.
        let response = try await call(
            .POST, "\(keyURL)/\(wrapped.keyVersion)/unwrapkey",
            ["alg": "RSA-OAEP-256", "value": Base64URL.encode(wrapped.ciphertext)], action: "unwrap",
            as: KeyOperationResult.self)
        guard let plaintext = Base64URL.decode(response.value), plaintext.count == 32 else {
            throw KMSError(.tampered, "\(service) unwrapped something that is not a 256-bit data key")
        }
        return SymmetricKey(data: plaintext)
    }

    public func describeKey() async throws -> KeyDescription {
        let response = try await call(
            .GET, keyURL + (pinnedVersion.map { "/\($0)" } ?? ""), nil, action: "read the key", as: KeyBundle.self)
        if response.attributes?.enabled == false {
            throw KMSError(.keyNotFound, "\(keyName) is disabled: enable it or point the provider at another key")
        }
        let (_, version) = Self.split(kid: response.key.kid)
        return KeyDescription(keyID: keyURL, currentVersion: version)
    }
}
