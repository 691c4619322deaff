import XCTest

@testable import KubeCore

final class YAMLTests: XCTestCase {
    func testMultiDocumentAndScalarRules() throws {
        let text = """
            ---
            # only a comment
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cfg
              creationTimestamp: 2024-05-01T12:00:00Z
            data:
              quotedTrue: "true"
              quotedNum: '1'
              plainTrue: true
              yes: yes
              off: Off
              int: 42
              neg: -7
              hex: 0x1F
              octal: 0o17
              oldOctal: 017
              under: 1_000
              float: 1.5
              exp: 1e3
              dotFloat: .5
              nul: null
              tilde: ~
              empty:
              date: 2024-05-01
              big: 9223372036854775807
              bigger: 18446744073709551615
              str: hello world
              version: 1.2.3
              literal: |
                line one
                line two
              explicitStr: !!str 123
              explicitInt: !!int "12"
            ---
            ---
            - a
            - 1
            """
        let docs = try YAMLDocuments.parse(text)
        XCTAssertEqual(docs.count, 2, "empty documents are skipped")
        let d = try XCTUnwrap(docs.first?["data"])
        XCTAssertEqual(docs.first?[path: ["metadata", "creationTimestamp"]], .string("2024-05-01T12:00:00Z"))
        XCTAssertEqual(d["quotedTrue"], .string("true"))
        XCTAssertEqual(d["quotedNum"], .string("1"))
        XCTAssertEqual(d["plainTrue"], .bool(true))
        XCTAssertEqual(d["true"], .bool(true), "the key `yes` is the boolean true, written \"true\"")
        XCTAssertEqual(d["false"], .bool(false))
        XCTAssertEqual(d["int"], .int(42))
        XCTAssertEqual(d["neg"], .int(-7))
        XCTAssertEqual(d["hex"], .int(31))
        XCTAssertEqual(d["octal"], .int(15))
        XCTAssertEqual(d["oldOctal"], .int(15))
        XCTAssertEqual(d["under"], .int(1000))
        XCTAssertEqual(d["float"], .double(1.5))
        XCTAssertEqual(d["exp"], .double(1000))
        XCTAssertEqual(d["dotFloat"], .double(0.5))
        XCTAssertEqual(d["nul"], .null)
        XCTAssertEqual(d["tilde"], .null)
        XCTAssertEqual(d["empty"], .null)
        XCTAssertEqual(d["date"], .string("2024-05-01"), "timestamps stay strings")
        XCTAssertEqual(d["big"], .int(Int64.max))
        XCTAssertEqual(d["bigger"], .double(Double(UInt64.max)))
        XCTAssertEqual(d["str"], .string("hello world"))
        XCTAssertEqual(d["version"], .string("1.2.3"))
        XCTAssertEqual(d["literal"], .string("line one\nline two\n"))
        XCTAssertEqual(d["explicitStr"], .string("123"))
        XCTAssertEqual(d["explicitInt"], .int(12))
        XCTAssertEqual(docs[1], ["a", 1])
    }

    func testAnchorsAndMergeKeys() throws {
        let docs = try YAMLDocuments.parse(
            """
            base: &base
              a: 1
              b: 2
            derived:
              <<: *base
              b: 3
            list: [*base]
            """)
        XCTAssertEqual(docs.first?["derived"], ["a": 1, "b": 3])
        XCTAssertEqual(docs.first?["list"], [["a": 1, "b": 2]])
    }

    func testErrorsNameLineAndDocument() {
        XCTAssertThrowsError(try YAMLDocuments.parse("a: 1\n---\nb: [1, 2\nc: 3\n")) { error in
            let e = error as? YAMLError
            XCTAssertEqual(e?.document, 2)
            XCTAssertNotNil(e?.line)
            XCTAssertTrue("\(error)".contains("document 2"), "\(error)")
        }
        XCTAssertThrowsError(try YAMLDocuments.parse("a: 1\na: 2\n")) { error in
            XCTAssertTrue("\(error)".contains("duplicate key"), "\(error)")
            XCTAssertEqual((error as? YAMLError)?.line, 1)
        }
        XCTAssertThrowsError(try YAMLDocuments.parse("x: .inf\n")) { error in
            XCTAssertEqual((error as? YAMLError)?.line, 1)
        }
        XCTAssertThrowsError(try YAMLDocuments.parseObjects("- a\n"))
        XCTAssertThrowsError(try YAMLDocuments.parse("a: !!int abc\n"))
    }

