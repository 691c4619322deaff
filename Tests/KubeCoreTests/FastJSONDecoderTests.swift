import Foundation
import XCTest

@testable import KubeCore

// FastJSONDecoder must be a drop-in replacement for Foundation's JSONDecoder:
// every case here decodes the same input with both and compares values, or
// the DecodingError case, type and coding path.

// MARK: - Comparison helpers

/// A comparable summary of a decode outcome.
private enum Outcome: Equatable, CustomStringConvertible {
    case value(String)
    case keyNotFound(key: String, path: [String])
    case typeMismatch(type: String, path: [String])
    case valueNotFound(type: String, path: [String])
    case dataCorrupted(path: [String])
    case otherError(String)

    var description: String {
        switch self {
        case .value(let v): return "value(\(v))"
        case .keyNotFound(let k, let p): return "keyNotFound(\(k)) at \(p)"
        case .typeMismatch(let t, let p): return "typeMismatch(\(t)) at \(p)"
        case .valueNotFound(let t, let p): return "valueNotFound(\(t)) at \(p)"
        case .dataCorrupted(let p): return "dataCorrupted at \(p)"
        case .otherError(let e): return "error(\(e))"
        }
    }

    /// dataCorrupted paths differ on purpose (FastJSONDecoder names the value, Foundation reports []).
    var ignoringCorruptedPath: Outcome {
        if case .dataCorrupted = self { return .dataCorrupted(path: []) }
        return self
    }
}

private func pathStrings(_ path: [any CodingKey]) -> [String] {
    path.map { key in key.intValue.map { "\(key.stringValue)#\($0)" } ?? key.stringValue }
}

private func outcome<T: Decodable>(_ body: () throws -> T) -> Outcome {
    do {
        return .value(String(reflecting: try body()))
    } catch let error as DecodingError {
        switch error {
        case .keyNotFound(let key, let c): return .keyNotFound(key: key.stringValue, path: pathStrings(c.codingPath))
        case .typeMismatch(let t, let c): return .typeMismatch(type: "\(t)", path: pathStrings(c.codingPath))
        case .valueNotFound(let t, let c): return .valueNotFound(type: "\(t)", path: pathStrings(c.codingPath))
        case .dataCorrupted(let c): return .dataCorrupted(path: pathStrings(c.codingPath))
        @unknown default: return .otherError("\(error)")
        }
    } catch {
        return .otherError("\(error)")
    }
}

private func foundation<T: Decodable>(_ type: T.Type, _ bytes: Data) -> Outcome {
    outcome { try JSONDecoder().decode(T.self, from: bytes) }
}

private func fast<T: Decodable>(_ type: T.Type, _ bytes: Data) -> Outcome {
    outcome { try FastJSONDecoder().decode(T.self, from: bytes) }
}

/// Asserts both decoders agree on `json` decoded as `T`; returns the outcome.
@discardableResult
private func assertSame<T: Decodable>(
    _ type: T.Type, _ json: String, file: StaticString = #filePath, line: UInt = #line
) -> Outcome {
    assertSame(type, Data(json.utf8), label: json, file: file, line: line)
}

/// Equatable values are compared with `==` (descriptions of dictionaries depend on insertion order).
@discardableResult
private func assertSame<T: Decodable & Equatable>(
    _ type: T.Type, _ json: String, file: StaticString = #filePath, line: UInt = #line
) -> Outcome {
    assertSame(type, Data(json.utf8), label: json, file: file, line: line)
}

@discardableResult
private func assertSame<T: Decodable & Equatable>(
    _ type: T.Type, _ bytes: Data, label: String, file: StaticString = #filePath, line: UInt = #line
) -> Outcome {
    if let expected = try? JSONDecoder().decode(T.self, from: bytes),
        let actual = try? FastJSONDecoder().decode(T.self, from: bytes)
    {
        XCTAssertEqual(actual, expected, "\(T.self) from \(label)", file: file, line: line)
        return .value("\(actual)")
    }
    let expected = foundation(T.self, bytes)
    let actual = fast(T.self, bytes)
    XCTAssertEqual(
        actual.ignoringCorruptedPath, expected.ignoringCorruptedPath, "\(T.self) from \(label)", file: file, line: line)
    return actual
}

@discardableResult
private func assertSame<T: Decodable>(
    _ type: T.Type, _ bytes: Data, label: String, file: StaticString = #filePath, line: UInt = #line
) -> Outcome {
    let expected = foundation(T.self, bytes)
    let actual = fast(T.self, bytes)
    XCTAssertEqual(
        actual.ignoringCorruptedPath, expected.ignoringCorruptedPath, "\(T.self) from \(label)", file: file, line: line)
    return actual
}

