import Crypto
import Foundation
import KubeTestServer
import Logging
import XCTest

@testable import AstroliftKMS

/// Collects every log record, message and metadata, as text.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return lines.joined(separator: "\n")
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return lines.count
    }
}

struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        log.append("\(event.level) \(event.message) \(all)")
    }
}

/// Everything the providers log (at trace level, including AsyncHTTPClient's own
/// records) and every error they raise, grepped for the test plaintexts and tokens.
final class LogRedactionTests: XCTestCase {
    func testNoPlaintextOrTokenInLogsOrErrors() async throws {
        let captured = CapturedLog()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(log: captured) }
        let serverKey = SymmetricKey(size: .bits256)
        let server = try await TestServer.start(
            handler: CloudProviderTests.gcpHandler(serverKey: serverKey, expectToken: "ya29.very-secret-token") { _ in
                CloudProviderTests.json(#"{"error":"unused"}"#)
            })
        defer { Task { await server.shutdown() } }
        let kms = GCPKMS(
            resourceName: "projects/p/locations/global/keyRings/r/cryptoKeys/k",
            endpoint: server.baseURL.absoluteString,
            auth: .accessToken("ya29.very-secret-token"),
            http: try KMSHTTPClient(caBundlePEM: Array(server.caPEM.utf8), logger: logger))
        let cipher = EnvelopeCipher(kms: kms)
        let binding = EnvelopeBinding(namespace: "team-a", name: "db", dataKey: "password")
        var errors: [String] = []
        var sealedValues: [String] = []
        for plaintext in Plaintexts.all {
            let sealed = try await cipher.seal(Array(plaintext.utf8), for: binding)
            sealedValues.append(sealed)
            _ = try await cipher.open(sealed, for: binding)
            var moved = try Envelope(text: sealed)
            moved.binding = EnvelopeBinding(namespace: "team-b", name: "db", dataKey: "password")
            for (text, where_) in [(moved.text, moved.binding), (sealed, moved.binding), ("v1:AAAA", binding)] {
                do {
                    _ = try await cipher.open(text, for: where_)
                    XCTFail("opened")
                } catch {
                    errors.append("\(error)")
                }
            }
        }
        let unauthorized = GCPKMS(
            resourceName: "projects/p/locations/global/keyRings/r/cryptoKeys/k",
            endpoint: server.baseURL.absoluteString,
            auth: .accessToken("ya29.wrong-token"),
            http: try KMSHTTPClient(caBundlePEM: Array(server.caPEM.utf8), logger: logger))
        do {
            _ = try await EnvelopeCipher(kms: unauthorized).open(sealedValues[0], for: binding)
            XCTFail("opened with a refused token")
        } catch {
            errors.append("\(error)")
        }
        await kms.shutdown()
        await unauthorized.shutdown()

        XCTAssertGreaterThan(captured.count, 0, "the providers logged nothing to check")
        XCTAssertEqual(errors.count, 3 * Plaintexts.all.count + 1)
        let everything = captured.text + "\n" + errors.joined(separator: "\n")
        assertNoSecrets(everything, extra: ["ya29.very-secret-token", "ya29.wrong-token"])
        XCTAssertTrue(captured.text.contains(":encrypt"), "request lines are logged")
    }
}
