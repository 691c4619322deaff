import Foundation

/// A parsed request path.
enum Route: Equatable {
    case version
    case health(String)
    case coreVersions
    case groups
    case group(String)
    case groupVersion(String)
    case openAPI(String)
    /// `/api/v1/namespaces/ns/configmaps`, `/apis/g/v/things`.
    case collection(groupVersion: String, plural: String, namespace: String?)
    /// `/…/things/name[/subresource]`.
    case object(groupVersion: String, plural: String, namespace: String?, name: String, subresource: String?)

    /// Parses `path` (percent-escapes decoded per segment). `nil` means 404.
    init?(path: String) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        guard let first = segments.first else { return nil }
        switch first {
        case "version":
            self = .version
            return
        case "healthz", "readyz", "livez":
            self = .health(first)
            return
        case "openapi", ".well-known", "openid":
            self = .openAPI(path)
            return
        default:
            break
        }
        var rest: ArraySlice<String>
        let groupVersion: String
        if first == "api" {
            if segments.count == 1 {
                self = .coreVersions
                return
            }
            groupVersion = segments[1]
            rest = segments[2...]
        } else if first == "apis" {
            if segments.count == 1 {
                self = .groups
                return
            }
            if segments.count == 2 {
                self = .group(segments[1])
                return
            }
            groupVersion = "\(segments[1])/\(segments[2])"
            rest = segments[3...]
        } else {
            return nil
        }
        if rest.isEmpty {
            self = .groupVersion(groupVersion)
            return
        }
        var namespace: String?
        // `namespaces/NAME/PLURAL…` is a namespaced path unless it is the namespace object itself
        // (`namespaces/NAME` or `namespaces/NAME/status|finalize`).
        if rest.first == "namespaces", rest.count >= 3,
            !["status", "finalize"].contains(rest[rest.startIndex + 2]) || rest.count > 3
        {
            namespace = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        }
        let parts = Array(rest)
        switch parts.count {
        case 1: self = .collection(groupVersion: groupVersion, plural: parts[0], namespace: namespace)
        case 2:
            self = .object(
                groupVersion: groupVersion, plural: parts[0], namespace: namespace, name: parts[1], subresource: nil)
        case 3:
            self = .object(
                groupVersion: groupVersion, plural: parts[0], namespace: namespace, name: parts[1],
                subresource: parts[2])
        default: return nil
        }
    }
}
