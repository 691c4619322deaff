import Foundation
import XCTest

@testable import KubeConfig

final class SecretRedactionTests: XCTestCase {
    func testPrintedValuesHideSecrets() throws {
        let connection = ClusterConnection(
            server: try XCTUnwrap(URL(string: "https://c.example")), clientCertificatePEM: Array(Fixtures.certPEM.utf8),
            clientKeyPEM: Array(Fixtures.keyPEM.utf8), credentials: StaticTokenProvider(token: "hidden-token"))
        for text in ["\(connection)", String(reflecting: connection), "\(StaticTokenProvider(token: "hidden-token"))"] {
            XCTAssertFalse(text.contains("hidden-token"), text)
            XCTAssertFalse(text.contains("PRIVATE KEY"), text)
        }
        let user = KubeConfigFile.User(token: "hidden-token", password: "hidden-password")
        XCTAssertEqual("\(user)", "User(set: token, password)")
        let credential = ExecCredential(token: "hidden-token")
        XCTAssertFalse("\(credential)".contains("hidden-token"))
    }
}