// MARK: - Test models

private struct Scalars: Codable, Equatable {
    var b: Bool
    var s: String
    var i: Int
    var i8: Int8
    var i16: Int16
    var i32: Int32
    var i64: Int64
    var u: UInt
    var u8: UInt8
    var u16: UInt16
    var u32: UInt32
    var u64: UInt64
    var f: Float
    var d: Double
}

private struct OptionalScalars: Codable, Equatable {
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
}

private struct Inner: Codable, Equatable {
    var name: String
    var value: Int?
}

private struct Outer: Codable, Equatable {
    var id: Int
    var inner: Inner
    var maybe: Inner?
    var list: [Inner]
    var optionalList: [Inner]?
    var map: [String: Inner]
    var labels: [String: String]?
    var tags: [String]?
    var matrix: [[Int]]?
    var sparse: [Int?]?
    var nested: [String: [String: Int]]?
    var doubleOptional: Int??
}

private struct One<T: Codable & Equatable>: Codable, Equatable {
    var a: T
}

private struct OneOptional<T: Codable & Equatable>: Codable, Equatable {
    var a: T?
}

/// The usual hand-written int-or-string: try an integer, fall back to a string.
private enum IntOrString: Codable, Equatable {
    case int(Int32)
    case string(String)
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int32.self) {
            self = .int(i)
        } else {
            self = .string(try c.decode(String.self))
        }
    }
    func encode(to encoder: any Encoder) throws {}
}

/// Exercises nested containers, allKeys, contains, decodeNil and unkeyed iteration by hand.
private struct Manual: Decodable, Equatable {
    var keys: [String]
    var hasX: Bool
    var xIsNil: Bool?
    var point: [Int]
    var pair: [String]
    var paths: [String]
    var rest: [String]

    enum K: String, CodingKey { case x, point, pair, meta, items }
    enum MetaK: String, CodingKey { case name, labels }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: K.self)
        keys = c.allKeys.map(\.stringValue).sorted()
        hasX = c.contains(.x)
        xIsNil = hasX ? try c.decodeNil(forKey: .x) : nil
        var paths = [pathStrings(c.codingPath).joined(separator: "/")]
        var u = try c.nestedUnkeyedContainer(forKey: .point)
        paths.append(pathStrings(u.codingPath).joined(separator: "/"))
        var point = [Int]()
        while !u.isAtEnd {
            if try u.decodeNil() {
                point.append(-1)
            } else {
                point.append(try u.decode(Int.self))
            }
        }
        self.point = point
        let meta = try c.nestedContainer(keyedBy: MetaK.self, forKey: .meta)
        paths.append(pathStrings(meta.codingPath).joined(separator: "/"))
        let labels = try meta.nestedContainer(keyedBy: MetaK.self, forKey: .labels)
        paths.append(pathStrings(labels.codingPath).joined(separator: "/"))
        pair = [try meta.decode(String.self, forKey: .name)]
        var items = try c.nestedUnkeyedContainer(forKey: .items)
        var rest = [String]()
        while !items.isAtEnd {
            var inner = try items.nestedUnkeyedContainer()
            paths.append(pathStrings(inner.codingPath).joined(separator: "/"))
            while let s = try inner.decodeIfPresent(String.self) { rest.append(s) }
        }
        self.rest = rest
        self.paths = paths
    }
}

/// Records the coding path seen by nested decoders.
private struct PathRecorder: Decodable, Equatable {
    var path: String
    var children: [PathRecorder]
    enum K: String, CodingKey { case children }
    init(from decoder: any Decoder) throws {
        path = pathStrings(decoder.codingPath).joined(separator: "/")
        let c = try decoder.container(keyedBy: K.self)
        children = try c.decodeIfPresent([PathRecorder].self, forKey: .children) ?? []
    }
}

/// Reads past the end of an unkeyed container.
private struct ThreeInts: Decodable, Equatable {
    var values: [Int]
    init(from decoder: any Decoder) throws {
        var u = try decoder.unkeyedContainer()
        values = [try u.decode(Int.self), try u.decode(Int.self), try u.decode(Int.self)]
    }
}

/// decodeIfPresent past the end of an unkeyed container returns nil and still advances.
private struct PastEnd: Decodable, Equatable {
    var values: [Int?]
    var index: Int
    init(from decoder: any Decoder) throws {
        var u = try decoder.unkeyedContainer()
        values = [try u.decodeIfPresent(Int.self), try u.decodeIfPresent(Int.self), try u.decodeIfPresent(Int.self)]
        index = u.currentIndex
    }
}

