// Bodies encoded by the reference protobuf implementation (Python `protobuf`, messages compiled
// with `protoc` from field declarations transcribed from Kubernetes' generated.proto), each with
// the JSON it was built from. They cover fields and kinds kubectl's imperative commands never fill.

extension ProtobufFixture {
    /// Pods and workload kinds with most fields set.
    static let referenceWorkloads: [ProtobufFixture] = [
        ProtobufFixture(
            name: "jobPolicies",
            body: #"""
                azhzAAoPCghiYXRjaC92MRIDSm9iEsMBCgcKBXRyYWluEqIBCAAQBBiQHCgAMhwKABIYEg8KBG1haW4SB3RyYWluZXIaBU5l
                dmVyOABAAEoHSW5kZXhlZFABWj8KGQoHRmFpbEpvYhIOCgRtYWluEgJJbhgBGCoKIgoGSWdub3JlGhgKEERpc3J1cHRpb25U
                YXJnZXQSBFRydWVgAWgCcgZGYWlsZWR6EWV4YW1wbGUuY29tL3F1ZXVlggEJCgcKAzAtMhACGhMSCAjy9vatBhAAIAFCAwoB
                YUgA
                """#,
            json: #"""
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"train"},"spec":{"activeDeadlineSeconds
                ":3600,"backoffLimit":0,"backoffLimitPerIndex":1,"completionMode":"Indexed","completions":4,"man
                agedBy":"example.com/queue","manualSelector":false,"maxFailedIndexes":2,"parallelism":0,"podFail
                urePolicy":{"rules":[{"action":"FailJob","onExitCodes":{"containerName":"main","operator":"In","
                values":[1,42]}},{"action":"Ignore","onPodConditions":[{"status":"True","type":"DisruptionTarget
                "}]}]},"podReplacementPolicy":"Failed","successPolicy":{"rules":[{"succeededCount":2,"succeededI
                ndexes":"0-2"}]},"suspend":true,"template":{"metadata":{},"spec":{"containers":[{"image":"traine
                r","name":"main"}],"restartPolicy":"Never"}},"ttlSecondsAfterFinished":0},"status":{"active":1,"
                ready":0,"startTime":"2024-02-03T04:05:06Z","uncountedTerminatedPods":{"succeeded":["a"]}}}
                """#
        ),
        ProtobufFixture(
            name: "podFull",
            body: #"""
                azhzAAoJCgJ2MRIDUG9kEvMQCooCCgN3ZWIaBHByb2QqBzBiNWMtMTEyAjQyOANCCAjZg+KxBhAASggIgN7lsQYQAFAAWgoK
                A2FwcBIDd2ViWg0KBHRpZXISBWZyb250YgkKBWVtcHR5EgBiCQoEbm90ZRIBeGolCgpSZXBsaWNhU2V0GgV3ZWItMSIDdS05
                KgdhcHBzL3YxMAE4AHINZXhhbXBsZS5jb20vYXINZXhhbXBsZS5jb20vYooBYQoHa3ViZWN0bBIGVXBkYXRlGgJ2MSIICNqD
                4rEGEAAyCEZpZWxkc1YxOjYKNHsiZjptZXRhZGF0YSI6IHsiZjpsYWJlbHMiOiB7Ii4iOiB7fSwgImY6YXBwIjoge319fX0S
                oA4KJAoDY2ZnEh2aARoKBAoCY20SDQoBYRIFYS50eHQYpAMYgAIgAAoQCgNzZWMSCTIHCgFzGAAgAQoZCgN0bXASEhIQCgZN
                ZW1vcnkSBgoENjRNaQofCgRob3N0EhcKFQoIL3Zhci9sb2cSCURpcmVjdG9yeQoRCgRkYXRhEglSBwoDcHZjEAEKcQoEcHJv
                ahJp0gFmChMiEQoFdmF1bHQQ2AQaBXRva2VuCiMSIQofCgZsYWJlbHMSFQoCdjESD21ldGFkYXRhLmxhYmVscwoaGhgKBAoC
                Y2ESEAoGY2EuY3J0EgZjYS5jcnQKCwoJCgUKA3RscyAAEKQDCh8KA25mcxIYOhYKCDEwLjAuMC4xEggvZXhwb3J0cxgBCkEK
                A2VwaBI66gE3CjUKCFoGCgF2EgExEikKDVJlYWRXcml0ZU9uY2USEhIQCgdzdG9yYWdlEgUKAzFHaSoEZmFzdAolCgNjc2kS
                HuIBGwoPY3NpLmV4YW1wbGUuY29tEAEiBgoBaxIBdgosCgNpbWcSJfIBIgoSZXhhbXBsZS5jb20vZGF0YToxEgxJZk5vdFBy
                ZXNlbnQSwQUKA2FwcBIRZXhhbXBsZS5jb20vYXBwOjIaBC9hcHAiCy0tcG9ydD04MDgwIgAqBC9zcnYyDgoEaHR0cBiQPyID
                VENQMhUQkpUBGIJHIgNVRFAqBzAuMC4wLjA6CgoFUExBSU4SAXY6BwoFRU1QVFk6GAoHRlJPTV9DTRoNGgsKBAoCY20SAWsY
                AToaCgtGUk9NX1NFQ1JFVBoLIgkKAwoBcxICcHc6GAoDUE9EGhEKDxINbWV0YWRhdGEubmFtZTokCgNNRU0aHRIbCgNhcHAS
                DWxpbWl0cy5tZW1vcnkaBQoDMU1pQmcKFQoObnZpZGlhLmNvbS9ncHUSAwoBMQoNCgNjcHUSBgoENTAwbQoRCgZtZW1vcnkS
                BwoFMjU2TWkSDQoDY3B1EgYKBDI1MG0SEQoGbWVtb3J5EgcKBTEyOE1pGgoKA2dwdRIDb25lShEKA2NmZxABGggvZXRjL2Nm
                Z0ohCgRkYXRhGgUvZGF0YSIBZCoPSG9zdFRvQ29udGFpbmVyUi0KIxIhCggvaGVhbHRoehIFCAAQkD8iBEhUVFAqCAoDWC1B
                EgFiEAUgCjADOABaEgoMGgoKCAgBGgRodHRwGAIoAWIdCgwKCgoEZWNobwoCdXASBCICCAUaB1NJR1RFUk1qFC9kZXYvdGVy
                bWluYXRpb24tbG9ncgZBbHdheXN6QQoXChBORVRfQklORF9TRVJWSUNFEgNBTEwQABoHIgVzMDpjMSDoBygBMAE4AEAAWhAK
                DlJ1bnRpbWVEZWZhdWx0gAEBkAEBmgENCgNDTV8SBgoECgJjbZoBCRoHCgMKAXMQAKIBFUZhbGxiYWNrVG9Mb2dzT25FcnJv
                cqoBEAoDYmxrEgkvZGV2L3h2ZGGyARUKEwoRCgNjYXQKCi90bXAvcmVhZHm6ARIKA2NwdRILTm90UmVxdWlyZWQaBkFsd2F5
                cyAAKNgEMgxDbHVzdGVyRmlyc3Q6CwoEZGlzaxIDc3NkQgZydW5uZXJYAXJKEOgHILgXILkXKNAPOhoKEm5ldC5jb3JlLnNv
                bWF4Y29ubhIEMTAyNEoOT25Sb290TWlzbWF0Y2haEAoOUnVudGltZURlZmF1bHR6CQoHcmVnY3JlZIIBAWiKAQFzkgGbAQo4
                ChQKEgoQCgR6b25lEgJJbhoBYRoBYhIgCAoSHBIaCg1tZXRhZGF0YS5uYW1lEgVOb3RJbhoCbjESHgocCg4SDAoCZGISBkV4
                aXN0cxIEZGF0YRoEem9uZRo/Ej0IZBI5CgwKCgoDYXBwEgN3ZWIaFmt1YmVybmV0ZXMuaW8vaG9zdG5hbWUqEXBvZC10ZW1w
                bGF0ZS1oYXNomgERZGVmYXVsdC1zY2hlZHVsZXKiASgKBGluaXQSB2J1c3lib3gaAnNoGgItYxoEdHJ1ZUIAwgEGQWx3YXlz
                qAEAsgEZCgNncHUSBkV4aXN0cyIKTm9TY2hlZHVsZbIBIQoEc3BvdBIFRXF1YWwaBHRydWUiCU5vRXhlY3V0ZSisAroBGAoJ
                MTI3LjAuMC4yEgthbGlhcy5sb2NhbMIBBGhpZ2jIAegH0gEpCgcxLjEuMS4xEglzdmMubG9jYWwaCgoFbmRvdHMSATIaBwoF
                ZWRuczDYAQHiARMKEWV4YW1wbGUuY29tL3JlYWR56gEGZ3Zpc29y8AEA+gEFTmV2ZXKCAgwKA2NwdRIFCgMxMG2KAi4IARIE
                em9uZRoNRG9Ob3RTY2hlZHVsZSIMCgoKA2FwcBIDd2ViKAI6BUhvbm9yogIHCgVsaW51eKgCALICEgoQZXhhbXBsZS5jb20v
                Z2F0ZboCEwoDZ3B1IgxncHUtdGVtcGxhdGUaQQoHUnVubmluZxIXCgVSZWFkeRIEVHJ1ZSIICNyD4rEGEAAyCDEwLjEuMi4z
                OggI24PisQYQAEoJQnVyc3RhYmxl
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"empty":"","note":"x"},"creationTimes
                tamp":"2024-05-06T07:08:09Z","deletionGracePeriodSeconds":0,"deletionTimestamp":"2024-05-07T00:0
                0:00Z","finalizers":["example.com/a","example.com/b"],"generation":3,"labels":{"app":"web","tier
                ":"front"},"managedFields":[{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":
                {"f:labels":{".":{},"f:app":{}}}},"manager":"kubectl","operation":"Update","time":"2024-05-06T07
                :08:10Z"}],"name":"web","namespace":"prod","ownerReferences":[{"apiVersion":"apps/v1","blockOwne
                rDeletion":false,"controller":true,"kind":"ReplicaSet","name":"web-1","uid":"u-9"}],"resourceVer
                sion":"42","uid":"0b5c-11"},"spec":{"activeDeadlineSeconds":600,"affinity":{"nodeAffinity":{"pre
                ferredDuringSchedulingIgnoredDuringExecution":[{"preference":{"matchFields":[{"key":"metadata.na
                me","operator":"NotIn","values":["n1"]}]},"weight":10}],"requiredDuringSchedulingIgnoredDuringEx
                ecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["a",
                "b"]}]}]}},"podAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"m
                atchExpressions":[{"key":"db","operator":"Exists"}]},"namespaces":["data"],"topologyKey":"zone"}
                ]},"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"podAffinityTerm":{"la
                belSelector":{"matchLabels":{"app":"web"}},"matchLabelKeys":["pod-template-hash"],"topologyKey":
                "kubernetes.io/hostname"},"weight":100}]}},"automountServiceAccountToken":false,"containers":[{"
                args":["--port=8080",""],"command":["/app"],"env":[{"name":"PLAIN","value":"v"},{"name":"EMPTY"}
                ,{"name":"FROM_CM","valueFrom":{"configMapKeyRef":{"key":"k","name":"cm","optional":true}}},{"na
                me":"FROM_SECRET","valueFrom":{"secretKeyRef":{"key":"pw","name":"s"}}},{"name":"POD","valueFrom
                ":{"fieldRef":{"fieldPath":"metadata.name"}}},{"name":"MEM","valueFrom":{"resourceFieldRef":{"co
                ntainerName":"app","divisor":"1Mi","resource":"limits.memory"}}}],"envFrom":[{"configMapRef":{"n
                ame":"cm"},"prefix":"CM_"},{"secretRef":{"name":"s","optional":false}}],"image":"example.com/app
                :2","imagePullPolicy":"Always","lifecycle":{"postStart":{"exec":{"command":["echo","up"]}},"preS
                top":{"sleep":{"seconds":5}},"stopSignal":"SIGTERM"},"livenessProbe":{"failureThreshold":3,"http
                Get":{"httpHeaders":[{"name":"X-A","value":"b"}],"path":"/healthz","port":8080,"scheme":"HTTP"},
                "initialDelaySeconds":5,"periodSeconds":10,"terminationGracePeriodSeconds":0},"name":"app","port
                s":[{"containerPort":8080,"name":"http","protocol":"TCP"},{"containerPort":9090,"hostIP":"0.0.0.
                0","hostPort":19090,"protocol":"UDP"}],"readinessProbe":{"successThreshold":1,"tcpSocket":{"port
                ":"http"},"timeoutSeconds":2},"resizePolicy":[{"resourceName":"cpu","restartPolicy":"NotRequired
                "}],"resources":{"claims":[{"name":"gpu","request":"one"}],"limits":{"cpu":"500m","memory":"256M
                i","nvidia.com/gpu":"1"},"requests":{"cpu":"250m","memory":"128Mi"}},"securityContext":{"allowPr
                ivilegeEscalation":false,"capabilities":{"add":["NET_BIND_SERVICE"],"drop":["ALL"]},"privileged"
                :false,"readOnlyRootFilesystem":true,"runAsGroup":0,"runAsNonRoot":true,"runAsUser":1000,"seLinu
                xOptions":{"level":"s0:c1"},"seccompProfile":{"type":"RuntimeDefault"}},"startupProbe":{"exec":{
                "command":["cat","/tmp/ready"]}},"stdin":true,"terminationMessagePath":"/dev/termination-log","t
                erminationMessagePolicy":"FallbackToLogsOnError","tty":true,"volumeDevices":[{"devicePath":"/dev
                /xvda","name":"blk"}],"volumeMounts":[{"mountPath":"/etc/cfg","name":"cfg","readOnly":true},{"mo
                untPath":"/data","mountPropagation":"HostToContainer","name":"data","subPath":"d"}],"workingDir"
                :"/srv"}],"dnsConfig":{"nameservers":["1.1.1.1"],"options":[{"name":"ndots","value":"2"},{"name"
                :"edns0"}],"searches":["svc.local"]},"dnsPolicy":"ClusterFirst","enableServiceLinks":false,"host
                Aliases":[{"hostnames":["alias.local"],"ip":"127.0.0.2"}],"hostNetwork":true,"hostUsers":false,"
                hostname":"h","imagePullSecrets":[{"name":"regcred"}],"initContainers":[{"command":["sh","-c","t
                rue"],"image":"busybox","name":"init","resources":{},"restartPolicy":"Always"}],"nodeSelector":{
                "disk":"ssd"},"os":{"name":"linux"},"overhead":{"cpu":"10m"},"preemptionPolicy":"Never","priorit
                y":1000,"priorityClassName":"high","readinessGates":[{"conditionType":"example.com/ready"}],"res
                ourceClaims":[{"name":"gpu","resourceClaimTemplateName":"gpu-template"}],"restartPolicy":"Always
                ","runtimeClassName":"gvisor","schedulerName":"default-scheduler","schedulingGates":[{"name":"ex
                ample.com/gate"}],"securityContext":{"appArmorProfile":{"type":"RuntimeDefault"},"fsGroup":2000,
                "fsGroupChangePolicy":"OnRootMismatch","runAsUser":1000,"supplementalGroups":[3000,3001],"sysctl
                s":[{"name":"net.core.somaxconn","value":"1024"}]},"serviceAccountName":"runner","shareProcessNa
                mespace":true,"subdomain":"s","terminationGracePeriodSeconds":0,"tolerations":[{"effect":"NoSche
                dule","key":"gpu","operator":"Exists"},{"effect":"NoExecute","key":"spot","operator":"Equal","to
                lerationSeconds":300,"value":"true"}],"topologySpreadConstraints":[{"labelSelector":{"matchLabel
                s":{"app":"web"}},"maxSkew":1,"minDomains":2,"nodeTaintsPolicy":"Honor","topologyKey":"zone","wh
                enUnsatisfiable":"DoNotSchedule"}],"volumes":[{"configMap":{"defaultMode":256,"items":[{"key":"a
                ","mode":420,"path":"a.txt"}],"name":"cm","optional":false},"name":"cfg"},{"name":"sec","secret"
                :{"defaultMode":0,"optional":true,"secretName":"s"}},{"emptyDir":{"medium":"Memory","sizeLimit":
                "64Mi"},"name":"tmp"},{"hostPath":{"path":"/var/log","type":"Directory"},"name":"host"},{"name":
                "data","persistentVolumeClaim":{"claimName":"pvc","readOnly":true}},{"name":"proj","projected":{
                "defaultMode":420,"sources":[{"serviceAccountToken":{"audience":"vault","expirationSeconds":600,
                "path":"token"}},{"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.l
                abels"},"path":"labels"}]}},{"configMap":{"items":[{"key":"ca.crt","path":"ca.crt"}],"name":"ca"
                }},{"secret":{"name":"tls","optional":false}}]}},{"name":"nfs","nfs":{"path":"/exports","readOnl
                y":true,"server":"10.0.0.1"}},{"ephemeral":{"volumeClaimTemplate":{"metadata":{"labels":{"v":"1"
                }},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"storageCl
                assName":"fast"}}},"name":"eph"},{"csi":{"driver":"csi.example.com","readOnly":true,"volumeAttri
                butes":{"k":"v"}},"name":"csi"},{"image":{"pullPolicy":"IfNotPresent","reference":"example.com/d
                ata:1"},"name":"img"}]},"status":{"conditions":[{"lastTransitionTime":"2024-05-06T07:08:12Z","st
                atus":"True","type":"Ready"}],"phase":"Running","podIP":"10.1.2.3","qosClass":"Burstable","start
                Time":"2024-05-06T07:08:11Z"}}
                """#
        ),
        ProtobufFixture(
            name: "serviceFull",
            body: #"""
                azhzAAoNCgJ2MRIHU2VydmljZRKpAgoFCgNhcGkS4QEKIQoFaHR0cHMSA1RDUBi7AyIFCAAQ+0Eo0/UBMgVodHRwcxIKCgNh
                cHASA2FwaRoKMTAuOTYuMC4xMCIMTG9hZEJhbGFuY2VyKgoxOTIuMC4yLjEwOghDbGllbnRJUEoJMC4wLjAuMC8wWgVMb2Nh
                bGCA+gFoAXIFCgMIsFSKAQ9QcmVmZXJEdWFsU3RhY2uSAQoxMC45Ni4wLjEwkgEHZmQwMDo6YZoBBElQdjSaAQRJUHY2oAEA
                qgEOZXhhbXBsZS5jb20vbGKyAQdDbHVzdGVyugELUHJlZmVyQ2xvc2UaPAoZChcSDmxiLmV4YW1wbGUuY29tGgVQcm94eRIf
                CgVSZWFkeRIEVHJ1ZRgCIggIgIHIrAYQACoCT2syAA==
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"api"},"spec":{"allocateLoadBalancerNodeP
                orts":false,"clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10","fd00::a"],"externalIPs":["192.0
                .2.10"],"externalTrafficPolicy":"Local","healthCheckNodePort":32000,"internalTrafficPolicy":"Clu
                ster","ipFamilies":["IPv4","IPv6"],"ipFamilyPolicy":"PreferDualStack","loadBalancerClass":"examp
                le.com/lb","loadBalancerSourceRanges":["0.0.0.0/0"],"ports":[{"appProtocol":"https","name":"http
                s","nodePort":31443,"port":443,"protocol":"TCP","targetPort":8443}],"publishNotReadyAddresses":t
                rue,"selector":{"app":"api"},"sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"
                timeoutSeconds":10800}},"trafficDistribution":"PreferClose","type":"LoadBalancer"},"status":{"co
                nditions":[{"lastTransitionTime":"2024-01-01T00:00:00Z","message":"","observedGeneration":2,"rea
                son":"Ok","status":"True","type":"Ready"}],"loadBalancer":{"ingress":[{"hostname":"lb.example.co
                m","ipMode":"Proxy"}]}}}
                """#
        ),
        ProtobufFixture(
            name: "statefulSet",
            body: #"""
                azhzAAoWCgdhcHBzL3YxEgtTdGF0ZWZ1bFNldBLGAQoECgJkYhK3AQgAEgsKCQoDYXBwEgJkYhokCgtaCQoDYXBwEgJkYhIV
                EhMKAnBnEgtwb3N0Z3JlczoxNkIAIjoKBgoEZGF0YRIwCg1SZWFkV3JpdGVPbmNlEhMSEQoHc3RvcmFnZRIGCgQxMEdpMgpG
                aWxlc3lzdGVtKgJkYjIIUGFyYWxsZWw6HAoNUm9sbGluZ1VwZGF0ZRILCAASBwgBGgMyNSVABUgDUhAKBkRlbGV0ZRIGUmV0
                YWluWgIIARoEEABIAA==
                """#,
            json: #"""
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},"spec":{"minReadySeconds":
                3,"ordinals":{"start":1},"persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Delete","whenSca
                led":"Retain"},"podManagementPolicy":"Parallel","replicas":0,"revisionHistoryLimit":5,"selector"
                :{"matchLabels":{"app":"db"}},"serviceName":"db","template":{"metadata":{"labels":{"app":"db"}},
                "spec":{"containers":[{"image":"postgres:16","name":"pg","resources":{}}]}},"updateStrategy":{"r
                ollingUpdate":{"maxUnavailable":"25%","partition":0},"type":"RollingUpdate"},"volumeClaimTemplat
                es":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests"
                :{"storage":"10Gi"}},"volumeMode":"Filesystem"}}]},"status":{"collisionCount":0,"replicas":0}}
                """#
        ),
    ]
}
