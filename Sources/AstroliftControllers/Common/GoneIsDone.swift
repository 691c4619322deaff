import KubeClient
import KubeCore
import KubeRuntime

/// Runs a reconcile; a 404 while the primary object itself has gone (deleted while the
/// reconcile ran, its namespace terminating) ends the reconcile instead of retrying it.
func reconcileUnlessGone<Primary: KubernetesObject>(
    _ type: Primary.Type, _ key: ObjectKey, client: KubeClient, _ body: () async throws -> ReconcileResult
) async throws -> ReconcileResult {
    do {
        return try await body()
    } catch let error as KubeAPIError where error.isNotFound {
        if try await client.api(Primary.self, namespace: key.namespace).getIfExists(key.name) == nil { return .done }
        throw error
    }
}
