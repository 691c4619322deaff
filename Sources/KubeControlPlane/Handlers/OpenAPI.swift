import Foundation
import KubeAPIMachinery
import KubeCore
import KubeHTTPServer
import NIOHTTP1

/// The OpenAPI documents kubectl reads for `explain` and for validating `apply`,
/// rebuilt lazily after CRDs change.
final class OpenAPICache: @unchecked Sendable {
    private let lock = NSLock()
    private var specs: OpenAPISpecs?
    private let registry: ResourceRegistry
    private let store: ObjectStore

    init(registry: ResourceRegistry, store: ObjectStore) {
        self.registry = registry
        self.store = store
    }

    func invalidate() {
        lock.lock()
        specs = nil
        lock.unlock()
    }

    var current: OpenAPISpecs {
        lock.lock()
        defer { lock.unlock() }
        if let specs { return specs }
        let crds = store.list("apiextensions.k8s.io/customresourcedefinitions", namespace: nil).objects
        let resources = crds.compactMap { try? $0.json() }.flatMap(
            OpenAPIResource.resources(ofCustomResourceDefinition:))
        let built = OpenAPISpecs(resources: resources, includeBuiltins: true, kubernetesVersion: "v1.33.4")
        specs = built
        return built
    }
}

extension APIServer {
    /// `/openapi/v2`, `/openapi/v3` and `/openapi/v3/apis/GROUP/VERSION`.
    func openAPIDocument(_ request: ServerRequest) throws -> ServerResponse {
        let specs = openAPI.current
        let path = request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
        if path == "/openapi/v2" {
            if (request.header("Accept") ?? "").contains(OpenAPISpecs.v2ProtobufContentType) {
                // Answered with the dotted form the real server uses: Go's MIME parser (in
                // kubectl) rejects the `@` of the form clients ask with.
                return ServerResponse(
                    status: .ok,
                    headers: ["Content-Type": "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"],
                    body: Array(specs.v2Protobuf))
            }
            return document(specs.v2)
        }
        if path == "/openapi/v3" { return document(specs.v3Discovery) }
        if path.hasPrefix("/openapi/v3/"), let doc = specs.v3Document(at: String(path.dropFirst(1))) {
            return document(doc)
        }
        throw APIStatus.resourceNotFound
    }

    private func document(_ doc: OpenAPISpecs.Document) -> ServerResponse {
        ServerResponse(
            status: .ok, headers: ["Content-Type": "application/json", "ETag": "\"\(doc.hash)\""], body: Array(doc.data)
        )
    }
}
