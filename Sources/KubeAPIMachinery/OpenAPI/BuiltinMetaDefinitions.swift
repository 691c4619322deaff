import Foundation

/// OpenAPI definitions of the `meta/v1` types every kind refers to, and of the simple core
/// kinds. References name other definitions by their full name (`{"$ref": "io.k8s…"}`); the
/// v2 and v3 documents rewrite them to their own form.
enum BuiltinMetaDefinitions {
    static let json = #"""
        {
        "io.k8s.apimachinery.pkg.apis.meta.v1.Time": {
          "description": "Time is a timestamp in RFC 3339 form, in UTC, with whole seconds.",
          "type": "string", "format": "date-time"},
        "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": {
          "description": "MicroTime is a timestamp in RFC 3339 form with microseconds.",
          "type": "string", "format": "date-time"},
        "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": {
          "description": "FieldsV1 is the set of fields a manager owns, as a trie in JSON: keys are 'f:<name>' for fields, 'k:<keys>' and 'v:<value>' for list items, and '.' for the field itself.",
          "type": "object"},
        "io.k8s.apimachinery.pkg.api.resource.Quantity": {
          "description": "Quantity is an amount written as a number with an optional suffix: SI ('m', 'k', 'M', 'G', …), binary ('Ki', 'Mi', 'Gi', …) or an exponent ('1e3'). For example '500m' CPU or '1Gi' memory.",
          "type": "string"},
        "io.k8s.apimachinery.pkg.util.intstr.IntOrString": {
          "description": "IntOrString holds either an integer or a string, such as a port number or name, or a count or percentage.",
          "type": "string", "format": "int-or-string"},
        "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference": {
          "description": "OwnerReference names an object that owns this one. The owner must be in the same namespace, or cluster-scoped.",
          "type": "object", "required": ["apiVersion", "kind", "name", "uid"],
          "properties": {
            "apiVersion": {"description": "API version of the owner.", "type": "string"},
            "blockOwnerDeletion": {"description": "If true, and the owner has the foregroundDeletion finalizer, the owner cannot be deleted until this reference is removed.", "type": "boolean"},
            "controller": {"description": "If true, this reference points to the managing controller. At most one owner may be the controller.", "type": "boolean"},
            "kind": {"description": "Kind of the owner.", "type": "string"},
            "name": {"description": "Name of the owner.", "type": "string"},
            "uid": {"description": "UID of the owner.", "type": "string"}},
          "x-kubernetes-map-type": "atomic"},
        "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry": {
          "description": "ManagedFieldsEntry records the fields one manager owns, for one API version of the object.",
          "type": "object",
          "properties": {
            "apiVersion": {"description": "The group/version the field set applies to.", "type": "string"},
            "fieldsType": {"description": "The format of the field set; only \"FieldsV1\" exists.", "type": "string"},
            "fieldsV1": {"description": "The field set, in the FieldsV1 format.", "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1"},
            "manager": {"description": "The name of the manager (the workflow that set the fields).", "type": "string"},
            "operation": {"description": "The operation that set the fields: 'Apply' or 'Update'.", "type": "string"},
            "subresource": {"description": "The subresource the fields were set through, empty for the main resource.", "type": "string"},
            "time": {"description": "When the entry was last changed.", "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.Time"}}},
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
          "description": "ObjectMeta is the metadata every persisted object has: its name, namespace, labels, annotations and the bookkeeping the server maintains.",
          "type": "object",
          "properties": {
            "annotations": {"description": "Annotations is a map of non-identifying metadata that tools and libraries attach to the object. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations", "type": "object", "additionalProperties": {"type": "string", "default": ""}},
            "creationTimestamp": {"description": "When the server created the object. Set by the system, read-only; null for lists.", "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.Time"},
            "deletionGracePeriodSeconds": {"description": "Seconds the object has to terminate gracefully once its deletion has been requested. Read-only.", "type": "integer", "format": "int64"},
            "deletionTimestamp": {"description": "When the object will be deleted: set by the server when deletion is requested, the object stays until its finalizers are removed. Read-only.", "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.Time"},
            "finalizers": {"description": "Finalizers must be empty before the object is deleted from storage. Each names a controller responsible for cleaning up before deletion.", "type": "array", "items": {"type": "string", "default": ""}, "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge"},
            "generateName": {"description": "A prefix the server uses to generate a unique name when name is not given. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#idempotency", "type": "string"},
            "generation": {"description": "A sequence number the server increments when the desired state (spec) changes. Read-only.", "type": "integer", "format": "int64"},
            "labels": {"description": "Labels are key/value pairs used to organize and select objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels", "type": "object", "additionalProperties": {"type": "string", "default": ""}},
            "managedFields": {"description": "Which manager owns which fields, for server-side apply. Maintained by the server.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry"}, "x-kubernetes-list-type": "atomic"},
            "name": {"description": "Name is unique within a namespace and cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", "type": "string"},
            "namespace": {"description": "Namespace the object lives in; empty for cluster-scoped objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces", "type": "string"},
            "ownerReferences": {"description": "Objects this object depends on; when all owners are deleted, the garbage collector deletes it.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference"}, "x-kubernetes-list-map-keys": ["uid"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "uid", "x-kubernetes-patch-strategy": "merge"},
            "resourceVersion": {"description": "An opaque version of the object, changed on every write, used for optimistic concurrency and watches. Read-only.", "type": "string"},
            "selfLink": {"description": "Deprecated: no longer set.", "type": "string"},
            "uid": {"description": "The unique identity of the object over its lifetime, set by the server. Read-only.", "type": "string"}}},
        "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta": {
          "description": "ListMeta is the metadata of lists and other synthetic responses.",
          "type": "object",
          "properties": {
            "continue": {"description": "Set when the list was cut short by a limit: pass it back to get the next page.", "type": "string"},
            "remainingItemCount": {"description": "An estimate of the items left after this page, when known.", "type": "integer", "format": "int64"},
            "resourceVersion": {"description": "The version of the collection the list was read at.", "type": "string"},
            "selfLink": {"description": "Deprecated: no longer set.", "type": "string"}}},
        "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement": {
          "description": "A label key, an operator and values.",
          "type": "object", "required": ["key", "operator"],
          "properties": {
            "key": {"description": "The label key.", "type": "string", "default": "", "x-kubernetes-patch-merge-key": "key", "x-kubernetes-patch-strategy": "merge"},
            "operator": {"description": "How the key relates to the values: In, NotIn, Exists or DoesNotExist.", "type": "string", "default": ""},
            "values": {"description": "The values: non-empty for In and NotIn, empty for Exists and DoesNotExist.", "type": "array", "items": {"type": "string", "default": ""}, "x-kubernetes-list-type": "atomic"}}},
        "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": {
          "description": "A label query: every requirement must hold. An empty selector matches everything; a null one matches nothing.",
          "type": "object",
          "properties": {
            "matchExpressions": {"description": "Label requirements, ANDed.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement"}, "x-kubernetes-list-type": "atomic"},
            "matchLabels": {"description": "Exact key/value matches, ANDed with matchExpressions.", "type": "object", "additionalProperties": {"type": "string", "default": ""}}},
          "x-kubernetes-map-type": "atomic"},
        "io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause": {
          "description": "StatusCause is one reason a request failed, often naming a field.",
          "type": "object",
          "properties": {
            "field": {"description": "The field the cause is about, e.g. 'spec.replicas'.", "type": "string"},
            "message": {"description": "A human-readable description of the cause.", "type": "string"},
            "reason": {"description": "A machine-readable reason, e.g. 'FieldValueInvalid'.", "type": "string"}}},
        "io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails": {
          "description": "StatusDetails says which object a status is about, and why.",
          "type": "object",
          "properties": {
            "causes": {"description": "The causes of the error.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause"}, "x-kubernetes-list-type": "atomic"},
            "group": {"description": "The group of the object.", "type": "string"},
            "kind": {"description": "The kind of the object.", "type": "string"},
            "name": {"description": "The name of the object.", "type": "string"},
            "retryAfterSeconds": {"description": "Seconds to wait before retrying, when the operation may succeed later.", "type": "integer", "format": "int32"},
            "uid": {"description": "The UID of the object.", "type": "string"}}},
        "io.k8s.apimachinery.pkg.apis.meta.v1.Status": {
          "description": "Status is the result of an operation that returns no object, and the body of every error.",
          "type": "object",
          "properties": {
            "apiVersion": {"$ref": "#apiVersion"},
            "code": {"description": "The HTTP status code.", "type": "integer", "format": "int32"},
            "details": {"description": "Extended data about the error.", "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails"},
            "kind": {"$ref": "#kind"},
            "message": {"description": "A human-readable description of the status.", "type": "string"},
            "metadata": {"description": "Standard list metadata.", "default": {}, "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"},
            "reason": {"description": "A machine-readable reason, e.g. 'NotFound' or 'Invalid'.", "type": "string"},
            "status": {"description": "'Success' or 'Failure'.", "type": "string"}},
          "x-kubernetes-group-version-kind": [{"group": "", "kind": "Status", "version": "v1"}]},
        "io.k8s.api.core.v1.ConfigMap": {
          "description": "ConfigMap holds configuration data for pods to consume.",
          "type": "object",
          "properties": {
            "apiVersion": {"$ref": "#apiVersion"},
            "binaryData": {"description": "Binary values, base64-encoded. Keys must be made of alphanumerics, '-', '_' or '.', and must not also appear in data.", "type": "object", "additionalProperties": {"type": "string", "format": "byte"}},
            "data": {"description": "UTF-8 values. Keys must be made of alphanumerics, '-', '_' or '.', and must not also appear in binaryData.", "type": "object", "additionalProperties": {"type": "string", "default": ""}},
            "immutable": {"description": "If true, data and binaryData cannot be changed (only the metadata can). Cannot be unset once set.", "type": "boolean"},
            "kind": {"$ref": "#kind"},
            "metadata": {"$ref": "#metadata"}},
          "x-kubernetes-group-version-kind": [{"group": "", "kind": "ConfigMap", "version": "v1"}]},
        "io.k8s.api.core.v1.Secret": {
          "description": "Secret holds secret data of a given type, such as passwords, tokens or keys.",
          "type": "object",
          "properties": {
            "apiVersion": {"$ref": "#apiVersion"},
            "data": {"description": "Secret values, base64-encoded. Keys must be made of alphanumerics, '-', '_' or '.'.", "type": "object", "additionalProperties": {"type": "string", "format": "byte"}},
            "immutable": {"description": "If true, data cannot be changed (only the metadata can). Cannot be unset once set.", "type": "boolean"},
            "kind": {"$ref": "#kind"},
            "metadata": {"$ref": "#metadata"},
            "stringData": {"description": "Write-only convenience: plain-text values merged into data on write, overriding it. Never returned on read.", "type": "object", "additionalProperties": {"type": "string", "default": ""}},
            "type": {"description": "How the secret's data is used, e.g. 'Opaque' or 'kubernetes.io/tls'. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types", "type": "string"}},
          "x-kubernetes-group-version-kind": [{"group": "", "kind": "Secret", "version": "v1"}]},
        "io.k8s.api.core.v1.NamespaceCondition": {
          "description": "The state of a namespace at one point.",
          "type": "object", "required": ["type", "status"],
          "properties": {
            "lastTransitionTime": {"description": "When the condition last changed.", "$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.Time"},
            "message": {"description": "A human-readable explanation.", "type": "string"},
            "reason": {"description": "A machine-readable reason for the last change.", "type": "string"},
            "status": {"description": "True, False or Unknown.", "type": "string", "default": ""},
            "type": {"description": "The type of the condition.", "type": "string", "default": ""}}},
        "io.k8s.api.core.v1.NamespaceSpec": {
          "description": "NamespaceSpec is what a namespace should be.",
          "type": "object",
          "properties": {
            "finalizers": {"description": "Values that must be removed before the namespace is deleted from storage. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/", "type": "array", "items": {"type": "string", "default": ""}, "x-kubernetes-list-type": "atomic"}}},
        "io.k8s.api.core.v1.NamespaceStatus": {
          "description": "NamespaceStatus is what a namespace is.",
          "type": "object",
          "properties": {
            "conditions": {"description": "The latest observations of the namespace's state.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.core.v1.NamespaceCondition"}, "x-kubernetes-list-map-keys": ["type"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "type", "x-kubernetes-patch-strategy": "merge"},
            "phase": {"description": "Active or Terminating. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/", "type": "string", "enum": ["Active", "Terminating"]}}},
        "io.k8s.api.core.v1.Namespace": {
          "description": "Namespace provides a scope for names.",
          "type": "object",
          "properties": {
            "apiVersion": {"$ref": "#apiVersion"},
            "kind": {"$ref": "#kind"},
            "metadata": {"$ref": "#metadata"},
            "spec": {"description": "The desired state of the namespace.", "default": {}, "$ref": "io.k8s.api.core.v1.NamespaceSpec"},
            "status": {"description": "The observed state of the namespace.", "default": {}, "$ref": "io.k8s.api.core.v1.NamespaceStatus"}},
          "x-kubernetes-group-version-kind": [{"group": "", "kind": "Namespace", "version": "v1"}]},
        "io.k8s.api.core.v1.LocalObjectReference": {
          "description": "A reference to an object in the same namespace, by name.",
          "type": "object",
          "properties": {"name": {"description": "Name of the referent.", "type": "string", "default": ""}},
          "x-kubernetes-map-type": "atomic"},
        "io.k8s.api.core.v1.ObjectReference": {
          "description": "A reference to an object.",
          "type": "object",
          "properties": {
            "apiVersion": {"description": "API version of the referent.", "type": "string"},
            "fieldPath": {"description": "A field of the referent, e.g. 'spec.containers{name}'.", "type": "string"},
            "kind": {"description": "Kind of the referent.", "type": "string"},
            "name": {"description": "Name of the referent.", "type": "string"},
            "namespace": {"description": "Namespace of the referent.", "type": "string"},
            "resourceVersion": {"description": "The version of the referent this reference was made from.", "type": "string"},
            "uid": {"description": "UID of the referent.", "type": "string"}},
          "x-kubernetes-map-type": "atomic"},
        "io.k8s.api.core.v1.ServiceAccount": {
          "description": "ServiceAccount is an identity for processes that run in pods.",
          "type": "object",
          "properties": {
            "apiVersion": {"$ref": "#apiVersion"},
            "automountServiceAccountToken": {"description": "Whether pods using this account get an API token mounted automatically.", "type": "boolean"},
            "imagePullSecrets": {"description": "Secrets used to pull the images of pods using this account.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.core.v1.LocalObjectReference"}, "x-kubernetes-list-type": "atomic"},
            "kind": {"$ref": "#kind"},
            "metadata": {"$ref": "#metadata"},
            "secrets": {"description": "Secrets pods using this account may use.", "type": "array", "items": {"default": {}, "$ref": "io.k8s.api.core.v1.ObjectReference"}, "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"}},
          "x-kubernetes-group-version-kind": [{"group": "", "kind": "ServiceAccount", "version": "v1"}]}
        }
        """#
}
