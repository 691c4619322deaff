import Foundation
import KubeCore
import XCTest

@testable import KubeAPIMachinery

/// Decoding rules, on hand-encoded messages.
final class ProtobufDecoderTests: XCTestCase {
    func decode(_ apiVersion: String, _ kind: String, _ build: (inout ProtoWriter) -> Void) throws -> JSONValue {
        try KubeProtobuf.decodeObject(ProtoWriter.envelope(apiVersion, kind, build))
    }

    func json(_ text: String) throws -> JSONValue { try JSONValue.parse(Data(text.utf8)) }

    func decodeError(_ bytes: [UInt8]) -> KubeProtobufError? {
        do {
            _ = try KubeProtobuf.decodeObject(bytes)
            return nil
        } catch {
            return error as? KubeProtobufError
        }
    }

    /// gogo-protobuf writes every non-pointer field; zero `omitempty` ones vanish from the JSON,
    /// zero pointers and non-`omitempty` fields stay.
    func testZeroValuesFollowTheJSONTags() throws {
        let got = try decode("apps/v1", "Deployment") {
            $0.message(1) {
                $0.string(1, "web")
                $0.string(2, "")
                $0.int(7, 0)
                $0.message(8) { _ in }  // zero creationTimestamp
                $0.int(10, 0)  // deletionGracePeriodSeconds: *int64 set to 0
            }
            $0.message(2) {
                $0.int(1, 0)  // replicas: *int32 set to 0
                $0.int(5, 0)  // minReadySeconds: omitempty
                $0.bool(7, false)  // paused: omitempty
                $0.message(4) { $0.string(1, "") }  // strategy: present, so {}
            }
        }
        XCTAssertEqual(
            got,
            try json(
                #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","deletionGracePeriodSeconds":0},"#
                    + #""spec":{"replicas":0,"strategy":{}}}"#))
    }

    func testSpecialTypes() throws {
        let time = ProtoWriter {
            $0.int(1, 1_700_000_000)
            $0.int(2, 999_999_999)
        }.bytes
        XCTAssertEqual(try KubeProtobuf.decodeMessage("meta.Time", from: time), "2023-11-14T22:13:20Z")
        XCTAssertEqual(try KubeProtobuf.decodeMessage("meta.MicroTime", from: time), "2023-11-14T22:13:20.999999Z")
        XCTAssertEqual(
            try KubeProtobuf.decodeMessage("meta.Time", from: ProtoWriter { $0.int(1, 0) }.bytes),
            "1970-01-01T00:00:00Z")
        XCTAssertEqual(try KubeProtobuf.decodeMessage("meta.Time", from: []), .null, "zero time is null in Go's JSON")
        XCTAssertEqual(
            try KubeProtobuf.decodeMessage("resource.Quantity", from: ProtoWriter { $0.string(1, "1.5Gi") }.bytes),
            "1.5Gi")
        XCTAssertEqual(try KubeProtobuf.decodeMessage("resource.Quantity", from: []), "0")
        XCTAssertEqual(
            try KubeProtobuf.decodeMessage("intstr.IntOrString", from: ProtoWriter { $0.int(2, -8080) }.bytes), -8080)
        let percent = ProtoWriter {
            $0.int(1, 1)
            $0.string(3, "25%")
        }.bytes
        XCTAssertEqual(try KubeProtobuf.decodeMessage("intstr.IntOrString", from: percent), "25%")
        XCTAssertEqual(try KubeProtobuf.decodeMessage("intstr.IntOrString", from: []), 0)
        let fields = ProtoWriter { $0.string(1, #"{"f:spec":{}}"#) }.bytes
        XCTAssertEqual(try KubeProtobuf.decodeMessage("meta.FieldsV1", from: fields), ["f:spec": [:]])
        XCTAssertThrowsError(
            try KubeProtobuf.decodeMessage("meta.FieldsV1", from: ProtoWriter { $0.string(1, "{") }.bytes)
        ) {
            guard case .invalidEmbeddedJSON = $0 as? KubeProtobufError else { return XCTFail("\($0)") }
        }
        let list = ProtoWriter {
            $0.string(1, "a")
            $0.string(1, "b")
        }.bytes
        XCTAssertEqual(try KubeProtobuf.decodeMessage("meta.StringList", from: list), ["a", "b"])
    }

    func testNegativeAndLargeIntegers() throws {
        let got = try decode("scheduling.k8s.io/v1", "PriorityClass") {
            $0.int(2, -2_147_483_648)
            $0.message(1) { $0.int(7, Int64.max) }
        }
        XCTAssertEqual(got["value"], .int(-2_147_483_648))
        XCTAssertEqual(got[path: ["metadata", "generation"]], .int(Int64.max))
    }

    /// Repeated scalars: last wins. Repeated messages: merged. Repeated lists: appended.
    func testRepeatedOccurrencesFollowProtobufMerging() throws {
        let got = try decode("v1", "Service") {
            $0.message(2) {
                $0.string(4, "NodePort")
                $0.entry(2, "a", "1")
                $0.message(1) { $0.int(3, 80) }
            }
            $0.message(2) {
                $0.string(4, "ClusterIP")
                $0.entry(2, "b", "2")
                $0.entry(2, "a", "3")
                $0.message(1) { $0.int(3, 443) }
            }
        }
        XCTAssertEqual(
            got["spec"],
            try json(#"{"type":"ClusterIP","selector":{"a":"3","b":"2"},"ports":[{"port":80},{"port":443}]}"#))
    }

    func testPackedAndUnpackedIntegerLists() throws {
        let got = try decode("batch/v1", "Job") {
            $0.message(2) {
                $0.message(11) {
                    $0.message(1) {
                        $0.string(1, "FailJob")
                        $0.message(2) {
                            $0.string(2, "In")
                            $0.packed(3, [1, -2])
                            $0.int(3, 3)
                        }
                    }
                }
            }
        }
        XCTAssertEqual(
            got[path: ["spec", "podFailurePolicy", "rules"]]?[0]?[path: ["onExitCodes", "values"]], [1, -2, 3])
    }

    func testUnknownFieldsOfEveryWireTypeAreSkipped() throws {
        let got = try decode("v1", "ConfigMap") {
            $0.varint(99, 1)
            $0.fixed32(98, 1)
            $0.fixed64(97, 1)
            $0.string(96, "x")
            $0.tag(95, 3)
            $0.varint(1, 1)
            $0.tag(95, 4)
            $0.message(1) {
                $0.string(1, "cm")
                $0.string(500, "future field")
            }
            $0.entry(2, "k", "v")
        }
        XCTAssertEqual(
            got, try json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"k":"v"}}"#))
    }

    func testMapEntriesWithMissingParts() throws {
        let got = try decode("v1", "ResourceQuota") {
            $0.message(2) {
                $0.message(1) { $0.string(1, "cpu") }  // no value: a zero Quantity
                $0.message(1) { $0.message(2) { $0.string(1, "5") } }  // no key: ""
            }
        }
        XCTAssertEqual(got["spec"], ["hard": ["cpu": "0", "": "5"]])
        let bytes = try decode("v1", "Secret") {
            $0.message(2) { $0.string(1, "empty") }
            $0.message(2) {
                $0.string(1, "raw")
                $0.bytes(2, [0, 0xff, 0x10])
            }
        }
        XCTAssertEqual(bytes["data"], ["empty": "", "raw": "AP8Q"])
    }

    func testInlineStructsArePromoted() throws {
        let got = try decode("v1", "Pod") {
            $0.message(2) {
                $0.message(1) {
                    $0.string(1, "cfg")
                    $0.message(2) { $0.message(19) { $0.message(1) { $0.string(1, "settings") } } }
                }
                $0.message(2) {
                    $0.string(1, "app")
                    $0.message(10) {
                        $0.message(1) { $0.message(3) { $0.message(1) { $0.int(2, 8080) } } }
                        $0.int(2, 3)
                    }
                }
            }
        }
        XCTAssertEqual(
            got["spec"],
            try json(
                #"{"volumes":[{"name":"cfg","configMap":{"name":"settings"}}],"#
                    + #""containers":[{"name":"app","livenessProbe":{"tcpSocket":{"port":8080},"initialDelaySeconds":3}}]}"#
            ))
    }

    func testWireTypeMismatchNamesTheField() {
        let bytes = ProtoWriter.envelope("v1", "Namespace") { $0.varint(1, 5) }
        XCTAssertEqual(
            decodeError(bytes),
            .wireTypeMismatch(message: "core.Namespace", field: "metadata", number: 1, expected: 2, actual: 0))
        let scalar = ProtoWriter.envelope("v1", "Secret") { $0.string(5, "yes") }
        XCTAssertEqual(
            decodeError(scalar),
            .wireTypeMismatch(message: "core.Secret", field: "immutable", number: 5, expected: 0, actual: 2))
    }

    func testUnknownMessageNames() {
        XCTAssertThrowsError(try KubeProtobuf.decodeMessage("core.Nope", from: [])) {
            XCTAssertEqual($0 as? KubeProtobufError, .unknownMessage("core.Nope"))
        }
        XCTAssertEqual(try KubeProtobuf.decodeMessage("meta.DeleteOptions", from: []), [:])
    }

    func testUTF8IsDecodedLikeGo() throws {
        let got = try decode("v1", "ConfigMap") { $0.message(1) { $0.bytes(1, [0x61, 0xff, 0x62]) } }
        XCTAssertEqual(got[path: ["metadata", "name"]], "a\u{FFFD}b")
    }
}
