import Foundation
import KubeCore

extension APIServer {
    /// What a new cluster has before anyone writes: the system namespaces.
    func bootstrap() throws {
        guard let namespaces = registry.lookup(groupVersion: "v1", plural: "namespaces") else { return }
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"]
        where store.get(namespaces.storageKey, key: name) == nil {
            var ns: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
            ObjectPreparation.prepareCreate(&ns, namespaces, now: .now())
            try store.create(namespaces.storageKey, key: name, object: ns)
        }
    }
}
