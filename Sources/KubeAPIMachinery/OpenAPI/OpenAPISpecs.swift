import Foundation
import KubeCore

/// The OpenAPI documents the API server publishes, built from the kinds it serves:
///
/// - `/openapi/v2`: one Swagger 2.0 document with every definition (``v2``);
/// - `/openapi/v3`: a discovery document (``v3Discovery``) listing one OpenAPI 3.0 document
///   per group-version, each at `/openapi/v3/<path>?hash=<hash>` (``v3``).
///
/// Definitions are named as the real server names them (`io.k8s.api.core.v1.ConfigMap`,
/// `com.example.v1.Widget` for custom resources), carry `x-kubernetes-group-version-kind`, and
/// the paths carry the operations kubectl looks for (`explain` and `apply` work against them).
/// Build a new value whenever the served kinds change; it is immutable and `Sendable`.
public struct OpenAPISpecs: Sendable {
    /// A serialized document.
    public struct Document: Sendable, Hashable {
        /// `openapi/v2`, or the v3 path such as `apis/example.com/v1` or `api/v1`.
        public let path: String
        /// The document.
        public let json: JSONValue
        /// The document as compact JSON (keys sorted, so the bytes and hash are stable).
        public let data: Data
        /// Upper-case hex SHA-256 of ``data``: the `hash` query value and a strong ETag.
        public let hash: String

        init(path: String, json: JSONValue) {
            self.path = path
            self.json = json
            data = json.serialized()
            hash = ContentHash.hex(data)
        }
    }

    /// The Swagger 2.0 document of `/openapi/v2`, as JSON.
    public let v2: Document
    /// The same document in gnostic's protobuf encoding, the form client-go (kubectl) asks for
    /// with `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`.
    public let v2Protobuf: Data
    /// The media type of ``v2Protobuf``.
    public static let v2ProtobufContentType = OpenAPIV2Protobuf.contentType
    /// The OpenAPI 3.0 documents, by path (`api/v1`, `apis/<group>/<version>`).
    public let v3: [String: Document]
    /// The body of `/openapi/v3`.
    public let v3Discovery: Document

    /// Builds the documents.
    ///
    /// - Parameters:
    ///   - resources: the served kinds (for custom resources, see
    ///     ``OpenAPIResource/resources(ofCustomResourceDefinition:)``).
    ///   - includeBuiltins: also describe the ``BuiltinOpenAPI/resources``.
    ///   - kubernetesVersion: the `info.version` of the documents, e.g. `v1.32.0`.
    public init(resources: [OpenAPIResource], includeBuiltins: Bool = true, kubernetesVersion: String = "v1.32.0") {
        var all = includeBuiltins ? BuiltinOpenAPI.resources : []
        all += resources
        let info: JSONValue = ["title": "Kubernetes", "version": .string(kubernetesVersion)]
        let security: JSONValue = ["BearerToken": ["type": "apiKey", "name": "authorization", "in": "header"]]

        // v2: every kind, every path, every definition.
        let v2Definitions = Self.definitions(for: all, .v2)
        var v2Paths = [String: JSONValue]()
        for r in all { v2Paths.merge(OpenAPIPaths.paths(for: r, .v2)) { a, _ in a } }
        v2 = Document(
            path: "openapi/v2",
            json: [
                "swagger": "2.0", "info": info, "paths": .object(v2Paths), "definitions": .object(v2Definitions),
                "securityDefinitions": security, "security": [["BearerToken": []]],
            ])
        v2Protobuf = OpenAPIV2Protobuf.encode(v2.json)

        // v3: one document per group-version.
        var byPath = [String: [OpenAPIResource]]()
        for r in all { byPath[r.openAPIV3Path, default: []].append(r) }
        var documents = [String: Document]()
        var discovery = [String: JSONValue]()
        for (path, members) in byPath {
            var paths = [String: JSONValue]()
            for r in members { paths.merge(OpenAPIPaths.paths(for: r, .v3)) { a, _ in a } }
            let doc = Document(
                path: path,
                json: [
                    "openapi": "3.0.0", "info": info, "paths": .object(paths),
                    "components": [
                        "schemas": .object(Self.definitions(for: members, .v3)), "securitySchemes": security,
                    ],
                    "security": [["BearerToken": []]],
                ])
            documents[path] = doc
            discovery[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(doc.hash)")]
        }
        v3 = documents
        v3Discovery = Document(path: "openapi/v3", json: ["paths": .object(discovery)])
    }

    /// The v3 document at a request path: `/openapi/v3/apis/example.com/v1` or
    /// `apis/example.com/v1` (a query string is ignored).
    public func v3Document(at requestPath: String) -> Document? {
        var path = Substring(requestPath)
        if let q = path.firstIndex(of: "?") { path = path[..<q] }
        while path.hasPrefix("/") { path = path.dropFirst() }
        if path.hasPrefix("openapi/v3/") { path = path.dropFirst("openapi/v3/".count) }
        while path.hasSuffix("/") { path = path.dropLast() }
        return v3[String(path)]
    }

    /// The published definitions of `resources` (kinds and lists) and of everything they
    /// refer to.
    private static func definitions(for resources: [OpenAPIResource], _ flavor: OpenAPIFlavor) -> [String: JSONValue] {
        var unpublished = [String: JSONValue]()
        for r in resources {
            switch r.schema {
            case .definition(let name):
                unpublished[name] = BuiltinOpenAPI.definitions[name] ?? ["type": "object"]
            case .custom(let schema):
                unpublished[r.definitionName] = OpenAPIConversion.customKind(r, schema: schema, flavor)
            }
            unpublished[r.listDefinitionName] = OpenAPIConversion.listKind(r)
        }
        // Paths refer to these even when no kind does.
        var pending = Set(["io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.Patch"])
        for schema in unpublished.values { pending.formUnion(OpenAPIConversion.references(in: schema)) }
        while let name = pending.popFirst() {
            guard unpublished[name] == nil, let schema = BuiltinOpenAPI.definitions[name] else { continue }
            unpublished[name] = schema
            pending.formUnion(OpenAPIConversion.references(in: schema))
        }
        return unpublished.mapValues { OpenAPIConversion.publish($0, flavor) }
    }
}
