import XCTest

@testable import KubeCore

final class QuantityTests: XCTestCase {
    func q(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> Quantity {
        do {
            return try Quantity(parsing: s)
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return .zero
        }
    }

    func testCanonicalForms() {
        // Expected values are what the API server writes back for each input.
        let cases: [(String, String)] = [
            ("500m", "500m"), ("1", "1"), ("1.5", "1500m"), ("0.5", "500m"), ("2Gi", "2Gi"),
            ("1536Mi", "1536Mi"), ("1.5Gi", "1536Mi"), ("1024Mi", "1Gi"), ("20G", "20G"), ("1e3", "1e3"),
            ("1E3", "1e3"), ("1.5e3", "1500"), ("100Ki", "100Ki"), ("1000m", "1"), ("1000", "1k"),
            ("1500", "1500"), ("0", "0"), ("0Gi", "0"), ("-1", "-1"), ("-500m", "-500m"), ("+2", "2"),
            ("0.1m", "100u"), ("1n", "1n"), ("0.0000000001", "1n"), ("1Ei", "1Ei"), ("8E", "8E"),
            ("0.5Ki", "512"), ("1023", "1023"), ("1Ki", "1Ki"), ("1.5Ki", "1536"), ("100M", "100M"),
            ("12345678", "12345678"), ("1e-3", "1e-3"), (".5", "500m"), ("5.", "5"), ("3k", "3k"),
            ("1.1Ki", "1126400m"), ("129e6", "129e6"), ("1Mi", "1Mi"), ("-2Gi", "-2Gi"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(q(input).description, expected, "canonical form of \(input)")
            // The canonical form is a fixed point.
            XCTAssertEqual(q(expected).description, expected, "re-parse of \(expected)")
            XCTAssertEqual(q(expected), q(input))
        }
    }

    func testLimits() {
        XCTAssertEqual(q("9223372036854775807").value, Int64.max)
        XCTAssertEqual(q("100E").description, "9223372036854775807", "capped at 2^63-1")
        XCTAssertEqual(q("1e400").nanos, Quantity.maxNanos)
        XCTAssertEqual(q("1e-400").description, "1e-9", "non-zero amounts round up to one nano-unit")
        XCTAssertEqual(q("0.1n").description, "1n")
        XCTAssertEqual(q("7Ei").description, "7Ei")
        XCTAssertEqual(q("123456789012345678901234567890").nanos, Quantity.maxNanos)
    }

    func testValues() {
        XCTAssertEqual(q("2Gi").value, 2 * 1024 * 1024 * 1024)
        XCTAssertEqual(q("500m").milliValue, 500)
        XCTAssertEqual(q("1.5").milliValue, 1500)
        XCTAssertEqual(q("500m").value, 1, "Value() rounds up")
        XCTAssertEqual(q("1.5u").milliValue, 1)
        XCTAssertEqual(q("250m").doubleValue, 0.25)
        XCTAssertEqual(Quantity(2).description, "2")
        XCTAssertEqual(Quantity(milli: 1500).description, "1500m")
        XCTAssertEqual(Quantity(1 << 30, format: .binarySI).description, "1Gi")
    }

    func testArithmeticAndCompare() {
        XCTAssertEqual((q("1Gi") + q("512Mi")).description, "1536Mi")
        XCTAssertEqual((q("500m") + q("500m")).description, "1")
        XCTAssertEqual((q("1") - q("1500m")).description, "-500m")
        XCTAssertEqual((q("0") + q("1Gi")).description, "1Gi", "zero takes the other format")
        XCTAssertEqual((q("100Mi") * 3).description, "300Mi")
        XCTAssertTrue(q("1Gi") > q("1G"))
        XCTAssertTrue(q("999m") < q("1"))
        XCTAssertEqual(q("1Gi"), q("1024Mi"))
        XCTAssertEqual(q("1"), q("1000m"))
        XCTAssertEqual(Set([q("1"), q("1000m")]).count, 1)
        var sum = Quantity.zero
        for s in ["100m", "200m", "700m"] { sum += q(s) }
        XCTAssertEqual(sum, q("1"))
    }

    func testErrors() {
        for bad in ["", "abc", "1.2.3", "1Z", "1 Gi", "Gi", "1e", "1ee3", "--1", ".", "1e1.5", " 1", "1Ki2"] {
            XCTAssertThrowsError(try Quantity(parsing: bad), bad) { error in
                XCTAssertTrue("\(error)".contains("invalid quantity"), "\(error)")
            }
        }
        XCTAssertThrowsError(try Quantity(parsing: "1Z")) { error in
            XCTAssertTrue("\(error)".contains(#""1Z""#), "the message names the input")
            XCTAssertTrue("\(error)".contains("unknown suffix 'Z'"), "and the problem: \(error)")
        }
        XCTAssertNil(Quantity("12x"))
    }

    func testCodable() throws {
        struct Box: Codable { var q: Quantity }
        let box = try JSONDecoder().decode(Box.self, from: Data(#"{"q":"1.5Gi"}"#.utf8))
        XCTAssertEqual(String(decoding: try KubeJSON.encode(box), as: UTF8.self), #"{"q":"1536Mi"}"#)
        XCTAssertEqual(try JSONDecoder().decode(Box.self, from: Data(#"{"q":2}"#.utf8)).q, q("2"))
        XCTAssertEqual(try JSONDecoder().decode(Box.self, from: Data(#"{"q":0.5}"#.utf8)).q, q("500m"))
        XCTAssertEqual(try JSONDecoder().decode(Box.self, from: Data(#"{"q":" 1Gi "}"#.utf8)).q, q("1Gi"))
        XCTAssertThrowsError(try JSONDecoder().decode(Box.self, from: Data(#"{"q":"1Zi"}"#.utf8)))
        XCTAssertThrowsError(try JSONDecoder().decode(Box.self, from: Data(#"{"q":true}"#.utf8)))
        let resources = try JSONDecoder().decode(
            [String: Quantity].self, from: Data(#"{"cpu":"250m","memory":"64Mi"}"#.utf8))
        XCTAssertEqual(resources["memory"]?.value, 64 << 20)
    }
}

final class KubeDurationTests: XCTestCase {
    func d(_ s: String) throws -> Int64 { try KubeDuration(parsing: s).nanoseconds }

    func testParse() throws {
        let s: Int64 = 1_000_000_000
        XCTAssertEqual(try d("1h30m"), 5400 * s)
        XCTAssertEqual(try d("90s"), 90 * s)
        XCTAssertEqual(try d("1m0s"), 60 * s)
        XCTAssertEqual(try d("500ms"), 500_000_000)
        XCTAssertEqual(try d("0s"), 0)
        XCTAssertEqual(try d("0"), 0)
        XCTAssertEqual(try d("1.5h"), 5400 * s)
        XCTAssertEqual(try d("-1.5s"), -1_500_000_000)
        XCTAssertEqual(try d("+2m"), 120 * s)
        XCTAssertEqual(try d("1us"), 1000)
        XCTAssertEqual(try d("1µs"), 1000)
        XCTAssertEqual(try d("1μs"), 1000)
        XCTAssertEqual(try d("3ns"), 3)
        XCTAssertEqual(try d(".5s"), 500_000_000)
        XCTAssertEqual(try d("1.h"), 3600 * s, "Go accepts a trailing point")
        XCTAssertEqual(try d("1h2m3s4ms5us6ns"), 3723 * s + 4_005_006)
        XCTAssertEqual(try d("2562047h47m16.854775807s"), Int64.max)
        XCTAssertEqual(try d("-2562047h47m16.854775808s"), Int64.min)
        for bad in ["", "1", "h", "1x", "-", "1h-2m", "2562047h47m16.854775808s", "1 h", "."] {
            XCTAssertThrowsError(try d(bad), bad)
        }
        XCTAssertThrowsError(try d("1")) { e in XCTAssertEqual("\(e)", #"time: missing unit in duration "1""#) }
        XCTAssertThrowsError(try d("1d")) { e in
            XCTAssertEqual("\(e)", #"time: unknown unit "d" in duration "1d""#)
        }
    }

    func testFormatLikeGo() throws {
        let cases: [(String, String)] = [
            ("1h30m", "1h30m0s"), ("90s", "1m30s"), ("0s", "0s"), ("500ms", "500ms"), ("1.5ms", "1.5ms"),
            ("1m0.5s", "1m0.5s"), ("100ns", "100ns"), ("1.5us", "1.5µs"), ("-90s", "-1m30s"), ("25h", "25h0m0s"),
            ("1s", "1s"), ("1.000000001s", "1.000000001s"), ("2h45m0.1s", "2h45m0.1s"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(try KubeDuration(parsing: input).description, expected, input)
        }
        XCTAssertEqual(KubeDuration(nanoseconds: Int64.min).description, "-2562047h47m16.854775808s")
    }

    func testConversionsAndCodable() throws {
        XCTAssertEqual(KubeDuration(.seconds(90)).description, "1m30s")
        XCTAssertEqual(KubeDuration(.milliseconds(1500)).duration, .milliseconds(1500))
        XCTAssertEqual(KubeDuration(timeInterval: 0.25).description, "250ms")
        XCTAssertEqual(KubeDuration.minutes(2).timeInterval, 120)
        XCTAssertEqual(KubeDuration(Duration.seconds(Int64.max)).nanoseconds, Int64.max)
        struct Box: Codable { var d: KubeDuration }
        let box = try JSONDecoder().decode(Box.self, from: Data(#"{"d":"1h"}"#.utf8))
        XCTAssertEqual(String(decoding: try KubeJSON.encode(box), as: UTF8.self), #"{"d":"1h0m0s"}"#)
        XCTAssertThrowsError(try JSONDecoder().decode(Box.self, from: Data(#"{"d":"soon"}"#.utf8)))
    }
}

final class IntOrStringTests: XCTestCase {
    func testCoding() throws {
        let values = try JSONDecoder().decode([IntOrString].self, from: Data(#"[8080,"http","25%"]"#.utf8))
        XCTAssertEqual(values, [.int(8080), .string("http"), .string("25%")])
        XCTAssertEqual(String(decoding: try KubeJSON.encode(values), as: UTF8.self), #"[8080,"http","25%"]"#)
        XCTAssertEqual(IntOrString.string("25%").scaledValue(total: 10, roundUp: true), 3)
        XCTAssertEqual(IntOrString.string("25%").scaledValue(total: 10, roundUp: false), 2)
        XCTAssertEqual(IntOrString.int(4).scaledValue(total: 10, roundUp: false), 4)
    }
}