private class Base: Decodable {
    var baseName: String
    enum K: String, CodingKey { case baseName }
    required init(from decoder: any Decoder) throws {
        baseName = try decoder.container(keyedBy: K.self).decode(String.self, forKey: .baseName)
    }
}

private final class Derived: Base, CustomDebugStringConvertible {
    var extra: Int
    var superPath: String
    enum DK: String, CodingKey { case extra, parent }
    required init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: DK.self)
        extra = try c.decode(Int.self, forKey: .extra)
        let sup = try c.superDecoder(forKey: .parent)
        superPath = pathStrings(sup.codingPath).joined(separator: "/")
        try super.init(from: sup)
    }
    var debugDescription: String { "Derived(\(baseName), \(extra), \(superPath))" }
}

private final class DefaultSuper: Decodable, CustomDebugStringConvertible {
    var value: String?
    var path: String
    enum K: String, CodingKey { case value }
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: K.self)
        let sup = try c.superDecoder()
        path = pathStrings(sup.codingPath).joined(separator: "/")
        let s = try sup.singleValueContainer()
        value = s.decodeNil() ? nil : try s.decode(String.self)
    }
    var debugDescription: String { "DefaultSuper(\(value ?? "nil"), \(path))" }
}

private struct Specials: Codable, Equatable {
    var data: Data
    var url: URL
    var decimal: Decimal
    var date: Date
}

private struct Big: Codable, Equatable {
    var i128: Int128
    var u128: UInt128
}

/// Escapes its decoder; used after decoding returns.
private final class Escaper: Decodable {
    nonisolated(unsafe) static var saved: (any Decoder)?
    nonisolated(unsafe) static var savedContainer: KeyedDecodingContainer<InnerKeys>?
    init(from decoder: any Decoder) throws {
        Escaper.saved = decoder
        Escaper.savedContainer = try decoder.container(keyedBy: InnerKeys.self)
    }
}

private enum InnerKeys: String, CodingKey { case name, value }

// MARK: - Tests

final class FastJSONDecoderTests: XCTestCase {
    func testTopLevelFragments() {
        assertSame(Int.self, "42")
        assertSame(Int.self, " \n\t42\r\n ")
        assertSame(Int.self, "-0")
        assertSame(Double.self, "-0")
        assertSame(Double.self, "-0.0")
        assertSame(String.self, "\"hello\"")
        assertSame(Bool.self, "true")
        assertSame(Bool.self, "false")
        assertSame(Int?.self, "null")
        assertSame(String?.self, "\"x\"")
        assertSame([Int].self, "[]")
        assertSame([String: Int].self, "{}")
        assertSame(Int.self, "\"42\"")
        assertSame(String.self, "42")
        assertSame(Bool.self, "null")
        assertSame(Int.self, "null")
        assertSame([Int].self, "null")
        assertSame([Int].self, "{}")
        assertSame([String: Int].self, "[]")
        assertSame([String: Int].self, "null")
    }

