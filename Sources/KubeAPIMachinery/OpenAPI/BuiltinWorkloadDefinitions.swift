import Foundation

/// OpenAPI definitions of pods, their templates, services and deployments, with the patch
/// metadata (`x-kubernetes-patch-merge-key`, `-patch-strategy`, list types) that strategic
/// merge patch and client-side apply rely on.
enum BuiltinWorkloadDefinitions {
    static let json = #"""
        {
        "io.k8s.api.core.v1.ContainerPort": {
          "description": "A network port a container listens on.",
          "type": "object", "required": ["containerPort"],
          "properties": {
            "containerPort": {"description": "The port number on the pod's IP address.", "type": "integer", "format": "int32", "default": 0},
            "hostIP": {"description": "The host IP to bind the host port to.", "type": "string"},
            "hostPort": {"description": "The port number on the host, if exposed there.", "type": "integer", "format": "int32"},
            "name": {"description": "An IANA service name for the port, unique within the pod, usable as a target port.", "type": "string"},
            "protocol": {"description": "UDP, TCP or SCTP. Defaults to TCP.", "type": "string", "default": "TCP", "enum": ["SCTP", "TCP", "UDP"]}}},
        "io.k8s.api.core.v1.KeySelector": {
          "description": "A key of a ConfigMap or Secret.",
          "type": "object", "required": ["key"],
          "properties": {
            "key": {"description": "The key to select.", "type": "string", "default": ""},
            "name": {"description": "The name of the ConfigMap or Secret.", "type": "string", "default": ""},
            "optional": {"description": "Whether the object or key may be missing.", "type": "boolean"}},
          "x-kubernetes-map-type": "atomic"},
        "io.k8s.api.core.v1.EnvVarSource": {
          "description": "Where an environment variable's value comes from.",
          "type": "object",
          "properties": {
            "configMapKeyRef": {"description": "A key of a ConfigMap.", "$ref": "io.k8s.api.core.v1.KeySelector"},
            "fieldRef": {"description": "A field of the pod: metadata.name, metadata.namespace, metadata.labels['<key>'], spec.nodeName, status.podIP, ….", "type": "object", "required": ["fieldPath"], "properties": {"apiVersion": {"type": "string"}, "fieldPath": {"type": "string", "default": ""}}, "x-kubernetes-map-type": "atomic"},
            "resourceFieldRef": {"description": "A resource of the container: limits.cpu, requests.memory, ….", "type": "object", "required": ["resource"], "properties": {"containerName": {"type": "string"}, "divisor": {"$ref": "io.k8s.apimachinery.pkg.api.resource.Quantity"}, "resource": {"type": "string", "default": ""}}, "x-kubernetes-map-type": "atomic"},
            "secretKeyRef": {"description": "A key of a Secret.", "$ref": "io.k8s.api.core.v1.KeySelector"}}},
        "io.k8s.api.core.v1.EnvVar": {
          "description": "An environment variable of a container.",
          "type": "object", "required": ["name"],
          "properties": {
            "name": {"description": "The variable's name.", "type": "string", "default": ""},
            "value": {"description": "The value; $(VAR) references to earlier variables are expanded.", "type": "string"},
            "valueFrom": {"description": "Where the value comes from; cannot be used with value.", "$ref": "io.k8s.api.core.v1.EnvVarSource"}}},
        "io.k8s.api.core.v1.EnvFromSource": {
          "description": "A source of environment variables: every key of a ConfigMap or Secret.",
          "type": "object",
          "properties": {
            "configMapRef": {"description": "The ConfigMap.", "type": "object", "properties": {"name": {"type": "string", "default": ""}, "optional": {"type": "boolean"}}, "x-kubernetes-map-type": "atomic"},
            "prefix": {"description": "A prefix for every variable name.", "type": "string"},
            "secretRef": {"description": "The Secret.", "type": "object", "properties": {"name": {"type": "string", "default": ""}, "optional": {"type": "boolean"}}, "x-kubernetes-map-type": "atomic"}}},
        "io.k8s.api.core.v1.VolumeMount": {
          "description": "Where a volume is mounted in a container.",
          "type": "object", "required": ["name", "mountPath"],
          "properties": {
            "mountPath": {"description": "The path in the container; must not contain ':'.", "type": "string", "default": ""},
            "name": {"description": "The name of the volume.", "type": "string", "default": ""},
            "readOnly": {"description": "Mount read-only.", "type": "boolean"},
            "subPath": {"description": "A path within the volume to mount instead of its root.", "type": "string"}}},
        "io.k8s.api.core.v1.ResourceRequirements": {
          "description": "Compute resources a container requests and may not exceed.",
          "type": "object",
          "properties": {
            "limits": {"description": "The most of each resource the container may use. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/", "type": "object", "additionalProperties": {"$ref": "io.k8s.apimachinery.pkg.api.resource.Quantity"}},
            "requests": {"description": "The amount of each resource the container needs; defaults to the limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/", "type": "object", "additionalProperties": {"$ref": "io.k8s.apimachinery.pkg.api.resource.Quantity"}}}},
        "io.k8s.api.core.v1.Probe": {
          "description": "A check run against a container to tell whether it is alive, ready or started.",
          "type": "object",
          "properties": {
            "exec": {"description": "Run a command; success is exit status 0.", "type": "object", "properties": {"command": {"type": "array", "items": {"type": "string", "default": ""}, "x-kubernetes-list-type": "atomic"}}},
            "failureThreshold": {"description": "Consecutive failures after which the probe has failed.", "type": "integer", "format": "int32"},
            "httpGet": {"description": "An HTTP GET; success is a 2xx or 3xx status.", "type": "object", "required": ["port"], "properties": {"host": {"type": "string"}, "path": {"type": "string"}, "port": {"$ref": "io.k8s.apimachinery.pkg.util.intstr.IntOrString"}, "scheme": {"type": "string"}}},
            "initialDelaySeconds": {"description": "Seconds after the container starts before the first probe.", "type": "integer", "format": "int32"},
            "periodSeconds": {"description": "Seconds between probes.", "type": "integer", "format": "int32"},
            "successThreshold": {"description": "Consecutive successes after a failure for the probe to pass.", "type": "integer", "format": "int32"},
            "tcpSocket": {"description": "Open a TCP connection.", "type": "object", "required": ["port"], "properties": {"host": {"type": "string"}, "port": {"$ref": "io.k8s.apimachinery.pkg.util.intstr.IntOrString"}}},
            "timeoutSeconds": {"description": "Seconds after which a probe times out.", "type": "integer", "format": "int32"}}},
        "io.k8s.api.core.v1.Container": {
          "description": "A container to run in a pod.",
          "type": "object", "required": ["name"],
          "properties": {
            "args": {"description": "Arguments to the entrypoint; the image's CMD when absent.", "type": "array", "items": {"type": "string", "default": ""}, "x-kubernetes-list-type": "atomic"},
            "command": {"description": "The entrypoint; the image's ENTRYPOINT when absent.", "type": "array", "items": {"type": "string", "default": ""}, "x-kubernetes-list-type": "atomic"},
            "env": {"description": "Environment variables.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.core.v1.EnvVar"}, "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"},
            "envFrom": {"description": "Sources of environment variables; env takes precedence.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.core.v1.EnvFromSource"}, "x-kubernetes-list-type": "atomic"},
            "image": {"description": "The container image. More info: https://kubernetes.io/docs/concepts/containers/images", "type": "string"},
            "imagePullPolicy": {"description": "Always, Never or IfNotPresent.", "type": "string", "enum": ["Always", "IfNotPresent", "Never"]},
            "livenessProbe": {"description": "The container is restarted when this probe fails.", "$ref": "io.k8s.api.core.v1.Probe"},
            "name": {"description": "The container's name, a DNS label unique in the pod.", "type": "string", "default": ""},
            "ports": {"description": "Ports the container exposes (informational).", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.core.v1.ContainerPort"}, "x-kubernetes-list-map-keys": ["containerPort", "protocol"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "containerPort", "x-kubernetes-patch-strategy": "merge"},
            "readinessProbe": {"description": "The container receives no service traffic while this probe fails.", "$ref": "io.k8s.api.core.v1.Probe"},
            "resources": {"description": "Compute resources of the container.", "default": {}, "$ref": "io.k8s.api.core.v1.ResourceRequirements"},
            "securityContext": {"description": "Security options of the container.", "type": "object", "x-kubernetes-preserve-unknown-fields": true},
            "startupProbe": {"description": "Other probes wait until this probe succeeds.", "$ref": "io.k8s.api.core.v1.Probe"},
            "stdin": {"description": "Allocate a buffer for stdin.", "type": "boolean"},
            "tty": {"description": "Allocate a TTY (requires stdin).", "type": "boolean"},
            "volumeMounts": {"description": "Volumes to mount in the container's filesystem.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.core.v1.VolumeMount"}, "x-kubernetes-list-map-keys": ["mountPath"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "mountPath", "x-kubernetes-patch-strategy": "merge"},
            "workingDir": {"description": "The working directory; the image's when absent.", "type": "string"}}},
        "io.k8s.api.core.v1.Volume": {
          "description": "A named volume pods can mount.",
          "type": "object", "required": ["name"],
          "properties": {
            "configMap": {"description": "The keys of a ConfigMap as files.", "type": "object", "properties": {"defaultMode": {"type": "integer", "format": "int32"}, "items": {"type": "array", "items": {"type": "object", "properties": {"key": {"type": "string"}, "mode": {"type": "integer", "format": "int32"}, "path": {"type": "string"}}}, "x-kubernetes-list-type": "atomic"}, "name": {"type": "string"}, "optional": {"type": "boolean"}}},
            "emptyDir": {"description": "A temporary directory that lives as long as the pod.", "type": "object", "properties": {"medium": {"type": "string"}, "sizeLimit": {"$ref": "io.k8s.apimachinery.pkg.api.resource.Quantity"}}},
            "hostPath": {"description": "A file or directory of the host.", "type": "object", "required": ["path"], "properties": {"path": {"type": "string"}, "type": {"type": "string"}}},
            "name": {"description": "The volume's name, a DNS label unique in the pod.", "type": "string", "default": ""},
            "persistentVolumeClaim": {"description": "A PersistentVolumeClaim in the pod's namespace.", "type": "object", "required": ["claimName"], "properties": {"claimName": {"type": "string"}, "readOnly": {"type": "boolean"}}},
            "projected": {"description": "Several sources projected into one directory.", "type": "object", "x-kubernetes-preserve-unknown-fields": true},
            "secret": {"description": "The keys of a Secret as files.", "type": "object", "properties": {"defaultMode": {"type": "integer", "format": "int32"}, "items": {"type": "array", "items": {"type": "object", "properties": {"key": {"type": "string"}, "mode": {"type": "integer", "format": "int32"}, "path": {"type": "string"}}}, "x-kubernetes-list-type": "atomic"}, "optional": {"type": "boolean"}, "secretName": {"type": "string"}}}}},
        "io.k8s.api.core.v1.PodSpec": {
          "description": "PodSpec is what a pod should run.",
          "type": "object", "required": ["containers"],
          "properties": {
            "affinity": {"description": "Scheduling constraints.", "type": "object", "x-kubernetes-preserve-unknown-fields": true},
            "automountServiceAccountToken": {"description": "Whether to mount the service account token.", "type": "boolean"},
            "containers": {"description": "The containers of the pod; at least one, not changeable.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.core.v1.Container"}, "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"},
            "dnsPolicy": {"description": "ClusterFirstWithHostNet, ClusterFirst, Default or None.", "type": "string"},
            "enableServiceLinks": {"description": "Whether to inject service environment variables.", "type": "boolean"},
            "hostname": {"description": "The pod's hostname; the pod's name when absent.", "type": "string"},
            "imagePullSecrets": {"description": "Secrets for pulling images.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.core.v1.LocalObjectReference"}, "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"},
            "initContainers": {"description": "Containers run in order, each to completion, before the others start.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.core.v1.Container"}, "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"},
            "nodeName": {"description": "The node the pod is bound to.", "type": "string"},
            "nodeSelector": {"description": "Labels a node must have to run the pod.", "type": "object", "additionalProperties": {"type": "string", "default": ""}, "x-kubernetes-map-type": "atomic"},
            "priorityClassName": {"description": "The pod's priority class.", "type": "string"},
            "restartPolicy": {"description": "Always, OnFailure or Never.", "type": "string", "enum": ["Always", "Never", "OnFailure"]},
            "securityContext": {"description": "Security options of the pod.", "type": "object", "x-kubernetes-preserve-unknown-fields": true},
            "serviceAccountName": {"description": "The service account the pod runs as.", "type": "string"},
            "terminationGracePeriodSeconds": {"description": "Seconds the pod has to stop gracefully.", "type": "integer", "format": "int64"},
            "tolerations": {"description": "Taints the pod tolerates.", "type": "array", "items": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}, "x-kubernetes-list-type": "atomic"},
            "volumes": {"description": "Volumes the containers can mount.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.core.v1.Volume"}, "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge,retainKeys"}}},
        "io.k8s.api.core.v1.PodTemplateSpec": {
          "description": "A template for the pods a controller creates.",
          "type": "object",
          "properties": {
            "metadata": {"$ref": "#metadata"},
            "spec": {"description": "The pods' specification.", "default": {}, "$ref": "io.k8s.api.core.v1.PodSpec"}}},
        "io.k8s.api.core.v1.PodStatus": {
          "description": "PodStatus is what a pod is doing.",
          "type": "object",
          "properties": {
            "conditions": {"description": "The pod's conditions.", "type": "array", "items": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}, "x-kubernetes-list-map-keys": ["type"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "type", "x-kubernetes-patch-strategy": "merge"},
            "containerStatuses": {"description": "The state of each container.", "type": "array", "items": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}, "x-kubernetes-list-type": "atomic"},
            "hostIP": {"description": "The IP of the node the pod runs on.", "type": "string"},
            "phase": {"description": "Pending, Running, Succeeded, Failed or Unknown.", "type": "string", "enum": ["Failed", "Pending", "Running", "Succeeded", "Unknown"]},
            "podIP": {"description": "The pod's IP address.", "type": "string"},
            "startTime": {"description": "When the node accepted the pod.", "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.Time"}}},
        "io.k8s.api.core.v1.Pod": {
          "description": "Pod is a group of containers that run together on a host.",
          "type": "object",
          "properties": {
            "apiVersion": {"$ref": "#apiVersion"},
            "kind": {"$ref": "#kind"},
            "metadata": {"$ref": "#metadata"},
            "spec": {"description": "The desired behavior of the pod.", "default": {}, "$ref": "io.k8s.api.core.v1.PodSpec"},
            "status": {"description": "The most recently observed status of the pod.", "default": {}, "$ref": "io.k8s.api.core.v1.PodStatus"}},
          "x-kubernetes-group-version-kind": [{"group": "", "kind": "Pod", "version": "v1"}]},
        "io.k8s.api.core.v1.ServicePort": {
          "description": "A port a service exposes.",
          "type": "object", "required": ["port"],
          "properties": {
            "appProtocol": {"description": "The application protocol, e.g. 'http'.", "type": "string"},
            "name": {"description": "The port's name, required when there are several ports.", "type": "string"},
            "nodePort": {"description": "The port on each node for NodePort and LoadBalancer services.", "type": "integer", "format": "int32"},
            "port": {"description": "The port the service exposes.", "type": "integer", "format": "int32", "default": 0},
            "protocol": {"description": "TCP, UDP or SCTP. Defaults to TCP.", "type": "string", "default": "TCP", "enum": ["SCTP", "TCP", "UDP"]},
            "targetPort": {"description": "The port (number or name) on the pods; defaults to port.", "$ref": "io.k8s.apimachinery.pkg.util.intstr.IntOrString"}}},
        "io.k8s.api.core.v1.ServiceSpec": {
          "description": "ServiceSpec is what a service should be.",
          "type": "object",
          "properties": {
            "clusterIP": {"description": "The service's virtual IP, assigned by the server unless given; 'None' for a headless service.", "type": "string"},
            "clusterIPs": {"description": "The service's virtual IPs, one per IP family.", "type": "array", "items": {"type": "string", "default": ""}, "x-kubernetes-list-type": "atomic"},
            "externalName": {"description": "The DNS name an ExternalName service aliases.", "type": "string"},
            "ports": {"description": "The ports the service exposes.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.core.v1.ServicePort"}, "x-kubernetes-list-map-keys": ["port", "protocol"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "port", "x-kubernetes-patch-strategy": "merge"},
            "selector": {"description": "The labels of the pods traffic goes to.", "type": "object", "additionalProperties": {"type": "string", "default": ""}, "x-kubernetes-map-type": "atomic"},
            "sessionAffinity": {"description": "ClientIP or None.", "type": "string"},
            "type": {"description": "ClusterIP, NodePort, LoadBalancer or ExternalName.", "type": "string", "enum": ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]}}},
        "io.k8s.api.core.v1.Service": {
          "description": "Service is a named abstraction of a set of pods and how to reach them.",
          "type": "object",
          "properties": {
            "apiVersion": {"$ref": "#apiVersion"},
            "kind": {"$ref": "#kind"},
            "metadata": {"$ref": "#metadata"},
            "spec": {"description": "The desired behavior of the service.", "default": {}, "$ref": "io.k8s.api.core.v1.ServiceSpec"},
            "status": {"description": "The most recently observed status of the service.", "type": "object", "x-kubernetes-preserve-unknown-fields": true}},
          "x-kubernetes-group-version-kind": [{"group": "", "kind": "Service", "version": "v1"}]},
        "io.k8s.api.apps.v1.RollingUpdateDeployment": {
          "description": "How a rolling update replaces pods.",
          "type": "object",
          "properties": {
            "maxSurge": {"description": "How many pods (or what percentage) may exist above the desired count during the update. Defaults to 25%.", "$ref": "io.k8s.apimachinery.pkg.util.intstr.IntOrString"},
            "maxUnavailable": {"description": "How many pods (or what percentage) may be unavailable during the update. Defaults to 25%.", "$ref": "io.k8s.apimachinery.pkg.util.intstr.IntOrString"}}},
        "io.k8s.api.apps.v1.DeploymentStrategy": {
          "description": "How a deployment replaces old pods with new ones.",
          "type": "object",
          "properties": {
            "rollingUpdate": {"description": "Rolling update parameters, when type is RollingUpdate.", "$ref": "io.k8s.api.apps.v1.RollingUpdateDeployment"},
            "type": {"description": "Recreate or RollingUpdate (the default).", "type": "string", "enum": ["Recreate", "RollingUpdate"]}}},
        "io.k8s.api.apps.v1.DeploymentCondition": {
          "description": "The state of a deployment at one point.",
          "type": "object", "required": ["type", "status"],
          "properties": {
            "lastTransitionTime": {"description": "When the condition last changed status.", "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.Time"},
            "lastUpdateTime": {"description": "When the condition was last updated.", "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.Time"},
            "message": {"description": "A human-readable explanation.", "type": "string"},
            "reason": {"description": "A machine-readable reason for the last change.", "type": "string"},
            "status": {"description": "True, False or Unknown.", "type": "string", "default": ""},
            "type": {"description": "Available, Progressing or ReplicaFailure.", "type": "string", "default": ""}}},
        "io.k8s.api.apps.v1.DeploymentSpec": {
          "description": "DeploymentSpec is what a deployment should run.",
          "type": "object", "required": ["selector", "template"],
          "properties": {
            "minReadySeconds": {"description": "Seconds a new pod must be ready to count as available.", "type": "integer", "format": "int32"},
            "paused": {"description": "Whether the deployment is paused.", "type": "boolean"},
            "progressDeadlineSeconds": {"description": "Seconds of no progress after which the deployment is reported failed. Defaults to 600.", "type": "integer", "format": "int32"},
            "replicas": {"description": "The number of pods. Defaults to 1.", "type": "integer", "format": "int32"},
            "revisionHistoryLimit": {"description": "How many old ReplicaSets to keep for rollback. Defaults to 10.", "type": "integer", "format": "int32"},
            "selector": {"description": "The label selector of the deployment's pods; it must match the template's labels and cannot change.", "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"},
            "strategy": {"description": "How old pods are replaced.", "default": {}, "$ref": "io.k8s.api.apps.v1.DeploymentStrategy", "x-kubernetes-patch-strategy": "retainKeys"},
            "template": {"description": "The template of the pods.", "default": {}, "$ref": "io.k8s.api.core.v1.PodTemplateSpec"}}},
        "io.k8s.api.apps.v1.DeploymentStatus": {
          "description": "DeploymentStatus is the most recently observed state of a deployment.",
          "type": "object",
          "properties": {
            "availableReplicas": {"description": "Pods ready for at least minReadySeconds.", "type": "integer", "format": "int32"},
            "collisionCount": {"description": "Hash collisions of the template, used to name new ReplicaSets.", "type": "integer", "format": "int32"},
            "conditions": {"description": "The latest observations of the deployment's state.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.apps.v1.DeploymentCondition"}, "x-kubernetes-list-map-keys": ["type"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "type", "x-kubernetes-patch-strategy": "merge"},
            "observedGeneration": {"description": "The generation the controller last acted on.", "type": "integer", "format": "int64"},
            "readyReplicas": {"description": "Pods that are ready.", "type": "integer", "format": "int32"},
            "replicas": {"description": "Pods targeted by the deployment.", "type": "integer", "format": "int32"},
            "unavailableReplicas": {"description": "Pods still needed for full capacity.", "type": "integer", "format": "int32"},
            "updatedReplicas": {"description": "Pods running the current template.", "type": "integer", "format": "int32"}}},
        "io.k8s.api.apps.v1.Deployment": {
          "description": "Deployment provides declarative updates for Pods and ReplicaSets.",
          "type": "object",
          "properties": {
            "apiVersion": {"$ref": "#apiVersion"},
            "kind": {"$ref": "#kind"},
            "metadata": {"$ref": "#metadata"},
            "spec": {"description": "The desired behavior of the deployment.", "default": {}, "$ref": "io.k8s.api.apps.v1.DeploymentSpec"},
            "status": {"description": "The most recently observed status of the deployment.", "default": {}, "$ref": "io.k8s.api.apps.v1.DeploymentStatus"}},
          "x-kubernetes-group-version-kind": [{"group": "apps", "kind": "Deployment", "version": "v1"}]}
        }
        """#
}
