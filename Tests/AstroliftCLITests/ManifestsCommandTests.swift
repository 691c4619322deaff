import Foundation
import XCTest

/// `astrolift manifests`: the generated CRDs and roles, printed or written.
final class ManifestsCommandTests: XCTestCase {
    func testCRDsPrintAsOneStreamOrOneFilePerCRD() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let printed = try await cli.run(["manifests", "crds"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertEqual(printed.stdout.components(separatedBy: "kind: CustomResourceDefinition\n").count - 1, 8)
        XCTAssertTrue(printed.stdout.contains("name: workbenches.astrolift.dev"))

        let directory = cli.directory.appendingPathComponent("crds").path
        let written = try await cli.run(["manifests", "crds", "--output-dir", directory])
        XCTAssertEqual(written.status, 0, written.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        XCTAssertEqual(files.count, 8)
        XCTAssertTrue(files.contains("astrolift.dev_workbenches.yaml"), "\(files)")
    }

    func testRBACPrintsTheControllerRoles() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let result = try await cli.run(["manifests", "rbac"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("kind: ClusterRole\n"))
        XCTAssertTrue(result.stdout.contains("kind: Role\n"))
        XCTAssertFalse(result.stdout.contains("'*'"))
    }

    func testAnUnwritableOutputDirectoryFailsWithItsPath() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let blocker = try cli.write("not a directory", to: "blocker")
        let result = try await cli.run(["manifests", "crds", "--output-dir", blocker + "/crds"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("blocker"), result.stderr)
    }
}
