// Request bodies captured from kubectl v1.32 (an HTTPS recorder answering discovery), each with
// the JSON kubectl itself renders for the same object (`--dry-run=client -o json`, nulls removed).
// Regenerate by running the commands in the notes against a recording server.

extension ProtobufFixture {
    /// Bodies of core (`v1`) kinds.
    static let kubectlCore: [ProtobufFixture] = [
        // kubectl create namespace ns1
        ProtobufFixture(
            name: "namespace",
            body: #"""
                azhzAAoPCgJ2MRIJTmFtZXNwYWNlEhsKEwoDbnMxEgAaACIAKgAyADgAQgASABoCCgAaACIA
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ns1"},"spec":{},"status":{}}
                """#
        ),
        // kubectl create configmap cm1 --from-literal=a=b --from-literal=key2='hello world' --from-file=bin...
        ProtobufFixture(
            name: "configmap",
            body: #"""
                azhzAAoPCgJ2MRIJQ29uZmlnTWFwEpYBChMKA2NtMRIAGgAiACoAMgA4AEIAEgYKAWESAWISFQoHZW52LnR4dBIKQT0xCkI9
                dHdvChITCgRrZXkyEgtoZWxsbyB3b3JsZBpLCgdiaW4uZGF0EkC4cNodc0JR6z+T2UaxpEfl7PJfaxbtVNtAswJY+GNo+HkS
                obZ5E/ehWmwcCixsJ/JmfE++D6qlbcNzBCUWnCDoGgAiAA==
                """#,
            json: #"""
                {"apiVersion":"v1","binaryData":{"bin.dat":"uHDaHXNCUes/k9lGsaRH5ezyX2sW7VTbQLMCWPhjaPh5EqG2eRP3
                oVpsHAosbCfyZnxPvg+qpW3DcwQlFpwg6A=="},"data":{"a":"b","env.txt":"A=1\nB=two\n","key2":"hello wo
                rld"},"kind":"ConfigMap","metadata":{"name":"cm1"}}
                """#
        ),
        // kubectl create configmap cm2 --from-env-file=env.txt
        ProtobufFixture(
            name: "configmap-env",
            body: #"""
                azhzAAoPCgJ2MRIJQ29uZmlnTWFwEicKEwoDY20yEgAaACIAKgAyADgAQgASBgoBQRIBMRIICgFCEgN0d28aACIA
                """#,
            json: #"""
                {"apiVersion":"v1","data":{"A":"1","B":"two"},"kind":"ConfigMap","metadata":{"name":"cm2"}}
                """#
        ),
        // kubectl create secret generic s1 --from-literal=user=admin --from-literal=pw=s3cr3t
        ProtobufFixture(
            name: "secret",
            body: #"""
                azhzAAoMCgJ2MRIGU2VjcmV0EjMKEgoCczESABoAIgAqADIAOABCABIMCgJwdxIGczNjcjN0Eg0KBHVzZXISBWFkbWluGgAa
                ACIA
                """#,
            json: #"""
                {"apiVersion":"v1","data":{"pw":"czNjcjN0","user":"YWRtaW4="},"kind":"Secret","metadata":{"name"
                :"s1"}}
                """#
        ),
        // kubectl create secret docker-registry s3 --docker-server=reg.example.com --docker-username=u ...
        ProtobufFixture(
            name: "secret-docker",
            body: #"""
                azhzAAoMCgJ2MRIGU2VjcmV0EqgBChIKAnMzEgAaACIAKgAyADgAQgAScgoRLmRvY2tlcmNvbmZpZ2pzb24SXXsiYXV0aHMi
                OnsicmVnLmV4YW1wbGUuY29tIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicCIsImVtYWlsIjoiZUB4LmNvbSIsImF1
                dGgiOiJkVHB3In19fRoea3ViZXJuZXRlcy5pby9kb2NrZXJjb25maWdqc29uGgAiAA==
                """#,
            json: #"""
                {"apiVersion":"v1","data":{".dockerconfigjson":"eyJhdXRocyI6eyJyZWcuZXhhbXBsZS5jb20iOnsidXNlcm5h
                bWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiZW1haWwiOiJlQHguY29tIiwiYXV0aCI6ImRUcHcifX19"},"kind":"Secret","
                metadata":{"name":"s3"},"type":"kubernetes.io/dockerconfigjson"}
                """#
        ),
        // kubectl create serviceaccount sa1
        ProtobufFixture(
            name: "serviceaccount",
            body: #"""
                azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSFQoTCgNzYTESABoAIgAqADIAOABCABoAIgA=
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa1"}}
                """#
        ),
        // kubectl create service clusterip svc1 --tcp=80:8080 --tcp=443:http
        ProtobufFixture(
            name: "svc-clusterip",
            body: #"""
                azhzAAoNCgJ2MRIHU2VydmljZRKOAQohCgRzdmMxEgAaACIAKgAyADgAQgBaCwoDYXBwEgRzdmMxEmUKGwoHODAtODA4MBID
                VENQGFAiBwgAEJA/GgAoAAogCgg0NDMtaHR0cBIDVENQGLsDIgoIARAAGgRodHRwKAASCwoDYXBwEgRzdmMxGgAiCUNsdXN0
                ZXJJUDoAQgBSAFoAYABoABoCCgAaACIA
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"Service","metadata":{"labels":{"app":"svc1"},"name":"svc1"},"spec":{"
                ports":[{"name":"80-8080","port":80,"protocol":"TCP","targetPort":8080},{"name":"443-http","port
                ":443,"protocol":"TCP","targetPort":"http"}],"selector":{"app":"svc1"},"type":"ClusterIP"},"stat
                us":{"loadBalancer":{}}}
                """#
        ),
        // kubectl create service clusterip svc0 --clusterip=None
        ProtobufFixture(
            name: "svc-headless",
            body: #"""
                azhzAAoNCgJ2MRIHU2VydmljZRJTCiEKBHN2YzASABoAIgAqADIAOABCAFoLCgNhcHASBHN2YzASKhILCgNhcHASBHN2YzAa
                BE5vbmUiCUNsdXN0ZXJJUDoAQgBSAFoAYABoABoCCgAaACIA
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"Service","metadata":{"labels":{"app":"svc0"},"name":"svc0"},"spec":{"
                clusterIP":"None","selector":{"app":"svc0"},"type":"ClusterIP"},"status":{"loadBalancer":{}}}
                """#
        ),
        // kubectl create service nodeport svc2 --tcp=443:8443 --node-port=30443
        ProtobufFixture(
            name: "svc-nodeport",
            body: #"""
                azhzAAoNCgJ2MRIHU2VydmljZRJvCiEKBHN2YzISABoAIgAqADIAOABCAFoLCgNhcHASBHN2YzISRgofCgg0NDMtODQ0MxID
                VENQGLsDIgcIABD7QRoAKOvtARILCgNhcHASBHN2YzIaACIITm9kZVBvcnQ6AEIAUgBaAGAAaAAaAgoAGgAiAA==
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"Service","metadata":{"labels":{"app":"svc2"},"name":"svc2"},"spec":{"
                ports":[{"name":"443-8443","nodePort":30443,"port":443,"protocol":"TCP","targetPort":8443}],"sel
                ector":{"app":"svc2"},"type":"NodePort"},"status":{"loadBalancer":{}}}
                """#
        ),
        // kubectl create service loadbalancer svc3 --tcp=80:8080
        ProtobufFixture(
            name: "svc-lb",
            body: #"""
                azhzAAoNCgJ2MRIHU2VydmljZRJvCiEKBHN2YzMSABoAIgAqADIAOABCAFoLCgNhcHASBHN2YzMSRgobCgc4MC04MDgwEgNU
                Q1AYUCIHCAAQkD8aACgAEgsKA2FwcBIEc3ZjMxoAIgxMb2FkQmFsYW5jZXI6AEIAUgBaAGAAaAAaAgoAGgAiAA==
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"Service","metadata":{"labels":{"app":"svc3"},"name":"svc3"},"spec":{"
                ports":[{"name":"80-8080","port":80,"protocol":"TCP","targetPort":8080}],"selector":{"app":"svc3
                "},"type":"LoadBalancer"},"status":{"loadBalancer":{}}}
                """#
        ),
        // kubectl create service externalname svc4 --external-name=example.com
        ProtobufFixture(
            name: "svc-external",
            body: #"""
                azhzAAoNCgJ2MRIHU2VydmljZRJdCiEKBHN2YzQSABoAIgAqADIAOABCAFoLCgNhcHASBHN2YzQSNBILCgNhcHASBHN2YzQa
                ACIMRXh0ZXJuYWxOYW1lOgBCAFILZXhhbXBsZS5jb21aAGAAaAAaAgoAGgAiAA==
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"Service","metadata":{"labels":{"app":"svc4"},"name":"svc4"},"spec":{"
                externalName":"example.com","selector":{"app":"svc4"},"type":"ExternalName"},"status":{"loadBala
                ncer":{}}}
                """#
        ),
        // kubectl create quota q1 --hard=cpu=1,memory=1Gi,pods=10 --scopes=BestEffort
        ProtobufFixture(
            name: "quota",
            body: #"""
                azhzAAoTCgJ2MRINUmVzb3VyY2VRdW90YRJPChIKAnExEgAaACIAKgAyADgAQgASNwoKCgNjcHUSAwoBMQoPCgZtZW1vcnkS
                BQoDMUdpCgwKBHBvZHMSBAoCMTASCkJlc3RFZmZvcnQaABoAIgA=
                """#,
            json: #"""
                {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q1"},"spec":{"hard":{"cpu":"1","me
                mory":"1Gi","pods":"10"},"scopes":["BestEffort"]},"status":{}}
                """#
        ),
    ]
}
