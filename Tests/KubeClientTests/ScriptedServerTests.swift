import Foundation
import KubeClient
import KubeConfig
import KubeCore
import KubeTestServer
import XCTest

/// Client behaviour that needs a server misbehaving on purpose: watches cut
/// mid-object, throttling, TLS mismatches.
final class ScriptedServerTests: XCTestCase {
    private static func event(_ type: String, _ name: String, _ rv: Int, padding: Int = 0) -> String {
        let pad = String(repeating: "p", count: padding)
        return
            #"{"type":"\#(type)","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)","namespace":"default","resourceVersion":"\#(rv)"},"data":{"pad":"\#(pad)"}}}"#
            + "\n"
    }

    private func connection(_ server: TestServer) -> ClusterConnection {
        ClusterConnection(
            server: server.baseURL, certificateAuthorityPEM: Array(server.caPEM.utf8), namespace: "default",
            origin: "test connection")
    }

    func testWatchCutMidObjectIsReportedAndResumesFromTheLastVersion() async throws {
        let first = Self.event("ADDED", "a", 11) + Self.event("MODIFIED", "a", 12, padding: 20_000)
        let third = Self.event("ADDED", "b", 13)
        let server = try await TestServer.start { request in
            let rv = request.queryValue("resourceVersion")
            if rv == "10" {
                return .stream { writer in
                    // Two events in one chunk, then half an object and a dropped connection.
                    try await writer.write(first)
                    try await writer.write(String(third.prefix(40)))
                    try await Task.sleep(for: .milliseconds(50))
                    await writer.abort()
                }
            }
            return .stream { writer in
                // The resumed watch: the rest, split across chunks.
                let rest = third + Self.event("DELETED", "a", 14)
                try await writer.write(String(rest.prefix(17)))
                try await writer.write(String(rest.dropFirst(17)))
            }
        }
        try await withClient(connection(server)) { client in
            let api = client.dynamicApi(ClusterFixture.configMaps, namespace: "default")
            var seen: [String] = []
            var lastVersion = "10"
            do {
                for try await e in api.watch(WatchOptions(resourceVersion: lastVersion)) {
                    seen.append("\(e.type) \(e.object?.name ?? "")")
                    lastVersion = e.object?.resourceVersion ?? lastVersion
                }
                XCTFail("the cut should surface as an error")
            } catch let e as KubeClientError {
                XCTAssertEqual(e.kind, .connection)
            }
            XCTAssertEqual(seen, ["ADDED a", "MODIFIED a"])
            XCTAssertEqual(lastVersion, "12")
            for try await e in api.watch(WatchOptions(resourceVersion: lastVersion)) {
                seen.append("\(e.type) \(e.object?.name ?? "")")
            }
            XCTAssertEqual(seen, ["ADDED a", "MODIFIED a", "ADDED b", "DELETED a"])
            let resumed = server.requests.last { $0.path.hasSuffix("/configmaps") }
            XCTAssertEqual(resumed?.query.first { $0.name == "resourceVersion" }?.value, "12")
            XCTAssertEqual(resumed?.query.first { $0.name == "allowWatchBookmarks" }?.value, "true")
        }
        await server.shutdown()
    }

    func testThrottlingIsRetriedHonouringRetryAfterButNonIdempotentWritesAreNot() async throws {
        let attempts = Counter()
        let server = try await TestServer.start { request in
            let n = attempts.increment(request.path + request.method.rawValue)
            if request.path == "/version", n <= 2 {
                return TestResponse(
                    status: .tooManyRequests, headers: ["Retry-After": "0", "Content-Type": "application/json"],
                    body: Array(
                        #"{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"TooManyRequests","code":429,"message":"slow down"}"#
                            .utf8))
            }
            if request.method == .POST {
                return .status(code: 503, reason: .serviceUnavailable, message: "etcd is down")
            }
            return .json(VersionInfo(major: "1", minor: "33", gitVersion: "v1.33.0"))
        }
        try await withClient(connection(server)) { client in
            let v = try await client.serverVersion()
            XCTAssertEqual(v.gitVersion, "v1.33.0")
            XCTAssertEqual(server.requestCount(path: "/version"), 3)
            do {
                _ = try await client.dynamicApi(ClusterFixture.configMaps, namespace: "default").create(
                    DynamicObject(configMap("x")))
                XCTFail("expected 503")
            } catch let e as KubeAPIError {
                XCTAssertEqual(e.code, 503)
            }
            XCTAssertEqual(
                server.requestCount(path: "/api/v1/namespaces/default/configmaps"), 1, "a create was sent twice")
        }
        await server.shutdown()
    }

