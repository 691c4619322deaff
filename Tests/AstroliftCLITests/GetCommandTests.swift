import Foundation
import KubeCore
import KubeTestServer
import XCTest

/// `astrolift get` against an HTTPS server with client-certificate auth.
final class GetCommandTests: XCTestCase {
    static let configMaps = ResourceDescriptor(
        group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true)

    private func start() async throws -> (TestServer, FakeCluster, CLIHarness, String) {
        let cluster = FakeCluster()
        let server = try await TestServer.start(
            configuration: TestServerConfiguration(clientCertificates: .required), handler: cluster.handler)
        for (name, ns, app) in [("web", "default", "web"), ("db", "default", "db"), ("other", "team-a", "web")] {
            await cluster.seed(
                [
                    "metadata": ["name": .string(name), "namespace": .string(ns), "labels": ["app": .string(app)]],
                    "data": ["k": "v"],
                ],
                resource: Self.configMaps)
        }
        let cli = try CLIHarness()
        let kubeconfig = try cli.writeKubeconfig(server: server)
        return (server, cluster, cli, kubeconfig)
    }

    func testTableNameJSONAndYAMLOutput() async throws {
        let (server, _, cli, kubeconfig) = try await start()
        defer { cli.cleanUp() }

        let table = try await cli.run(["get", "configmaps", "--kubeconfig", kubeconfig])
        XCTAssertEqual(table.status, 0, table.stderr)
        let lines = table.stdout.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasPrefix("NAME") == true && lines.first?.contains("AGE") == true, table.stdout)
        XCTAssertEqual(lines.dropFirst().map { String($0.split(separator: " ")[0]) }, ["db", "web"])

        let short = try await cli.run(["get", "cm", "-l", "app=web", "-o", "name", "--kubeconfig", kubeconfig])
        XCTAssertEqual(short.stdout, "configmap/web\n", short.stderr)

        let all = try await cli.run(["get", "configmap", "-A", "--kubeconfig", kubeconfig])
        XCTAssertTrue(all.stdout.hasPrefix("NAMESPACE"), all.stdout)
        XCTAssertTrue(all.stdout.contains("team-a"), all.stdout)

        let json = try await cli.run(["get", "configmaps", "web", "-o", "json", "--kubeconfig", kubeconfig])
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try JSONValue.parse(Data(json.stdout.utf8))
        XCTAssertEqual(object["kind"], "ConfigMap")
        XCTAssertEqual(object[path: ["metadata", "name"]], "web")

        let yaml = try await cli.run(["get", "ConfigMap", "-n", "team-a", "-o", "yaml", "--kubeconfig", kubeconfig])
        XCTAssertEqual(yaml.status, 0, yaml.stderr)
        let docs = try YAMLDocuments.parse(yaml.stdout)
        XCTAssertEqual(docs.first?["kind"], "List")
        XCTAssertEqual(docs.first?["items"]?[0]?[path: ["metadata", "name"]], "other")
        await server.shutdown()
    }

    func testErrorsAreOneLineAndExitNonZero() async throws {
        let (server, _, cli, kubeconfig) = try await start()
        defer { cli.cleanUp() }

        let missing = try await cli.run(["get", "configmaps", "nope", "--kubeconfig", kubeconfig])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "Error from server (NotFound): configmaps \"nope\" not found\n")
        let ignored = try await cli.run(["get", "configmaps", "nope", "--ignore-not-found", "--kubeconfig", kubeconfig])
        XCTAssertEqual(ignored.status, 0)

        let unknownKind = try await cli.run(["get", "widgets", "--kubeconfig", kubeconfig])
        XCTAssertEqual(unknownKind.status, 1)
        XCTAssertTrue(unknownKind.stderr.contains("doesn't have a resource type \"widgets\""), unknownKind.stderr)

        let none = try await cli.run(["get", "pods", "--kubeconfig", kubeconfig])
        XCTAssertEqual(none.status, 0)
        XCTAssertEqual(none.stderr, "No resources found in default namespace.\n")

        let badFormat = try await cli.run(["get", "pods", "-o", "xml", "--kubeconfig", kubeconfig])
        XCTAssertNotEqual(badFormat.status, 0)
        XCTAssertTrue(badFormat.stderr.contains("unknown output format 'xml'"), badFormat.stderr)
        await server.shutdown()
    }

    func testBadConfigurationNamesTheFileAndNeverCrashes() async throws {
        let (server, _, cli, kubeconfig) = try await start()
        defer { cli.cleanUp() }

        let missingFile = try await cli.run(["get", "pods", "--kubeconfig", "/nonexistent/config"])
        XCTAssertEqual(missingFile.status, 1)
        XCTAssertTrue(missingFile.stderr.contains("/nonexistent/config"), missingFile.stderr)
        XCTAssertEqual(missingFile.stderr.split(separator: "\n").count, 1, missingFile.stderr)

        let garbage = try cli.write("clusters: [ {unclosed", to: "garbage")
        let malformed = try await cli.run(["get", "pods", "--kubeconfig", garbage])
        XCTAssertEqual(malformed.status, 1)
        XCTAssertTrue(malformed.stderr.contains(garbage), malformed.stderr)

        let wrongContext = try await cli.run(["get", "pods", "--kubeconfig", kubeconfig, "--context", "prod"])
        XCTAssertEqual(wrongContext.status, 1)
        XCTAssertTrue(wrongContext.stderr.contains("prod"), wrongContext.stderr)

        // A client certificate the server's CA did not sign.
        let other = try await TestServer.start { _ in .text("") }
        let foreign = try cli.writeKubeconfig(server: other, user: "mallory")
        await other.shutdown()
        var text = try String(contentsOfFile: foreign, encoding: .utf8)
        text = text.replacingOccurrences(of: other.baseURL.absoluteString, with: server.baseURL.absoluteString)
        let foreignPath = try cli.write(text, to: "foreign")
        let rejected = try await cli.run(["get", "pods", "--kubeconfig", foreignPath])
        XCTAssertEqual(rejected.status, 1)
        XCTAssertTrue(rejected.stderr.hasPrefix("error: TLS"), rejected.stderr)
        XCTAssertFalse(rejected.stderr.contains("PRIVATE KEY"), rejected.stderr)
        await server.shutdown()
    }

    func testVersionCommand() async throws {
        let (server, _, cli, kubeconfig) = try await start()
        defer { cli.cleanUp() }
        let v = try await cli.run(["version", "--server", "--kubeconfig", kubeconfig])
        XCTAssertEqual(v.status, 0, v.stderr)
        XCTAssertTrue(v.stdout.contains("Astrolift version: "), v.stdout)
        XCTAssertTrue(v.stdout.contains("Server version: v1.33.0-fake"), v.stdout)
        await server.shutdown()
    }
}
