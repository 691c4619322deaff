import Foundation
import KubeClient
import KubeConfig
import KubeControlPlane
import KubeCore
import KubeModels
import KubePKI
import KubeTestServer
import NIOHTTP1
import Synchronization
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The API server the end-to-end tests run against: the embedded control plane
/// (`KubeControlPlane`), in this process, in memory, on an ephemeral port, with its test hooks
/// on. Tests talk to it through ``connection`` as admin, count requests through
/// ``requests`` and change the store behind the API through ``cluster``.
final class E2EServer: Sendable {
    /// Every kind the end-to-end tests use.
    static let resources: [ResourceDescriptor] =
        FakeCluster.defaultResources + [Toy.resource, Lease.resource, EventsV1Event.resource, Event.resource]

    let cluster: E2ECluster
    let controlPlane: ControlPlane
    let port: Int
    /// Requests made before a ``pause()``.
    private let earlier = Mutex<[ControlPlaneTesting.RecordedRequest]>([])

    private init(controlPlane: ControlPlane, testing: ControlPlaneTesting) {
        self.controlPlane = controlPlane
        self.cluster = E2ECluster(testing: testing)
        self.port = controlPlane.port
    }

    /// Starts a control plane serving the built-in kinds and the Toy CRD. Built-in
    /// group-versions none of whose kinds are in `resources` are not served (as with
    /// kube-apiserver's `--runtime-config=GROUP/VERSION=false`).
    static func start(resources: [ResourceDescriptor] = E2EServer.resources) async throws -> E2EServer {
        let wanted = Set(resources.map(\.apiVersion))
        let unwanted = Set(E2EServer.resources.map(\.apiVersion)).subtracting(wanted)
        var configuration = ControlPlane.Configuration(bookmarkInterval: .seconds(5))
        configuration.disabledGroupVersions = unwanted
        configuration.enableTestHooks = true
        let controlPlane = try await ControlPlane.start(configuration)
        guard let testing = controlPlane.testing else {
            throw ControlPlaneError.testing("the control plane started without its test hooks")
        }
        if wanted.contains(Toy.resource.apiVersion) {
            try testing.seed(Toy.customResourceDefinition)
        }
        testing.resetRequests()
        return E2EServer(controlPlane: controlPlane, testing: testing)
    }

    /// A connection to the server as its admin, trusting its CA.
    var connection: ClusterConnection {
        ClusterConnection(
            server: controlPlane.baseURL, certificateAuthorityPEM: Array(controlPlane.caPEM.utf8),
            credentials: StaticTokenProvider(token: controlPlane.adminToken), namespace: "default",
            origin: "end-to-end test server")
    }

