import Foundation
import KubeCore
import KubePKI
import KubeTestServer
import Testing

/// What the echo handler reports back, so curl's output shows what the handler saw.
private struct Echo: Codable, Equatable {
    var method: String
    var path: String
    var query: [String: [String]]
    var user: String?
    var groups: [String]?
    var via: String?
    var body: String
    var contentType: String?
}

private let echo: TestServer.Handler = { request in
    var query: [String: [String]] = [:]
    for item in request.query { query[item.name, default: []].append(item.value) }
    return .json(
        Echo(
            method: request.method.rawValue,
            path: request.path,
            query: query,
            user: request.identity?.user,
            groups: request.identity?.groups,
            via: request.identity.map { "\($0.method)" },
            body: request.bodyText,
            contentType: request.header("content-type")
        )
    )
}

@Suite("TestServer over HTTPS, checked with curl", .enabled(if: Curl.isAvailable))
struct TestServerTests {
    @Test func plainGetReturnsHandlerJSON() async throws {
        try await TestServer.withServer(handler: echo) { server in
            #expect(server.baseURL.absoluteString == "https://127.0.0.1:\(server.port)")
            let curl = try Curl(server)
            let response = try await curl.request(
                "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb&watch=1&x=a+b&x=c")
            #expect(response.exitCode == 0, "\(response.stderr)")
            #expect(response.status == 200)
            let seen = try KubeJSON.decode(Echo.self, from: Data(response.body.utf8))
            #expect(seen.method == "GET")
            #expect(seen.path == "/api/v1/namespaces/default/pods")
            #expect(seen.query == ["labelSelector": ["app=web"], "watch": ["1"], "x": ["a b", "c"]])
            #expect(seen.user == nil)
            #expect(server.requestCount(path: "/api/v1/namespaces/default/pods") == 1)
            #expect(server.requestCount(path: "/api/v1/namespaces/default/pods", method: .POST) == 0)
        }
    }

