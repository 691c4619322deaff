import Foundation
import KubeClient
import KubeControlPlane
import KubeCore
import XCTest

/// Later pages of a list show the snapshot of the first page, as etcd's MVCC gives the real server.
final class PaginationSnapshotTests: XCTestCase {
    func testContinuePagesShowTheFirstPagesSnapshot() async throws {
        let f = try await ControlPlaneFixture.start()
        let api = f.configMaps()
        for i in 0..<6 {
            _ = try await api.create(ControlPlaneFixture.configMap("s\(i)", ["v": "old"], labels: ["set": "a"]))
        }
        let first = try await api.list(ListOptions(labelSelector: "set=a", limit: 2))
        XCTAssertEqual(first.items.map { $0.name ?? "" }, ["s0", "s1"])
        let token = try XCTUnwrap(first.metadata.continue)
        _ = try await api.delete("s4")
        _ = try await api.create(ControlPlaneFixture.configMap("s9", labels: ["set": "a"]))
        _ = try await api.patch("s3", .merge(["data": ["v": "new"]]))
        _ = try await api.patch("s5", .merge(["metadata": ["labels": ["set": "b"]]]))

        let rest = try await api.list(ListOptions(labelSelector: "set=a", limit: 10, continueToken: token))
        XCTAssertEqual(rest.metadata.resourceVersion, first.metadata.resourceVersion)
        XCTAssertEqual(rest.items.map { $0.name ?? "" }, ["s2", "s3", "s4", "s5"])
        XCTAssertEqual(rest.items.first { $0.name == "s3" }?.raw[path: ["data", "v"]], "old")
        XCTAssertNil(rest.metadata.continue)

        let fresh = try await api.list(ListOptions(labelSelector: "set=a"))
        XCTAssertEqual(fresh.items.map { $0.name ?? "" }, ["s0", "s1", "s2", "s3", "s9"])
        await f.stop()
    }

    func testAContinueTokenOlderThanTheHistoryIs410() async throws {
        let f = try await ControlPlaneFixture.start(historyCapacity: 5)
        let api = f.configMaps()
        for i in 0..<3 { _ = try await api.create(ControlPlaneFixture.configMap("t\(i)")) }
        let first = try await api.list(ListOptions(limit: 1))
        let token = try XCTUnwrap(first.metadata.continue)
        for i in 0..<10 { _ = try await api.create(ControlPlaneFixture.configMap("churn\(i)")) }
        do {
            _ = try await api.list(ListOptions(limit: 1, continueToken: token))
            XCTFail("expected 410 Gone")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.status.code, 410)
            XCTAssertTrue(e.status.message?.contains("continue parameter is too old") == true, "\(e)")
        }
        await f.stop()
    }
}
