import Foundation
import KubeAPIMachinery
import XCTest

final class AuthClientCertificateTests: XCTestCase {
    func testCommonNameAndOrganizations() {
        let user = ClientCertificateIdentity.user(commonName: "admin", organizations: ["system:masters", "ops"])
        XCTAssertEqual(user?.username, "admin")
        XCTAssertEqual(user?.groups, ["system:masters", "ops", "system:authenticated"])
        XCTAssertNil(ClientCertificateIdentity.user(commonName: "", organizations: ["x"]))
        XCTAssertNil(ClientCertificateIdentity.user(commonName: nil, organizations: []))
    }

    func testFingerprintBecomesCredentialID() {
        let user = ClientCertificateIdentity.user(commonName: "a", organizations: [], sha256Fingerprint: "ABCD")
        XCTAssertEqual(user?.extra["authentication.kubernetes.io/credential-id"], ["X509SHA256=abcd"])
    }

    func testSubjectString() throws {
        let user = try ClientCertificateIdentity.user(subject: "O=system:masters+O=devs, CN=kube\\,admin ,C=US")
        XCTAssertEqual(user?.username, "kube,admin")
        XCTAssertEqual(user?.groups, ["system:masters", "devs", "system:authenticated"])
        let hex = try ClientCertificateIdentity.user(subject: "CN=caf\\C3\\A9,O=a\\+b")
        XCTAssertEqual(hex?.username, "café")
        XCTAssertEqual(hex?.groups.first, "a+b")
        XCTAssertNil(try ClientCertificateIdentity.user(subject: "O=only-org"))
        XCTAssertThrowsError(try ClientCertificateIdentity.parseDistinguishedName("CN"))
        XCTAssertThrowsError(try ClientCertificateIdentity.parseDistinguishedName("CN=a\\"))
    }
}
