import KubeCore

/// The data of ``BuiltinPatchSchemas``: the structures of `k8s.io/api` that carry patch tags,
/// list/map/struct markers or always-serialised members, and the kinds rooted in them.
///
/// Sources of the facts are the Go types (`patchStrategy:"merge" patchMergeKey:"name"`,
/// `+listType=map`, `+listMapKey=`, `+structType=atomic`, `+mapType=atomic`, `json` tags
/// without `omitempty`). Kubernetes derives apply semantics from the patch tags when a list
/// has no `+listType`, which `BuiltinPatchField.mergeList` mirrors.
enum BuiltinPatchTypes {
    /// The kinds in the table, by group and kind.
    static let roots: [BuiltinPatchRootKey: String] = {
        var roots: [BuiltinPatchRootKey: String] = [:]
        let core = [
            "Pod", "PodTemplate", "ReplicationController", "Service", "Endpoints", "ConfigMap", "Secret",
            "Namespace", "ServiceAccount", "PersistentVolumeClaim", "Event", "ResourceQuota", "LimitRange",
        ]
        for kind in core { roots[BuiltinPatchRootKey(group: "", kind: kind)] = kind }
        for kind in ["Deployment", "StatefulSet", "ReplicaSet", "DaemonSet"] {
            roots[BuiltinPatchRootKey(group: "apps", kind: kind)] = kind
        }
        roots[BuiltinPatchRootKey(group: "batch", kind: "Job")] = "Job"
        roots[BuiltinPatchRootKey(group: "batch", kind: "CronJob")] = "CronJob"
        roots[BuiltinPatchRootKey(group: "networking.k8s.io", kind: "Ingress")] = "Ingress"
        roots[BuiltinPatchRootKey(group: "networking.k8s.io", kind: "NetworkPolicy")] = "NetworkPolicy"
        for kind in ["Role", "ClusterRole"] {
            roots[BuiltinPatchRootKey(group: "rbac.authorization.k8s.io", kind: kind)] = "Role"
        }
        for kind in ["RoleBinding", "ClusterRoleBinding"] {
            roots[BuiltinPatchRootKey(group: "rbac.authorization.k8s.io", kind: kind)] = "RoleBinding"
        }
        roots[BuiltinPatchRootKey(group: "coordination.k8s.io", kind: "Lease")] = "Lease"
        roots[BuiltinPatchRootKey(group: "events.k8s.io", kind: "Event")] = "EventsEvent"
        roots[BuiltinPatchRootKey(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition")] =
            "CustomResourceDefinition"
        roots[BuiltinPatchRootKey(group: "policy", kind: "PodDisruptionBudget")] = "PodDisruptionBudget"
        return roots
    }()

    /// Every root carries `metadata` (always serialised, with `creationTimestamp: null`).
    private static func root(
        spec: String? = nil, status: String? = nil, extra: [String: BuiltinPatchField] = [:],
        zero: [String: JSONValue] = [:]
    ) -> BuiltinPatchStructure {
        var fields = extra
        fields["metadata"] = .ref("ObjectMeta")
        var zeros = zero
        zeros["metadata"] = [:]
        if let spec {
            fields["spec"] = .ref(spec)
            zeros["spec"] = [:]
        }
        if let status {
            fields["status"] = .ref(status)
            zeros["status"] = [:]
        }
        return BuiltinPatchStructure(fields, zero: zeros)
    }

    private static let conditionsByType = BuiltinPatchField.mergeList("Generic", key: "type")

    /// Structures by name.
    static let structures: [String: BuiltinPatchStructure] = {
        var s: [String: BuiltinPatchStructure] = [:]
        s["Generic"] = BuiltinPatchStructure()
        s["Atomic"] = BuiltinPatchStructure(atomic: true)
        s["GenericObject"] = root()

        // MARK: meta/v1
        s["ObjectMeta"] = BuiltinPatchStructure(
            [
                "labels": .map, "annotations": .map, "finalizers": .mergeSet,
                "ownerReferences": .mergeList("Atomic", key: "uid"),
                "managedFields": .list(.named("Generic"), .atomic),
            ], zero: ["creationTimestamp": .null])
        // metav1.LabelSelector is +structType=atomic.
        s["LabelSelector"] = BuiltinPatchStructure(["matchLabels": .map], atomic: true)

        // MARK: core/v1 pods
        s["PodTemplateSpec"] = BuiltinPatchStructure(
            ["metadata": .ref("ObjectMeta"), "spec": .ref("PodSpec")], zero: ["metadata": [:], "spec": [:]])
        s["PodSpec"] = BuiltinPatchStructure(
            [
                "volumes": .mergeList("Generic", key: "name", retainKeys: true),
                "initContainers": .mergeList("Container", key: "name"),
                "containers": .mergeList("Container", key: "name"),
                "ephemeralContainers": .mergeList("Container", key: "name"),
                "imagePullSecrets": .mergeList("Atomic", key: "name"),
                "hostAliases": .mergeList("Generic", key: "ip"),
                "topologySpreadConstraints": .mergeList(
                    "TopologySpreadConstraint", key: "topologyKey", mapKeys: ["topologyKey", "whenUnsatisfiable"]),
                "resourceClaims": .mergeList("Generic", key: "name", retainKeys: true),
                "schedulingGates": .mergeList("Generic", key: "name"),
                "nodeSelector": .atomicMap,
                "overhead": .map,
                "affinity": .ref("Affinity"),
            ], zero: ["containers": .null])
        s["TopologySpreadConstraint"] = BuiltinPatchStructure(["labelSelector": .ref("LabelSelector")])
        s["Affinity"] = BuiltinPatchStructure(["nodeAffinity": .ref("NodeAffinity")])
        // NodeSelector is +structType=atomic.
        s["NodeAffinity"] = BuiltinPatchStructure(["requiredDuringSchedulingIgnoredDuringExecution": .ref("Atomic")])
        s["Container"] = BuiltinPatchStructure([
            "ports": .mergeList("ContainerPort", key: "containerPort", mapKeys: ["containerPort", "protocol"]),
            "env": .mergeList("EnvVar", key: "name"),
            "volumeMounts": .mergeList("Generic", key: "mountPath"),
            "volumeDevices": .mergeList("Generic", key: "devicePath"),
            "resources": .ref("ResourceRequirements"),
        ])
        s["ContainerPort"] = BuiltinPatchStructure(["protocol": .scalar(default: "TCP")])
        s["EnvVar"] = BuiltinPatchStructure(["valueFrom": .ref("EnvVarSource")])
        // The key selectors and field references are all +structType=atomic.
        s["EnvVarSource"] = BuiltinPatchStructure([
            "configMapKeyRef": .ref("Atomic"), "secretKeyRef": .ref("Atomic"), "fieldRef": .ref("Atomic"),
            "resourceFieldRef": .ref("Atomic"),
        ])
        s["ResourceRequirements"] = BuiltinPatchStructure([
            "limits": .map, "requests": .map, "claims": .list(.named("Generic"), .map(keys: ["name"])),
        ])
        s["PodStatus"] = BuiltinPatchStructure([
            "conditions": conditionsByType,
            "podIPs": .mergeList("Generic", key: "ip"),
            "hostIPs": .mergeList("Generic", key: "ip", listType: .atomic),
            "resourceClaimStatuses": .mergeList("Generic", key: "name"),
        ])
        s["Pod"] = root(spec: "PodSpec", status: "PodStatus")
        s["PodTemplate"] = root(extra: ["template": .ref("PodTemplateSpec")], zero: ["template": [:]])
        s["ReplicationControllerSpec"] = BuiltinPatchStructure([
            "selector": .atomicMap, "template": .ref("PodTemplateSpec"),
        ])
        s["ReplicationControllerStatus"] = BuiltinPatchStructure(
            ["conditions": conditionsByType], zero: ["replicas": 0])
        s["ReplicationController"] = root(spec: "ReplicationControllerSpec", status: "ReplicationControllerStatus")

        // MARK: core/v1 others
        s["ServiceSpec"] = BuiltinPatchStructure([
            "ports": .mergeList("ServicePort", key: "port", mapKeys: ["port", "protocol"]),
            "selector": .atomicMap,
        ])
        s["ServicePort"] = BuiltinPatchStructure(["protocol": .scalar(default: "TCP")])
        s["ServiceStatus"] = BuiltinPatchStructure(["conditions": conditionsByType], zero: ["loadBalancer": [:]])
        s["Service"] = root(spec: "ServiceSpec", status: "ServiceStatus")
        s["Endpoints"] = root()
        s["ConfigMap"] = root(extra: ["data": .map, "binaryData": .map])
        s["Secret"] = root(extra: ["data": .map, "stringData": .map])
        s["NamespaceStatus"] = BuiltinPatchStructure(["conditions": conditionsByType])
        s["Namespace"] = root(spec: "Generic", status: "NamespaceStatus")
        s["ServiceAccount"] = root(extra: ["secrets": .mergeList("Atomic", key: "name")])
        s["PersistentVolumeClaimSpec"] = BuiltinPatchStructure(
            [
                "selector": .ref("LabelSelector"), "resources": .ref("ResourceRequirements"),
                "dataSource": .ref("Atomic"),
            ], zero: ["resources": [:]])
        s["PersistentVolumeClaimStatus"] = BuiltinPatchStructure([
            "conditions": conditionsByType, "capacity": .map, "allocatedResources": .map,
        ])
        s["PersistentVolumeClaim"] = root(spec: "PersistentVolumeClaimSpec", status: "PersistentVolumeClaimStatus")
        s["Event"] = root(
            extra: ["involvedObject": .ref("Atomic"), "related": .ref("Atomic")],
            zero: [
                "involvedObject": [:], "source": [:], "firstTimestamp": .null, "lastTimestamp": .null,
                "eventTime": .null, "reportingComponent": "", "reportingInstance": "",
            ])
        s["ResourceQuotaSpec"] = BuiltinPatchStructure(["hard": .map])
        s["ResourceQuotaStatus"] = BuiltinPatchStructure(["hard": .map, "used": .map])
        s["ResourceQuota"] = root(spec: "ResourceQuotaSpec", status: "ResourceQuotaStatus")
        s["LimitRange"] = root(spec: "LimitRangeSpec")
        s["LimitRangeSpec"] = BuiltinPatchStructure(zero: ["limits": .null])

        // MARK: apps/v1
        s["DeploymentSpec"] = BuiltinPatchStructure(
            [
                "selector": .ref("LabelSelector"), "template": .ref("PodTemplateSpec"),
                "strategy": .retainKeys("Generic"),
            ], zero: ["selector": .null, "template": [:], "strategy": [:]])
        s["DeploymentStatus"] = BuiltinPatchStructure(["conditions": conditionsByType])
        s["Deployment"] = root(spec: "DeploymentSpec", status: "DeploymentStatus")
        s["ReplicaSetSpec"] = BuiltinPatchStructure(
            ["selector": .ref("LabelSelector"), "template": .ref("PodTemplateSpec")],
            zero: ["selector": .null, "template": [:]])
        s["ReplicaSetStatus"] = BuiltinPatchStructure(["conditions": conditionsByType], zero: ["replicas": 0])
        s["ReplicaSet"] = root(spec: "ReplicaSetSpec", status: "ReplicaSetStatus")
        s["StatefulSetSpec"] = BuiltinPatchStructure(
            ["selector": .ref("LabelSelector"), "template": .ref("PodTemplateSpec")],
            zero: ["selector": .null, "template": [:], "updateStrategy": [:]])
        s["StatefulSetStatus"] = BuiltinPatchStructure(
            ["conditions": conditionsByType], zero: ["replicas": 0, "availableReplicas": 0])
        s["StatefulSet"] = root(spec: "StatefulSetSpec", status: "StatefulSetStatus")
        s["DaemonSetSpec"] = BuiltinPatchStructure(
            ["selector": .ref("LabelSelector"), "template": .ref("PodTemplateSpec")],
            zero: ["selector": .null, "template": [:], "updateStrategy": [:]])
        s["DaemonSetStatus"] = BuiltinPatchStructure(
            ["conditions": conditionsByType],
            zero: ["currentNumberScheduled": 0, "numberMisscheduled": 0, "desiredNumberScheduled": 0, "numberReady": 0])
        s["DaemonSet"] = root(spec: "DaemonSetSpec", status: "DaemonSetStatus")

        // MARK: batch/v1
        s["JobSpec"] = BuiltinPatchStructure(
            ["selector": .ref("LabelSelector"), "template": .ref("PodTemplateSpec")], zero: ["template": [:]])
        // Job conditions merge by type in patches but are +listType=atomic for apply.
        s["JobStatus"] = BuiltinPatchStructure(["conditions": .mergeList("Generic", key: "type", listType: .atomic)])
        s["Job"] = root(spec: "JobSpec", status: "JobStatus")
        s["JobTemplateSpec"] = BuiltinPatchStructure(
            ["metadata": .ref("ObjectMeta"), "spec": .ref("JobSpec")], zero: ["metadata": [:], "spec": [:]])
        s["CronJobSpec"] = BuiltinPatchStructure(
            ["jobTemplate": .ref("JobTemplateSpec")], zero: ["schedule": "", "jobTemplate": [:]])
        s["CronJob"] = root(spec: "CronJobSpec", status: "Generic")

        // MARK: networking, rbac, coordination, events, apiextensions, policy
        s["IngressStatus"] = BuiltinPatchStructure(zero: ["loadBalancer": [:]])
        s["Ingress"] = root(spec: "Generic", status: "IngressStatus")
        s["NetworkPolicySpec"] = BuiltinPatchStructure(
            ["podSelector": .ref("LabelSelector")], zero: ["podSelector": [:]])
        s["NetworkPolicy"] = root(spec: "NetworkPolicySpec")
        s["Role"] = root(zero: ["rules": .null])
        s["RoleBinding"] = root(zero: ["roleRef": [:]])
        s["Lease"] = root(spec: "Generic")
        s["EventsEvent"] = root(
            extra: ["regarding": .ref("Atomic"), "related": .ref("Atomic")],
            zero: ["eventTime": .null, "deprecatedFirstTimestamp": .null, "deprecatedLastTimestamp": .null])
        s["CustomResourceDefinitionStatus"] = BuiltinPatchStructure([
            "conditions": .list(.named("Generic"), .map(keys: ["type"]))
        ])
        s["CustomResourceDefinition"] = root(spec: "Generic", status: "CustomResourceDefinitionStatus")
        s["PodDisruptionBudgetSpec"] = BuiltinPatchStructure(["selector": .ref("LabelSelector")])
        s["PodDisruptionBudgetStatus"] = BuiltinPatchStructure(
            ["conditions": conditionsByType, "disruptedPods": .map],
            zero: ["disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0])
        s["PodDisruptionBudget"] = root(spec: "PodDisruptionBudgetSpec", status: "PodDisruptionBudgetStatus")
        return s
    }()
}
