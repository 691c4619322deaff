import AstroliftControllers
import Foundation
import KubeCore

/// The settings of `astrolift controller`, from flags, the environment (`ASTROLIFT_…`)
/// and a config file (`--config`), in that order of precedence: a flag beats the
/// environment, which beats the file, which beats the default.
struct ControllerSettings: Sendable, Equatable {
    var controller = ControllerConfiguration()
    var leaderElect = false
    var leaderElectionNamespace = "astrolift-system"
    var leaderElectionID = "astrolift-controller"
    var healthProbeBindAddress = ":8081"
    var metricsBindAddress = ":8080"
    var logFormat: String?
    var logLevel: String?

    /// The config file's shape: the flags' names in camelCase (see docs/operations.md).
    struct File: Codable, Sendable {
        var watchNamespaces: [String]?
        var maxConcurrentReconciles: Int?
        var ingressHostTemplate: String?
        var ingressClassName: String?
        var ingressControllerNamespace: String?
        var defaultStorageClass: String?
        var gatewayImage: String?
        var authProxyImage: String?
        var imagePullSecrets: [String]?
        var leaderElect: Bool?
        var leaderElectionNamespace: String?
        var leaderElectionID: String?
        var healthProbeBindAddress: String?
        var metricsBindAddress: String?
        var logFormat: String?
        var logLevel: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case watchNamespaces, maxConcurrentReconciles, ingressHostTemplate, ingressClassName
            case ingressControllerNamespace, defaultStorageClass, gatewayImage, authProxyImage, imagePullSecrets
            case leaderElect, leaderElectionNamespace, leaderElectionID, healthProbeBindAddress, metricsBindAddress
            case logFormat, logLevel
        }
    }

    /// One value per setting as the command line gives it (nil: not given).
    struct Flags: Sendable {
        var watchNamespaces: String?
        var maxConcurrentReconciles: Int?
        var ingressHostTemplate: String?
        var ingressClassName: String?
        var ingressControllerNamespace: String?
        var defaultStorageClass: String?
        var gatewayImage: String?
        var authProxyImage: String?
        var imagePullSecrets: String?
        var leaderElect: Bool?
        var leaderElectionNamespace: String?
        var leaderElectionID: String?
        var healthProbeBindAddress: String?
        var metricsBindAddress: String?
        var logFormat: String?
        var logLevel: String?
    }

    /// Resolves the settings. The error names the file, variable or flag that is wrong.
    static func resolve(flags: Flags, environment: [String: String], configFile: String?) throws -> ControllerSettings {
        var file = File()
        if let path = configFile {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw CLIError("--config \(path): cannot read the file (\(error.localizedDescription))")
            }
            // A misspelt key would silently do nothing: refuse it, naming the keys there are.
            if let keys = (try? YAMLDocuments.parseSingle(text))?.objectValue?.keys {
                let known = Set(File.CodingKeys.allCases.map(\.stringValue))
                if let unknown = keys.sorted().first(where: { !known.contains($0) }) {
                    throw CLIError(
                        "--config \(path): unknown key \"\(unknown)\"; the keys are \(known.sorted().joined(separator: ", "))"
                    )
                }
            }
            do {
                file = try YAMLDocuments.decodeSingle(File.self, from: text)
            } catch {
                throw CLIError(
                    "--config \(path): not a controller config file (\(error)); keys are the flags' names in camelCase, e.g. ingressHostTemplate"
                )
            }
        }
        func env(_ name: String) -> String? {
            environment["ASTROLIFT_\(name)"].flatMap { $0.isEmpty ? nil : $0 }
        }
        func list(_ text: String?) -> [String]? {
            text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        }
        func int(_ variable: String) throws -> Int? {
            guard let text = env(variable) else { return nil }
            guard let value = Int(text) else { throw CLIError("ASTROLIFT_\(variable)=\(text): not a whole number") }
            return value
        }
        func bool(_ variable: String) throws -> Bool? {
            guard let text = env(variable) else { return nil }
            switch text.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: throw CLIError("ASTROLIFT_\(variable)=\(text): use true or false")
            }
        }

        var s = ControllerSettings()
        var c = s.controller
        c.watchNamespaces = list(flags.watchNamespaces) ?? list(env("WATCH_NAMESPACES")) ?? file.watchNamespaces ?? []
        c.maxConcurrentReconciles =
            try flags.maxConcurrentReconciles ?? int("MAX_CONCURRENT_RECONCILES") ?? file.maxConcurrentReconciles
            ?? c.maxConcurrentReconciles
        c.ingressHostTemplate =
            flags.ingressHostTemplate ?? env("INGRESS_HOST_TEMPLATE") ?? file.ingressHostTemplate
        if c.ingressHostTemplate?.isEmpty ?? false { c.ingressHostTemplate = nil }
        c.ingressClassName = flags.ingressClassName ?? env("INGRESS_CLASS_NAME") ?? file.ingressClassName
        if c.ingressClassName?.isEmpty ?? false { c.ingressClassName = nil }
        c.ingressControllerNamespace =
            flags.ingressControllerNamespace ?? env("INGRESS_CONTROLLER_NAMESPACE") ?? file.ingressControllerNamespace
            ?? c.ingressControllerNamespace
        c.defaultStorageClass = flags.defaultStorageClass ?? env("DEFAULT_STORAGE_CLASS") ?? file.defaultStorageClass
        if c.defaultStorageClass?.isEmpty ?? false { c.defaultStorageClass = nil }
        c.gatewayImage = flags.gatewayImage ?? env("GATEWAY_IMAGE") ?? file.gatewayImage ?? c.gatewayImage
        c.authProxyImage = flags.authProxyImage ?? env("AUTH_PROXY_IMAGE") ?? file.authProxyImage ?? c.authProxyImage
        c.imagePullSecrets =
            list(flags.imagePullSecrets) ?? list(env("IMAGE_PULL_SECRETS")) ?? file.imagePullSecrets ?? []
        // The pod's namespace (downward API) unless set: ClusterKeyProviders read Secrets there.
        c.controllerNamespace =
            env("CONTROLLER_NAMESPACE") ?? environment["POD_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? c.controllerNamespace
        c.controllerServiceAccount = env("CONTROLLER_SERVICE_ACCOUNT") ?? c.controllerServiceAccount
        do {
            try c.validate()
        } catch {
            throw CLIError(error.description)
        }
        s.controller = c
        s.leaderElect = try flags.leaderElect ?? bool("LEADER_ELECT") ?? file.leaderElect ?? false
        s.leaderElectionNamespace =
            flags.leaderElectionNamespace ?? env("LEADER_ELECTION_NAMESPACE") ?? file.leaderElectionNamespace
            ?? environment["POD_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? s.leaderElectionNamespace
        s.leaderElectionID =
            flags.leaderElectionID ?? env("LEADER_ELECTION_ID") ?? file.leaderElectionID ?? s.leaderElectionID
        s.healthProbeBindAddress =
            flags.healthProbeBindAddress ?? env("HEALTH_PROBE_BIND_ADDRESS") ?? file.healthProbeBindAddress
            ?? s.healthProbeBindAddress
        s.metricsBindAddress =
            flags.metricsBindAddress ?? env("METRICS_BIND_ADDRESS") ?? file.metricsBindAddress ?? s.metricsBindAddress
        s.logFormat = flags.logFormat ?? file.logFormat
        s.logLevel = flags.logLevel ?? file.logLevel
        _ = try bindAddress(s.healthProbeBindAddress, flag: "health-probe-bind-address")
        _ = try bindAddress(s.metricsBindAddress, flag: "metrics-bind-address")
        return s
    }

    /// Parses controller-runtime's bind address forms: `:8080`, `host:port`, `0` (off).
    static func bindAddress(_ text: String, flag: String) throws -> (host: String, port: Int)? {
        if text == "0" || text.isEmpty { return nil }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else {
            throw CLIError("--\(flag) \(text): use host:port or :port (e.g. :8080), or 0 to turn it off")
        }
        let host = String(text[..<colon])
        return (host.isEmpty ? "0.0.0.0" : host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port)
    }
}
