import Foundation
import KubeTestServer

/// Drives `curl` against a ``TestServer``: an independent HTTP/TLS client, so the tests
/// check the server against a real peer rather than against our own client code.
struct Curl {
    struct Response {
        var exitCode: Int32
        /// The HTTP status (`%{http_code}`), 0 when no response arrived.
        var status: Int
        var body: String
        var stderr: String
        /// Extra `-w` output lines after the status, if requested.
        var writeOut: [String]
    }

    static let path = ExternalTool.path("curl")
    static var isAvailable: Bool { path != nil }

    let server: TestServer
    let files: TemporaryDirectory
    let caPath: String

    init(_ server: TestServer) throws {
        self.server = server
        files = try TemporaryDirectory()
        caPath = try files.write("ca.crt", server.caPEM)
    }

    /// Writes a client certificate and key for `--cert`/`--key`.
    func clientCertificateArguments(user: String, groups: [String] = []) throws -> [String] {
        let issued = try server.issueClientCertificate(user: user, groups: groups)
        let name = UUID().uuidString
        return [
            "--cert", try files.write("\(name).crt", issued.certificatePEM),
            "--key", try files.write("\(name).key", issued.privateKeyPEM),
        ]
    }

    /// Runs curl for `path` on the server with `arguments` (e.g. `-H`, `-X`, `--data`).
    func request(_ path: String, _ arguments: [String] = [], writeOut: String = "") async throws -> Response {
        guard let curl = Self.path else { throw CurlMissing() }
        let bodyPath = files.url.appendingPathComponent("\(UUID().uuidString).body").path
        let common = [
            "--silent", "--show-error", "--max-time", "20", "--cacert", caPath, "-o", bodyPath,
            "-w", "%{http_code}\(writeOut)",
        ]
        let result = try await ExternalTool.run(curl, common + arguments + [server.baseURL.absoluteString + path])
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return Response(
            exitCode: result.exitCode,
            status: Int(lines.first ?? "") ?? 0,
            body: (try? String(contentsOfFile: bodyPath, encoding: .utf8)) ?? "",
            stderr: result.stderr,
            writeOut: Array(lines.dropFirst())
        )
    }

    struct CurlMissing: Error {}
}
