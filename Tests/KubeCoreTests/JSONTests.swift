import XCTest

@testable import KubeCore

final class JSONParserTests: XCTestCase {
    func parse(_ s: String) throws -> JSONValue { try JSONValue.parse(Data(s.utf8)) }

    func offset(_ s: String) -> Int? {
        do {
            _ = try parse(s)
            return nil
        } catch let e as JSONSyntaxError {
            return e.offset
        } catch {
            return nil
        }
    }

    func testEscapes() throws {
        XCTAssertEqual(try parse(#""a\"b\\c\/d\b\f\n\r\t""#), .string("a\"b\\c/d\u{8}\u{c}\n\r\t"))
        XCTAssertEqual(try parse(#""\u00e9\u4e2d""#), .string("é中"))
        XCTAssertEqual(try parse(#""\ud83d\ude00""#), .string("😀"), "surrogate pair")
        XCTAssertEqual(try parse("\"😀 raw\""), .string("😀 raw"))
        XCTAssertNotNil(offset(#""\ud83d""#), "lone high surrogate")
        XCTAssertNotNil(offset(#""\ude00""#), "lone low surrogate")
        XCTAssertNotNil(offset(#""\ud83d\u0041""#), "high surrogate with a non-low")
        XCTAssertNotNil(offset(#""\x""#))
        XCTAssertNotNil(offset(#""\u12G4""#))
        XCTAssertNotNil(offset("\"a\nb\""), "raw control character")
        XCTAssertNotNil(offset(#""abc"#), "unterminated")
    }

    func testNumbers() throws {
        XCTAssertEqual(try parse("0"), .int(0))
        XCTAssertEqual(try parse("-12"), .int(-12))
        XCTAssertEqual(try parse("9223372036854775807"), .int(Int64.max))
        XCTAssertEqual(try parse("-9223372036854775808"), .int(Int64.min))
        XCTAssertEqual(try parse("9223372036854775808"), .double(9223372036854775808), "beyond Int64")
        XCTAssertEqual(try parse("1.5"), .double(1.5))
        XCTAssertEqual(try parse("1.0"), .double(1.0), "a fraction makes a double even when whole")
        XCTAssertEqual(try parse("1e3"), .double(1000))
        XCTAssertEqual(try parse("-2.5E-3"), .double(-0.0025))
        for bad in ["01", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "NaN", "Infinity", "1e400"] {
            XCTAssertNotNil(offset(bad), bad)
        }
    }

    func testStructureAndErrors() throws {
        let v = try parse(#" { "a" : [1, true, null, {"b": "c"}], "d": {} , "e": [] } "#)
        XCTAssertEqual(v, ["a": [1, true, nil, ["b": "c"]], "d": [:], "e": []])
        XCTAssertEqual(offset(#"{"a":1} x"#), 8, "trailing garbage is rejected at its offset")
        XCTAssertEqual(offset(#"{"a":1,}"#), 7)
        XCTAssertEqual(offset(#"[1,2"#), 4)
        XCTAssertEqual(offset(#"{"a" 1}"#), 5)
        XCTAssertEqual(offset(""), 0)
        XCTAssertEqual(offset("tru"), 0)
        XCTAssertEqual(offset("[1] [2]"), 4)
        XCTAssertNotNil(offset("{1:2}"))
        do {
            _ = try parse("[1,]")
        } catch let e as JSONSyntaxError {
            XCTAssertTrue(e.description.hasPrefix("invalid JSON at byte 3"), e.description)
        }
    }

    func testDeepNesting() throws {
        let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        XCTAssertNoThrow(try parse(ok))
        let tooDeep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try parse(tooDeep)) { e in
            XCTAssertTrue("\(e)".contains("nesting"), "\(e)")
        }
        let deepObjects = String(repeating: #"{"a":"#, count: 600) + "1" + String(repeating: "}", count: 600)
        XCTAssertThrowsError(try parse(deepObjects))
    }

    func testRoundTrip() throws {
        let value: JSONValue = [
            "s": "quote \" backslash \\ newline \n tab \t ctrl \u{1} unicode é 😀",
            "i": .int(Int64.max), "n": .int(Int64.min), "d": 1.25, "tiny": .double(Double.leastNonzeroMagnitude),
            "big": 1e300,
            "b": true, "z": nil, "a": [1, "two", [3], [:]], "o": ["nested": ["deep": [true, false]]],
        ]
        let data = value.serialized()
        XCTAssertEqual(try JSONValue.parse(data), value)
        // Keys are sorted, so equal values serialize equally.
        XCTAssertEqual((["b": 1, "a": 2] as JSONValue).jsonString, #"{"a":2,"b":1}"#)
        // Foundation's decoder agrees with ours on the same bytes.
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: data), value)
        // Whole doubles are written as integers, as Go writes float64 values.
        XCTAssertEqual(JSONValue.double(2).jsonString, "2")
        // Codable round trip through a typed value.
        struct T: Codable, Equatable {
            var name: String
            var count: Int64
        }
        let t = T(name: "x", count: 1 << 60)
        XCTAssertEqual(try JSONValue(encoding: t).decode(as: T.self), t)
    }

    func testPathAccess() {
        var v: JSONValue = ["metadata": ["name": "a"]]
        v[path: ["metadata", "labels", "app"]] = "web"
        XCTAssertEqual(v[path: ["metadata", "labels", "app"]], "web")
        v[path: ["spec", "missing"]] = nil
        XCTAssertNil(v["spec"], "removing a missing path creates nothing")
        v[path: ["metadata", "labels", "app"]] = nil
        XCTAssertEqual(v[path: ["metadata", "labels"]], [:])
        var scalar: JSONValue = 1
        scalar[path: ["a"]] = 2
        XCTAssertEqual(scalar, ["a": 2])
        var obj = DynamicObject(apiVersion: "v1", kind: "ConfigMap", name: "c")
        obj.raw["metadata"] = nil
        obj.labels = [:]
        XCTAssertNil(obj.raw["metadata"], "clearing labels on an object without metadata adds nothing")
    }
}
