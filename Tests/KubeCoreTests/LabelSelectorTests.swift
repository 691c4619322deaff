import XCTest

@testable import KubeCore

final class LabelSelectorTests: XCTestCase {
    func testParsesEveryForm() throws {
        let q = try LabelQuery(parsing: "app=web, tier==api,env!=prod,zone in (b,a),canary notin (true),stable,!legacy")
        XCTAssertEqual(q.requirements.count, 7)
        XCTAssertEqual(
            q.description, "app=web,canary notin (true),env!=prod,!legacy,stable,tier=api,zone in (a,b)")
        // The canonical form parses back to the same query.
        XCTAssertEqual(try LabelQuery(parsing: q.description), q)
    }

    func testMatches() throws {
        let labels = ["app": "web", "tier": "api", "zone": "a"]
        func m(_ s: String) throws -> Bool { try LabelQuery(parsing: s).matches(labels: labels) }
        XCTAssertTrue(try m(""))
        XCTAssertTrue(try m("app=web"))
        XCTAssertTrue(try m("app==web,tier=api"))
        XCTAssertFalse(try m("app=db"))
        XCTAssertTrue(try m("app!=db"))
        XCTAssertTrue(try m("missing!=x"), "!= matches an absent label")
        XCTAssertTrue(try m("zone in (a,b)"))
        XCTAssertFalse(try m("zone notin (a)"))
        XCTAssertTrue(try m("missing notin (a)"))
        XCTAssertFalse(try m("missing in (a)"))
        XCTAssertTrue(try m("app"))
        XCTAssertFalse(try m("!app"))
        XCTAssertTrue(try m("!missing"))
        XCTAssertFalse(try m("missing"))
        XCTAssertTrue(try LabelQuery(parsing: "n>3,n<10").matches(labels: ["n": "5"]))
        XCTAssertFalse(try LabelQuery(parsing: "n>3").matches(labels: ["n": "x"]))
    }

    func testEmptyValues() throws {
        let q = try LabelQuery(parsing: "a=,b in ()")
        XCTAssertTrue(q.matches(labels: ["a": "", "b": ""]))
        XCTAssertEqual(q.description, "a=,b in ()")
    }

    func testPrefixedKeys() throws {
        let q = try LabelQuery(parsing: "app.kubernetes.io/name=astrolift")
        XCTAssertTrue(q.matches(labels: ["app.kubernetes.io/name": "astrolift"]))
    }

    func testErrorsNamePositionAndProblem() {
        func err(_ s: String) -> SelectorError? {
            do {
                _ = try LabelQuery(parsing: s)
                return nil
            } catch let e as SelectorError {
                return e
            } catch {
                return nil
            }
        }
        let e1 = err("app in x")
        XCTAssertEqual(e1?.position, 7)
        XCTAssertTrue(e1?.description.contains("expected '('") ?? false, e1?.description ?? "")
        let e2 = err("app=web,")
        XCTAssertTrue(e2?.message.contains("after ','") ?? false)
        let e3 = err("app=web tier=x")
        XCTAssertEqual(e3?.position, 8)
        let e4 = err("-bad=x")
        XCTAssertEqual(e4?.position, 0)
        XCTAssertTrue(e4?.message.contains("invalid label key") ?? false)
        let e5 = err("a=b-")
        XCTAssertEqual(e5?.position, 2)
        XCTAssertTrue(e5?.message.contains("invalid label value") ?? false)
        XCTAssertNotNil(err("a in (x"))
        XCTAssertNotNil(err("a >"))
        XCTAssertNotNil(err("a>x"))
        XCTAssertNotNil(err("!a=b"))
        XCTAssertNotNil(err("=x"))
        XCTAssertNotNil(err("a" + String(repeating: "b", count: 63) + "=x"))
    }

    func testMetaLabelSelector() throws {
        let json = """
            {"matchLabels":{"app":"web"},"matchExpressions":[
              {"key":"tier","operator":"In","values":["db","api"]},
              {"key":"canary","operator":"DoesNotExist"}]}
            """
        let sel = try JSONDecoder().decode(LabelSelector.self, from: Data(json.utf8))
        XCTAssertEqual(try sel.selectorString(), "app=web,!canary,tier in (api,db)")
        XCTAssertTrue(sel.matches(labels: ["app": "web", "tier": "db"]))
        XCTAssertFalse(sel.matches(labels: ["app": "web", "tier": "db", "canary": "1"]))
        XCTAssertTrue(LabelSelector().matches(labels: [:]), "empty selector matches everything")
        XCTAssertFalse(LabelSelector.matches(nil, labels: [:]), "nil selector matches nothing")

        // Invalid expressions are rejected and match nothing.
        let bad = LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "a", operator: .in, values: [])])
        XCTAssertThrowsError(try bad.requirements())
        XCTAssertFalse(bad.matches(labels: ["a": "x"]))
        let bad2 = LabelSelector(matchExpressions: [
            LabelSelectorRequirement(key: "a", operator: .exists, values: ["x"])
        ])
        XCTAssertThrowsError(try bad2.requirements())

        // Encoding omits absent members.
        let encoded = String(decoding: try KubeJSON.encode(LabelSelector(matchLabels: ["a": "b"])), as: UTF8.self)
        XCTAssertEqual(encoded, #"{"matchLabels":{"a":"b"}}"#)
    }

    func testQueryToMetaSelector() throws {
        let q = try LabelQuery(parsing: "app=web,env!=prod,!old,x")
        let sel = try LabelSelector(q)
        XCTAssertEqual(sel.matchLabels, ["app": "web"])
        XCTAssertEqual(sel.matchExpressions?.count, 3)
        XCTAssertEqual(try sel.query().matches(labels: ["app": "web", "x": "1"]), true)
        XCTAssertThrowsError(try LabelSelector(LabelQuery(parsing: "n>1")))
    }

    func testQueryCodableAsString() throws {
        let q = try LabelQuery(matching: ["b": "2", "a": "1"])
        XCTAssertEqual(q.description, "a=1,b=2")
        let data = try JSONEncoder().encode(q)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #""a=1,b=2""#)
        XCTAssertEqual(try JSONDecoder().decode(LabelQuery.self, from: data), q)
    }
}

