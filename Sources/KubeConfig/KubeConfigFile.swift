import Foundation
import KubeCore
import Yams

/// One kubeconfig file as written on disk (`clientcmd/api/v1.Config`).
///
/// Only the fields a client needs are modelled; others (`preferences`,
/// `extensions`, impersonation, …) are accepted and ignored so that any file
/// kubectl reads can be read here. Missing or `null` lists decode as empty.
public struct KubeConfigFile: Codable, Sendable, Equatable {
    public var apiVersion: String?
    public var kind: String?
    public var clusters: [NamedCluster]
    public var contexts: [NamedContext]
    public var users: [NamedUser]
    /// The context used when none is chosen explicitly; empty means unset.
    public var currentContext: String?

    public init(
        clusters: [NamedCluster] = [], contexts: [NamedContext] = [], users: [NamedUser] = [],
        currentContext: String? = nil
    ) {
        self.apiVersion = "v1"
        self.kind = "Config"
        self.clusters = clusters
        self.contexts = contexts
        self.users = users
        self.currentContext = currentContext
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, clusters, contexts, users
        case currentContext = "current-context"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        clusters = try c.decodeIfPresent([NamedCluster].self, forKey: .clusters) ?? []
        contexts = try c.decodeIfPresent([NamedContext].self, forKey: .contexts) ?? []
        users = try c.decodeIfPresent([NamedUser].self, forKey: .users) ?? []
        currentContext = try c.decodeIfPresent(String.self, forKey: .currentContext)
    }

    /// Parses a kubeconfig written as YAML or JSON. `path` is only used in errors.
    ///
    /// An empty file is an empty config, as in client-go. Errors carry line,
    /// column and field paths but never the file's text, which may hold secrets.
    public static func parse(_ data: Data, path: String) throws -> KubeConfigFile {
        let text = String(decoding: data, as: UTF8.self)
        if text.allSatisfy(\.isWhitespace) { return KubeConfigFile() }
        do {
            return try YAMLDecoder().decode(KubeConfigFile.self, from: text)
        } catch let yamlError {
            // libyaml rejects some valid JSON (tabs used as indentation), so JSON
            // documents get a second chance with the JSON decoder.
            if text.drop(while: \.isWhitespace).first == "{",
                let decoded = try? JSONDecoder().decode(KubeConfigFile.self, from: data)
            {
                return decoded
            }
            throw KubeConfigError.malformedFile(path: path, reason: Self.describe(yamlError))
        }
    }

    /// A secret-free account of a parse or decode error.
    private static func describe(_ error: any Error) -> String {
        // Yams wraps libyaml syntax errors in `DecodingError.dataCorrupted`.
        if case .dataCorrupted(let ctx)? = error as? DecodingError, let underlying = ctx.underlyingError {
            return describe(underlying)
        }
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                return "YAML syntax error at line \(mark.line), column \(mark.column): \(problem)"
            case .reader(let problem, _, _, _):
                return "unreadable text: \(problem)"
            case .duplicatedKeysInMapping(let duplicates, let context):
                return
                    "duplicate keys \(duplicates.joined(separator: ", ")) at line \(context.mark.line)"
            default:
                return "YAML error"
            }
        }
        if let decoding = error as? DecodingError {
            func path(_ keys: [any CodingKey]) -> String {
                let p = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                return p.isEmpty ? "the document" : String(p.drop { $0 == "." })
            }
            switch decoding {
            case .typeMismatch(let type, let ctx):
                return "\(path(ctx.codingPath)) has the wrong type (expected \(Self.typeName(type)))"
            case .valueNotFound(let type, let ctx):
                return "\(path(ctx.codingPath)) is null (expected \(Self.typeName(type)))"
            case .keyNotFound(let key, let ctx):
                return "\(path(ctx.codingPath + [key])) is missing"
            case .dataCorrupted(let ctx):
                return "\(path(ctx.codingPath)) is invalid"
            @unknown default:
                return "invalid structure"
            }
        }
        return "parse error"
    }

    private static func typeName(_ type: Any.Type) -> String {
        if type == String.self { return "a string" }
        if type == Bool.self { return "true or false" }
        // Yams reports node kinds (Node.Mapping, Node.Sequence, Node.Scalar).
        let name = String(describing: type)
        if name.contains("Sequence") || name.hasPrefix("Array<") { return "a list" }
        if name.contains("Scalar") { return "a single value" }
        return "a mapping"
    }
}

extension KubeConfigFile {
    /// A `clusters[]` entry.
    public struct NamedCluster: Codable, Sendable, Equatable {
        public var name: String
        public var cluster: Cluster

        public init(name: String, cluster: Cluster) {
            self.name = name
            self.cluster = cluster
        }

