import Foundation
import KubeClient
import KubeControlPlane
import KubeCore
import XCTest

/// Simulated workloads: a controller watching the embedded control plane sees a living cluster.
final class SimulationTests: XCTestCase {
    static let deployments = ResourceDescriptor(
        group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true)
    static let statefulSets = ResourceDescriptor(
        group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", namespaced: true)
    static let pods = ResourceDescriptor(group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true)
    static let claims = ResourceDescriptor(
        group: "", version: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", namespaced: true)
    static let serviceAccounts = ResourceDescriptor(
        group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true)

    private func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<100 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTFail("timed out waiting for \(what)")
    }

    func testStatefulSetGetsReadyPodsAndScalesToZero() async throws {
        let cp = try await ControlPlane.start(
            ControlPlane.Configuration(simulateWorkloads: true, podStartDelay: .milliseconds(100)))
        let f = try await ControlPlaneFixture.attach(cp)
        let sts = f.client.dynamicApi(Self.statefulSets, namespace: "default")
        _ = try await sts.create(
            DynamicObject([
                "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": ["name": "wb"],
                "spec": [
                    "replicas": 1, "selector": ["matchLabels": ["app": "wb"]],
                    "template": [
                        "metadata": ["labels": ["app": "wb"]], "spec": ["containers": [["name": "c", "image": "x"]]],
                    ],
                ],
            ]))
        let pods = f.client.dynamicApi(Self.pods, namespace: "default")
        try await eventually("a ready pod and status") {
            let s = try await sts.get("wb")
            let pod = try await pods.getIfExists("wb-0")
            return s.raw[path: ["status", "readyReplicas"]] == 1 && s.raw[path: ["status", "observedGeneration"]] == 1
                && pod?.raw[path: ["status", "phase"]] == "Running"
        }
        _ = try await sts.patch("wb", .merge(["spec": ["replicas": 0]]))
        try await eventually("scale to zero") {
            let s = try await sts.get("wb")
            let pod = try await pods.getIfExists("wb-0")
            return pod == nil && s.raw[path: ["status", "replicas"]] == 0
                && s.raw[path: ["status", "observedGeneration"]] == 2
        }
        // Claims bind, namespaces get a default ServiceAccount.
        let claims = f.client.dynamicApi(Self.claims, namespace: "default")
        _ = try await claims.create(
            DynamicObject([
                "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": "home"],
                "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]]],
            ]))
        try await eventually("a bound claim") {
            try await claims.get("home").raw[path: ["status", "phase"]] == "Bound"
        }
        try await eventually("the default service account") {
            try await f.client.dynamicApi(Self.serviceAccounts, namespace: "default").getIfExists("default") != nil
        }
        await f.stop()
    }

    func testServicesGetTheirClusterIPOnCreateAndKeepItOnUpdate() async throws {
        let cp = try await ControlPlane.start(ControlPlane.Configuration(simulateWorkloads: false))
        let f = try await ControlPlaneFixture.attach(cp)
        let services = f.client.dynamicApi(
            ResourceDescriptor(group: "", version: "v1", kind: "Service", plural: "services", namespaced: true),
            namespace: "default")
        let spec: JSONValue = ["ports": [["port": 80]], "selector": ["app": "x"]]
        let a = try await services.create(
            DynamicObject(["apiVersion": "v1", "kind": "Service", "metadata": ["name": "a"], "spec": spec]))
        let b = try await services.create(
            DynamicObject(["apiVersion": "v1", "kind": "Service", "metadata": ["name": "b"], "spec": spec]))
        let ipA = try XCTUnwrap(a.raw[path: ["spec", "clusterIP"]]?.stringValue, "assigned in the create response")
        XCTAssertEqual(a.raw[path: ["spec", "clusterIPs"]], [.string(ipA)])
        XCTAssertNotEqual(b.raw[path: ["spec", "clusterIP"]]?.stringValue, ipA, "addresses are not reused")
        // An update that leaves the address out keeps it (the address is immutable).
        var replaced = try await services.get("a")
        replaced.raw[path: ["spec", "clusterIP"]] = nil
        replaced.raw[path: ["spec", "clusterIPs"]] = nil
        replaced.raw[path: ["metadata", "labels"]] = ["changed": "yes"]
        let updated = try await services.update(replaced)
        XCTAssertEqual(updated.raw[path: ["spec", "clusterIP"]]?.stringValue, ipA)
        // ExternalName Services get none.
        let external = try await services.create(
            DynamicObject([
                "apiVersion": "v1", "kind": "Service", "metadata": ["name": "ext"],
                "spec": ["type": "ExternalName", "externalName": "example.com"],
            ]))
        XCTAssertNil(external.raw[path: ["spec", "clusterIP"]])
        await f.stop()
    }