final class FieldSelectorTests: XCTestCase {
    func testParseRenderMatch() throws {
        let q = try FieldQuery(parsing: "metadata.namespace!=kube-system,metadata.name=web,status.phase==Running")
        XCTAssertEqual(q.description, "metadata.name=web,metadata.namespace!=kube-system,status.phase=Running")
        XCTAssertTrue(
            q.matches(fields: ["metadata.name": "web", "metadata.namespace": "default", "status.phase": "Running"]))
        XCTAssertFalse(
            q.matches(fields: ["metadata.name": "web", "metadata.namespace": "kube-system", "status.phase": "Running"]))
        XCTAssertTrue(FieldQuery().matches(fields: [:]))
        XCTAssertTrue(try FieldQuery(parsing: "spec.nodeName=").matches(fields: [:]), "absent field is empty")
    }

    func testEscapes() throws {
        let q = try FieldQuery(parsing: #"metadata.name=a\,b\=c\\d"#)
        XCTAssertEqual(q.requirements.first?.value, #"a,b=c\d"#)
        XCTAssertEqual(q.description, #"metadata.name=a\,b\=c\\d"#)
        XCTAssertEqual(FieldQuery.equals("f", "x,y").description, #"f=x\,y"#)
    }

    func testErrors() {
        XCTAssertThrowsError(try FieldQuery(parsing: "metadata.name")) { e in
            XCTAssertEqual((e as? SelectorError)?.position, 0)
            XCTAssertEqual((e as? SelectorError)?.kind, .field)
            XCTAssertTrue("\(e)".hasPrefix("invalid field selector \"metadata.name\" at position 0: "), "\(e)")
        }
        XCTAssertThrowsError(try FieldQuery(parsing: "a=b,c")) { e in
            XCTAssertEqual((e as? SelectorError)?.position, 4)
        }
        XCTAssertThrowsError(try FieldQuery(parsing: #"a=b\x"#))
        XCTAssertThrowsError(try FieldQuery(parsing: "a=b=c"))
        XCTAssertThrowsError(try FieldQuery(parsing: "=x"))
    }
}

final class ValidationTests: XCTestCase {
    func testDNSNames() {
        XCTAssertEqual(Validation.dns1123Label("my-name"), [])
        XCTAssertEqual(Validation.dns1123Label("123-abc"), [])
        XCTAssertEqual(
            Validation.dns1123Label("My_Name"),
            [
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
            ])
        XCTAssertEqual(
            Validation.dns1123Label(String(repeating: "a", count: 64)), ["must be no more than 63 characters"])
        XCTAssertFalse(Validation.dns1123Label("").isEmpty)
        XCTAssertFalse(Validation.dns1123Label("a.b").isEmpty)
        XCTAssertEqual(Validation.dns1123Subdomain("example.com"), [])
        XCTAssertFalse(Validation.dns1123Subdomain("example..com").isEmpty)
        XCTAssertFalse(Validation.dns1123Subdomain("-example.com").isEmpty)
        XCTAssertEqual(
            Validation.dns1123Subdomain(String(repeating: "a.", count: 127) + "a").first,
            "must be no more than 253 characters")
        XCTAssertTrue(Validation.dns1123Subdomain("Example.com").first?.contains("RFC 1123 subdomain") ?? false)
        XCTAssertEqual(Validation.dns1035Label("abc-123"), [])
        XCTAssertFalse(Validation.dns1035Label("1abc").isEmpty)
    }

    func testLabelKeysAndValues() {
        XCTAssertEqual(Validation.labelKey("app"), [])
        XCTAssertEqual(Validation.labelKey("app.kubernetes.io/name"), [])
        XCTAssertEqual(Validation.labelKey("My_Key.v1"), [])
        XCTAssertEqual(Validation.labelKey(String(repeating: "k", count: 63)), [])
        XCTAssertEqual(
            Validation.labelKey(String(repeating: "k", count: 64)), ["name part must be no more than 63 characters"])
        XCTAssertEqual(Validation.labelKey("/a"), ["prefix part must be non-empty"])
        XCTAssertEqual(
            Validation.labelKey("Example.com/a").first?.hasPrefix("prefix part a lowercase RFC 1123 subdomain"), true)
        XCTAssertEqual(Validation.labelKey("a/b/c").count, 1)
        XCTAssertTrue(Validation.labelKey("a/b/c").first?.hasPrefix("a qualified name must consist") ?? false)
        XCTAssertEqual(Validation.labelKey("").count, 2)
        XCTAssertFalse(Validation.labelKey("-a").isEmpty)
        XCTAssertFalse(Validation.labelKey("a b").isEmpty)
        XCTAssertEqual(Validation.labelValue(""), [])
        XCTAssertEqual(Validation.labelValue("my_value-1.0"), [])
        XCTAssertFalse(Validation.labelValue("a/b").isEmpty)
        XCTAssertFalse(Validation.labelValue("_a").isEmpty)
        XCTAssertEqual(
            Validation.labelValue(String(repeating: "v", count: 64)), ["must be no more than 63 characters"])
        XCTAssertEqual(
            Validation.labels(["ok": "fine", "bad key": "v"]),
            [
                "metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
            ])
    }
}
