import KubeCore
import XCTest

@testable import KubeAPIMachinery

/// Reads the protobuf form of `/openapi/v2` back with a minimal wire-format reader.
final class SchemaOpenAPIProtobufTests: XCTestCase {
    private struct Field {
        var number: Int
        var varint: UInt64 = 0
        var bytes: [UInt8] = []
        var string: String { String(decoding: bytes, as: UTF8.self) }
    }

    private func fields(_ data: [UInt8]) -> [Field] {
        var out = [Field]()
        var i = 0
        func varint() -> UInt64 {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while i < data.count {
                let b = data[i]
                i += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return v
        }
        while i < data.count {
            let key = varint()
            var f = Field(number: Int(key >> 3))
            switch key & 7 {
            case 0: f.varint = varint()
            case 1:
                f.bytes = Array(data[i..<i + 8])
                i += 8
            case 2:
                let n = Int(varint())
                f.bytes = Array(data[i..<i + n])
                i += n
            default: return out
            }
            out.append(f)
        }
        return out
    }

    private func named(_ data: [UInt8], field: Int, name: String) -> [UInt8]? {
        for f in fields(data) where f.number == field {
            let inner = fields(f.bytes)
            if inner.first(where: { $0.number == 1 })?.string == name {
                return inner.first(where: { $0.number == 2 })?.bytes
            }
        }
        return nil
    }

    func testV2ProtobufCarriesDefinitionsPathsAndExtensions() throws {
        let specs = OpenAPISpecs(
            resources: OpenAPIResource.resources(ofCustomResourceDefinition: SchemaFixtures.widgetCRD))
        let doc = [UInt8](specs.v2Protobuf)
        let top = fields(doc)
        XCTAssertEqual(top.first { $0.number == 1 }?.string, "2.0")
        let info = fields(try XCTUnwrap(top.first { $0.number == 2 }?.bytes))
        XCTAssertEqual(info.first { $0.number == 1 }?.string, "Kubernetes")

        let definitions = try XCTUnwrap(top.first { $0.number == 9 }?.bytes)
        let widget = try XCTUnwrap(named(definitions, field: 1, name: "com.example.v1.Widget"))
        let gvk = try XCTUnwrap(named(widget, field: 31, name: "x-kubernetes-group-version-kind"))
        let yaml = try XCTUnwrap(fields(gvk).first { $0.number == 2 }?.string)
        XCTAssertEqual(
            try JSONValue.parse(Data(yaml.utf8)), [["group": "example.com", "kind": "Widget", "version": "v1"]])
        XCTAssertEqual(fields(widget).first { $0.number == 4 }?.string, "A Widget is a thing the factory makes.")
        let properties = try XCTUnwrap(fields(widget).first { $0.number == 25 }?.bytes)
        let metadata = try XCTUnwrap(named(properties, field: 1, name: "metadata"))
        XCTAssertEqual(
            fields(metadata).first { $0.number == 1 }?.string,
            "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")

        let paths = try XCTUnwrap(top.first { $0.number == 8 }?.bytes)
        let item = try XCTUnwrap(
            named(paths, field: 2, name: "/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"))
        let patch = try XCTUnwrap(fields(item).first { $0.number == 8 }?.bytes)
        XCTAssertEqual(fields(patch).first { $0.number == 5 }?.string, "patchExampleComV1NamespacedWidget")
        XCTAssertEqual(OpenAPISpecs.v2ProtobufContentType, "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")
    }
}
