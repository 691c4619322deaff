import Crypto
import Foundation
import NIOHTTP1

/// How the Vault provider signs in.
public enum VaultAuthMethod: Sendable {
    /// A fixed token (from a Secret, or `VAULT_TOKEN` for `astrolift seal`).
    case token(String)
    /// The Kubernetes auth method: `POST auth/MOUNT/login` with a role and a
    /// service-account JWT; `jwt` is called at each login (projected tokens rotate).
    case kubernetes(role: String, mountPath: String, jwt: @Sendable () async throws -> String)
}

/// A key in a HashiCorp Vault or OpenBao transit engine.
///
/// The data key is wrapped with `transit/encrypt`; the version comes from the
/// `vault:vN:` prefix of the ciphertext and `latest_version` of the key. The binding
/// travels as transit's `context` only when the key is derived (transit silently ignores
/// a context otherwise); for ordinary keys it is enforced by the envelope's AES-GCM
/// additional authenticated data, which covers the wrapped key and the binding.
public struct VaultTransit: KeyManagementService {
    /// The server's address, e.g. `https://vault.example.com:8200`.
    public let address: String
    /// The transit mount, e.g. `transit`.
    public let mountPath: String
    /// The transit key.
    public let transitKey: String
    /// The Vault Enterprise / OpenBao namespace.
    public let namespace: String?
    private let auth: VaultAuthMethod
    private let http: KMSHTTPClient
    private let ownsHTTP: Bool
    private let tokens = TokenCache()
    private let keyInfo = KeyInfoCache()

    public var kind: KMSProviderKind { .vault }
    public var keyName: String {
        "Vault transit key \(mountPath)/\(transitKey) at \(address)" + (namespace.map { " (namespace \($0))" } ?? "")
    }

    public init(
        address: String, mountPath: String = "transit", transitKey: String, namespace: String? = nil,
        auth: VaultAuthMethod, http: KMSHTTPClient, ownsHTTP: Bool = true
    ) {
        var base = address
        while base.hasSuffix("/") { base.removeLast() }
        self.address = base
        self.mountPath = mountPath
        self.transitKey = transitKey
        self.namespace = namespace
        self.auth = auth
        self.http = http
        self.ownsHTTP = ownsHTTP
    }

    public func shutdown() async {
        if ownsHTTP { await http.shutdown() }
    }

    private var service: String { "Vault at \(address)" }

    private struct ErrorBody: Decodable { var errors: [String]? }
    private struct LoginResponse: Decodable {
        struct Auth: Decodable {
            var client_token: String
            var lease_duration: Int?
        }
        var auth: Auth?
    }

