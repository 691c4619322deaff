import KubeCore

/// The data of ``BuiltinSchemas``: the structures of `k8s.io/api` that carry patch tags,
/// list/map/struct markers or always-serialised members, and the kinds rooted in them.
///
/// Sources of the facts are the Go types (`patchStrategy:"merge" patchMergeKey:"name"`,
/// `+listType=map`, `+listMapKey=`, `+structType=atomic`, `+mapType=atomic`, `json` tags
/// without `omitempty`). Kubernetes derives apply semantics from the patch tags when a list
/// has no `+listType`, which `BuiltinField.mergeList` mirrors.
enum BuiltinTypes {
    /// The kinds in the table, by group and kind.
    static let roots: [RootKey: String] = {
        var roots: [RootKey: String] = [:]
        let core = [
            "Pod", "PodTemplate", "ReplicationController", "Service", "Endpoints", "ConfigMap", "Secret",
            "Namespace", "ServiceAccount", "PersistentVolumeClaim", "Event", "ResourceQuota", "LimitRange",
        ]
        for kind in core { roots[RootKey(group: "", kind: kind)] = kind }
        for kind in ["Deployment", "StatefulSet", "ReplicaSet", "DaemonSet"] {
            roots[RootKey(group: "apps", kind: kind)] = kind
        }
        roots[RootKey(group: "batch", kind: "Job")] = "Job"
        roots[RootKey(group: "batch", kind: "CronJob")] = "CronJob"
        roots[RootKey(group: "networking.k8s.io", kind: "Ingress")] = "Ingress"
        roots[RootKey(group: "networking.k8s.io", kind: "NetworkPolicy")] = "NetworkPolicy"
        for kind in ["Role", "ClusterRole"] { roots[RootKey(group: "rbac.authorization.k8s.io", kind: kind)] = "Role" }
        for kind in ["RoleBinding", "ClusterRoleBinding"] {
            roots[RootKey(group: "rbac.authorization.k8s.io", kind: kind)] = "RoleBinding"
        }
        roots[RootKey(group: "coordination.k8s.io", kind: "Lease")] = "Lease"
        roots[RootKey(group: "events.k8s.io", kind: "Event")] = "EventsEvent"
        roots[RootKey(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition")] = "CustomResourceDefinition"
        roots[RootKey(group: "policy", kind: "PodDisruptionBudget")] = "PodDisruptionBudget"
        return roots
    }()

    /// Every root carries `metadata` (always serialised, with `creationTimestamp: null`).
    private static func root(
        spec: String? = nil, status: String? = nil, extra: [String: BuiltinField] = [:],
        zero: [String: JSONValue] = [:]
    ) -> BuiltinStructure {
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
        return BuiltinStructure(fields, zero: zeros)
    }

    private static let conditionsByType = BuiltinField.mergeList("Generic", key: "type")

    /// Structures by name.
    static let structures: [String: BuiltinStructure] = {
        var s: [String: BuiltinStructure] = [:]
        s["Generic"] = BuiltinStructure()
        s["Atomic"] = BuiltinStructure(atomic: true)
        s["GenericObject"] = root()

        // MARK: meta/v1
        s["ObjectMeta"] = BuiltinStructure(
            [
                "labels": .map, "annotations": .map, "finalizers": .mergeSet,
                "ownerReferences": .mergeList("Atomic", key: "uid"),
                "managedFields": .list(.named("Generic"), .atomic),
            ], zero: ["creationTimestamp": .null])
        // metav1.LabelSelector is +structType=atomic.
        s["LabelSelector"] = BuiltinStructure(["matchLabels": .map], atomic: true)

        // MARK: core/v1 pods
        s["PodTemplateSpec"] = BuiltinStructure(
            ["metadata": .ref("ObjectMeta"), "spec": .ref("PodSpec")], zero: ["metadata": [:], "spec": [:]])
        s["PodSpec"] = BuiltinStructure(
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
        s["TopologySpreadConstraint"] = BuiltinStructure(["labelSelector": .ref("LabelSelector")])
        s["Affinity"] = BuiltinStructure(["nodeAffinity": .ref("NodeAffinity")])
        // NodeSelector is +structType=atomic.
        s["NodeAffinity"] = BuiltinStructure(["requiredDuringSchedulingIgnoredDuringExecution": .ref("Atomic")])
        s["Container"] = BuiltinStructure([
            "ports": .mergeList("ContainerPort", key: "containerPort", mapKeys: ["containerPort", "protocol"]),
            "env": .mergeList("EnvVar", key: "name"),
            "volumeMounts": .mergeList("Generic", key: "mountPath"),
            "volumeDevices": .mergeList("Generic", key: "devicePath"),
            "resources": .ref("ResourceRequirements"),
        ])
        s["ContainerPort"] = BuiltinStructure(["protocol": .scalar(default: "TCP")])
        s["EnvVar"] = BuiltinStructure(["valueFrom": .ref("EnvVarSource")])
        // The key selectors and field references are all +structType=atomic.
        s["EnvVarSource"] = BuiltinStructure([
            "configMapKeyRef": .ref("Atomic"), "secretKeyRef": .ref("Atomic"), "fieldRef": .ref("Atomic"),
            "resourceFieldRef": .ref("Atomic"),
        ])
        s["ResourceRequirements"] = BuiltinStructure([
            "limits": .map, "requests": .map, "claims": .list(.named("Generic"), .map(keys: ["name"])),
        ])
        s["PodStatus"] = BuiltinStructure([
            "conditions": conditionsByType,
            "podIPs": .mergeList("Generic", key: "ip"),
            "hostIPs": .mergeList("Generic", key: "ip", listType: .atomic),
            "resourceClaimStatuses": .mergeList("Generic", key: "name"),
        ])
        s["Pod"] = root(spec: "PodSpec", status: "PodStatus")
        s["PodTemplate"] = root(extra: ["template": .ref("PodTemplateSpec")], zero: ["template": [:]])
        s["ReplicationControllerSpec"] = BuiltinStructure([
            "selector": .atomicMap, "template": .ref("PodTemplateSpec"),
        ])
        s["ReplicationControllerStatus"] = BuiltinStructure(["conditions": conditionsByType], zero: ["replicas": 0])
        s["ReplicationController"] = root(spec: "ReplicationControllerSpec", status: "ReplicationControllerStatus")

        // MARK: core/v1 others
        s["ServiceSpec"] = BuiltinStructure([
            "ports": .mergeList("ServicePort", key: "port", mapKeys: ["port", "protocol"]),
            "selector": .atomicMap,
        ])
        s["ServicePort"] = BuiltinStructure(["protocol": .scalar(default: "TCP")])
        s["ServiceStatus"] = BuiltinStructure(["conditions": conditionsByType], zero: ["loadBalancer": [:]])
        s["Service"] = root(spec: "ServiceSpec", status: "ServiceStatus")
        s["Endpoints"] = root()
        s["ConfigMap"] = root(extra: ["data": .map, "binaryData": .map])
        s["Secret"] = root(extra: ["data": .map, "stringData": .map])
        s["NamespaceStatus"] = BuiltinStructure(["conditions": conditionsByType])
        s["Namespace"] = root(spec: "Generic", status: "NamespaceStatus")
        s["ServiceAccount"] = root(extra: ["secrets": .mergeList("Atomic", key: "name")])
        s["PersistentVolumeClaimSpec"] = BuiltinStructure(
            [
                "selector": .ref("LabelSelector"), "resources": .ref("ResourceRequirements"),
                "dataSource": .ref("Atomic"),
            ], zero: ["resources": [:]])
        s["PersistentVolumeClaimStatus"] = BuiltinStructure([
            "conditions": conditionsByType, "capacity": .map, "allocatedResources": .map,
        ])
        s["PersistentVolumeClaim"] = root(spec: "PersistentVolumeClaimSpec", status: "PersistentVolumeClaimStatus")
        s["Event"] = root(
            extra: ["involvedObject": .ref("Atomic"), "related": .ref("Atomic")],
            zero: [
                "involvedObject": [:], "source": [:], "firstTimestamp": .null, "lastTimestamp": .null,
                "eventTime": .null, "reportingComponent": "", "reportingInstance": "",
            ])
        s["ResourceQuotaSpec"] = BuiltinStructure(["hard": .map])
        s["ResourceQuotaStatus"] = BuiltinStructure(["hard": .map, "used": .map])
        s["ResourceQuota"] = root(spec: "ResourceQuotaSpec", status: "ResourceQuotaStatus")
        s["LimitRange"] = root(spec: "LimitRangeSpec")
        s["LimitRangeSpec"] = BuiltinStructure(zero: ["limits": .null])

        // MARK: apps/v1
        s["DeploymentSpec"] = BuiltinStructure(
            [
                "selector": .ref("LabelSelector"), "template": .ref("PodTemplateSpec"),
                "strategy": .retainKeys("Generic"),
            ], zero: ["selector": .null, "template": [:], "strategy": [:]])
        s["DeploymentStatus"] = BuiltinStructure(["conditions": conditionsByType])
        s["Deployment"] = root(spec: "DeploymentSpec", status: "DeploymentStatus")
        s["ReplicaSetSpec"] = BuiltinStructure(
            ["selector": .ref("LabelSelector"), "template": .ref("PodTemplateSpec")],
            zero: ["selector": .null, "template": [:]])
        s["ReplicaSetStatus"] = BuiltinStructure(["conditions": conditionsByType], zero: ["replicas": 0])
        s["ReplicaSet"] = root(spec: "ReplicaSetSpec", status: "ReplicaSetStatus")
        s["StatefulSetSpec"] = BuiltinStructure(
            ["selector": .ref("LabelSelector"), "template": .ref("PodTemplateSpec")],
            zero: ["selector": .null, "template": [:], "updateStrategy": [:]])
        s["StatefulSetStatus"] = BuiltinStructure(
            ["conditions": conditionsByType], zero: ["replicas": 0, "availableReplicas": 0])
        s["StatefulSet"] = root(spec: "StatefulSetSpec", status: "StatefulSetStatus")
        s["DaemonSetSpec"] = BuiltinStructure(
            ["selector": .ref("LabelSelector"), "template": .ref("PodTemplateSpec")],
            zero: ["selector": .null, "template": [:], "updateStrategy": [:]])
        s["DaemonSetStatus"] = BuiltinStructure(
            ["conditions": conditionsByType],
            zero: ["currentNumberScheduled": 0, "numberMisscheduled": 0, "desiredNumberScheduled": 0, "numberReady": 0])
        s["DaemonSet"] = root(spec: "DaemonSetSpec", status: "DaemonSetStatus")

        // MARK: batch/v1
        s["JobSpec"] = BuiltinStructure(
            ["selector": .ref("LabelSelector"), "template": .ref("PodTemplateSpec")], zero: ["template": [:]])
        // Job conditions merge by type in patches but are +listType=atomic for apply.
        s["JobStatus"] = BuiltinStructure(["conditions": .mergeList("Generic", key: "type", listType: .atomic)])
        s["Job"] = root(spec: "JobSpec", status: "JobStatus")
        s["JobTemplateSpec"] = BuiltinStructure(
            ["metadata": .ref("ObjectMeta"), "spec": .ref("JobSpec")], zero: ["metadata": [:], "spec": [:]])
        s["CronJobSpec"] = BuiltinStructure(
            ["jobTemplate": .ref("JobTemplateSpec")], zero: ["schedule": "", "jobTemplate": [:]])
        s["CronJob"] = root(spec: "CronJobSpec", status: "Generic")

        // MARK: networking, rbac, coordination, events, apiextensions, policy
        s["IngressStatus"] = BuiltinStructure(zero: ["loadBalancer": [:]])
        s["Ingress"] = root(spec: "Generic", status: "IngressStatus")
        s["NetworkPolicySpec"] = BuiltinStructure(["podSelector": .ref("LabelSelector")], zero: ["podSelector": [:]])
        s["NetworkPolicy"] = root(spec: "NetworkPolicySpec")
        s["Role"] = root(zero: ["rules": .null])
        s["RoleBinding"] = root(zero: ["roleRef": [:]])
        s["Lease"] = root(spec: "Generic")
        s["EventsEvent"] = root(
            extra: ["regarding": .ref("Atomic"), "related": .ref("Atomic")],
            zero: ["eventTime": .null, "deprecatedFirstTimestamp": .null, "deprecatedLastTimestamp": .null])
        s["CustomResourceDefinitionStatus"] = BuiltinStructure([
            "conditions": .list(.named("Generic"), .map(keys: ["type"]))
        ])
        s["CustomResourceDefinition"] = root(spec: "Generic", status: "CustomResourceDefinitionStatus")
        s["PodDisruptionBudgetSpec"] = BuiltinStructure(["selector": .ref("LabelSelector")])
        s["PodDisruptionBudgetStatus"] = BuiltinStructure(
            ["conditions": conditionsByType, "disruptedPods": .map],
            zero: ["disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0])
        s["PodDisruptionBudget"] = root(spec: "PodDisruptionBudgetSpec", status: "PodDisruptionBudgetStatus")
        return s
    }()
}
