import ArgumentParser
import AstroliftAPI
import AstroliftKMS
import Foundation
import KubeClient
import KubeCore
import KubeModels

/// `astrolift seal`: turns Secret values into a KMSSecret that is safe to commit, and
/// `--verify` checks that a sealed file opens.
struct SealCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Seal Secret values into a KMSSecret that is safe to commit to git.",
        discussion: """
            The values come from a Secret manifest (-f FILE, or - for stdin), --from-literal KEY=VALUE and \
            --from-file KEY=PATH. Each is sealed with a fresh data key, wrapped by the provider's KMS key with \
            your own credentials, and bound to --namespace and --name: it opens nowhere else.

            The provider is the (Cluster)KeyProvider named by --provider, read from the cluster your kubeconfig \
            reaches, unless offline flags say how to reach the key (--local-key-file, --aws-key-id, \
            --vault-address); --provider is still written into spec.providerRef. Credentials come from your \
            environment: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, VAULT_TOKEN (or \
            --vault-token-env), GOOGLE_APPLICATION_CREDENTIALS, AZURE_CLIENT_SECRET; a Local provider's key is \
            read from its Secret (you need read access) unless --local-key-file is given.

            --verify FILE opens every value of a sealed KMSSecret and says which keys open and whether a \
            re-seal is recommended (exit 1 when any does not). Plaintext is never printed.
            """
    )

    @OptionGroup var cluster: ClusterOptions

    @Option(name: .long, help: "The KMSSecret's name (required when sealing; the ciphertext is bound to it).")
    var name: String?

    @Option(name: [.short, .customLong("filename")], help: "A Secret manifest to seal (- for stdin).")
    var filename: String?

    @Option(name: .customLong("from-literal"), help: "KEY=VALUE to seal (repeatable).")
    var fromLiteral: [String] = []

    @Option(name: .customLong("from-file"), help: "KEY=PATH: seal the file's content under KEY (repeatable).")
    var fromFile: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Write the KMSSecret to this file instead of stdout.")
    var output: String?

    @Option(name: .long, help: "The key provider's name, written into spec.providerRef.")
    var provider: String?

    @Option(name: .customLong("provider-kind"), help: "ClusterKeyProvider (default) or KeyProvider.")
    var providerKind: String = "ClusterKeyProvider"

    @Option(name: .customLong("verify"), help: "Check that every value of this sealed KMSSecret file opens.")
    var verify: String?

    @Option(
        name: .customLong("local-key-file"), help: "Offline: a file holding the 32-byte local key (raw, base64 or hex)."
    )
    var localKeyFile: String?

    @Option(name: .customLong("aws-key-id"), help: "Offline: the AWS KMS key (id, ARN or alias/NAME).")
    var awsKeyID: String?

    @Option(name: .customLong("aws-region"), help: "Offline: the AWS region (default: $AWS_REGION).")
    var awsRegion: String?

    @Option(name: .customLong("aws-endpoint"), help: "Offline: an AWS KMS endpoint replacing the regional one.")
    var awsEndpoint: String?

    @Option(name: .customLong("vault-address"), help: "Offline: the Vault or OpenBao address (default: $VAULT_ADDR).")
    var vaultAddress: String?

    @Option(name: .customLong("vault-key"), help: "Offline: the transit key's name.")
    var vaultKey: String?

    @Option(name: .customLong("vault-mount"), help: "Offline: the transit mount path.")
    var vaultMount: String = "transit"

    @Option(name: .customLong("vault-namespace"), help: "Offline: the Vault namespace (X-Vault-Namespace).")
    var vaultNamespace: String?

    @Option(name: .customLong("vault-token-env"), help: "The environment variable holding the Vault token.")
    var vaultTokenEnv: String = "VAULT_TOKEN"

    func run() async throws {
        try await reportingErrors {
            if let verify {
                try await runVerify(path: verify)
            } else {
                try await runSeal()
            }
        }
    }

    // MARK: Sealing

    private func runSeal() async throws {
        guard let namespace = cluster.namespace, !namespace.isEmpty, let name, !name.isEmpty else {
            throw CLIError(
                "--namespace and --name are required: the ciphertext is bound to the KMSSecret's namespace and name")
        }
        guard let providerName = provider else {
            throw CLIError("--provider is required: the (Cluster)KeyProvider the KMSSecret names in spec.providerRef")
        }
        let kind = try providerReferenceKind()
        let values = try collectValues()
        guard !values.isEmpty else {
            throw CLIError("nothing to seal: give -f FILE, --from-literal KEY=VALUE or --from-file KEY=PATH")
        }
        let kms = try await makeProvider(name: providerName, kind: kind, namespace: namespace)
        var encrypted: [String: String] = [:]
        do {
            let cipher = EnvelopeCipher(kms: kms)
            for (key, value) in values.data.sorted(by: { $0.key < $1.key }) {
                encrypted[key] = try await cipher.seal(
                    value, for: EnvelopeBinding(namespace: namespace, name: name, dataKey: key))
            }
            await kms.shutdown()
        } catch {
            await kms.shutdown()
            throw error
        }
        var target: KMSSecretTarget?
        if values.type != nil || values.labels != nil || values.annotations != nil {
            target = KMSSecretTarget(type: values.type, labels: values.labels, annotations: values.annotations)
        }
        let secret = KMSSecret(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: KMSSecretSpec(
                providerRef: KeyProviderReference(kind: kind, name: providerName), encryptedData: encrypted,
                target: target))
        let yaml = try YAMLDocuments.render(encoding: [secret])
        if let output {
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: output))
            Terminal.error(
                "sealed \(encrypted.count) value(s) for \(namespace)/\(name) with \(kms.keyName) into \(output)")
        } else {
            Terminal.write(yaml)
        }
    }

    private func providerReferenceKind() throws -> KeyProviderKind {
        guard let kind = KeyProviderKind(rawValue: providerKind) else {
            throw CLIError("--provider-kind must be ClusterKeyProvider or KeyProvider, not \(providerKind)")
        }
        return kind
    }

    /// The values to seal, and the Secret's type, labels and annotations when a manifest gave them.
    private struct Values {
        var data: [String: [UInt8]] = [:]
        var type: String?
        var labels: [String: String]?
        var annotations: [String: String]?
        var isEmpty: Bool { data.isEmpty }
    }

    private func collectValues() throws -> Values {
        var values = Values()
        if let filename {
            let text: String
            if filename == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: filename) else {
                    throw CLIError("cannot read \(filename)")
                }
                text = String(decoding: data, as: UTF8.self)
            }
            let secret: Secret
            do {
                secret = try YAMLDocuments.decodeSingle(Secret.self, from: text)
            } catch {
                throw CLIError("\(filename == "-" ? "stdin" : filename) is not a single Secret manifest")
            }
            guard secret.kind == nil || secret.kind == "Secret" else {
                throw CLIError("\(filename) holds a \(secret.kind ?? "?"), not a Secret")
            }
            for (key, encoded) in secret.data ?? [:] {
                guard let bytes = Data(base64Encoded: encoded) else {
                    throw CLIError("data.\(key) in \(filename) is not base64 (put plain text under stringData)")
                }
                values.data[key] = Array(bytes)
            }
            for (key, text) in secret.stringData ?? [:] { values.data[key] = Array(text.utf8) }
            values.type = secret.type
            values.labels = secret.metadata.labels
            values.annotations = secret.metadata.annotations?.filter {
                $0.key != "kubectl.kubernetes.io/last-applied-configuration"
            }
            if values.annotations?.isEmpty == true { values.annotations = nil }
        }
        for literal in fromLiteral {
            guard let eq = literal.firstIndex(of: "="), eq != literal.startIndex else {
                throw CLIError("--from-literal takes KEY=VALUE")
            }
            values.data[String(literal[..<eq])] = Array(literal[literal.index(after: eq)...].utf8)
        }
        for item in fromFile {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw CLIError("--from-file takes KEY=PATH")
            }
            let path = String(item[item.index(after: eq)...])
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
            values.data[String(item[..<eq])] = Array(data)
        }
        for key in values.data.keys
        where key.isEmpty || !key.allSatisfy({ $0.isLetter || $0.isNumber || "-._".contains($0) }) {
            throw CLIError("\"\(key)\" is not a valid Secret key (letters, digits, '-', '_' and '.')")
        }
        return values
    }

    // MARK: Verifying

    private func runVerify(path: String) async throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        let secret: KMSSecret
        do {
            secret = try YAMLDocuments.decodeSingle(KMSSecret.self, from: String(decoding: data, as: UTF8.self))
        } catch {
            throw CLIError("\(path) is not a single KMSSecret manifest")
        }
        guard let namespace = secret.metadata.namespace ?? cluster.namespace, let name = secret.metadata.name else {
            throw CLIError("\(path) has no metadata.namespace and metadata.name (give --namespace)")
        }
        var kind = secret.spec.providerRef.kind ?? .clusterKeyProvider
        if provider != nil { kind = try providerReferenceKind() }
        let kms = try await makeProvider(
            name: provider ?? secret.spec.providerRef.name, kind: kind, namespace: namespace)
        var failures = 0
        do {
            let current = try await kms.describeKey()
            let cipher = EnvelopeCipher(kms: kms)
            Terminal.out("\(namespace)/\(name): provider \(kms.keyName), current version \(current.currentVersion)")
            for key in secret.spec.encryptedData.keys.sorted() {
                let binding = EnvelopeBinding(namespace: namespace, name: name, dataKey: key)
                do {
                    let opened = try await cipher.open(
                        secret.spec.encryptedData[key] ?? "", for: binding, current: current)
                    let note =
                        opened.resealRecommended
                        ? "re-seal recommended (sealed under \(opened.keyID) version \(opened.sealedKeyVersion), "
                            + "current \(current.keyID) version \(current.currentVersion))"
                        : "key version \(opened.sealedKeyVersion), current"
                    Terminal.out("  \(key): opens; \(note)")
                } catch {
                    failures += 1
                    Terminal.out("  \(key): DOES NOT OPEN: \(error)")
                }
            }
            await kms.shutdown()
        } catch {
            await kms.shutdown()
            throw error
        }
        if failures > 0 {
            throw CLIError("\(failures) of \(secret.spec.encryptedData.count) value(s) in \(path) do not open")
        }
    }

    // MARK: The provider

    private func makeProvider(name: String, kind: KeyProviderKind, namespace: String) async throws
        -> any KeyManagementService
    {
        let environment = ProcessInfo.processInfo.environment
        if let localKeyFile {
            guard let data = FileManager.default.contents(atPath: localKeyFile),
                let key = LocalKMS.decodeKeyMaterial(Array(data))
            else {
                throw CLIError("\(localKeyFile) does not hold a 32-byte key (raw, base64 or hex)")
            }
            return try LocalKMS(key: key, source: localKeyFile)
        }
        let options = KMSProviderFactory.Options(
            mode: .caller, environment: environment, vaultTokenVariable: vaultTokenEnv)
        if let awsKeyID {
            guard let region = awsRegion ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] else {
                throw CLIError("--aws-region (or AWS_REGION) is required with --aws-key-id")
            }
            let spec = KeyProviderSpec(
                type: .aws, aws: AWSKMSProvider(keyID: awsKeyID, region: region, endpoint: awsEndpoint))
            return try await KMSProviderFactory.make(spec: spec, resolver: NoClusterResolver(), options: options)
        }
        if let vaultKey {
            guard let address = vaultAddress ?? environment["VAULT_ADDR"] else {
                throw CLIError("--vault-address (or VAULT_ADDR) is required with --vault-key")
            }
            let spec = KeyProviderSpec(
                type: .vault,
                vault: VaultTransitProvider(
                    address: address, mountPath: vaultMount, keyName: vaultKey, namespace: vaultNamespace,
                    auth: VaultAuth(tokenSecretRef: NamespacedSecretKeyReference(name: "unused", key: "token"))))
            return try await KMSProviderFactory.make(spec: spec, resolver: NoClusterResolver(), options: options)
        }
        // The provider as the cluster has it; only a Local key's Secret is read from the cluster.
        let client = try await KubeClient.connect(try cluster.connection())
        do {
            let spec: KeyProviderSpec
            switch kind {
            case .clusterKeyProvider: spec = try await client.api(ClusterKeyProvider.self).get(name).spec
            case .keyProvider: spec = try await client.api(KeyProvider.self, namespace: namespace).get(name).spec
            }
            let defaultNamespace = kind == .keyProvider ? namespace : "astrolift-system"
            let kms = try await KMSProviderFactory.make(
                spec: spec, resolver: ClusterSecretResolver(client: client, defaultNamespace: defaultNamespace),
                options: options)
            try? await client.shutdown()
            return kms
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}

/// For offline flags: nothing is read from a cluster.
private struct NoClusterResolver: KMSCredentialResolver {
    func secretValue(_ selector: CredentialSecretRef) async throws -> [UInt8] {
        throw KMSError(.invalidConfiguration, "offline sealing does not read \(selector)")
    }

    func serviceAccountToken(audience: String) async throws -> String {
        throw KMSError(.invalidConfiguration, "offline sealing has no service-account token")
    }
}

/// Reads a Local provider's key Secret with the caller's kubeconfig identity.
private struct ClusterSecretResolver: KMSCredentialResolver {
    let client: KubeClient
    let defaultNamespace: String

    func secretValue(_ selector: CredentialSecretRef) async throws -> [UInt8] {
        let namespace = selector.namespace ?? defaultNamespace
        let secret = try await client.api(Secret.self, namespace: namespace).get(selector.name)
        guard let value = secret.data(forKey: selector.key) else {
            throw KMSError(.invalidConfiguration, "Secret \(namespace)/\(selector.name) has no key \"\(selector.key)\"")
        }
        return Array(value)
    }

    func serviceAccountToken(audience: String) async throws -> String {
        throw KMSError(.invalidConfiguration, "astrolift seal uses your own credentials, not a service-account token")
    }
}
