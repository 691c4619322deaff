import Foundation
import KubeCore

/// The protobuf encoding of the Swagger 2.0 document (gnostic's `openapi.v2.Document`), the
/// only form client-go asks `/openapi/v2` for (`Accept:
/// application/com.github.proto-openapi.spec.v2@v1.0+protobuf`).
///
/// Only what the API server's document uses is encoded: info, paths with their operations,
/// parameters and responses, definitions, and security. Values gnostic keeps as `Any`
/// (defaults, enums, examples, vendor extensions) are written as YAML text — JSON, which is
/// YAML — as gnostic does.
enum OpenAPIV2Protobuf {
    /// The media type of the encoding.
    static let contentType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"

    static func encode(_ document: JSONValue) -> Data {
        var w = ProtoWriter()
        w.string(1, document["swagger"]?.stringValue)
        if let info = document["info"] {
            w.message(2) { m in
                m.string(1, info["title"]?.stringValue)
                m.string(2, info["version"]?.stringValue)
            }
        }
        if let paths = document["paths"]?.objectValue {
            w.message(8) { m in
                for name in paths.keys.sorted() {
                    guard let item = paths[name] else { continue }
                    m.message(2) { named in
                        named.string(1, name)
                        named.message(2) { pathItem(&$0, item) }
                    }
                }
            }
        }
        if let definitions = document["definitions"]?.objectValue {
            w.message(9) { m in
                for name in definitions.keys.sorted() {
                    guard let s = definitions[name] else { continue }
                    m.message(1) { named in
                        named.string(1, name)
                        named.message(2) { schema(&$0, s) }
                    }
                }
            }
        }
        for requirement in document["security"]?.arrayValue ?? [] {
            w.message(12) { m in
                for name in (requirement.objectValue ?? [:]).keys.sorted() {
                    m.message(1) { named in
                        named.string(1, name)
                        named.message(2) { array in
                            for v in requirement[name]?.arrayValue ?? [] { array.string(1, v.stringValue) }
                        }
                    }
                }
            }
        }
        if let definitions = document["securityDefinitions"]?.objectValue {
            w.message(13) { m in
                for name in definitions.keys.sorted() {
                    guard let d = definitions[name], d["type"] == "apiKey" else { continue }
                    m.message(1) { named in
                        named.string(1, name)
                        named.message(2) { item in
                            item.message(2) { key in
                                key.string(1, d["type"]?.stringValue)
                                key.string(2, d["name"]?.stringValue)
                                key.string(3, d["in"]?.stringValue)
                            }
                        }
                    }
                }
            }
        }
        return Data(w.bytes)
    }

    private static let methods: [(String, Int)] = [
        ("get", 2), ("put", 3), ("post", 4), ("delete", 5), ("options", 6), ("head", 7), ("patch", 8),
    ]

    private static func pathItem(_ w: inout ProtoWriter, _ item: JSONValue) {
        for (method, field) in methods {
            guard let op = item[method] else { continue }
            w.message(field) { operation(&$0, op) }
        }
        for p in item["parameters"]?.arrayValue ?? [] { w.message(9) { parameter(&$0, p) } }
        vendorExtensions(&w, item, field: 10)
    }

