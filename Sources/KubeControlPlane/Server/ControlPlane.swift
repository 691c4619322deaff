import Foundation
import KubeAPIMachinery
import KubeCore
import KubeHTTPServer
import KubePKI
import Logging
import NIOSSL

/// The embedded Kubernetes-compatible control plane: an HTTPS API server with
/// its own CA, a store (SQLite or memory), discovery, CRDs, watches, and the
/// lifecycle controllers deletion depends on. The real `kubectl`, Helm and the
/// Python client talk to it as to a cluster.
///
/// ```swift
/// let cp = try await ControlPlane.start(.init(dataDirectory: nil))   // in memory, ephemeral port
/// try cp.writeKubeconfig(to: "/tmp/kubeconfig")
/// …
/// await cp.shutdown()
/// ```
public final class ControlPlane: Sendable {
    /// How to run.
    public struct Configuration: Sendable {
        /// Where the CA, serving certificate, admin token and database live; `nil` keeps
        /// everything in memory (a fresh CA each start).
        public var dataDirectory: URL?
        public var host: String
        /// 0 picks a free port.
        public var port: Int
        /// Extra bearer tokens: token → (user, groups).
        public var tokens: [String: (user: String, groups: [String])]
        /// How often watches with `allowWatchBookmarks` get a BOOKMARK.
        public var bookmarkInterval: Duration
        /// How many changes the watch history keeps (older resourceVersions get 410).
        public var historyCapacity: Int
        /// Event-loop threads.
        public var threads: Int
        /// Whether workloads get simulated pods and status (off for tests that want a static server).
        public var simulateWorkloads: Bool
        /// How long simulated pods take to become Ready.
        public var podStartDelay: Duration
        /// Whether requests are authorized with RBAC (off: every authenticated request is allowed).
        public var rbac: Bool
        /// Group-versions of built-in kinds not to serve, as kube-apiserver's
        /// `--runtime-config=GROUP/VERSION=false` (e.g. `events.k8s.io/v1`).
        public var disabledGroupVersions: Set<String> = []
        /// Enables ``ControlPlane/testing`` (request recording, failure injection, direct store
        /// access) for end-to-end tests. Off by default; `astrolift dev` never sets it.
        public var enableTestHooks = false
        public var logger: Logger

        public init(
            dataDirectory: URL? = nil, host: String = "127.0.0.1", port: Int = 0,
            tokens: [String: (user: String, groups: [String])] = [:], bookmarkInterval: Duration = .seconds(60),
            historyCapacity: Int = 10_000, threads: Int = 2, simulateWorkloads: Bool = false,
            podStartDelay: Duration = .milliseconds(500), rbac: Bool = true,
            logger: Logger = Logger(label: "astrolift.controlplane")
        ) {
            self.rbac = rbac
            self.simulateWorkloads = simulateWorkloads
            self.podStartDelay = podStartDelay
            self.dataDirectory = dataDirectory
            self.host = host
            self.port = port
            self.tokens = tokens
            self.bookmarkInterval = bookmarkInterval
            self.historyCapacity = historyCapacity
            self.threads = threads
            self.logger = logger
        }
    }

    /// The port the API listens on.
    public let port: Int
    /// `https://HOST:PORT`.
    public let baseURL: URL
    /// The cluster CA certificate (PEM), for kubeconfigs and clients.
    public let caPEM: String
    /// The CA, for issuing client certificates.
    public let certificateAuthority: CertificateAuthority
    /// A bearer token of the `system:masters` admin.
    public let adminToken: String
    /// Test-only hooks; `nil` unless ``Configuration/enableTestHooks`` is set.
    public let testing: ControlPlaneTesting?
    private let serving: Serving
    private let api: APIServer
    private let lifecycle: LifecycleController
    private let simulator: WorkloadSimulator?

    private init(
        port: Int, baseURL: URL, certificateAuthority: CertificateAuthority, adminToken: String, serving: Serving,
        api: APIServer, lifecycle: LifecycleController, simulator: WorkloadSimulator?, testing: ControlPlaneTesting?
    ) {
        self.testing = testing
        self.simulator = simulator
        self.port = port
        self.baseURL = baseURL
        self.caPEM = certificateAuthority.certificatePEM
        self.certificateAuthority = certificateAuthority
        self.adminToken = adminToken
        self.serving = serving
        self.api = api
        self.lifecycle = lifecycle
    }

