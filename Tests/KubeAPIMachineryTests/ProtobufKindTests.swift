import Foundation
import KubeCore
import XCTest

@testable import KubeAPIMachinery

/// One hand-encoded message per kind the imperative kubectl commands create.
final class ProtobufKindTests: XCTestCase {
    func check(
        _ apiVersion: String, _ kind: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line,
        _ build: (inout ProtoWriter) -> Void
    ) throws {
        let got = try KubeProtobuf.decodeObject(ProtoWriter.envelope(apiVersion, kind, build))
        var want = try JSONValue.parse(Data(expected.utf8))
        want["apiVersion"] = .string(apiVersion)
        want["kind"] = .string(kind)
        XCTAssertEqual(got, want, "\(kind)\n got: \(got.jsonString)\nwant: \(want.jsonString)", file: file, line: line)
    }

    static func meta(_ name: String) -> (inout ProtoWriter) -> Void {
        { m in
            m.message(1) {
                $0.string(1, name)
                $0.string(3, "ns")
                $0.entry(11, "app", name)
                $0.entry(12, "note", "n")
                $0.message(13) {
                    $0.string(5, "v1")
                    $0.string(1, "ConfigMap")
                    $0.string(3, "owner")
                    $0.string(4, "uid-1")
                    $0.bool(6, true)
                }
                $0.string(14, "example.com/f")
            }
        }
    }

    static let metaJSON =
        #""metadata":{"name":"%@","namespace":"ns","labels":{"app":"%@"},"annotations":{"note":"n"},"#
        + #""ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"owner","uid":"uid-1","controller":true}],"#
        + #""finalizers":["example.com/f"]}"#

    static func metaJSON(_ name: String) -> String { metaJSON.replacingOccurrences(of: "%@", with: name) }