    private static func operation(_ w: inout ProtoWriter, _ op: JSONValue) {
        for tag in op["tags"]?.arrayValue ?? [] { w.string(1, tag.stringValue) }
        w.string(3, op["description"]?.stringValue)
        w.string(5, op["operationId"]?.stringValue)
        for t in op["produces"]?.arrayValue ?? [] { w.string(6, t.stringValue) }
        for t in op["consumes"]?.arrayValue ?? [] { w.string(7, t.stringValue) }
        for p in op["parameters"]?.arrayValue ?? [] { w.message(8) { parameter(&$0, p) } }
        if let responses = op["responses"]?.objectValue {
            w.message(9) { m in
                for code in responses.keys.sorted() {
                    guard let r = responses[code] else { continue }
                    m.message(1) { named in
                        named.string(1, code)
                        named.message(2) { value in
                            value.message(1) { response in
                                response.string(1, r["description"]?.stringValue)
                                if let s = r["schema"] {
                                    response.message(2) { item in item.message(1) { schema(&$0, s) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        for s in op["schemes"]?.arrayValue ?? [] { w.string(10, s.stringValue) }
        vendorExtensions(&w, op, field: 13)
    }

    /// A body parameter, or a query or path parameter (the only kinds the document uses).
    private static func parameter(_ w: inout ProtoWriter, _ p: JSONValue) {
        w.message(1) { parameter in
            if p["in"] == "body" {
                parameter.message(1) { body in
                    body.string(1, p["description"]?.stringValue)
                    body.string(2, p["name"]?.stringValue)
                    body.string(3, "body")
                    body.bool(4, p["required"]?.boolValue ?? false)
                    if let s = p["schema"] { body.message(5) { schema(&$0, s) } }
                }
                return
            }
            let isPath = p["in"] == "path"
            parameter.message(2) { nonBody in
                nonBody.message(isPath ? 4 : 3) { sub in
                    sub.bool(1, p["required"]?.boolValue ?? false)
                    sub.string(2, p["in"]?.stringValue)
                    sub.string(3, p["description"]?.stringValue)
                    sub.string(4, p["name"]?.stringValue)
                    sub.string(isPath ? 5 : 6, p["type"]?.stringValue)
                    sub.bool(isPath ? 19 : 20, p["uniqueItems"]?.boolValue ?? false)
                }
            }
        }
    }

    private static func schema(_ w: inout ProtoWriter, _ s: JSONValue) {
        guard case .object(let o) = s else { return }
        w.string(1, o["$ref"]?.stringValue)
        w.string(2, o["format"]?.stringValue)
        w.string(3, o["title"]?.stringValue)
        w.string(4, o["description"]?.stringValue)
        if let d = o["default"] { w.message(5) { $0.string(2, d.jsonString) } }
        w.double(6, o["multipleOf"]?.doubleValue)
        w.double(7, o["maximum"]?.doubleValue)
        w.bool(8, o["exclusiveMaximum"]?.boolValue ?? false)
        w.double(9, o["minimum"]?.doubleValue)
        w.bool(10, o["exclusiveMinimum"]?.boolValue ?? false)
        w.int(11, o["maxLength"]?.intValue)
        w.int(12, o["minLength"]?.intValue)
        w.string(13, o["pattern"]?.stringValue)
        w.int(14, o["maxItems"]?.intValue)
        w.int(15, o["minItems"]?.intValue)
        w.bool(16, o["uniqueItems"]?.boolValue ?? false)
        w.int(17, o["maxProperties"]?.intValue)
        w.int(18, o["minProperties"]?.intValue)
        for r in o["required"]?.arrayValue ?? [] { w.string(19, r.stringValue) }
        for e in o["enum"]?.arrayValue ?? [] { w.message(20) { $0.string(2, e.jsonString) } }
        switch o["additionalProperties"] {
        case .bool(let b)?: w.message(21) { $0.bool(2, b, always: true) }
        case .object?:
            if let ap = o["additionalProperties"] { w.message(21) { m in m.message(1) { schema(&$0, ap) } } }
        default: break
        }
        if let type = o["type"]?.stringValue { w.message(22) { $0.string(1, type) } }
        if let items = o["items"], case .object = items { w.message(23) { m in m.message(1) { schema(&$0, items) } } }
        for a in o["allOf"]?.arrayValue ?? [] { w.message(24) { schema(&$0, a) } }
        if let props = o["properties"]?.objectValue {
            w.message(25) { m in
                for name in props.keys.sorted() {
                    guard let p = props[name] else { continue }
                    m.message(1) { named in
                        named.string(1, name)
                        named.message(2) { schema(&$0, p) }
                    }
                }
            }
        }
        w.bool(27, o["readOnly"]?.boolValue ?? false)
        if let example = o["example"] { w.message(30) { $0.string(2, example.jsonString) } }
        vendorExtensions(&w, s, field: 31)
    }

    private static func vendorExtensions(_ w: inout ProtoWriter, _ value: JSONValue, field: Int) {
        for key in (value.objectValue ?? [:]).keys.sorted() where key.hasPrefix("x-") {
            guard let v = value[key] else { continue }
            w.message(field) { named in
                named.string(1, key)
                named.message(2) { $0.string(2, v.jsonString) }
            }
        }
    }
}

/// A protocol buffers writer for proto3 messages: fields at their default value are left out.
struct ProtoWriter {
    private(set) var bytes: [UInt8] = []

    private mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private mutating func key(_ field: Int, _ wireType: UInt64) {
        varint(UInt64(field) << 3 | wireType)
    }

    mutating func string(_ field: Int, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        key(field, 2)
        let utf8 = Array(value.utf8)
        varint(UInt64(utf8.count))
        bytes += utf8
    }

    mutating func bool(_ field: Int, _ value: Bool, always: Bool = false) {
        guard value || always else { return }
        key(field, 0)
        varint(value ? 1 : 0)
    }

    mutating func int(_ field: Int, _ value: Int64?) {
        guard let value, value != 0 else { return }
        key(field, 0)
        varint(UInt64(bitPattern: value))
    }

    mutating func double(_ field: Int, _ value: Double?) {
        guard let value, value != 0 else { return }
        key(field, 1)
        let bits = value.bitPattern
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8))) }
    }

    /// An embedded message, written by `body`; kept even when empty (an empty message is
    /// still a present field).
    mutating func message(_ field: Int, _ body: (inout ProtoWriter) -> Void) {
        var inner = ProtoWriter()
        body(&inner)
        key(field, 2)
        varint(UInt64(inner.bytes.count))
        bytes += inner.bytes
    }
}
