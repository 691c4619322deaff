import Foundation

/// A JSON tree that keeps member order, so the generated documents list fields
/// in the order the API server (Go's encoding/json) writes them.
indirect enum J {
    case s(String)
    case i(Int)
    case d(Double)
    case b(Bool)
    case null
    case a([J])
    case o(KeyValuePairs<String, J>)
    case od([(String, J)])

    func write(into out: inout [UInt8]) {
        switch self {
        case .s(let s): J.writeString(s, into: &out)
        case .i(let i): out.append(contentsOf: String(i).utf8)
        case .d(let d): out.append(contentsOf: "\(d)".utf8)
        case .b(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .a(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .o(let members):
            J.writeMembers(members.map { ($0.key, $0.value) }, into: &out)
        case .od(let members):
            J.writeMembers(members, into: &out)
        }
    }

    static func writeMembers(_ members: [(String, J)], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (n, (k, v)) in members.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            writeString(k, into: &out)
            out.append(UInt8(ascii: ":"))
            v.write(into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Escapes like Go's encoding/json: `"`, `\`, control characters, and `<`, `>`, `&` as \u escapes.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            switch c {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x3C, 0x3E, 0x26, 0..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// A small deterministic PRNG (SplitMix64) so every run decodes the same bytes.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
    mutating func hex(_ n: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<n).map { _ in digits[Int(next() % 16)] })
    }
    mutating func uid() -> String { "\(hex(8))-\(hex(4))-\(hex(4))-\(hex(4))-\(hex(12))" }
    mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
}

/// Builds realistic StatefulSets as the API server returns them.
struct Generator {
    var rng = SplitMix64(state: 0x5EED_A57B_01F7)

    static let apps = ["postgres", "redis", "kafka", "zookeeper", "etcd", "jupyter", "minio", "elastic"]
    static let teams = ["data", "ml-platform", "infra", "research", "web"]

    func time(_ secondsAfterBase: Int) -> String {
        RFC3339Formatter.format(1_714_560_000 + secondsAfterBase)
    }

    mutating func statefulSet(index: Int) -> J {
        let app = rng.pick(Generator.apps)
        let team = rng.pick(Generator.teams)
        let name = "\(app)-\(team)-\(index)"
        let ns = "ns-\(team)-\(index % 37)"
        let replicas = rng.int(1...5)
        let ready = rng.int(0...replicas)
        let gen = rng.int(1...40)
        let created = rng.int(0...5_000_000)
        let rev = rng.hex(10)
        let labels: J = .o([
            "app.kubernetes.io/name": .s(app),
            "app.kubernetes.io/instance": .s(name),
            "app.kubernetes.io/component": .s("database"),
            "app.kubernetes.io/managed-by": .s("astrolift"),
            "team": .s(team),
        ])
        let selectorLabels: J = .o([
            "app.kubernetes.io/name": .s(app),
            "app.kubernetes.io/instance": .s(name),
        ])
        let annotations: J = .o([
            "astrolift.dev/owner": .s("user-\(rng.int(1...9999))@example.com"),
            "astrolift.dev/description": .s("Workbench \"\(name)\" <\(team)> & café ☕ \u{1F680}\t"),
        ])
        let metadata: J = .o([
            "name": .s(name),
            "namespace": .s(ns),
            "uid": .s(rng.uid()),
            "resourceVersion": .s(String(rng.int(100_000...99_999_999))),
            "generation": .i(gen),
            "creationTimestamp": .s(time(created)),
            "labels": labels,
            "annotations": annotations,
            "managedFields": .a([
                .o([
                    "manager": .s("astrolift"),
                    "operation": .s("Apply"),
                    "apiVersion": .s("apps/v1"),
                    "time": .s(time(created + 10)),
                    "fieldsType": .s("FieldsV1"),
                    "fieldsV1": specFields(),
                ]),
                .o([
                    "manager": .s("kube-controller-manager"),
                    "operation": .s("Update"),
                    "apiVersion": .s("apps/v1"),
                    "time": .s(time(created + 60)),
                    "fieldsType": .s("FieldsV1"),
                    "fieldsV1": .o([
                        "f:status": .o([
                            "f:availableReplicas": .o([:]), "f:currentRevision": .o([:]),
                            "f:observedGeneration": .o([:]), "f:readyReplicas": .o([:]),
                            "f:replicas": .o([:]), "f:updateRevision": .o([:]),
                        ])
                    ]),
                    "subresource": .s("status"),
                ]),
            ]),
        ])
        let cpu = rng.pick(["100m", "250m", "500m", "1", "2"])
        let mem = rng.pick(["256Mi", "512Mi", "1Gi", "4Gi"])
        let mainContainer: J = .o([
            "name": .s(app),
            "image": .s("registry.example.com/\(team)/\(app):1.\(rng.int(0...30)).\(rng.int(0...9))"),
            "args": .a([.s("--config=/etc/\(app)/config.yaml"), .s("--data-dir=/var/lib/\(app)")]),
            "ports": .a([
                .o(["name": .s("client"), "containerPort": .i(5432 + index % 3), "protocol": .s("TCP")]),
                .o(["name": .s("metrics"), "containerPort": .i(9187), "protocol": .s("TCP")]),
            ]),
            "env": .a([
                .o(["name": .s("POD_NAME"), "valueFrom": .o(["fieldRef": .o(["apiVersion": .s("v1"), "fieldPath": .s("metadata.name")])])]),
                .o(["name": .s("PASSWORD"), "valueFrom": .o(["secretKeyRef": .o(["name": .s("\(name)-auth"), "key": .s("password")])])]),
                .o(["name": .s("LOG_LEVEL"), "value": .s("info")]),
            ]),
            "resources": .o([
                "limits": .o(["cpu": .s(cpu), "memory": .s(mem)]),
                "requests": .o(["cpu": .s(cpu), "memory": .s(mem)]),
            ]),
            "volumeMounts": .a([
                .o(["name": .s("data"), "mountPath": .s("/var/lib/\(app)")]),
                .o(["name": .s("config"), "readOnly": .b(true), "mountPath": .s("/etc/\(app)")]),
            ]),
            "livenessProbe": .o([
                "httpGet": .o(["path": .s("/healthz"), "port": .s("metrics"), "scheme": .s("HTTP")]),
                "initialDelaySeconds": .i(30), "timeoutSeconds": .i(5), "periodSeconds": .i(10),
                "successThreshold": .i(1), "failureThreshold": .i(6),
            ]),
            "readinessProbe": .o([
                "tcpSocket": .o(["port": .i(5432)]),
                "initialDelaySeconds": .i(5), "timeoutSeconds": .i(1), "periodSeconds": .i(5),
                "successThreshold": .i(1), "failureThreshold": .i(3),
            ]),
            "terminationMessagePath": .s("/dev/termination-log"),
            "terminationMessagePolicy": .s("File"),
            "imagePullPolicy": .s("IfNotPresent"),
            "securityContext": .o([
                "capabilities": .o(["drop": .a([.s("ALL")])]),
                "runAsUser": .i(1000), "runAsNonRoot": .b(true), "readOnlyRootFilesystem": .b(true),
                "allowPrivilegeEscalation": .b(false),
            ]),
        ])
        let sidecar: J = .o([
            "name": .s("exporter"),
            "image": .s("registry.example.com/observability/exporter:0.\(rng.int(10...40)).0"),
            "command": .a([.s("/bin/exporter"), .s("--listen=:9187")]),
            "ports": .a([.o(["name": .s("exporter"), "containerPort": .i(9188), "protocol": .s("TCP")])]),
            "env": .a([
                .o(["name": .s("TARGET"), "value": .s("localhost:5432")]),
            ]),
            "resources": .o([
                "limits": .o(["cpu": .s("100m"), "memory": .s("64Mi")]),
                "requests": .o(["cpu": .s("10m"), "memory": .s("32Mi")]),
            ]),
            "volumeMounts": .a([.o(["name": .s("config"), "readOnly": .b(true), "mountPath": .s("/etc/exporter"), "subPath": .s("exporter.yaml")])]),
            "livenessProbe": .o([
                "exec": .o(["command": .a([.s("/bin/exporter"), .s("--check")])]),
                "timeoutSeconds": .i(1), "periodSeconds": .i(10), "successThreshold": .i(1), "failureThreshold": .i(3),
            ]),
            "terminationMessagePath": .s("/dev/termination-log"),
            "terminationMessagePolicy": .s("File"),
            "imagePullPolicy": .s("Always"),
            "securityContext": .o(["runAsUser": .i(65534), "runAsNonRoot": .b(true), "seccompProfile": .o(["type": .s("RuntimeDefault")])]),
        ])
        let spec: J = .o([
            "replicas": .i(replicas),
            "selector": .o(["matchLabels": selectorLabels]),
            "template": .o([
                "metadata": .o([
                    "creationTimestamp": .null,
                    "labels": .o([
                        "app.kubernetes.io/name": .s(app),
                        "app.kubernetes.io/instance": .s(name),
                        "team": .s(team),
                    ]),
                ]),
                "spec": .o([
                    "volumes": .a([
                        .o(["name": .s("config"), "configMap": .o(["name": .s("\(name)-config"), "defaultMode": .i(420)])]),
                    ]),
                    "containers": .a([mainContainer, sidecar]),
                    "restartPolicy": .s("Always"),
                    "terminationGracePeriodSeconds": .i(30),
                    "dnsPolicy": .s("ClusterFirst"),
                    "serviceAccountName": .s("\(app)-sa"),
                    "securityContext": .o(["runAsUser": .i(1000), "fsGroup": .i(1000)]),
                    "schedulerName": .s("default-scheduler"),
                ]),
            ]),
            "volumeClaimTemplates": .a([
                .o([
                    "kind": .s("PersistentVolumeClaim"),
                    "apiVersion": .s("v1"),
                    "metadata": .o(["name": .s("data"), "creationTimestamp": .null]),
                    "spec": .o([
                        "accessModes": .a([.s("ReadWriteOnce")]),
                        "resources": .o(["requests": .o(["storage": .s("\(rng.int(1...500))Gi")])]),
                        "storageClassName": .s("fast-ssd"),
                        "volumeMode": .s("Filesystem"),
                    ]),
                ])
            ]),
            "serviceName": .s("\(name)-headless"),
            "podManagementPolicy": .s("OrderedReady"),
            "updateStrategy": .o(["type": .s("RollingUpdate"), "rollingUpdate": .o(["partition": .i(0)])]),
            "revisionHistoryLimit": .i(10),
        ])
        let status: J = .o([
            "observedGeneration": .i(gen),
            "replicas": .i(replicas),
            "readyReplicas": .i(ready),
            "currentReplicas": .i(replicas),
            "updatedReplicas": .i(replicas),
            "currentRevision": .s("\(name)-\(rev)"),
            "updateRevision": .s("\(name)-\(rev)"),
            "collisionCount": .i(0),
            "availableReplicas": .i(ready),
        ])
        return .o([
            "kind": .s("StatefulSet"),
            "apiVersion": .s("apps/v1"),
            "metadata": metadata,
            "spec": spec,
            "status": status,
        ])
    }

    func specFields() -> J {
        let empty: J = .o([:])
        let container: J = .o([
            ".": empty, "f:image": empty, "f:name": empty,
            "f:env": .o([".": empty, "k:{\"name\":\"LOG_LEVEL\"}": .o([".": empty, "f:name": empty, "f:value": empty])]),
            "f:resources": .o([".": empty, "f:limits": .o([".": empty, "f:cpu": empty, "f:memory": empty])]),
        ])
        return .o([
            "f:metadata": .o([
                "f:annotations": .o([".": empty, "f:astrolift.dev/owner": empty]),
                "f:labels": .o([".": empty, "f:app.kubernetes.io/name": empty, "f:team": empty]),
            ]),
            "f:spec": .o([
                "f:replicas": empty, "f:selector": empty, "f:serviceName": empty,
                "f:template": .o([
                    "f:spec": .o([
                        "f:containers": .o(["k:{\"name\":\"main\"}": container]),
                    ]),
                ]),
                "f:volumeClaimTemplates": empty,
            ]),
        ])
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for a Unix time, without Foundation formatters.
enum RFC3339Formatter {
    static func format(_ unix: Int) -> String {
        let days = unix / 86_400
        let secs = unix % 86_400
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func p(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(p(y, 4))-\(p(m, 2))-\(p(d, 2))T\(p(secs / 3600, 2)):\(p(secs / 60 % 60, 2)):\(p(secs % 60, 2))Z"
    }
}

/// The benchmark inputs.
struct Inputs {
    /// `{"kind":"StatefulSetList",...,"items":[...]}` with `count` items.
    var list: Data
    /// One `{"type":"MODIFIED","object":{...}}` per element (what a watch stream delivers line by line).
    var watchLines: [Data]
    /// The whole newline-delimited watch stream.
    var watchStream: Data

    static func make(count: Int, list wantList: Bool = true, watch wantWatch: Bool = true) -> Inputs {
        var gen = Generator()
        var list = [UInt8]()
        if wantList { list.reserveCapacity(count * 5000) }
        list.append(contentsOf: #"{"kind":"StatefulSetList","apiVersion":"apps/v1","metadata":{"resourceVersion":"123456789"},"items":["#.utf8)
        var stream = [UInt8]()
        if wantWatch { stream.reserveCapacity(count * 5100) }
        var lines = [Data]()
        lines.reserveCapacity(count)
        for i in 0..<count {
            var obj = [UInt8]()
            gen.statefulSet(index: i).write(into: &obj)
            if wantList {
                if i > 0 { list.append(UInt8(ascii: ",")) }
                list.append(contentsOf: obj)
            }
            guard wantWatch else { continue }
            var line = [UInt8]()
            line.reserveCapacity(obj.count + 40)
            line.append(contentsOf: #"{"type":"MODIFIED","object":"#.utf8)
            line.append(contentsOf: obj)
            line.append(UInt8(ascii: "}"))
            stream.append(contentsOf: line)
            stream.append(0x0A)
            lines.append(Data(line))
        }
        list.append(contentsOf: "]}".utf8)
        if !wantList { list = [] }
        return Inputs(list: Data(list), watchLines: lines, watchStream: Data(stream))
    }
}
