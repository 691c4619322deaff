import AstroliftAPI
import KubeCore
import KubeModels
import XCTest

/// The generated CRDs are what the API server accepts: structural schemas, bounded
/// values (so CEL cost estimates stay small), consistent list types, printer columns
/// that point at real fields, and the names, categories and subresources promised.
final class CRDStructureTests: XCTestCase {
    var crds: [CustomResourceDefinition] { CRDGenerator.all() }

    func testNamesScopesCategoriesAndSubresources() throws {
        XCTAssertEqual(crds.count, 8)
        var shortNames: Set<String> = []
        for crd in crds {
            let names = crd.spec.names
            XCTAssertEqual(crd.metadata.name, "\(names.plural).astrolift.dev")
            XCTAssertEqual(crd.spec.group, "astrolift.dev")
            XCTAssertEqual(names.listKind, names.kind + "List")
            XCTAssertEqual(names.singular, names.kind.lowercased())
            XCTAssertTrue(names.categories?.contains("astrolift") ?? false, names.kind)
            for s in names.shortNames ?? [] {
                XCTAssertTrue(shortNames.insert(s).inserted, "duplicate short name \(s)")
            }
            XCTAssertEqual(crd.spec.versions.count, 1)
            let version = try XCTUnwrap(crd.spec.versions.first)
            XCTAssertEqual(version.name, "v1alpha1")
            XCTAssertTrue(version.served && version.storage)
            XCTAssertNotNil(version.subresources?.status, "\(names.kind) has a status subresource")
        }
        let scopes = Dictionary(uniqueKeysWithValues: crds.map { ($0.spec.names.kind, $0.spec.scope) })
        XCTAssertEqual(
            scopes,
            [
                "Tenant": "Cluster", "WorkbenchClass": "Cluster", "Workbench": "Namespaced",
                "GatewayPolicy": "Namespaced", "ClusterKeyProvider": "Cluster", "KeyProvider": "Namespaced",
                "KMSSecret": "Namespaced", "IdentityProvider": "Cluster",
            ])
        XCTAssertEqual(Set(crds.map(\.metadata.name).compactMap { $0 }), Set(ControllerRequirements.crdNames))
    }

    func testSchemasAreStructural() throws {
        for crd in crds {
            let kind = crd.spec.names.kind
            let schema = try XCTUnwrap(crd.spec.versions.first?.schema?.openAPIV3Schema)
            XCTAssertEqual(structuralProblems(schema, path: ""), [], kind)
            XCTAssertEqual(schema[path: ["properties", "metadata"]], ["type": "object"], kind)
            XCTAssertEqual(schema["required"], ["spec"], kind)
        }
    }