    func testRenderLikeKubectl() throws {
        let value: JSONValue = [
            "kind": "ConfigMap",
            "apiVersion": "v1",
            "metadata": ["name": "cfg", "labels": ["app": "web"], "creationTimestamp": "2024-05-01T12:00:00Z"],
            "data": [
                "t": "true", "one": "1", "empty": "", "null": "null", "hex": "0x1", "y": "y", "plain": "hello",
                "multi": "a\nb\n", "colon": "a: b", "lead": "- x", "num": 3, "f": 1.5, "on": "on", "list": [],
                "obj": [:], "n": .null, "b": false, "version": "1.2.3", "sexa": "1:20",
            ],
            "items": [["name": "a"], ["name": "b"]],
        ]
        let yaml = YAMLDocuments.render(value)
        let expected = """
            apiVersion: v1
            data:
              b: false
              colon: 'a: b'
              empty: ""
              f: 1.5
              hex: "0x1"
              lead: '- x'
              list: []
              multi: |
                a
                b
              "n": null
              "null": "null"
              num: 3
              obj: {}
              "on": "on"
              one: "1"
              plain: hello
              sexa: "1:20"
              t: "true"
              version: 1.2.3
              "y": "y"
            items:
            - name: a
            - name: b
            kind: ConfigMap
            metadata:
              creationTimestamp: "2024-05-01T12:00:00Z"
              labels:
                app: web
              name: cfg

            """
        XCTAssertEqual(yaml, expected)
        // What is written reads back as the same value.
        XCTAssertEqual(try YAMLDocuments.parse(yaml), [value])
    }

    func testMultiDocumentRenderRoundTrip() throws {
        let docs: [JSONValue] = [["a": 1], ["b": ["c": "d"]], ["s": "multi\nline"]]
        let text = YAMLDocuments.render(docs)
        XCTAssertTrue(text.contains("---"))
        XCTAssertEqual(try YAMLDocuments.parse(text), docs)
    }

    func testExpandLists() throws {
        let docs = try YAMLDocuments.parse(
            """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: a}
            - apiVersion: v1
              kind: PodList
              items:
              - metadata: {name: p}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            """)
        XCTAssertEqual(docs.count, 2, "lists are not expanded by parse")
        let expanded = YAMLDocuments.expandLists(docs)
        XCTAssertEqual(expanded.map { $0["kind"]?.stringValue }, ["ConfigMap", "Pod", "Secret"])
        XCTAssertEqual(expanded[1]["apiVersion"], "v1")
    }

    func testTypedHelpers() throws {
        struct Thing: Codable, Equatable {
            var name: String
            var size: Quantity
        }
        let text = "name: a\nsize: 1Gi\n---\nname: b\nsize: 500m\n"
        let things = try YAMLDocuments.decode(Thing.self, from: text)
        XCTAssertEqual(things.map(\.name), ["a", "b"])
        XCTAssertEqual(things[0].size.description, "1Gi")
        XCTAssertEqual(try YAMLDocuments.render(encoding: things), "name: a\nsize: 1Gi\n---\nname: b\nsize: 500m\n")
        XCTAssertThrowsError(try YAMLDocuments.decodeSingle(Thing.self, from: text))
        XCTAssertThrowsError(try YAMLDocuments.decode(Thing.self, from: "name: x\n")) { error in
            XCTAssertEqual((error as? YAMLError)?.document, 1)
        }
        let objects = try YAMLDocuments.parseObjects("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n")
        XCTAssertEqual(objects.first?.name, "dev")
        XCTAssertEqual(objects.first?.gvk, GroupVersionKind(group: "", version: "v1", kind: "Namespace"))
    }

    func testNeedsQuotes() {
        for s in [
            "", "true", "False", "yes", "n", "1", "-1", "1.5", "0x1", "null", "~", "1e3", "2024-05-01", ".inf", "<<",
        ] {
            XCTAssertTrue(YAMLDocuments.needsQuotes(s), s)
        }
        for s in ["hello", "1.2.3", "v1", "web-1", "true1", "0xZZ"] {
            XCTAssertFalse(YAMLDocuments.needsQuotes(s), s)
        }
    }

    func testTrickyStringsRoundTrip() throws {
        let strings = [
            "- a", "a: b", "#x", "x #y", " lead", "trail ", "'q'", "\"dq\"", "@at", "`bt", "*star", "&amp", "!bang",
            "%pct", "|pipe", ">gt", "[x]", "{x}", "? q", "tab\tin", "é ünïcödé 😀", "ctrl\u{1}", "a\nb",
            "  indented\nlines\n",
            "trailing spaces \nx", "\n", "---", "...", "null\n", "0o17", "+1", ".5", "1_000", "Yes", "OFF", "~", "=",
            "<<", "1:20", "2024-05-01T12:00:00Z", "2024-13", "key: [1]", String(repeating: "long words ", count: 30),
        ]
        var object = [String: JSONValue]()
        for (i, s) in strings.enumerated() {
            object["k\(i)"] = .string(s)
            object[s] = .int(Int64(i))
        }
        let value = JSONValue.object(object)
        let text = YAMLDocuments.render(value)
        XCTAssertEqual(try YAMLDocuments.parse(text), [value], text)
        // Long lines are not folded.
        XCTAssertTrue(text.contains(String(repeating: "long words ", count: 29)))
    }
}
