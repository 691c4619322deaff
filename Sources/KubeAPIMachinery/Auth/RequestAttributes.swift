import Foundation
import KubeCore

extension AuthorizationAttributes {
    /// The attributes of an HTTP request, worked out as the real server's request-info
    /// parser does, so that the API server authorizes exactly what Kubernetes would:
    ///
    /// - `/api/VERSION/…` and `/apis/GROUP/VERSION/…` with a resource are resource
    ///   requests; everything else (`/api`, `/apis/apps/v1`, `/healthz`, `/openapi/v2`) is
    ///   a non-resource request with the lower-case method as verb (`get`, `post`, `head`).
    /// - POST is `create`; GET and HEAD `get`, or `list` without a name, or `watch` with
    ///   `?watch=true`; PUT `update`; PATCH `patch`; DELETE `delete`, or
    ///   `deletecollection` without a name.
    /// - The old `/api/v1/watch/…` and `/api/v1/proxy/…` forms give the verb `watch` or `proxy`.
    /// - `namespaces/NS/RESOURCE/NAME/SUBRESOURCE` sets the namespace; a Namespace itself
    ///   (`/api/v1/namespaces/NS`, `…/NS/status`, `…/NS/finalize`) has namespace NS too.
    /// - A list or watch with `fieldSelector=metadata.name=X` is about the object X, so
    ///   that `resourceNames` rules allow `kubectl get pod X --watch`.
    ///
    /// - Parameters:
    ///   - path: the URL path, percent-decoded.
    ///   - query: the query parameters (first value of each).
    public init(user: AuthenticatedUser, method: String, path: String, query: [String: String] = [:]) {
        self.init(user: user, verb: method.lowercased(), isResourceRequest: false, path: path)
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // Go trims leading and trailing slashes, then splits.
        while parts.first == "" { parts.removeFirst() }
        while parts.last == "" { parts.removeLast() }
        guard parts.count >= 3, parts[0] == "api" || parts[0] == "apis" else { return }
        let prefix = parts.removeFirst()
        if prefix == "apis" {
            // One part, the prefix, is gone: a group needs three more (group, version, resource).
            guard parts.count >= 3 else { return }
            apiGroup = parts.removeFirst()
        }
        isResourceRequest = true
        apiVersion = parts.removeFirst()

        if let first = parts.first, first == "watch" || first == "proxy" {
            guard parts.count >= 2 else {
                // The real server cannot tell the kind either; it authorizes what it has.
                verb = first
                return
            }
            verb = first
            parts.removeFirst()
        } else {
            switch method.uppercased() {
            case "POST": verb = "create"
            case "GET", "HEAD": verb = "get"
            case "PUT": verb = "update"
            case "PATCH": verb = "patch"
            case "DELETE": verb = "delete"
            default: verb = ""
            }
        }

        if parts.first == "namespaces" {
            if parts.count > 1 {
                namespace = parts[1]
                // `namespaces/NS/status` and `…/finalize` are subresources of the Namespace.
                if parts.count > 2 && parts[2] != "status" && parts[2] != "finalize" {
                    parts.removeFirst(2)
                }
            }
        }

        if parts.count >= 3 && verb != "proxy" { subresource = parts[2] }
        if parts.count >= 2 { name = parts[1] }
        if parts.count >= 1 { resource = parts[0] }

        if name.isEmpty && verb == "get" {
            verb = Self.isTrue(query["watch"]) ? "watch" : "list"
            if let selector = query["fieldSelector"], let query = try? FieldQuery(parsing: selector),
                let exact = query.requirements.first(where: { $0.field == "metadata.name" && $0.operator == .equals }),
                Self.isValidPathSegment(exact.value)
            {
                name = exact.value
            }
        }
        if name.isEmpty && verb == "delete" { verb = "deletecollection" }
    }

    /// How the real server reads a boolean query parameter.
    private static func isTrue(_ value: String?) -> Bool {
        guard let value else { return false }
        switch value.lowercased() {
        case "true", "1", "t": return true
        default: return false
        }
    }

    /// A name that can stand in a URL path: not `.` or `..`, no `/` or `%`.
    private static func isValidPathSegment(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("%")
    }
}
