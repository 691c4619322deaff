import Foundation
import KubeClient
import KubeConfig
import KubeCore
import KubeTestServer
import Synchronization

/// A TestServer answering list and watch requests from scripts, in order: the n-th list
/// request gets the n-th list script, the n-th watch the n-th watch script. A watch with
/// no script left stays open until the client goes away.
final class ScriptedAPI: Sendable {
    typealias Script = @Sendable (TestRequest) -> TestResponse

    /// Scripts waiting for their request.
    final class ScriptQueue: Sendable {
        private let scripts = Mutex<[Script]>([])
        func append(_ s: @escaping Script) { scripts.withLock { $0.append(s) } }
        func popFirst() -> Script? { scripts.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
    }

    let server: TestServer
    private let lists: ScriptQueue
    private let watches: ScriptQueue

    init() async throws {
        let lists = ScriptQueue()
        let watches = ScriptQueue()
        server = try await TestServer.start { request in
            let isWatch = request.queryValue("watch") == "true"
            if let script = (isWatch ? watches : lists).popFirst() { return script(request) }
            if isWatch { return .stream { await $0.waitUntilClosed() } }
            return .status(code: 500, reason: .internalError, message: "no list script left")
        }
        self.lists = lists
        self.watches = watches
    }

    func onList(_ script: @escaping Script) { lists.append(script) }
    func onWatch(_ script: @escaping Script) { watches.append(script) }

    var connection: ClusterConnection {
        ClusterConnection(
            server: server.baseURL, certificateAuthorityPEM: Array(server.caPEM.utf8), namespace: "default",
            origin: "scripted server")
    }

    /// The list and watch requests received, as (isWatch, query).
    var calls: [(watch: Bool, query: [String: String])] {
        server.requests.filter { $0.path.hasSuffix("/configmaps") }.map { r in
            let q = Dictionary(r.query.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            return (q["watch"] == "true", q)
        }
    }

    func stop() async { await server.shutdown() }

    // MARK: Fixtures

    static func object(_ name: String, _ rv: Int, data: String = "") -> String {
        #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)","namespace":"default","resourceVersion":"\#(rv)","uid":"uid-\#(name)"},"data":{"v":"\#(data)"}}"#
    }

    static func event(_ type: String, _ name: String, _ rv: Int, data: String = "") -> String {
        #"{"type":"\#(type)","object":\#(object(name, rv, data: data))}"# + "\n"
    }

    static func bookmark(_ rv: Int) -> String {
        #"{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"\#(rv)"}}}"#
            + "\n"
    }

    static let gone =
        #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 5 (20)","reason":"Expired","code":410}}"#
        + "\n"

    static func list(_ items: [(String, Int)], rv: Int, continue token: String? = nil) -> TestResponse {
        let body = items.map { object($0.0, $0.1) }.joined(separator: ",")
        let meta =
            token.map { #"{"resourceVersion":"\#(rv)","continue":"\#($0)"}"# } ?? #"{"resourceVersion":"\#(rv)"}"#
        return TestResponse(
            status: .ok, headers: ["Content-Type": "application/json"],
            body: Array(#"{"apiVersion":"v1","kind":"ConfigMapList","metadata":\#(meta),"items":[\#(body)]}"#.utf8))
    }
}
