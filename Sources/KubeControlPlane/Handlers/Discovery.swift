import Foundation
import KubeCore
import KubeHTTPServer

extension APIServer {
    /// `/api`, `/apis`, `/apis/GROUP`, `/api/v1`, `/apis/GROUP/VERSION`.
    func discovery(_ route: Route) throws -> ServerResponse {
        switch route {
        case .coreVersions:
            return APIResponse.encode(
                APIVersions(
                    versions: ["v1"],
                    serverAddressByClientCIDRs: [
                        ServerAddressByClientCIDR(clientCIDR: "0.0.0.0/0", serverAddress: serverAddress)
                    ]))
        case .groups:
            return APIResponse.encode(APIGroupList(groups: registry.groups()))
        case .group(let name):
            guard let group = registry.groups().first(where: { $0.name == name }) else {
                throw APIStatus.resourceNotFound
            }
            return APIResponse.encode(group)
        case .groupVersion(let gv):
            guard let resources = registry.resources(groupVersion: gv) else { throw APIStatus.resourceNotFound }
            return APIResponse.encode(
                APIResourceList(groupVersion: gv, resources: resources.flatMap { $0.discoveryEntries() }))
        case .openAPI:
            throw APIStatus.resourceNotFound
        default:
            throw APIStatus.resourceNotFound
        }
    }
}
