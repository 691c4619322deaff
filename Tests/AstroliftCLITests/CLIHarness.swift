import Foundation
import KubeCore
import KubeTestServer
import XCTest

/// Runs the built `astrolift` executable as a user would, against a test server.
struct CLIHarness {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The directory holding the built products (`astrolift` next to the test bundle).
    static var productsDirectory: URL {
        #if os(macOS)
            for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
                return bundle.bundleURL.deletingLastPathComponent()
            }
        #endif
        return Bundle.main.bundleURL
    }

    static var executable: URL { productsDirectory.appendingPathComponent("astrolift") }

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("astrolift-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes a kubeconfig whose user authenticates with a client certificate from the server's CA.
    func writeKubeconfig(
        server: TestServer, user: String = "admin", groups: [String] = ["system:masters"], namespace: String? = nil
    ) throws -> String {
        let cert = try server.issueClientCertificate(user: user, groups: groups)
        func b64(_ s: String) -> String { Data(s.utf8).base64EncodedString() }
        let text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: \(server.baseURL.absoluteString)
                certificate-authority-data: \(b64(server.caPEM))
            users:
            - name: \(user)
              user:
                client-certificate-data: \(b64(cert.certificatePEM))
                client-key-data: \(b64(cert.privateKeyPEM))
            contexts:
            - name: test
              context:
                cluster: test
                user: \(user)
            \(namespace.map { "    namespace: \($0)" } ?? "")
            current-context: test
            """
        let path = directory.appendingPathComponent("kubeconfig-\(user)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func write(_ text: String, to name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `astrolift args…` with a clean environment (no KUBECONFIG unless given).
    func run(_ args: [String], environment extra: [String: String] = [:], stdin: String? = nil) async throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = args
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": directory.path]
        env.merge(extra) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        if stdin != nil { process.standardInput = input }
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        // Read while it runs so a full pipe cannot block it.
        async let stdout = Task.detached { out.fileHandleForReading.readDataToEndOfFile() }.value
        async let stderr = Task.detached { err.fileHandleForReading.readDataToEndOfFile() }.value
        let (o, e) = await (stdout, stderr)
        await Task.detached { process.waitUntilExit() }.value
        return Result(
            status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }
}
