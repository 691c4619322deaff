import Foundation
import XCTest

@testable import AstroliftKMS

/// Vectors from AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite):
/// credentials AKIDEXAMPLE, region us-east-1, service "service", 2015-08-30T12:36:00Z.
final class SigV4Tests: XCTestCase {
    let signer = SigV4Signer(
        credentials: AWSCredentials(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "service")
    let date = Date(timeIntervalSince1970: 1_440_938_160)  // 20150830T123600Z

    func testAmzDate() {
        XCTAssertEqual(SigV4Signer.amzDate(date), "20150830T123600Z")
    }

    func testGetVanilla() {
        let s = signer.sign(.init(method: "GET", headers: [("Host", "example.amazonaws.com")]), date: date)
        XCTAssertEqual(
            s.canonicalRequest,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            s.stringToSign,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63")
        XCTAssertEqual(s.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        XCTAssertEqual(
            s.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    func testPostVanilla() {
        let s = signer.sign(.init(method: "POST", headers: [("Host", "example.amazonaws.com")]), date: date)
        XCTAssertEqual(s.signature, "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    }

    func testGetVanillaQueryOrderKeyCase() {
        let s = signer.sign(
            .init(
                method: "GET", query: [("Param2", "value2"), ("Param1", "value1")],
                headers: [("Host", "example.amazonaws.com")]), date: date)
        XCTAssertTrue(s.canonicalRequest.hasPrefix("GET\n/\nParam1=value1&Param2=value2\n"))
        XCTAssertEqual(s.signature, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    func testPostXWWWFormURLEncoded() {
        let s = signer.sign(
            .init(
                method: "POST",
                headers: [
                    ("Content-Type", "application/x-www-form-urlencoded"), ("Host", "example.amazonaws.com"),
                ], body: Array("Param1=value1".utf8)), date: date)
        XCTAssertEqual(
            s.canonicalRequest,
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\n"
                + "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n"
                + "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e")
        XCTAssertEqual(
            s.stringToSign,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281")
        XCTAssertEqual(s.signature, "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")
    }

    func testSessionTokenIsSignedAndSecretsStayOutOfDescriptions() {
        var credentials = signer.credentials
        credentials.sessionToken = "SESSION-TOKEN-VALUE"
        let s = SigV4Signer(credentials: credentials, region: "us-east-1", service: "kms")
            .sign(.init(method: "POST", headers: [("Host", "kms.us-east-1.amazonaws.com")]), date: date)
        XCTAssertTrue(s.authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token"))
        XCTAssertTrue(s.headers.contains { $0.0 == "X-Amz-Security-Token" && $0.1 == "SESSION-TOKEN-VALUE" })
        XCTAssertFalse("\(credentials)".contains("wJalrXUtnFEMI"))
        XCTAssertFalse("\(credentials)".contains("SESSION-TOKEN-VALUE"))
    }

    func testHeaderValuesAreTrimmedAndCollapsed() {
        XCTAssertEqual(SigV4Signer.trimmed("  a   b  c "), "a b c")
        XCTAssertEqual(SigV4Signer.encode("a b/~"), "a%20b%2F~")
    }
}
