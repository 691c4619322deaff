import Foundation
import KubeAPIMachinery
import KubeCore

/// A resource the control plane serves at one group/version: what discovery
/// advertises and what the handlers need to store and validate it.
struct ServedResource: Sendable {
    var group: String
    var version: String
    var kind: String
    var plural: String
    var singular: String
    var namespaced: Bool
    var shortNames: [String] = []
    var categories: [String] = []
    var verbs: [String] = ServedResource.allVerbs
    /// Subresources served besides the object itself (`status`, `token`, …).
    var subresources: [String] = []
    /// Whether `status` is a separate subresource (then the main resource ignores status changes).
    var hasStatusSubresource: Bool { subresources.contains("status") }
    /// The CRD's schema for this version (`nil` for built-ins, which are not validated structurally).
    var schema: JSONValue?
    /// The compiled schema (pruning, defaulting, validation, CEL rules) of a CRD version.
    var structuralSchema: CustomResourceSchema?
    /// CRD `additionalPrinterColumns` for this version.
    var printerColumns: [JSONValue] = []
    /// Whether this version is the one objects are stored as (CRDs with several versions).
    var storage: Bool = true
    /// For CRDs: the CRD's name, so that deleting it removes these objects.
    var crdName: String?
    /// Kinds whose `create` does not store anything (reviews): the handler answers directly.
    var virtual: Bool = false

    static let allVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    var groupVersion: String { apiVersion }
    /// The storage key shared by every version: `group/plural`.
    var storageKey: String { "\(group)/\(plural)" }
    var descriptor: ResourceDescriptor {
        ResourceDescriptor(group: group, version: version, kind: kind, plural: plural, namespaced: namespaced)
    }

    /// The discovery entries: the resource and its subresources.
    func discoveryEntries() -> [APIResource] {
        var main = APIResource(
            name: plural, singularName: singular, namespaced: namespaced, kind: kind, verbs: verbs,
            shortNames: shortNames.isEmpty ? nil : shortNames, categories: categories.isEmpty ? nil : categories)
        main.storageVersionHash = String(UInt32(truncatingIfNeeded: storageKey.hashStable), radix: 36)
        var entries = [main]
        for sub in subresources {
            let subVerbs: [String]
            let subKind: String
            switch sub {
            case "status": (subVerbs, subKind) = (["get", "patch", "update"], kind)
            case "token": (subVerbs, subKind) = (["create"], "TokenRequest")
            case "scale": (subVerbs, subKind) = (["get", "patch", "update"], "Scale")
            default: (subVerbs, subKind) = (["get"], kind)
            }
            entries.append(
                APIResource(
                    name: "\(plural)/\(sub)", singularName: "", namespaced: namespaced, kind: subKind, verbs: subVerbs))
        }
        return entries
    }
}