        enum CodingKeys: String, CodingKey { case name, cluster }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
            cluster = try c.decodeIfPresent(Cluster.self, forKey: .cluster) ?? Cluster()
        }
    }

    /// A `contexts[]` entry.
    public struct NamedContext: Codable, Sendable, Equatable {
        public var name: String
        public var context: Context

        public init(name: String, context: Context) {
            self.name = name
            self.context = context
        }

        enum CodingKeys: String, CodingKey { case name, context }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
            context = try c.decodeIfPresent(Context.self, forKey: .context) ?? Context()
        }
    }

    /// A `users[]` entry.
    public struct NamedUser: Codable, Sendable, Equatable {
        public var name: String
        public var user: User

        public init(name: String, user: User) {
            self.name = name
            self.user = user
        }

        enum CodingKeys: String, CodingKey { case name, user }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
            user = try c.decodeIfPresent(User.self, forKey: .user) ?? User()
        }
    }

    /// How to reach one API server (`clientcmd/api/v1.Cluster`).
    public struct Cluster: Codable, Sendable, Equatable {
        public var server: String?
        /// Path to a PEM CA bundle; relative paths are relative to the defining file.
        public var certificateAuthority: String?
        /// Base64 of a PEM CA bundle; overrides nothing, conflicts with ``certificateAuthority``.
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool?
        public var tlsServerName: String?
        /// Accepted but not used by this module (the transport decides about proxies).
        public var proxyURL: String?
        public var disableCompression: Bool?
        /// Named extensions; `client.authentication.k8s.io/exec` is handed to exec plugins.
        public var extensions: [NamedExtension]?

        public init(
            server: String? = nil, certificateAuthority: String? = nil, certificateAuthorityData: String? = nil,
            insecureSkipTLSVerify: Bool? = nil, tlsServerName: String? = nil, proxyURL: String? = nil,
            disableCompression: Bool? = nil, extensions: [NamedExtension]? = nil
        ) {
            self.server = server
            self.certificateAuthority = certificateAuthority
            self.certificateAuthorityData = certificateAuthorityData
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
            self.tlsServerName = tlsServerName
            self.proxyURL = proxyURL
            self.disableCompression = disableCompression
            self.extensions = extensions
        }

        enum CodingKeys: String, CodingKey {
            case server, extensions
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
            case disableCompression = "disable-compression"
        }
    }

    /// A named extension: free-form data under a well-known name.
    public struct NamedExtension: Codable, Sendable, Equatable {
        public var name: String
        public var `extension`: JSONValue?

        public init(name: String, extension: JSONValue?) {
            self.name = name
            self.extension = `extension`
        }
    }

    /// A (cluster, user, namespace) triple (`clientcmd/api/v1.Context`).
    public struct Context: Codable, Sendable, Equatable {
        public var cluster: String?
        public var user: String?
        public var namespace: String?

        public init(cluster: String? = nil, user: String? = nil, namespace: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }

    /// Credentials (`clientcmd/api/v1.AuthInfo`).
    ///
    /// `username`/`password` are read so that such files load, but basic auth is
    /// not offered to the transport.
    public struct User: Codable, Sendable, Equatable {
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: String?
        public var token: String?
        public var tokenFile: String?
        public var username: String?
        public var password: String?
        public var authProvider: AuthProviderConfig?
        public var exec: ExecConfig?

        public init(
            clientCertificate: String? = nil, clientCertificateData: String? = nil, clientKey: String? = nil,
            clientKeyData: String? = nil, token: String? = nil, tokenFile: String? = nil, username: String? = nil,
            password: String? = nil, authProvider: AuthProviderConfig? = nil, exec: ExecConfig? = nil
        ) {
            self.clientCertificate = clientCertificate
            self.clientCertificateData = clientCertificateData
            self.clientKey = clientKey
            self.clientKeyData = clientKeyData
            self.token = token
            self.tokenFile = tokenFile
            self.username = username
            self.password = password
            self.authProvider = authProvider
            self.exec = exec
        }

        enum CodingKeys: String, CodingKey {
            case token, tokenFile, username, password, exec
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case authProvider = "auth-provider"
        }
    }

    /// A legacy in-tree auth provider (`gcp`, `azure`, `oidc`): recognised only to
    /// report clearly that it is unsupported.
    public struct AuthProviderConfig: Codable, Sendable, Equatable {
        public var name: String?
        public var config: [String: String]?
    }

    /// A client-go credential plugin (`clientcmd/api/v1.ExecConfig`).
    public struct ExecConfig: Codable, Sendable, Equatable {
        /// The executable: a name looked up on `PATH`, or a path (relative paths are
        /// relative to the defining file when they contain a `/`).
        public var command: String?
        public var args: [String]?
        /// Variables added to the inherited environment.
        public var env: [ExecEnvVar]?
        /// `client.authentication.k8s.io/v1` or `client.authentication.k8s.io/v1beta1`.
        public var apiVersion: String?
        /// Shown when the command cannot be found.
        public var installHint: String?
        /// Whether to pass the cluster's details in `KUBERNETES_EXEC_INFO`.
        public var provideClusterInfo: Bool?
        /// `Never`, `IfAvailable` or `Always`.
        public var interactiveMode: String?

        public init(
            command: String? = nil, args: [String]? = nil, env: [ExecEnvVar]? = nil, apiVersion: String? = nil,
            installHint: String? = nil, provideClusterInfo: Bool? = nil, interactiveMode: String? = nil
        ) {
            self.command = command
            self.args = args
            self.env = env
            self.apiVersion = apiVersion
            self.installHint = installHint
            self.provideClusterInfo = provideClusterInfo
            self.interactiveMode = interactiveMode
        }
    }

    /// One `exec.env[]` entry.
    public struct ExecEnvVar: Codable, Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        enum CodingKeys: String, CodingKey { case name, value }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
            value = try c.decodeIfPresent(String.self, forKey: .value) ?? ""
        }
    }
}
