import AstroliftAPI
import Foundation
import KubeCore
import XCTest

/// KubeJSON.encode (FastJSONEncoder) writes exactly Foundation's JSONEncoder bytes
/// ([.sortedKeys, .withoutEscapingSlashes]) for every Astrolift kind: hashes of these
/// bytes are stored in clusters. JSONValue(encoding:) gives what parsing them gives.
final class FastJSONEncoderParityTests: XCTestCase {
    private func assertSame<T: Encodable>(
        _ value: T, _ label: String, file: StaticString = #filePath, line: UInt = #line
    )
        throws
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = try encoder.encode(value)
        let actual = try KubeJSON.encode(value)
        XCTAssertEqual(
            String(decoding: actual, as: UTF8.self), String(decoding: expected, as: UTF8.self), label, file: file,
            line: line)
        XCTAssertEqual(actual, expected, label, file: file, line: line)
        XCTAssertEqual(try JSONValue(encoding: value), try JSONValue.parse(expected), label, file: file, line: line)
    }

    func testEveryKindsFullestObject() throws {
        for kind in AstroliftGroup.kinds {
            try check(kind)
        }
    }

    private func check<K: AstroliftResource>(_: K.Type) throws {
        let example = SchemaExample.build(K.schema)
        let decoded = try example.decode(as: K.self)
        try assertSame(decoded, K.resource.kind)
        try assertSame(ObjectList(kind: K.resource.kind + "List", items: [decoded, decoded]), K.resource.kind + "List")
    }

    func testHandWrittenSamples() throws {
        try assertSame(FullSamples.tenant(), "Tenant")
        try assertSame(FullSamples.workbenchClass(), "WorkbenchClass")
        try assertSame(FullSamples.workbench(), "Workbench")
        try assertSame(FullSamples.gatewayPolicy(), "GatewayPolicy")
        try assertSame(FullSamples.kmsSecret(), "KMSSecret")
        try assertSame(FullSamples.identityProvider(), "IdentityProvider")
        try assertSame(FullSamples.keyProviderSpec(), "KeyProviderSpec")
    }
}
