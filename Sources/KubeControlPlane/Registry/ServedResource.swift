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
    /// For resources sharing one storage (core and events.k8s.io Events): how objects convert.
    var conversion: StorageConversion?

    static let allVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    var groupVersion: String { apiVersion }
    /// The storage key shared by every version: `group/plural`, or the shared storage's.
    var storageKey: String { conversion?.storageKey ?? "\(group)/\(plural)" }
    var descriptor: ResourceDescriptor {
        ResourceDescriptor(group: group, version: version, kind: kind, plural: plural, namespaced: namespaced)
    }

    /// The stored bytes of `object` as served at this resource's version.
    func serve(_ object: StoredObject) -> Data {
        if let conversion {
            guard !conversion.isStorageShape(apiVersion), let json = try? object.json() else { return object.data }
            return conversion.fromStorage(json, to: apiVersion).serialized()
        }
        // Built-ins are served at a single version. Custom resources are stored at the version
        // they were written with; other served versions only differ in apiVersion (conversion
        // strategy None), so only they may need rewriting.
        guard crdName != nil else { return object.data }
        let prefix = Data(#""apiVersion":""#.utf8)
        let expected = prefix + Data(apiVersion.utf8) + Data(#"""#.utf8)
        if object.data.range(of: expected) != nil { return object.data }
        guard var json = try? object.json() else { return object.data }
        json["apiVersion"] = .string(apiVersion)
        return json.serialized()
    }

    /// A stored object parsed as a write at this resource's version sees it (converted, with
    /// managed field sets in this version's shape).
    func liveObject(_ object: StoredObject) throws -> JSONValue {
        let json = try object.json()
        guard let conversion else { return json }
        return conversion.fromStorage(json, to: apiVersion, forWrite: true)
    }

    /// An object written at this resource's version, in the storage's shape.
    func storageObject(_ object: JSONValue) -> JSONValue {
        guard let conversion else { return object }
        return conversion.toStorage(object, from: apiVersion)
    }

    /// An object computed by a write at this resource's version as a read would serve it once
    /// stored (the answer of a dry run).
    func readView(ofWritten object: JSONValue) -> JSONValue {
        guard let conversion else { return object }
        return conversion.fromStorage(conversion.toStorage(object, from: apiVersion), to: apiVersion)
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
