import Foundation
import XCTest

@testable import KubeCore
@testable import KubeModels

// KubeJSON.encode (FastJSONEncoder) must write exactly the bytes of Foundation's
// JSONEncoder with [.sortedKeys, .withoutEscapingSlashes]: SHA-256 hashes of that
// output are stored in clusters. Every case here encodes the same value with both
// and compares the bytes, or the EncodingError case, coding path and message; and
// JSONValue(encoding:) with what parsing Foundation's bytes gives.

// MARK: - Comparison helpers

/// A comparable summary of an encode outcome.
enum EncodeOutcome: Equatable, CustomStringConvertible {
    case bytes(String)
    case invalidValue(value: String, path: [String], debugDescription: String)
    case other(String)

    var description: String {
        switch self {
        case .bytes(let s): return "bytes(\(s))"
        case .invalidValue(let v, let p, let d): return "invalidValue(\(v)) at \(p): \(d)"
        case .other(let e): return "error(\(e))"
        }
    }
}

func encodePathStrings(_ path: [any CodingKey]) -> [String] {
    path.map { key in key.intValue.map { "\(key.stringValue)#\($0)" } ?? key.stringValue }
}

func encodeOutcome(_ error: Error) -> EncodeOutcome {
    if let error = error as? EncodingError, case .invalidValue(let v, let c) = error {
        return .invalidValue(
            value: "\(type(of: v)):\(v)", path: encodePathStrings(c.codingPath), debugDescription: c.debugDescription)
    }
    return .other("\(error)")
}

func encodeOutcome(_ body: () throws -> Data) -> EncodeOutcome {
    do {
        // Lossless view of the bytes (Data's description only gives the count).
        return .bytes(try body().map { String(format: "%02x", $0) }.joined())
    } catch {
        return encodeOutcome(error)
    }
}

func foundationEncode<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(value)
}

/// Asserts that `KubeJSON.encode` gives Foundation's bytes (or error) for `value`, and
/// that `JSONValue(encoding:)` gives what parsing those bytes gives (or the same error).
func assertSameEncoding<T: Encodable>(
    _ value: T, _ label: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    let expected = encodeOutcome { try foundationEncode(value) }
    let actual = encodeOutcome { try KubeJSON.encode(value) }
    if actual != expected {
        let text = { (o: EncodeOutcome) -> String in
            if case .bytes = o, let d = try? foundationEncode(value) { return String(decoding: d, as: UTF8.self) }
            return o.description
        }
        let fastText = (try? KubeJSON.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? actual.description
        XCTFail(
            "\(T.self) \(label()): fast encoder differs\n fast:       \(fastText)\n foundation: \(text(expected))",
            file: file, line: line)
    }
    let expectedValue: Result<JSONValue, Error> = Result { try JSONValue.parse(foundationEncode(value)) }
    let actualValue: Result<JSONValue, Error> = Result { try JSONValue(encoding: value) }
    switch (actualValue, expectedValue) {
    case (.success(let a), .success(let e)):
        XCTAssertEqual(a, e, "\(T.self) \(label()): JSONValue(encoding:)", file: file, line: line)
    case (.failure(let a), .failure(let e)):
        XCTAssertEqual(
            encodeOutcome(a), encodeOutcome(e), "\(T.self) \(label()): JSONValue(encoding:) error", file: file,
            line: line)
    default:
        XCTFail("\(T.self) \(label()): JSONValue(encoding:) \(actualValue) vs \(expectedValue)", file: file, line: line)
    }
}

/// A small deterministic PRNG (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Strings that exercise every escape class and several UTF-8 lengths.
enum NastyText {
    static let pieces: [String] = [
        "a", "Z", "0", "9", " ", "/", "//", "\\", "\"", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{01}",
        "\u{1F}", "\u{7F}", "\u{80}", "é", "e\u{301}", "ÿ", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFF}", "€", "日本",
        "😀", "👩‍👩‍👧", "\u{10FFFF}", "<", ">", "&", "'", ":", ",", "{", "}", "[", "]", "-", "_", ".", "~", "K", "\u{212A}",
        "f:metadata", "k:{\"name\":\"x\"}", "app.kubernetes.io/name", "a10", "a9", "A", "aa",
    ]

    static func random(_ rng: inout SeededGenerator, maxPieces: Int = 6) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 0...maxPieces, using: &rng) {
            s += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
        }
        return s
    }
}

// MARK: - Test types

private struct Scalars: Codable {
    var b = true
    var s = "text"
    var i = -1
    var i8: Int8 = -8
    var i16: Int16 = -16
    var i32: Int32 = -32
    var i64: Int64 = -64
    var i128: Int128 = -128
    var u: UInt = 1
    var u8: UInt8 = 8
    var u16: UInt16 = 16
    var u32: UInt32 = 32
    var u64: UInt64 = 64
    var u128: UInt128 = 128
    var f: Float = 0.5
    var d = 0.25
}

