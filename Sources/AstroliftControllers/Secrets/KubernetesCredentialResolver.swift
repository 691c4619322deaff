import AstroliftAPI
import AstroliftKMS
import Foundation
import KubeClient
import KubeCore
import KubeModels

/// The controller's ``KMSCredentialResolver``: reads the Secrets a key provider names with
/// the controller's client (no cache, so no credential stays in memory between checks)
/// and asks the API server for service-account tokens (TokenRequest) of the controller's
/// own ServiceAccount. Errors name the spec field and the fix, never a value.
struct KubernetesCredentialResolver: KMSCredentialResolver {
    let client: KubeClient
    /// Where Secret references without a namespace are read: the controller's namespace
    /// for a ClusterKeyProvider, the KeyProvider's own namespace otherwise.
    let defaultNamespace: String
    /// A KeyProvider may read its own namespace only.
    let onlyDefaultNamespace: Bool
    /// The provider, as messages name it (`ClusterKeyProvider vault`).
    let provider: String
    /// The spec fields that name each Secret (by name), for messages.
    let fields: [String: String]
    /// The ServiceAccount tokens are requested for.
    let serviceAccount: String
    let serviceAccountNamespace: String

    init(
        client: KubeClient, spec: KeyProviderSpec, provider: String, defaultNamespace: String,
        onlyDefaultNamespace: Bool, configuration: ControllerConfiguration
    ) {
        self.client = client
        self.defaultNamespace = defaultNamespace
        self.onlyDefaultNamespace = onlyDefaultNamespace
        self.provider = provider
        self.fields = Dictionary(KeyProviderSecretRefs.all(spec).map { ($0.name, $0.field) }) { first, _ in first }
        self.serviceAccount = configuration.controllerServiceAccount
        self.serviceAccountNamespace = configuration.controllerNamespace
    }

    func secretValue(_ selector: CredentialSecretRef) async throws -> [UInt8] {
        let field = fields[selector.name] ?? "a Secret reference"
        let namespace = selector.namespace ?? defaultNamespace
        if onlyDefaultNamespace, namespace != defaultNamespace {
            throw KMSError(
                .invalidConfiguration,
                "\(field): \(provider) names a Secret in namespace \(namespace), but a KeyProvider may read only its "
                    + "own namespace \(defaultNamespace): move the Secret there and drop the namespace, or use a "
                    + "ClusterKeyProvider")
        }
        let secret: Secret?
        do {
            secret = try await client.api(Secret.self, namespace: namespace).getIfExists(selector.name)
        } catch let error as KubeAPIError where error.code == 403 {
            throw KMSError(
                .unauthorized,
                "\(field): the controller may not read Secret \(namespace)/\(selector.name) (RBAC): grant it get on "
                    + "secrets")
        }
        guard let secret else {
            throw KMSError(
                .invalidConfiguration,
                "\(field): Secret \(namespace)/\(selector.name) does not exist: create it with key \"\(selector.key)\" "
                    + "(kubectl create secret generic \(selector.name) -n \(namespace) --from-literal=\(selector.key)=…)"
            )
        }
        guard let value = secret.data(forKey: selector.key) else {
            let keys = (secret.data ?? [:]).keys.sorted().joined(separator: ", ")
            throw KMSError(
                .invalidConfiguration,
                "\(field): Secret \(namespace)/\(selector.name) has no key \"\(selector.key)\" (it has: \(keys)): add "
                    + "it or fix the key in \(field)")
        }
        return Array(value)
    }

    func serviceAccountToken(audience: String) async throws -> String {
        let path = TokenRequest.path(serviceAccount: serviceAccount, namespace: serviceAccountNamespace)
        let body: JSONValue = [
            "apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
            "spec": ["audiences": [.string(audience)], "expirationSeconds": 600],
        ]
        let account = "\(serviceAccountNamespace)/\(serviceAccount)"
        let answer: JSONValue
        do {
            answer = try await client.rawPost(path, body: body)
        } catch let error as KubeAPIError where error.code == 403 || error.code == 404 {
            throw KMSError(
                .unauthorized,
                "\(provider): cannot get a token of ServiceAccount \(account) for audience \(audience) "
                    + "(HTTP \(error.code)): the controller needs create on serviceaccounts/token for it, and the "
                    + "ServiceAccount must exist (ASTROLIFT_CONTROLLER_SERVICE_ACCOUNT)")
        } catch let error as KubeAPIError {
            throw KMSError(
                .unreachable, "\(provider): the API server refused a TokenRequest (HTTP \(error.code)); retrying")
        }
        guard let token = answer["status"]?["token"]?.stringValue, !token.isEmpty else {
            throw KMSError(.service, "\(provider): the TokenRequest for \(account) returned no token")
        }
        return token
    }
}

/// The Secrets a key provider's spec names, with the field naming each.
enum KeyProviderSecretRefs {
    struct Ref: Sendable, Hashable {
        /// The spec field, e.g. `spec.vault.auth.tokenSecretRef`.
        var field: String
        var name: String
        /// As written; `nil` means the provider's default namespace.
        var namespace: String?
    }

    static func all(_ spec: KeyProviderSpec) -> [Ref] {
        var refs: [Ref] = []
        if let r = spec.aws?.auth?.secretRef {
            refs.append(Ref(field: "spec.aws.auth.secretRef", name: r.name, namespace: r.namespace))
        }
        let keyRefs: [(String, NamespacedSecretKeyReference?)] = [
            ("spec.gcp.serviceAccountKeySecretRef", spec.gcp?.serviceAccountKeySecretRef),
            ("spec.azure.clientSecretRef", spec.azure?.clientSecretRef),
            ("spec.vault.caBundleSecretRef", spec.vault?.caBundleSecretRef),
            ("spec.vault.auth.tokenSecretRef", spec.vault?.auth.tokenSecretRef),
            ("spec.local.secretRef", spec.local?.secretRef),
        ]
        for case (let field, let r?) in keyRefs {
            refs.append(Ref(field: field, name: r.name, namespace: r.namespace))
        }
        return refs
    }
}
