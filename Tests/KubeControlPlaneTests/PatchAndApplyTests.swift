import Foundation
import KubeClient
import KubeControlPlane
import KubeCore
import XCTest

/// Strategic merge patch and server-side apply through the API.
final class PatchAndApplyTests: XCTestCase {
    static let deployments = ResourceDescriptor(
        group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true)

    private func deployment(replicas: Int64, image: String = "nginx") -> DynamicObject {
        DynamicObject([
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "namespace": "default"],
            "spec": [
                "replicas": .int(replicas), "selector": ["matchLabels": ["app": "web"]],
                "template": [
                    "metadata": ["labels": ["app": "web"]],
                    "spec": [
                        "containers": [["name": "web", "image": .string(image), "env": [["name": "A", "value": "1"]]]]
                    ],
                ],
            ],
        ])
    }

    func testServerSideApplyOwnershipConflictsForceAndNoOps() async throws {
        let f = try await ControlPlaneFixture.start()
        let api = f.client.dynamicApi(Self.deployments, namespace: "default")
        let first = try await api.apply(deployment(replicas: 2), fieldManager: "team-a")
        let managers = first.raw[path: ["metadata", "managedFields"]]?.arrayValue?.compactMap {
            $0["manager"]?.stringValue
        }
        XCTAssertEqual(managers, ["team-a"])
        XCTAssertEqual(first.raw[path: ["metadata", "managedFields"]]?[0]?["operation"], "Apply")

        // Applying the same configuration again writes nothing.
        let again = try await api.apply(deployment(replicas: 2), fieldManager: "team-a")
        XCTAssertEqual(again.resourceVersion, first.resourceVersion)

        do {
            _ = try await api.apply(deployment(replicas: 5), fieldManager: "team-b")
            XCTFail("expected a conflict")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.code, 409)
            XCTAssertTrue(e.status.message?.contains("conflict with \"team-a\"") == true, e.status.message ?? "")
            XCTAssertTrue(e.status.message?.contains(".spec.replicas") == true, e.status.message ?? "")
        }
        let forced = try await api.apply(deployment(replicas: 5), fieldManager: "team-b", force: true)
        XCTAssertEqual(forced.raw[path: ["spec", "replicas"]], 5)

        // A strategic merge patch merges the container list by name and env by name.
        let patched = try await api.patch(
            "web",
            .strategic([
                "spec": [
                    "template": ["spec": ["containers": [["name": "web", "env": [["name": "B", "value": "2"]]]]]]
                ]
            ]))
        let container = patched.raw[path: ["spec", "template", "spec", "containers"]]?[0]
        XCTAssertEqual(container?["image"], "nginx")
        XCTAssertEqual(container?["env"]?.arrayValue?.compactMap { $0["name"]?.stringValue }.sorted(), ["A", "B"])
        await f.stop()
    }

    func testStrategicMergePatchIsRefusedForCustomResources() async throws {
        let f = try await ControlPlaneFixture.start()
        _ = try await f.client.dynamicApi(ControlPlaneFixture.crds).create(DynamicObject(ControlPlaneFixture.widgetCRD))
        let widgets = f.client.dynamicApi(ControlPlaneFixture.widgets, namespace: "default")
        _ = try await widgets.create(
            DynamicObject([
                "apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["size": 1],
            ]))
        do {
            _ = try await widgets.patch("w", .strategic(["spec": ["size": 2]]))
            XCTFail("expected 415")
        } catch let e as KubeAPIError {
            XCTAssertEqual(e.code, 415)
        }
        await f.stop()
    }
}