private struct OptionalScalars: Encodable {
    var b: Bool?
    var s: String?
    var i: Int?
    var i8: Int8?
    var i16: Int16?
    var i32: Int32?
    var i64: Int64?
    var u: UInt?
    var u8: UInt8?
    var u16: UInt16?
    var u32: UInt32?
    var u64: UInt64?
    var f: Float?
    var d: Double?
    var j: JSONValue?
    var nested: Box<Int>?
}

private struct Box<T: Encodable>: Encodable {
    var value: T
}

/// Declared out of key order, with a custom key name.
private struct Unsorted: Codable {
    var zeta = 1
    var alpha = "a"
    var Mid = true
    var beta: [String: Int] = ["y": 1, "x": 2]
    var _under = 0
    var a10 = 10
    var a9 = 9
    var renamed = "r"
    enum CodingKeys: String, CodingKey {
        case zeta, alpha, Mid, beta, _under, a10, a9
        case renamed = "émoji😀"
    }
}

/// Encodes nothing.
private struct Nothing: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

/// A key for any string or integer.
private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ s: String) {
        stringValue = s
        intValue = nil
    }
    init(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

/// Runs an arbitrary encoding body, to try the container API directly.
private struct Custom: Encodable {
    var body: @Sendable (any Encoder) throws -> Void
    init(_ body: @escaping @Sendable (any Encoder) throws -> Void) { self.body = body }
    func encode(to encoder: any Encoder) throws { try body(encoder) }
}

private enum Color: String, Codable, CodingKeyRepresentable {
    case red, green
}

// MARK: - Tests

final class FastJSONEncoderTests: XCTestCase {
    func testTopLevelFragments() {
        assertSameEncoding("a/b")
        assertSameEncoding("")
        assertSameEncoding(42)
        assertSameEncoding(-0.0)
        assertSameEncoding(1.5)
        assertSameEncoding(true)
        assertSameEncoding(Int?.none)
        assertSameEncoding(String?.some("x"))
        assertSameEncoding(JSONValue.null)
        assertSameEncoding(JSONValue.int(7))
        assertSameEncoding([Int]())
        assertSameEncoding([String: Int]())
        assertSameEncoding(Nothing())
        assertSameEncoding([Nothing()])
        assertSameEncoding(["a": Nothing()])
        assertSameEncoding(Box(value: Nothing()))
        assertSameEncoding(Int128.min)
        assertSameEncoding(UInt128.max)
    }

    func testIntegersOfEveryWidth() {
        assertSameEncoding(Scalars())
        assertSameEncoding([Int8.min, 0, Int8.max])
        assertSameEncoding([Int16.min, 0, Int16.max])
        assertSameEncoding([Int32.min, 0, Int32.max])
        assertSameEncoding([Int64.min, -1, 0, 1, Int64.max])
        assertSameEncoding([Int.min, Int.max])
        assertSameEncoding([UInt8.max, 0])
        assertSameEncoding([UInt16.max])
        assertSameEncoding([UInt32.max])
        assertSameEncoding([UInt64.max, UInt64(Int64.max), UInt64(Int64.max) + 1])
        assertSameEncoding([UInt.max])
        assertSameEncoding([Int128.min, Int128(Int64.min) - 1, 0, Int128(Int64.max) + 1, Int128.max])
        assertSameEncoding([UInt128.max, UInt128(UInt64.max) + 1])
        var rng = SeededGenerator(seed: 1)
        var ints = [Int64]()
        var uints = [UInt64]()
        for _ in 0..<500 {
            let bits = Int.random(in: 0...62, using: &rng)
            ints.append(Int64.random(in: -(1 << bits)...(1 << bits) - 1, using: &rng))
            uints.append(UInt64.random(in: 0...UInt64.max >> UInt64.random(in: 0...63, using: &rng), using: &rng))
        }
        assertSameEncoding(ints)
        assertSameEncoding(uints)
        assertSameEncoding(["ints": ints.map(JSONValue.int)])
        for u in uints.prefix(50) { assertSameEncoding(Box(value: u)) }
    }

    func testDoublesAndFloats() {
        let doubles: [Double] = [
            0, -0.0, 1, -1, 0.1, 0.2, 0.3, 1.5, 100, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 1e-4, 1e-5, 1e-7, 123456.789,
            2.5e-5, 0.000123, 9_007_199_254_740_991, 9_007_199_254_740_992, 9_007_199_254_740_994,
            -9_007_199_254_740_992, -9_007_199_254_740_994, 1.7976931348623157e308, -1.7976931348623157e308,
            .leastNonzeroMagnitude, 2.2250738585072014e-308, .pi, -.pi, 4_294_967_296, 18_446_744_073_709_551_616,
            1e300, 12_345_678_912_345.5,
            Double(Int64.max), Double(Int64.min), 0.5, 3, 1e2,
        ]
        for d in doubles {
            assertSameEncoding(d, "\(d)")
            assertSameEncoding(Box(value: d), "\(d)")
            assertSameEncoding(JSONValue.double(d), "\(d)")
        }
        assertSameEncoding(doubles)
        let floats: [Float] = [
            0, -0.0, 0.1, 0.3, 1, 1.5, 1e10, 16_777_216, 16_777_218, 3.4028235e38, .leastNonzeroMagnitude,
            .leastNormalMagnitude, 123.456, 1e7, 1e8,
        ]
        for f in floats {
            assertSameEncoding(f, "\(f)")
            assertSameEncoding(Box(value: f), "\(f)")
        }
        assertSameEncoding(floats)
        var rng = SeededGenerator(seed: 2)
        var randomDoubles = [Double]()
        var randomFloats = [Float]()
        for _ in 0..<2000 {
            let d = Double(bitPattern: rng.next())
            if d.isFinite { randomDoubles.append(d) }
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            if f.isFinite { randomFloats.append(f) }
            // Integral values around the 2^53 boundary and below.
            randomDoubles.append(Double(Int64.random(in: -(1 << 55)...(1 << 55), using: &rng)))
            randomDoubles.append(Double(Int64.random(in: -100_000...100_000, using: &rng)) / 8)
        }
        assertSameEncoding(randomDoubles)
        assertSameEncoding(randomFloats)
        assertSameEncoding(["d": JSONValue.array(randomDoubles.map(JSONValue.double))])
        for d in randomDoubles.prefix(300) { assertSameEncoding(JSONValue.double(d), "\(d)") }
        for f in randomFloats.prefix(300) { assertSameEncoding(Box(value: f), "\(f)") }
    }

    func testStringEscapes() {
        for c in 0..<0x80 {
            let s = String(UnicodeScalar(UInt8(c)))
            assertSameEncoding(s, "byte \(c)")
            assertSameEncoding(["k\(s)": s], "key byte \(c)")
        }
        for s in NastyText.pieces { assertSameEncoding([s: s]) }
        assertSameEncoding(NastyText.pieces)
        assertSameEncoding(NastyText.pieces.joined())
        assertSameEncoding(String(repeating: "x\"y\\z/\n", count: 1000))
        assertSameEncoding(String(repeating: "日本語テキスト", count: 500))
        // A bridged / non-native string.
        assertSameEncoding(NSString(string: "ns\u{2028}string/é") as String)
        assertSameEncoding(String(decoding: [0x61, 0xC3, 0xA9, 0xFF, 0x62], as: UTF8.self), "repaired UTF-8")
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<300 {
            let s = NastyText.random(&rng, maxPieces: 12)
            assertSameEncoding(s, s.debugDescription)
            assertSameEncoding(Box(value: s), s.debugDescription)
        }
    }

    func testKeyOrder() {
        let keys = [
            "b", "B", "a", "A", "a10", "a9", "a1", "_", "é", "e\u{301}x", "z", "", "Z1", "aa", "a\u{1}", "a\u{0}",
            "a\"",
            "a\\", "a#", "a!", "ä", "k", "~", "ÿ", "\u{10000}", "\u{FFFF}", "1", "10", "9", "a b", "a-b", "a.b", "K",
            "f:spec", "f:metadata", "k:{\"name\":\"x\"}", "\u{7F}", "\u{80}",
        ]
        var map = [String: Int]()
        for (i, k) in keys.enumerated() { map[k] = i }
        assertSameEncoding(map)
        assertSameEncoding(map.mapValues { JSONValue.int(Int64($0)) })
        assertSameEncoding(map.mapValues { "\($0)" })
        assertSameEncoding(Box(value: map.mapValues { "\($0)" }))
        assertSameEncoding(map.mapValues { Box(value: $0) })
        assertSameEncoding(Unsorted())
        assertSameEncoding([Unsorted(), Unsorted()])
        // Keys equal up to a prefix, keys that are prefixes of each other.
        assertSameEncoding(["a": 1, "ab": 2, "abc": 3, "abcdefghijklmnopq": 4, "abcdefghijklmnopp": 5])
        var rng = SeededGenerator(seed: 4)
        for _ in 0..<200 {
            var m = [String: JSONValue]()
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                m[NastyText.random(&rng, maxPieces: 3)] = .int(Int64.random(in: -5...5, using: &rng))
            }
            assertSameEncoding(m)
            assertSameEncoding(m.mapValues { Box(value: $0) })
        }
    }

    func testOptionalsAndNull() {
        assertSameEncoding(OptionalScalars())
        assertSameEncoding(
            OptionalScalars(
                b: false, s: "", i: 0, i8: 0, i16: 0, i32: 0, i64: 0, u: 0, u8: 0, u16: 0, u32: 0, u64: 0, f: 0, d: 0,
                j: .null, nested: Box(value: 1)))
        assertSameEncoding([1, nil, 3] as [Int?])
        assertSameEncoding([nil, "a"] as [String?])
        assertSameEncoding(["a": nil, "b": 1] as [String: Int?])
        assertSameEncoding([Int??.some(nil), .some(1), .none])
        assertSameEncoding(Box(value: Int?.none))
        assertSameEncoding(Box(value: [JSONValue.null, nil]))
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                try c.encodeNil(forKey: AnyKey("n"))
                try c.encodeIfPresent(Int?.none, forKey: AnyKey("skipped"))
                try c.encodeIfPresent(String?.none, forKey: AnyKey("skipped2"))
                try c.encodeIfPresent(Box<Int>?.none, forKey: AnyKey("skipped3"))
                try c.encodeIfPresent(Double?.some(2), forKey: AnyKey("d"))
                var u = c.nestedUnkeyedContainer(forKey: AnyKey("u"))
                try u.encodeNil()
                try u.encode(Int?.none)
                try u.encode(1)
            })
    }

    func testFoundationSpecialTypes() throws {
        assertSameEncoding(Data())
        assertSameEncoding(Data("hello, world".utf8))
        assertSameEncoding(["d": Data([0, 1, 2, 0xFF, 0xFE])])
        assertSameEncoding([Data([1]), Data([1, 2]), Data([1, 2, 3])])
        assertSameEncoding(Box(value: Data(repeating: 0xAB, count: 1000)))
        assertSameEncoding(Date(timeIntervalSinceReferenceDate: 0))
        assertSameEncoding(Date(timeIntervalSinceReferenceDate: 1.5))
        assertSameEncoding(["t": Date(timeIntervalSince1970: 1_714_564_800.123_456)])
        assertSameEncoding([Date(timeIntervalSinceReferenceDate: -1e9), Date.distantFuture, Date.distantPast])
        let base = try XCTUnwrap(URL(string: "http://host/base/"))
        assertSameEncoding([
            try XCTUnwrap(URL(string: "https://example.com/a b?c=d#e")),
            try XCTUnwrap(URL(string: "rel/p", relativeTo: base)),
            URL(fileURLWithPath: "/tmp/x y"),
        ])
        assertSameEncoding(Box(value: try XCTUnwrap(URL(string: "https://x.io/"))))
        assertSameEncoding(
            [
                "n": try XCTUnwrap(Decimal(string: "1.50")),
                "m": try XCTUnwrap(Decimal(string: "-12345678901234567890.5")),
            ])
        assertSameEncoding([Decimal(0), Decimal(-1), Decimal(string: "0.000001") ?? 0, Decimal.greatestFiniteMagnitude])
        assertSameEncoding(Box(value: Decimal.nan))
        assertSameEncoding(Decimal(string: "3.25") ?? 0)
        assertSameEncoding([Data?.none, Data([9])])
        assertSameEncoding(Box(value: Date?.some(Date(timeIntervalSinceReferenceDate: 7))))
    }

    func testDictionaryKeyTypes() {
        assertSameEncoding([10: "a", 9: "b", -1: "c", 0: "d", Int.min: "e"])
        assertSameEncoding([true: 1, false: 0])
        assertSameEncoding([UInt8(3): 1])
        assertSameEncoding([1.5: "x"])
        assertSameEncoding([Color.red: 1, Color.green: 2])
        assertSameEncoding([Color.red: [1: [true: "deep"]]])
        assertSameEncoding(["outer": ["inner": ["x": 1]]])
        assertSameEncoding(["list": [[String: Int]](), "empty": [[:]]])
        assertSameEncoding([String: [String]]())
        assertSameEncoding([[String: String]]())
    }

    func testContainerAPI() {
        // Nested containers written in order, and a nested one followed by more members.
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                try c.encode("v", forKey: AnyKey("z"))
                var n = c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("m"))
                try n.encode(1, forKey: AnyKey("y"))
                try n.encode(2, forKey: AnyKey("b"))
                var nn = n.nestedUnkeyedContainer(forKey: AnyKey("list"))
                try nn.encode(true)
                var deepest = nn.nestedContainer(keyedBy: AnyKey.self)
                try deepest.encode("d", forKey: AnyKey("k"))
                var nu = nn.nestedUnkeyedContainer()
                try nu.encode(1.25)
                try c.encode(3, forKey: AnyKey("a"))
                _ = c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("emptyObject"))
                _ = c.nestedUnkeyedContainer(forKey: AnyKey("emptyArray"))
                XCTAssertEqual(encodePathStrings(n.codingPath), ["m"])
                XCTAssertEqual(encodePathStrings(nn.codingPath), ["m", "list"])
            })
        // Asking the same encoder for its keyed container again adds to the same object.
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                try c.encode(1, forKey: AnyKey("b"))
                var again = encoder.container(keyedBy: AnyKey.self)
                try again.encode(2, forKey: AnyKey("a"))
                try c.encode(3, forKey: AnyKey("c"))
            })
        assertSameEncoding(
            Custom { encoder in
                var u = encoder.unkeyedContainer()
                try u.encode(1)
                var again = encoder.unkeyedContainer()
                try again.encode(2)
                XCTAssertEqual(again.count, 2)
            })
        // Single-value container holding a composite value.
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.singleValueContainer()
                try c.encode(["x": [1, 2], "a": [3]])
            })
        assertSameEncoding(
            Box(
                value: Custom { encoder in
                    var c = encoder.singleValueContainer()
                    try c.encode(Nothing())
                }))
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.singleValueContainer()
                try c.encodeNil()
            })
        // Coding paths seen by nested values.
        assertSameEncoding(
            Box(
                value: [
                    Custom { encoder in
                        XCTAssertEqual(encodePathStrings(encoder.codingPath), ["value", "Index 0#0"])
                        var c = encoder.container(keyedBy: AnyKey.self)
                        XCTAssertEqual(encodePathStrings(c.codingPath), ["value", "Index 0#0"])
                        try c.encode(
                            Custom { inner in
                                XCTAssertEqual(encodePathStrings(inner.codingPath), ["value", "Index 0#0", "k"])
                                var s = inner.singleValueContainer()
                                try s.encode(1)
                            }, forKey: AnyKey("k"))
                    }
                ]))
        // A class hierarchy sharing one keyed container.
        assertSameEncoding(Derived())
        assertSameEncoding([Derived(), Derived()])
    }

    /// Patterns Foundation supports through its reference-based containers; the fast
    /// encoder hands these values to Foundation, so the output is still Foundation's.
    func testPatternsHandedToFoundation() {
        // superEncoder in keyed and unkeyed containers.
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                try c.encode(1, forKey: AnyKey("a"))
                var s = c.superEncoder().singleValueContainer()
                try s.encode("sup")
                let k = c.superEncoder(forKey: AnyKey("parent"))
                var kc = k.container(keyedBy: AnyKey.self)
                try kc.encode(2, forKey: AnyKey("x"))
                var u = c.nestedUnkeyedContainer(forKey: AnyKey("u"))
                try u.encode(1)
                _ = u.superEncoder()
                try u.encode(2)
            })
        assertSameEncoding(Box(value: SubclassWithSuper()))
        // A nested container written after its parent.
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                var n = c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("n"))
                try n.encode(1, forKey: AnyKey("first"))
                try c.encode(2, forKey: AnyKey("b"))
                try n.encode(3, forKey: AnyKey("later"))
            })
        // Repeated keys: the last value wins, nested containers merge.
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                try c.encode(1, forKey: AnyKey("a"))
                try c.encode(2, forKey: AnyKey("a"))
                try c.encode(3, forKey: AnyKey("b"))
            })
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                var n1 = c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("n"))
                try n1.encode(1, forKey: AnyKey("x"))
                var n2 = c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("n"))
                try n2.encode(2, forKey: AnyKey("y"))
            })
        // Keys equal as Strings (canonical equivalence) but not as bytes.
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                try c.encode(1, forKey: AnyKey("K"))
                try c.encode(2, forKey: AnyKey("\u{212A}"))
                try c.encode(3, forKey: AnyKey("e\u{301}"))
                try c.encode(4, forKey: AnyKey("é"))
            })
        // A single value followed by a keyed container (Foundation merges them).
        assertSameEncoding(
            Custom { encoder in
                var s = encoder.singleValueContainer()
                try s.encode(["x": 1])
                var k = encoder.container(keyedBy: AnyKey.self)
                try k.encode(2, forKey: AnyKey("a"))
            })
        // An error the model catches before going on. (One per value: Foundation traps
        // after two failed nested values in one container.)
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                try c.encode(1, forKey: AnyKey("a"))
                try? c.encode(Double.nan, forKey: AnyKey("bad"))
                try c.encode(2, forKey: AnyKey("b"))
            })
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                try? c.encode(Box(value: Double.infinity), forKey: AnyKey("bad"))
                try c.encode(2, forKey: AnyKey("b"))
            })
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                try c.encode(1, forKey: AnyKey("a"))
                try? c.encode([1, .nan], forKey: AnyKey("bad"))
                try c.encode(2, forKey: AnyKey("b"))
            })
        assertSameEncoding(
            Custom { encoder in
                var u = encoder.unkeyedContainer()
                try? u.encode(Box(value: Float.nan))
                try u.encode(1)
            })
        assertSameEncoding(
            Box(
                value: Custom { encoder in
                    var c = encoder.container(keyedBy: AnyKey.self)
                    try c.encode(1, forKey: AnyKey("a"))
                    try? c.encode(Box(value: Double.nan), forKey: AnyKey("bad"))
                }))
        assertSameEncoding(
            [
                Custom { encoder in
                    var u = encoder.unkeyedContainer()
                    try? u.encode([Double.infinity])
                }
            ])
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                try? c.encode(JSONValue.array([1, .double(.nan)]), forKey: AnyKey("j"))
                try c.encode(2, forKey: AnyKey("b"))
            })
    }

    func testErrors() {
        assertSameEncoding(Double.nan)
        assertSameEncoding(-Double.infinity)
        assertSameEncoding(Float.infinity)
        assertSameEncoding(Box(value: Double.nan))
        assertSameEncoding(["a": ["b": Double.infinity]])
        assertSameEncoding(["a": [1.0, .nan]])
        assertSameEncoding(["a": [1.0, .nan] as [Double?]])
        assertSameEncoding(["a": [Float(1), -.infinity]])
        assertSameEncoding([1: ["2": Double.nan]])
        assertSameEncoding(Box(value: Date(timeIntervalSinceReferenceDate: .nan)))
        assertSameEncoding(OptionalScalars(d: .nan))
        assertSameEncoding(OptionalScalars(f: -.infinity))
        assertSameEncoding(OptionalScalars(j: ["x": [.double(.infinity)]]))
        assertSameEncoding(JSONValue.double(.nan))
        assertSameEncoding(JSONValue.object(["a": .array([.int(1), .object(["b": .double(-.infinity)])])]))
        assertSameEncoding([JSONValue.double(.nan)])
        // The error path leaves out keys of nested containers, as Foundation's does.
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.container(keyedBy: AnyKey.self)
                var n = c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("nested"))
                try n.encode(Double.nan, forKey: AnyKey("x"))
            })
        assertSameEncoding(
            Box(
                value: Custom { encoder in
                    var c = encoder.container(keyedBy: AnyKey.self)
                    var n = c.nestedUnkeyedContainer(forKey: AnyKey("list"))
                    try n.encode(1.0)
                    try n.encode(Float.nan)
                }))
        assertSameEncoding(
            Custom { encoder in
                var c = encoder.unkeyedContainer()
                var n = c.nestedContainer(keyedBy: AnyKey.self)
                try n.encode(Box(value: Double.nan), forKey: AnyKey("x"))
            })
        assertSameEncoding(
            Custom { encoder in
                var s = encoder.singleValueContainer()
                try s.encode(["k": [1.0, .nan]])
            })
        // Errors thrown by models pass through unchanged.
        struct ModelError: Error, CustomStringConvertible {
            var description: String { "model error" }
        }
        assertSameEncoding(
            Box(
                value: Custom { encoder in
                    var c = encoder.container(keyedBy: AnyKey.self)
                    try c.encode(1, forKey: AnyKey("a"))
                    throw ModelError()
                }))
        assertSameEncoding(
            Custom { _ in
                throw EncodingError.invalidValue(
                    1, EncodingError.Context(codingPath: [AnyKey("custom")], debugDescription: "custom"))
            })
    }

    func testNestingDepthLimit() {
        for depth in [1, 2, 100, 510, 511, 512, 513, 600] {
            assertSameEncoding(Nest(depth: depth, leaf: .none), "arrays \(depth)")
            assertSameEncoding(Nest(depth: depth, leaf: .ints), "arrays + [Int] \(depth)")
            assertSameEncoding(Nest(depth: depth, leaf: .strings), "arrays + [String] \(depth)")
            assertSameEncoding(Nest(depth: depth, leaf: .map), "arrays + [String: String] \(depth)")
            assertSameEncoding(Nest(depth: depth, leaf: .nothing), "arrays + {} \(depth)")
            assertSameEncoding(Nest(depth: depth, leaf: .data), "arrays + Data \(depth)")
            assertSameEncoding(Nest(depth: depth, leaf: .nan), "arrays + NaN \(depth)")
            var v = JSONValue.int(1)
            for i in 0..<depth { v = i % 2 == 0 ? .array([v]) : .object(["k": v]) }
            assertSameEncoding(v, "JSONValue \(depth)")
            assertSameEncoding(["outer": v], "JSONValue in a map \(depth)")
        }
    }

    func testRandomJSONValues() {
        var rng = SeededGenerator(seed: 5)
        func randomValue(_ depth: Int) -> JSONValue {
            let pick = Int.random(in: 0..<(depth > 5 ? 6 : 9), using: &rng)
            switch pick {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &rng))
            case 2:
                return .int(
                    Int64.random(in: Int64.min...Int64.max, using: &rng) >> Int64.random(in: 0...63, using: &rng))
            case 3:
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: return .double(Double(Int64.random(in: -1_000_000...1_000_000, using: &rng)))
                case 1: return .double(Double.random(in: -1e6...1e6, using: &rng))
                case 2:
                    let d = Double(bitPattern: rng.next())
                    return .double(d.isFinite ? d : 0.5)
                default: return .double(Double(Int64.random(in: -(1 << 60)...(1 << 60), using: &rng)))
                }
            case 4, 5: return .string(NastyText.random(&rng))
            case 6, 7:
                var o = [String: JSONValue]()
                for _ in 0..<Int.random(in: 0...6, using: &rng) {
                    o[NastyText.random(&rng, maxPieces: 3)] = randomValue(depth + 1)
                }
                return .object(o)
            default:
                return .array((0..<Int.random(in: 0...5, using: &rng)).map { _ in randomValue(depth + 1) })
            }
        }
        for i in 0..<400 {
            let v = randomValue(0)
            assertSameEncoding(v, "random \(i)")
            assertSameEncoding(DynamicObject(v), "random dynamic \(i)")
            assertSameEncoding(Box(value: v), "random boxed \(i)")
        }
    }

    func testKubernetesModels() throws {
        try assertModel(StatefulSet.self, Fixtures.statefulSet)
        try assertModel(Pod.self, Fixtures.pod)
        for (type, json) in ModelFixtures.all {
            try type.assertSame(json)
        }
        // Lists and watch events of models, and hand-built objects.
        let sts = try KubeJSON.decode(StatefulSet.self, from: Data(Fixtures.statefulSet.utf8))
        let pod = try KubeJSON.decode(Pod.self, from: Data(Fixtures.pod.utf8))
        assertSameEncoding(ObjectList(kind: "StatefulSetList", metadata: ListMeta(), items: [sts, sts]))
        assertSameEncoding(ObjectList<Pod>(items: []))
        assertSameEncoding(WatchLine(type: "MODIFIED", object: pod))
        assertSameEncoding(
            ConfigMap(
                metadata: ObjectMeta(
                    name: "odd", namespace: "ns", labels: ["b": "1", "a": "2", "A": "3", "a10": "", "a9": "\u{2028}"],
                    annotations: ["kubectl.kubernetes.io/last-applied-configuration": #"{"a":"b\/c"}"#, "": "empty"]),
                data: ["Z": "z", "a/b": "c\\d", "é": "e", "k\"q": "\u{0}\u{1F}", ".dotfile": "x\ny"]))
    }

    /// Every string, number and member of each fixture varied in turn (keeping only
    /// variations the model still decodes), encoded with both encoders.
    func testKubernetesModelsMutated() throws {
        var rng = SeededGenerator(seed: 6)
        try MutatingModel<StatefulSet>().run(Fixtures.statefulSet, rounds: 60, &rng)
        try MutatingModel<Pod>().run(Fixtures.pod, rounds: 60, &rng)
        for (type, json) in ModelFixtures.all {
            try type.mutate(json, 20, &rng)
        }
    }

    func testEncodedBytesAreStable() throws {
        // The hashes stored in clusters depend on these exact bytes.
        let cm = ConfigMap(
            metadata: ObjectMeta(name: "cm", namespace: "ns", labels: ["b": "2", "a": "1"]),
            data: ["x/y": "1\n2", "B": "é"])
        XCTAssertEqual(
            String(decoding: try KubeJSON.encode(cm), as: UTF8.self),
            #"{"apiVersion":"v1","data":{"B":"é","x/y":"1\n2"},"kind":"ConfigMap","#
                + #""metadata":{"labels":{"a":"1","b":"2"},"name":"cm","namespace":"ns"}}"#)
        XCTAssertEqual(try KubeJSON.encode(cm), try foundationEncode(cm))
    }
}

// MARK: - More test types

private class Base: Encodable {
    var baseField = "base"
    enum BaseKeys: String, CodingKey { case baseField }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: BaseKeys.self)
        try c.encode(baseField, forKey: .baseField)
    }
}