    private func token() async throws -> String {
        switch auth {
        case .token(let token): return token
        case .kubernetes(let role, let mount, let jwt):
            let service = self.service
            let http = self.http
            let headers = self.baseHeaders
            let url = "\(address)/v1/auth/\(mount)/login"
            return try await tokens.token {
                let token = try await jwt()
                let body = try JSONSerialization.data(withJSONObject: ["role": role, "jwt": token])
                let response = try await http.send(.POST, url, headers: headers, body: Array(body), service: service)
                try response.requireSuccess(
                    service, key: "Kubernetes auth role \(role) (auth/\(mount))", action: "sign in",
                    serviceMessage: (try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body)))?.errors?
                        .joined(separator: "; "))
                guard let auth = try response.decode(LoginResponse.self, service: service).auth else {
                    throw KMSError(.service, "\(service) answered the Kubernetes login without a token")
                }
                return CachedToken(
                    token: auth.client_token,
                    expires: Date().addingTimeInterval(TimeInterval(max(auth.lease_duration ?? 300, 120))))
            }
        }
    }

    private var baseHeaders: [(String, String)] {
        var headers = [("Content-Type", "application/json")]
        if let namespace, !namespace.isEmpty { headers.append(("X-Vault-Namespace", namespace)) }
        return headers
    }

    /// One transit call; a refused Kubernetes-auth token is renewed once.
    private func call<Response: Decodable>(
        _ method: HTTPMethod, _ path: String, _ payload: [String: String]?, action: String, as _: Response.Type
    ) async throws -> Response {
        let body = try payload.map { Array(try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])) }
        var attempt = 0
        while true {
            attempt += 1
            let headers = baseHeaders + [("X-Vault-Token", try await token())]
            let response = try await http.send(
                method, "\(address)/v1/\(mountPath)/\(path)", headers: headers, body: body, service: service)
            if response.status == 403, attempt == 1, case .kubernetes = auth {
                await tokens.invalidate()
                continue
            }
            let errors = (try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body)))?.errors
            if response.status == 400, let text = errors?.joined(separator: "; "),
                text.contains("cipher: message authentication failed") || text.contains("invalid ciphertext")
                    || text.contains("unable to decrypt")
            {
                throw KMSError(
                    .wrongKey,
                    "\(service) could not unwrap the data key with \(keyName) (\(KMSError.excerpt(text))): the value "
                        + "was sealed with another key, or it was altered")
            }
            try response.requireSuccess(
                service, key: keyName, action: action, serviceMessage: errors?.joined(separator: "; "))
            return try response.decode(Response.self, service: service)
        }
    }

    private struct DataResponse<D: Decodable>: Decodable { var data: D }
    private struct Ciphertext: Decodable {
        var ciphertext: String
        var plaintext: String?
    }
    private struct Plaintext: Decodable { var plaintext: String }
    private struct KeyMetadata: Decodable {
        var latest_version: Int
        var min_decryption_version: Int?
        var derived: Bool?
        var type: String?
    }

    private func derived() async throws -> Bool {
        if let known = await keyInfo.derived { return known }
        return try await fetchDescription().derived
    }

    private func context(_ binding: EnvelopeBinding) async throws -> [String: String] {
        try await derived() ? ["context": Data(binding.associatedData).base64EncodedString()] : [:]
    }

    public func wrap(_ dataKey: SymmetricKey, binding: EnvelopeBinding) async throws -> WrappedDataKey {
        var payload = ["plaintext": Data(dataKey.rawBytes).base64EncodedString()]
        payload.merge(try await context(binding)) { a, _ in a }
        let response = try await call(
            .POST, "encrypt/\(transitKey)", payload, action: "encrypt", as: DataResponse<Ciphertext>.self)
        return try wrapped(response.data.ciphertext)
    }

    public func generateDataKey(binding: EnvelopeBinding) async throws -> GeneratedDataKey {
        var payload: [String: String] = [:]
        payload.merge(try await context(binding)) { a, _ in a }
        let response = try await call(
            .POST, "datakey/plaintext/\(transitKey)", payload, action: "generate a data key",
            as: DataResponse<Ciphertext>.self)
        guard let plaintext = response.data.plaintext.flatMap({ Data(base64Encoded: $0) }), plaintext.count == 32
        else {
            throw KMSError(.service, "\(service) answered datakey without a 256-bit key")
        }
        return GeneratedDataKey(key: SymmetricKey(data: plaintext), wrapped: try wrapped(response.data.ciphertext))
    }

    private func wrapped(_ ciphertext: String) throws -> WrappedDataKey {
        // "vault:v3:…": the version is the second field.
        let parts = ciphertext.split(separator: ":", maxSplits: 2)
        guard parts.count == 3, parts[1].hasPrefix("v") else {
            throw KMSError(.service, "\(service) answered with a ciphertext that has no vault:vN: prefix")
        }
        return WrappedDataKey(
            ciphertext: Array(ciphertext.utf8), keyID: "\(mountPath)/\(transitKey)",
            keyVersion: String(parts[1].dropFirst()))
    }

    public func unwrap(_ wrapped: WrappedDataKey, binding: EnvelopeBinding) async throws -> SymmetricKey {
        guard let ciphertext = String(bytes: wrapped.ciphertext, encoding: .utf8), ciphertext.hasPrefix("vault:")
        else {
            throw KMSError(
                .malformedEnvelope, "the wrapped data key of the value in \(binding) is not a Vault ciphertext")
        }
        if wrapped.keyID != "\(mountPath)/\(transitKey)" {
            throw KMSError(
                .wrongKey,
                "the value in \(binding) was sealed with Vault transit key \(wrapped.keyID), but the provider uses "
                    + "\(keyName): use the provider it was sealed with, or seal it again")
        }
        var payload = ["ciphertext": ciphertext]
        payload.merge(try await context(binding)) { a, _ in a }
        let response = try await call(
            .POST, "decrypt/\(transitKey)", payload, action: "decrypt", as: DataResponse<Plaintext>.self)
        guard let plaintext = Data(base64Encoded: response.data.plaintext), plaintext.count == 32 else {
            throw KMSError(.tampered, "\(service) unwrapped something that is not a 256-bit data key")
        }
        return SymmetricKey(data: plaintext)
    }

    private func fetchDescription() async throws -> (description: KeyDescription, derived: Bool) {
        let response = try await call(
            .GET, "keys/\(transitKey)", nil, action: "read the key", as: DataResponse<KeyMetadata>.self)
        let derived = response.data.derived ?? false
        await keyInfo.set(derived: derived)
        return (
            KeyDescription(
                keyID: "\(mountPath)/\(transitKey)", currentVersion: String(response.data.latest_version),
                minDecryptionVersion: response.data.min_decryption_version.map(String.init)),
            derived
        )
    }

    public func describeKey() async throws -> KeyDescription {
        try await fetchDescription().description
    }
}

/// Whether the transit key is derived, learnt once per provider.
private actor KeyInfoCache {
    var derived: Bool?
    func set(derived: Bool) { self.derived = derived }
}
