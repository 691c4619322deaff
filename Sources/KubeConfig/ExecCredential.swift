import Foundation
import KubeCore

/// A validated client-go credential plugin configuration (a kubeconfig
/// user's `exec` section, with relative paths already resolved).
public struct ExecPlugin: Sendable, Equatable {
    /// The two ExecCredential API versions client-go still accepts.
    public static let v1 = "client.authentication.k8s.io/v1"
    public static let v1beta1 = "client.authentication.k8s.io/v1beta1"

    /// Whether the plugin may talk to the user on a terminal.
    public enum InteractiveMode: String, Sendable, Equatable {
        case never = "Never"
        case ifAvailable = "IfAvailable"
        case always = "Always"
    }

    /// A program name looked up on `PATH`, or a path to the program.
    public var command: String
    public var arguments: [String]
    /// Variables set on top of the inherited environment, in order.
    public var environment: [KubeConfigFile.ExecEnvVar]
    /// The ExecCredential version requested and required in the answer.
    public var apiVersion: String
    /// Shown when the command is not found.
    public var installHint: String?
    public var interactiveMode: InteractiveMode
    /// Cluster details sent in `KUBERNETES_EXEC_INFO`; `nil` unless `provideClusterInfo`.
    public var cluster: ExecClusterInfo?
    /// The kubeconfig user, for messages.
    public var userName: String

    public init(
        command: String, arguments: [String] = [], environment: [KubeConfigFile.ExecEnvVar] = [],
        apiVersion: String = ExecPlugin.v1, installHint: String? = nil,
        interactiveMode: InteractiveMode = .never, cluster: ExecClusterInfo? = nil, userName: String = ""
    ) {
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.apiVersion = apiVersion
        self.installHint = installHint
        self.interactiveMode = interactiveMode
        self.cluster = cluster
        self.userName = userName
    }

    /// Validates a kubeconfig `exec` section. `cluster` is kept only when the
    /// section sets `provideClusterInfo: true`.
    public init(config: KubeConfigFile.ExecConfig, user: String, file: String, cluster: ExecClusterInfo) throws {
        func invalid(_ reason: String) -> KubeConfigError {
            .invalidExecConfig(user: user, file: file, reason: reason)
        }
        guard let command = config.command, !command.isEmpty else {
            throw invalid("command is empty: set the plugin's command")
        }
        guard let apiVersion = config.apiVersion, !apiVersion.isEmpty else {
            throw invalid("apiVersion is missing: set it to \(Self.v1)")
        }
        guard apiVersion == Self.v1 || apiVersion == Self.v1beta1 else {
            throw invalid("apiVersion \(apiVersion) is not supported: use \(Self.v1) or \(Self.v1beta1)")
        }
        let env = config.env ?? []
        if env.contains(where: { $0.name.isEmpty }) {
            throw invalid("an env entry has no name: give every entry a name")
        }
        // client-go defaults a missing mode to IfAvailable (required only by its
        // v1 validation); this program never has a terminal to offer, so
        // IfAvailable behaves like Never and Always cannot be satisfied.
        let mode: InteractiveMode
        switch config.interactiveMode ?? "" {
        case "": mode = .ifAvailable
        case let raw:
            guard let parsed = InteractiveMode(rawValue: raw) else {
                throw invalid("interactiveMode \(raw) is not one of Never, IfAvailable, Always")
            }
            mode = parsed
        }
        if mode == .always { throw KubeConfigError.execRequiresInteractive(command: command, user: user) }
        self.init(
            command: command, arguments: config.args ?? [], environment: env, apiVersion: apiVersion,
            installHint: config.installHint, interactiveMode: mode,
            cluster: config.provideClusterInfo == true ? cluster : nil, userName: user)
    }

    /// The JSON put in `KUBERNETES_EXEC_INFO`: an ExecCredential with only a spec.
    public func execInfo() throws -> Data {
        try KubeJSON.encode(
            ExecCredentialRequest(
                apiVersion: apiVersion, kind: "ExecCredential",
                spec: .init(interactive: false, cluster: cluster.map(ExecCredentialRequest.Cluster.init))))
    }
}

/// The cluster details a plugin receives with `provideClusterInfo: true`.
public struct ExecClusterInfo: Sendable, Equatable {
    /// The cluster extension whose content is passed as `spec.cluster.config`.
    public static let extensionName = "client.authentication.k8s.io/exec"

    public var server: String
    public var tlsServerName: String?
    public var insecureSkipTLSVerify: Bool
    /// The CA bundle (PEM), from `certificate-authority` or `-data`.
    public var certificateAuthorityData: [UInt8]?
    public var proxyURL: String?
    /// The cluster's `client.authentication.k8s.io/exec` extension.
    public var config: JSONValue?

