import AstroliftAPI
import Foundation
import KubeClient
import KubeConfig
import KubeControlPlane
import KubeCore
import KubeModels

/// What `astrolift dev` puts into its control plane so Astrolift works at once:
/// the CRDs, the `astrolift-system` namespace, and the AES-256 key the `local`
/// key provider sample uses.
enum DevBootstrap {
    static let fieldManager = "astrolift-dev"

    static func run(_ controlPlane: ControlPlane) async throws {
        let client = try KubeClient(
            connection: ClusterConnection(
                server: controlPlane.baseURL, certificateAuthorityPEM: Array(controlPlane.caPEM.utf8),
                credentials: StaticTokenProvider(token: controlPlane.adminToken), namespace: "default",
                origin: "astrolift dev"))
        do {
            let crds = client.api(CustomResourceDefinition.self)
            for var crd in CRDGenerator.all() {
                crd.setTypeMeta()
                _ = try await crds.apply(crd, fieldManager: fieldManager, force: true)
            }
            let namespaces = client.api(Namespace.self)
            if try await namespaces.getIfExists("astrolift-system") == nil {
                _ = try await namespaces.create(Namespace(metadata: ObjectMeta(name: "astrolift-system")))
            }
            let secrets = client.api(Secret.self, namespace: "astrolift-system")
            if try await secrets.getIfExists("astrolift-local-key") == nil {
                var key = [UInt8](repeating: 0, count: 32)
                for i in key.indices { key[i] = UInt8.random(in: 0...255) }
                var secret = Secret(metadata: ObjectMeta(name: "astrolift-local-key", namespace: "astrolift-system"))
                secret.setData(Data(key), forKey: "key")
                _ = try await secrets.create(secret)
            }
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