    /// A client of the server; `observer` sees every request it makes.
    func client(observer: (@Sendable (KubeClient.RequestRecord) -> Void)? = nil) throws -> KubeClient {
        try KubeClient(
            connection: connection,
            configuration: .init(
                retry: RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(20)), requestObserver: observer))
    }

    /// Stops serving, cutting every connection, and serves again on the same port with the
    /// same certificate authority and the same stored objects.
    func restart() async throws {
        await pause()
        try await resume()
    }

    /// Stops serving (every connection and watch is cut); the stored objects remain.
    func pause() async {
        let testing = cluster.testing
        earlier.withLock { $0 += testing.requests }
        testing.resetRequests()
        await testing.suspendServing()
    }

    /// Serves again after ``pause()``, on the same port with the same certificate authority.
    func resume() async throws {
        var lastError: (any Error)?
        for _ in 0..<50 {
            do {
                try await cluster.testing.resumeServing()
                return
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        throw lastError ?? TimeoutError(what: "the server to restart", timeout: .seconds(2))
    }

    /// Every request received, across restarts.
    var requests: [ControlPlaneTesting.RecordedRequest] {
        earlier.withLock { $0 } + cluster.testing.requests
    }

    /// The requests that change something (anything but GET).
    var writes: [ControlPlaneTesting.RecordedRequest] { requests.filter { $0.method != .GET } }

    func resetRequestLog() {
        earlier.withLock { $0.removeAll() }
        cluster.testing.resetRequests()
    }

    func stop() async {
        await controlPlane.shutdown()
    }
}

/// The store behind the API, through the control plane's test hooks: what the tests seed,
/// read back and remove without going through the API.
final class E2ECluster: Sendable {
    let testing: ControlPlaneTesting

    init(testing: ControlPlaneTesting) { self.testing = testing }

    /// What an injected failure answers.
    enum InjectedResponse {
        case status(code: Int, reason: StatusReason, message: String)
    }

    /// Stores `object` as `resource` (as a create would); failures fail the test.
    @discardableResult
    func seed(_ object: JSONValue, resource: ResourceDescriptor) async -> JSONValue {
        var o = object
        if o["apiVersion"] == nil { o["apiVersion"] = .string(resource.apiVersion) }
        if o["kind"] == nil { o["kind"] = .string(resource.kind) }
        do {
            return try testing.seed(o)
        } catch {
            XCTFail("\(error)")
            return o
        }
    }

    /// Every stored object of `resource`.
    func stored(_ resource: ResourceDescriptor) async -> [JSONValue] {
        testing.stored(apiVersion: resource.apiVersion, kind: resource.kind)
    }

    /// Deletes an object directly, ignoring finalizers; watchers see it.
    @discardableResult
    func remove(_ resource: ResourceDescriptor, namespace: String?, name: String) async -> Bool {
        testing.remove(apiVersion: resource.apiVersion, kind: resource.kind, namespace: namespace, name: name)
    }

    /// Forgets watch history up to now, so older resourceVersions get 410.
    func compactHistory() async {
        testing.compactWatchHistory()
    }

    /// Makes the next request whose path ends with `pathSuffix` get `response`.
    func injectFailure(pathSuffix: String, _ response: InjectedResponse) async {
        switch response {
        case .status(let code, let reason, let message):
            testing.failNextRequest(
                pathSuffix: pathSuffix, with: Status(message: message, reason: reason, code: code))
        }
    }
}

/// A toy custom resource: its controller keeps a ConfigMap with `spec.data`.
struct Toy: KubernetesObject, HasStatus, Hashable {
    static let resource = ResourceDescriptor(
        group: "toys.example.com", version: "v1", kind: "Toy", plural: "toys", namespaced: true)

    /// The CRD that serves Toys (with the status subresource their controller writes through).
    static let customResourceDefinition: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "toys.toys.example.com"],
        "spec": [
            "group": "toys.example.com", "scope": "Namespaced",
            "names": ["plural": "toys", "singular": "toy", "kind": "Toy", "listKind": "ToyList"],
            "versions": [
                [
                    "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                    "schema": [
                        "openAPIV3Schema": [
                            "type": "object",
                            "properties": [
                                "spec": [
                                    "type": "object",
                                    "properties": [
                                        "data": ["type": "object", "additionalProperties": ["type": "string"]]
                                    ],
                                ],
                                "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                            ],
                        ]
                    ],
                ]
            ],
        ],
    ]

    var apiVersion: String?
    var kind: String?
    var metadata: ObjectMeta
    var spec: ToySpec?
    var status: ToyStatus?

    init(name: String, namespace: String = "default", data: [String: String]) {
        apiVersion = Self.resource.apiVersion
        kind = Self.resource.kind
        metadata = ObjectMeta(name: name, namespace: namespace)
        spec = ToySpec(data: data)
    }
}

struct ToySpec: Codable, Sendable, Hashable {
    var data: [String: String]
}

struct ToyStatus: Codable, Sendable, Hashable {
    var observedGeneration: Int64?
    var conditions: [Condition]?
}

/// A plain HTTP GET (for the probe endpoint).
func httpGet(_ url: String) async throws -> (status: Int, body: String) {
    guard let u = URL(string: url) else { throw URLError(.badURL) }
    let (data, response) = try await URLSession.shared.data(from: u)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
}
