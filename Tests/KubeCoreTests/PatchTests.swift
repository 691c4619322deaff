import XCTest

@testable import KubeCore

final class JSONMergePatchTests: XCTestCase {
    func j(_ s: String) throws -> JSONValue { try JSONValue.parse(Data(s.utf8)) }

    func testRFC7386Examples() throws {
        // The test cases of RFC 7386 appendix A.
        let cases: [(String, String, String)] = [
            (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
            (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
            (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
            (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
            (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
            (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
            (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
            (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
            (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
            (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
            (#"{"a":"foo"}"#, #"null"#, #"null"#),
            (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
            (#"{"e":null}"#, #"{"a":1}"#, #"{"a":1,"e":null}"#),
            (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
            (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
        ]
        for (target, patch, expected) in cases {
            XCTAssertEqual(
                JSONMergePatch.apply(try j(patch), to: try j(target)), try j(expected), "\(target) + \(patch)")
        }
    }

    func testDiff() throws {
        let a = try j(
            #"{"metadata":{"name":"x","labels":{"a":"1","b":"2"}},"spec":{"replicas":1,"ports":[1,2]},"gone":true}"#)
        let b = try j(
            #"{"metadata":{"name":"x","labels":{"a":"1","c":"3"}},"spec":{"replicas":2,"ports":[1,2]},"new":{"x":1}}"#)
        let patch = JSONMergePatch.diff(from: a, to: b)
        XCTAssertEqual(
            patch, try j(#"{"metadata":{"labels":{"b":null,"c":"3"}},"spec":{"replicas":2},"gone":null,"new":{"x":1}}"#)
        )
        XCTAssertEqual(JSONMergePatch.apply(patch, to: a), b)
        XCTAssertEqual(JSONMergePatch.diff(from: a, to: a), .object([:]))
        XCTAssertEqual(JSONMergePatch.diff(from: ["x": 1], to: ["x": 1.0]), .object([:]), "numbers compare by value")
        XCTAssertEqual(JSONMergePatch.diff(from: 1, to: 2), 2)
        XCTAssertEqual(JSONMergePatch.apply(JSONMergePatch.diff(from: 1, to: 1), to: 1), 1)
    }
}

final class JSONPatchTests: XCTestCase {
    func j(_ s: String) throws -> JSONValue { try JSONValue.parse(Data(s.utf8)) }

    func apply(_ doc: String, _ patch: String) throws -> JSONValue {
        try JSONPatch.apply(try j(patch), to: try j(doc))
    }

    func testOperations() throws {
        XCTAssertEqual(
            try apply(#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#),
            try j(#"{"foo":"bar","baz":"qux"}"#))
        XCTAssertEqual(
            try apply(#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#),
            try j(#"{"foo":["bar","qux","baz"]}"#))
        XCTAssertEqual(
            try apply(#"{"foo":[1]}"#, #"[{"op":"add","path":"/foo/-","value":2}]"#), try j(#"{"foo":[1,2]}"#))
        XCTAssertEqual(
            try apply(#"{"foo":[1]}"#, #"[{"op":"add","path":"/foo/1","value":2}]"#), try j(#"{"foo":[1,2]}"#))
        XCTAssertEqual(try apply(#"{"a":1}"#, #"[{"op":"add","path":"","value":[1]}]"#), try j("[1]"))
        XCTAssertEqual(try apply(#"{"a":1}"#, #"[{"op":"add","path":"/n","value":null}]"#), try j(#"{"a":1,"n":null}"#))
        XCTAssertEqual(
            try apply(#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#), try j(#"{"foo":"bar"}"#))
        XCTAssertEqual(
            try apply(#"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#),
            try j(#"{"foo":["bar","baz"]}"#))
        XCTAssertEqual(
            try apply(#"{"baz":"qux"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#), try j(#"{"baz":"boo"}"#))
        XCTAssertEqual(
            try apply(
                #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
                #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#),
            try j(#"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#))
        XCTAssertEqual(
            try apply(#"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#),
            try j(#"{"foo":["all","cows","eat","grass"]}"#))
        XCTAssertEqual(
            try apply(#"{"a":{"b":1}}"#, #"[{"op":"copy","from":"/a","path":"/c"}]"#),
            try j(#"{"a":{"b":1},"c":{"b":1}}"#))
        XCTAssertEqual(
            try apply(#"{"a":[1,2]}"#, #"[{"op":"test","path":"/a/1","value":2.0}]"#), try j(#"{"a":[1,2]}"#))
    }

    func testPointerEscapes() throws {
        let doc = #"{"metadata":{"labels":{"app.kubernetes.io/name":"x","a~b":"y"}}}"#
        XCTAssertEqual(
            try apply(
                doc,
                #"[{"op":"replace","path":"/metadata/labels/app.kubernetes.io~1name","value":"z"},{"op":"remove","path":"/metadata/labels/a~0b"}]"#
            ),
            try j(#"{"metadata":{"labels":{"app.kubernetes.io/name":"z"}}}"#))
        XCTAssertEqual(try JSONPointer(parsing: "/a~1b/c~0d").tokens, ["a/b", "c~d"])
        XCTAssertEqual(JSONPointer(tokens: ["a/b", "c~d"]).description, "/a~1b/c~0d")
        XCTAssertThrowsError(try JSONPointer(parsing: "a"))
        XCTAssertThrowsError(try JSONPointer(parsing: "/a~2"))
        XCTAssertEqual(try JSONPointer(parsing: "/").tokens, [""])
        XCTAssertEqual(try JSONPointer(parsing: "/a/0").resolve(in: try j(#"{"a":[5]}"#)), 5)
    }

    func testErrors() throws {
        func reason(_ doc: String, _ patch: String) -> JSONPatchError.Reason? {
            do {
                _ = try apply(doc, patch)
                return nil
            } catch let e as JSONPatchError {
                return e.reason
            } catch {
                return nil
            }
        }
        XCTAssertEqual(reason(#"{"a":1}"#, #"[{"op":"remove","path":"/b"}]"#), .pathNotFound)
        XCTAssertEqual(reason(#"{"a":1}"#, #"[{"op":"replace","path":"/b","value":1}]"#), .pathNotFound)
        XCTAssertEqual(reason(#"{"a":1}"#, #"[{"op":"add","path":"/x/y","value":1}]"#), .parentNotFound)
        XCTAssertEqual(reason(#"{"a":[1]}"#, #"[{"op":"add","path":"/a/5","value":1}]"#), .invalidArrayIndex("5"))
        XCTAssertEqual(reason(#"{"a":[1]}"#, #"[{"op":"add","path":"/a/01","value":1}]"#), .invalidArrayIndex("01"))
        XCTAssertEqual(
            reason(#"{"a":1}"#, #"[{"op":"test","path":"/a","value":2}]"#), .testFailed(expected: 2, actual: 1))
        XCTAssertEqual(reason(#"{"a":{"b":1}}"#, #"[{"op":"move","from":"/a","path":"/a/b/c"}]"#), .moveIntoDescendant)
        XCTAssertEqual(reason(#"{}"#, #"[{"op":"frob","path":"/a"}]"#), .unknownOperation("frob"))
        XCTAssertEqual(reason(#"{}"#, #"[{"op":"add","path":"/a"}]"#), .malformedOperation(#"missing "value""#))
        XCTAssertEqual(reason(#"{}"#, #"[{"op":"remove","path":""}]"#), .cannotRemoveRoot)
        XCTAssertEqual(
            reason(#"{}"#, #"{"op":"add"}"#), .malformedOperation("a JSON patch must be an array of operations"))
        // The failing operation is named, and the patch is atomic.
        do {
            _ = try apply(#"{"a":1}"#, #"[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":3}]"#)
            XCTFail("expected failure")
        } catch let e as JSONPatchError {
            XCTAssertEqual(e.index, 1)
            XCTAssertEqual(e.op, "test")
            XCTAssertTrue(e.description.contains("operation 1 (test \"/a\")"), e.description)
        }
    }

    func testCodableOperations() throws {
        let ops = try JSONDecoder().decode(
            [JSONPatchOperation].self,
            from: Data(#"[{"op":"add","path":"/a","value":null},{"op":"move","from":"/x","path":"/y"}]"#.utf8))
        XCTAssertEqual(ops[0].value, .some(.null), "an explicit null value is kept")
        XCTAssertEqual(ops[1].from?.description, "/x")
        XCTAssertEqual(
            String(decoding: try KubeJSON.encode(ops), as: UTF8.self),
            #"[{"op":"add","path":"/a","value":null},{"from":"/x","op":"move","path":"/y"}]"#)
        let built = [try JSONPatchOperation.test("/metadata/finalizers/0", "x"), try .remove("/metadata/finalizers/0")]
        XCTAssertEqual(
            try JSONPatch.apply(built, to: ["metadata": ["finalizers": ["x", "y"]]]),
            ["metadata": ["finalizers": ["y"]]])
    }
}
