import XCTest

@testable import KubeCore
@testable import KubeModels

/// Bodies as a real API server (v1.31) returns them, with managedFields and status.
enum Fixtures {
    static let statefulSet = #"""
        {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"annotations":{"astrolift.dev/session":"abc"},
        "creationTimestamp":"2024-05-01T12:00:00Z","generation":3,"labels":{"app.kubernetes.io/name":"workbench"},
        "managedFields":[{"apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},
        "f:app.kubernetes.io/name":{}}},"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{
        "k:{\"name\":\"main\"}":{".":{},"f:image":{}}}}}}},"manager":"astrolift","operation":"Apply",
        "time":"2024-05-01T12:00:00Z"},{"apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:status":{
        "f:availableReplicas":{},"f:replicas":{}}},"manager":"kube-controller-manager","operation":"Update",
        "subresource":"status","time":"2024-05-01T12:00:05Z"}],"name":"wb-alice","namespace":"team-a",
        "ownerReferences":[{"apiVersion":"astrolift.dev/v1alpha1","blockOwnerDeletion":true,"controller":true,
        "kind":"Workbench","name":"alice","uid":"6a0c4f0e-2f1b-4f6e-9a55-0c9f5d2b7e11"}],"resourceVersion":"48213",
        "uid":"0e9f5c1d-7a7e-4a57-8b8e-4e1f1d2c3b4a"},
        "spec":{"persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Retain"},
        "podManagementPolicy":"OrderedReady","replicas":1,"revisionHistoryLimit":10,
        "selector":{"matchLabels":{"app.kubernetes.io/instance":"alice"}},"serviceName":"wb-alice",
        "template":{"metadata":{"creationTimestamp":null,"labels":{"app.kubernetes.io/instance":"alice"}},
        "spec":{"automountServiceAccountToken":false,"containers":[{"args":["--port=8888"],"env":[{"name":"HOME",
        "value":"/home/user"},{"name":"POD_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}},
        {"name":"API_KEY","valueFrom":{"secretKeyRef":{"key":"key","name":"alice-llm","optional":true}}}],
        "envFrom":[{"configMapRef":{"name":"wb-defaults"}}],
        "image":"ghcr.io/astrolift/workbench:1.4","imagePullPolicy":"IfNotPresent","name":"main",
        "ports":[{"containerPort":8888,"name":"http","protocol":"TCP"}],
        "readinessProbe":{"failureThreshold":3,"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},
        "periodSeconds":10,"successThreshold":1,"timeoutSeconds":1},
        "resources":{"limits":{"cpu":"2","memory":"4Gi","nvidia.com/gpu":"1"},"requests":{"cpu":"500m","memory":"1536Mi"}},
        "securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,
        "seccompProfile":{"type":"RuntimeDefault"}},"terminationMessagePath":"/dev/termination-log",
        "terminationMessagePolicy":"File","volumeMounts":[{"mountPath":"/home/user","name":"home"},
        {"mountPath":"/var/run/secrets/tokens","name":"token","readOnly":true}]}],
        "dnsPolicy":"ClusterFirst","initContainers":[{"image":"ghcr.io/astrolift/gateway:1.4","name":"gateway",
        "restartPolicy":"Always","resources":{},"terminationMessagePath":"/dev/termination-log",
        "terminationMessagePolicy":"File"}],"restartPolicy":"Always","runtimeClassName":"gvisor",
        "schedulerName":"default-scheduler","securityContext":{"fsGroup":1000,"runAsUser":1000},
        "serviceAccount":"wb-alice","serviceAccountName":"wb-alice","terminationGracePeriodSeconds":30,
        "tolerations":[{"effect":"NoSchedule","key":"nvidia.com/gpu","operator":"Exists"}],
        "nodeSelector":{"kubernetes.io/os":"linux"},
        "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
        {"matchExpressions":[{"key":"gpu","operator":"In","values":["a100"]}]}]}}},
        "volumes":[{"emptyDir":{"sizeLimit":"1Gi"},"name":"scratch"},{"configMap":{"defaultMode":420,"name":"wb-defaults"},
        "name":"cfg"},{"name":"token","projected":{"defaultMode":420,"sources":[{"serviceAccountToken":{
        "audience":"gateway","expirationSeconds":3600,"path":"token"}}]}}]}},
        "updateStrategy":{"rollingUpdate":{"partition":0},"type":"RollingUpdate"},
        "volumeClaimTemplates":[{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"creationTimestamp":null,
        "name":"home"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"10Gi"}},
        "storageClassName":"standard","volumeMode":"Filesystem"},"status":{"phase":"Pending"}}]},
        "status":{"availableReplicas":1,"collisionCount":0,"currentReplicas":1,"currentRevision":"wb-alice-5d8f7c9b6",
        "observedGeneration":3,"readyReplicas":1,"replicas":1,"updateRevision":"wb-alice-5d8f7c9b6","updatedReplicas":1}}
        """#

    static let pod = #"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":"2024-05-01T12:00:01Z","generateName":"wb-alice-",
        "labels":{"app.kubernetes.io/instance":"alice","apps.kubernetes.io/pod-index":"0",
        "controller-revision-hash":"wb-alice-5d8f7c9b6","statefulset.kubernetes.io/pod-name":"wb-alice-0"},
        "managedFields":[{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:generateName":{}}},
        "manager":"kube-controller-manager","operation":"Update","time":"2024-05-01T12:00:01Z"},{"apiVersion":"v1",
        "fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:conditions":{"k:{\"type\":\"Ready\"}":{".":{},
        "f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}}}},"manager":"kubelet",
        "operation":"Update","subresource":"status","time":"2024-05-01T12:00:09Z"}],"name":"wb-alice-0",
        "namespace":"team-a","ownerReferences":[{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,
        "kind":"StatefulSet","name":"wb-alice","uid":"0e9f5c1d-7a7e-4a57-8b8e-4e1f1d2c3b4a"}],
        "resourceVersion":"48260","uid":"9b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"},
        "spec":{"containers":[{"image":"ghcr.io/astrolift/workbench:1.4","imagePullPolicy":"IfNotPresent","name":"main",
        "ports":[{"containerPort":8888,"name":"http","protocol":"TCP"}],"resources":{"requests":{"cpu":"500m","memory":"1536Mi"}},
        "livenessProbe":{"exec":{"command":["true"]},"initialDelaySeconds":5},
        "startupProbe":{"tcpSocket":{"port":8888},"failureThreshold":30},
        "lifecycle":{"preStop":{"sleep":{"seconds":5}}},
        "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File",
        "volumeMounts":[{"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access-x7k2p",
        "readOnly":true}]}],"dnsPolicy":"ClusterFirst","enableServiceLinks":true,"hostname":"wb-alice-0",
        "nodeName":"node-1","preemptionPolicy":"PreemptLowerPriority","priority":0,"restartPolicy":"Always",
        "schedulerName":"default-scheduler","securityContext":{},"serviceAccount":"default","serviceAccountName":"default",
        "subdomain":"wb-alice","terminationGracePeriodSeconds":30,"tolerations":[{"effect":"NoExecute",
        "key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300},{"effect":"NoExecute",
        "key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}],
        "volumes":[{"name":"kube-api-access-x7k2p","projected":{"defaultMode":420,"sources":[{"serviceAccountToken":{
        "expirationSeconds":3607,"path":"token"}},{"configMap":{"items":[{"key":"ca.crt","path":"ca.crt"}],
        "name":"kube-root-ca.crt"}},{"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"},
        "path":"namespace"}]}}]}},{"name":"home","persistentVolumeClaim":{"claimName":"home-wb-alice-0"}}]},
        "status":{"conditions":[{"lastProbeTime":null,"lastTransitionTime":"2024-05-01T12:00:03Z","status":"True",
        "type":"PodReadyToStartContainers"},{"lastProbeTime":null,"lastTransitionTime":"2024-05-01T12:00:01Z",
        "status":"True","type":"Initialized"},{"lastProbeTime":null,"lastTransitionTime":"2024-05-01T12:00:09Z",
        "status":"True","type":"Ready"},{"lastProbeTime":null,"lastTransitionTime":"2024-05-01T12:00:09Z",
        "status":"True","type":"ContainersReady"},{"lastProbeTime":null,"lastTransitionTime":"2024-05-01T12:00:01Z",
        "status":"True","type":"PodScheduled"}],"containerStatuses":[{"containerID":"containerd://4f5e6d",
        "image":"ghcr.io/astrolift/workbench:1.4","imageID":"ghcr.io/astrolift/workbench@sha256:0123abcd",
        "lastState":{"terminated":{"containerID":"containerd://1a2b","exitCode":137,"finishedAt":"2024-05-01T12:00:05Z",
        "reason":"OOMKilled","startedAt":"2024-05-01T12:00:03Z"}},"name":"main","ready":true,"restartCount":1,
        "started":true,"state":{"running":{"startedAt":"2024-05-01T12:00:06Z"}},"volumeMounts":[{"mountPath":
        "/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access-x7k2p","readOnly":true,
        "recursiveReadOnly":"Disabled"}]}],"hostIP":"10.0.0.5","hostIPs":[{"ip":"10.0.0.5"}],"phase":"Running",
        "podIP":"10.244.1.7","podIPs":[{"ip":"10.244.1.7"}],"qosClass":"Burstable","startTime":"2024-05-01T12:00:01Z"}}
        """#
}

