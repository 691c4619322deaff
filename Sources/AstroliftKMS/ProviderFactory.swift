import AstroliftAPI
import Foundation
import Logging

/// A key of a Secret the provider settings name. `namespace` is as written in the spec:
/// the resolver applies the default (the controller's namespace for a
/// ClusterKeyProvider, the KeyProvider's own namespace) and refuses other namespaces
/// where the spec says so.
public struct CredentialSecretRef: Sendable, Hashable, CustomStringConvertible {
    /// The Secret's name.
    public var name: String
    /// The Secret's namespace as the spec gives it; `nil` means the resolver's default.
    public var namespace: String?
    /// The key within the Secret's data.
    public var key: String

    public init(name: String, namespace: String?, key: String) {
        self.name = name
        self.namespace = namespace
        self.key = key
    }

    public var description: String { "Secret \(namespace.map { "\($0)/" } ?? "")\(name) key \"\(key)\"" }
}

/// What the factory needs from the caller's Kubernetes client: the controller
/// implements it by reading Secrets and requesting service-account tokens (TokenRequest
/// or a projected token file); `astrolift seal` by reading the local key's Secret.
public protocol KMSCredentialResolver: Sendable {
    /// The bytes of one Secret key. Throw a ``KMSError`` (`invalidConfiguration` or
    /// `unauthorized`) naming the Secret when it or the key is missing.
    func secretValue(_ selector: CredentialSecretRef) async throws -> [UInt8]

    /// A service-account token for `audience` (Vault Kubernetes auth, AWS web identity,
    /// GCP and Azure workload identity).
    func serviceAccountToken(audience: String) async throws -> String
}

/// Whose credentials a provider uses.
public enum KMSCredentialMode: Sendable, Hashable {
    /// The controller's: the Secrets and identities the provider's spec names.
    case controller
    /// The person running `astrolift seal`: their environment (`AWS_*`, `VAULT_TOKEN`,
    /// `GOOGLE_APPLICATION_CREDENTIALS`, `AZURE_CLIENT_SECRET`, …), never the Secrets the
    /// spec names.
    case caller
}

/// Turns a ``KeyProviderSpec`` into a ``KeyManagementService``.
public enum KMSProviderFactory {
    /// Settings that are not part of the spec.
    public struct Options: Sendable {
        /// Whose credentials to use.
        public var mode: KMSCredentialMode
        /// The process environment (AWS_*, VAULT_*, GOOGLE_*, AZURE_* variables).
        public var environment: [String: String]
        /// For caller mode: the variable holding the Vault token.
        public var vaultTokenVariable: String
        /// Request timeout.
        public var timeout: Duration
        /// Where request lines (never bodies) are logged at debug level.
        public var logger: Logger?

        public init(
            mode: KMSCredentialMode = .controller,
            environment: [String: String] = ProcessInfo.processInfo.environment,
            vaultTokenVariable: String = "VAULT_TOKEN", timeout: Duration = .seconds(20), logger: Logger? = nil
        ) {
            self.mode = mode
            self.environment = environment
            self.vaultTokenVariable = vaultTokenVariable
            self.timeout = timeout
            self.logger = logger
        }
    }

