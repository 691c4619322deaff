import Foundation
import KubeCore
import XCTest

@testable import KubeAPIMachinery

final class ProtobufEnvelopeTests: XCTestCase {
    func decodeError(_ bytes: [UInt8]) -> KubeProtobufError? {
        do {
            _ = try KubeProtobuf.decodeObject(bytes)
            return nil
        } catch {
            return error as? KubeProtobufError
        }
    }

    func unknown(_ build: (inout ProtoWriter) -> Void) -> [UInt8] { KubeProtobuf.magic + ProtoWriter(build).bytes }

    func testEnvelopeParts() throws {
        let bytes = unknown {
            $0.message(1) {
                $0.string(1, "apps/v1")
                $0.string(2, "Deployment")
            }
            $0.bytes(2, [1, 2, 3])
            $0.string(3, "")
            $0.string(4, "")
            $0.varint(9, 1)  // a field a later runtime.Unknown might add
        }
        XCTAssertEqual(
            try KubeProtobuf.decodeEnvelope(bytes),
            KubeProtobufEnvelope(apiVersion: "apps/v1", kind: "Deployment", raw: [1, 2, 3]))
    }

    func testMagicIsRequired() {
        XCTAssertEqual(decodeError([]), .missingMagic)
        XCTAssertEqual(decodeError([0x6b, 0x38, 0x73]), .missingMagic)
        XCTAssertEqual(decodeError(Array(#"{"kind":"Pod"}"#.utf8)), .missingMagic)
        XCTAssertEqual(decodeError(KubeProtobuf.magic), .missingKind, "an empty envelope names no kind")
    }

    func testUnknownKindsAreRefusedByName() {
        let bytes = ProtoWriter.envelope("example.com/v1", "Widget") { $0.string(1, "x") }
        XCTAssertEqual(decodeError(bytes), .unsupportedKind(apiVersion: "example.com/v1", kind: "Widget"))
        XCTAssertEqual(
            KubeProtobufError.unsupportedKind(apiVersion: "example.com/v1", kind: "Widget").description,
            "protobuf bodies of kind example.com/v1 Widget are not supported; send it as application/json")
        let oldVersion = ProtoWriter.envelope("apps/v1beta1", "Deployment") { _ in }
        XCTAssertEqual(decodeError(oldVersion), .unsupportedKind(apiVersion: "apps/v1beta1", kind: "Deployment"))
    }

    /// client-go encodes DeleteOptions in the group version of the resource being deleted.
    func testDeleteOptionsInAnyGroupVersion() throws {
        for apiVersion in ["v1", "apps/v1", "batch/v1", "meta.k8s.io/v1", "example.com/v1alpha1"] {
            let got = try KubeProtobuf.decodeObject(
                ProtoWriter.envelope(apiVersion, "DeleteOptions") {
                    $0.int(1, 0)
                    $0.string(4, "Orphan")
                })
            XCTAssertEqual(
                got,
                [
                    "apiVersion": .string(apiVersion), "kind": "DeleteOptions", "gracePeriodSeconds": 0,
                    "propagationPolicy": "Orphan",
                ])
        }
    }

    func testEncodedPayloadsAreRefused() {
        let gzip = unknown {
            $0.message(1) { $0.string(2, "Pod") }
            $0.string(3, "gzip")
        }
        XCTAssertEqual(decodeError(gzip), .unsupportedContentEncoding("gzip"))
        let yaml = unknown {
            $0.message(1) { $0.string(2, "Pod") }
            $0.string(4, "application/yaml")
        }
        XCTAssertEqual(decodeError(yaml), .unsupportedContentType("application/yaml"))
    }

    func testJSONPayloadInsideTheEnvelope() throws {
        let bytes = unknown {
            $0.message(1) {
                $0.string(1, "v1")
                $0.string(2, "ConfigMap")
            }
            $0.string(2, #"{"metadata":{"name":"cm"},"data":{"a":"b"}}"#)
            $0.string(4, "application/json")
        }
        XCTAssertEqual(
            try KubeProtobuf.decodeObject(bytes),
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cm"], "data": ["a": "b"]])
        let broken = unknown {
            $0.message(1) { $0.string(2, "ConfigMap") }
            $0.string(2, "{")
            $0.string(4, "application/json")
        }
        guard case .invalidEmbeddedJSON = decodeError(broken) else { return XCTFail("broken JSON accepted") }
    }

    func testEnvelopeFieldsMustBeLengthDelimited() {
        let bytes = unknown { $0.varint(2, 1) }
        XCTAssertEqual(
            decodeError(bytes),
            .wireTypeMismatch(message: "runtime.Unknown", field: "raw", number: 2, expected: 2, actual: 0))
    }

    func testDecodeObjectFromData() throws {
        let bytes = ProtoWriter.envelope("v1", "Namespace") { $0.message(1) { $0.string(1, "ns") } }
        XCTAssertEqual(
            try KubeProtobuf.decodeObject(Data(bytes)),
            ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "ns"]])
    }
}