    /// events.k8s.io Events stored apart by earlier versions (before both Event versions
    /// shared one storage) move to the shared storage as core v1 Events.
    static func moveLegacyEvents(in store: ObjectStore) {
        let legacy = StorageConversion.legacyEventsStorageKey
        for object in store.list(legacy, namespace: nil).objects {
            guard let json = try? object.json() else { continue }
            let core = StorageConversion.events.toStorage(json, from: "events.k8s.io/v1")
            if store.get(StorageConversion.events.storageKey, key: object.key) == nil {
                _ = try? store.create(StorageConversion.events.storageKey, key: object.key, object: core)
            }
            _ = try? store.mutate(legacy, key: object.key) { _ in .delete }
        }
    }

    /// Starts the control plane and returns once it is serving.
    public static func start(_ configuration: Configuration = Configuration()) async throws -> ControlPlane {
        let logger = configuration.logger
        let request = ServingCertificateRequest(
            caCommonName: "astrolift-dev-ca", commonName: "astrolift-apiserver",
            dnsNames: ["localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"],
            ipAddresses: ["127.0.0.1", "::1"]
                + (configuration.host == "127.0.0.1" || configuration.host == "::1" || configuration.host == "localhost"
                    || configuration.host == "0.0.0.0" ? [] : [configuration.host]))
        let ca: CertificateAuthority
        let serving: IssuedCertificate
        let persistence: any Persistence
        let adminToken: String
        let signingKey: ServiceAccountSigningKey
        if let dir = configuration.dataDirectory {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let bundle = try PKIDirectory(url: dir.appendingPathComponent("pki")).loadOrCreate(request)
            ca = bundle.ca
            serving = bundle.serving
            persistence = try SQLitePersistence(path: dir.appendingPathComponent("state.db").path)
            adminToken = try Self.loadOrCreateToken(at: dir.appendingPathComponent("admin-token"))
            signingKey = try Self.loadOrCreateSigningKey(at: dir.appendingPathComponent("pki/service-account.key"))
        } else {
            ca = try CertificateAuthority.generate(commonName: request.caCommonName)
            serving = try ca.issueServerCertificate(
                commonName: request.commonName, dnsNames: request.dnsNames, ipAddresses: request.ipAddresses)
            persistence = MemoryPersistence()
            adminToken = Self.randomToken()
            signingKey = ServiceAccountSigningKey.generate()
        }
        let store = try ObjectStore(persistence: persistence, historyCapacity: configuration.historyCapacity)
        Self.moveLegacyEvents(in: store)
        let registry = ResourceRegistry(
            builtins: BuiltinResources.all.filter { !configuration.disabledGroupVersions.contains($0.groupVersion) })
        // Serve the CRDs that were stored before a restart.
        let patchEngine = PatchEngine()
        for crd in store.list("apiextensions.k8s.io/customresourcedefinitions", namespace: nil).objects {
            if let json = try? crd.json() {
                registry.install(crd: json)
                patchEngine.register(crd: json)
            }
        }
        var tokens: [String: RequestUser] = [
            adminToken: RequestUser(name: "admin", groups: ["system:masters", "system:authenticated"])
        ]
        for (token, who) in configuration.tokens {
            tokens[token] = RequestUser(name: who.user, groups: who.groups + ["system:authenticated"])
        }
        let lifecycle = LifecycleController(store: store, registry: registry, logger: logger)
        let rbac: RBACAuthorizer? = configuration.rbac ? RBACAuthorizer() : nil
        try Self.bootstrapRBAC(store: store, registry: registry, into: rbac)
        let issuer = ServiceAccountTokenIssuer(
            issuer: "https://kubernetes.default.svc.cluster.local", signingKey: signingKey)
        let serverAddress = "\(configuration.host):\(configuration.port)"
        let requestHooks = configuration.enableTestHooks ? RequestHooks() : nil
        let api = APIServer(
            store: store, registry: registry, tokens: tokens, rbac: rbac, tokenIssuer: issuer, logger: logger,
            serverAddress: serverAddress, bookmarkInterval: configuration.bookmarkInterval, lifecycle: lifecycle,
            patchEngine: patchEngine, requestHooks: requestHooks)
        lifecycle.onDeleted = { [weak api] resource, object in
            guard let api, let r = registry.all().first(where: { $0.storageKey == resource }) else { return }
            api.afterDelete(r, object)
        }
        try api.bootstrap()
        lifecycle.start()
        var simulator: WorkloadSimulator?
        if configuration.simulateWorkloads {
            simulator = WorkloadSimulator(
                store: store, registry: registry,
                settings: WorkloadSimulator.Settings(podStartDelay: configuration.podStartDelay), logger: logger)
            simulator?.start()
        }
        let tls = try Self.tlsContext(ca: ca, serving: serving)
        let listener = Serving(
            configuration: HTTPServer.Configuration(
                host: configuration.host, port: configuration.port, tls: tls, maxBodySize: 3 << 20,
                threads: configuration.threads)
        ) { request in
            await api.handle(request)
        }
        let testing = requestHooks.map { ControlPlaneTesting(api: api, hooks: $0, serving: listener) }
        let port = try await listener.start()
        var components = URLComponents()
        components.scheme = "https"
        components.host = configuration.host == "0.0.0.0" ? "127.0.0.1" : configuration.host
        components.port = port
        guard let baseURL = components.url else {
            await listener.stop()
            throw ControlPlaneError.startFailed("no URL for \(configuration.host):\(port)")
        }
        logger.info("control plane serving", metadata: ["url": "\(baseURL.absoluteString)"])
        return ControlPlane(
            port: port, baseURL: baseURL, certificateAuthority: ca, adminToken: adminToken, serving: listener,
            api: api, lifecycle: lifecycle, simulator: simulator, testing: testing)
    }