    /// A provider for `spec`. Call ``KeyManagementService/shutdown()`` when done with it.
    ///
    /// - Throws: ``KMSError`` (`invalidConfiguration`) when the member named by `type` is
    ///   missing or the credentials cannot be read.
    public static func make(
        spec: KeyProviderSpec, resolver: any KMSCredentialResolver, options: Options = Options()
    ) async throws -> any KeyManagementService {
        let env = options.environment
        func nonEmpty(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        func text(_ selector: CredentialSecretRef) async throws -> String {
            let bytes = try await resolver.secretValue(selector)
            guard let value = String(bytes: bytes, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
                !value.isEmpty
            else {
                throw KMSError(.invalidConfiguration, "\(selector) is empty or not text")
            }
            return value
        }
        func fileToken(_ path: String, _ what: String) -> @Sendable () async throws -> String {
            {
                guard let data = FileManager.default.contents(atPath: path),
                    let token = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
                    !token.isEmpty
                else {
                    throw KMSError(.unauthorized, "the \(what) token file \(path) is missing or empty")
                }
                return token
            }
        }
        func missing(_ member: String) -> KMSError {
            KMSError(
                .invalidConfiguration,
                "spec.type is \(spec.type.rawValue) but spec.\(member) is not set: add spec.\(member)")
        }

        switch spec.type {
        case .local:
            guard let local = spec.local else { throw missing("local") }
            let selector = CredentialSecretRef(
                name: local.secretRef.name, namespace: local.secretRef.namespace, key: local.secretRef.key)
            guard let key = LocalKMS.decodeKeyMaterial(try await resolver.secretValue(selector)) else {
                throw KMSError(
                    .invalidConfiguration,
                    "\(selector) does not hold a 32-byte key (raw, base64 or hex): put 32 random bytes there")
            }
            return try LocalKMS(key: key, source: selector.description)

        case .aws:
            guard let aws = spec.aws else { throw missing("aws") }
            let http = try KMSHTTPClient(timeout: options.timeout, logger: options.logger)
            let stsEndpoint = nonEmpty("AWS_ENDPOINT_URL_STS")
            let credentials: any AWSCredentialProvider
            do {
                switch (options.mode, aws.auth?.secretRef, aws.auth?.webIdentity) {
                case (.controller, .some(let ref), _):
                    func read(_ key: String) async throws -> String {
                        try await text(CredentialSecretRef(name: ref.name, namespace: ref.namespace, key: key))
                    }
                    let id = try await read(ref.accessKeyIDKey ?? "access-key-id")
                    let secret = try await read(ref.secretAccessKeyKey ?? "secret-access-key")
                    let token = try await ref.sessionTokenKey.asyncMap { try await read($0) }
                    credentials = StaticAWSCredentialProvider(
                        AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token),
                        source: "Secret \(ref.namespace.map { "\($0)/" } ?? "")\(ref.name)")
                case (.controller, nil, .some(let identity)):
                    let token: @Sendable () async throws -> String
                    if let file = nonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE") {
                        token = fileToken(file, "web identity")
                    } else {
                        let audience = identity.audience ?? "sts.amazonaws.com"
                        token = { try await resolver.serviceAccountToken(audience: audience) }
                    }
                    credentials = WebIdentityAWSCredentialProvider(
                        roleARN: identity.roleARN, region: aws.region, stsEndpoint: stsEndpoint, http: http,
                        token: token)
                default:
                    let environment = EnvironmentAWSCredentialProvider(environment: env)
                    if !environment.isConfigured, let role = nonEmpty("AWS_ROLE_ARN"),
                        let file = nonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE")
                    {
                        credentials = WebIdentityAWSCredentialProvider(
                            roleARN: role, region: aws.region, stsEndpoint: stsEndpoint, http: http,
                            token: fileToken(file, "web identity"))
                    } else {
                        credentials = environment
                    }
                }
            } catch {
                await http.shutdown()
                throw error
            }
            return AWSKMS(
                keyID: aws.keyID, region: aws.region, endpoint: aws.endpoint, credentials: credentials, http: http)

        case .vault:
            guard let vault = spec.vault else { throw missing("vault") }
            var caBundle: [UInt8]?
            let auth: VaultAuthMethod
            switch options.mode {
            case .controller:
                if let ref = vault.caBundleSecretRef {
                    caBundle = try await resolver.secretValue(
                        CredentialSecretRef(name: ref.name, namespace: ref.namespace, key: ref.key))
                }
                if let kubernetes = vault.auth.kubernetes {
                    let audience = kubernetes.audience ?? "vault"
                    auth = .kubernetes(
                        role: kubernetes.role, mountPath: kubernetes.mountPath ?? "kubernetes",
                        jwt: { try await resolver.serviceAccountToken(audience: audience) })
                } else if let ref = vault.auth.tokenSecretRef {
                    auth = .token(
                        try await text(CredentialSecretRef(name: ref.name, namespace: ref.namespace, key: ref.key)))
                } else {
                    throw KMSError(.invalidConfiguration, "spec.vault.auth sets neither kubernetes nor tokenSecretRef")
                }
            case .caller:
                guard let token = nonEmpty(options.vaultTokenVariable) else {
                    throw KMSError(
                        .unauthorized,
                        "no Vault token: set \(options.vaultTokenVariable) (e.g. from vault login) to seal with "
                            + "Vault transit key \(vault.keyName)")
                }
                auth = .token(token)
                if let path = nonEmpty("VAULT_CACERT") {
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw KMSError(.invalidConfiguration, "VAULT_CACERT names \(path), which cannot be read")
                    }
                    caBundle = Array(data)
                }
            }
            let http = try KMSHTTPClient(caBundlePEM: caBundle, timeout: options.timeout, logger: options.logger)
            return VaultTransit(
                address: vault.address, mountPath: vault.mountPath ?? "transit", transitKey: vault.keyName,
                namespace: vault.namespace ?? (options.mode == .caller ? nonEmpty("VAULT_NAMESPACE") : nil), auth: auth,
                http: http)

        case .gcp:
            guard let gcp = spec.gcp else { throw missing("gcp") }
            let auth: GCPAuthMethod
            switch options.mode {
            case .controller:
                if let ref = gcp.serviceAccountKeySecretRef {
                    auth = .serviceAccountKey(
                        json: try await resolver.secretValue(
                            CredentialSecretRef(name: ref.name, namespace: ref.namespace, key: ref.key)))
                } else if let identity = gcp.workloadIdentity {
                    let audience = identity.audience
                    auth = .workloadIdentity(
                        audience: audience, serviceAccount: identity.serviceAccount,
                        stsEndpoint: nonEmpty("GOOGLE_STS_ENDPOINT") ?? "https://sts.googleapis.com",
                        iamCredentialsEndpoint: nonEmpty("GOOGLE_IAM_CREDENTIALS_ENDPOINT")
                            ?? "https://iamcredentials.googleapis.com",
                        subjectToken: { try await resolver.serviceAccountToken(audience: audience) })
                } else {
                    throw KMSError(
                        .invalidConfiguration,
                        "spec.gcp sets neither serviceAccountKeySecretRef nor workloadIdentity")
                }
            case .caller:
                if let path = nonEmpty("GOOGLE_APPLICATION_CREDENTIALS") {
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw KMSError(
                            .invalidConfiguration, "GOOGLE_APPLICATION_CREDENTIALS names \(path), which cannot be read")
                    }
                    auth = .serviceAccountKey(json: Array(data))
                } else if let token = nonEmpty("GOOGLE_OAUTH_ACCESS_TOKEN") {
                    auth = .accessToken(token)
                } else {
                    throw KMSError(
                        .unauthorized,
                        "no Google credentials: set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, or "
                            + "GOOGLE_OAUTH_ACCESS_TOKEN (gcloud auth print-access-token)")
                }
            }
            let http = try KMSHTTPClient(timeout: options.timeout, logger: options.logger)
            return GCPKMS(resourceName: gcp.keyName, endpoint: gcp.endpoint, auth: auth, http: http)

