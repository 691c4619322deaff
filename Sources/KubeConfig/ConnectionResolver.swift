import Foundation
import KubeCore

extension KubeConfigLoader {
    /// Resolves one context of an already merged kubeconfig into a connection.
    ///
    /// Reads the certificate and key files the entries reference, decodes the
    /// `*-data` fields and checks that they are PEM; builds the credential
    /// provider (`tokenFile` beats `token`, either beats `exec`) without
    /// running any plugin. A context without a `user` connects anonymously.
    ///
    /// - Parameters:
    ///   - context: the context to use; defaults to ``MergedKubeConfig/currentContext``.
    ///   - namespace: overrides the context's namespace; the fallback is `default`.
    ///   - environment: inherited by exec plugins, whose command is looked up on its `PATH`.
    public static func connection(
        from merged: MergedKubeConfig, context: String? = nil, namespace: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ClusterConnection {
        guard let contextName = nonEmpty(context) ?? merged.currentContext else {
            throw KubeConfigError.noCurrentContext(files: merged.files, known: merged.contextNames)
        }
        guard let contextEntry = merged.contexts[contextName] else {
            throw KubeConfigError.unknownContext(name: contextName, files: merged.files, known: merged.contextNames)
        }
        let contextFile = contextEntry.file
        guard let clusterName = nonEmpty(contextEntry.value.cluster) else {
            throw KubeConfigError.contextWithoutCluster(context: contextName, file: contextFile)
        }
        guard let clusterEntry = merged.clusters[clusterName] else {
            throw KubeConfigError.clusterNotFound(cluster: clusterName, context: contextName, file: contextFile)
        }
        var userEntry: MergedKubeConfig.Entry<KubeConfigFile.User>?
        if let userName = nonEmpty(contextEntry.value.user) {
            guard let found = merged.users[userName] else {
                throw KubeConfigError.userNotFound(user: userName, context: contextName, file: contextFile)
            }
            userEntry = found
        }

        let tls = try clusterTLS(clusterEntry)
        var clientCertificate: [UInt8]?
        var clientKey: [UInt8]?
        var credentials: (any CredentialProvider)?
        if let userEntry {
            (clientCertificate, clientKey) = try clientCertificateAndKey(userEntry)
            credentials = try credentialProvider(
                userEntry, cluster: tls, server: clusterEntry.value.server ?? "", environment: environment)
        }
        let defaultTLS = tls.caPEM != nil || clientCertificate != nil || tls.insecure
        let server = try serverURL(clusterEntry, defaultTLS: defaultTLS)

        return ClusterConnection(
            server: server, certificateAuthorityPEM: tls.caPEM, insecureSkipTLSVerify: tls.insecure,
            tlsServerName: tls.serverName, clientCertificatePEM: clientCertificate, clientKeyPEM: clientKey,
            credentials: credentials,
            namespace: nonEmpty(namespace) ?? nonEmpty(contextEntry.value.namespace) ?? "default",
            origin: "kubeconfig \(contextFile) (context \"\(contextName)\")", contextName: contextName)
    }

    // MARK: - Cluster

    /// The TLS half of a cluster entry.
    struct ClusterTLS {
        var caPEM: [UInt8]?
        var insecure: Bool
        var serverName: String?
        var proxyURL: String?
        /// `extensions["client.authentication.k8s.io/exec"]`, handed to exec plugins.
        var execExtension: JSONValue?
    }

    private static func clusterTLS(_ entry: MergedKubeConfig.Entry<KubeConfigFile.Cluster>) throws -> ClusterTLS {
        let cluster = entry.value
        let owner = "cluster \"\(entry.name)\""
        let caFile = nonEmpty(cluster.certificateAuthority)
        let caData = nonEmpty(cluster.certificateAuthorityData)
        if caFile != nil, caData != nil {
            throw KubeConfigError.conflictingFields(
                first: "certificate-authority", second: "certificate-authority-data", owner: owner, file: entry.file)
        }
        var ca: [UInt8]?
        if let caData {
            ca = try pem(
                base64: caData, field: "certificate-authority-data", owner: owner, file: entry.file)
        } else if let caFile {
            ca = try pem(path: caFile, field: "certificate-authority", owner: owner, file: entry.file)
        }
        let insecure = cluster.insecureSkipTLSVerify ?? false
        if insecure, ca != nil {
            // client-go refuses this combination rather than silently ignoring the CA.
            throw KubeConfigError.conflictingFields(
                first: "insecure-skip-tls-verify",
                second: caData != nil ? "certificate-authority-data" : "certificate-authority", owner: owner,
                file: entry.file)
        }
        let execExtension = cluster.extensions?.first { $0.name == ExecClusterInfo.extensionName }?.extension
        return ClusterTLS(
            caPEM: ca, insecure: insecure, serverName: nonEmpty(cluster.tlsServerName),
            proxyURL: nonEmpty(cluster.proxyURL), execExtension: execExtension)
    }

    /// The server URL; a bare `host:port` gets `https://` when TLS material is
    /// configured and `http://` otherwise, as client-go's `DefaultServerURL`.
    private static func serverURL(
        _ entry: MergedKubeConfig.Entry<KubeConfigFile.Cluster>, defaultTLS: Bool
    ) throws -> URL {
        guard let raw = nonEmpty(entry.value.server?.trimmingCharacters(in: .whitespaces)) else {
            throw KubeConfigError.missingServer(cluster: entry.name, file: entry.file)
        }
        let invalid = KubeConfigError.invalidServerURL(cluster: entry.name, file: entry.file, server: redacted(raw))
        let text = raw.contains("://") ? raw : (defaultTLS ? "https://" : "http://") + raw
        guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil
        else { throw invalid }
        // A trailing slash would double up when API paths are appended.
        while components.path.hasSuffix("/") { components.path.removeLast() }
        guard let url = components.url else { throw invalid }
        return url
    }

    /// `raw` with any `user:password@` removed, for messages.
    private static func redacted(_ raw: String) -> String {
        guard let at = raw.lastIndex(of: "@") else { return raw }
        let start = raw.range(of: "://")?.upperBound ?? raw.startIndex
        guard start <= at else { return raw }
        return String(raw[..<start]) + "REDACTED" + String(raw[at...])
    }

    // MARK: - User

    private static func clientCertificateAndKey(
        _ entry: MergedKubeConfig.Entry<KubeConfigFile.User>
    ) throws -> ([UInt8]?, [UInt8]?) {
        let user = entry.value
        let owner = "user \"\(entry.name)\""
        let certFile = nonEmpty(user.clientCertificate)
        let certData = nonEmpty(user.clientCertificateData)
        let keyFile = nonEmpty(user.clientKey)
        let keyData = nonEmpty(user.clientKeyData)
        if certFile != nil, certData != nil {
            throw KubeConfigError.conflictingFields(
                first: "client-certificate", second: "client-certificate-data", owner: owner, file: entry.file)
        }
        if keyFile != nil, keyData != nil {
            throw KubeConfigError.conflictingFields(
                first: "client-key", second: "client-key-data", owner: owner, file: entry.file)
        }
        let hasCert = certFile != nil || certData != nil
        let hasKey = keyFile != nil || keyData != nil
        if hasCert, !hasKey { throw KubeConfigError.certificateWithoutKey(user: entry.name, file: entry.file) }
        if hasKey, !hasCert { throw KubeConfigError.keyWithoutCertificate(user: entry.name, file: entry.file) }
        guard hasCert else { return (nil, nil) }

        let cert: [UInt8]
        if let certData {
            cert = try pem(base64: certData, field: "client-certificate-data", owner: owner, file: entry.file)
        } else {
            cert = try pem(path: certFile ?? "", field: "client-certificate", owner: owner, file: entry.file)
        }
        let key: [UInt8]
        if let keyData {
            key = try pem(base64: keyData, field: "client-key-data", owner: owner, file: entry.file)
        } else {
            key = try pem(path: keyFile ?? "", field: "client-key", owner: owner, file: entry.file)
        }
        return (cert, key)
    }

    private static func credentialProvider(
        _ entry: MergedKubeConfig.Entry<KubeConfigFile.User>, cluster: ClusterTLS, server: String,
        environment: [String: String]
    ) throws -> (any CredentialProvider)? {
        let user = entry.value
        let staticToken = nonEmpty(user.token)
        // The exec section is validated even when a token takes precedence, so
        // a broken kubeconfig is reported before it matters.
        var plugin: ExecPlugin?
        if let exec = user.exec {
            plugin = try ExecPlugin(
                config: exec, user: entry.name, file: entry.file,
                cluster: ExecClusterInfo(
                    server: server.trimmingCharacters(in: .whitespaces), tlsServerName: cluster.serverName,
                    insecureSkipTLSVerify: cluster.insecure, certificateAuthorityData: cluster.caPEM,
                    proxyURL: cluster.proxyURL, config: cluster.execExtension))
        }
        if let tokenFile = nonEmpty(user.tokenFile) {
            // client-go reads the file at load time unless a static token is also
            // set, in which case the token is only the fallback for a failed read.
            if staticToken == nil, !FileManager.default.fileExists(atPath: tokenFile) {
                throw KubeConfigError.referencedFileMissing(
                    field: "tokenFile", path: tokenFile, owner: "user \"\(entry.name)\"", file: entry.file)
            }
            return FileTokenProvider(path: tokenFile, fallbackToken: staticToken)
        }
        if let staticToken { return StaticTokenProvider(token: staticToken) }
        if let plugin { return ExecCredentialProvider(plugin: plugin, environment: environment) }
        if let provider = user.authProvider {
            throw KubeConfigError.unsupportedAuthProvider(
                name: provider.name ?? "", user: entry.name, file: entry.file)
        }
        // username/password (basic auth) is deliberately not offered: the API
        // server removed it in 1.19. Such a user connects without credentials.
        return nil
    }

    // MARK: - PEM material

    /// Decodes a base64 `*-data` field and checks that it holds PEM.
    static func pem(base64: String, field: String, owner: String, file: String) throws -> [UInt8] {
        // Go's decoder skips line breaks; other whitespace is stripped as harmless too.
        let compact = base64.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else {
            throw KubeConfigError.invalidBase64(field: field, owner: owner, file: file)
        }
        let bytes = [UInt8](data)
        guard looksLikePEM(bytes) else { throw KubeConfigError.notPEM(field: field, owner: owner, file: file) }
        return bytes
    }

    /// Reads a referenced PEM file and checks that it holds PEM.
    static func pem(path: String, field: String, owner: String, file: String) throws -> [UInt8] {
        guard let data = try readIfExists(path) else {
            throw KubeConfigError.referencedFileMissing(field: field, path: path, owner: owner, file: file)
        }
        let bytes = [UInt8](data)
        guard looksLikePEM(bytes) else {
            throw KubeConfigError.notPEM(field: "\(field) (\(path))", owner: owner, file: file)
        }
        return bytes
    }

    /// Whether `bytes` contain a PEM `-----BEGIN` line. DER or a doubly
    /// base64-encoded value is the usual mistake this catches early.
    static func looksLikePEM(_ bytes: [UInt8]) -> Bool {
        let marker = Array("-----BEGIN ".utf8)
        guard bytes.count >= marker.count else { return false }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
            if Array(bytes[start..<(start + marker.count)]) == marker { return true }
        }
        return false
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
