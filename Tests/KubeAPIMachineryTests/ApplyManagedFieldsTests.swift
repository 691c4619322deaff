import Foundation
import KubeCore
import XCTest

@testable import KubeAPIMachinery

/// Managed fields compared byte for byte with what real API servers recorded (objects and
/// `fieldsV1` from `kubectl -v8` logs and `kubectl get --show-managed-fields` output).
final class ApplyManagedFieldsTests: XCTestCase {
    let manager = FieldManager()

    private func fieldsV1(_ object: JSONValue, entry: Int = 0) throws -> String {
        let entries = try XCTUnwrap(object[path: ["metadata", "managedFields"]]?.arrayValue)
        return try FieldSet(fieldsV1: XCTUnwrap(entries[entry]["fieldsV1"])).fieldsV1JSON
    }

    /// `kubectl create deployment nginx-0930 --image=nginx:stable`, as stored after defaulting.
    func testKubectlCreateDeployment() throws {
        let created = json(
            #"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"nginx-0930"},"name":"nginx-0930","namespace":"default"},
             "spec":{"progressDeadlineSeconds":600,"replicas":1,"revisionHistoryLimit":10,"selector":{"matchLabels":{"app":"nginx-0930"}},
             "strategy":{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"},"type":"RollingUpdate"},
             "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"nginx-0930"}},
              "spec":{"containers":[{"image":"nginx:stable","imagePullPolicy":"Always","name":"nginx","resources":{},
                "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],
               "dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},
               "terminationGracePeriodSeconds":30}}},"status":{}}
            """#)
        let stored = manager.recordUpdate(old: nil, new: created, manager: "kubectl-create", time: t0)
        let entry = try XCTUnwrap(stored[path: ["metadata", "managedFields"]]?[0])
        XCTAssertEqual(entry["manager"], "kubectl-create")
        XCTAssertEqual(entry["operation"], "Update")
        XCTAssertEqual(entry["apiVersion"], "apps/v1")
        XCTAssertEqual(entry["time"], "2024-09-30T20:19:33Z")
        XCTAssertEqual(entry["fieldsType"], "FieldsV1")
        XCTAssertNil(entry["subresource"])
        XCTAssertEqual(
            try fieldsV1(stored),
            #"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}}}"#
        )
    }

    /// `kubectl apply --server-side --field-manager=jun` of the same Deployment's YAML.
    func testServerSideApplyCreatesDeployment() throws {
        let config = yaml(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              labels: {app: nginx-0930}
              name: nginx-0930
              namespace: default
            spec:
              progressDeadlineSeconds: 600
              replicas: 1
              revisionHistoryLimit: 10
              selector:
                matchLabels: {app: nginx-0930}
              strategy:
                rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
                type: RollingUpdate
              template:
                metadata:
                  creationTimestamp: null
                  labels: {app: nginx-0930}
                spec:
                  containers:
                  - image: nginx:stable
                    imagePullPolicy: Always
                    name: nginx
                    resources: {}
                    terminationMessagePath: /dev/termination-log
                    terminationMessagePolicy: File
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                  schedulerName: default-scheduler
                  securityContext: {}
                  terminationGracePeriodSeconds: 30
            """)
        let result = try manager.apply(config, to: nil, kind: deploymentKind, manager: "jun", time: t0)
        XCTAssertTrue(result.created)
        XCTAssertTrue(result.changed)
        let entry = try XCTUnwrap(result.object[path: ["metadata", "managedFields"]]?[0])
        XCTAssertEqual(entry["operation"], "Apply")
        XCTAssertEqual(entry["apiVersion"], "apps/v1")
        XCTAssertEqual(
            try fieldsV1(result.object),
            #"{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:creationTimestamp":{},"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}}}"#
        )
        // The stored object carries the configuration; a null creationTimestamp reads as unset.
        XCTAssertNil(result.object[path: ["spec", "template", "metadata", "creationTimestamp"]])
        XCTAssertEqual(result.object[path: ["spec", "replicas"]], 1)
    }

    /// `kubectl run nginx --image=nginx`.
    func testKubectlRunPod() throws {
        let pod = json(
            #"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx","namespace":"default","labels":{"run":"nginx"}},
             "spec":{"containers":[{"name":"nginx","image":"nginx","resources":{},"terminationMessagePath":"/dev/termination-log",
               "terminationMessagePolicy":"File","imagePullPolicy":"Always"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,
               "dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler","enableServiceLinks":true},"status":{}}
            """#)
        let stored = manager.recordUpdate(old: nil, new: pod, manager: "kubectl-run", time: t0)
        XCTAssertEqual(
            try fieldsV1(stored),
            #"{"f:metadata":{"f:labels":{".":{},"f:run":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}"#
        )
    }

    /// Client-side `kubectl apply` creating a Pod with ports (list keyed by port and protocol).
    func testClientSideApplyPodWithPorts() throws {
        let pod = json(
            #"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx-pod","namespace":"webhook","labels":{"app":"nginx"},
              "annotations":{"inject-init-container":"true","kubectl.kubernetes.io/last-applied-configuration":"{}\n"}},
             "spec":{"containers":[{"name":"nginx","image":"nginx:1.14.2","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{},
               "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],
               "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},
               "schedulerName":"default-scheduler","enableServiceLinks":true}}
            """#)
        let stored = manager.recordUpdate(old: nil, new: pod, manager: "kubectl-client-side-apply", time: t0)
        XCTAssertEqual(
            try fieldsV1(stored),
            #"{"f:metadata":{"f:annotations":{".":{},"f:inject-init-container":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}"#
        )
    }

    /// Client-side `kubectl apply` creating a Pod with a hostPath volume.
    func testClientSideApplyPodWithVolumes() throws {
        let pod = json(
            #"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx","namespace":"default",
              "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\n"}},
             "spec":{"volumes":[{"name":"flag","hostPath":{"path":"/opt/flag","type":""}}],
               "containers":[{"name":"nginx","image":"nginx:1.14.2","resources":{},"volumeMounts":[{"name":"flag","mountPath":"/root"}],
               "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"Never"}],
               "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},
               "schedulerName":"default-scheduler","enableServiceLinks":true}}
            """#)
        let stored = manager.recordUpdate(old: nil, new: pod, manager: "kubectl-client-side-apply", time: t0)
        XCTAssertEqual(
            try fieldsV1(stored),
            #"{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{},"f:volumeMounts":{".":{},"k:{\"mountPath\":\"/root\"}":{".":{},"f:mountPath":{},"f:name":{}}}}},"f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{},"f:volumes":{".":{},"k:{\"name\":\"flag\"}":{".":{},"f:hostPath":{".":{},"f:path":{},"f:type":{}},"f:name":{}}}}}"#
        )
    }

    /// The deployment controller's status update (it sets the revision annotation through
    /// the status subresource too, which Deployments allow).
    func testStatusSubresourceUpdate() throws {
        let created = manager.recordUpdate(old: nil, new: webDeployment, manager: "kubectl-create", time: t0)
        var updated = created
        let condition =
            #"{"status":"True","lastTransitionTime":"2024-08-21T08:56:25Z","lastUpdateTime":"2024-08-21T08:56:25Z","message":"m","reason":"r","type":"#
        updated["status"] = json(
            #"{"availableReplicas":2,"observedGeneration":1,"readyReplicas":2,"replicas":2,"updatedReplicas":2,"conditions":["#
                + condition + #""Available"},"# + condition + #""Progressing"}]}"#)
        updated[path: ["metadata", "annotations"]] = ["deployment.kubernetes.io/revision": "1"]
        // Status writes cannot change the spec or labels of a Deployment; those are not recorded.
        updated[path: ["spec", "replicas"]] = 5
        updated[path: ["metadata", "labels", "x"]] = "y"
        let stored = manager.recordUpdate(
            old: created, new: updated, manager: "kube-controller-manager", subresource: "status", time: t1)
        let entries = try XCTUnwrap(stored[path: ["metadata", "managedFields"]]?.arrayValue)
        XCTAssertEqual(entries.map { $0["manager"] }, ["kubectl-create", "kube-controller-manager"])
        XCTAssertEqual(entries[1]["subresource"], "status")
        XCTAssertEqual(
            try fieldsV1(stored, entry: 1),
            #"{"f:metadata":{"f:annotations":{".":{},"f:deployment.kubernetes.io/revision":{}}},"f:status":{"f:availableReplicas":{},"f:conditions":{".":{},"k:{\"type\":\"Available\"}":{".":{},"f:lastTransitionTime":{},"f:lastUpdateTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}},"k:{\"type\":\"Progressing\"}":{".":{},"f:lastTransitionTime":{},"f:lastUpdateTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{},"f:readyReplicas":{},"f:replicas":{},"f:updatedReplicas":{}}}"#
        )
    }

    func testFieldsV1OrderAndRoundTrip() throws {
        // Keys order numerically, not as text; `.` first; HTML characters escaped like Go.
        let text =
            #"{"f:metadata":{"f:annotations":{".":{},"f:a\u003cb":{}}},"f:spec":{"f:ports":{".":{},"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{}},"k:{\"port\":443,\"protocol\":\"TCP\"}":{".":{},"f:port":{}}},"f:tags":{"v:\"a\"":{},"v:\"b\"":{}}}}"#
        let set = try FieldSet(fieldsV1JSON: text)
        XCTAssertEqual(set.fieldsV1JSON, text)
        XCTAssertTrue(
            set.contains(
                ManagedFieldPath([.field("spec"), .field("ports"), .keyed([("port", 443), ("protocol", "TCP")])])))
        XCTAssertTrue(set.contains(ManagedFieldPath([.field("spec"), .field("tags"), .value("b")])))
        XCTAssertFalse(set.contains(ManagedFieldPath(fields: "spec")))
        XCTAssertEqual(try FieldSet(fieldsV1: set.fieldsV1), set)
        XCTAssertEqual(
            set.paths.map(\.description),
            [
                ".metadata.annotations", ".metadata.annotations.a<b", ".spec.ports",
                ".spec.ports[port=80,protocol=\"TCP\"]",
                ".spec.ports[port=80,protocol=\"TCP\"].port", ".spec.ports[port=443,protocol=\"TCP\"]",
                ".spec.ports[port=443,protocol=\"TCP\"].port", ".spec.tags[=\"a\"]", ".spec.tags[=\"b\"]",
            ])
    }

    func testFieldSetAlgebra() {
        let a = FieldSet([
            ManagedFieldPath(fields: "spec", "replicas"), ManagedFieldPath(fields: "spec", "paused"),
            ManagedFieldPath(fields: "status"),
        ])
        let b = FieldSet([ManagedFieldPath(fields: "spec", "replicas"), ManagedFieldPath(fields: "spec")])
        XCTAssertEqual(a.intersection(b), FieldSet([ManagedFieldPath(fields: "spec", "replicas")]))
        XCTAssertEqual(
            a.subtracting(b),
            FieldSet([ManagedFieldPath(fields: "spec", "paused"), ManagedFieldPath(fields: "status")]))
        XCTAssertEqual(a.subtractingRecursively(b), FieldSet([ManagedFieldPath(fields: "status")]))
        XCTAssertEqual(a.union(b).paths.count, 4)
    }

    func testUpdatesOfUntrackedObjectsStayUntracked() {
        var live = webDeployment
        live[path: ["spec", "replicas"]] = 3
        let stored = manager.recordUpdate(old: webDeployment, new: live, manager: "kubectl-edit", time: t0)
        XCTAssertNil(stored[path: ["metadata", "managedFields"]])
    }

    func testManagedFieldsCanBeReset() {
        let created = manager.recordUpdate(old: nil, new: webDeployment, manager: "kubectl-create", time: t0)
        var reset = created
        reset[path: ["metadata", "managedFields"]] = [[:]]
        XCTAssertNil(
            manager.recordUpdate(old: created, new: reset, manager: "x", time: t1)[path: ["metadata", "managedFields"]])
    }
}
