import Foundation

/// Why a cluster connection could not be resolved or a credential obtained.
///
/// Every ``description`` is one line that names the file, the field or
/// context involved and what to do next. Messages never contain a token,
/// key, password or plugin output that may carry one: callers print them.
public enum KubeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file given with `--kubeconfig` does not exist.
    case explicitFileMissing(path: String)
    /// A kubeconfig (or a file it references) exists but cannot be read.
    case unreadableFile(path: String, reason: String)
    /// A kubeconfig is not valid YAML/JSON or has fields of the wrong type.
    /// `reason` carries positions and field paths only, never the file's text.
    case malformedFile(path: String, reason: String)
    /// No kubeconfig file was found in any of the `searched` locations.
    case noKubeconfig(searched: [String])
    /// No `--context` was given and the merged kubeconfig has no `current-context`.
    case noCurrentContext(files: [String], known: [String])
    /// The requested context is not defined in any loaded file.
    case unknownContext(name: String, files: [String], known: [String])
    /// A context has no `cluster` field.
    case contextWithoutCluster(context: String, file: String)
    /// A context names a cluster that no loaded file defines.
    case clusterNotFound(cluster: String, context: String, file: String)
    /// A context names a user that no loaded file defines.
    case userNotFound(user: String, context: String, file: String)
    /// A cluster has no `server`.
    case missingServer(cluster: String, file: String)
    /// A cluster's `server` is not an http(s) URL. `server` has any user-info redacted.
    case invalidServerURL(cluster: String, file: String, server: String)
    /// A `*-data` field is not valid base64.
    case invalidBase64(field: String, owner: String, file: String)
    /// A file referenced by a field (`certificate-authority`, `client-key`, `tokenFile`, …) is missing.
    case referencedFileMissing(field: String, path: String, owner: String, file: String)
    /// A certificate or key (from a file or a `*-data` field) has no `-----BEGIN` line.
    case notPEM(field: String, owner: String, file: String)
    /// A user has a client certificate but no key.
    case certificateWithoutKey(user: String, file: String)
    /// A user has a client key but no certificate.
    case keyWithoutCertificate(user: String, file: String)
    /// Two fields that exclude each other are both set (e.g. `client-key` and `client-key-data`).
    case conflictingFields(first: String, second: String, owner: String, file: String)
    /// A user relies on a legacy `auth-provider`, which this client does not implement.
    case unsupportedAuthProvider(name: String, user: String, file: String)
    /// A user's `exec` section is incomplete or uses an unknown API version.
    case invalidExecConfig(user: String, file: String, reason: String)
    /// The exec plugin's command was not found (on `PATH` when it has no `/`).
    case execPluginNotFound(command: String, user: String, installHint: String?)
    /// The exec plugin could not be started.
    case execPluginLaunchFailed(command: String, user: String, reason: String)
    /// The exec plugin exited with a non-zero status (or was killed by a signal).
    case execPluginFailed(command: String, user: String, status: Int32, stderrFirstLine: String)
    /// The exec plugin did not finish in time and was killed.
    case execPluginTimedOut(command: String, user: String, seconds: Double)
    /// The exec plugin's output is not a usable ExecCredential.
    case execInvalidOutput(command: String, user: String, reason: String)
    /// The exec plugin demands an interactive terminal (`interactiveMode: Always`).
    case execRequiresInteractive(command: String, user: String)
    /// A token file exists but is empty (after trimming whitespace).
    case emptyTokenFile(path: String)
    /// A token file that was readable before has disappeared, and no token was cached.
    case tokenFileMissing(path: String)
    /// `KUBERNETES_SERVICE_HOST` or `KUBERNETES_SERVICE_PORT` is not set.
    case notInCluster
    /// A service-account file (`token`, `ca.crt`) is missing in the pod.
    case inClusterFileMissing(path: String, what: String)

    public var description: String {
        switch self {
        case .explicitFileMissing(let path):
            return "kubeconfig \(path) given with --kubeconfig does not exist: check the path"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason): check the file's permissions"
        case .malformedFile(let path, let reason):
            return "kubeconfig \(path) is not a valid kubeconfig: \(reason): fix the file"
        case .noKubeconfig(let searched):
            let looked = searched.isEmpty ? "HOME is not set" : "looked in " + searched.joined(separator: ", ")
            return
                "no kubeconfig found (\(looked)): set KUBECONFIG or pass --kubeconfig "
                + "(inside a pod, KUBERNETES_SERVICE_HOST selects the service account)"
        case .noCurrentContext(let files, let known):
            return
                "kubeconfig \(Self.list(files)) has no current-context: pass --context "
                + "(known contexts: \(Self.list(known)))"
        case .unknownContext(let name, let files, let known):
            return
                "context \"\(name)\" is not defined in kubeconfig \(Self.list(files)): "
                + "use one of the known contexts: \(Self.list(known))"
        case .contextWithoutCluster(let context, let file):
            return "context \"\(context)\" in \(file) names no cluster: set its cluster field"
        case .clusterNotFound(let cluster, let context, let file):
            return
                "context \"\(context)\" in \(file) uses cluster \"\(cluster)\", which no kubeconfig file defines: "
                + "add the cluster or fix the context"
        case .userNotFound(let user, let context, let file):
            return
                "context \"\(context)\" in \(file) uses user \"\(user)\", which no kubeconfig file defines: "
                + "add the user or fix the context"
        case .missingServer(let cluster, let file):
            return "cluster \"\(cluster)\" in \(file) has no server: set its server field (e.g. https://host:6443)"
        case .invalidServerURL(let cluster, let file, let server):
            return
                "cluster \"\(cluster)\" in \(file) has an invalid server \"\(server)\": "
                + "use an http(s) URL such as https://host:6443"
        case .invalidBase64(let field, let owner, let file):
            return "\(field) of \(owner) in \(file) is not valid base64: re-encode it with `base64 -w0`"
        case .referencedFileMissing(let field, let path, let owner, let file):
            return "\(field) of \(owner) in \(file) points to \(path), which does not exist: fix the path"
        case .notPEM(let field, let owner, let file):
            return
                "\(field) of \(owner) in \(file) is not PEM (no -----BEGIN line): "
                + "use a PEM certificate or key (base64-encode the whole PEM for *-data fields)"
        case .certificateWithoutKey(let user, let file):
            return "user \"\(user)\" in \(file) has a client certificate but no key: set client-key or client-key-data"
        case .keyWithoutCertificate(let user, let file):
            return
                "user \"\(user)\" in \(file) has a client key but no certificate: "
                + "set client-certificate or client-certificate-data"
        case .conflictingFields(let first, let second, let owner, let file):
            return "\(owner) in \(file) sets both \(first) and \(second): remove one of them"
        case .unsupportedAuthProvider(let name, let user, let file):
            return
                "user \"\(user)\" in \(file) uses auth-provider \"\(name)\", which is not supported: "
                + "switch the user to an exec credential plugin (e.g. kubelogin)"
        case .invalidExecConfig(let user, let file, let reason):
            return "exec section of user \"\(user)\" in \(file) is invalid: \(reason)"
        case .execPluginNotFound(let command, let user, let hint):
            var s = "exec plugin \"\(command)\" for user \"\(user)\" was not found"
            s += command.contains("/") ? "" : " on PATH"
            if let hint = hint.map(Self.oneLine), !hint.isEmpty {
                s += ": \(hint)"
            } else {
                s += ": install it or fix the user's exec command"
            }
            return s
        case .execPluginLaunchFailed(let command, let user, let reason):
            return
                "exec plugin \"\(command)\" for user \"\(user)\" could not be started: \(reason): "
                + "check that it is an executable file"
        case .execPluginFailed(let command, let user, let status, let stderr):
            var s = "exec plugin \"\(command)\" for user \"\(user)\" failed with exit status \(status)"
            s += stderr.isEmpty ? " and no error output" : ": \(stderr)"
            return s + " (run it by hand to investigate)"
        case .execPluginTimedOut(let command, let user, let seconds):
            return
                "exec plugin \"\(command)\" for user \"\(user)\" did not finish within \(Self.seconds(seconds)) and was killed: "
                + "check that it can run without a terminal"
        case .execInvalidOutput(let command, let user, let reason):
            return
                "exec plugin \"\(command)\" for user \"\(user)\" did not print a valid ExecCredential: \(reason): "
                + "check the plugin's version and configuration"
        case .execRequiresInteractive(let command, let user):
            return
                "exec plugin \"\(command)\" for user \"\(user)\" has interactiveMode Always but this program runs "
                + "without a terminal: set interactiveMode to IfAvailable or Never, or log in with the plugin first"
        case .emptyTokenFile(let path):
            return "token file \(path) is empty: write a bearer token into it"
        case .tokenFileMissing(let path):
            return "token file \(path) does not exist: check the path (or the pod's projected token volume)"
        case .notInCluster:
            return
                "not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set; "
                + "outside a pod use a kubeconfig"
        case .inClusterFileMissing(let path, let what):
            return
                "in-cluster \(what) \(path) does not exist: mount a service account token "
                + "(automountServiceAccountToken must not be false)"
        }
    }

    /// `a, b, c`, or `none` for an empty list.
    private static func list(_ items: [String]) -> String {
        items.isEmpty ? "none" : items.joined(separator: ", ")
    }

    /// Folds a multi-line text (an `installHint`) into one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
