// Bodies encoded by the reference protobuf implementation (Python `protobuf`, messages compiled
// with `protoc` from field declarations transcribed from Kubernetes' generated.proto), each with
// the JSON it was built from. They cover fields and kinds kubectl's imperative commands never fill.

extension ProtobufFixture {
    /// The other kinds, DeleteOptions and Scale.
    static let referenceOther: [ProtobufFixture] = [
        ProtobufFixture(
            name: "clusterRoleBindingSA",
            body: #"""
                azhzAAoyChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEhJDbHVzdGVyUm9sZUJpbmRpbmcSUgoDCgFiEhsKDlNlcnZp
                Y2VBY2NvdW50GgJjaSIFdG9vbHMaLgoZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxILQ2x1c3RlclJvbGUaBHZpZXc=
                """#,
            json: #"""
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"b"}
                ,"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},"subjects
                ":[{"kind":"ServiceAccount","name":"ci","namespace":"tools"}]}
                """#
        ),
        ProtobufFixture(
            name: "cronJobTimeZone",
            body: #"""
                azhzAAoTCghiYXRjaC92MRIHQ3JvbkpvYhKVAQoJCgduaWdodGx5ElYKCTAgMiAqICogKhAAGgZGb3JiaWQgACorChBaDgoD
                am9iEgduaWdodGx5EhcyFRITEgYKAWMSAWMaCU9uRmFpbHVyZTAAOAFCDEV1cm9wZS9QYXJpcxowCiQKA0pvYhIEcHJvZBoJ
                bmlnaHRseS0xIgJqMSoIYmF0Y2gvdjEiCAig1pSvBhAA
                """#,
            json: #"""
                {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"nightly"},"spec":{"concurrencyPoli
                cy":"Forbid","failedJobsHistoryLimit":1,"jobTemplate":{"metadata":{"labels":{"job":"nightly"}},"
                spec":{"template":{"spec":{"containers":[{"image":"c","name":"c"}],"restartPolicy":"OnFailure"}}
                }},"schedule":"0 2 * * *","startingDeadlineSeconds":0,"successfulJobsHistoryLimit":0,"suspend":f
                alse,"timeZone":"Europe/Paris"},"status":{"active":[{"apiVersion":"batch/v1","kind":"Job","name"
                :"nightly-1","namespace":"prod","uid":"j1"}],"lastScheduleTime":"2024-03-04T02:00:00Z"}}
                """#
        ),
        ProtobufFixture(
            name: "daemonSet",
            body: #"""
                azhzAAoUCgdhcHBzL3YxEglEYWVtb25TZXQSZAoHCgVhZ2VudBJPCg4KDAoDYXBwEgVhZ2VudBIeCg5aDAoDYXBwEgVhZ2Vu
                dBIMEgoKAWESBWFnZW50Gh0KDVJvbGxpbmdVcGRhdGUSDAoECAAQARIECAAQABoICAAQABgAIAA=
                """#,
            json: #"""
                {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent"},"spec":{"selector":{"matc
                hLabels":{"app":"agent"}},"template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers"
                :[{"image":"agent","name":"a"}]}},"updateStrategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailabl
                e":1},"type":"RollingUpdate"}},"status":{"currentNumberScheduled":0,"desiredNumberScheduled":0,"
                numberMisscheduled":0,"numberReady":0}}
                """#
        ),
        ProtobufFixture(
            name: "deleteOptions",
            body: #"""
                azhzAAoTCgJ2MRINRGVsZXRlT3B0aW9ucxIfCAASCAoDdS0xEgE3GAAiCkZvcmVncm91bmQqA0FsbA==
                """#,
            json: #"""
                {"apiVersion":"v1","dryRun":["All"],"gracePeriodSeconds":0,"kind":"DeleteOptions","orphanDepende
                nts":false,"preconditions":{"resourceVersion":"7","uid":"u-1"},"propagationPolicy":"Foreground"}
                """#
        ),
        ProtobufFixture(
            name: "deleteOptionsApps",
            body: #"""
                azhzAAoYCgdhcHBzL3YxEg1EZWxldGVPcHRpb25zEgwiCkJhY2tncm91bmQ=
                """#,
            json: #"""
                {"apiVersion":"apps/v1","kind":"DeleteOptions","propagationPolicy":"Background"}
                """#
        ),
        ProtobufFixture(
            name: "deleteOptionsMeta",
            body: #"""
                azhzAAofCg5tZXRhLms4cy5pby92MRINRGVsZXRlT3B0aW9ucxIECAUwAQ==
                """#,
            json: #"""
                {"apiVersion":"meta.k8s.io/v1","gracePeriodSeconds":5,"ignoreStoreReadErrorWithClusterBreakingPo
                tential":true,"kind":"DeleteOptions"}
                """#
        ),
        ProtobufFixture(
            name: "deploymentStrategy",
            body: #"""
                azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EqsBCgUKA3dlYhJTCAISDAoKCgNhcHASA3dlYhoYCgxaCgoDYXBwEgN3ZWIS
                CBIGCgF3EgF3IiAKDVJvbGxpbmdVcGRhdGUSDwoECAAQABIHCAEaAzUwJTAAOAFI2AQaTQgEEAIyRQoJQXZhaWxhYmxlEgVG
                YWxzZSIaTWluaW11bVJlcGxpY2FzVW5hdmFpbGFibGUqAW0yCAiAgcisBhAAOggIgYHIrAYQADgB
                """#,
            json: #"""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"paused":true,"pro
                gressDeadlineSeconds":600,"replicas":2,"revisionHistoryLimit":0,"selector":{"matchLabels":{"app"
                :"web"}},"strategy":{"rollingUpdate":{"maxSurge":"50%","maxUnavailable":0},"type":"RollingUpdate
                "},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"w","name":"w"
                }]}}},"status":{"conditions":[{"lastTransitionTime":"2024-01-01T00:00:01Z","lastUpdateTime":"202
                4-01-01T00:00:00Z","message":"m","reason":"MinimumReplicasUnavailable","status":"False","type":"
                Available"}],"observedGeneration":4,"readyReplicas":1,"replicas":2}}
                """#
        ),
        ProtobufFixture(
            name: "eviction",
            body: #"""
                azhzAAoVCglwb2xpY3kvdjESCEV2aWN0aW9uEhUKDwoHd2ViLWFiYxoEcHJvZBICCB4=
                """#,
            json: #"""
                {"apiVersion":"policy/v1","deleteOptions":{"gracePeriodSeconds":30},"kind":"Eviction","metadata"
                :{"name":"web-abc","namespace":"prod"}}
                """#
        ),
        ProtobufFixture(
            name: "hpa",
            body: #"""
                azhzAAopCg5hdXRvc2NhbGluZy92MRIXSG9yaXpvbnRhbFBvZEF1dG9zY2FsZXISMgoFCgN3ZWISFwoRCgpEZXBsb3ltZW50
                EgN3ZWIQARgKGhASCAiAgcisBhAAGAMgBCg3
                """#,
            json: #"""
                {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},"spec"
                :{"maxReplicas":10,"minReplicas":1,"scaleTargetRef":{"kind":"Deployment","name":"web"}},"status"
                :{"currentCPUUtilizationPercentage":55,"currentReplicas":3,"desiredReplicas":4,"lastScaleTime":"
                2024-01-01T00:00:00Z"}}
                """#
        ),
        ProtobufFixture(
            name: "ingressClass",
            body: #"""
                azhzAAokChRuZXR3b3JraW5nLms4cy5pby92MRIMSW5ncmVzc0NsYXNzEoABCjwKBW5naW54YjMKK2luZ3Jlc3NjbGFzcy5r
                dWJlcm5ldGVzLmlvL2lzLWRlZmF1bHQtY2xhc3MSBHRydWUSQAoUazhzLmlvL2luZ3Jlc3MtbmdpbngSKAoLZXhhbXBsZS5j
                b20SBlBhcmFtcxoBcCIJTmFtZXNwYWNlKgNpbmc=
                """#,
            json: #"""
                {"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"annotations":{"ingresscl
                ass.kubernetes.io/is-default-class":"true"},"name":"nginx"},"spec":{"controller":"k8s.io/ingress
                -nginx","parameters":{"apiGroup":"example.com","kind":"Params","name":"p","namespace":"ing","sco
                pe":"Namespace"}}}
                """#
        ),
        ProtobufFixture(
            name: "ingressResource",
            body: #"""
                azhzAAofChRuZXR3b3JraW5nLms4cy5pby92MRIHSW5ncmVzcxKRAQoICgZzdGF0aWMSaQonGiUKE3N0b3JhZ2UuZXhhbXBs
                ZS5jb20SBkJ1Y2tldBoGYXNzZXRzGj4KDSouZXhhbXBsZS5jb20SLQorCikKAS8SDCIKCgFzEgUKA3dlYhoWSW1wbGVtZW50
                YXRpb25TcGVjaWZpYxoaChgKFgoJMTkyLjAuMi4xIgkIUBIDVENQGgA=
                """#,
            json: #"""
                {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"static"},"spec":{"defa
                ultBackend":{"resource":{"apiGroup":"storage.example.com","kind":"Bucket","name":"assets"}},"rul
                es":[{"host":"*.example.com","http":{"paths":[{"backend":{"service":{"name":"s","port":{"name":"
                web"}}},"path":"/","pathType":"ImplementationSpecific"}]}}]},"status":{"loadBalancer":{"ingress"
                :[{"ip":"192.0.2.1","ports":[{"error":"","port":80,"protocol":"TCP"}]}]}}}
                """#
        ),
        ProtobufFixture(
            name: "limitRange",
            body: #"""
                azhzAAoQCgJ2MRIKTGltaXRSYW5nZRJmCggKBmxpbWl0cxJaClgKCUNvbnRhaW5lchIKCgNjcHUSAwoBMhoNCgNjcHUSBgoE
                MTAwbSIRCgZtZW1vcnkSBwoFNTEyTWkqEQoGbWVtb3J5EgcKBTI1Nk1pMgoKA2NwdRIDCgE0
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"limits"},"spec":{"limits":[{"default"
                :{"memory":"512Mi"},"defaultRequest":{"memory":"256Mi"},"max":{"cpu":"2"},"maxLimitRequestRatio"
                :{"cpu":"4"},"min":{"cpu":"100m"},"type":"Container"}]}}
                """#
        ),
        ProtobufFixture(
            name: "namespaceTerminating",
            body: #"""
                azhzAAoPCgJ2MRIJTmFtZXNwYWNlEm4KBQoDb2xkEgwKCmt1YmVybmV0ZXMaVwoLVGVybWluYXRpbmcSSAofTmFtZXNwYWNl
                RGVsZXRpb25Db250ZW50RmFpbHVyZRIFRmFsc2UiCAiAgcisBhAAKg5Db250ZW50RGVsZXRlZDIEZG9uZQ==
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"old"},"spec":{"finalizers":["kubernete
                s"]},"status":{"conditions":[{"lastTransitionTime":"2024-01-01T00:00:00Z","message":"done","reas
                on":"ContentDeleted","status":"False","type":"NamespaceDeletionContentFailure"}],"phase":"Termin
                ating"}}
                """#
        ),
        ProtobufFixture(
            name: "networkPolicy",
            body: #"""
                azhzAAolChRuZXR3b3JraW5nLms4cy5pby92MRINTmV0d29ya1BvbGljeRJ7CgYKBGRlbnkScQoAEksKDwoDVENQEgUIABC7
                AxjCAwoJEgcIARoDZG5zEhAKDAoKCgRyb2xlEgJmZRIAEhsaGQoKMTAuMC4wLjAvOBILMTAuMS4wLjAvMTYaDxINGgsKCTAu
                MC4wLjAvMCIHSW5ncmVzcyIGRWdyZXNz
                """#,
            json: #"""
                {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"deny"},"spec":{"
                egress":[{"to":[{"ipBlock":{"cidr":"0.0.0.0/0"}}]}],"ingress":[{"from":[{"namespaceSelector":{},
                "podSelector":{"matchLabels":{"role":"fe"}}},{"ipBlock":{"cidr":"10.0.0.0/8","except":["10.1.0.0
                /16"]}}],"ports":[{"endPort":450,"port":443,"protocol":"TCP"},{"port":"dns"}]}],"podSelector":{}
                ,"policyTypes":["Ingress","Egress"]}}
                """#
        ),
        ProtobufFixture(
            name: "pdbPolicy",
            body: #"""
                azhzAAogCglwb2xpY3kvdjESE1BvZERpc3J1cHRpb25CdWRnZXQSSQoDCgFwEiMKBAgAEAASDhIMCgNhcHASAkluGgFhIgtB
                bHdheXNBbGxvdxodCAESEQoFcG9kLTESCAiAgcisBhAAGAEgAigBMAI=
                """#,
            json: #"""
                {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"p"},"spec":{"minAvail
                able":0,"selector":{"matchExpressions":[{"key":"app","operator":"In","values":["a"]}]},"unhealth
                yPodEvictionPolicy":"AlwaysAllow"},"status":{"currentHealthy":2,"desiredHealthy":1,"disruptedPod
                s":{"pod-1":"2024-01-01T00:00:00Z"},"disruptionsAllowed":1,"expectedPods":2,"observedGeneration"
                :1}}
                """#
        ),
        ProtobufFixture(
            name: "podTemplate",
            body: #"""
                azhzAAoRCgJ2MRILUG9kVGVtcGxhdGUSOgoDCgF0EjMKCFoGCgFhEgFiEicSCgoDYXBwEgNhcHCSAhgKEQoDZGJnEgdidXN5
                Ym94gAEBEgNhcHA=
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"PodTemplate","metadata":{"name":"t"},"template":{"metadata":{"labels"
                :{"a":"b"}},"spec":{"containers":[{"image":"app","name":"app"}],"ephemeralContainers":[{"image":
                "busybox","name":"dbg","stdin":true,"targetContainerName":"app"}]}}}
                """#
        ),
        ProtobufFixture(
            name: "pvc",
            body: #"""
                azhzAAobCgJ2MRIVUGVyc2lzdGVudFZvbHVtZUNsYWltEqQBCgYKBGRhdGESfwoNUmVhZFdyaXRlTWFueRIlChEKB3N0b3Jh
                Z2USBgoEMTBHaRIQCgdzdG9yYWdlEgUKAzVHaRoEcHYtMSIOCgwKBHRpZXISBGdvbGQqADovChdzbmFwc2hvdC5zdG9yYWdl
                Lms4cy5pbxIOVm9sdW1lU25hcHNob3QaBHNuYXAaGQoFQm91bmQaEAoHc3RvcmFnZRIFCgM1R2k=
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"},"spec":{"accessMode
                s":["ReadWriteMany"],"dataSource":{"apiGroup":"snapshot.storage.k8s.io","kind":"VolumeSnapshot",
                "name":"snap"},"resources":{"limits":{"storage":"10Gi"},"requests":{"storage":"5Gi"}},"selector"
                :{"matchLabels":{"tier":"gold"}},"storageClassName":"","volumeName":"pv-1"},"status":{"capacity"
                :{"storage":"5Gi"},"phase":"Bound"}}
                """#
        ),
        ProtobufFixture(
            name: "quotaScopeSelector",
            body: #"""
                azhzAAoTCgJ2MRINUmVzb3VyY2VRdW90YRJ5CgMKAXESRgoSCgpjb3VudC9wb2RzEgQKAjIwChMKDHJlcXVlc3RzLmNwdRID
                CgE0GhsKGQoNUHJpb3JpdHlDbGFzcxICSW4aBGhpZ2gaKgoTCgxyZXF1ZXN0cy5jcHUSAwoBNBITCgxyZXF1ZXN0cy5jcHUS
                AwoBMA==
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":{"count/pods":"
                20","requests.cpu":"4"},"scopeSelector":{"matchExpressions":[{"operator":"In","scopeName":"Prior
                ityClass","values":["high"]}]}},"status":{"hard":{"requests.cpu":"4"},"used":{"requests.cpu":"0"
                }}}
                """#
        ),
        ProtobufFixture(
            name: "replicaSet",
            body: #"""
                azhzAAoVCgdhcHBzL3YxEgpSZXBsaWNhU2V0EocBCh8KBXdlYi0xWhYKEXBvZC10ZW1wbGF0ZS1oYXNoEgExEiwIAxIMCgoK
                A2FwcBIDd2ViGhgKDFoKCgNhcHASA3dlYhIIEgYKAXcSAXcgCho2CAAQARgCMi4KDlJlcGxpY2FGYWlsdXJlEgRUcnVlGggI
                gIHIrAYQACIMRmFpbGVkQ3JlYXRl
                """#,
            json: #"""
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"labels":{"pod-template-hash":"1"},"name
                ":"web-1"},"spec":{"minReadySeconds":10,"replicas":3,"selector":{"matchLabels":{"app":"web"}},"t
                emplate":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"w","name":"w"}]}}}
                ,"status":{"conditions":[{"lastTransitionTime":"2024-01-01T00:00:00Z","reason":"FailedCreate","s
                tatus":"True","type":"ReplicaFailure"}],"fullyLabeledReplicas":1,"observedGeneration":2,"replica
                s":0}}
                """#
        ),
        ProtobufFixture(
            name: "replicationController",
            body: #"""
                azhzAAobCgJ2MRIVUmVwbGljYXRpb25Db250cm9sbGVyEi4KBAoCcmMSJggBEgkKA2FwcBICcmMaFwoLWgkKA2FwcBICcmMS
                CBIGCgFjEgFj
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"rc"},"spec":{"replicas":1,
                "selector":{"app":"rc"},"template":{"metadata":{"labels":{"app":"rc"}},"spec":{"containers":[{"i
                mage":"c","name":"c"}]}}}}
                """#
        ),
        ProtobufFixture(
            name: "scale",
            body: #"""
                azhzAAoXCg5hdXRvc2NhbGluZy92MRIFU2NhbGUSIQoOCgN3ZWIaBHByb2QyATUSAggHGgsIAxIHYXBwPXdlYg==
                """#,
            json: #"""
                {"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"prod","resou
                rceVersion":"5"},"spec":{"replicas":7},"status":{"replicas":3,"selector":"app=web"}}
                """#
        ),
        ProtobufFixture(
            name: "secretStringData",
            body: #"""
                azhzAAoMCgJ2MRIGU2VjcmV0EnIKAwoBcxIJCgVlbXB0eRIAEkcKA2JpbhJAAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRo
                bHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4/BoGT3BhcXVlIg0KBXBsYWluEgR0ZXh0KAA=
                """#,
            json: #"""
                {"apiVersion":"v1","data":{"bin":"AAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtL
                i8wMTIzNDU2Nzg5Ojs8PT4/A==","empty":""},"immutable":false,"kind":"Secret","metadata":{"name":"s"
                },"stringData":{"plain":"text"},"type":"Opaque"}
                """#
        ),
        ProtobufFixture(
            name: "serviceAccountFull",
            body: #"""
                azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSHwoECgJjaRIKGghjaS10b2tlbhoJCgdyZWdjcmVkIAA=
                """#,
            json: #"""
                {"apiVersion":"v1","automountServiceAccountToken":false,"imagePullSecrets":[{"name":"regcred"}],
                "kind":"ServiceAccount","metadata":{"name":"ci"},"secrets":[{"name":"ci-token"}]}
                """#
        ),
        ProtobufFixture(
            name: "tokenRequestFull",
            body: #"""
                azhzAAooChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESDFRva2VuUmVxdWVzdBJXCgsKA3NhMRoEcHJvZBI3Ch5odHRwczov
                L2t1YmVybmV0ZXMuZGVmYXVsdC5zdmMaEgoGU2VjcmV0EgJ2MRoBcyIBdSDYBBoPCgNleUoSCAjYte+GBxAA
                """#,
            json: #"""
                {"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","metadata":{"name":"sa1","namespa
                ce":"prod"},"spec":{"audiences":["https://kubernetes.default.svc"],"boundObjectRef":{"apiVersion
                ":"v1","kind":"Secret","name":"s","uid":"u"},"expirationSeconds":600},"status":{"expirationTimes
                tamp":"2030-01-01T00:10:00Z","token":"eyJ"}}
                """#
        ),
        ProtobufFixture(
            name: "tokenReview",
            body: #"""
                azhzAAonChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESC1Rva2VuUmV2aWV3EkYKABIJCgdhYmMuZGVmGjcIARIzCgVhbGlj
                ZRIBMRoDZGV2IhcKBnNjb3BlcxINCgRyZWFkCgV3cml0ZSIJCgVlbXB0eRIA
                """#,
            json: #"""
                {"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","metadata":{},"spec":{"token":"abc
                .def"},"status":{"authenticated":true,"user":{"extra":{"empty":[],"scopes":["read","write"]},"gr
                oups":["dev"],"uid":"1","username":"alice"}}}
                """#
        ),
    ]
}