    func testScalarsAndBoundaries() {
        let ok = """
            {"b":true,"s":"x","i":-9223372036854775808,"i8":-128,"i16":32767,"i32":-2147483648,
             "i64":9223372036854775807,"u":18446744073709551615,"u8":255,"u16":65535,"u32":4294967295,
             "u64":18446744073709551615,"f":3.4028235e38,"d":1.7976931348623157e308}
            """
        guard case .value = assertSame(Scalars.self, ok) else { return XCTFail("should decode") }
        assertSame(OptionalScalars.self, "{}")
        assertSame(OptionalScalars.self, #"{"b":null,"s":null,"i":null,"f":null,"d":null,"u64":null}"#)
        assertSame(OptionalScalars.self, #"{"b":false,"s":"","i":0,"f":0.1,"d":-2.5e-3,"u8":0,"i8":-1}"#)
        for json in [
            #"{"a":128}"#, #"{"a":-129}"#, #"{"a":1.0}"#, #"{"a":1e2}"#, #"{"a":1.5}"#, #"{"a":"1"}"#,
            #"{"a":true}"#, #"{"a":null}"#, #"{}"#, #"{"a":[]}"#, #"{"a":{}}"#, #"{"a":-0}"#, #"{"a":-0.0}"#,
            #"{"a":100e-2}"#, #"{"a":5e-1}"#, #"{"a":1E1}"#,
        ] {
            assertSame(One<Int8>.self, json)
            assertSame(OneOptional<Int8>.self, json)
            assertSame(One<UInt>.self, json)
            assertSame(OneOptional<UInt>.self, json)
        }
        for n in [
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "18446744073709551615", "18446744073709551616", "99999999999999999999", "1e18", "1E19", "1e19",
            "9.2233720368547758e18", "9007199254740993", "9.007199254740993e15", "12345678901234567.5",
            "1.5e300", "0.5e1", "-1.0", "2147483647.0", "2147483648.0", "1.0000000000000001", "0e-5", "-0e-5",
        ] {
            assertSame(Int64.self, n)
            assertSame(UInt64.self, n)
            assertSame(Int32.self, n)
            assertSame(Int.self, n)
            assertSame(Double.self, n)
            assertSame(Float.self, n)
        }
        for n in [
            "0.1", "1e39", "3.4028236e38", "1e-46", "1e-50", "1e400", "-1e400", "1e-400", "0e-400",
            "123456789012345678901234567890",
            "4.9e-324", "2.2250738585072014e-308", "0.30000000000000004", "-123.456e-7",
        ] {
            assertSame(Double.self, n)
            assertSame(Float.self, n)
            assertSame(One<Double>.self, #"{"a":\#(n)}"#)
        }
        // Foundation rejects a zero mantissa with some exponents ("0e5", "0.00e1") as Double; that is a
        // quirk of its underflow check, not JSON. FastJSONDecoder returns 0.
        XCTAssertEqual(try? FastJSONDecoder().decode(Double.self, from: Data("0e5".utf8)), 0)
        XCTAssertEqual(try? FastJSONDecoder().decode(Double.self, from: Data("0.00e1".utf8)), 0)
        assertSame(Bool.self, "1")
        assertSame(One<Bool>.self, #"{"a":null}"#)
        assertSame(OneOptional<Bool>.self, #"{"a":0}"#)
        assertSame(Double.self, "\"NaN\"")
    }

    func testWideIntegers() {
        assertSame(
            Big.self,
            #"{"i128":-170141183460469231731687303715884105728,"u128":340282366920938463463374607431768211455}"#)
        assertSame(Big.self, #"{"i128":170141183460469231731687303715884105728,"u128":1}"#)
        assertSame(Big.self, #"{"i128":1e20,"u128":-1}"#)
        assertSame(Int128.self, "12")
        assertSame([UInt128].self, "[1,2,null]")
    }

    func testNestedShapes() {
        let json = """
            {"id":1,"inner":{"name":"a","value":2},"maybe":null,
             "list":[{"name":"x"},{"name":"y","value":null},{"name":"z","value":3,"unknown":[1,{"deep":true}]}],
             "map":{"k1":{"name":"m"},"k2":{"name":"n","value":-7}},
             "labels":{"app":"web","tier":"front"},"tags":["a","b",""],
             "matrix":[[1,2],[],[3]],"sparse":[1,null,3],"nested":{"a":{"b":1},"c":{}},
             "doubleOptional":null,"extra":{"ignored":[null,true,false,"s",1.5]}}
            """
        guard case .value = assertSame(Outer.self, json) else { return XCTFail("should decode") }
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{}}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{},"doubleOptional":5}"#)
        assertSame(Outer.self, #"{"map":{},"list":[],"inner":{"value":1,"name":"reordered"},"id":2}"#)
        // Errors at every depth carry the same path.
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[{"name":"x"},{"value":1}],"map":{}}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[{"name":"x"},null],"map":{}}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{"k":{"name":5}}}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{"k":null}}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{},"labels":{"a":1}}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{},"labels":{"a":null}}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{},"labels":[]}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{},"tags":["a",1]}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{},"tags":["a",null]}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{},"tags":"a"}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{},"matrix":[[1],["x"]]}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{},"sparse":[null,"x"]}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[],"map":{},"nested":{"a":{"b":"c"}}}"#)
        assertSame(Outer.self, #"{"id":1,"inner":null,"list":[],"map":{}}"#)
        assertSame(Outer.self, #"{"id":1,"inner":[],"list":[],"map":{}}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":{},"map":{}}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":null,"map":{}}"#)
        assertSame(Outer.self, #"{"id":1,"inner":{"name":"a"},"list":[]}"#)
        assertSame(Outer.self, #"{"id":"1"}"#)
        assertSame(Outer.self, "[]")
        assertSame(Outer.self, "3")
        assertSame([Outer].self, #"[{"id":1,"inner":{"name":"a"},"list":[],"map":{}},{"id":2}]"#)
        assertSame([Int: String].self, #"{"1":"a","22":"b"}"#)
        assertSame([Int: String].self, #"{"1":"a","x":"b"}"#)
        assertSame([String: [String: [Int?]]].self, #"{"a":{"b":[1,null],"c":[]},"d":{}}"#)
        assertSame([String: Double].self, #"{"a":1,"b":2.5,"c":-0}"#)
        assertSame([[String]].self, #"[["a"],[],["b","c"]]"#)
    }

    func testStringsEscapesAndUnicode() {
        for s in [
            #""plain""#, #""""#, #""with \"quotes\" and \\ backslash \/ slash""#, #""\b\f\n\r\t""#,
            #""\u0041\u00e9\u4e2d\ud83d\ude00""#, "\"raw é 中 😀 café\"", #""\u0000 nul""#,
            #""tab\tin\tmiddle and a long tail to pass 8-byte scans""#,
            #""\ud800""#, #""\udc00x""#, #""\ud800\u0041""#, #""\uD83D\uDE00 upper-case hex""#,
            "\"a long ascii string over sixteen bytes with \\u00e9 an escape near the end\"",
        ] {
            assertSame(String.self, s)
            assertSame([String].self, "[\(s)]")
            assertSame([String: String].self, "{\"k\":\(s)}")
            assertSame(JSONValue.self, "{\"k\":\(s)}")
        }
        // Invalid UTF-8 inside strings: an error when decoded, ignored when skipped.
        let invalid = Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D])  // {"a":"\xFF\xFE"}
        assertSame(One<String>.self, invalid, label: "invalid UTF-8 value")
        assertSame(
            OneOptional<Int>.self, Data([0x7B, 0x22, 0x62, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]), label: "ignored")
        assertSame([String: String].self, invalid, label: "invalid UTF-8 in a map")
        let invalidKey = Data([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D])  // {"\xC3(":1}
        XCTAssertThrowsError(try FastJSONDecoder().decode([String: Int].self, from: invalidKey))
        XCTAssertThrowsError(try JSONDecoder().decode([String: Int].self, from: invalidKey))
    }

    func testKeysWithEscapesAndCanonicalEquivalence() {
        // Escaped keys match their unescaped coding keys.
        assertSame(Inner.self, #"{"n\u0061me":"escaped key","v\u0061lue":1}"#)
        assertSame(Inner.self, #"{"na\"me":"not it","name":"it"}"#)
        // Swift compares strings by canonical equivalence; so does Foundation's key dictionary.
        struct Cafe: Codable, Equatable {
            var café: Int
        }
        assertSame(Cafe.self, "{\"caf\\u00e9\":1}")
        assertSame(Cafe.self, "{\"cafe\\u0301\":2}")
        assertSame(Cafe.self, "{\"cafe\u{301}\":3}")
        assertSame(Cafe.self, "{\"café\":4}")
        struct Kelvin: Codable, Equatable {
            enum CodingKeys: String, CodingKey { case k = "\u{212A}" }
            var k: Int
        }
        assertSame(Kelvin.self, #"{"K":1}"#)
        assertSame([String: Int].self, "{\"caf\\u00e9\":1,\"cafe\u{301}\":2}")
    }

    func testDuplicateKeysFirstWins() {
        assertSame(Inner.self, #"{"name":"first","name":"second","value":1,"value":2}"#)
        assertSame(Inner.self, #"{"value":1,"name":"x","value":2}"#)
        assertSame([String: Int].self, #"{"a":1,"b":2,"a":3}"#)
        assertSame([String: String].self, #"{"a":"1","b":"2","a":"3"}"#)
        assertSame(JSONValue.self, #"{"a":1,"b":{"c":1,"c":2},"a":3}"#)
        assertSame(Inner.self, #"{"n\u0061me":"escaped first","name":"second"}"#)
        // Objects larger than the pairwise-check limit.
        var members = (0..<40).map { "\"k\($0)\":\($0)" }
        members.append("\"k7\":700")
        members.append("\"name\":\"n\"")
        assertSame([String: Int].self, "{" + members.dropLast().joined(separator: ",") + "}")
        assertSame(Inner.self, "{" + (members + ["\"name\":\"dup\""]).joined(separator: ",") + "}")
        // Same length, first and last byte: the signature collides but the keys differ.
        assertSame([String: Int].self, #"{"abxd":1,"abyd":2,"acxd":3}"#)
    }

    func testLargeMapsWithDuplicateOrEscapedKeysStayLinear() throws {
        // Decoded key by key through Dictionary.init(from:); must not be quadratic.
        let n = 20_000
        var members = (0..<n).map { #""k\u0041\#($0)":\#($0)"# }
        members.append(#""k\u00410":-1"#)
        let escaped = Data(("{" + members.joined(separator: ",") + "}").utf8)
        let start = Date()
        let decoded = try FastJSONDecoder().decode([String: Int].self, from: escaped)
        XCTAssertEqual(decoded.count, n)
        XCTAssertEqual(decoded["kA0"], 0)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertEqual(decoded, try JSONDecoder().decode([String: Int].self, from: escaped))
        let plain = Data(("{" + (0..<n).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + #","k0":-1}"#).utf8)
        XCTAssertEqual(try FastJSONDecoder().decode([String: Int].self, from: plain)["k0"], 0)
    }

    func testUnknownFieldsAndOrder() {
        var members = (0..<100).map { "\"unknown\($0)\":{\"x\":[\($0),\"s\",null,true]}" }
        members.insert("\"value\":42", at: 57)
        members.insert("\"name\":\"n\"", at: 3)
        assertSame(Inner.self, "{" + members.joined(separator: ",") + "}")
        assertSame(Inner.self, #"{"value":1,"name":"backwards"}"#)
        assertSame(Inner.self, #"{"Name":"case matters","name":"x"}"#)
        assertSame(Inner.self, #"{"":1,"name":"empty key"}"#)
        assertSame([String: Int].self, #"{"":1}"#)
    }

    func testCustomImplementations() {
        assertSame(One<IntOrString>.self, #"{"a":80}"#)
        assertSame(One<IntOrString>.self, #"{"a":"http"}"#)
        assertSame(One<IntOrString>.self, #"{"a":99999999999}"#)
        assertSame(One<IntOrString>.self, #"{"a":null}"#)
        assertSame(One<IntOrString>.self, #"{"a":true}"#)
        assertSame([IntOrString].self, #"[1,"x",2.0]"#)

        let manual = #"""
            {"x":null,"point":[1,null,3],"meta":{"name":"m","labels":{}},"items":[["a","b"],[],["c"]],"zzz":1}
            """#
        assertSame(Manual.self, manual)
        XCTAssertEqual(
            try? FastJSONDecoder().decode(Manual.self, from: Data(manual.utf8)).paths,
            ["", "point", "meta", "meta/labels", "items/Index 0#0", "items/Index 1#1", "items/Index 2#2"])
        assertSame(Manual.self, #"{"point":[1],"meta":{"name":"m","labels":{}},"items":[]}"#)
        assertSame(Manual.self, #"{"point":{},"meta":{"name":"m","labels":{}},"items":[]}"#)
        assertSame(Manual.self, #"{"point":[],"meta":{"labels":{}},"items":[]}"#)
        assertSame(Manual.self, #"{"point":[],"meta":{"name":"m","labels":[]},"items":[]}"#)
        assertSame(Manual.self, #"{"point":[],"meta":{"name":"m","labels":{}},"items":[[1]]}"#)
        assertSame(Manual.self, #"{"point":[],"meta":{"name":"m"},"items":[]}"#)
        assertSame(Manual.self, #"{"point":["x"],"meta":{"name":"m","labels":{}},"items":[]}"#)

        assertSame(PathRecorder.self, #"{"children":[{"children":[{}]},{"children":[]},{}]}"#)
        assertSame([String: PathRecorder].self, #"{"a":{"children":[{}]},"b":{}}"#)
        assertSame(ThreeInts.self, "[1,2,3,4]")
        assertSame(ThreeInts.self, "[1,2]")
        assertSame(ThreeInts.self, "[1,null,3]")
        assertSame(PastEnd.self, "[1]")
        assertSame(PastEnd.self, "[null,2,3,4]")
        assertSame(Derived.self, #"{"extra":1,"parent":{"baseName":"b"}}"#)
        assertSame(Derived.self, #"{"extra":1}"#)
        assertSame(Derived.self, #"{"extra":1,"parent":{"baseName":2}}"#)
        assertSame(DefaultSuper.self, #"{"super":"s"}"#)
        assertSame(DefaultSuper.self, #"{}"#)
    }

    func testFoundationSpecialTypes() {
        let json = #"{"data":"aGVsbG8=","url":"https://example.com/a?b=c","decimal":12.345,"date":1000.5}"#
        guard case .value = assertSame(Specials.self, json) else { return XCTFail("should decode") }
        assertSame(Specials.self, #"{"data":"not base64!","url":"https://x","decimal":1,"date":0}"#)
        assertSame(Specials.self, #"{"data":5,"url":"https://x","decimal":1,"date":0}"#)
        assertSame(Specials.self, #"{"data":null,"url":"https://x","decimal":1,"date":0}"#)
        assertSame(Specials.self, #"{"data":"","url":null,"decimal":1,"date":0}"#)
        assertSame(Specials.self, #"{"data":"","url":"https://x","decimal":"1","date":0}"#)
        assertSame(Specials.self, #"{"data":"","url":"https://x","decimal":null,"date":0}"#)
        assertSame(Specials.self, #"{"data":"","url":"https://x","decimal":1,"date":"2024-01-01"}"#)
        assertSame(Data.self, #""AAEC""#)
        assertSame(Date.self, "-1.5")
        assertSame(Decimal.self, "-0.0001")
        assertSame(URL.self, #""relative/path""#)
    }

    func testJSONValueMatchesCodableRoute() {
        for json in [
            "null", "true", "1", "-1", "1.0", "1e2", "1.5", "-0", "-0.0", "1e30", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "12345678901234567890123", "\"s\"", "[]", "{}",
            #"[1,"a",null,{"b":[true,false,1.25]}]"#,
            #"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"k:{\"name\":\"x\"}":{}}"#,
        ] {
            let expected = try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
            let actual = try? FastJSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
            XCTAssertEqual(actual, expected, json)
            XCTAssertNotNil(actual, json)
            // Also when reached through another type's init(from:).
            assertSame(DynamicObject.self, "{\"v\":\(json)}")
            assertSame(OneOptional<JSONValue>.self, "{\"a\":\(json)}")
        }
        assertSame(JSONValue.self, "1e400")
        assertSame(JSONValue.self, #"[1,1e400]"#)
        assertSame(JSONValue.self, #"{"a":1e400}"#)
        assertSame(One<JSONValue>.self, #"{"a":[{"b":1e400}]}"#)
        assertSame(JSONValue.self, Data([0x5B, 0x22, 0xFF, 0x22, 0x5D]), label: "[\"\\xFF\"]")
    }

    func testKubernetesTypes() throws {
        let json = """
            {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm","namespace":"ns","uid":"u-1",
             "resourceVersion":"42","generation":3,"creationTimestamp":"2024-05-01T12:00:00Z",
             "labels":{"a":"b"},"annotations":{"note":"x\\ny"},
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"d","uid":"u-2","controller":true}],
             "finalizers":["f"],"managedFields":[{"manager":"m","operation":"Apply","apiVersion":"v1",
             "time":"2024-05-01T12:00:01Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:k":{}}}}]},
             "data":{"k":"v"}}
            """
        struct ConfigMap: Codable, Equatable {
            var apiVersion: String?
            var kind: String?
            var metadata: ObjectMeta
            var data: [String: String]?
        }
        guard case .value = assertSame(ConfigMap.self, json) else { return XCTFail("should decode") }
        for list in [
            #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"1"},"items":[\#(json)]}"#,
            #"{"metadata":{},"items":null}"#,
        ] {
            let expected = try JSONDecoder().decode(ObjectList<ConfigMap>.self, from: Data(list.utf8))
            let actual = try FastJSONDecoder().decode(ObjectList<ConfigMap>.self, from: Data(list.utf8))
            XCTAssertEqual(actual.items, expected.items)
            XCTAssertEqual(actual.metadata, expected.metadata)
            XCTAssertEqual(actual.kind, expected.kind)
        }
        // Wrapped: comparing Status values with == recurses forever (StatusReason's rawValue uses ==).
        struct StatusBox: Decodable { var s: Status }
        assertSame(
            StatusBox.self,
            #"{"s":{"kind":"Status","status":"Failure","reason":"NotFound","code":404,"details":{"name":"x","causes":[{"field":"spec"}]}}}"#
        )
        assertSame(ConfigMap.self, #"{"metadata":{"creationTimestamp":"yesterday"}}"#)
        assertSame(ConfigMap.self, #"{"metadata":{"ownerReferences":[{"kind":"x"}]}}"#)
        assertSame(
            [Condition].self,
            #"[{"type":"Ready","status":"True","lastTransitionTime":"2024-05-01T12:00:00Z","reason":"r","message":""}]"#
        )
        assertSame(
            [Condition].self,
            #"[{"type":"Ready","status":"Maybe","lastTransitionTime":"2024-05-01T12:00:00Z","reason":"r","message":""}]"#
        )
        // KubeJSON.decode is the fast decoder.
        let decoded = try KubeJSON.decode(ConfigMap.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.metadata.managedFields?.first?.fieldsV1, ["f:data": [".": [:], "f:k": [:]]])
        XCTAssertEqual(decoded.metadata.annotations?["note"], "x\ny")
    }

    func testInvalidJSON() {
        for json in [
            "", " ", "{", "}", "[", "]", "[1 2]", #"{"a" 1}"#, #"{"a":}"#, #"{1:2}"#, #"{"a":1"#, #"{"a":"x"#,
            "tru", "nul", "fals", "truex", "01", "-", "1.", ".5", "+1", "1e", "-01", "1.e5", "NaN", "Infinity", "'a'",
            "[1]x", "{} {}", "\u{0B}{}", #"{"a":1}junk"#, #"{"a":[}"#, #"["\x"]"#, #"["\u12"]"#, #"["\u12zz"]"#,
            "[\"raw\ttab\"]", "[\"raw\nnewline\"]", #"{"a":1,}"#, "[1,]", "[,1]", #"{,"a":1}"#, "[1,,2]", "nulll",
        ] {
            let result = fast(Empty.self, Data(json.utf8))
            XCTAssertEqual(result, .dataCorrupted(path: []), "input: \(json)")
        }
        // Nesting up to 512 levels is accepted, as with Foundation.
        assertSame(
            Empty.self, "{\"x\":" + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}")
        assertSame(
            Empty.self, "{\"x\":" + String(repeating: "[", count: 512) + String(repeating: "]", count: 512) + "}")
        assertSame(Empty.self, String(repeating: "[", count: 100_000))
    }

    func testStricterThanFoundationOnMalformedInput() {
        // Documented difference: Foundation tolerates these inside values the model skips.
        for json in [#"{"a":1,}"#, #"{"b":[1,]}"#, #"{"b":"\x"}"#, #"{"b":01}"#, "{\"b\":\"\t\"}"] {
            XCTAssertNoThrow(try JSONDecoder().decode(Empty.self, from: Data(json.utf8)), json)
            XCTAssertThrowsError(try FastJSONDecoder().decode(Empty.self, from: Data(json.utf8)), json)
        }
    }

    func testEncodingsAndBOM() {
        assertSame(Inner.self, Data([0xEF, 0xBB, 0xBF]) + Data(#"{"name":"bom"}"#.utf8), label: "UTF-8 BOM")
        let utf16 = Data(#"{"name":"utf16","value":7}"#.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        assertSame(Inner.self, utf16, label: "UTF-16LE")
        assertSame(Inner.self, Data([0xFF, 0xFE]) + utf16, label: "UTF-16LE with BOM")
        assertSame(Int.self, Data("7".utf8), label: "single byte")
        assertSame(Int.self, Data(), label: "empty")
    }

    func testDataSlicesAndUnsafeBuffer() throws {
        let full = Data(#"xx{"name":"slice","value":1}yy"#.utf8)
        let slice = full[full.startIndex + 2..<full.endIndex - 2]
        XCTAssertEqual(try FastJSONDecoder().decode(Inner.self, from: slice), Inner(name: "slice", value: 1))
        let bytes = Array(#"{"name":"raw"}"#.utf8)
        let v = try bytes.withUnsafeBytes { try FastJSONDecoder().decode(Inner.self, from: $0) }
        XCTAssertEqual(v, Inner(name: "raw", value: nil))
    }

    func testEscapedDecoderStaysValid() throws {
        var bytes = Data(#"{"name":"kept","value":9}"#.utf8)
        _ = try FastJSONDecoder().decode(Escaper.self, from: bytes)
        bytes.resetBytes(in: 0..<bytes.count)  // the caller's buffer is gone
        let decoder = try XCTUnwrap(Escaper.saved)
        let c = try decoder.container(keyedBy: InnerKeys.self)
        XCTAssertEqual(try c.decode(String.self, forKey: .name), "kept")
        XCTAssertEqual(try Escaper.savedContainer?.decode(Int.self, forKey: .value), 9)
        Escaper.saved = nil
        Escaper.savedContainer = nil
    }

    func testUserInfoIsPassed() throws {
        struct Reader: Decodable {
            var seen: String
            static let key = CodingUserInfoKey(rawValue: "tenant")!
            init(from decoder: any Decoder) throws { seen = decoder.userInfo[Reader.key] as? String ?? "none" }
        }
        let d = FastJSONDecoder(userInfo: [Reader.key: "t1"])
        XCTAssertEqual(try d.decode(Reader.self, from: Data("{}".utf8)).seen, "t1")
    }

    func testLargeDocumentMatchesFoundation() throws {
        var items = [String]()
        for i in 0..<2_000 {
            items.append(
                #"{"id":\#(i),"inner":{"name":"n\#(i) é","value":\#(i * 7)},"list":[{"name":"\#(i)"}],"map":{"k":{"name":"v"}},"labels":{"a":"\#(i)","b":"x"},"tags":["t"],"sparse":[\#(i),null],"unknown":{"x":[1,2,3]}}"#
            )
        }
        let data = Data(("[" + items.joined(separator: ",") + "]").utf8)
        XCTAssertEqual(
            try FastJSONDecoder().decode([Outer].self, from: data), try JSONDecoder().decode([Outer].self, from: data))
    }
}

private struct Empty: Codable, Equatable {}