    func testCoreKinds() throws {
        try check("v1", "Namespace", "{\(Self.metaJSON("n1")),\"spec\":{\"finalizers\":[\"kubernetes\"]}}") {
            Self.meta("n1")(&$0)
            $0.message(2) { $0.string(1, "kubernetes") }
        }
        try check(
            "v1", "ConfigMap",
            "{\(Self.metaJSON("c")),\"data\":{\"k\":\"v\"},\"binaryData\":{\"b\":\"AAE=\"},\"immutable\":true}"
        ) {
            Self.meta("c")(&$0)
            $0.entry(2, "k", "v")
            $0.message(3) {
                $0.string(1, "b")
                $0.bytes(2, [0, 1])
            }
            $0.bool(4, true)
        }
        try check("v1", "Secret", #"{"metadata":{"name":"s"},"data":{"pw":"cHc="},"type":"Opaque","immutable":false}"#)
        {
            $0.message(1) { $0.string(1, "s") }
            $0.message(2) {
                $0.string(1, "pw")
                $0.string(2, "pw")
            }
            $0.string(3, "Opaque")
            $0.bool(5, false)
        }
        try check("v1", "ServiceAccount", #"{"metadata":{"name":"sa"},"automountServiceAccountToken":false}"#) {
            $0.message(1) { $0.string(1, "sa") }
            $0.bool(4, false)
        }
        try check(
            "v1", "ResourceQuota",
            #"{"metadata":{"name":"q"},"spec":{"hard":{"pods":"10","cpu":"500m"},"scopes":["BestEffort"]}}"#
        ) {
            $0.message(1) { $0.string(1, "q") }
            $0.message(2) {
                $0.entry(1, "pods") { $0.string(1, "10") }
                $0.entry(1, "cpu") { $0.string(1, "500m") }
                $0.string(2, "BestEffort")
            }
        }
        try check(
            "v1", "Service",
            #"{"metadata":{"name":"svc"},"spec":{"type":"NodePort","clusterIP":"None","selector":{"app":"a"},"#
                + #""ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":"web","nodePort":30080}]},"status":{"loadBalancer":{}}}"#
        ) {
            $0.message(1) { $0.string(1, "svc") }
            $0.message(2) {
                $0.message(1) {
                    $0.string(1, "http")
                    $0.string(2, "TCP")
                    $0.int(3, 80)
                    $0.message(4) {
                        $0.int(1, 1)
                        $0.string(3, "web")
                    }
                    $0.int(5, 30080)
                }
                $0.entry(2, "app", "a")
                $0.string(3, "None")
                $0.string(4, "NodePort")
            }
            $0.message(3) { $0.message(1) { _ in } }
        }
    }

    func testRBACKinds() throws {
        let rule: (inout ProtoWriter) -> Void = {
            $0.message(2) {
                $0.string(1, "get")
                $0.string(2, "")
                $0.string(3, "pods")
            }
        }
        let ruleJSON = #""rules":[{"verbs":["get"],"apiGroups":[""],"resources":["pods"]}]"#
        try check("rbac.authorization.k8s.io/v1", "Role", "{\"metadata\":{\"name\":\"r\"},\(ruleJSON)}") {
            $0.message(1) { $0.string(1, "r") }
            rule(&$0)
        }
        try check("rbac.authorization.k8s.io/v1", "ClusterRole", "{\"metadata\":{\"name\":\"cr\"},\(ruleJSON)}") {
            $0.message(1) { $0.string(1, "cr") }
            rule(&$0)
        }
        let binding: (inout ProtoWriter) -> Void = {
            $0.message(2) {
                $0.string(1, "ServiceAccount")
                $0.string(2, "")
                $0.string(3, "sa")
                $0.string(4, "ns")
            }
            $0.message(3) {
                $0.string(1, "rbac.authorization.k8s.io")
                $0.string(2, "ClusterRole")
                $0.string(3, "view")
            }
        }
        let bindingJSON =
            #""subjects":[{"kind":"ServiceAccount","name":"sa","namespace":"ns"}],"#
            + #""roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"}"#
        for kind in ["RoleBinding", "ClusterRoleBinding"] {
            try check("rbac.authorization.k8s.io/v1", kind, "{\"metadata\":{\"name\":\"b\"},\(bindingJSON)}") {
                $0.message(1) { $0.string(1, "b") }
                binding(&$0)
            }
        }
    }

    /// The pod template kubectl create deployment/job/cronjob fills.
    static func template(_ w: inout ProtoWriter) {
        w.message(1) { $0.entry(11, "app", "w") }
        w.message(2) {
            $0.message(2) {
                $0.string(1, "w")
                $0.string(2, "img:1")
                $0.string(3, "sh")
                $0.string(4, "-c")
                $0.message(6) { $0.int(3, 8080) }
                $0.message(7) {
                    $0.string(1, "MODE")
                    $0.string(2, "prod")
                }
                $0.message(8) {
                    $0.entry(1, "memory") { $0.string(1, "1Gi") }
                    $0.entry(2, "cpu") { $0.string(1, "100m") }
                }
                $0.string(14, "IfNotPresent")
            }
            $0.string(3, "OnFailure")
            $0.int(4, 30)
        }
    }

    static let templateJSON =
        #""template":{"metadata":{"labels":{"app":"w"}},"spec":{"containers":[{"name":"w","image":"img:1","#
        + #""command":["sh"],"args":["-c"],"ports":[{"containerPort":8080}],"env":[{"name":"MODE","value":"prod"}],"#
        + #""resources":{"limits":{"memory":"1Gi"},"requests":{"cpu":"100m"}},"imagePullPolicy":"IfNotPresent"}],"#
        + #""restartPolicy":"OnFailure","terminationGracePeriodSeconds":30}}"#

    func testWorkloadKinds() throws {
        try check(
            "apps/v1", "Deployment",
            "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"w\"}},\(Self.templateJSON)}}"
        ) {
            $0.message(1) { $0.string(1, "d") }
            $0.message(2) {
                $0.int(1, 2)
                $0.message(2) { $0.entry(1, "app", "w") }
                $0.message(3, Self.template)
            }
        }
        try check(
            "batch/v1", "Job", "{\"metadata\":{\"name\":\"j\"},\"spec\":{\"backoffLimit\":0,\(Self.templateJSON)}}"
        ) {
            $0.message(1) { $0.string(1, "j") }
            $0.message(2) {
                $0.int(7, 0)
                $0.message(6, Self.template)
            }
        }
        try check(
            "batch/v1", "CronJob",
            "{\"metadata\":{\"name\":\"cj\"},\"spec\":{\"schedule\":\"@hourly\",\"jobTemplate\":{\"spec\":{\(Self.templateJSON)}}}}"
        ) {
            $0.message(1) { $0.string(1, "cj") }
            $0.message(2) {
                $0.string(1, "@hourly")
                $0.message(5) { $0.message(2) { $0.message(6, Self.template) } }
            }
        }
        try check("v1", "Pod", "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"nodeName\":\"n1\",\"priority\":0}}") {
            $0.message(1) { $0.string(1, "p") }
            $0.message(2) {
                $0.string(10, "n1")
                $0.int(25, 0)
            }
        }
        try check("autoscaling/v1", "Scale", #"{"metadata":{"name":"d"},"spec":{},"status":{"replicas":0}}"#) {
            $0.message(1) { $0.string(1, "d") }
            $0.message(2) { $0.int(1, 0) }  // replicas is omitempty in ScaleSpec
            $0.message(3) { $0.int(1, 0) }
        }
        try check(
            "autoscaling/v1", "HorizontalPodAutoscaler",
            #"{"metadata":{"name":"h"},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"d"},"maxReplicas":3}}"#
        ) {
            $0.message(1) { $0.string(1, "h") }
            $0.message(2) {
                $0.message(1) {
                    $0.string(1, "Deployment")
                    $0.string(2, "d")
                    $0.string(3, "")
                }
                $0.int(3, 3)
            }
        }
    }

    func testPolicyNetworkingAndAuthKinds() throws {
        try check(
            "networking.k8s.io/v1", "Ingress",
            #"{"metadata":{"name":"i"},"spec":{"ingressClassName":"nginx","rules":[{"host":"a.example","http":{"paths":[{"#
                + #""path":"/","pathType":"Prefix","backend":{"service":{"name":"s","port":{"number":80}}}}]}}],"#
                + #""tls":[{"hosts":["a.example"],"secretName":"cert"}]}}"#
        ) {
            $0.message(1) { $0.string(1, "i") }
            $0.message(2) {
                $0.message(2) {
                    $0.string(1, "a.example")
                    $0.string(2, "cert")
                }
                $0.message(3) {
                    $0.string(1, "a.example")
                    $0.message(2) {
                        $0.message(1) {
                            $0.message(1) {
                                $0.string(1, "/")
                                $0.string(3, "Prefix")
                                $0.message(2) {
                                    $0.message(4) {
                                        $0.string(1, "s")
                                        $0.message(2) { $0.int(2, 80) }
                                    }
                                }
                            }
                        }
                    }
                }
                $0.string(4, "nginx")
            }
        }
        try check(
            "policy/v1", "PodDisruptionBudget",
            #"{"metadata":{"name":"p"},"spec":{"minAvailable":"50%","selector":{"matchExpressions":[{"key":"app","operator":"Exists"}]}}}"#
        ) {
            $0.message(1) { $0.string(1, "p") }
            $0.message(2) {
                $0.message(1) {
                    $0.int(1, 1)
                    $0.string(3, "50%")
                }
                $0.message(2) {
                    $0.message(2) {
                        $0.string(1, "app")
                        $0.string(2, "Exists")
                    }
                }
            }
        }
        try check(
            "scheduling.k8s.io/v1", "PriorityClass",
            #"{"metadata":{"name":"pc"},"value":0,"description":"d","preemptionPolicy":"Never"}"#
        ) {
            $0.message(1) { $0.string(1, "pc") }
            $0.int(2, 0)
            $0.bool(3, false)
            $0.string(4, "d")
            $0.string(5, "Never")
        }
        try check(
            "authentication.k8s.io/v1", "TokenRequest",
            #"{"metadata":{"name":"sa"},"spec":{"audiences":["a"],"expirationSeconds":600,"#
                + #""boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"p","uid":"u"}},"#
                + #""status":{"token":"t","expirationTimestamp":"2030-01-01T00:00:00Z"}}"#
        ) {
            $0.message(1) { $0.string(1, "sa") }
            $0.message(2) {
                $0.string(1, "a")
                $0.message(3) {
                    $0.string(1, "Pod")
                    $0.string(2, "v1")
                    $0.string(3, "p")
                    $0.string(4, "u")
                }
                $0.int(4, 600)
            }
            $0.message(3) {
                $0.string(1, "t")
                $0.message(2) { $0.int(1, 1_893_456_000) }
            }
        }
    }
}
