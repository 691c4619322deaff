import AstroliftAPI
import KubeCore
import XCTest

/// `manifests/samples/`: one sample per kind, each valid against its schema and
/// decodable as its type. (hack/compat/test_astrolift.py applies them to `astrolift dev`,
/// CEL rules included; the rules a sample could break are also checked by hand below.)
final class SamplesTests: XCTestCase {
    func testOneValidSamplePerKind() throws {
        var kindsSeen: [String] = []
        for path in Repository.files(in: "manifests/samples") {
            let documents = try YAMLDocuments.parse(try Repository.read(path))
            XCTAssertEqual(documents.count, 1, path)
            let object = try XCTUnwrap(documents.first)
            XCTAssertEqual(object["apiVersion"], .string(AstroliftGroup.apiVersion), path)
            let kindName = try XCTUnwrap(object["kind"]?.stringValue, path)
            let kind = try XCTUnwrap(AstroliftGroup.kinds.first { $0.resource.kind == kindName }, path)
            kindsSeen.append(kindName)
            XCTAssertEqual(SchemaValidator.validate(object, kind.schema), [], path)
            XCTAssertEqual(object[path: ["metadata", "namespace"]] != nil, kind.resource.namespaced, path)
            try decode(object, as: kind, path)
            XCTAssertTrue(try Repository.read(path).hasPrefix("# "), "\(path) starts with a comment")
        }
        XCTAssertEqual(kindsSeen.sorted(), AstroliftGroup.kinds.map { $0.resource.kind }.sorted())
    }

    private func decode<K: AstroliftResource>(_ object: JSONValue, as kind: K.Type, _ path: String) throws {
        do {
            _ = try object.decode(as: K.self)
        } catch {
            XCTFail("\(path): \(error)")
        }
    }

    func testSamplesKeepTheRulesTheAPIServerChecks() throws {
        let cls = try YAMLDocuments.decodeSingle(
            WorkbenchClass.self, from: try Repository.read("manifests/samples/03-workbenchclass.yaml"))
        XCTAssertTrue(cls.spec.image.contains("@sha256:"))
        XCTAssertNotNil(cls.spec.profile(named: nil))
        let workbench = try YAMLDocuments.decodeSingle(
            Workbench.self, from: try Repository.read("manifests/samples/08-workbench.yaml"))
        XCTAssertLessThanOrEqual(workbench.name.count, Workbench.maxNameLength)
        XCTAssertEqual(workbench.spec.classRef.name, cls.name)
        XCTAssertNotNil(cls.spec.profile(named: workbench.spec.profile))
        let tenant = try YAMLDocuments.decodeSingle(
            Tenant.self, from: try Repository.read("manifests/samples/04-tenant.yaml"))
        XCTAssertEqual(tenant.name, workbench.namespace)
        XCTAssertTrue(tenant.spec.allowedWorkbenchClasses?.contains(cls.name) ?? true)
        let policy = try YAMLDocuments.decodeSingle(
            GatewayPolicy.self, from: try Repository.read("manifests/samples/05-gatewaypolicy.yaml"))
        XCTAssertEqual(tenant.spec.defaults?.gatewayPolicyRef?.name, policy.name)
        for detector in policy.spec.content?.detectors ?? [] {
            XCTAssertEqual(detector.type == .custom, detector.pattern != nil, detector.name)
        }
    }
}