    /// Stops serving; in-flight watches end.
    public func shutdown() async {
        simulator?.stop()
        lifecycle.stop()
        api.store.hub.closeAll()
        await serving.stop()
        // Every write was committed when it was answered; a failed close only leaves the
        // database's lock to the process's exit.
        try? api.store.close()
    }

    /// A kubeconfig for the admin, as `astrolift dev` writes it.
    public func kubeconfig(context: String = "astrolift-dev") -> String {
        let ca = Data(caPEM.utf8).base64EncodedString()
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: \(context)
              cluster:
                server: \(baseURL.absoluteString)
                certificate-authority-data: \(ca)
            users:
            - name: \(context)-admin
              user:
                token: \(adminToken)
            contexts:
            - name: \(context)
              context:
                cluster: \(context)
                user: \(context)-admin
                namespace: default
            current-context: \(context)

            """
    }

    /// Writes ``kubeconfig(context:)`` to `path` with mode 0600 (it holds a token).
    public func writeKubeconfig(to path: String, context: String = "astrolift-dev") throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(kubeconfig(context: context).utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// Stores the roles and bindings a new cluster starts with, and feeds every stored
    /// role and binding to the authorizer.
    private static func bootstrapRBAC(store: ObjectStore, registry: ResourceRegistry, into rbac: RBACAuthorizer?) throws
    {
        for object in try BootstrapPolicy.objects() {
            guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue,
                let r = registry.lookup(apiVersion: apiVersion, kind: kind),
                let name = object[path: ["metadata", "name"]]?.stringValue,
                store.get(r.storageKey, key: name) == nil
            else { continue }
            var o = object
            ObjectPreparation.prepareCreate(&o, r, now: .now())
            try store.create(r.storageKey, key: name, object: o)
        }
        guard let rbac else { return }
        for plural in ["roles", "clusterroles", "rolebindings", "clusterrolebindings"] {
            for stored in store.list("rbac.authorization.k8s.io/\(plural)", namespace: nil).objects {
                if let json = try? stored.json() { _ = try? rbac.upsert(object: json) }
            }
        }
    }

    private static func loadOrCreateSigningKey(at url: URL) throws -> ServiceAccountSigningKey {
        if let pem = try? String(contentsOf: url, encoding: .utf8) {
            return try ServiceAccountSigningKey(pemRepresentation: pem)
        }
        let key = ServiceAccountSigningKey.generate()
        try Data(key.pemRepresentation.utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return key
    }

    private static func randomToken() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }

    private static func loadOrCreateToken(at url: URL) throws -> String {
        if let existing = try? String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
            !existing.isEmpty
        {
            return existing
        }
        let token = randomToken()
        try Data(token.utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return token
    }

    private static func tlsContext(ca: CertificateAuthority, serving: IssuedCertificate) throws -> NIOSSLContext {
        let certificate = try NIOSSLCertificate(bytes: Array(serving.certificatePEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(serving.privateKeyPEM.utf8), format: .pem)
        let caCertificate = try NIOSSLCertificate(bytes: Array(ca.certificatePEM.utf8), format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(certificate)], privateKey: .privateKey(key))
        tls.minimumTLSVersion = .tlsv12
        // Do not hold a closing connection open waiting for the client's close_notify.
        tls.shutdownTimeout = .milliseconds(100)
        // Client certificates from the cluster CA identify users; tokens work without one.
        tls.certificateVerification = .optionalVerification
        tls.trustRoots = .certificates([caCertificate])
        tls.applicationProtocols = ["http/1.1"]
        return try NIOSSLContext(configuration: tls)
    }
}

/// Failures starting the control plane.
public enum ControlPlaneError: Error, CustomStringConvertible {
    case startFailed(String)
    /// A ``ControlPlaneTesting`` operation failed.
    case testing(String)

    public var description: String {
        switch self {
        case .startFailed(let reason): return "the control plane could not start: \(reason)"
        case .testing(let reason): return "control plane test hook: \(reason)"
        }
    }
}
