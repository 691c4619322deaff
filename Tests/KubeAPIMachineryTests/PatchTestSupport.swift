import Foundation
import KubeCore
import XCTest

@testable import KubeAPIMachinery

/// Parses YAML test fixtures (Kubernetes manifests read better as YAML).
func yaml(_ text: String) -> JSONValue {
    try! YAMLDocuments.parseSingle(text)
}

/// Parses JSON test fixtures.
func json(_ text: String) -> JSONValue {
    try! JSONValue.parse(Data(text.utf8))
}

/// Asserts JSON equality (numbers by value), printing both documents on failure.
func assertJSON(_ actual: JSONValue?, _ expected: JSONValue, file: StaticString = #filePath, line: UInt = #line) {
    guard let actual else {
        XCTFail("nil, expected \(expected.jsonString)", file: file, line: line)
        return
    }
    XCTAssert(
        JSONEquality.equal(actual, expected), "\n got: \(actual.jsonString)\nwant: \(expected.jsonString)", file: file,
        line: line)
}

let builtins = BuiltinPatchSchemas()
let deploymentKind = GroupVersionKind(group: "apps", version: "v1", kind: "Deployment")
let podKind = GroupVersionKind(group: "", version: "v1", kind: "Pod")
let serviceKind = GroupVersionKind(group: "", version: "v1", kind: "Service")
let t0 = Time(Date(timeIntervalSince1970: 1_727_727_573))
let t1 = Time(Date(timeIntervalSince1970: 1_727_727_600))
let t2 = Time(Date(timeIntervalSince1970: 1_727_727_700))

/// Strategic merge patch of a Deployment with the built-in table.
func patchDeployment(_ original: JSONValue, _ patch: JSONValue) throws -> JSONValue {
    try StrategicMergePatch.apply(
        patch, to: original, schema: XCTUnwrap(builtins.strategicMergeSchema(for: deploymentKind)))
}

/// A Deployment as `kubectl get -o yaml` shows one.
let webDeployment = yaml(
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: default
      labels: {app: web, tier: frontend}
      finalizers: [example.com/a, example.com/b]
    spec:
      replicas: 2
      selector:
        matchLabels: {app: web}
      strategy:
        type: RollingUpdate
        rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
          - name: web
            image: nginx:1.25
            args: [--port, "8080"]
            ports:
            - {containerPort: 8080, protocol: TCP}
            env:
            - {name: MODE, value: production}
            - {name: LOG_LEVEL, value: info}
            volumeMounts:
            - {name: config, mountPath: /etc/web}
          - name: sidecar
            image: busybox:1.36
          volumes:
          - name: config
            configMap: {name: web-config}
          tolerations:
          - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}
    """)
