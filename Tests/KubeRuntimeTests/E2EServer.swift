import Foundation
import KubeClient
import KubeConfig
import KubeCore
import KubeModels
import KubePKI
import KubeTestServer
import NIOHTTP1
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The API server the end-to-end tests run against.
///
/// Today this is `FakeCluster` behind a `TestServer`. When the embedded control plane
/// (`KubeControlPlane`) is ready, only ``start(resources:)`` and ``restart()`` need to
/// change: the tests talk to the server through `connection`, count requests through
/// ``requests`` and seed objects through the client.
final class E2EServer: Sendable {
    /// Every kind the end-to-end tests use.
    static let resources: [ResourceDescriptor] =
        FakeCluster.defaultResources + [Toy.resource, Lease.resource, EventsV1Event.resource, Event.resource]

    let cluster: FakeCluster
    let certificateAuthority: CertificateAuthority
    let port: Int
    private let server: Mutex<TestServer>
    /// Requests made to servers replaced by ``restart()``.
    private let earlier = Mutex<[RecordedRequest]>([])

    private init(cluster: FakeCluster, server: TestServer) {
        self.cluster = cluster
        self.server = Mutex(server)
        self.certificateAuthority = server.certificateAuthority
        self.port = server.port
    }

    /// Starts a server serving `resources`.
    static func start(resources: [ResourceDescriptor] = E2EServer.resources) async throws -> E2EServer {
        let cluster = FakeCluster(resources: resources)
        let server = try await TestServer.start(handler: cluster.handler)
        return E2EServer(cluster: cluster, server: server)
    }

    /// A connection to the server, trusting its CA.
    var connection: ClusterConnection {
        let s = server.withLock { $0 }
        return ClusterConnection(
            server: s.baseURL, certificateAuthorityPEM: Array(s.caPEM.utf8), namespace: "default",
            origin: "end-to-end test server")
    }

    /// A client of the server; `observer` sees every request it makes.
    func client(observer: (@Sendable (KubeClient.RequestRecord) -> Void)? = nil) throws -> KubeClient {
        try KubeClient(
            connection: connection,
            configuration: .init(
                retry: RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(20)), requestObserver: observer))
    }

    /// Stops the server, cutting every connection, and starts it again on the same port
    /// with the same certificate authority and the same stored objects.
    func restart() async throws {
        await pause()
        try await resume()
    }

    /// Stops serving (every connection is cut); the stored objects remain.
    func pause() async {
        let old = server.withLock { $0 }
        earlier.withLock { $0 += old.requests }
        old.resetRequestLog()
        await old.shutdown()
    }

    /// Serves again after ``pause()``, on the same port with the same certificate authority.
    func resume() async throws {
        var configuration = TestServerConfiguration()
        configuration.certificateAuthority = certificateAuthority
        configuration.port = port
        var lastError: (any Error)?
        for _ in 0..<50 {
            do {
                let fresh = try await TestServer.start(configuration: configuration, handler: cluster.handler)
                server.withLock { $0 = fresh }
                return
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        throw lastError ?? TimeoutError(what: "the server to restart", timeout: .seconds(2))
    }

    /// Every request received, across restarts.
    var requests: [RecordedRequest] {
        earlier.withLock { $0 } + server.withLock { $0 }.requests
    }

    /// The requests that change something (anything but GET).
    var writes: [RecordedRequest] { requests.filter { $0.method != .GET } }

    func resetRequestLog() {
        earlier.withLock { $0.removeAll() }
        server.withLock { $0 }.resetRequestLog()
    }

    func stop() async {
        await server.withLock { $0 }.shutdown()
    }
}

/// A toy custom resource: its controller keeps a ConfigMap with `spec.data`.
struct Toy: KubernetesObject, HasStatus, Hashable {
    static let resource = ResourceDescriptor(
        group: "toys.example.com", version: "v1", kind: "Toy", plural: "toys", namespaced: true)

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
