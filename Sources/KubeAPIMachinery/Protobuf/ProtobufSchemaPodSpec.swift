// Schema data (core/v1). Field numbers are those declared in the generated.proto files of
// kubernetes/api and kubernetes/apimachinery; JSON names and zero-value handling follow the Go
// json tags (`.keep` marks pointers and fields without omitempty). Messages are in key order.
extension KubeProtobufSchema {
    /// `core/v1` messages reachable from `PodSpec`.
    static let podSpecMessages: [String: [ProtobufField]] = [
        "core.Affinity": [
            .message(1, "nodeAffinity", "core.NodeAffinity"), .message(2, "podAffinity", "core.PodAffinity"),
            .message(3, "podAntiAffinity", "core.PodAntiAffinity"),
        ],
        "core.AppArmorProfile": [.string(1, "type", .keep), .string(2, "localhostProfile", .keep)],
        "core.CSIVolumeSource": [
            .string(1, "driver", .keep), .bool(2, "readOnly", .keep), .string(3, "fsType", .keep),
            .stringMap(4, "volumeAttributes"), .message(5, "nodePublishSecretRef", "core.LocalObjectReference"),
        ],
        "core.Capabilities": [.strings(1, "add"), .strings(2, "drop")],
        "core.ClusterTrustBundleProjection": [
            .string(1, "name", .keep), .string(2, "signerName", .keep),
            .message(3, "labelSelector", "meta.LabelSelector"), .bool(5, "optional", .keep), .string(4, "path", .keep),
        ],
        "core.ConfigMapEnvSource": [.inline(1, "core.LocalObjectReference"), .bool(2, "optional", .keep)],
        "core.ConfigMapKeySelector": [
            .inline(1, "core.LocalObjectReference"), .string(2, "key", .keep), .bool(3, "optional", .keep),
        ],
        "core.ConfigMapProjection": [
            .inline(1, "core.LocalObjectReference"), .messages(2, "items", "core.KeyToPath"),
            .bool(4, "optional", .keep),
        ],
        "core.ConfigMapVolumeSource": [
            .inline(1, "core.LocalObjectReference"), .messages(2, "items", "core.KeyToPath"),
            .int32(3, "defaultMode", .keep), .bool(4, "optional", .keep),
        ],
        "core.Container": [
            .string(1, "name", .keep), .string(2, "image"), .strings(3, "command"), .strings(4, "args"),
            .string(5, "workingDir"), .messages(6, "ports", "core.ContainerPort"),
            .messages(19, "envFrom", "core.EnvFromSource"), .messages(7, "env", "core.EnvVar"),
            .message(8, "resources", "core.ResourceRequirements"),
            .messages(23, "resizePolicy", "core.ContainerResizePolicy"), .string(24, "restartPolicy", .keep),
            .messages(25, "restartPolicyRules", "core.ContainerRestartRule"),
            .messages(9, "volumeMounts", "core.VolumeMount"), .messages(21, "volumeDevices", "core.VolumeDevice"),
            .message(10, "livenessProbe", "core.Probe"), .message(11, "readinessProbe", "core.Probe"),
            .message(22, "startupProbe", "core.Probe"), .message(12, "lifecycle", "core.Lifecycle"),
            .string(13, "terminationMessagePath"), .string(20, "terminationMessagePolicy"),
            .string(14, "imagePullPolicy"), .message(15, "securityContext", "core.SecurityContext"),
            .bool(16, "stdin"), .bool(17, "stdinOnce"), .bool(18, "tty"),
        ],
        "core.ContainerPort": [
            .string(1, "name"), .int32(2, "hostPort"), .int32(3, "containerPort", .keep), .string(4, "protocol"),
            .string(5, "hostIP"),
        ],
        "core.ContainerResizePolicy": [.string(1, "resourceName", .keep), .string(2, "restartPolicy", .keep)],
        "core.ContainerRestartRule": [
            .string(1, "action", .keep), .message(2, "exitCodes", "core.ContainerRestartRuleOnExitCodes"),
        ],
        "core.ContainerRestartRuleOnExitCodes": [.string(1, "operator", .keep), .int32s(2, "values")],
        "core.DownwardAPIProjection": [.messages(1, "items", "core.DownwardAPIVolumeFile")],
        "core.DownwardAPIVolumeFile": [
            .string(1, "path", .keep), .message(2, "fieldRef", "core.ObjectFieldSelector"),
            .message(3, "resourceFieldRef", "core.ResourceFieldSelector"), .int32(4, "mode", .keep),
        ],
        "core.DownwardAPIVolumeSource": [
            .messages(1, "items", "core.DownwardAPIVolumeFile"), .int32(2, "defaultMode", .keep),
        ],
        "core.EmptyDirVolumeSource": [.string(1, "medium"), .message(2, "sizeLimit", "resource.Quantity")],
        "core.EnvFromSource": [
            .string(1, "prefix"), .message(2, "configMapRef", "core.ConfigMapEnvSource"),
            .message(3, "secretRef", "core.SecretEnvSource"),
        ],
        "core.EnvVar": [
            .string(1, "name", .keep), .string(2, "value"), .message(3, "valueFrom", "core.EnvVarSource"),
        ],
        "core.EnvVarSource": [
            .message(1, "fieldRef", "core.ObjectFieldSelector"),
            .message(2, "resourceFieldRef", "core.ResourceFieldSelector"),
            .message(3, "configMapKeyRef", "core.ConfigMapKeySelector"),
            .message(4, "secretKeyRef", "core.SecretKeySelector"), .message(5, "fileKeyRef", "core.FileKeySelector"),
        ],
        "core.EphemeralContainer": [.inline(1, "core.Container"), .string(2, "targetContainerName")],
        "core.EphemeralVolumeSource": [.message(1, "volumeClaimTemplate", "core.PersistentVolumeClaimTemplate")],
        "core.ExecAction": [.strings(1, "command")],
        "core.FileKeySelector": [
            .string(1, "volumeName", .keep), .string(2, "path", .keep), .string(3, "key", .keep),
            .bool(4, "optional", .keep),
        ],
        "core.GRPCAction": [.int32(1, "port", .keep), .string(2, "service", .keep)],
        "core.GitRepoVolumeSource": [
            .string(1, "repository", .keep), .string(2, "revision"), .string(3, "directory"),
        ],
        "core.HTTPGetAction": [
            .string(1, "path"), .message(2, "port", "intstr.IntOrString"), .string(3, "host"), .string(4, "scheme"),
            .messages(5, "httpHeaders", "core.HTTPHeader"),
        ],
        "core.HTTPHeader": [.string(1, "name", .keep), .string(2, "value", .keep)],
        "core.HostAlias": [.string(1, "ip", .keep), .strings(2, "hostnames")],
        "core.HostPathVolumeSource": [.string(1, "path", .keep), .string(2, "type", .keep)],
        "core.ImageVolumeSource": [.string(1, "reference"), .string(2, "pullPolicy")],
        "core.KeyToPath": [.string(1, "key", .keep), .string(2, "path", .keep), .int32(3, "mode", .keep)],
        "core.Lifecycle": [
            .message(1, "postStart", "core.LifecycleHandler"), .message(2, "preStop", "core.LifecycleHandler"),
            .string(3, "stopSignal", .keep),
        ],
        "core.LifecycleHandler": [
            .message(1, "exec", "core.ExecAction"), .message(2, "httpGet", "core.HTTPGetAction"),
            .message(3, "tcpSocket", "core.TCPSocketAction"), .message(4, "sleep", "core.SleepAction"),
        ],
        "core.LocalObjectReference": [.string(1, "name")],
        "core.NFSVolumeSource": [.string(1, "server", .keep), .string(2, "path", .keep), .bool(3, "readOnly")],
        "core.NodeAffinity": [
            .message(1, "requiredDuringSchedulingIgnoredDuringExecution", "core.NodeSelector"),
            .messages(2, "preferredDuringSchedulingIgnoredDuringExecution", "core.PreferredSchedulingTerm"),
        ],
        "core.NodeSelector": [.messages(1, "nodeSelectorTerms", "core.NodeSelectorTerm")],
        "core.NodeSelectorRequirement": [
            .string(1, "key", .keep), .string(2, "operator", .keep), .strings(3, "values"),
        ],
        "core.NodeSelectorTerm": [
            .messages(1, "matchExpressions", "core.NodeSelectorRequirement"),
            .messages(2, "matchFields", "core.NodeSelectorRequirement"),
        ],
        "core.ObjectFieldSelector": [.string(1, "apiVersion"), .string(2, "fieldPath", .keep)],
        "core.PersistentVolumeClaimVolumeSource": [.string(1, "claimName", .keep), .bool(2, "readOnly")],
        "core.PodAffinity": [
            .messages(1, "requiredDuringSchedulingIgnoredDuringExecution", "core.PodAffinityTerm"),
            .messages(2, "preferredDuringSchedulingIgnoredDuringExecution", "core.WeightedPodAffinityTerm"),
        ],
        "core.PodAffinityTerm": [
            .message(1, "labelSelector", "meta.LabelSelector"), .strings(2, "namespaces"),
            .string(3, "topologyKey", .keep), .message(4, "namespaceSelector", "meta.LabelSelector"),
            .strings(5, "matchLabelKeys"), .strings(6, "mismatchLabelKeys"),
        ],
        "core.PodAntiAffinity": [
            .messages(1, "requiredDuringSchedulingIgnoredDuringExecution", "core.PodAffinityTerm"),
            .messages(2, "preferredDuringSchedulingIgnoredDuringExecution", "core.WeightedPodAffinityTerm"),
        ],
        "core.PodCertificateProjection": [
            .string(1, "signerName"), .string(2, "keyType"), .int32(3, "maxExpirationSeconds", .keep),
            .string(4, "credentialBundlePath"), .string(5, "keyPath"), .string(6, "certificateChainPath"),
            .stringMap(7, "userAnnotations"),
        ],
        "core.PodDNSConfig": [
            .strings(1, "nameservers"), .strings(2, "searches"), .messages(3, "options", "core.PodDNSConfigOption"),
        ],
        "core.PodDNSConfigOption": [.string(1, "name"), .string(2, "value", .keep)],
        "core.PodOS": [.string(1, "name", .keep)],
        "core.PodReadinessGate": [.string(1, "conditionType", .keep)],
        "core.PodResourceClaim": [
            .string(1, "name", .keep), .string(3, "resourceClaimName", .keep),
            .string(4, "resourceClaimTemplateName", .keep),
        ],
        "core.PodSchedulingGate": [.string(1, "name", .keep)],
        "core.PodSecurityContext": [
            .message(1, "seLinuxOptions", "core.SELinuxOptions"),
            .message(8, "windowsOptions", "core.WindowsSecurityContextOptions"), .int64(2, "runAsUser", .keep),
            .int64(6, "runAsGroup", .keep), .bool(3, "runAsNonRoot", .keep), .int64s(4, "supplementalGroups"),
            .string(12, "supplementalGroupsPolicy", .keep), .int64(5, "fsGroup", .keep),
            .messages(7, "sysctls", "core.Sysctl"), .string(9, "fsGroupChangePolicy", .keep),
            .message(10, "seccompProfile", "core.SeccompProfile"),
            .message(11, "appArmorProfile", "core.AppArmorProfile"), .string(13, "seLinuxChangePolicy", .keep),
        ],
        "core.PodSpec": [
            .messages(1, "volumes", "core.Volume"), .messages(20, "initContainers", "core.Container"),
            .messages(2, "containers", "core.Container"),
            .messages(34, "ephemeralContainers", "core.EphemeralContainer"), .string(3, "restartPolicy"),
            .int64(4, "terminationGracePeriodSeconds", .keep), .int64(5, "activeDeadlineSeconds", .keep),
            .string(6, "dnsPolicy"), .stringMap(7, "nodeSelector"), .string(8, "serviceAccountName"),
            .string(9, "serviceAccount"), .bool(21, "automountServiceAccountToken", .keep), .string(10, "nodeName"),
            .bool(11, "hostNetwork"), .bool(12, "hostPID"), .bool(13, "hostIPC"),
            .bool(27, "shareProcessNamespace", .keep), .message(14, "securityContext", "core.PodSecurityContext"),
            .messages(15, "imagePullSecrets", "core.LocalObjectReference"), .string(16, "hostname"),
            .string(17, "subdomain"), .message(18, "affinity", "core.Affinity"), .string(19, "schedulerName"),
            .messages(22, "tolerations", "core.Toleration"), .messages(23, "hostAliases", "core.HostAlias"),
            .string(24, "priorityClassName"), .int32(25, "priority", .keep),
            .message(26, "dnsConfig", "core.PodDNSConfig"), .messages(28, "readinessGates", "core.PodReadinessGate"),
            .string(29, "runtimeClassName", .keep), .bool(30, "enableServiceLinks", .keep),
            .string(31, "preemptionPolicy", .keep), .messageMap(32, "overhead", "resource.Quantity"),
            .messages(33, "topologySpreadConstraints", "core.TopologySpreadConstraint"),
            .bool(35, "setHostnameAsFQDN", .keep), .message(36, "os", "core.PodOS"), .bool(37, "hostUsers", .keep),
            .messages(38, "schedulingGates", "core.PodSchedulingGate"),
            .messages(39, "resourceClaims", "core.PodResourceClaim"),
            .message(40, "resources", "core.ResourceRequirements"), .string(41, "hostnameOverride", .keep),
            .message(42, "workloadRef", "core.WorkloadReference"),
        ],
        "core.PodTemplateSpec": [.message(1, "metadata", "meta.ObjectMeta"), .message(2, "spec", "core.PodSpec")],
        "core.PreferredSchedulingTerm": [
            .int32(1, "weight", .keep), .message(2, "preference", "core.NodeSelectorTerm"),
        ],
        "core.Probe": [
            .inline(1, "core.ProbeHandler"), .int32(2, "initialDelaySeconds"), .int32(3, "timeoutSeconds"),
            .int32(4, "periodSeconds"), .int32(5, "successThreshold"), .int32(6, "failureThreshold"),
            .int64(7, "terminationGracePeriodSeconds", .keep),
        ],
        "core.ProbeHandler": [
            .message(1, "exec", "core.ExecAction"), .message(2, "httpGet", "core.HTTPGetAction"),
            .message(3, "tcpSocket", "core.TCPSocketAction"), .message(4, "grpc", "core.GRPCAction"),
        ],
        "core.ProjectedVolumeSource": [
            .messages(1, "sources", "core.VolumeProjection"), .int32(2, "defaultMode", .keep),
        ],
        "core.ResourceClaim": [.string(1, "name", .keep), .string(2, "request")],
        "core.ResourceFieldSelector": [
            .string(1, "containerName"), .string(2, "resource", .keep), .message(3, "divisor", "resource.Quantity"),
        ],
        "core.ResourceRequirements": [
            .messageMap(1, "limits", "resource.Quantity"), .messageMap(2, "requests", "resource.Quantity"),
            .messages(3, "claims", "core.ResourceClaim"),
        ],
        "core.SELinuxOptions": [.string(1, "user"), .string(2, "role"), .string(3, "type"), .string(4, "level")],
        "core.SeccompProfile": [.string(1, "type", .keep), .string(2, "localhostProfile", .keep)],
        "core.SecretEnvSource": [.inline(1, "core.LocalObjectReference"), .bool(2, "optional", .keep)],
        "core.SecretKeySelector": [
            .inline(1, "core.LocalObjectReference"), .string(2, "key", .keep), .bool(3, "optional", .keep),
        ],
        "core.SecretProjection": [
            .inline(1, "core.LocalObjectReference"), .messages(2, "items", "core.KeyToPath"),
            .bool(4, "optional", .keep),
        ],
        "core.SecretVolumeSource": [
            .string(1, "secretName"), .messages(2, "items", "core.KeyToPath"), .int32(3, "defaultMode", .keep),
            .bool(4, "optional", .keep),
        ],
        "core.SecurityContext": [
            .message(1, "capabilities", "core.Capabilities"), .bool(2, "privileged", .keep),
            .message(3, "seLinuxOptions", "core.SELinuxOptions"),
            .message(10, "windowsOptions", "core.WindowsSecurityContextOptions"), .int64(4, "runAsUser", .keep),
            .int64(8, "runAsGroup", .keep), .bool(5, "runAsNonRoot", .keep), .bool(6, "readOnlyRootFilesystem", .keep),
            .bool(7, "allowPrivilegeEscalation", .keep), .string(9, "procMount", .keep),
            .message(11, "seccompProfile", "core.SeccompProfile"),
            .message(12, "appArmorProfile", "core.AppArmorProfile"), .messages(13, "ulimits", "core.Ulimit"),
        ],
        "core.ServiceAccountTokenProjection": [
            .string(1, "audience"), .int64(2, "expirationSeconds", .keep), .string(3, "path", .keep),
        ],
        "core.SleepAction": [.int64(1, "seconds", .keep)],
        "core.Sysctl": [.string(1, "name", .keep), .string(2, "value", .keep)],
        "core.TCPSocketAction": [.message(1, "port", "intstr.IntOrString"), .string(2, "host")],
        "core.Toleration": [
            .string(1, "key"), .string(2, "operator"), .string(3, "value"), .string(4, "effect"),
            .int64(5, "tolerationSeconds", .keep),
        ],
        "core.TopologySpreadConstraint": [
            .int32(1, "maxSkew", .keep), .string(2, "topologyKey", .keep), .string(3, "whenUnsatisfiable", .keep),
            .message(4, "labelSelector", "meta.LabelSelector"), .int32(5, "minDomains", .keep),
            .string(6, "nodeAffinityPolicy", .keep), .string(7, "nodeTaintsPolicy", .keep),
            .strings(8, "matchLabelKeys"),
        ],
        "core.Ulimit": [.string(1, "name", .keep), .int64(2, "hard", .keep), .int64(3, "soft", .keep)],
        "core.Volume": [.string(1, "name", .keep), .inline(2, "core.VolumeSource")],
        "core.VolumeDevice": [.string(1, "name", .keep), .string(2, "devicePath", .keep)],
        "core.VolumeMount": [
            .string(1, "name", .keep), .bool(2, "readOnly"), .string(7, "recursiveReadOnly", .keep),
            .string(3, "mountPath", .keep), .string(4, "subPath"), .string(5, "mountPropagation", .keep),
            .string(6, "subPathExpr"),
        ],
        "core.VolumeProjection": [
            .message(1, "secret", "core.SecretProjection"), .message(2, "downwardAPI", "core.DownwardAPIProjection"),
            .message(3, "configMap", "core.ConfigMapProjection"),
            .message(4, "serviceAccountToken", "core.ServiceAccountTokenProjection"),
            .message(5, "clusterTrustBundle", "core.ClusterTrustBundleProjection"),
            .message(6, "podCertificate", "core.PodCertificateProjection"),
        ],
        "core.VolumeSource": [
            .message(1, "hostPath", "core.HostPathVolumeSource"), .message(2, "emptyDir", "core.EmptyDirVolumeSource"),
            .message(5, "gitRepo", "core.GitRepoVolumeSource"), .message(6, "secret", "core.SecretVolumeSource"),
            .message(7, "nfs", "core.NFSVolumeSource"),
            .message(10, "persistentVolumeClaim", "core.PersistentVolumeClaimVolumeSource"),
            .message(16, "downwardAPI", "core.DownwardAPIVolumeSource"),
            .message(19, "configMap", "core.ConfigMapVolumeSource"),
            .message(26, "projected", "core.ProjectedVolumeSource"), .message(28, "csi", "core.CSIVolumeSource"),
            .message(29, "ephemeral", "core.EphemeralVolumeSource"), .message(30, "image", "core.ImageVolumeSource"),
        ],
        "core.WeightedPodAffinityTerm": [
            .int32(1, "weight", .keep), .message(2, "podAffinityTerm", "core.PodAffinityTerm"),
        ],
        "core.WindowsSecurityContextOptions": [
            .string(1, "gmsaCredentialSpecName", .keep), .string(2, "gmsaCredentialSpec", .keep),
            .string(3, "runAsUserName", .keep), .bool(4, "hostProcess", .keep),
        ],
        "core.WorkloadReference": [
            .string(1, "name", .keep), .string(2, "podGroup", .keep), .string(3, "podGroupReplicaKey"),
        ],
    ]
}