private final class Derived: Base, @unchecked Sendable {
    var derivedField = 2
    enum DerivedKeys: String, CodingKey { case derivedField }
    override func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DerivedKeys.self)
        try c.encode(derivedField, forKey: .derivedField)
        try super.encode(to: encoder)
    }
}

private final class SubclassWithSuper: Base, @unchecked Sendable {
    var own = [1, 2]
    enum Keys: String, CodingKey { case own }
    override func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(own, forKey: .own)
        try super.encode(to: c.superEncoder())
    }
}

/// A watch stream line.
private struct WatchLine<T: Codable>: Codable {
    var type: String
    var object: T
}

/// `depth` nested arrays around a leaf.
private struct Nest: Encodable {
    enum Leaf { case none, ints, strings, map, nothing, data, nan }
    var depth: Int
    var leaf: Leaf
    func encode(to encoder: any Encoder) throws {
        var u = encoder.unkeyedContainer()
        if depth > 1 {
            try u.encode(Nest(depth: depth - 1, leaf: leaf))
            return
        }
        switch leaf {
        case .none: try u.encode(1)
        case .ints: try u.encode([1, 2])
        case .strings: try u.encode(["a"])
        case .map: try u.encode(["k": "v"])
        case .nothing: try u.encode(Nothing())
        case .data: try u.encode(Data([1, 2]))
        case .nan: try u.encode([Double.nan])
        }
    }
}

