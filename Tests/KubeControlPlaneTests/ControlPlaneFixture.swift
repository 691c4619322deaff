import Foundation
import KubeClient
import KubeConfig
import KubeControlPlane
import KubeCore
import XCTest

/// Starts an in-process control plane on an ephemeral port and connects a client as admin.
struct ControlPlaneFixture {
    let controlPlane: ControlPlane
    let client: KubeClient

    static func start(
        dataDirectory: URL? = nil, bookmarkInterval: Duration = .seconds(60), historyCapacity: Int = 10_000
    ) async throws -> ControlPlaneFixture {
        let cp = try await ControlPlane.start(
            ControlPlane.Configuration(
                dataDirectory: dataDirectory, bookmarkInterval: bookmarkInterval, historyCapacity: historyCapacity))
        return try await attach(cp)
    }

    /// Connects an admin client to a running control plane.
    static func attach(_ cp: ControlPlane) async throws -> ControlPlaneFixture {
        let client = try KubeClient(
            connection: ClusterConnection(
                server: cp.baseURL, certificateAuthorityPEM: Array(cp.caPEM.utf8),
                credentials: StaticTokenProvider(token: cp.adminToken), namespace: "default", origin: "test"))
        return ControlPlaneFixture(controlPlane: cp, client: client)
    }

    func stop() async {
        try? await client.shutdown()
        await controlPlane.shutdown()
    }

    static let configMaps = ResourceDescriptor(
        group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true)
    static let namespaces = ResourceDescriptor(
        group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false)
    static let crds = ResourceDescriptor(
        group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition",
        plural: "customresourcedefinitions", namespaced: false)
    static let widgets = ResourceDescriptor(
        group: "example.com", version: "v1", kind: "Widget", plural: "widgets", namespaced: true)

    func configMaps(_ namespace: String = "default") -> Api<DynamicObject> {
        client.dynamicApi(Self.configMaps, namespace: namespace)
    }

    static func configMap(_ name: String, _ data: [String: String] = [:], labels: [String: String] = [:])
        -> DynamicObject
    {
        DynamicObject([
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": .string(name), "labels": .object(labels.mapValues(JSONValue.string))],
            "data": .object(data.mapValues(JSONValue.string)),
        ])
    }

    static let widgetCRD: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "widgets.example.com"],
        "spec": [
            "group": "example.com", "scope": "Namespaced",
            "names": [
                "plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"],
                "categories": ["toys"],
            ],
            "versions": [
                [
                    "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                    "schema": [
                        "openAPIV3Schema": [
                            "type": "object",
                            "properties": [
                                "spec": ["type": "object", "properties": ["size": ["type": "integer"]]],
                                "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                            ],
                        ]
                    ],
                    "additionalPrinterColumns": [["name": "Size", "type": "integer", "jsonPath": ".spec.size"]],
                ]
            ],
        ],
    ]
}
