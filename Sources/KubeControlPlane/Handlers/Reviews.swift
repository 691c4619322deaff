import Foundation
import KubeCore
import KubeHTTPServer

extension APIServer {
    /// Creates of review kinds: answered from the request, never stored.
    func review(_ r: ServedResource, _ object: JSONValue, _ user: RequestUser) throws -> ServerResponse {
        var response = object
        response[path: ["metadata", "creationTimestamp"]] = nil
        if response["metadata"] == nil { response["metadata"] = [:] }
        switch r.kind {
        case "SelfSubjectAccessReview", "SubjectAccessReview":
            let subject: RequestUser
            if r.kind == "SubjectAccessReview" {
                let spec = object["spec"] ?? [:]
                guard let name = spec["user"]?.stringValue ?? spec["uid"]?.stringValue else {
                    throw APIStatus.invalid(
                        r, "",
                        causes: [
                            StatusCause(
                                reason: "FieldValueRequired",
                                message: "Required value: at least one of user or group must be specified",
                                field: "spec.user")
                        ])
                }
                subject = RequestUser(
                    name: name, groups: (spec["groups"]?.arrayValue ?? []).compactMap(\.stringValue))
            } else {
                subject = user
            }
            let attributes: RequestAttributes
            if let a = object[path: ["spec", "resourceAttributes"]] {
                attributes = RequestAttributes(
                    verb: a["verb"]?.stringValue ?? "", group: a["group"]?.stringValue ?? "",
                    resource: a["resource"]?.stringValue ?? "", subresource: a["subresource"]?.stringValue ?? "",
                    namespace: a["namespace"]?.stringValue ?? "", name: a["name"]?.stringValue ?? "")
            } else if let n = object[path: ["spec", "nonResourceAttributes"]] {
                attributes = RequestAttributes(verb: n["verb"]?.stringValue ?? "", path: n["path"]?.stringValue ?? "")
            } else {
                throw APIStatus.invalid(
                    r, "",
                    causes: [
                        StatusCause(
                            reason: "FieldValueRequired",
                            message:
                                "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified",
                            field: "spec.resourceAttributes")
                    ])
            }
            let decision = authorizer.authorize(subject, attributes)
            var status: [String: JSONValue] = ["allowed": .bool(decision.allowed)]
            if !decision.reason.isEmpty { status["reason"] = .string(decision.reason) }
            response["status"] = .object(status)
        case "SelfSubjectReview":
            response["status"] = [
                "userInfo": [
                    "username": .string(user.name), "uid": .string(user.uid),
                    "groups": .array(user.groups.map(JSONValue.string)),
                ]
            ]
        case "TokenReview":
            let token = object[path: ["spec", "token"]]?.stringValue ?? ""
            if let reviewed = tokens[token] {
                response["status"] = [
                    "authenticated": true,
                    "user": [
                        "username": .string(reviewed.name), "groups": .array(reviewed.groups.map(JSONValue.string)),
                    ],
                ]
            } else {
                response["status"] = ["authenticated": false, "error": "invalid bearer token"]
            }
        case "SelfSubjectRulesReview":
            response["status"] = ["resourceRules": [], "nonResourceRules": [], "incomplete": true]
        default:
            throw APIStatus.methodNotAllowed
        }
        return APIResponse.json(response, status: .created)
    }

    /// `serviceaccounts/NAME/token`: not served until service-account token signing lands.
    func tokenRequest(namespace: String, serviceAccount: String, _ request: ServerRequest) throws -> ServerResponse {
        throw APIStatus.resourceNotFound
    }
}