    func testStatefulSetRollsItsPodWhenTheTemplateChanges() async throws {
        let cp = try await ControlPlane.start(
            ControlPlane.Configuration(simulateWorkloads: true, podStartDelay: .milliseconds(100)))
        let f = try await ControlPlaneFixture.attach(cp)
        let sts = f.client.dynamicApi(Self.statefulSets, namespace: "default")
        _ = try await sts.create(
            DynamicObject([
                "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": ["name": "wb"],
                "spec": [
                    "replicas": 1, "selector": ["matchLabels": ["app": "wb"]],
                    "template": [
                        "metadata": ["labels": ["app": "wb"], "annotations": ["policy": "v1"]],
                        "spec": ["containers": [["name": "c", "image": "x"]]],
                    ],
                ],
            ]))
        let pods = f.client.dynamicApi(Self.pods, namespace: "default")
        var firstUID: JSONValue?
        try await eventually("a ready pod with the template's annotation") {
            let pod = try await pods.getIfExists("wb-0")
            firstUID = pod?.raw[path: ["metadata", "uid"]]
            return pod?.raw[path: ["status", "phase"]] == "Running"
                && pod?.raw[path: ["metadata", "annotations", "policy"]] == "v1"
        }
        _ = try await sts.patch(
            "wb", .merge(["spec": ["template": ["metadata": ["annotations": ["policy": "v2"]]]]]))
        try await eventually("the pod is replaced at the new revision") {
            let s = try await sts.get("wb")
            let pod = try await pods.getIfExists("wb-0")
            return pod?.raw[path: ["metadata", "uid"]] != firstUID
                && pod?.raw[path: ["metadata", "annotations", "policy"]] == "v2"
                && pod?.raw[path: ["metadata", "labels", "controller-revision-hash"]]
                    == s.raw[path: ["status", "updateRevision"]]
                && s.raw[path: ["status", "readyReplicas"]] == 1
        }
        await f.stop()
    }

    /// The simulator follows changes, not scans: what it must react to is a change to the
    /// object itself or to something the object owns, and both are seen.
    func testDeploymentsDeletedPodsJobsAndDefaultServiceAccountsFollowChanges() async throws {
        let cp = try await ControlPlane.start(
            ControlPlane.Configuration(simulateWorkloads: true, podStartDelay: .milliseconds(100)))
        let f = try await ControlPlaneFixture.attach(cp)
        let pods = f.client.dynamicApi(Self.pods, namespace: "default")
        let deployments = f.client.dynamicApi(Self.deployments, namespace: "default")
        _ = try await deployments.create(
            DynamicObject([
                "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
                "spec": [
                    "replicas": 2, "selector": ["matchLabels": ["app": "web"]],
                    "template": [
                        "metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "c", "image": "x"]]],
                    ],
                ],
            ]))
        try await eventually("two ready replicas through a ReplicaSet") {
            let d = try await deployments.get("web")
            let running = try await pods.list().items.filter {
                $0.raw[path: ["metadata", "labels", "app"]] == "web" && $0.raw[path: ["status", "phase"]] == "Running"
            }
            return d.raw[path: ["status", "readyReplicas"]] == 2 && running.count == 2
        }
        _ = try await deployments.patch("web", .merge(["spec": ["replicas": 1]]))
        try await eventually("scaled down to one") {
            let d = try await deployments.get("web")
            let left = try await pods.list().items.filter { $0.raw[path: ["metadata", "labels", "app"]] == "web" }
            return d.raw[path: ["status", "readyReplicas"]] == 1 && left.count == 1
        }

        // A pod deleted by hand comes back: its deletion concerns its StatefulSet.
        let sts = f.client.dynamicApi(Self.statefulSets, namespace: "default")
        _ = try await sts.create(
            DynamicObject([
                "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": ["name": "db"],
                "spec": [
                    "replicas": 1, "selector": ["matchLabels": ["app": "db"]],
                    "template": [
                        "metadata": ["labels": ["app": "db"]], "spec": ["containers": [["name": "c", "image": "x"]]],
                    ],
                ],
            ]))
        var firstUID: JSONValue?
        try await eventually("a running db-0") {
            let pod = try await pods.getIfExists("db-0")
            firstUID = pod?.raw[path: ["metadata", "uid"]]
            return pod?.raw[path: ["status", "phase"]] == "Running"
        }
        try await pods.delete("db-0")
        try await eventually("db-0 recreated and running") {
            let pod = try await pods.getIfExists("db-0")
            let set = try await sts.get("db")
            return pod != nil && pod?.raw[path: ["metadata", "uid"]] != firstUID
                && pod?.raw[path: ["status", "phase"]] == "Running"
                && set.raw[path: ["status", "readyReplicas"]] == 1
        }

        // A deleted default ServiceAccount is recreated.
        let accounts = f.client.dynamicApi(Self.serviceAccounts, namespace: "default")
        try await eventually("the default service account") { try await accounts.getIfExists("default") != nil }
        try await accounts.delete("default")
        try await eventually("the default service account is back") {
            try await accounts.getIfExists("default") != nil
        }

        // A job completes after its (simulated) run time, with no other change to wake the simulator.
        let jobs = f.client.dynamicApi(
            ResourceDescriptor(group: "batch", version: "v1", kind: "Job", plural: "jobs", namespaced: true),
            namespace: "default")
        _ = try await jobs.create(
            DynamicObject([
                "apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": "once"],
                "spec": [
                    "template": [
                        "spec": ["restartPolicy": "Never", "containers": [["name": "c", "image": "x"]]]
                    ]
                ],
            ]))
        try await eventually("the job completed") {
            try await jobs.get("once").raw[path: ["status", "succeeded"]] == 1
        }
        await f.stop()
    }
}