final class ModelTests: XCTestCase {
    func testDecodeStatefulSetAndReencode() throws {
        let sts = try KubeJSON.decode(StatefulSet.self, from: Data(Fixtures.statefulSet.utf8))
        XCTAssertEqual(sts.metadata.name, "wb-alice")
        XCTAssertEqual(sts.metadata.managedFields?.count, 2)
        XCTAssertEqual(sts.metadata.controllerReference?.kind, "Workbench")
        let spec = try XCTUnwrap(sts.spec)
        XCTAssertEqual(spec.replicas, 1)
        XCTAssertEqual(spec.selector.matchLabels, ["app.kubernetes.io/instance": "alice"])
        let pod = try XCTUnwrap(spec.template.spec)
        XCTAssertEqual(pod.runtimeClassName, "gvisor")
        XCTAssertEqual(pod.initContainers?.first?.restartPolicy, "Always", "native sidecar")
        let main = try XCTUnwrap(pod.containers.first)
        XCTAssertEqual(main.resources?.requests?["memory"], try Quantity(parsing: "1.5Gi"))
        XCTAssertEqual(main.resources?.limits?["nvidia.com/gpu"]?.value, 1)
        XCTAssertEqual(main.readinessProbe?.httpGet?.port, .string("http"))
        XCTAssertEqual(main.env?[1].valueFrom?.fieldRef?.fieldPath, "metadata.name")
        XCTAssertEqual(main.env?[2].valueFrom?.secretKeyRef?.optional, true)
        XCTAssertEqual(main.securityContext, SecurityContext.restricted)
        XCTAssertEqual(pod.volumes?[2].projected?.sources?.first?.serviceAccountToken?.audience, "gateway")
        XCTAssertEqual(pod.affinity?[path: ["nodeAffinity"]] != nil, true, "affinity kept as raw JSON")
        XCTAssertEqual(spec.volumeClaimTemplates?.first?.spec?.resources?.requests?["storage"]?.description, "10Gi")
        XCTAssertEqual(sts.status?.readyReplicas, 1)

        // Re-encode, decode again: nothing lost that the model holds.
        let data = try KubeJSON.encode(sts)
        let again = try KubeJSON.decode(StatefulSet.self, from: data)
        XCTAssertEqual(again, sts)
        // Fields the server wrote as null (template creationTimestamp) are simply absent.
        let json = try JSONValue.parse(data)
        XCTAssertNil(json[path: ["spec", "template", "metadata", "creationTimestamp"]])
        XCTAssertEqual(
            json[path: ["spec", "template", "spec", "containers"]]?[0]?["resources"]?["requests"]?["memory"], "1536Mi")
    }

