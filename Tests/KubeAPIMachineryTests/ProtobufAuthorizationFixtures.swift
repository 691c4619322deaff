import Foundation

// Hand-encoded (field numbers of authorization.k8s.io/v1: ResourceAttributes namespace=1, verb=2,
// group=3, version=4, resource=5, subresource=6, name=7), as `kubectl auth can-i` sends them.
extension ProtobufFixture {
    static let authorization: [ProtobufFixture] = [
        ProtobufFixture(
            name: "selfSubjectAccessReview",
            body: #"""
                azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSGwoAEhcKFQoHZGVmYXVs
                dBIEbGlzdCoEcG9kcxoAIgA=
                """#,
            json: #"""
                {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{},"spec":{"
                resourceAttributes":{"namespace":"default","resource":"pods","verb":"list"}}}
                """#
        ),
        ProtobufFixture(
            name: "selfSubjectAccessReviewNonResource",
            body: #"""
                azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSFQoAEhESDwoIL2hlYWx0
                aHoSA2dldBoAIgA=
                """#,
            json: #"""
                {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{},"spec":{"
                nonResourceAttributes":{"path":"/healthz","verb":"get"}}}
                """#
        ),
        ProtobufFixture(
            name: "subjectAccessReview",
            body: #"""
                azhzAAouChdhdXRob3JpemF0aW9uLms4cy5pby92MRITU3ViamVjdEFjY2Vzc1JldmlldxJaCgASVgouCgR0ZWFtEgNnZXQa
                BGFwcHMiAnYxKgtkZXBsb3ltZW50czIFc2NhbGU6A3dlYhoDYm9iIgRkZXZzIhRzeXN0ZW06YXV0aGVudGljYXRlZDIDdS0x
                GgAiAA==
                """#,
            json: #"""
                {"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","metadata":{},"spec":{"grou
                ps":["devs","system:authenticated"],"resourceAttributes":{"group":"apps","name":"web","namespace
                ":"team","resource":"deployments","subresource":"scale","verb":"get","version":"v1"},"uid":"u-1"
                ,"user":"bob"}}
                """#
        ),
        ProtobufFixture(
            name: "selfSubjectRulesReview",
            body: #"""
                azhzAAoxChdhdXRob3JpemF0aW9uLms4cy5pby92MRIWU2VsZlN1YmplY3RSdWxlc1JldmlldxINCgASCQoHZGVmYXVsdBoA
                IgA=
                """#,
            json: #"""
                {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview","metadata":{},"spec":{"n
                amespace":"default"}}
                """#
        ),
        ProtobufFixture(
            name: "selfSubjectReview",
            body: #"""
                azhzAAotChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESEVNlbGZTdWJqZWN0UmV2aWV3EgQKABIAGgAiAA==
                """#,
            json: #"""
                {"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview","metadata":{},"status":{}}
                """#
        ),
    ]
}
