// Schema data (meta/v1 and core/v1). Field numbers are those declared in the generated.proto files of
// kubernetes/api and kubernetes/apimachinery; JSON names and zero-value handling follow the Go
// json tags (`.keep` marks pointers and fields without omitempty). Messages are in key order.
extension KubeProtobufSchema {
    /// `meta/v1` messages (`ObjectMeta`, `LabelSelector`, `DeleteOptions`, ...).
    static let metaMessages: [String: [ProtobufField]] = [
        "meta.Condition": [
            .string(1, "type", .keep), .string(2, "status", .keep), .int64(3, "observedGeneration"),
            .message(4, "lastTransitionTime", "meta.Time"), .string(5, "reason", .keep), .string(6, "message", .keep),
        ],
        "meta.DeleteOptions": [
            .int64(1, "gracePeriodSeconds", .keep), .message(2, "preconditions", "meta.Preconditions"),
            .bool(3, "orphanDependents", .keep), .string(4, "propagationPolicy", .keep), .strings(5, "dryRun"),
            .bool(6, "ignoreStoreReadErrorWithClusterBreakingPotential", .keep),
        ],
        "meta.LabelSelector": [
            .stringMap(1, "matchLabels"), .messages(2, "matchExpressions", "meta.LabelSelectorRequirement"),
        ],
        "meta.LabelSelectorRequirement": [
            .string(1, "key", .keep), .string(2, "operator", .keep), .strings(3, "values"),
        ],
        "meta.ManagedFieldsEntry": [
            .string(1, "manager"), .string(2, "operation"), .string(3, "apiVersion"), .message(4, "time", "meta.Time"),
            .string(6, "fieldsType"), .message(7, "fieldsV1", "meta.FieldsV1"), .string(8, "subresource"),
        ],
        "meta.ObjectMeta": [
            .string(1, "name"), .string(2, "generateName"), .string(3, "namespace"), .string(4, "selfLink"),
            .string(5, "uid"), .string(6, "resourceVersion"), .int64(7, "generation"),
            .message(8, "creationTimestamp", "meta.Time"), .message(9, "deletionTimestamp", "meta.Time"),
            .int64(10, "deletionGracePeriodSeconds", .keep), .stringMap(11, "labels"), .stringMap(12, "annotations"),
            .messages(13, "ownerReferences", "meta.OwnerReference"), .strings(14, "finalizers"),
            .messages(17, "managedFields", "meta.ManagedFieldsEntry"),
        ],
        "meta.OwnerReference": [
            .string(5, "apiVersion", .keep), .string(1, "kind", .keep), .string(3, "name", .keep),
            .string(4, "uid", .keep), .bool(6, "controller", .keep), .bool(7, "blockOwnerDeletion", .keep),
        ],
        "meta.Preconditions": [.string(1, "uid", .keep), .string(2, "resourceVersion", .keep)],
    ]

