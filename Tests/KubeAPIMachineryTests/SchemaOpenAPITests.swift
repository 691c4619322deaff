import KubeCore
import XCTest

@testable import KubeAPIMachinery

final class SchemaOpenAPITests: XCTestCase {
    private func specs() throws -> OpenAPISpecs {
        OpenAPISpecs(resources: OpenAPIResource.resources(ofCustomResourceDefinition: SchemaFixtures.widgetCRD))
    }

    /// Every `$ref` anywhere in a document, with the definitions it must resolve against.
    private func references(in value: JSONValue, into refs: inout [String]) {
        switch value {
        case .object(let o):
            for (k, v) in o {
                if k == "$ref", let s = v.stringValue { refs.append(s) } else { references(in: v, into: &refs) }
            }
        case .array(let a):
            for v in a { references(in: v, into: &refs) }
        default:
            break
        }
    }

    func testHashIsSHA256() {
        XCTAssertEqual(ContentHash.hex(Data()), "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")
        XCTAssertEqual(
            ContentHash.hex(Data("abc".utf8)), "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")
        XCTAssertEqual(
            ContentHash.hex(Data(repeating: 0x61, count: 1000)),
            "41EDECE42D63E8D9BF515A9BA6932E1C20CBC9F5A5D134645ADB5DB1B9737EA3")
    }

    func testBuiltinDefinitionsParseAndResolve() {
        XCTAssertGreaterThan(BuiltinOpenAPI.definitions.count, 40)
        for (name, schema) in BuiltinOpenAPI.definitions {
            for ref in OpenAPIConversion.references(in: schema) {
                XCTAssertNotNil(BuiltinOpenAPI.definitions[ref], "\(name) refers to missing \(ref)")
            }
        }
        for r in BuiltinOpenAPI.resources {
            XCTAssertNotNil(BuiltinOpenAPI.definitions[r.definitionName], r.kind)
        }
    }

    func testDefinitionNames() {
        XCTAssertEqual(
            OpenAPIResource.customDefinitionName(group: "example.io", version: "v1", kind: "Widget"),
            "io.example.v1.Widget")
        let r = OpenAPIResource.resources(ofCustomResourceDefinition: SchemaFixtures.widgetCRD)
        XCTAssertEqual(r.map(\.definitionName), ["com.example.v1.Widget"])
        XCTAssertEqual(r.map(\.listDefinitionName), ["com.example.v1.WidgetList"])
        XCTAssertEqual(r.first?.subresources, ["status"])
        XCTAssertEqual(r.first?.namespaced, true)
        XCTAssertEqual(BuiltinOpenAPI.resources.first?.listDefinitionName, "io.k8s.api.core.v1.ConfigMapList")
    }

    func testV3DiscoveryDocument() throws {
        let s = try specs()
        let paths = try XCTUnwrap(s.v3Discovery.json["paths"]?.objectValue)
        XCTAssertEqual(Set(paths.keys), ["api/v1", "apis/apps/v1", "apis/example.com/v1"])
        let url = try XCTUnwrap(paths["apis/example.com/v1"]?["serverRelativeURL"]?.stringValue)
        let doc = try XCTUnwrap(s.v3Document(at: url))
        XCTAssertEqual(url, "/openapi/v3/apis/example.com/v1?hash=\(doc.hash)")
        XCTAssertEqual(doc.hash.count, 64)
        XCTAssertEqual(s.v3Document(at: "apis/example.com/v1/")?.path, "apis/example.com/v1")
        XCTAssertNil(s.v3Document(at: "/openapi/v3/apis/nope/v1"))
        // The document is stable: the same input gives the same bytes and hash.
        XCTAssertEqual(try specs().v3["apis/example.com/v1"]?.hash, doc.hash)
    }

