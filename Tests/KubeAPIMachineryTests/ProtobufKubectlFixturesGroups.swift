// Request bodies captured from kubectl v1.32 (an HTTPS recorder answering discovery), each with
// the JSON kubectl itself renders for the same object (`--dry-run=client -o json`, nulls removed).
// Regenerate by running the commands in the notes against a recording server.

extension ProtobufFixture {
    /// Bodies of kinds in named API groups.
    static let kubectlGroups: [ProtobufFixture] = [
        // kubectl create role r1 --verb=get,list --resource=pods,deployments.apps --resource-name=p1
        ProtobufFixture(
            name: "role",
            body: #"""
                azhzAAokChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgRSb2xlElEKEgoCcjESABoAIgAqADIAOABCABIXCgNnZXQK
                BGxpc3QSABoEcG9kcyICcDESIgoDZ2V0CgRsaXN0EgRhcHBzGgtkZXBsb3ltZW50cyICcDEaACIA
                """#,
            json: #"""
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"r1"},"rules":[{"a
                piGroups":[""],"resourceNames":["p1"],"resources":["pods"],"verbs":["get","list"]},{"apiGroups":
                ["apps"],"resourceNames":["p1"],"resources":["deployments"],"verbs":["get","list"]}]}
                """#
        ),
        // kubectl create clusterrole cr1 --verb=get --non-resource-url=/logs/*
        ProtobufFixture(
            name: "clusterrole",
            body: #"""
                azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRIlChMKA2NyMRIAGgAiACoAMgA4AEIA
                Eg4KA2dldCoHL2xvZ3MvKhoAIgA=
                """#,
            json: #"""
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"cr1"},"rul
                es":[{"nonResourceURLs":["/logs/*"],"verbs":["get"]}]}
                """#
        ),
        // kubectl create clusterrole cr2 --aggregation-rule=rbac.example.com/aggregate-to-monitoring=true
        ProtobufFixture(
            name: "clusterrole-agg",
            body: #"""
                azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRJLChMKA2NyMhIAGgAiACoAMgA4AEIA
                GjQKMgowCihyYmFjLmV4YW1wbGUuY29tL2FnZ3JlZ2F0ZS10by1tb25pdG9yaW5nEgR0cnVlGgAiAA==
                """#,
            json: #"""
                {"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"rbac.example.com/aggregate-to-monit
                oring":"true"}}]},"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"
                name":"cr2"}}
                """#
        ),
        // kubectl create rolebinding rb1 --role=r1 --user=alice --serviceaccount=default:sa1 --group=devs
        ProtobufFixture(
            name: "rolebinding",
            body: #"""
                azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtSb2xlQmluZGluZxK2AQoTCgNyYjESABoAIgAqADIAOABC
                ABIqCgRVc2VyEhlyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvGgVhbGljZSIAEioKBUdyb3VwEhlyYmFjLmF1dGhvcml6YXRp
                b24uazhzLmlvGgRkZXZzIgASIAoOU2VydmljZUFjY291bnQSABoDc2ExIgdkZWZhdWx0GiUKGXJiYWMuYXV0aG9yaXphdGlv
                bi5rOHMuaW8SBFJvbGUaAnIxGgAiAA==
                """#,
            json: #"""
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"rb1"},"rol
                eRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r1"},"subjects":[{"apiGroup"
                :"rbac.authorization.k8s.io","kind":"User","name":"alice"},{"apiGroup":"rbac.authorization.k8s.i
                o","kind":"Group","name":"devs"},{"kind":"ServiceAccount","name":"sa1","namespace":"default"}]}
                """#
        ),
        // kubectl create clusterrolebinding crb1 --clusterrole=cr1 --user=bob
        ProtobufFixture(
            name: "clusterrolebinding",
            body: #"""
                azhzAAoyChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEhJDbHVzdGVyUm9sZUJpbmRpbmcSbwoUCgRjcmIxEgAaACIA
                KgAyADgAQgASKAoEVXNlchIZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxoDYm9iIgAaLQoZcmJhYy5hdXRob3JpemF0aW9u
                Lms4cy5pbxILQ2x1c3RlclJvbGUaA2NyMRoAIgA=
                """#,
            json: #"""
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"crb
                1"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cr1"},"subjec
                ts":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"bob"}]}
                """#
        ),
        // kubectl create deployment d1 --image=nginx:1.25 --replicas=3 --port=8080 -- /bin/sh -c 'echo hi'
        ProtobufFixture(
            name: "deployment",
            body: #"""
                azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EtEBCh0KAmQxEgAaACIAKgAyADgAQgBaCQoDYXBwEgJkMRKhAQgDEgsKCQoD
                YXBwEgJkMRqHAQobCgASABoAIgAqADIAOABCAFoJCgNhcHASAmQxEmgSSgoFbmdpbngSCm5naW54OjEuMjUaBy9iaW4vc2ga
                Ai1jGgdlY2hvIGhpKgAyCwoAEAAYkD8iACoAQgBqAHIAgAEAiAEAkAEAogEAGgAyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIB
                ACICCgAoADgAGgwIABAAGAAgACgAOAAaACIA
                """#,
            json: #"""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"d1"},"name":"d1"},"spec
                ":{"replicas":3,"selector":{"matchLabels":{"app":"d1"}},"strategy":{},"template":{"metadata":{"l
                abels":{"app":"d1"}},"spec":{"containers":[{"command":["/bin/sh","-c","echo hi"],"image":"nginx:
                1.25","name":"nginx","ports":[{"containerPort":8080}],"resources":{}}]}}},"status":{}}
                """#
        ),
        // kubectl create deployment d0 --image=nginx --replicas=0
        ProtobufFixture(
            name: "deployment-zero",
            body: #"""
                azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EqcBCh0KAmQwEgAaACIAKgAyADgAQgBaCQoDYXBwEgJkMBJ4CAASCwoJCgNh
                cHASAmQwGl8KGwoAEgAaACIAKgAyADgAQgBaCQoDYXBwEgJkMBJAEiIKBW5naW54EgVuZ2lueCoAQgBqAHIAgAEAiAEAkAEA
                ogEAGgAyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBACICCgAoADgAGgwIABAAGAAgACgAOAAaACIA
                """#,
            json: #"""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"d0"},"name":"d0"},"spec
                ":{"replicas":0,"selector":{"matchLabels":{"app":"d0"}},"strategy":{},"template":{"metadata":{"l
                abels":{"app":"d0"}},"spec":{"containers":[{"image":"nginx","name":"nginx","resources":{}}]}}},"
                status":{}}
                """#
        ),
        // kubectl create job j1 --image=busybox -- echo hello
        ProtobufFixture(
            name: "job",
            body: #"""
                azhzAAoPCghiYXRjaC92MRIDSm9iEocBChIKAmoxEgAaACIAKgAyADgAQgASZzJlChAKABIAGgAiACoAMgA4AEIAElESLgoC
                ajESB2J1c3lib3gaBGVjaG8aBWhlbGxvKgBCAGoAcgCAAQCIAQCQAQCiAQAaBU5ldmVyMgBCAEoAUgBYAGAAaACCAQCKAQCa
                AQDCAQAaCCAAKAAwADoAGgAiAA==
                """#,
            json: #"""
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j1"},"spec":{"template":{"metadata":{}
                ,"spec":{"containers":[{"command":["echo","hello"],"image":"busybox","name":"j1","resources":{}}
                ],"restartPolicy":"Never"}}},"status":{}}
                """#
        ),
        // kubectl create cronjob cj1 --image=busybox --schedule='*/5 * * * *' --restart=OnFailure -- date
        ProtobufFixture(
            name: "cronjob",
            body: #"""
                azhzAAoTCghiYXRjaC92MRIHQ3JvbkpvYhKnAQoTCgNjajESABoAIgAqADIAOABCABKNAQoLKi81ICogKiAqICoaACp8ChMK
                A2NqMRIAGgAiACoAMgA4AEIAEmUyYwoQCgASABoAIgAqADIAOABCABJPEigKA2NqMRIHYnVzeWJveBoEZGF0ZSoAQgBqAHIA
                gAEAiAEAkAEAogEAGglPbkZhaWx1cmUyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBABoAGgAiAA==
                """#,
            json: #"""
                {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"cj1"},"spec":{"jobTemplate":{"meta
                data":{"name":"cj1"},"spec":{"template":{"metadata":{},"spec":{"containers":[{"command":["date"]
                ,"image":"busybox","name":"cj1","resources":{}}],"restartPolicy":"OnFailure"}}}},"schedule":"*/5
                 * * * *"},"status":{}}
                """#
        ),
        // kubectl create ingress ing1 --class=nginx --rule=foo.com/bar=svc1:8080,tls=my-cert --rule=/path*=...
        ProtobufFixture(
            name: "ingress",
            body: #"""
                azhzAAofChRuZXR3b3JraW5nLms4cy5pby92MRIHSW5ncmVzcxKuAQocCgRpbmcxEgAaACIAKgAyADgAQgBiBgoBYRIBYhKJ
                AQoQIg4KBmRlZnN2YxIECgAQUBISCgdmb28uY29tEgdteS1jZXJ0Gi0KB2Zvby5jb20SIgogCh4KBC9iYXISDyINCgRzdmMx
                EgUKABCQPxoFRXhhY3QaKwoAEicKJQojCgUvcGF0aBISIhAKBHN2YzISCAoEaHR0cBAAGgZQcmVmaXgiBW5naW54GgIKABoA
                IgA=
                """#,
            json: #"""
                {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"annotations":{"a":"b"},"name"
                :"ing1"},"spec":{"defaultBackend":{"service":{"name":"defsvc","port":{"number":80}}},"ingressCla
                ssName":"nginx","rules":[{"host":"foo.com","http":{"paths":[{"backend":{"service":{"name":"svc1"
                ,"port":{"number":8080}}},"path":"/bar","pathType":"Exact"}]}},{"http":{"paths":[{"backend":{"se
                rvice":{"name":"svc2","port":{"name":"http"}}},"path":"/path","pathType":"Prefix"}]}}],"tls":[{"
                hosts":["foo.com"],"secretName":"my-cert"}]},"status":{"loadBalancer":{}}}
                """#
        ),
        // kubectl create poddisruptionbudget pdb1 --selector=app=x --min-available=50%
        ProtobufFixture(
            name: "pdb-min",
            body: #"""
                azhzAAogCglwb2xpY3kvdjESE1BvZERpc3J1cHRpb25CdWRnZXQSOwoUCgRwZGIxEgAaACIAKgAyADgAQgASFwoJCAEQABoD
                NTAlEgoKCAoDYXBwEgF4GgoIABgAIAAoADAAGgAiAA==
                """#,
            json: #"""
                {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"pdb1"},"spec":{"minAv
                ailable":"50%","selector":{"matchLabels":{"app":"x"}}},"status":{"currentHealthy":0,"desiredHeal
                thy":0,"disruptionsAllowed":0,"expectedPods":0}}
                """#
        ),
        // kubectl create poddisruptionbudget pdb2 --selector=app=y --max-unavailable=1
        ProtobufFixture(
            name: "pdb-max",
            body: #"""
                azhzAAogCglwb2xpY3kvdjESE1BvZERpc3J1cHRpb25CdWRnZXQSOAoUCgRwZGIyEgAaACIAKgAyADgAQgASFBIKCggKA2Fw
                cBIBeRoGCAAQARoAGgoIABgAIAAoADAAGgAiAA==
                """#,
            json: #"""
                {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"pdb2"},"spec":{"maxUn
                available":1,"selector":{"matchLabels":{"app":"y"}}},"status":{"currentHealthy":0,"desiredHealth
                y":0,"disruptionsAllowed":0,"expectedPods":0}}
                """#
        ),
        // kubectl create priorityclass pc1 --value=1000 --description=high --preemption-policy=Never
        ProtobufFixture(
            name: "priorityclass",
            body: #"""
                azhzAAolChRzY2hlZHVsaW5nLms4cy5pby92MRINUHJpb3JpdHlDbGFzcxInChMKA3BjMRIAGgAiACoAMgA4AEIAEOgHGAAi
                BGhpZ2gqBU5ldmVyGgAiAA==
                """#,
            json: #"""
                {"apiVersion":"scheduling.k8s.io/v1","description":"high","kind":"PriorityClass","metadata":{"na
                me":"pc1"},"preemptionPolicy":"Never","value":1000}
                """#
        ),
        // kubectl create priorityclass pc2 --value=-5 --global-default
        ProtobufFixture(
            name: "priorityclass-default",
            body: #"""
                azhzAAolChRzY2hlZHVsaW5nLms4cy5pby92MRINUHJpb3JpdHlDbGFzcxI6ChMKA3BjMhIAGgAiACoAMgA4AEIAEPv/////
                /////wEYASIAKhRQcmVlbXB0TG93ZXJQcmlvcml0eRoAIgA=
                """#,
            json: #"""
                {"apiVersion":"scheduling.k8s.io/v1","globalDefault":true,"kind":"PriorityClass","metadata":{"na
                me":"pc2"},"preemptionPolicy":"PreemptLowerPriority","value":-5}
                """#
        ),
        // kubectl create token sa1 --audience=api --audience=vault --duration=1h --bound-object-kind=Pod ...
        ProtobufFixture(
            name: "token",
            body: #"""
                azhzAAooChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESDFRva2VuUmVxdWVzdBI9ChAKABIAGgAiACoAMgA4AEIAEiMKA2Fw
                aQoFdmF1bHQaEgoDUG9kEgJ2MRoCcDEiAzEyMyCQHBoECgASABoAIgA=
                """#,
            json: #"""
                {"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","metadata":{},"spec":{"audiences"
                :["api","vault"],"boundObjectRef":{"apiVersion":"v1","kind":"Pod","name":"p1","uid":"123"},"expi
                rationSeconds":3600},"status":{"token":""}}
                """#
        ),
        // kubectl autoscale deployment d1 --min=2 --max=5 --cpu-percent=80
        ProtobufFixture(
            name: "autoscale",
            body: #"""
                azhzAAopCg5hdXRvc2NhbGluZy92MRIXSG9yaXpvbnRhbFBvZEF1dG9zY2FsZXISPQoSCgJkMRIAGgAiACoAMgA4AEIAEiEK
                GQoKRGVwbG95bWVudBICZDEaB2FwcHMvdjEQAhgFIFAaBBgAIAAaACIA
                """#,
            json: #"""
                {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"d1"},"spec":
                {"maxReplicas":5,"minReplicas":2,"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","n
                ame":"d1"},"targetCPUUtilizationPercentage":80},"status":{"currentReplicas":0,"desiredReplicas":
                0}}
                """#
        ),
    ]
}
