import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Resolves a ``ClusterConnection`` the way kubectl (client-go `clientcmd`)
/// and controller-runtime do.
///
/// Loading rules, in order:
/// 1. an explicit path (`--kubeconfig`) is the only file read and must exist;
/// 2. otherwise, when `KUBECONFIG` is set and non-empty, its `:`-separated
///    entries are read in order (empty entries and missing files are skipped)
///    and merged: the first file defining a cluster, context or user name wins
///    and `current-context` is the first non-empty value;
/// 3. otherwise `$HOME/.kube/config`, if it exists.
///
/// The environment is always passed in (defaulting to the process's) so that
/// tests and embedding programs control `KUBECONFIG`, `HOME` and `PATH`.
public enum KubeConfigLoader {
    /// Where Kubernetes mounts the pod's service account token, CA and namespace.
    public static let defaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The files the loading rules would consider, in precedence order,
    /// whether or not they exist. With an explicit path, only that path.
    public static func candidatePaths(
        kubeconfigPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String] {
        if let explicit = kubeconfigPath, !explicit.isEmpty { return [explicit] }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            // As client-go: split on ':', drop empty entries and repeats, keep order.
            var seen = Set<String>()
            return list.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
                .filter { seen.insert($0).inserted }
        }
        if let home = environment["HOME"], !home.isEmpty {
            return [(home as NSString).appendingPathComponent(".kube/config")]
        }
        return []
    }

    /// Reads and merges the kubeconfig files selected by the loading rules.
    ///
    /// Files that do not exist are skipped, except an explicit path, which must
    /// exist. When no file exists the result has no ``MergedKubeConfig/files``.
    /// Use this to list contexts (``MergedKubeConfig/contextSummaries``).
    public static func loadMerged(
        kubeconfigPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> MergedKubeConfig {
        let explicit = kubeconfigPath.flatMap { $0.isEmpty ? nil : $0 }
        var parsed: [(path: String, config: KubeConfigFile)] = []
        for path in candidatePaths(kubeconfigPath: explicit, environment: environment) {
            guard let data = try readIfExists(path) else {
                if explicit != nil { throw KubeConfigError.explicitFileMissing(path: path) }
                continue
            }
            parsed.append((path, try KubeConfigFile.parse(data, path: path)))
        }
        return MergedKubeConfig(files: parsed)
    }

    /// Loads the kubeconfig selected by the loading rules and resolves a context.
    ///
    /// - Parameters:
    ///   - kubeconfigPath: `--kubeconfig`; when set, `KUBECONFIG` and `~/.kube/config` are ignored.
    ///   - context: `--context`; defaults to the merged `current-context`.
    ///   - namespace: `--namespace`; defaults to the context's namespace, else `default`.
    ///   - environment: supplies `KUBECONFIG`, `HOME`, and the `PATH` and
    ///     inherited variables of exec plugins.
    public static func load(
        kubeconfigPath: String? = nil, context: String? = nil, namespace: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ClusterConnection {
        let merged = try loadMerged(kubeconfigPath: kubeconfigPath, environment: environment)
        if merged.files.isEmpty {
            throw KubeConfigError.noKubeconfig(
                searched: candidatePaths(kubeconfigPath: kubeconfigPath, environment: environment))
        }
        return try connection(from: merged, context: context, namespace: namespace, environment: environment)
    }

    /// Loads a kubeconfig when there is one, else the in-cluster configuration
    /// (like controller-runtime's `GetConfig`).
    ///
    /// An explicit path is always used (and must exist). Otherwise the
    /// `KUBECONFIG` files or `~/.kube/config` are used when at least one exists
    /// and defines anything; when none does and `KUBERNETES_SERVICE_HOST` is
    /// set (and no `--context` was asked for) the pod's service account is used.
    ///
    /// Unlike controller-runtime, an existing `~/.kube/config` is preferred over
    /// the in-cluster configuration; inside a pod it normally does not exist.
    public static func resolve(
        kubeconfigPath: String? = nil, context: String? = nil, namespace: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = defaultServiceAccountDirectory
    ) throws -> ClusterConnection {
        if let explicit = kubeconfigPath, !explicit.isEmpty {
            return try load(
                kubeconfigPath: explicit, context: context, namespace: namespace, environment: environment)
        }
        let merged = try loadMerged(environment: environment)
        if !merged.isEmpty {
            return try connection(from: merged, context: context, namespace: namespace, environment: environment)
        }
        let inPod = !(environment["KUBERNETES_SERVICE_HOST"] ?? "").isEmpty
        if inPod && (context ?? "").isEmpty {
            return try inCluster(
                namespace: namespace, environment: environment, serviceAccountDirectory: serviceAccountDirectory)
        }
        if !merged.files.isEmpty {
            // Files exist but define nothing: report it like kubectl does.
            return try connection(from: merged, context: context, namespace: namespace, environment: environment)
        }
        throw KubeConfigError.noKubeconfig(searched: candidatePaths(environment: environment))
    }

    // MARK: - Files

    /// The file's bytes, or `nil` when it does not exist.
    static func readIfExists(_ path: String) throws -> Data? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { throw KubeConfigError.unreadableFile(path: path, reason: "it is a directory") }
        return try read(path)
    }

    /// The file's bytes; errors name the path and the system's reason.
    static func read(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw KubeConfigError.unreadableFile(path: path, reason: systemReason(error))
        }
    }

    /// `Permission denied`, `No such file or directory`, …: the POSIX text when
    /// Foundation reports one, which is shorter and clearer than its own text.
    static func systemReason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileReadNoPermissionError: return "permission denied"
            case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file"
            default: break
            }
        }
        return "read failed"
    }
}