    func testDecodePodAndReencode() throws {
        let pod = try KubeJSON.decode(Pod.self, from: Data(Fixtures.pod.utf8))
        XCTAssertTrue(pod.isReady)
        XCTAssertEqual(pod.phase, "Running")
        let status = try XCTUnwrap(pod.status?.containerStatuses?.first)
        XCTAssertEqual(status.restartCount, 1)
        XCTAssertEqual(status.lastState?.terminated?.reason, "OOMKilled")
        XCTAssertEqual(status.lastState?.terminated?.exitCode, 137)
        XCTAssertNotNil(status.state?.running?.startedAt)
        XCTAssertEqual(pod.status?.conditions?[type: "Ready"]?.lastTransitionTime?.description, "2024-05-01T12:00:09Z")
        XCTAssertEqual(pod.spec?.containers.first?.lifecycle?.preStop?.sleep?.seconds, 5)
        XCTAssertEqual(pod.spec?.containers.first?.startupProbe?.tcpSocket?.port, .int(8888))
        XCTAssertEqual(pod.spec?.tolerations?.first?.tolerationSeconds, 300)
        XCTAssertEqual(pod.spec?.volumes?.first?.projected?.sources?.count, 3)
        let again = try KubeJSON.decode(Pod.self, from: try KubeJSON.encode(pod))
        XCTAssertEqual(again, pod)
        // Through the dynamic form as well.
        let dynamic = try DynamicObject(encoding: pod)
        XCTAssertEqual(dynamic.gvk, GroupVersionKind(group: "", version: "v1", kind: "Pod"))
        XCTAssertEqual(try dynamic.decode(as: Pod.self), pod)
    }