private func assertModel<T: Codable>(
    _ type: T.Type, _ json: String, file: StaticString = #filePath, line: UInt = #line
) throws {
    let value = try KubeJSON.decode(T.self, from: Data(json.utf8))
    assertSameEncoding(value, "fixture", file: file, line: line)
    // Also through Foundation's decoder, and as an untyped object.
    assertSameEncoding(try JSONDecoder().decode(T.self, from: Data(json.utf8)), "fixture", file: file, line: line)
    assertSameEncoding(try JSONValue.parse(Data(json.utf8)), "fixture as JSONValue", file: file, line: line)
}

/// A model type with its fixture, type-erased.
struct ModelCase: Sendable {
    var assertSame: @Sendable (String) throws -> Void
    var mutate: @Sendable (String, Int, inout SeededGenerator) throws -> Void

    static func of<T: Codable & SendableMetatype>(_: T.Type) -> ModelCase {
        ModelCase(
            assertSame: { try assertModel(T.self, $0) },
            mutate: { json, rounds, rng in try MutatingModel<T>().run(json, rounds: rounds, &rng) })
    }
}

/// Varies a fixture: strings (with escapes and non-ASCII text), integers, booleans,
/// removed members and extra map entries; each variation the model still decodes
/// is encoded with both encoders.
struct MutatingModel<T: Codable> {
    func decodes(_ v: JSONValue) -> T? {
        try? KubeJSON.decode(T.self, from: v.serialized())
    }

