import Foundation
import KubeAPIMachinery
import KubeModels
import Synchronization

/// Stored objects for token tests: what the API server's store would answer lookups with.
final class AuthTestObjects: Sendable {
    private let records = Mutex<[String: AuthObjectRecord]>([:])

    func put(_ kind: AuthObjectKind, _ namespace: String, _ name: String, _ record: AuthObjectRecord) {
        records.withLock { $0["\(kind.rawValue)/\(namespace)/\(name)"] = record }
    }

    func delete(_ kind: AuthObjectKind, _ namespace: String, _ name: String) {
        records.withLock { $0["\(kind.rawValue)/\(namespace)/\(name)"] = nil }
    }

    var lookup: AuthObjectLookup {
        { kind, namespace, name in
            self.records.withLock { $0["\(kind.rawValue)/\(namespace)/\(name)"] }
        }
    }
}

enum AuthFixtures {
    static let issuerURL = "https://kubernetes.default.svc.cluster.local"

    static func issuer(maxExpirationSeconds: Int64? = nil) -> ServiceAccountTokenIssuer {
        ServiceAccountTokenIssuer(
            issuer: issuerURL, signingKey: .generate(), maxExpirationSeconds: maxExpirationSeconds)
    }

    static let builder = ServiceAccountReference(namespace: "team-a", name: "builder", uid: "sa-uid-1")

    static func user(_ name: String, groups: [String] = []) -> AuthenticatedUser {
        AuthenticatedUser(username: name, groups: groups)
    }
}