    func testEncodingOmitsUnsetFields() throws {
        var pod = Pod(
            metadata: ObjectMeta(name: "p", namespace: "ns"),
            spec: PodSpec(containers: [Container(name: "c", image: "busybox")]))
        pod.spec?.containers[0].resources = ResourceRequirements(limits: [
            "memory": Quantity(64 << 20, format: .binarySI)
        ])
        let text = String(decoding: try KubeJSON.encode(pod), as: UTF8.self)
        XCTAssertEqual(
            text,
            #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns"},"spec":{"containers":[{"image":"busybox","name":"c","resources":{"limits":{"memory":"64Mi"}}}]}}"#
        )
    }

    func testLeaseTimesAreMicroTime() throws {
        let renew = try XCTUnwrap(MicroTime(rfc3339: "2024-05-01T12:00:00.123456Z"))
        let lease = Lease(
            metadata: ObjectMeta(name: "astrolift-controller", namespace: "astrolift-system"),
            spec: LeaseSpec(
                holderIdentity: "pod-a", leaseDurationSeconds: 15,
                acquireTime: MicroTime(rfc3339: "2024-05-01T11:00:00Z"), renewTime: renew, leaseTransitions: 2))
        let json = try JSONValue.parse(try KubeJSON.encode(lease))
        XCTAssertEqual(json[path: ["spec", "renewTime"]], "2024-05-01T12:00:00.123456Z")
        XCTAssertEqual(json[path: ["spec", "acquireTime"]], "2024-05-01T11:00:00.000000Z")
        XCTAssertEqual(json["apiVersion"], "coordination.k8s.io/v1")
        XCTAssertEqual(
            Lease.resource.collectionPath(namespace: "x"), "/apis/coordination.k8s.io/v1/namespaces/x/leases")
        XCTAssertTrue(lease.isExpired(at: renew.date.addingTimeInterval(16)))
        XCTAssertFalse(lease.isExpired(at: renew.date.addingTimeInterval(14)))
    }

    func testResourceDescriptors() {
        XCTAssertEqual(Namespace.resource.objectPath(name: "a", namespace: "ignored"), "/api/v1/namespaces/a")
        XCTAssertEqual(StatefulSet.resource.apiVersion, "apps/v1")
        XCTAssertEqual(Job.resource.qualifiedName, "jobs.batch")
        XCTAssertEqual(Ingress.resource.groupVersionPath, "/apis/networking.k8s.io/v1")
        XCTAssertFalse(ClusterRoleBinding.resource.namespaced)
        XCTAssertEqual(CustomResourceDefinition.resource.plural, "customresourcedefinitions")
        XCTAssertEqual(EventsV1Event.resource.kind, "Event")
        XCTAssertEqual(EventsV1Event.resource.group, "events.k8s.io")
        XCTAssertEqual(
            TokenRequest.path(serviceAccount: "sa", namespace: "ns"), "/api/v1/namespaces/ns/serviceaccounts/sa/token")
        XCTAssertEqual(Pod(metadata: ObjectMeta(name: "x")).ownerReference().kind, "Pod")
    }

    func testSecretAndReviewTypes() throws {
        var secret = Secret(metadata: ObjectMeta(name: "s"))
        secret.setString("hunter2", forKey: "password")
        XCTAssertEqual(secret.data?["password"], "aHVudGVyMg==")
        XCTAssertEqual(secret.string(forKey: "password"), "hunter2")
        XCTAssertEqual(secret.decodedData.count, 1)

        let review = try KubeJSON.decode(
            SelfSubjectAccessReview.self,
            from: Data(
                #"{"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"resourceAttributes":{"namespace":"team-a","verb":"create","group":"apps","resource":"statefulsets"}},"status":{"allowed":false,"reason":"no RBAC policy matched"}}"#
                    .utf8))
        XCTAssertEqual(review.status?.allowed, false)
        XCTAssertEqual(review.spec.resourceAttributes?.resource, "statefulsets")
        let whoami = try KubeJSON.decode(
            SelfSubjectReview.self,
            from: Data(
                #"{"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1","status":{"userInfo":{"username":"system:serviceaccount:astrolift-system:controller","uid":"1","groups":["system:serviceaccounts","system:authenticated"],"extra":{"authentication.kubernetes.io/pod-name":["controller-0"]}}}}"#
                    .utf8))
        XCTAssertEqual(whoami.status?.userInfo?.groups?.count, 2)
        XCTAssertNil(whoami.metadata.name, "absent metadata decodes as empty")
        let token = try KubeJSON.decode(
            TokenRequest.self,
            from: Data(
                #"{"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1","metadata":{"name":"sa","namespace":"ns","creationTimestamp":"2024-05-01T12:00:00Z"},"spec":{"audiences":["https://kubernetes.default.svc"],"expirationSeconds":3600,"boundObjectRef":null},"status":{"token":"eyJ","expirationTimestamp":"2024-05-01T13:00:00Z"}}"#
                    .utf8))
        XCTAssertEqual(token.status?.token, "eyJ")
    }

