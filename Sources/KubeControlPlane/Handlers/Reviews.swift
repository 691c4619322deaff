import Foundation
import KubeAPIMachinery
import KubeCore
import KubeHTTPServer
import KubeModels

extension APIServer {
    /// Creates of review kinds: answered from the request, never stored.
    func review(_ r: ServedResource, _ object: JSONValue, _ user: RequestUser) async throws -> ServerResponse {
        let reviewer = AccessReviewer(authorizer: authorizer, ruleResolver: rbac)
        do {
            switch r.kind {
            case "SelfSubjectAccessReview":
                let request = try object.decode(as: SelfSubjectAccessReview.self)
                return APIResponse.encode(try reviewer.review(request, user: user.authenticated), status: .created)
            case "SubjectAccessReview":
                let request = try object.decode(as: SubjectAccessReview.self)
                return APIResponse.encode(try reviewer.review(request), status: .created)
            case "SelfSubjectRulesReview":
                return APIResponse.json(try reviewer.rulesReview(object, user: user.authenticated), status: .created)
            case "SelfSubjectReview":
                let request = try object.decode(as: SelfSubjectReview.self)
                return APIResponse.encode(
                    AccessReviewer.review(request, user: user.authenticated), status: .created)
            case "TokenReview":
                let request = try object.decode(as: TokenReview.self)
                let reviewer = TokenReviewer(authenticator: tokenAuthenticator, apiAudiences: tokenIssuer.apiAudiences)
                return APIResponse.encode(try await reviewer.review(request), status: .created)
            default:
                throw APIStatus.methodNotAllowed
            }
        } catch let error as AuthAPIError {
            throw APIStatus(status: error.status)
        } catch let error as DecodingError {
            throw APIStatus.badRequest("the \(r.kind) could not be decoded: \(error)")
        }
    }

    /// `serviceaccounts/NAME/token` (TokenRequest): a signed, audience-bound, expiring token.
    func tokenRequest(namespace: String, serviceAccount: String, _ request: ServerRequest) async throws
        -> ServerResponse
    {
        guard
            let stored = store.get("/serviceaccounts", key: ObjectKey.make(namespace: namespace, name: serviceAccount)),
            let uid = try stored.json()[path: ["metadata", "uid"]]?.stringValue
        else {
            throw APIStatus(
                code: 404, reason: .notFound, message: "serviceaccounts \"\(serviceAccount)\" not found",
                details: StatusDetails(name: serviceAccount, kind: "serviceaccounts"))
        }
        var body = try ObjectPreparation.parseBody(request.body, contentType: request.header("Content-Type"))
        // Clients send only the spec, and omit empty audiences; the status is the server's.
        body["status"] = nil
        if body[path: ["spec", "audiences"]] == nil { body[path: ["spec", "audiences"]] = [] }
        let tokenRequest: TokenRequest
        do {
            tokenRequest = try body.decode(as: TokenRequest.self)
        } catch {
            throw APIStatus.badRequest("the TokenRequest could not be decoded: \(error)")
        }
        let store = self.store
        do {
            let response = try await tokenIssuer.respond(
                to: tokenRequest,
                serviceAccount: ServiceAccountReference(namespace: namespace, name: serviceAccount, uid: uid)
            ) { kind, ns, name in
                guard let object = store.get("/\(kind.rawValue)", key: ObjectKey.make(namespace: ns, name: name)),
                    let json = try? object.json()
                else { return nil }
                return AuthObjectRecord(object: json)
            }
            return APIResponse.encode(response, status: .created)
        } catch {
            throw APIStatus(status: error.status)
        }
    }
}
