import Foundation

// Printing a value (`print(connection)`, string interpolation in a log line)
// would otherwise show every stored property, tokens and keys included. These
// descriptions say which secrets are present without showing them.

extension ClusterConnection: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        var parts = ["server: \(server.absoluteString)", "namespace: \(namespace)"]
        if let contextName { parts.append("context: \(contextName)") }
        if !origin.isEmpty { parts.append("origin: \(origin)") }
        if certificateAuthorityPEM != nil { parts.append("custom CA") }
        if insecureSkipTLSVerify { parts.append("insecure-skip-tls-verify") }
        if let tlsServerName { parts.append("tls-server-name: \(tlsServerName)") }
        if clientCertificatePEM != nil { parts.append("client certificate") }
        if let credentials { parts.append("credentials: \(type(of: credentials))") }
        return "ClusterConnection(" + parts.joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }
}

extension StaticTokenProvider: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "StaticTokenProvider(token: <redacted>)" }
    public var debugDescription: String { description }
}

extension ExecCredential: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        var parts: [String] = []
        if token != nil { parts.append("token: <redacted>") }
        if clientCertificatePEM != nil { parts.append("client certificate and key: <redacted>") }
        if let expirationTimestamp { parts.append("expires: \(expirationTimestamp)") }
        return "ExecCredential(" + parts.joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }
}

extension KubeConfigFile.User: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        let fields: [(String, Bool)] = [
            ("client-certificate", clientCertificate != nil), ("client-certificate-data", clientCertificateData != nil),
            ("client-key", clientKey != nil), ("client-key-data", clientKeyData != nil), ("token", token != nil),
            ("tokenFile", tokenFile != nil), ("username", username != nil), ("password", password != nil),
            ("auth-provider", authProvider != nil), ("exec", exec != nil),
        ]
        return "User(set: " + fields.filter(\.1).map(\.0).joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }
}