    func run(_ json: String, rounds: Int, _ rng: inout SeededGenerator) throws {
        var doc = try JSONValue.parse(Data(json.utf8))
        let paths = leafPaths(doc, [])
        for _ in 0..<rounds {
            var candidate = doc
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let path = paths[Int.random(in: 0..<paths.count, using: &rng)]
                mutate(&candidate, path, &rng)
            }
            if let value = decodes(candidate) {
                assertSameEncoding(value, "\(T.self) variant \(candidate.jsonString)")
                doc = candidate
            }
        }
    }

    /// Paths (as object keys and array indices) of every scalar and container.
    func leafPaths(_ v: JSONValue, _ prefix: [PathStep]) -> [[PathStep]] {
        var result = [prefix]
        switch v {
        case .object(let o):
            for (k, e) in o { result += leafPaths(e, prefix + [.key(k)]) }
        case .array(let a):
            for (i, e) in a.enumerated() { result += leafPaths(e, prefix + [.index(i)]) }
        default: break
        }
        return result
    }

    enum PathStep {
        case key(String)
        case index(Int)
    }

    func mutate(_ v: inout JSONValue, _ path: [PathStep], _ rng: inout SeededGenerator) {
        guard let first = path.first else {
            switch v {
            case .string: v = .string(NastyText.random(&rng))
            case .int(let i):
                let choices: [Int64] = [0, 1, -1, i + 1, Int64(Int32.max), Int64.random(in: -1000...1000, using: &rng)]
                v = .int(choices[Int.random(in: 0..<choices.count, using: &rng)])
            case .bool(let b): v = .bool(!b)
            case .double: v = .double(Double.random(in: -1e6...1e6, using: &rng))
            case .object(var o):
                if Bool.random(using: &rng), let k = o.keys.randomElement(using: &rng) {
                    o[k] = nil
                } else {
                    o[NastyText.random(&rng, maxPieces: 3)] = .string(NastyText.random(&rng))
                }
                v = .object(o)
            case .array(var a):
                if !a.isEmpty, Bool.random(using: &rng) {
                    a.remove(at: Int.random(in: 0..<a.count, using: &rng))
                } else if let e = a.randomElement(using: &rng) {
                    a.append(e)
                }
                v = .array(a)
            case .null: v = .string(NastyText.random(&rng))
            }
            return
        }
        let rest = Array(path.dropFirst())
        switch (first, v) {
        case (.key(let k), .object(var o)):
            guard var child = o[k] else { return }
            mutate(&child, rest, &rng)
            o[k] = child
            v = .object(o)
        case (.index(let i), .array(var a)) where i < a.count:
            mutate(&a[i], rest, &rng)
            v = .array(a)
        default: return
        }
    }
}