    func testV3DocumentShapeForACustomResource() throws {
        let doc = try XCTUnwrap(try specs().v3["apis/example.com/v1"]?.json)
        XCTAssertEqual(doc["openapi"], "3.0.0")
        let schemas = try XCTUnwrap(doc[path: ["components", "schemas"]]?.objectValue)
        let widget = try XCTUnwrap(schemas["com.example.v1.Widget"])
        XCTAssertEqual(
            widget["x-kubernetes-group-version-kind"], [["group": "example.com", "kind": "Widget", "version": "v1"]])
        XCTAssertEqual(widget["description"], "A Widget is a thing the factory makes.")
        XCTAssertEqual(
            widget[path: ["properties", "metadata", "allOf"]],
            [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]])
        XCTAssertEqual(widget[path: ["properties", "kind", "type"]], "string")
        XCTAssertEqual(
            widget[path: ["properties", "spec", "properties", "size", "enum"]], ["small", "medium", "large"])
        XCTAssertEqual(
            widget[path: ["properties", "spec", "properties", "config", "properties", "apiVersion", "type"]], "string",
            "embedded resources show their type metadata")
        XCTAssertEqual(
            schemas["com.example.v1.WidgetList"]?["x-kubernetes-group-version-kind"],
            [["group": "example.com", "kind": "WidgetList", "version": "v1"]])
        // Every reference resolves inside the document.
        var refs = [String]()
        references(in: doc, into: &refs)
        XCTAssertFalse(refs.isEmpty)
        for ref in refs {
            XCTAssertTrue(ref.hasPrefix("#/components/schemas/"), ref)
            XCTAssertNotNil(schemas[String(ref.dropFirst("#/components/schemas/".count))], ref)
        }
        XCTAssertNil(schemas["io.k8s.api.core.v1.ConfigMap"], "only this group-version's kinds")
    }

    /// What `kubectl explain` (its v3 template) does: find the kind from the GVR's paths,
    /// then the schema with that kind, then follow the field path through `$ref`/`allOf`.
    private func explain(_ doc: JSONValue, prefix: String, version: String, resource: String, fields: [String])
        -> JSONValue?
    {
        let candidates = [
            "\(prefix)/\(version)/\(resource)", "\(prefix)/\(version)/\(resource)/{name}",
            "\(prefix)/\(version)/namespaces/{namespace}/\(resource)",
            "\(prefix)/\(version)/namespaces/{namespace}/\(resource)/{name}",
        ]
        var gvk: JSONValue?
        outer: for path in candidates {
            for method in ["get", "post", "put", "patch", "delete"] {
                if let g = doc[path: ["paths", path, method, "x-kubernetes-group-version-kind"]] {
                    gvk = g
                    break outer
                }
            }
        }
        guard let gvk, let schemas = doc[path: ["components", "schemas"]]?.objectValue else { return nil }
        guard
            var schema = schemas.values.first(where: {
                $0["x-kubernetes-group-version-kind"]?.arrayValue?.contains(gvk) == true
            })
        else { return nil }
        func resolve(_ s: JSONValue) -> JSONValue {
            if let ref = s["$ref"]?.stringValue { return schemas[String(ref.split(separator: "/").last ?? "")] ?? s }
            if let first = s["allOf"]?[0], s["properties"] == nil { return resolve(first) }
            return s
        }
        for field in fields {
            guard let next = resolve(schema)["properties"]?[field] else { return nil }
            schema = next
        }
        return resolve(schema)
    }

    func testKubectlExplainFindsCustomAndBuiltinKinds() throws {
        let s = try specs()
        let widgetDoc = try XCTUnwrap(s.v3["apis/example.com/v1"]?.json)
        XCTAssertEqual(
            explain(widgetDoc, prefix: "/apis/example.com", version: "v1", resource: "widgets", fields: ["spec"])?[
                "description"],
            "The desired state of the widget.")
        XCTAssertEqual(
            explain(
                widgetDoc, prefix: "/apis/example.com", version: "v1", resource: "widgets",
                fields: ["spec", "replicas"])?[
                    "description"], "How many widgets to make.")
        XCTAssertEqual(
            explain(
                widgetDoc, prefix: "/apis/example.com", version: "v1", resource: "widgets",
                fields: ["metadata", "name"])?[
                    "type"], "string")
        let core = try XCTUnwrap(s.v3["api/v1"]?.json)
        XCTAssertEqual(
            explain(core, prefix: "/api", version: "v1", resource: "configmaps", fields: [])?["description"],
            "ConfigMap holds configuration data for pods to consume.")
        XCTAssertNotNil(
            explain(core, prefix: "/api", version: "v1", resource: "namespaces", fields: ["status", "phase"]))
        let apps = try XCTUnwrap(s.v3["apis/apps/v1"]?.json)
        XCTAssertEqual(
            explain(
                apps, prefix: "/apis/apps", version: "v1", resource: "deployments",
                fields: ["spec", "template", "spec", "containers"])?["x-kubernetes-patch-merge-key"], "name")
    }

    /// What kubectl's query-parameter verifier does before trusting server-side field validation.
    func testPatchOperationsAdvertiseFieldValidation() throws {
        let s = try specs()
        for (path, gvk) in [
            ("apis/example.com/v1", ["group": "example.com", "kind": "Widget", "version": "v1"] as JSONValue),
            ("api/v1", ["group": "", "kind": "ConfigMap", "version": "v1"]),
            ("apis/apps/v1", ["group": "apps", "kind": "Deployment", "version": "v1"]),
        ] {
            let paths = try XCTUnwrap(s.v3[path]?.json["paths"]?.objectValue, path)
            let patch = paths.values.compactMap { $0["patch"] }.first { $0["x-kubernetes-group-version-kind"] == gvk }
            let names = patch?["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            XCTAssertTrue(names.contains("fieldValidation"), path)
        }
    }

    func testV2Document() throws {
        let v2 = try specs().v2.json
        XCTAssertEqual(v2["swagger"], "2.0")
        let definitions = try XCTUnwrap(v2["definitions"]?.objectValue)
        let widget = try XCTUnwrap(definitions["com.example.v1.Widget"])
        XCTAssertEqual(
            widget["x-kubernetes-group-version-kind"], [["group": "example.com", "kind": "Widget", "version": "v1"]])
        XCTAssertEqual(
            widget[path: ["properties", "metadata", "$ref"]],
            "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
        XCTAssertNil(widget[path: ["properties", "spec", "properties", "cpu", "anyOf"]], "no junctors in v2")
        XCTAssertEqual(
            definitions["io.k8s.api.core.v1.PodSpec"]?[path: [
                "properties", "containers", "x-kubernetes-patch-merge-key",
            ]], "name")
        XCTAssertEqual(
            definitions["io.k8s.api.core.v1.Container"]?[path: ["properties", "ports", "x-kubernetes-patch-merge-key"]],
            "containerPort")
        var refs = [String]()
        references(in: v2, into: &refs)
        for ref in refs {
            XCTAssertNotNil(definitions[String(ref.dropFirst("#/definitions/".count))], ref)
        }
        XCTAssertNotNil(v2[path: ["paths", "/apis/example.com/v1/namespaces/{namespace}/widgets/{name}", "patch"]])
    }

    func testV2ReducesSchemasForKubectl() {
        let reduced = OpenAPIConversion.toV2(
            [
                "type": "object", "required": ["a", "b"],
                "properties": [
                    "a": ["type": "string", "nullable": true], "b": ["type": "string"],
                    "c": [
                        "type": "object", "x-kubernetes-preserve-unknown-fields": true,
                        "properties": ["d": ["type": "string"]],
                    ],
                    "e": ["anyOf": [["type": "integer"], ["type": "string"]], "x-kubernetes-int-or-string": true],
                ],
            ])
        XCTAssertEqual(reduced["required"], ["b"])
        XCTAssertNil(reduced[path: ["properties", "a", "type"]])
        XCTAssertNil(reduced[path: ["properties", "c", "properties"]])
        XCTAssertNil(reduced[path: ["properties", "e", "anyOf"]])
    }

    func testCRDWithoutSchemaAndClusterScope() throws {
        let crd = try SchemaFixtures.yaml(
            """
            spec:
              group: ops.example.org
              scope: Cluster
              names: {kind: Gadget, plural: gadgets}
              versions:
              - {name: v1alpha1, served: true, storage: true}
              - {name: v0, served: false, storage: false}
            """)
        let resources = OpenAPIResource.resources(ofCustomResourceDefinition: crd)
        XCTAssertEqual(resources.map(\.version), ["v1alpha1"])
        let s = OpenAPISpecs(resources: resources, includeBuiltins: false)
        let doc = try XCTUnwrap(s.v3["apis/ops.example.org/v1alpha1"]?.json)
        XCTAssertEqual(doc[path: ["components", "schemas", "org.example.ops.v1alpha1.Gadget", "type"]], "object")
        XCTAssertNotNil(doc[path: ["paths", "/apis/ops.example.org/v1alpha1/gadgets/{name}", "get"]])
        XCTAssertNil(doc[path: ["paths", "/apis/ops.example.org/v1alpha1/namespaces/{namespace}/gadgets"]])
        XCTAssertEqual(Set(s.v3.keys), ["apis/ops.example.org/v1alpha1"])
    }
}
