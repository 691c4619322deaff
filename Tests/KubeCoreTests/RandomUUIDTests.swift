import Foundation
import KubeCore
import XCTest

final class RandomUUIDTests: XCTestCase {
    /// Object uids are RFC 4122 version-4 UUIDs, as kube-apiserver's are, and do not repeat.
    func testRandomUUIDsAreVersion4AndDistinct() {
        var seen = Set<String>()
        for _ in 0..<1_000 {
            let text = UUID.random().uuidString.lowercased()
            let parts = text.split(separator: "-")
            XCTAssertEqual(parts.map(\.count), [8, 4, 4, 4, 12], text)
            XCTAssertEqual(parts[2].first, "4", "version nibble: \(text)")
            XCTAssertTrue("89ab".contains(parts[3].first ?? "x"), "variant: \(text)")
            seen.insert(text)
        }
        XCTAssertEqual(seen.count, 1_000)
    }
}