    /// The other `core/v1` messages: the top-level kinds and their specs and statuses.
    static let coreMessages: [String: [ProtobufField]] = [
        "core.ClientIPConfig": [.int32(1, "timeoutSeconds", .keep)],
        "core.ConfigMap": [
            .message(1, "metadata", "meta.ObjectMeta"), .bool(4, "immutable", .keep), .stringMap(2, "data"),
            .bytesMap(3, "binaryData"),
        ],
        "core.LimitRange": [.message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "core.LimitRangeSpec")],
        "core.LimitRangeItem": [
            .string(1, "type", .keep), .messageMap(2, "max", "resource.Quantity"),
            .messageMap(3, "min", "resource.Quantity"), .messageMap(4, "default", "resource.Quantity"),
            .messageMap(5, "defaultRequest", "resource.Quantity"),
            .messageMap(6, "maxLimitRequestRatio", "resource.Quantity"),
        ],
        "core.LimitRangeSpec": [.messages(1, "limits", "core.LimitRangeItem")],
        "core.LoadBalancerIngress": [
            .string(1, "ip"), .string(2, "hostname"), .string(3, "ipMode", .keep),
            .messages(4, "ports", "core.PortStatus"),
        ],
        "core.LoadBalancerStatus": [.messages(1, "ingress", "core.LoadBalancerIngress")],
        "core.Namespace": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "core.NamespaceSpec"),
            .message(3, "status", "core.NamespaceStatus"),
        ],
        "core.NamespaceCondition": [
            .string(1, "type", .keep), .string(2, "status", .keep), .message(4, "lastTransitionTime", "meta.Time"),
            .string(5, "reason"), .string(6, "message"),
        ],
        "core.NamespaceSpec": [.strings(1, "finalizers")],
        "core.NamespaceStatus": [.string(1, "phase"), .messages(2, "conditions", "core.NamespaceCondition")],
        "core.ObjectReference": [
            .string(1, "kind"), .string(2, "namespace"), .string(3, "name"), .string(4, "uid"),
            .string(5, "apiVersion"), .string(6, "resourceVersion"), .string(7, "fieldPath"),
        ],
        "core.PersistentVolumeClaim": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "core.PersistentVolumeClaimSpec"),
            .message(3, "status", "core.PersistentVolumeClaimStatus"),
        ],
        "core.PersistentVolumeClaimSpec": [
            .strings(1, "accessModes"), .message(4, "selector", "meta.LabelSelector"),
            .message(2, "resources", "core.VolumeResourceRequirements"), .string(3, "volumeName"),
            .string(5, "storageClassName", .keep), .string(6, "volumeMode", .keep),
            .message(7, "dataSource", "core.TypedLocalObjectReference"),
            .message(8, "dataSourceRef", "core.TypedObjectReference"), .string(9, "volumeAttributesClassName", .keep),
        ],
        "core.PersistentVolumeClaimStatus": [
            .string(1, "phase"), .strings(2, "accessModes"), .messageMap(3, "capacity", "resource.Quantity"),
        ],
        "core.PersistentVolumeClaimTemplate": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "core.PersistentVolumeClaimSpec"),
        ],
        "core.Pod": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "core.PodSpec"),
            .message(3, "status", "core.PodStatus"),
        ],
        "core.PodCondition": [
            .string(1, "type", .keep), .int64(7, "observedGeneration"), .string(2, "status", .keep),
            .message(3, "lastProbeTime", "meta.Time"), .message(4, "lastTransitionTime", "meta.Time"),
            .string(5, "reason"), .string(6, "message"),
        ],
        "core.PodStatus": [
            .int64(17, "observedGeneration"), .string(1, "phase"), .messages(2, "conditions", "core.PodCondition"),
            .string(3, "message"), .string(4, "reason"), .string(11, "nominatedNodeName"), .string(5, "hostIP"),
            .string(6, "podIP"), .message(7, "startTime", "meta.Time"), .string(9, "qosClass"),
        ],
        "core.PodTemplate": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "template", "core.PodTemplateSpec"),
        ],
        "core.PortStatus": [.int32(1, "port", .keep), .string(2, "protocol", .keep), .string(3, "error", .keep)],
        "core.ReplicationController": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "core.ReplicationControllerSpec"),
            .message(3, "status", "core.ReplicationControllerStatus"),
        ],
        "core.ReplicationControllerSpec": [
            .int32(1, "replicas", .keep), .int32(4, "minReadySeconds"), .stringMap(2, "selector"),
            .message(3, "template", "core.PodTemplateSpec"),
        ],
        "core.ReplicationControllerStatus": [
            .int32(1, "replicas", .keep), .int32(2, "fullyLabeledReplicas"), .int32(4, "readyReplicas"),
            .int32(5, "availableReplicas"), .int64(3, "observedGeneration"),
        ],
        "core.ResourceQuota": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "core.ResourceQuotaSpec"),
            .message(3, "status", "core.ResourceQuotaStatus"),
        ],
        "core.ResourceQuotaSpec": [
            .messageMap(1, "hard", "resource.Quantity"), .strings(2, "scopes"),
            .message(3, "scopeSelector", "core.ScopeSelector"),
        ],
        "core.ResourceQuotaStatus": [
            .messageMap(1, "hard", "resource.Quantity"), .messageMap(2, "used", "resource.Quantity"),
        ],
        "core.ScopeSelector": [.messages(1, "matchExpressions", "core.ScopedResourceSelectorRequirement")],
        "core.ScopedResourceSelectorRequirement": [
            .string(1, "scopeName", .keep), .string(2, "operator", .keep), .strings(3, "values"),
        ],
        "core.Secret": [
            .message(1, "metadata", "meta.ObjectMeta"), .bool(5, "immutable", .keep), .bytesMap(2, "data"),
            .stringMap(4, "stringData"), .string(3, "type"),
        ],
        "core.SecretReference": [.string(1, "name"), .string(2, "namespace")],
        "core.Service": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "core.ServiceSpec"),
            .message(3, "status", "core.ServiceStatus"),
        ],
        "core.ServiceAccount": [
            .message(1, "metadata", "meta.ObjectMeta"), .messages(2, "secrets", "core.ObjectReference"),
            .messages(3, "imagePullSecrets", "core.LocalObjectReference"),
            .bool(4, "automountServiceAccountToken", .keep),
        ],
        "core.ServicePort": [
            .string(1, "name"), .string(2, "protocol"), .string(6, "appProtocol", .keep), .int32(3, "port", .keep),
            .message(4, "targetPort", "intstr.IntOrString"), .int32(5, "nodePort"),
        ],
        "core.ServiceSpec": [
            .messages(1, "ports", "core.ServicePort"), .stringMap(2, "selector"), .string(3, "clusterIP"),
            .strings(18, "clusterIPs"), .string(4, "type"), .strings(5, "externalIPs"), .string(7, "sessionAffinity"),
            .string(8, "loadBalancerIP"), .strings(9, "loadBalancerSourceRanges"), .string(10, "externalName"),
            .string(11, "externalTrafficPolicy"), .int32(12, "healthCheckNodePort"),
            .bool(13, "publishNotReadyAddresses"), .message(14, "sessionAffinityConfig", "core.SessionAffinityConfig"),
            .strings(19, "ipFamilies"), .string(17, "ipFamilyPolicy", .keep),
            .bool(20, "allocateLoadBalancerNodePorts", .keep), .string(21, "loadBalancerClass", .keep),
            .string(22, "internalTrafficPolicy", .keep), .string(23, "trafficDistribution", .keep),
        ],
        "core.ServiceStatus": [
            .message(1, "loadBalancer", "core.LoadBalancerStatus"), .messages(2, "conditions", "meta.Condition"),
        ],
        "core.SessionAffinityConfig": [.message(1, "clientIP", "core.ClientIPConfig")],
        "core.Taint": [
            .string(1, "key", .keep), .string(2, "value"), .string(3, "effect", .keep),
            .message(4, "timeAdded", "meta.Time"),
        ],
        "core.TypedLocalObjectReference": [
            .string(1, "apiGroup", .keep), .string(2, "kind", .keep), .string(3, "name", .keep),
        ],
        "core.TypedObjectReference": [
            .string(1, "apiGroup", .keep), .string(2, "kind", .keep), .string(3, "name", .keep),
            .string(4, "namespace", .keep),
        ],
        "core.VolumeResourceRequirements": [
            .messageMap(1, "limits", "resource.Quantity"), .messageMap(2, "requests", "resource.Quantity"),
        ],
    ]
}
