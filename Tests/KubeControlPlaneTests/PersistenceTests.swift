import Foundation
import KubeClient
import KubeConfig
import KubeControlPlane
import KubeCore
import XCTest

/// State survives restarts, including a killed process.
final class PersistenceTests: XCTestCase {
    private func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func testRestartKeepsObjectsTokenCAAndTheRevisionSequence() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try await ControlPlaneFixture.start(dataDirectory: dir)
        let created = try await first.configMaps().create(ControlPlaneFixture.configMap("kept", ["a": "1"]))
        let token = first.controlPlane.adminToken
        let ca = first.controlPlane.caPEM
        await first.stop()

        let second = try await ControlPlaneFixture.start(dataDirectory: dir)
        XCTAssertEqual(second.controlPlane.adminToken, token)
        XCTAssertEqual(second.controlPlane.caPEM, ca)
        let kept = try await second.configMaps().get("kept")
        XCTAssertEqual(kept.raw["data"], ["a": "1"])
        XCTAssertEqual(kept.resourceVersion, created.resourceVersion)
        let next = try await second.configMaps().create(ControlPlaneFixture.configMap("later"))
        XCTAssertGreaterThan(Int(next.resourceVersion ?? "") ?? 0, Int(created.resourceVersion ?? "") ?? 0)
        await second.stop()
    }

    /// The revision sequence also survives when the newest write was a deletion, and a
    /// second server on a data directory in use is refused with a message that says so.
    func testRestartAfterADeletionAndADataDirectoryInUse() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try await ControlPlaneFixture.start(dataDirectory: dir)
        _ = try await first.configMaps().create(ControlPlaneFixture.configMap("a"))
        _ = try await first.configMaps().create(ControlPlaneFixture.configMap("b"))
        let deletion = try await first.configMaps().delete("b")
        var deletedAt = 0
        if case .pending(let object) = deletion { deletedAt = Int(object.resourceVersion ?? "") ?? 0 }
        let list = try await first.configMaps().list()
        let revisionAfterDelete = Int(list.metadata.resourceVersion ?? "") ?? 0
        XCTAssertGreaterThanOrEqual(revisionAfterDelete, deletedAt)
        do {
            _ = try await ControlPlane.start(ControlPlane.Configuration(dataDirectory: dir))
            XCTFail("a second server opened a data directory in use")
        } catch {
            XCTAssertTrue("\(error)".contains("in use by another process"), "\(error)")
            XCTAssertTrue("\(error)".contains(dir.path), "\(error)")
        }
        await first.stop()

        let second = try await ControlPlaneFixture.start(dataDirectory: dir)
        let next = try await second.configMaps().create(ControlPlaneFixture.configMap("c"))
        XCTAssertGreaterThan(Int(next.resourceVersion ?? "") ?? 0, revisionAfterDelete)
        let gone = try await second.configMaps().getIfExists("b")
        XCTAssertNil(gone)
        await second.stop()
    }

    /// `astrolift dev` killed with SIGKILL right after acknowledging writes loses none of them.
    func testAcknowledgedWritesSurviveKill9() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let binary = Bundle.main.bundleURL.appendingPathComponent("astrolift")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: binary.path), "astrolift is not built")

        func launch() throws -> (Process, URL) {
            let p = Process()
            p.executableURL = binary
            p.arguments = ["dev", "--data-dir", dir.path, "--port", "0", "--no-controller"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return (p, dir.appendingPathComponent("kubeconfig"))
        }
        func connect(_ kubeconfig: URL) async throws -> KubeClient {
            // The kubeconfig is rewritten with the new port on each start: wait for a fresh one.
            for _ in 0..<100 {
                if let connection = try? KubeConfigLoader.load(kubeconfigPath: kubeconfig.path),
                    let client = try? KubeClient(connection: connection, configuration: .init(retry: .none)),
                    (try? await client.serverVersion()) != nil
                {
                    return client
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw XCTSkip("astrolift dev did not come up")
        }

        var (process, kubeconfig) = try launch()
        var client = try await connect(kubeconfig)
        let api = client.dynamicApi(ControlPlaneFixture.configMaps, namespace: "default")
        for i in 0..<50 { _ = try await api.create(ControlPlaneFixture.configMap("k\(i)")) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? await client.shutdown()
        try FileManager.default.removeItem(at: kubeconfig)

        (process, kubeconfig) = try launch()
        client = try await connect(kubeconfig)
        let names = try await client.dynamicApi(ControlPlaneFixture.configMaps, namespace: "default").list().items
            .compactMap(\.name)
        XCTAssertEqual(Set(names), Set((0..<50).map { "k\($0)" }))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        try? await client.shutdown()
    }
}
