import Foundation
import KubeCore
import KubeHTTPServer
import NIOHTTP1

/// An error answered as a Kubernetes `Status`, with the real server's wording so
/// that clients (and the people reading kubectl's output) see what they expect.
struct APIStatus: Error, Sendable {
    var status: Status

    init(code: Int, reason: StatusReason?, message: String, details: StatusDetails? = nil) {
        status = Status(message: message, reason: reason, details: details, code: code)
    }

    var response: ServerResponse {
        var body = (try? KubeJSON.encode(status)) ?? Data()
        if body.isEmpty { body = Data(#"{"kind":"Status","apiVersion":"v1","status":"Failure"}"#.utf8) }
        return ServerResponse(
            status: HTTPResponseStatus(statusCode: status.code ?? 500),
            headers: ["Content-Type": "application/json"], body: Array(body))
    }

    /// `configmaps "x"`, `deployments.apps "x"`.
    static func qualified(_ r: ServedResource, _ name: String) -> String {
        (r.group.isEmpty ? r.plural : "\(r.plural).\(r.group)") + " \"\(name)\""
    }

    static func details(_ r: ServedResource, _ name: String, uid: String? = nil) -> StatusDetails {
        StatusDetails(name: name, group: r.group.isEmpty ? nil : r.group, kind: r.plural, uid: uid)
    }

    static func notFound(_ r: ServedResource, _ name: String) -> APIStatus {
        APIStatus(code: 404, reason: .notFound, message: "\(qualified(r, name)) not found", details: details(r, name))
    }

    static func alreadyExists(_ r: ServedResource, _ name: String) -> APIStatus {
        APIStatus(
            code: 409, reason: .alreadyExists, message: "\(qualified(r, name)) already exists",
            details: details(r, name))
    }

    static func conflict(_ r: ServedResource, _ name: String) -> APIStatus {
        APIStatus(
            code: 409, reason: .conflict,
            message:
                "Operation cannot be fulfilled on \(qualified(r, name)): the object has been modified; please apply your changes to the latest version and try again",
            details: details(r, name))
    }

    static func conflict(_ r: ServedResource, _ name: String, message: String) -> APIStatus {
        APIStatus(
            code: 409, reason: .conflict, message: "Operation cannot be fulfilled on \(qualified(r, name)): \(message)",
            details: details(r, name))
    }

    /// 422 with one cause per field error, in the real server's message format.
    static func invalid(_ r: ServedResource, _ name: String, causes: [StatusCause]) -> APIStatus {
        let kind = r.group.isEmpty ? r.kind : "\(r.kind).\(r.group)"
        let parts = causes.map { c in [c.field, c.message].compactMap { $0 }.joined(separator: ": ") }
        let list = parts.count == 1 ? parts[0] : "[" + parts.joined(separator: ", ") + "]"
        return APIStatus(
            code: 422, reason: .invalid, message: "\(kind) \"\(name)\" is invalid: \(list)",
            details: StatusDetails(name: name, group: r.group.isEmpty ? nil : r.group, kind: r.kind, causes: causes))
    }

    static func badRequest(_ message: String) -> APIStatus {
        APIStatus(code: 400, reason: .badRequest, message: message)
    }

    static let resourceNotFound = APIStatus(
        code: 404, reason: .notFound, message: "the server could not find the requested resource")

    static let methodNotAllowed = APIStatus(
        code: 405, reason: .methodNotAllowed, message: "the server does not allow this method on the requested resource"
    )

    static func unsupportedMediaType(_ type: String, accepted: [String]) -> APIStatus {
        APIStatus(
            code: 415, reason: .unsupportedMediaType,
            message:
                "the body of the request was in an unknown format - accepted media types include: \(accepted.joined(separator: ", "))"
        )
    }

    static func forbidden(_ message: String, _ r: ServedResource? = nil, _ name: String = "") -> APIStatus {
        APIStatus(code: 403, reason: .forbidden, message: message, details: r.map { details($0, name) })
    }

    static let unauthorized = APIStatus(code: 401, reason: .unauthorized, message: "Unauthorized")

    static func internalError(_ message: String) -> APIStatus {
        APIStatus(code: 500, reason: .internalError, message: "Internal error occurred: \(message)")
    }
}

/// Successful response bodies.
enum APIResponse {
    static func json(_ data: Data, status: HTTPResponseStatus = .ok) -> ServerResponse {
        ServerResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(data))
    }

    static func json(_ value: JSONValue, status: HTTPResponseStatus = .ok) -> ServerResponse {
        json(value.serialized(), status: status)
    }

    static func encode<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) -> ServerResponse {
        do {
            return json(try KubeJSON.encode(value), status: status)
        } catch {
            return APIStatus.internalError("could not encode the response: \(error)").response
        }
    }
}
