import AstroliftAPI
import AstroliftKMS
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging

/// A ClusterKeyProvider or KeyProvider: the two kinds share spec and status.
public protocol KeyProviderResource: AstroliftResource
where Spec == KeyProviderSpec, StatusType == KeyProviderStatus {
    /// Which kind this is, as `providerRef.kind` names it.
    static var providerKind: KeyProviderKind { get }
}

extension ClusterKeyProvider: KeyProviderResource {
    public static var providerKind: KeyProviderKind { .clusterKeyProvider }
}

extension KeyProvider: KeyProviderResource {
    public static var providerKind: KeyProviderKind { .keyProvider }
}

/// Opens a connection to a provider's KMS with the controller's credentials, following
/// the namespace rules of its kind.
struct KeyProviderAccess: Sendable {
    let client: KubeClient
    let configuration: ControllerConfiguration

    /// `ClusterKeyProvider vault` or `KeyProvider team/vault`, as messages name it.
    static func display(kind: KeyProviderKind, namespace: String?, name: String) -> String {
        kind == .clusterKeyProvider ? "\(kind.rawValue) \(name)" : "\(kind.rawValue) \(namespace ?? "")/\(name)"
    }

    /// A provider for `spec`; call `shutdown()` on it when done.
    func connect(
        kind: KeyProviderKind, namespace: String?, name: String, spec: KeyProviderSpec, logger: Logger
    ) async throws -> any KeyManagementService {
        let isCluster = kind == .clusterKeyProvider
        let resolver = KubernetesCredentialResolver(
            client: client, spec: spec, provider: Self.display(kind: kind, namespace: namespace, name: name),
            defaultNamespace: isCluster ? configuration.controllerNamespace : (namespace ?? ""),
            onlyDefaultNamespace: !isCluster, configuration: configuration)
        // The controller never takes credentials from its own environment for a tenant's KeyProvider.
        let environment = isCluster ? ProcessInfo.processInfo.environment : [:]
        return try await KMSProviderFactory.make(
            spec: spec, resolver: resolver,
            options: .init(mode: .controller, environment: environment, timeout: .seconds(10), logger: logger))
    }

    /// Runs `body` with a connection, closing it afterwards whatever happens.
    func with<T: Sendable>(
        kind: KeyProviderKind, namespace: String?, name: String, spec: KeyProviderSpec, logger: Logger,
        _ body: (any KeyManagementService) async throws -> T
    ) async throws -> T {
        let kms = try await connect(kind: kind, namespace: namespace, name: name, spec: spec, logger: logger)
        do {
            let result = try await body(kms)
            await kms.shutdown()
            return result
        } catch {
            await kms.shutdown()
            throw error
        }
    }
}

extension KMSError.Kind {
    /// The CamelCase condition reason.
    var reason: String {
        switch self {
        case .unreachable: "Unreachable"
        case .unauthorized: "Unauthorized"
        case .keyNotFound: "KeyNotFound"
        case .wrongKey: "WrongKey"
        case .tampered: "Tampered"
        case .boundElsewhere: "BoundElsewhere"
        case .malformedEnvelope: "MalformedEnvelope"
        case .invalidConfiguration: "InvalidConfiguration"
        case .service: "ServiceError"
        }
    }
}

/// Any error as a ``KMSError``: a network failure before the KMS answered is `unreachable`.
/// The message of a foreign error is its type and description, which carry no values.
func asKMSError(_ error: any Error) -> KMSError {
    if let error = error as? KMSError { return error }
    if let error = error as? KubeAPIError {
        return KMSError(.unreachable, "the API server failed (HTTP \(error.code)): retrying")
    }
    return KMSError(.unreachable, "\(String(describing: type(of: error))): retrying")
}

enum RetryDelay {
    /// A backoff without state: the time since the failure began (the condition's last
    /// transition), between 1 s and `limit`, so retries come at roughly doubling intervals.
    static func since(_ start: Date?, now: Date, limit: Duration) -> Duration {
        let elapsed = now.timeIntervalSince(start ?? now)
        let seconds = min(max(elapsed, 1), Double(limit.components.seconds))
        return .seconds(max(1, seconds))
    }
}
