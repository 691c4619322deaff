import Foundation
import KubeCore

extension KubeClient {
    /// `GET path` with the client's credentials and retries, returning the body as sent
    /// (like `kubectl get --raw`). Errors are decoded as for any request.
    public func rawGet(_ path: String, accept: String = "application/json") async throws -> Data {
        try await send(APIRequest(method: .GET, path: path, accept: accept, idempotent: true)).body
    }
}

extension KubeClient {
    /// `POST path` with a JSON body (for subresources such as `serviceaccounts/NAME/token`),
    /// returning the decoded JSON answer.
    public func rawPost(_ path: String, body: JSONValue) async throws -> JSONValue {
        let response = try await send(
            APIRequest(method: .POST, path: path, body: body.serialized(), idempotent: false))
        return try JSONValue.parse(response.body)
    }
}
