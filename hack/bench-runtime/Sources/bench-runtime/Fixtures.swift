import Foundation

/// Realistic objects as the API server sends them, distinct per index (names and UIDs
/// differ, so the cache cannot share their strings).
enum Fixtures {
    static func uid(_ i: Int, _ salt: Int) -> String {
        let a = String(format: "%08x", i)
        let b = String(format: "%04x", salt)
        let c = String(format: "%03x", i % 4096)
        let d = String(format: "%03x", salt % 4096)
        let e = String(format: "%012x", i * 7919 + salt)
        return "\(a)-\(b)-4\(c)-8\(d)-\(e)"
    }

    static let managedFields =
        #"[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"v1","time":"2024-05-01T12:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:application.yaml":{},"f:log-level":{},"f:feature-flags":{}},"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{".":{},"f:app":{},"f:component":{}}}}}]"#

    /// A ConfigMap of about 1.2 KB of JSON (half of it managedFields, which the cache drops).
    static func configMap(_ i: Int) -> String {
        let name = "settings-\(i)-web"
        return #"""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)","namespace":"team-\#(i % 50)","uid":"\#(uid(i, 1))","resourceVersion":"\#(1_000_000 + i)","creationTimestamp":"2024-05-01T12:00:00Z","labels":{"app":"web-\#(i % 100)","component":"settings","app.kubernetes.io/managed-by":"astrolift"},"annotations":{"example.com/checksum":"sha256:\#(String(format: "%064x", i))"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web-\#(i % 100)","uid":"\#(uid(i % 100, 2))","controller":true,"blockOwnerDeletion":true}],"managedFields":\#(managedFields)},"data":{"log-level":"info","feature-flags":"alpha=false,beta=true,gamma=\#(i % 2 == 0)","application.yaml":"server:\n  port: 8080\n  replicas: \#(i % 5)\ncache:\n  size: 256Mi\n"}}
            """#
    }

    /// A Pod of about 4.5 KB of JSON, as a Deployment's replica looks when running.
    static func pod(_ i: Int) -> String {
        let name = "web-\(i % 100)-7d9f8c6b5-\(String(format: "%05x", i))"
        return #"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)","generateName":"web-\#(i % 100)-7d9f8c6b5-","namespace":"team-\#(i % 50)","uid":"\#(uid(i, 3))","resourceVersion":"\#(2_000_000 + i)","creationTimestamp":"2024-05-01T12:00:00Z","labels":{"app":"web-\#(i % 100)","pod-template-hash":"7d9f8c6b5","app.kubernetes.io/name":"web","app.kubernetes.io/instance":"web-\#(i % 100)"},"annotations":{"kubectl.kubernetes.io/restartedAt":"2024-05-01T11:59:00Z"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-\#(i % 100)-7d9f8c6b5","uid":"\#(uid(i % 100, 4))","controller":true,"blockOwnerDeletion":true}],"managedFields":\#(managedFields)},"spec":{"volumes":[{"name":"config","configMap":{"name":"settings-\#(i % 100)-web","defaultMode":420}},{"name":"kube-api-access-\#(String(format: "%05x", i))","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},{"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}],"defaultMode":420}}],"containers":[{"name":"web","image":"registry.example.com/team/web:1.4.\#(i % 20)","imagePullPolicy":"IfNotPresent","args":["--config=/etc/web/application.yaml","--port=8080"],"ports":[{"name":"http","containerPort":8080,"protocol":"TCP"},{"name":"metrics","containerPort":9090,"protocol":"TCP"}],"env":[{"name":"POD_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}},{"name":"LOG_LEVEL","value":"info"},{"name":"GOMAXPROCS","valueFrom":{"resourceFieldRef":{"resource":"limits.cpu","divisor":"1"}}}],"resources":{"limits":{"cpu":"1","memory":"512Mi"},"requests":{"cpu":"250m","memory":"256Mi"}},"volumeMounts":[{"name":"config","mountPath":"/etc/web","readOnly":true},{"name":"kube-api-access-\#(String(format: "%05x", i))","mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","readOnly":true}],"livenessProbe":{"httpGet":{"path":"/healthz","port":8080,"scheme":"HTTP"},"initialDelaySeconds":5,"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},"readinessProbe":{"httpGet":{"path":"/readyz","port":8080,"scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":5,"successThreshold":1,"failureThreshold":3},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"runAsNonRoot":true,"capabilities":{"drop":["ALL"]}}}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"web","serviceAccount":"web","nodeName":"node-\#(i % 40)","securityContext":{"runAsUser":10001,"fsGroup":10001,"seccompProfile":{"type":"RuntimeDefault"}},"schedulerName":"default-scheduler","tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority"},"status":{"phase":"Running","conditions":[{"type":"PodReadyToStartContainers","status":"True","lastProbeTime":null,"lastTransitionTime":"2024-05-01T12:00:03Z"},{"type":"Initialized","status":"True","lastProbeTime":null,"lastTransitionTime":"2024-05-01T12:00:00Z"},{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2024-05-01T12:00:09Z"},{"type":"ContainersReady","status":"True","lastProbeTime":null,"lastTransitionTime":"2024-05-01T12:00:09Z"},{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"2024-05-01T12:00:00Z"}],"hostIP":"10.0.\#(i % 40).10","hostIPs":[{"ip":"10.0.\#(i % 40).10"}],"podIP":"10.244.\#(i % 250).\#(i % 200)","podIPs":[{"ip":"10.244.\#(i % 250).\#(i % 200)"}],"startTime":"2024-05-01T12:00:00Z","containerStatuses":[{"name":"web","state":{"running":{"startedAt":"2024-05-01T12:00:02Z"}},"lastState":{},"ready":true,"restartCount":0,"image":"registry.example.com/team/web:1.4.\#(i % 20)","imageID":"registry.example.com/team/web@sha256:\#(String(format: "%064x", i % 20))","containerID":"containerd://\#(String(format: "%064x", i))","started":true}],"qosClass":"Burstable"}}
            """#
    }
}