        case .azure:
            guard let azure = spec.azure else { throw missing("azure") }
            let auth: AzureAuthMethod
            switch options.mode {
            case .controller:
                if let ref = azure.clientSecretRef {
                    auth = .clientSecret(
                        try await text(CredentialSecretRef(name: ref.name, namespace: ref.namespace, key: ref.key)))
                } else if let file = nonEmpty("AZURE_FEDERATED_TOKEN_FILE") {
                    auth = .workloadIdentity(assertion: fileToken(file, "Azure federated"))
                } else {
                    auth = .workloadIdentity(assertion: {
                        try await resolver.serviceAccountToken(audience: "api://AzureADTokenExchange")
                    })
                }
            case .caller:
                if let secret = nonEmpty("AZURE_CLIENT_SECRET") {
                    auth = .clientSecret(secret)
                } else if let token = nonEmpty("AZURE_ACCESS_TOKEN") {
                    auth = .accessToken(token)
                } else {
                    throw KMSError(
                        .unauthorized,
                        "no Azure credentials: set AZURE_CLIENT_SECRET (for the provider's client id), or "
                            + "AZURE_ACCESS_TOKEN (az account get-access-token --resource https://vault.azure.net)")
                }
            }
            let http = try KMSHTTPClient(timeout: options.timeout, logger: options.logger)
            return AzureKeyVault(
                vaultURL: azure.vaultURL, name: azure.keyName, version: azure.keyVersion, tenantID: azure.tenantID,
                clientID: azure.clientID, authorityHost: nonEmpty("AZURE_AUTHORITY_HOST"), auth: auth, http: http)
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