    public init(
        server: String, tlsServerName: String? = nil, insecureSkipTLSVerify: Bool = false,
        certificateAuthorityData: [UInt8]? = nil, proxyURL: String? = nil, config: JSONValue? = nil
    ) {
        self.server = server
        self.tlsServerName = tlsServerName
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.certificateAuthorityData = certificateAuthorityData
        self.proxyURL = proxyURL
        self.config = config
    }
}

/// What a plugin returned: a bearer token, a client certificate, or both.
public struct ExecCredential: Sendable, Equatable {
    public var token: String?
    /// When the credential stops being valid; `nil` means until the server rejects it.
    public var expirationTimestamp: Date?
    /// PEM client certificate (chain) and key, when the plugin supplies mTLS material.
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?

    public init(
        token: String? = nil, expirationTimestamp: Date? = nil, clientCertificatePEM: [UInt8]? = nil,
        clientKeyPEM: [UInt8]? = nil
    ) {
        self.token = token
        self.expirationTimestamp = expirationTimestamp
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }

    /// Parses and checks a plugin's stdout as client-go does. Errors describe
    /// the problem without quoting the output, which may contain the token.
    public static func parse(_ output: Data, plugin: ExecPlugin) throws -> ExecCredential {
        func invalid(_ reason: String) -> KubeConfigError {
            .execInvalidOutput(command: plugin.command, user: plugin.userName, reason: reason)
        }
        let response: ExecCredentialResponse
        do {
            response = try JSONDecoder().decode(ExecCredentialResponse.self, from: output)
        } catch let error as DecodingError {
            switch error {
            case .dataCorrupted(let ctx) where ctx.codingPath.isEmpty:
                throw invalid(output.isEmpty ? "stdout is empty" : "stdout is not JSON")
            case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
                let field = ctx.codingPath.map(\.stringValue).joined(separator: ".")
                throw invalid(field.isEmpty ? "stdout is not a JSON object" : "field \(field) has the wrong type")
            case .keyNotFound(let key, _):
                throw invalid("field \(key.stringValue) is missing")
            @unknown default:
                throw invalid("stdout is not an ExecCredential")
            }
        }
        guard response.kind == "ExecCredential" else {
            throw invalid("kind is \"\(response.kind ?? "")\", expected ExecCredential")
        }
        guard response.apiVersion == plugin.apiVersion else {
            throw invalid(
                "apiVersion is \"\(response.apiVersion ?? "")\" but the kubeconfig asks for \(plugin.apiVersion)")
        }
        guard let status = response.status else { throw invalid("it has no status") }
        let token = status.token.flatMap { $0.isEmpty ? nil : $0 }
        let cert = status.clientCertificateData.flatMap { $0.isEmpty ? nil : $0 }
        let key = status.clientKeyData.flatMap { $0.isEmpty ? nil : $0 }
        if token == nil, cert == nil, key == nil {
            throw invalid("status has neither a token nor a client certificate and key")
        }
        if (cert == nil) != (key == nil) {
            throw invalid("status has a client certificate or key but not both")
        }
        var expiry: Date?
        if let text = status.expirationTimestamp, !text.isEmpty {
            guard let date = RFC3339.parse(text) else {
                throw invalid("status.expirationTimestamp \"\(text)\" is not an RFC 3339 time")
            }
            expiry = date
        }
        return ExecCredential(
            token: token, expirationTimestamp: expiry, clientCertificatePEM: cert.map { Array($0.utf8) },
            clientKeyPEM: key.map { Array($0.utf8) })
    }
}

/// `KUBERNETES_EXEC_INFO` (client.authentication.k8s.io ExecCredential with a spec).
struct ExecCredentialRequest: Encodable {
    var apiVersion: String
    var kind: String
    var spec: Spec

    struct Spec: Encodable {
        var interactive: Bool
        var cluster: Cluster?
    }

    struct Cluster: Encodable {
        var server: String
        var tlsServerName: String?
        var insecureSkipTLSVerify: Bool?
        /// Base64, as Go encodes `[]byte`.
        var certificateAuthorityData: String?
        var proxyURL: String?
        var config: JSONValue?

        enum CodingKeys: String, CodingKey {
            case server, config
            case tlsServerName = "tls-server-name"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case certificateAuthorityData = "certificate-authority-data"
            case proxyURL = "proxy-url"
        }

        init(_ info: ExecClusterInfo) {
            server = info.server
            tlsServerName = info.tlsServerName
            // Go omits false booleans (`omitempty`); so does this.
            insecureSkipTLSVerify = info.insecureSkipTLSVerify ? true : nil
            certificateAuthorityData = info.certificateAuthorityData.map { Data($0).base64EncodedString() }
            proxyURL = info.proxyURL
            config = info.config
        }
    }
}

/// The part of a plugin's answer that is read.
struct ExecCredentialResponse: Decodable {
    var apiVersion: String?
    var kind: String?
    var status: Status?

    struct Status: Decodable {
        var token: String?
        var expirationTimestamp: String?
        /// PEM text (not base64).
        var clientCertificateData: String?
        var clientKeyData: String?
    }
}
