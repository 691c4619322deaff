import Foundation
import KubeCore

extension Api {
    /// The `Accept` header kubectl sends for server-side printing, with plain JSON as fallback.
    static var tableAccept: String {
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
    }

    /// Asks the server to render objects as a `Table` (as `kubectl get` does); `name`
    /// selects one object. Returns `nil` when the server answers with plain objects.
    public func table(name: String? = nil, _ options: ListOptions = ListOptions()) async throws -> Table? {
        let path = name.map { objectPath($0, namespace: nil) } ?? resource.collectionPath(namespace: namespace)
        var query = name == nil ? options.queryItems : []
        query.append(URLQueryItem(name: "includeObject", value: "Metadata"))
        let response = try await client.send(
            APIRequest(method: .GET, path: path, query: query, accept: Self.tableAccept, idempotent: true))
        let json = try JSONValue.parse(response.body)
        guard json["kind"]?.stringValue == "Table" else { return nil }
        return try decode(Table.self, response.body, "GET table")
    }
}