    @Test func postBodyReachesHandler() async throws {
        try await TestServer.withServer(handler: echo) { server in
            let curl = try Curl(server)
            let response = try await curl.request(
                "/api/v1/namespaces", ["-X", "POST", "-H", "Content-Type: application/json", "--data", #"{"a":1}"#]
            )
            let seen = try KubeJSON.decode(Echo.self, from: Data(response.body.utf8))
            #expect(seen.method == "POST")
            #expect(seen.body == #"{"a":1}"#)
            #expect(seen.contentType == "application/json")
        }
    }

    @Test func largeBodyWithExpectContinueIsAnsweredPromptly() async throws {
        try await TestServer.withServer(handler: echo) { server in
            let curl = try Curl(server)
            // Over 1 MiB: recent curl versions only send `Expect` above that size.
            let payload = String(repeating: "x", count: 1_100_000)
            let bodyFile = try curl.files.write("payload", payload)
            let clock = ContinuousClock()
            var response: Curl.Response?
            let elapsed = try await clock.measure {
                // curl sends `Expect: 100-continue` for large bodies and waits up to a
                // second for the interim response before sending the body anyway.
                response = try await curl.request("/upload", ["-v", "-X", "PUT", "--data-binary", "@\(bodyFile)"])
            }
            #expect(try #require(response).stderr.contains("HTTP/1.1 100 Continue"))
            let seen = try KubeJSON.decode(Echo.self, from: Data(try #require(response).body.utf8))
            #expect(seen.body == payload)
            #expect(elapsed < .milliseconds(900))
        }
    }

    @Test func oversizedBodyGets413() async throws {
        var configuration = TestServerConfiguration()
        configuration.maxBodySize = 16
        try await TestServer.withServer(configuration: configuration, handler: echo) { server in
            let response = try await Curl(server).request("/upload", ["--data", String(repeating: "y", count: 100)])
            #expect(response.status == 413)
            let status = try KubeJSON.decode(Status.self, from: Data(response.body.utf8))
            #expect(status.reason == .requestEntityTooLarge)
        }
    }

    @Test func statusHelperProducesKubernetesStatus() async throws {
        try await TestServer.withServer(handler: { _ in
            .status(code: 404, reason: .notFound, message: #"pods "x" not found"#)
        }) { server in
            let response = try await Curl(server).request("/api/v1/namespaces/a/pods/x")
            #expect(response.status == 404)
            let status = try KubeJSON.decode(Status.self, from: Data(response.body.utf8))
            #expect(status.kind == "Status" && status.status == "Failure")
            #expect(status.reason == .notFound && status.code == 404)
            #expect(status.message == #"pods "x" not found"#)
        }
    }

    @Test func bearerTokensAuthenticateAndUnknownTokensGet401() async throws {
        var configuration = TestServerConfiguration()
        configuration.bearerTokens = ["good-token": TestUser(name: "alice", groups: ["devs"]), "other": "bob"]
        try await TestServer.withServer(configuration: configuration, handler: echo) { server in
            let curl = try Curl(server)

            let ok = try await curl.request("/version", ["-H", "Authorization: Bearer good-token"])
            #expect(ok.status == 200)
            let seen = try KubeJSON.decode(Echo.self, from: Data(ok.body.utf8))
            #expect(seen.user == "alice" && seen.groups == ["devs"] && seen.via == "bearerToken")

            for arguments in [["-H", "Authorization: Bearer wrong"], [], ["-H", "Authorization: Basic Zm9vOmJhcg=="]] {
                let denied = try await curl.request("/version", arguments)
                #expect(denied.status == 401, "\(arguments)")
                let status = try KubeJSON.decode(Status.self, from: Data(denied.body.utf8))
                #expect(status.kind == "Status" && status.reason == .unauthorized && status.code == 401)
            }
            // Rejected requests are recorded too, without an identity.
            #expect(server.requestCount(path: "/version") == 4)
            #expect(server.requests.filter { $0.identity != nil }.count == 1)
        }
    }

    @Test func requiredClientCertificateIdentifiesCaller() async throws {
        let configuration = TestServerConfiguration(clientCertificates: .required)
        try await TestServer.withServer(configuration: configuration, handler: echo) { server in
            let curl = try Curl(server)
            let certificate = try curl.clientCertificateArguments(
                user: "kube-admin", groups: ["system:masters", "ops"])
            let response = try await curl.request("/api", certificate)
            #expect(response.exitCode == 0, "\(response.stderr)")
            let seen = try KubeJSON.decode(Echo.self, from: Data(response.body.utf8))
            #expect(seen.user == "kube-admin")
            #expect(seen.groups == ["system:masters", "ops"])
            #expect(seen.via == "clientCertificate")

            // Without a certificate the handshake (or the first read, with TLS 1.3) fails.
            let refused = try await curl.request("/api")
            #expect(refused.exitCode != 0)
            #expect(refused.status == 0)
        }
    }

    @Test func clientCertificateFromAnotherCAIsRefused() async throws {
        let configuration = TestServerConfiguration(clientCertificates: .optional)
        try await TestServer.withServer(configuration: configuration, handler: echo) { server in
            let curl = try Curl(server)
            let stranger = try CertificateAuthority.generate().issueClientCertificate(user: "mallory")
            let arguments = [
                "--cert", try curl.files.write("m.crt", stranger.certificatePEM),
                "--key", try curl.files.write("m.key", stranger.privateKeyPEM),
            ]
            let response = try await curl.request("/api", arguments)
            #expect(response.exitCode != 0)
            #expect(server.requestCount(path: "/api") == 0)
        }
    }

    @Test func optionalClientCertificateFallsBackToToken() async throws {
        var configuration = TestServerConfiguration(clientCertificates: .optional)
        configuration.bearerTokens = ["t": "token-user"]
        try await TestServer.withServer(configuration: configuration, handler: echo) { server in
            let curl = try Curl(server)
            let byToken = try await curl.request("/api", ["-H", "Authorization: Bearer t"])
            #expect(try KubeJSON.decode(Echo.self, from: Data(byToken.body.utf8)).user == "token-user")

            // A certificate wins over a token, as in the API server's union authenticator.
            let certificate = try curl.clientCertificateArguments(user: "cert-user", groups: ["g"])
            let byCertificate = try await curl.request("/api", certificate + ["-H", "Authorization: Bearer nope"])
            let seen = try KubeJSON.decode(Echo.self, from: Data(byCertificate.body.utf8))
            #expect(seen.user == "cert-user" && seen.via == "clientCertificate")

            let anonymous = try await curl.request("/api")
            #expect(anonymous.status == 401)
        }
    }

    @Test func streamingChunksArriveInOrder() async throws {
        let handler: TestServer.Handler = { _ in
            .stream { writer in
                try await writer.write(#"{"type":"ADDED","object":{"metadata":{"na"#)
                try await Task.sleep(for: .milliseconds(50))
                try await writer.write(#"me":"a"}}}"# + "\n")
                try await Task.sleep(for: .milliseconds(50))
                try await writer.write(
                    #"{"type":"MODIFIED","object":{}}"# + "\n" + #"{"type":"DELETED","object":{}}"# + "\n"
                )
                try await writer.write([])  // ignored: must not end the body early
                try await writer.writeJSON(["type": "BOOKMARK"])
            }
        }
        try await TestServer.withServer(handler: handler) { server in
            let response = try await Curl(server).request("/api/v1/pods?watch=true", ["--no-buffer"])
            #expect(response.exitCode == 0, "\(response.stderr)")
            let lines = response.body.split(separator: "\n").map(String.init)
            #expect(
                lines == [
                    #"{"type":"ADDED","object":{"metadata":{"name":"a"}}}"#,
                    #"{"type":"MODIFIED","object":{}}"#,
                    #"{"type":"DELETED","object":{}}"#,
                    #"{"type":"BOOKMARK"}"#,
                ])
        }
    }

    @Test func firstChunkIsDeliveredWhileTheStreamIsStillOpen() async throws {
        // The handler holds the stream open until the test has seen the first chunk in
        // curl's output file: proof that chunks are flushed as written, not buffered.
        let seenByClient = AsyncStream<Void>.makeStream()
        let handler: TestServer.Handler = { _ in
            .stream { writer in
                try await writer.write(#"{"type":"ADDED"}"# + "\n")
                var iterator = seenByClient.stream.makeAsyncIterator()
                await iterator.next()
                try await writer.write(#"{"type":"DELETED"}"# + "\n")
            }
        }
        try await TestServer.withServer(handler: handler) { server in
            let curl = try Curl(server)
            let executable = try #require(Curl.path)
            let output = curl.files.url.appendingPathComponent("stream.out").path
            async let finished = ExternalTool.run(
                executable,
                [
                    "--silent", "--show-error", "--no-buffer", "--max-time", "20", "--cacert", curl.caPath,
                    "-o", output, server.baseURL.absoluteString + "/watch",
                ])
            var firstChunk = ""
            for _ in 0..<200 where !firstChunk.hasSuffix("\n") {
                try await Task.sleep(for: .milliseconds(25))
                firstChunk = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            }
            #expect(firstChunk == #"{"type":"ADDED"}"# + "\n")
            seenByClient.continuation.yield()
            let result = try await finished
            #expect(result.exitCode == 0, "\(result.stderr)")
            let all = try String(contentsOfFile: output, encoding: .utf8)
            #expect(all == #"{"type":"ADDED"}"# + "\n" + #"{"type":"DELETED"}"# + "\n")
        }
    }

    @Test func abortedStreamCutsConnectionMidObject() async throws {
        let handler: TestServer.Handler = { _ in
            .stream { writer in
                try await writer.write(#"{"type":"ADDED","object":{}}"# + "\n" + #"{"type":"MODI"#)
                await writer.abort()
            }
        }
        try await TestServer.withServer(handler: handler) { server in
            let response = try await Curl(server).request("/api/v1/pods?watch=true")
            // curl: 18 = partial file (transfer closed with outstanding data), 56 = receive failure.
            #expect([18, 56].contains(response.exitCode), "exit \(response.exitCode): \(response.stderr)")
            #expect(response.status == 200)
            #expect(response.body == #"{"type":"ADDED","object":{}}"# + "\n" + #"{"type":"MODI"#)
        }
    }

    @Test func keepAliveReusesOneConnection() async throws {
        try await TestServer.withServer(handler: echo) { server in
            let curl = try Curl(server)
            let executable = try #require(Curl.path)
            let url = server.baseURL.absoluteString
            let result = try await ExternalTool.run(
                executable,
                [
                    "--silent", "--show-error", "--cacert", curl.caPath,
                    "-o", "/dev/null", "-w", "%{num_connects}\n", "\(url)/a",
                    "-o", "/dev/null", "-w", "%{num_connects}\n", "\(url)/b",
                ])
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout == "1\n0\n")
            #expect(server.requestCount(path: "/a") == 1 && server.requestCount(path: "/b") == 1)
        }
    }

    @Test func shutdownClosesOpenStreamsAndStopsListening() async throws {
        let streamStarted = AsyncStream<Void>.makeStream()
        let handler: TestServer.Handler = { _ in
            .stream { writer in
                try await writer.write("{")
                streamStarted.continuation.yield()
                await writer.waitUntilClosed()
            }
        }
        let server = try await TestServer.start(handler: handler)
        let curl = try Curl(server)
        async let watch = curl.request("/watch")
        var iterator = streamStarted.stream.makeAsyncIterator()
        await iterator.next()

        let clock = ContinuousClock()
        let elapsed = await clock.measure { await server.shutdown() }
        #expect(elapsed < .seconds(5))
        let cut = try await watch
        #expect(cut.exitCode != 0)
        #expect(cut.body == "{")

        await server.shutdown()  // idempotent
        let refused = try await curl.request("/after")
        #expect(refused.exitCode == 7, "curl exit 7 = could not connect; got \(refused.exitCode): \(refused.stderr)")
    }

    @Test func headRequestGetsNoBody() async throws {
        try await TestServer.withServer(handler: echo) { server in
            let response = try await Curl(server).request("/healthz", ["--head"])
            #expect(response.exitCode == 0, "\(response.stderr)")
            #expect(response.status == 200)
        }
    }
}
