import KubeCore
import XCTest

@testable import KubeAPIMachinery

final class SchemaCELTests: XCTestCase {
    private func eval(_ expression: String, self value: JSONValue = .null, schema: StructuralSchema? = nil) throws
        -> CELValue
    {
        let node = try CELParser.parse(expression)
        var checker = CELChecker(selfType: CELType.of(schema), source: expression)
        _ = try checker.check(node)
        return try CELInterpreter(variables: ["self": CELValue(json: value, schema: schema)]).eval(node)
    }

    private func assertTrue(
        _ expression: String, self value: JSONValue = .null, file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            let v = try eval(expression, self: value)
            XCTAssertEqual(v.boolValue, true, expression, file: file, line: line)
        } catch {
            XCTFail("\(expression): \(error)", file: file, line: line)
        }
    }

    private func runtimeError(_ expression: String, self value: JSONValue = .null) -> String? {
        do {
            _ = try eval(expression, self: value)
            return nil
        } catch let e as CELRuntimeError {
            return e.message
        } catch {
            return "compile: \(error)"
        }
    }

    func testLiteralsOperatorsAndPrecedence() {
        assertTrue("1 + 2 * 3 == 7")
        assertTrue("(1 + 2) * 3 == 9")
        assertTrue("7 / 2 == 3 && 7 % 2 == 1")
        assertTrue("-3 < -2 && !(1 > 2)")
        assertTrue("1.5 + 1.0 == 2.5")
        assertTrue("2u * 3u == 6u")
        assertTrue("0x10 == 16")
        assertTrue("1 == 1.0 && 2 < 2.5 && 3u > 2")
        assertTrue("'a' + \"b\" == 'ab'")
        assertTrue("r'\\d' == '\\\\d'")
        assertTrue("'''multi\nline''' == 'multi\\nline'")
        assertTrue("true ? 'yes' == 'yes' : false")
        assertTrue("false || true && true")
        assertTrue("null == null")
        assertTrue("[1, 2] + [3] == [1, 2, 3]")
        assertTrue("{'a': 1}['a'] == 1")
        assertTrue("'b' in ['a', 'b'] && !('c' in ['a', 'b']) && 'k' in {'k': 1}")
        assertTrue("// a comment\n 1 == 1")
    }

    func testStringAndListFunctions() {
        assertTrue("size('héllo') == 5 && 'héllo'.size() == 5")
        assertTrue("'team-a'.startsWith('team-') && 'x.yaml'.endsWith('.yaml') && 'abc'.contains('b')")
        assertTrue("'abc-123'.matches('^[a-z]+-[0-9]+$') && !'ABC'.matches('^[a-z]+$')")
        assertTrue("matches('abc', 'b')")
        assertTrue("'MiXed'.lowerAscii() == 'mixed' && 'MiXed'.upperAscii() == 'MIXED'")
        assertTrue("'  x '.trim() == 'x'")
        assertTrue("'a,b,c'.split(',') == ['a', 'b', 'c'] && ['a', 'b'].join('-') == 'a-b'")
        assertTrue("'hello'.substring(1, 3) == 'el' && 'hello'.indexOf('l') == 2 && 'hello'.lastIndexOf('l') == 3")
        assertTrue("'aaa'.replace('a', 'b', 2) == 'bba' && 'abc'.charAt(1) == 'b'")
        assertTrue("[1, 2, 3].isSorted() && [3, 1, 2].sum() == 6 && [3, 1, 2].min() == 1 && [3, 1, 2].max() == 3")
        assertTrue("[1, 2, 3].indexOf(2) == 1")
        assertTrue("string(1) == '1' && int('42') == 42 && double(1) == 1.0 && uint(3) == 3u && string(1.5) == '1.5'")
        assertTrue("type(1) == type(2)")
    }

    func testMacros() {
        let value: JSONValue = ["items": [["n": 1], ["n": 2], ["n": 3]], "m": ["a": 1, "b": 2]]
        assertTrue("self.items.all(i, i.n > 0)", self: value)
        assertTrue("self.items.exists(i, i.n == 2)", self: value)
        assertTrue("self.items.exists_one(i, i.n > 2)", self: value)
        assertTrue("self.items.map(i, i.n * 2) == [2, 4, 6]", self: value)
        assertTrue("self.items.map(i, i.n > 1, i.n) == [2, 3]", self: value)
        assertTrue("self.items.filter(i, i.n != 2).size() == 2", self: value)
        assertTrue("self.m.all(k, self.m[k] > 0) && self.m.exists(k, k == 'b')", self: value)
        assertTrue("has(self.items) && !has(self.missing)", self: value)
        // An error on one side of && / || is absorbed when the other side decides.
        assertTrue("false && self.missing == 1 || true", self: value)
        assertTrue("self.missing == 1 || true", self: value)
        assertTrue("[0, 1].exists(x, 1 / x == 1)")
    }

    func testRuntimeErrors() {
        XCTAssertEqual(runtimeError("self.a == 1", self: ["b": 1]), "no such key: a")
        XCTAssertEqual(runtimeError("1 / (1 - 1) == 0"), "division by zero")
        XCTAssertEqual(runtimeError("1 % (1 - 1) == 0"), "modulus by zero")
        XCTAssertEqual(runtimeError("9223372036854775807 + 1 > 0"), "integer overflow")
        XCTAssertEqual(runtimeError("[1][3] == 1"), "index out of bounds: 3")
    }

    func testCompileErrorsAreClear() throws {
        let schema = StructuralSchema(
            json: try SchemaFixtures.yaml("type: object\nproperties: {replicas: {type: integer}, name: {type: string}}")
        )
        func compileError(_ rule: String) -> String {
            do {
                let node = try CELParser.parse(rule)
                var checker = CELChecker(selfType: CELType.of(schema), source: rule)
                let t = try checker.check(node)
                return "ok: \(t)"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(
            compileError("self.foo == 1"), "ERROR: <input>:1:5: undefined field 'foo'\n | self.foo == 1\n | ....^")
        XCTAssertEqual(
            compileError("frob(self.name)"),
            "ERROR: <input>:1:1: undeclared reference to 'frob' (in container '')\n | frob(self.name)\n | ^")
        XCTAssertEqual(
            compileError("self.replicas + self.name"),
            "ERROR: <input>:1:15: found no matching overload for '_+_' applied to '(int, string)'\n | self.replicas + self.name\n | ..............^"
        )
        XCTAssertEqual(
            compileError("self.name.startsWith(1)"),
            "ERROR: <input>:1:10: found no matching overload for 'startsWith' applied to 'string.(int)'\n | self.name.startsWith(1)\n | .........^"
        )
        XCTAssertTrue(
            compileError("self.replicas >").hasPrefix("ERROR: <input>:1:16: Syntax error: mismatched input '<EOF>'"))
        XCTAssertTrue(compileError("self.name == 'open").contains("token recognition error"))
        XCTAssertEqual(compileError("self.replicas > 1"), "ok: bool")
        XCTAssertEqual(compileError("duration('1h') > duration('1m')"), "ok: bool")
        XCTAssertEqual(
            compileError("timestamp('2024-01-01T00:00:00Z') > timestamp('2023-01-01T00:00:00Z')")
                .components(separatedBy: "\n").first,
            "ERROR: <input>:1:1: undeclared reference to 'timestamp' (in container '')")
    }

    func testEscapedPropertyNames() throws {
        let schema = StructuralSchema(
            json: try SchemaFixtures.yaml(
                "type: object\nproperties: {foo-bar: {type: string}, namespace: {type: string}}"))
        let value: JSONValue = ["foo-bar": "x", "namespace": "ns"]
        XCTAssertEqual(
            try eval("self.foo__dash__bar == 'x' && self.__namespace__ == 'ns'", self: value, schema: schema).boolValue,
            true)
    }

    // MARK: Rules on the Widget CRD

    private func ruleErrors(_ spec: String, oldSpec: String? = nil) throws -> CustomResourceSchema.ValidationResult {
        let schema = try SchemaFixtures.widgetSchema()
        var object = try SchemaFixtures.widget(spec: spec)
        schema.prepareForRead(&object)
        var old: JSONValue?
        if let oldSpec {
            var o = try SchemaFixtures.widget(spec: oldSpec)
            schema.prepareForRead(&o)
            old = o
        }
        return schema.validate(object, oldObject: old)
    }

    func testRulesOnTheWidget() throws {
        XCTAssertEqual(
            try ruleErrors("size: small\nreplicas: 2\nminReplicas: 3\nowner: bob").errors.map(\.description),
            [
                #"spec.replicas: Invalid value: "object": replicas must be at least minReplicas"#,
                "spec.owner: Forbidden: owner bob must start with team-",
            ])
        let forbidden = try ruleErrors("size: small\nowner: bob").errors.first?.statusCause
        XCTAssertEqual(forbidden?.reason, "FieldValueForbidden")
        XCTAssertEqual(try ruleErrors("size: small\nowner: team-a").errors, [])
    }

    func testTransitionRulesRunOnlyOnUpdate() throws {
        XCTAssertEqual(try ruleErrors("size: small\nmode: fast").errors, [], "no old value on create")
        XCTAssertEqual(try ruleErrors("size: small\nmode: fast", oldSpec: "size: small\nmode: fast").errors, [])
        XCTAssertEqual(
            try ruleErrors("size: small\nmode: slow", oldSpec: "size: small\nmode: fast").errors.map(\.description),
            [#"spec.mode: Invalid value: "string": mode is immutable"#])
        XCTAssertEqual(try ruleErrors("size: small\nmode: slow", oldSpec: "size: small").errors, [], "no old mode")
    }

    func testRatchetedRuleFailuresBecomeWarnings() throws {
        // The rule's node (spec) changed: its failure is an error even though the fields it
        // reads did not change.
        let result = try ruleErrors(
            "size: large\nreplicas: 2\nminReplicas: 3", oldSpec: "size: small\nreplicas: 2\nminReplicas: 3")
        XCTAssertEqual(result.errors.count, 1)
        let unchanged = try ruleErrors(
            "size: small\nreplicas: 2\nminReplicas: 3\nowner: bob",
            oldSpec: "size: small\nreplicas: 2\nminReplicas: 3\nowner: bob")
        XCTAssertEqual(unchanged.errors, [])
        XCTAssertEqual(
            unchanged.warnings,
            [
                #"spec.replicas: Invalid value: "object": replicas must be at least minReplicas"#,
                "spec.owner: Forbidden: owner bob must start with team-",
            ])
    }

    func testRootRulesAndRuntimeErrorsInRules() throws {
        let schema = try CustomResourceSchema(
            openAPIV3Schema: try SchemaFixtures.yaml(
                """
                type: object
                x-kubernetes-validations:
                - rule: self.metadata.name.startsWith('w')
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                    - rule: self.a / self.b > 0
                    properties:
                      a: {type: integer}
                      b: {type: integer}
                """))
        let object: JSONValue = [
            "apiVersion": "x/v1", "kind": "K", "metadata": ["name": "z"], "spec": ["a": 1, "b": 0],
        ]
        XCTAssertEqual(
            schema.validate(object).errors.map(\.description),
            [
                #"<nil>: Invalid value: "object": failed rule: self.metadata.name.startsWith('w')"#,
                #"spec: Invalid value: "object": division by zero evaluating rule: self.a / self.b > 0"#,
            ])
    }

    func testRuleProblemsAreReportedWhenTheCRDIsWritten() throws {
        let base = FieldPath("spec", "versions").index(0).child("schema", "openAPIV3Schema")
        let errors = SchemaCheck.check(
            try SchemaFixtures.yaml(
                """
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                    - rule: self.nope > 1
                    - rule: self.n
                    - rule: self.count > 1
                      reason: Whatever
                    - rule: self.count > 1
                      fieldPath: .missing
                    properties:
                      count: {type: integer}
                      list:
                        type: array
                        items:
                          type: string
                          x-kubernetes-validations:
                          - rule: self == oldSelf
                """), at: base)
        XCTAssertEqual(
            errors.map(\.description),
            [
                #"spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[2].reason: Unsupported value: "Whatever": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired""#,
                #"spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[3].fieldPath: Invalid value: ".missing": fieldPath must be a valid path"#,
                // The items have no declaration errors: their rule is compiled.
                #"spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[list].items.x-kubernetes-validations[0].rule: Invalid value: "self == oldSelf": oldSelf cannot be used on the uncorrelatable portion of the schema within spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[list]"#,
            ])
        // Without the declaration errors, the rules are compiled.
        let compiled = SchemaCheck.check(
            try SchemaFixtures.yaml(
                """
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                    - rule: self.nope > 1
                    - rule: self.count
                    properties:
                      count: {type: integer}
                      list:
                        type: array
                        items:
                          type: string
                          x-kubernetes-validations:
                          - rule: self == oldSelf
                """), at: base)
        XCTAssertEqual(
            compiled.map(\.description),
            [
                #"spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[list].items.x-kubernetes-validations[0].rule: Invalid value: "self == oldSelf": oldSelf cannot be used on the uncorrelatable portion of the schema within spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[list]"#,
                #"spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: {"rule":"self.nope \u003e 1"}: compilation failed: ERROR: <input>:1:5: undefined field 'nope'"#
                    + "\n | self.nope > 1\n | ....^",
                #"spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[1].rule: Invalid value: {"rule":"self.count"}: cel expression must evaluate to a bool"#,
            ])
    }

    func testLiteralPatternsAreCheckedWhenTheCRDIsWritten() throws {
        let errors = SchemaCheck.check(
            try SchemaFixtures.yaml(
                """
                type: object
                properties:
                  name:
                    type: string
                    x-kubernetes-validations:
                    - rule: self.matches('[a-z')
                    - rule: self.matches('^[a-z]+$')
                """), at: FieldPath("openAPIV3Schema"))
        XCTAssertEqual(
            errors.map(\.description),
            [
                #"openAPIV3Schema.properties[name].x-kubernetes-validations[0].rule: Invalid value: {"rule":"self.matches('[a-z')"}: compilation failed: ERROR: <input>:1:14: error parsing regexp: missing closing ]: `[a-z`"#
                    + "\n | self.matches('[a-z')\n | .............^"
            ])
    }

    func testEveryVersionOfACRD() throws {
        let schemas = try CustomResourceSchema.versions(ofCustomResourceDefinition: SchemaFixtures.widgetCRD)
        XCTAssertEqual(Array(schemas.keys), ["v1"])
        var crd = SchemaFixtures.widgetCRD
        crd[path: ["spec", "versions"]] = [
            ["name": "v1", "schema": ["openAPIV3Schema": ["type": "object"]]],
            ["name": "v2", "schema": ["openAPIV3Schema": ["properties": [:]]]],
        ]
        XCTAssertThrowsError(try CustomResourceSchema.versions(ofCustomResourceDefinition: crd)) { error in
            XCTAssertEqual(
                (error as? CustomResourceSchema.InvalidSchema)?.errors.map(\.description),
                ["spec.versions[1].schema.openAPIV3Schema.type: Required value: must not be empty at the root"])
        }
    }
}