    func testCRDAndYAML() throws {
        let yaml = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: workbenches.astrolift.dev
            spec:
              group: astrolift.dev
              names:
                kind: Workbench
                plural: workbenches
                singular: workbench
                shortNames: [wb]
              scope: Namespaced
              versions:
              - name: v1alpha1
                served: true
                storage: true
                subresources:
                  status: {}
                additionalPrinterColumns:
                - name: Phase
                  type: string
                  jsonPath: .status.phase
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
            status:
              conditions:
              - type: Established
                status: "True"
                lastTransitionTime: "2024-05-01T12:00:00Z"
                reason: InitialNamesAccepted
                message: the initial names have been accepted
              acceptedNames:
                kind: Workbench
                plural: workbenches
              storedVersions: [v1alpha1]
            """
        let crd = try YAMLDocuments.decodeSingle(CustomResourceDefinition.self, from: yaml)
        XCTAssertTrue(crd.isEstablished)
        XCTAssertNotNil(crd.spec.versions.first?.subresources?.status)
        XCTAssertEqual(
            crd.spec.versions.first?.schema?.openAPIV3Schema?[path: [
                "properties", "spec", "x-kubernetes-preserve-unknown-fields",
            ]],
            true)
        XCTAssertEqual(
            crd.servedResource,
            ResourceDescriptor(
                group: "astrolift.dev", version: "v1alpha1", kind: "Workbench", plural: "workbenches", namespaced: true)
        )
        // The status subresource encodes as an empty object, which is what enables it.
        let json = try JSONValue(encoding: crd)
        XCTAssertEqual(json[path: ["spec", "versions"]]?[0]?[path: ["subresources", "status"]], .object([:]))
        let rendered = try YAMLDocuments.render(encoding: [crd])
        XCTAssertEqual(try YAMLDocuments.decodeSingle(CustomResourceDefinition.self, from: rendered), crd)
    }

    func testRBACAndNetworkPolicy() throws {
        let binding = RoleBinding(
            metadata: ObjectMeta(name: "wb", namespace: "team-a"),
            roleRef: RoleRef(kind: "Role", name: "workbench"),
            subjects: [.serviceAccount("wb-alice", namespace: "team-a")])
        let json = try JSONValue(encoding: binding)
        XCTAssertEqual(json["roleRef"], ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "workbench"])
        XCTAssertEqual(
            json["subjects"], [["apiGroup": "", "kind": "ServiceAccount", "name": "wb-alice", "namespace": "team-a"]])
        let policy = NetworkPolicy(
            metadata: ObjectMeta(name: "deny-all"), spec: NetworkPolicySpec(policyTypes: ["Ingress", "Egress"]))
        XCTAssertEqual(
            try JSONValue(encoding: policy)["spec"], ["podSelector": [:], "policyTypes": ["Ingress", "Egress"]])
        let event = try KubeJSON.decode(
            EventsV1Event.self,
            from: Data(
                #"{"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e1","namespace":"team-a"},"eventTime":"2024-05-01T12:00:00.000001Z","series":{"count":2,"lastObservedTime":"2024-05-01T12:01:00.000000Z"},"reportingController":"astrolift.dev/controller","reportingInstance":"controller-0","action":"Provision","reason":"Created","regarding":{"kind":"Workbench","name":"alice"},"note":"created","type":"Normal"}"#
                    .utf8))
        XCTAssertEqual(event.series?.count, 2)
        XCTAssertEqual(event.eventTime?.description, "2024-05-01T12:00:00.000001Z")
    }
}