    func testUntrustedServerAndNameMismatchGiveClearTLSErrors() async throws {
        let server = try await TestServer.start { _ in
            .json(VersionInfo(major: "1", minor: "33", gitVersion: "v1.33.0"))
        }
        // No CA: the system store does not trust the test CA.
        let untrusted = ClusterConnection(server: server.baseURL, namespace: "default", origin: "kubeconfig test")
        do {
            try await withClient(untrusted, configuration: .init(retry: .none)) { _ = try await $0.serverVersion() }
            XCTFail("expected a TLS failure")
        } catch let e as KubeClientError {
            XCTAssertEqual(e.kind, .tls, e.message)
            XCTAssertTrue(e.message.contains("127.0.0.1:\(server.port)"), e.message)
            XCTAssertTrue(e.message.contains("certificate-authority"), e.message)
        }
        await server.shutdown()
    }

    func testServerNameVerificationAndTLSServerName() async throws {
        // A serving certificate for `localhost` only, while the URL says 127.0.0.1.
        var config = TestServerConfiguration()
        config.ipAddresses = []
        let server = try await TestServer.start(configuration: config) { _ in
            .json(VersionInfo(major: "1", minor: "33", gitVersion: "v1.33.0"))
        }
        do {
            try await withClient(connection(server), configuration: .init(retry: .none)) {
                _ = try await $0.serverVersion()
            }
            XCTFail("expected a name mismatch")
        } catch let e as KubeClientError {
            XCTAssertEqual(e.kind, .tls, e.message)
            XCTAssertTrue(e.message.contains("tls-server-name"), e.message)
        }
        var wrongName = connection(server)
        wrongName.tlsServerName = "api.example.com"
        do {
            try await withClient(wrongName, configuration: .init(retry: .none)) { _ = try await $0.serverVersion() }
            XCTFail("expected a name mismatch")
        } catch let e as KubeClientError {
            XCTAssertEqual(e.kind, .tls, e.message)
        }
        // tls-server-name naming the certificate's name works while connecting to the IP.
        var named = connection(server)
        named.tlsServerName = "localhost"
        try await withClient(named) { _ = try await $0.serverVersion() }
        await server.shutdown()
    }

    func testInsecureSkipVerifyAcceptsAnUntrustedServer() async throws {
        let server = try await TestServer.start { _ in
            .json(VersionInfo(major: "1", minor: "33", gitVersion: "v1.33.0"))
        }
        let untrusted = ClusterConnection(server: server.baseURL, namespace: "default", origin: "kubeconfig test")
        // insecure-skip-tls-verify accepts anything.
        var insecure = untrusted
        insecure.insecureSkipTLSVerify = true
        try await withClient(insecure) { _ = try await $0.serverVersion() }
        await server.shutdown()
    }

    func testUnreachableServerNamesTheHost() async throws {
        // Bind and release a port so nothing listens there.
        let server = try await TestServer.start { _ in .text("") }
        let url = server.baseURL
        await server.shutdown()
        let c = ClusterConnection(server: url, namespace: "default", origin: "test")
        do {
            try await withClient(
                c, configuration: .init(retry: RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(10)))
            ) {
                _ = try await $0.serverVersion()
            }
            XCTFail("expected a connection error")
        } catch let e as KubeClientError {
            XCTAssertEqual(e.kind, .connection, e.message)
            XCTAssertTrue(e.message.contains("127.0.0.1:\(url.port ?? 0)"), e.message)
        }
    }
}

/// A thread-safe counter per key.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func increment(_ key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        counts[key, default: 0] += 1
        return counts[key] ?? 0
    }
}
