import Foundation

extension KubeConfigLoader {
    /// The connection of a pod to its own cluster, as client-go's `InClusterConfig`.
    ///
    /// - The server is `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`
    ///   (an IPv6 host is bracketed); both variables must be set.
    /// - The bearer token is `<dir>/token`, re-read every `tokenRefreshInterval`
    ///   seconds because projected tokens rotate (see ``FileTokenProvider``).
    /// - The CA is `<dir>/ca.crt`. client-go only logs a missing CA and falls
    ///   back to the system roots, which can never verify the cluster's own CA;
    ///   here it is an error that names the file.
    /// - The namespace is the override, else `POD_NAMESPACE`, else
    ///   `<dir>/namespace`, else `default` (as kubectl inside a pod).
    public static func inCluster(
        namespace: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = defaultServiceAccountDirectory, tokenRefreshInterval: TimeInterval = 60
    ) throws -> ClusterConnection {
        guard let host = nonEmpty(environment["KUBERNETES_SERVICE_HOST"]),
            let port = nonEmpty(environment["KUBERNETES_SERVICE_PORT"])
        else { throw KubeConfigError.notInCluster }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let text = "https://\(bracketed):\(port)"
        guard let components = URLComponents(string: text), components.host != nil, let server = components.url
        else {
            throw KubeConfigError.invalidServerURL(
                cluster: "in-cluster", file: "KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT", server: text)
        }

        let directory = serviceAccountDirectory
        let tokenPath = (directory as NSString).appendingPathComponent("token")
        let caPath = (directory as NSString).appendingPathComponent("ca.crt")
        let namespacePath = (directory as NSString).appendingPathComponent("namespace")

        // Read the token once now so that a missing or empty token fails here,
        // at startup, rather than on the first request.
        guard FileManager.default.fileExists(atPath: tokenPath) else {
            throw KubeConfigError.inClusterFileMissing(path: tokenPath, what: "service account token")
        }
        _ = try FileTokenProvider.readToken(at: tokenPath)

        guard let caData = try readIfExists(caPath) else {
            throw KubeConfigError.inClusterFileMissing(path: caPath, what: "cluster CA certificate")
        }
        let ca = [UInt8](caData)
        guard looksLikePEM(ca) else {
            throw KubeConfigError.notPEM(field: "ca.crt", owner: "the service account", file: caPath)
        }

        var resolvedNamespace = nonEmpty(namespace) ?? nonEmpty(environment["POD_NAMESPACE"])
        if resolvedNamespace == nil, let data = try readIfExists(namespacePath) {
            resolvedNamespace = nonEmpty(
                String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }

        return ClusterConnection(
            server: server, certificateAuthorityPEM: ca,
            credentials: FileTokenProvider(path: tokenPath, refreshInterval: tokenRefreshInterval),
            namespace: resolvedNamespace ?? "default", origin: "in-cluster", contextName: nil)
    }
}
