import Foundation
import KubeAPIMachinery
import XCTest

final class AuthTokenFileTests: XCTestCase {
    func testParsesRecordsWithAndWithoutGroups() throws {
        let text = """
            admin-token,admin,uid-1,"system:masters,devs"
            viewer-token,viewer,uid-2
            # a comment, and a blank line follow

            ops-token,ops,uid-3,ops
            """
        let file = try StaticTokenFile.parse(text)
        XCTAssertEqual(file.entries.count, 3)
        XCTAssertEqual(file.entries[0].token, "admin-token")
        XCTAssertEqual(
            file.entries[0].user,
            AuthenticatedUser(username: "admin", uid: "uid-1", groups: ["system:masters", "devs"]))
        XCTAssertEqual(file.entries[0].line, 1)
        XCTAssertEqual(file.entries[1].user.groups, [])
        XCTAssertEqual(file.entries[2].user.groups, ["ops"])
        XCTAssertEqual(file.entries[2].line, 5)
        XCTAssertEqual(file.warnings, [])
    }

    func testCRLFAndQuotedQuotes() throws {
        let file = try StaticTokenFile.parse("t1,\"we\"\"ird\",u1\r\nt2,b,u2\r\n")
        XCTAssertEqual(file.entries.map(\.user.username), ["we\"ird", "b"])
        XCTAssertEqual(file.entries.map(\.line), [1, 2])
    }

    func testTooFewColumnsNamesTheLine() {
        XCTAssertThrowsError(try StaticTokenFile.parse("a,b,c\n\nonly,two\n", source: "tokens.csv")) { error in
            guard let error = error as? StaticTokenFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.line, 3)
            XCTAssertEqual(
                error.description,
                "tokens.csv: line 3: must have at least 3 columns (token, user name, user uid), found 2")
        }
    }

    func testBareAndUnterminatedQuotesAreErrors() {
        XCTAssertThrowsError(try StaticTokenFile.parse("ok,a,b\nt,us\"er,u\n")) { error in
            XCTAssertEqual((error as? StaticTokenFileError)?.line, 2)
            XCTAssertEqual((error as? StaticTokenFileError)?.message, "bare \" in non-quoted-field")
        }
        XCTAssertThrowsError(try StaticTokenFile.parse("t,u,i,\"g1,g2\n")) { error in
            XCTAssertEqual((error as? StaticTokenFileError)?.line, 1)
            XCTAssertEqual((error as? StaticTokenFileError)?.message, "extraneous or missing \" in quoted-field")
        }
        XCTAssertThrowsError(try StaticTokenFile.parse("t,u,i,\"g1\"x\n")) { error in
            XCTAssertEqual((error as? StaticTokenFileError)?.message, "extraneous or missing \" in quoted-field")
        }
    }

    func testEmptyAndDuplicateTokensWarn() throws {
        let file = try StaticTokenFile.parse(",nobody,u0\nt,first,u1\nt,second,u2\n", source: "f")
        XCTAssertEqual(file.entries.map(\.user.username), ["first", "second"])
        XCTAssertEqual(file.warnings.count, 2)
        XCTAssertTrue(file.warnings[0].contains("line 1: empty token"), file.warnings[0])
        XCTAssertTrue(file.warnings[1].contains("line 3: duplicate token"), file.warnings[1])
        // The last record wins, as in the real server.
        let auth = StaticTokenAuthenticator(file: file)
        XCTAssertEqual(auth.user(forToken: "t")?.username, "second")
    }

    func testRenderRoundTrips() throws {
        let file = StaticTokenFile(entries: [
            .init(token: "abc", user: AuthenticatedUser(username: "admin", uid: "1", groups: ["system:masters", "x"])),
            .init(token: "def", user: AuthenticatedUser(username: "odd,name", uid: "2")),
        ])
        let text = file.rendered()
        XCTAssertEqual(text, "abc,admin,1,\"system:masters,x\"\ndef,\"odd,name\",2\n")
        XCTAssertEqual(try StaticTokenFile.parse(text).entries.map(\.user), file.entries.map(\.user))
    }

    func testLoadFromDisk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("auth-tokens-\(UUID().uuidString).csv")
        try "t,u,i\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertEqual(try StaticTokenFile.load(contentsOf: url).entries.count, 1)
    }

    func testAuthenticatorAddsAuthenticatedGroupAndHonoursAudiences() async throws {
        let file = try StaticTokenFile.parse("secret,alice,uid-a,devs\n")
        let auth = StaticTokenAuthenticator(file: file, apiAudiences: ["https://kubernetes.default.svc"])
        let outcome = await auth.authenticate(token: "secret", audiences: ["https://kubernetes.default.svc"])
        XCTAssertEqual(
            outcome,
            .authenticated(
                AuthenticatedUser(username: "alice", uid: "uid-a", groups: ["devs", "system:authenticated"]),
                audiences: ["https://kubernetes.default.svc"]))
        // Static tokens are valid only for the API server's audiences.
        let other = await auth.authenticate(token: "secret", audiences: ["vault"])
        XCTAssertEqual(other, .notRecognized)
        let unknown = await auth.authenticate(token: "nope", audiences: ["https://kubernetes.default.svc"])
        XCTAssertEqual(unknown, .notRecognized)
    }
}