    /// The rules of structural schemas (KEP-1002) and the bounds this API keeps.
    private func structuralProblems(_ node: JSONValue, path: String, inAnyOf: Bool = false) -> [String] {
        let here = path.isEmpty ? "<root>" : path
        var problems: [String] = []
        let type = node["type"]?.stringValue
        let intOrString = node["x-kubernetes-int-or-string"]?.boolValue == true
        if inAnyOf {
            for key in ["description", "default", "nullable", "x-kubernetes-validations"] where node[key] != nil {
                problems.append("\(here): \(key) inside anyOf")
            }
            return problems
        }
        if type == nil && !intOrString { problems.append("\(here): no type") }
        if node["anyOf"] != nil && !intOrString { problems.append("\(here): anyOf outside int-or-string") }
        if node["properties"] != nil && node["additionalProperties"] != nil {
            problems.append("\(here): both properties and additionalProperties")
        }
        let undocumented = path.isEmpty || path == ".metadata" || path.hasSuffix("[*]") || path.hasSuffix("{*}")
        if node["description"] == nil && !undocumented {
            problems.append("\(here): no description")
        }
        switch type {
        case "array":
            if node["items"] == nil { problems.append("\(here): array without items") }
            if node["maxItems"] == nil { problems.append("\(here): array without maxItems") }
            let listType = node["x-kubernetes-list-type"]?.stringValue
            if listType == "map" {
                let keys = node["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
                let required = node[path: ["items", "required"]]?.arrayValue?.compactMap(\.stringValue) ?? []
                for key in keys
                where !required.contains(key) && node[path: ["items", "properties", key, "default"]] == nil {
                    problems.append("\(here): list-map key \(key) is neither required nor defaulted")
                }
                if keys.isEmpty { problems.append("\(here): list-map without keys") }
            }
            if listType == "set", node[path: ["items", "type"]]?.stringValue == "object" {
                problems.append("\(here): a set of objects")
            }
        case "string":
            // apiVersion and kind are checked by the API server itself.
            let typeMeta = path == ".apiVersion" || path == ".kind"
            if node["maxLength"] == nil && node["enum"] == nil && node["format"] == nil && !typeMeta {
                problems.append("\(here): string without maxLength")
            }
        case "object":
            if node["additionalProperties"] != nil && node["maxProperties"] == nil {
                problems.append("\(here): map without maxProperties")
            }
        default:
            break
        }
        for rule in node["x-kubernetes-validations"]?.arrayValue ?? [] {
            if rule["message"] == nil { problems.append("\(here): rule without message") }
            // Transition rules are only evaluated where the old value can be correlated:
            // not below atomic or set lists.
            if rule["rule"]?.stringValue?.contains("oldSelf") == true && path.contains("[*]") {
                problems.append("\(here): transition rule inside a list")
            }
        }
        for (name, child) in node["properties"]?.objectValue ?? [:] {
            problems += structuralProblems(child, path: "\(path).\(name)")
        }
        if let items = node["items"] { problems += structuralProblems(items, path: path + "[*]") }
        if let values = node["additionalProperties"] { problems += structuralProblems(values, path: path + "{*}") }
        for alternative in node["anyOf"]?.arrayValue ?? [] {
            problems += structuralProblems(alternative, path: path + "<anyOf>", inAnyOf: true)
        }
        return problems
    }

    func testDefaultsAndExamplesConformToTheirOwnSchema() {
        for kind in AstroliftGroup.kinds {
            kind.schema.walk { path, node in
                if let d = node.defaultValue {
                    XCTAssertEqual(SchemaValidator.validate(d, node, path: path), [], "default of \(path)")
                }
                if let e = node.example {
                    XCTAssertEqual(SchemaValidator.validate(e, node, path: path), [], "example of \(path)")
                }
            }
        }
    }

    func testPrinterColumnsPointAtDeclaredFields() throws {
        for kind in AstroliftGroup.kinds {
            for column in kind.definition.printerColumns {
                if column.jsonPath.hasPrefix(".metadata.") { continue }
                let node = try XCTUnwrap(
                    node(at: column.jsonPath, in: kind.schema), "\(kind.resource.kind) column \(column.name)")
                let expected: Schema.DataType =
                    switch column.type {
                    case .integer: .integer
                    case .boolean: .boolean
                    case .number: .number
                    case .string, .date: .string
                    }
                XCTAssertEqual(node.type, expected, "\(kind.resource.kind) column \(column.name)")
            }
        }
    }

    /// Follows a printer-column JSONPath (`.status.conditions[?(@.type=="Ready")].status`,
    /// `.spec.providers[*].name`) through the schema.
    private func node(at jsonPath: String, in root: Schema) -> Schema? {
        var node = root
        var rest = Substring(jsonPath)
        while !rest.isEmpty {
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), let items = node.items else { return nil }
                node = items
                rest = rest[rest.index(after: close)...]
            } else if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard let p = node[property: String(name)] else { return nil }
                node = p.schema
                rest = rest.dropFirst(name.count)
            } else {
                return nil
            }
        }
        return node
    }

    func testPromisedColumnsAndRules() throws {
        func columns(_ kind: any AstroliftResource.Type) -> [String] { kind.definition.printerColumns.map(\.name) }
        XCTAssertEqual(
            columns(Workbench.self),
            ["Owner", "Class", "Profile", "Phase", "Ready", "URL", "Stop Reason", "Last Activity", "Age"])
        XCTAssertEqual(columns(Tenant.self), ["Namespace", "Workbenches", "Running", "Ready", "Reason", "Age"])
        XCTAssertEqual(columns(KMSSecret.self), ["Provider", "Key", "Ready", "Last Sync", "Secret", "Reason", "Age"])

        let spec = try XCTUnwrap(Workbench.schema[property: "spec"]?.schema)
        for field in ["owner", "classRef"] {
            let rules = try XCTUnwrap(spec[property: field]?.schema.rules)
            XCTAssertTrue(rules.contains { $0.rule == "self == oldSelf" }, "\(field) is immutable")
        }
        XCTAssertEqual(Workbench.definition.shortNames, ["wb"])
        XCTAssertTrue(Workbench.definition.categories.contains("all"))
    }

    func testTheStreamDecodesBackIntoCRDs() throws {
        let text = try CRDGenerator.yamlStream()
        XCTAssertTrue(text.hasPrefix("# Generated"))
        let decoded = try YAMLDocuments.decode(CustomResourceDefinition.self, from: text)
        XCTAssertEqual(decoded, crds)
    }

    func testCRDsStayWellUnderTheAnnotationLimitOfClientSideApply() throws {
        // kubectl apply (client-side) stores the whole object in an annotation limited to 256 KiB.
        for crd in crds {
            let size = try JSONValue(encoding: crd).serialized().count
            XCTAssertLessThan(size, 200_000, crd.metadata.name ?? "")
        }
    }
}
