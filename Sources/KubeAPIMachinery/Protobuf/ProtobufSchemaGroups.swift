// Schema data (named API groups). Field numbers are those declared in the generated.proto files of
// kubernetes/api and kubernetes/apimachinery; JSON names and zero-value handling follow the Go
// json tags (`.keep` marks pointers and fields without omitempty). Messages are in key order.
extension KubeProtobufSchema {
    /// `apps/v1` messages.
    static let appsMessages: [String: [ProtobufField]] = [
        "apps.DaemonSet": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "apps.DaemonSetSpec"),
            .message(3, "status", "apps.DaemonSetStatus"),
        ],
        "apps.DaemonSetCondition": [
            .string(1, "type", .keep), .string(2, "status", .keep), .message(3, "lastTransitionTime", "meta.Time"),
            .string(4, "reason"), .string(5, "message"),
        ],
        "apps.DaemonSetSpec": [
            .message(1, "selector", "meta.LabelSelector"), .message(2, "template", "core.PodTemplateSpec"),
            .message(3, "updateStrategy", "apps.DaemonSetUpdateStrategy"), .int32(4, "minReadySeconds"),
            .int32(6, "revisionHistoryLimit", .keep),
        ],
        "apps.DaemonSetStatus": [
            .int32(1, "currentNumberScheduled", .keep), .int32(2, "numberMisscheduled", .keep),
            .int32(3, "desiredNumberScheduled", .keep), .int32(4, "numberReady", .keep),
            .int64(5, "observedGeneration"), .int32(6, "updatedNumberScheduled"), .int32(7, "numberAvailable"),
            .int32(8, "numberUnavailable"), .int32(9, "collisionCount", .keep),
            .messages(10, "conditions", "apps.DaemonSetCondition"),
        ],
        "apps.DaemonSetUpdateStrategy": [
            .string(1, "type"), .message(2, "rollingUpdate", "apps.RollingUpdateDaemonSet"),
        ],
        "apps.Deployment": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "apps.DeploymentSpec"),
            .message(3, "status", "apps.DeploymentStatus"),
        ],
        "apps.DeploymentCondition": [
            .string(1, "type", .keep), .string(2, "status", .keep), .message(6, "lastUpdateTime", "meta.Time"),
            .message(7, "lastTransitionTime", "meta.Time"), .string(4, "reason"), .string(5, "message"),
        ],
        "apps.DeploymentSpec": [
            .int32(1, "replicas", .keep), .message(2, "selector", "meta.LabelSelector"),
            .message(3, "template", "core.PodTemplateSpec"), .message(4, "strategy", "apps.DeploymentStrategy"),
            .int32(5, "minReadySeconds"), .int32(6, "revisionHistoryLimit", .keep), .bool(7, "paused"),
            .int32(9, "progressDeadlineSeconds", .keep), .string(10, "podReplacementPolicy", .keep),
        ],
        "apps.DeploymentStatus": [
            .int64(1, "observedGeneration"), .int32(2, "replicas"), .int32(3, "updatedReplicas"),
            .int32(7, "readyReplicas"), .int32(4, "availableReplicas"), .int32(5, "unavailableReplicas"),
            .int32(9, "terminatingReplicas", .keep), .messages(6, "conditions", "apps.DeploymentCondition"),
            .int32(8, "collisionCount", .keep),
        ],
        "apps.DeploymentStrategy": [
            .string(1, "type"), .message(2, "rollingUpdate", "apps.RollingUpdateDeployment"),
        ],
        "apps.ReplicaSet": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "apps.ReplicaSetSpec"),
            .message(3, "status", "apps.ReplicaSetStatus"),
        ],
        "apps.ReplicaSetCondition": [
            .string(1, "type", .keep), .string(2, "status", .keep), .message(3, "lastTransitionTime", "meta.Time"),
            .string(4, "reason"), .string(5, "message"),
        ],
        "apps.ReplicaSetSpec": [
            .int32(1, "replicas", .keep), .int32(4, "minReadySeconds"), .message(2, "selector", "meta.LabelSelector"),
            .message(3, "template", "core.PodTemplateSpec"),
        ],
        "apps.ReplicaSetStatus": [
            .int32(1, "replicas", .keep), .int32(2, "fullyLabeledReplicas"), .int32(4, "readyReplicas"),
            .int32(5, "availableReplicas"), .int32(7, "terminatingReplicas", .keep), .int64(3, "observedGeneration"),
            .messages(6, "conditions", "apps.ReplicaSetCondition"),
        ],
        "apps.RollingUpdateDaemonSet": [
            .message(1, "maxUnavailable", "intstr.IntOrString"), .message(2, "maxSurge", "intstr.IntOrString"),
        ],
        "apps.RollingUpdateDeployment": [
            .message(1, "maxUnavailable", "intstr.IntOrString"), .message(2, "maxSurge", "intstr.IntOrString"),
        ],
        "apps.RollingUpdateStatefulSetStrategy": [
            .int32(1, "partition", .keep), .message(2, "maxUnavailable", "intstr.IntOrString"),
        ],
        "apps.StatefulSet": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "apps.StatefulSetSpec"),
            .message(3, "status", "apps.StatefulSetStatus"),
        ],
        "apps.StatefulSetCondition": [
            .string(1, "type", .keep), .string(2, "status", .keep), .message(3, "lastTransitionTime", "meta.Time"),
            .string(4, "reason"), .string(5, "message"),
        ],
        "apps.StatefulSetOrdinals": [.int32(1, "start")],
        "apps.StatefulSetPersistentVolumeClaimRetentionPolicy": [
            .string(1, "whenDeleted"), .string(2, "whenScaled"),
        ],
        "apps.StatefulSetSpec": [
            .int32(1, "replicas", .keep), .message(2, "selector", "meta.LabelSelector"),
            .message(3, "template", "core.PodTemplateSpec"),
            .messages(4, "volumeClaimTemplates", "core.PersistentVolumeClaim"), .string(5, "serviceName"),
            .string(6, "podManagementPolicy"), .message(7, "updateStrategy", "apps.StatefulSetUpdateStrategy"),
            .int32(8, "revisionHistoryLimit", .keep), .int32(9, "minReadySeconds"),
            .message(
                10, "persistentVolumeClaimRetentionPolicy", "apps.StatefulSetPersistentVolumeClaimRetentionPolicy"),
            .message(11, "ordinals", "apps.StatefulSetOrdinals"),
        ],
        "apps.StatefulSetStatus": [
            .int64(1, "observedGeneration"), .int32(2, "replicas", .keep), .int32(3, "readyReplicas"),
            .int32(4, "currentReplicas"), .int32(5, "updatedReplicas"), .string(6, "currentRevision"),
            .string(7, "updateRevision"), .int32(9, "collisionCount", .keep),
            .messages(10, "conditions", "apps.StatefulSetCondition"), .int32(11, "availableReplicas"),
        ],
        "apps.StatefulSetUpdateStrategy": [
            .string(1, "type"), .message(2, "rollingUpdate", "apps.RollingUpdateStatefulSetStrategy"),
        ],
    ]

    /// `batch/v1` messages.
    static let batchMessages: [String: [ProtobufField]] = [
        "batch.CronJob": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "batch.CronJobSpec"),
            .message(3, "status", "batch.CronJobStatus"),
        ],
        "batch.CronJobSpec": [
            .string(1, "schedule", .keep), .string(8, "timeZone", .keep), .int64(2, "startingDeadlineSeconds", .keep),
            .string(3, "concurrencyPolicy"), .bool(4, "suspend", .keep),
            .message(5, "jobTemplate", "batch.JobTemplateSpec"), .int32(6, "successfulJobsHistoryLimit", .keep),
            .int32(7, "failedJobsHistoryLimit", .keep),
        ],
        "batch.CronJobStatus": [
            .messages(1, "active", "core.ObjectReference"), .message(4, "lastScheduleTime", "meta.Time"),
            .message(5, "lastSuccessfulTime", "meta.Time"),
        ],
        "batch.Job": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "batch.JobSpec"),
            .message(3, "status", "batch.JobStatus"),
        ],
        "batch.JobCondition": [
            .string(1, "type", .keep), .string(2, "status", .keep), .message(3, "lastProbeTime", "meta.Time"),
            .message(4, "lastTransitionTime", "meta.Time"), .string(5, "reason"), .string(6, "message"),
        ],
        "batch.JobSpec": [
            .int32(1, "parallelism", .keep), .int32(2, "completions", .keep),
            .int64(3, "activeDeadlineSeconds", .keep), .message(11, "podFailurePolicy", "batch.PodFailurePolicy"),
            .message(16, "successPolicy", "batch.SuccessPolicy"), .int32(7, "backoffLimit", .keep),
            .int32(12, "backoffLimitPerIndex", .keep), .int32(13, "maxFailedIndexes", .keep),
            .message(4, "selector", "meta.LabelSelector"), .bool(5, "manualSelector", .keep),
            .message(6, "template", "core.PodTemplateSpec"), .int32(8, "ttlSecondsAfterFinished", .keep),
            .string(9, "completionMode", .keep), .bool(10, "suspend", .keep),
            .string(14, "podReplacementPolicy", .keep), .string(15, "managedBy", .keep),
        ],
        "batch.JobStatus": [
            .messages(1, "conditions", "batch.JobCondition"), .message(2, "startTime", "meta.Time"),
            .message(3, "completionTime", "meta.Time"), .int32(4, "active"), .int32(5, "succeeded"),
            .int32(6, "failed"), .int32(11, "terminating", .keep), .string(7, "completedIndexes"),
            .string(10, "failedIndexes", .keep),
            .message(8, "uncountedTerminatedPods", "batch.UncountedTerminatedPods"), .int32(9, "ready", .keep),
        ],
        "batch.JobTemplateSpec": [.message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "batch.JobSpec")],
        "batch.PodFailurePolicy": [.messages(1, "rules", "batch.PodFailurePolicyRule")],
        "batch.PodFailurePolicyOnExitCodesRequirement": [
            .string(1, "containerName", .keep), .string(2, "operator", .keep), .int32s(3, "values"),
        ],
        "batch.PodFailurePolicyOnPodConditionsPattern": [.string(1, "type", .keep), .string(2, "status", .keep)],
        "batch.PodFailurePolicyRule": [
            .string(1, "action", .keep), .message(2, "onExitCodes", "batch.PodFailurePolicyOnExitCodesRequirement"),
            .messages(3, "onPodConditions", "batch.PodFailurePolicyOnPodConditionsPattern"),
        ],
        "batch.SuccessPolicy": [.messages(1, "rules", "batch.SuccessPolicyRule")],
        "batch.SuccessPolicyRule": [.string(1, "succeededIndexes", .keep), .int32(2, "succeededCount", .keep)],
        "batch.UncountedTerminatedPods": [.strings(1, "succeeded"), .strings(2, "failed")],
    ]

    /// `rbac.authorization.k8s.io/v1` messages.
    static let rbacMessages: [String: [ProtobufField]] = [
        "rbac.AggregationRule": [.messages(1, "clusterRoleSelectors", "meta.LabelSelector")],
        "rbac.ClusterRole": [
            .message(1, "metadata", "meta.ObjectMeta"), .messages(2, "rules", "rbac.PolicyRule"),
            .message(3, "aggregationRule", "rbac.AggregationRule"),
        ],
        "rbac.ClusterRoleBinding": [
            .message(1, "metadata", "meta.ObjectMeta"), .messages(2, "subjects", "rbac.Subject"),
            .message(3, "roleRef", "rbac.RoleRef"),
        ],
        "rbac.PolicyRule": [
            .strings(1, "verbs"), .strings(2, "apiGroups"), .strings(3, "resources"), .strings(4, "resourceNames"),
            .strings(5, "nonResourceURLs"),
        ],
        "rbac.Role": [.message(1, "metadata", "meta.ObjectMeta"), .messages(2, "rules", "rbac.PolicyRule")],
        "rbac.RoleBinding": [
            .message(1, "metadata", "meta.ObjectMeta"), .messages(2, "subjects", "rbac.Subject"),
            .message(3, "roleRef", "rbac.RoleRef"),
        ],
        "rbac.RoleRef": [.string(1, "apiGroup", .keep), .string(2, "kind", .keep), .string(3, "name", .keep)],
        "rbac.Subject": [
            .string(1, "kind", .keep), .string(2, "apiGroup"), .string(3, "name", .keep), .string(4, "namespace"),
        ],
    ]

    /// `networking.k8s.io/v1` messages.
    static let networkingMessages: [String: [ProtobufField]] = [
        "networking.HTTPIngressPath": [
            .string(1, "path"), .string(3, "pathType", .keep), .message(2, "backend", "networking.IngressBackend"),
        ],
        "networking.HTTPIngressRuleValue": [.messages(1, "paths", "networking.HTTPIngressPath")],
        "networking.IPBlock": [.string(1, "cidr", .keep), .strings(2, "except")],
        "networking.Ingress": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "networking.IngressSpec"),
            .message(3, "status", "networking.IngressStatus"),
        ],
        "networking.IngressBackend": [
            .message(4, "service", "networking.IngressServiceBackend"),
            .message(3, "resource", "core.TypedLocalObjectReference"),
        ],
        "networking.IngressClass": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "networking.IngressClassSpec"),
        ],
        "networking.IngressClassParametersReference": [
            .string(1, "apiGroup", .keep), .string(2, "kind", .keep), .string(3, "name", .keep),
            .string(4, "scope", .keep), .string(5, "namespace", .keep),
        ],
        "networking.IngressClassSpec": [
            .string(1, "controller"), .message(2, "parameters", "networking.IngressClassParametersReference"),
        ],
        "networking.IngressLoadBalancerIngress": [
            .string(1, "ip"), .string(2, "hostname"), .messages(4, "ports", "networking.IngressPortStatus"),
        ],
        "networking.IngressLoadBalancerStatus": [.messages(1, "ingress", "networking.IngressLoadBalancerIngress")],
        "networking.IngressPortStatus": [
            .int32(1, "port", .keep), .string(2, "protocol", .keep), .string(3, "error", .keep),
        ],
        "networking.IngressRule": [.string(1, "host"), .inline(2, "networking.IngressRuleValue")],
        "networking.IngressRuleValue": [.message(1, "http", "networking.HTTPIngressRuleValue")],
        "networking.IngressServiceBackend": [
            .string(1, "name", .keep), .message(2, "port", "networking.ServiceBackendPort"),
        ],
        "networking.IngressSpec": [
            .string(4, "ingressClassName", .keep), .message(1, "defaultBackend", "networking.IngressBackend"),
            .messages(2, "tls", "networking.IngressTLS"), .messages(3, "rules", "networking.IngressRule"),
        ],
        "networking.IngressStatus": [.message(1, "loadBalancer", "networking.IngressLoadBalancerStatus")],
        "networking.IngressTLS": [.strings(1, "hosts"), .string(2, "secretName")],
        "networking.NetworkPolicy": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "networking.NetworkPolicySpec"),
        ],
        "networking.NetworkPolicyEgressRule": [
            .messages(1, "ports", "networking.NetworkPolicyPort"), .messages(2, "to", "networking.NetworkPolicyPeer"),
        ],
        "networking.NetworkPolicyIngressRule": [
            .messages(1, "ports", "networking.NetworkPolicyPort"),
            .messages(2, "from", "networking.NetworkPolicyPeer"),
        ],
        "networking.NetworkPolicyPeer": [
            .message(1, "podSelector", "meta.LabelSelector"), .message(2, "namespaceSelector", "meta.LabelSelector"),
            .message(3, "ipBlock", "networking.IPBlock"),
        ],
        "networking.NetworkPolicyPort": [
            .string(1, "protocol", .keep), .message(2, "port", "intstr.IntOrString"), .int32(3, "endPort", .keep),
        ],
        "networking.NetworkPolicySpec": [
            .message(1, "podSelector", "meta.LabelSelector"),
            .messages(2, "ingress", "networking.NetworkPolicyIngressRule"),
            .messages(3, "egress", "networking.NetworkPolicyEgressRule"), .strings(4, "policyTypes"),
        ],
        "networking.ServiceBackendPort": [.string(1, "name"), .int32(2, "number")],
    ]

    /// `policy/v1` messages.
    static let policyMessages: [String: [ProtobufField]] = [
        "policy.Eviction": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "deleteOptions", "meta.DeleteOptions"),
        ],
        "policy.PodDisruptionBudget": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "policy.PodDisruptionBudgetSpec"),
            .message(3, "status", "policy.PodDisruptionBudgetStatus"),
        ],
        "policy.PodDisruptionBudgetSpec": [
            .message(1, "minAvailable", "intstr.IntOrString"), .message(2, "selector", "meta.LabelSelector"),
            .message(3, "maxUnavailable", "intstr.IntOrString"), .string(4, "unhealthyPodEvictionPolicy", .keep),
            .string(5, "availabilityMode", .keep),
        ],
        "policy.PodDisruptionBudgetStatus": [
            .int64(1, "observedGeneration"), .messageMap(2, "disruptedPods", "meta.Time"),
            .int32(3, "disruptionsAllowed", .keep), .int32(4, "currentHealthy", .keep),
            .int32(5, "desiredHealthy", .keep), .int32(6, "expectedPods", .keep),
            .messages(7, "conditions", "meta.Condition"),
        ],
    ]

    /// `scheduling.k8s.io/v1` messages.
    static let schedulingMessages: [String: [ProtobufField]] = [
        "scheduling.PriorityClass": [
            .message(1, "metadata", "meta.ObjectMeta"), .int32(2, "value", .keep), .bool(3, "globalDefault"),
            .string(4, "description"), .string(5, "preemptionPolicy", .keep),
        ]
    ]

    /// `authentication.k8s.io/v1` messages.
    static let authenticationMessages: [String: [ProtobufField]] = [
        "authentication.BoundObjectReference": [
            .string(1, "kind"), .string(2, "apiVersion"), .string(3, "name"), .string(4, "uid"),
        ],
        "authentication.TokenRequest": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "authentication.TokenRequestSpec"),
            .message(3, "status", "authentication.TokenRequestStatus"),
        ],
        "authentication.TokenRequestSpec": [
            .strings(1, "audiences"), .int64(4, "expirationSeconds", .keep),
            .message(3, "boundObjectRef", "authentication.BoundObjectReference"),
        ],
        "authentication.TokenRequestStatus": [
            .string(1, "token", .keep), .message(2, "expirationTimestamp", "meta.Time"),
        ],
        "authentication.TokenReview": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "authentication.TokenReviewSpec"),
            .message(3, "status", "authentication.TokenReviewStatus"),
        ],
        "authentication.TokenReviewSpec": [.string(1, "token")],
        "authentication.TokenReviewStatus": [
            .bool(1, "authenticated"), .message(2, "user", "authentication.UserInfo"), .string(3, "error"),
        ],
        "authentication.SelfSubjectReview": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "status", "authentication.SelfSubjectReviewStatus"),
        ],
        "authentication.SelfSubjectReviewStatus": [.message(1, "userInfo", "authentication.UserInfo")],
        "authentication.UserInfo": [
            .string(1, "username"), .string(2, "uid"), .strings(3, "groups"),
            .messageMap(4, "extra", "meta.StringList"),
        ],
    ]

    /// `authorization.k8s.io/v1` messages (`kubectl auth can-i` sends SelfSubjectAccessReviews).
    static let authorizationMessages: [String: [ProtobufField]] = [
        "authorization.ResourceAttributes": [
            .string(1, "namespace"), .string(2, "verb"), .string(3, "group"), .string(4, "version"),
            .string(5, "resource"), .string(6, "subresource"), .string(7, "name"),
        ],
        "authorization.NonResourceAttributes": [.string(1, "path"), .string(2, "verb")],
        "authorization.SelfSubjectAccessReview": [
            .message(1, "metadata", "meta.ObjectMeta"),
            .message(2, "spec", "authorization.SelfSubjectAccessReviewSpec"),
        ],
        "authorization.SelfSubjectAccessReviewSpec": [
            .message(1, "resourceAttributes", "authorization.ResourceAttributes"),
            .message(2, "nonResourceAttributes", "authorization.NonResourceAttributes"),
        ],
        "authorization.SubjectAccessReview": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "authorization.SubjectAccessReviewSpec"),
        ],
        "authorization.SubjectAccessReviewSpec": [
            .message(1, "resourceAttributes", "authorization.ResourceAttributes"),
            .message(2, "nonResourceAttributes", "authorization.NonResourceAttributes"), .string(3, "user"),
            .strings(4, "groups"), .string(6, "uid"),
        ],
        "authorization.SelfSubjectRulesReview": [
            .message(1, "metadata", "meta.ObjectMeta"),
            .message(2, "spec", "authorization.SelfSubjectRulesReviewSpec"),
        ],
        "authorization.SelfSubjectRulesReviewSpec": [.string(1, "namespace")],
    ]

    /// `autoscaling/v1` messages.
    static let autoscalingMessages: [String: [ProtobufField]] = [
        "autoscaling.CrossVersionObjectReference": [
            .string(1, "kind", .keep), .string(2, "name", .keep), .string(3, "apiVersion"),
        ],
        "autoscaling.HorizontalPodAutoscaler": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "autoscaling.HorizontalPodAutoscalerSpec"),
            .message(3, "status", "autoscaling.HorizontalPodAutoscalerStatus"),
        ],
        "autoscaling.HorizontalPodAutoscalerSpec": [
            .message(1, "scaleTargetRef", "autoscaling.CrossVersionObjectReference"), .int32(2, "minReplicas", .keep),
            .int32(3, "maxReplicas", .keep), .int32(4, "targetCPUUtilizationPercentage", .keep),
        ],
        "autoscaling.HorizontalPodAutoscalerStatus": [
            .int64(1, "observedGeneration", .keep), .message(2, "lastScaleTime", "meta.Time"),
            .int32(3, "currentReplicas", .keep), .int32(4, "desiredReplicas", .keep),
            .int32(5, "currentCPUUtilizationPercentage", .keep),
        ],
        "autoscaling.Scale": [
            .message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "autoscaling.ScaleSpec"),
            .message(3, "status", "autoscaling.ScaleStatus"),
        ],
        "autoscaling.ScaleSpec": [.int32(1, "replicas")],
        "autoscaling.ScaleStatus": [.int32(1, "replicas", .keep), .string(2, "selector")],
    ]

    /// The top-level kinds: `apiVersion`, `kind` and the schema key of their message.
    static let kindList: [(String, String, String)] = [
        ("meta.k8s.io/v1", "DeleteOptions", "meta.DeleteOptions"),
        ("v1", "ConfigMap", "core.ConfigMap"),
        ("v1", "LimitRange", "core.LimitRange"),
        ("v1", "Namespace", "core.Namespace"),
        ("v1", "PersistentVolumeClaim", "core.PersistentVolumeClaim"),
        ("v1", "Pod", "core.Pod"),
        ("v1", "PodTemplate", "core.PodTemplate"),
        ("v1", "ReplicationController", "core.ReplicationController"),
        ("v1", "ResourceQuota", "core.ResourceQuota"),
        ("v1", "Secret", "core.Secret"),
        ("v1", "Service", "core.Service"),
        ("v1", "ServiceAccount", "core.ServiceAccount"),
        ("apps/v1", "DaemonSet", "apps.DaemonSet"),
        ("apps/v1", "Deployment", "apps.Deployment"),
        ("apps/v1", "ReplicaSet", "apps.ReplicaSet"),
        ("apps/v1", "StatefulSet", "apps.StatefulSet"),
        ("batch/v1", "CronJob", "batch.CronJob"),
        ("batch/v1", "Job", "batch.Job"),
        ("rbac.authorization.k8s.io/v1", "ClusterRole", "rbac.ClusterRole"),
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "rbac.ClusterRoleBinding"),
        ("rbac.authorization.k8s.io/v1", "Role", "rbac.Role"),
        ("rbac.authorization.k8s.io/v1", "RoleBinding", "rbac.RoleBinding"),
        ("networking.k8s.io/v1", "Ingress", "networking.Ingress"),
        ("networking.k8s.io/v1", "IngressClass", "networking.IngressClass"),
        ("networking.k8s.io/v1", "NetworkPolicy", "networking.NetworkPolicy"),
        ("policy/v1", "Eviction", "policy.Eviction"),
        ("policy/v1", "PodDisruptionBudget", "policy.PodDisruptionBudget"),
        ("scheduling.k8s.io/v1", "PriorityClass", "scheduling.PriorityClass"),
        ("authentication.k8s.io/v1", "TokenRequest", "authentication.TokenRequest"),
        ("authentication.k8s.io/v1", "TokenReview", "authentication.TokenReview"),
        ("authentication.k8s.io/v1", "SelfSubjectReview", "authentication.SelfSubjectReview"),
        ("authorization.k8s.io/v1", "SelfSubjectAccessReview", "authorization.SelfSubjectAccessReview"),
        ("authorization.k8s.io/v1", "SubjectAccessReview", "authorization.SubjectAccessReview"),
        ("authorization.k8s.io/v1", "SelfSubjectRulesReview", "authorization.SelfSubjectRulesReview"),
        ("autoscaling/v1", "HorizontalPodAutoscaler", "autoscaling.HorizontalPodAutoscaler"),
        ("autoscaling/v1", "Scale", "autoscaling.Scale"),
    ]
}
