import Foundation

/// Several kubeconfig files merged the way kubectl merges `KUBECONFIG`:
/// for named clusters, contexts and users the first file that defines a name
/// wins, and `current-context` is the first non-empty value.
///
/// Relative paths inside each entry (`certificate-authority`,
/// `client-certificate`, `client-key`, `tokenFile`, and an exec `command`
/// containing a `/`) are already resolved against the directory of the file
/// that defined the entry, and every entry remembers that file for messages.
public struct MergedKubeConfig: Sendable, Equatable {
    /// A named entry and the file it came from.
    public struct Entry<Value: Sendable & Equatable>: Sendable, Equatable {
        public var name: String
        public var value: Value
        /// Absolute path of the file that defined this entry.
        public var file: String
    }

    /// One row of `kubectl config get-contexts`.
    public struct ContextSummary: Sendable, Equatable {
        public var name: String
        public var cluster: String
        public var user: String
        public var namespace: String?
        public var isCurrent: Bool
        public var file: String
    }

    /// The files that were read, in precedence order (absolute paths).
    public var files: [String]
    /// The merged `current-context`; `nil` when no file sets a non-empty one.
    public var currentContext: String?
    public var clusters: [String: Entry<KubeConfigFile.Cluster>]
    public var contexts: [String: Entry<KubeConfigFile.Context>]
    public var users: [String: Entry<KubeConfigFile.User>]

    /// Merges already parsed files given in precedence order. Paths are made
    /// absolute against the current directory, like client-go does.
    public init(files: [(path: String, config: KubeConfigFile)]) {
        self.files = []
        self.currentContext = nil
        self.clusters = [:]
        self.contexts = [:]
        self.users = [:]
        for (rawPath, config) in files {
            let path = Self.absolute(rawPath, base: FileManager.default.currentDirectoryPath)
            let directory = (path as NSString).deletingLastPathComponent
            self.files.append(path)
            if currentContext == nil, let cc = config.currentContext, !cc.isEmpty {
                currentContext = cc
            }
            // Within one file a repeated name replaces the earlier entry (client-go
            // converts the list into a map in order); across files the first wins.
            var fileClusters: [String: Entry<KubeConfigFile.Cluster>] = [:]
            for named in config.clusters {
                var cluster = named.cluster
                cluster.certificateAuthority = Self.resolve(cluster.certificateAuthority, in: directory)
                fileClusters[named.name] = Entry(name: named.name, value: cluster, file: path)
            }
            var fileUsers: [String: Entry<KubeConfigFile.User>] = [:]
            for named in config.users {
                var user = named.user
                user.clientCertificate = Self.resolve(user.clientCertificate, in: directory)
                user.clientKey = Self.resolve(user.clientKey, in: directory)
                user.tokenFile = Self.resolve(user.tokenFile, in: directory)
                // A bare command name is looked up on PATH; only paths are file-relative.
                if let command = user.exec?.command, command.contains("/") {
                    user.exec?.command = Self.resolve(command, in: directory)
                }
                fileUsers[named.name] = Entry(name: named.name, value: user, file: path)
            }
            var fileContexts: [String: Entry<KubeConfigFile.Context>] = [:]
            for named in config.contexts {
                fileContexts[named.name] = Entry(name: named.name, value: named.context, file: path)
            }
            clusters.merge(fileClusters) { first, _ in first }
            users.merge(fileUsers) { first, _ in first }
            contexts.merge(fileContexts) { first, _ in first }
        }
    }

    /// The context names, sorted as `kubectl config get-contexts` lists them.
    public var contextNames: [String] { contexts.keys.sorted() }

    /// The contexts with their cluster, user and namespace, sorted by name.
    public var contextSummaries: [ContextSummary] {
        contextNames.compactMap { name in
            guard let entry = contexts[name] else { return nil }
            return ContextSummary(
                name: name, cluster: entry.value.cluster ?? "", user: entry.value.user ?? "",
                namespace: entry.value.namespace, isCurrent: name == currentContext, file: entry.file)
        }
    }

    /// Whether nothing usable was loaded (no entries and no current context);
    /// such a config falls back to in-cluster configuration.
    public var isEmpty: Bool {
        clusters.isEmpty && contexts.isEmpty && users.isEmpty && currentContext == nil
    }

    /// `path` made absolute against `base`; empty and absolute paths are unchanged.
    static func resolve(_ path: String?, in base: String) -> String? {
        guard let path, !path.isEmpty else { return path }
        return absolute(path, base: base)
    }

    /// `path` made absolute against `base`, with `.` and `..` folded lexically
    /// (like Go's `filepath.Join`); symlinks are deliberately not resolved.
    static func absolute(_ path: String, base: String) -> String {
        if path.hasPrefix("/") { return path }
        var parts: [Substring] = []
        for component in (base + "/" + path).split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(component)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
