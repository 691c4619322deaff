import Foundation
import XCTest

@testable import KubeConfig

/// A fresh temporary directory, removed when the test ends.
final class TempDir {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = (base as NSString).appendingPathComponent("kubeconfig-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` at `relative` (creating directories) and returns the absolute path.
    @discardableResult
    func write(_ relative: String, _ text: String, executable: Bool = false) throws -> String {
        let full = (path as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        if executable {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full)
        }
        return full
    }

    func file(_ relative: String) -> String { (path as NSString).appendingPathComponent(relative) }

    func read(_ relative: String) -> String {
        (try? String(contentsOfFile: file(relative), encoding: .utf8)) ?? ""
    }
}

/// A settable clock for cache expiry tests.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) { current = start }

    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func advance(_ seconds: TimeInterval) {
        lock.lock()
        current = current.addingTimeInterval(seconds)
        lock.unlock()
    }

    var closure: @Sendable () -> Date { { [self] in self.now } }
}

enum Fixtures {
    static let caPEM = """
        -----BEGIN CERTIFICATE-----
        MIIBszCCAVmgAwIBAgIUFakeCAFakeCAFakeCAFakeCAFakeCAwCgYIKoZIzj0EAwIw
        -----END CERTIFICATE-----

        """
    static let certPEM = """
        -----BEGIN CERTIFICATE-----
        MIIBszCCAVmgAwIBAgIUFakeClientFakeClientFakeClientwCgYIKoZIzj0EAwIw
        -----END CERTIFICATE-----

        """
    static let keyPEM = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIFakeKeyFakeKeyFakeKeyFakeKeyFakeKeyFakeKeyoAoGCCqGSM49AwEH
        -----END EC PRIVATE KEY-----

        """

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    /// A minimal kubeconfig with one cluster, user and context.
    static func kubeconfig(
        context: String = "dev", cluster: String = "dev-cluster", user: String = "dev-user",
        server: String = "https://dev.example:6443", token: String = "dev-token", namespace: String? = nil,
        currentContext: String? = nil
    ) -> String {
        var s = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: \(cluster)
              cluster:
                server: \(server)
            users:
            - name: \(user)
              user:
                token: \(token)
            contexts:
            - name: \(context)
              context:
                cluster: \(cluster)
                user: \(user)

            """
        if let namespace { s += "    namespace: \(namespace)\n" }
        if let currentContext { s += "current-context: \(currentContext)\n" }
        return s
    }
}

/// Asserts that `body` throws a `KubeConfigError` and returns it.
func expectKubeConfigError(
    _ body: () throws -> some Any, file: StaticString = #filePath, line: UInt = #line
) -> KubeConfigError? {
    do {
        _ = try body()
        XCTFail("expected a KubeConfigError", file: file, line: line)
    } catch let error as KubeConfigError {
        return error
    } catch {
        XCTFail("expected a KubeConfigError, got \(error)", file: file, line: line)
    }
    return nil
}

/// Async variant of ``expectKubeConfigError(_:file:line:)``.
func expectKubeConfigErrorAsync(
    _ body: () async throws -> some Any, file: StaticString = #filePath, line: UInt = #line
) async -> KubeConfigError? {
    do {
        _ = try await body()
        XCTFail("expected a KubeConfigError", file: file, line: line)
    } catch let error as KubeConfigError {
        return error
    } catch {
        XCTFail("expected a KubeConfigError, got \(error)", file: file, line: line)
    }
    return nil
}
