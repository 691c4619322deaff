import Foundation

/// The built-in kinds the control plane serves, with their real groups,
/// versions, scopes, short names and categories.
enum BuiltinResources {
    static let all: [ServedResource] = {
        var r: [ServedResource] = []
        func add(
            _ group: String, _ version: String, _ kind: String, _ plural: String, namespaced: Bool,
            short: [String] = [], categories: [String] = [], sub: [String] = [],
            verbs: [String] = ServedResource.allVerbs,
            virtual: Bool = false, conversion: StorageConversion? = nil
        ) {
            r.append(
                ServedResource(
                    group: group, version: version, kind: kind, plural: plural, singular: kind.lowercased(),
                    namespaced: namespaced, shortNames: short, categories: categories, verbs: verbs, subresources: sub,
                    virtual: virtual, conversion: conversion))
        }
        let all = ["all"]
        add("", "v1", "Namespace", "namespaces", namespaced: false, short: ["ns"], sub: ["status", "finalize"])
        add("", "v1", "ServiceAccount", "serviceaccounts", namespaced: true, short: ["sa"], sub: ["token"])
        add("", "v1", "Secret", "secrets", namespaced: true)
        add("", "v1", "ConfigMap", "configmaps", namespaced: true, short: ["cm"])
        add("", "v1", "Service", "services", namespaced: true, short: ["svc"], categories: all, sub: ["status"])
        add("", "v1", "Endpoints", "endpoints", namespaced: true, short: ["ep"])
        add("", "v1", "Pod", "pods", namespaced: true, short: ["po"], categories: all, sub: ["status"])
        add(
            "", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", namespaced: true, short: ["pvc"],
            sub: ["status"])
        // Both Event versions are one storage, as in kube-apiserver (StorageConversion).
        add("", "v1", "Event", "events", namespaced: true, short: ["ev"], conversion: .events)
        add("", "v1", "ResourceQuota", "resourcequotas", namespaced: true, short: ["quota"], sub: ["status"])
        add("", "v1", "LimitRange", "limitranges", namespaced: true, short: ["limits"])
        add(
            "apps", "v1", "Deployment", "deployments", namespaced: true, short: ["deploy"], categories: all,
            sub: ["status", "scale"])
        add(
            "apps", "v1", "StatefulSet", "statefulsets", namespaced: true, short: ["sts"], categories: all,
            sub: ["status", "scale"])
        add(
            "apps", "v1", "ReplicaSet", "replicasets", namespaced: true, short: ["rs"], categories: all,
            sub: ["status", "scale"])
        add("batch", "v1", "Job", "jobs", namespaced: true, categories: all, sub: ["status"])
        add("networking.k8s.io", "v1", "Ingress", "ingresses", namespaced: true, short: ["ing"], sub: ["status"])
        add("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", namespaced: true, short: ["netpol"])
        add("rbac.authorization.k8s.io", "v1", "Role", "roles", namespaced: true)
        add("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", namespaced: false)
        add("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", namespaced: true)
        add("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", namespaced: false)
        add("coordination.k8s.io", "v1", "Lease", "leases", namespaced: true)
        add(
            "policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", namespaced: true, short: ["pdb"],
            sub: ["status"])
        add("events.k8s.io", "v1", "Event", "events", namespaced: true, short: ["ev"], conversion: .events)
        add(
            "apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", namespaced: false,
            short: ["crd", "crds"], categories: ["api-extensions"], sub: ["status"])
        add(
            "authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", namespaced: false,
            verbs: ["create"], virtual: true)
        add(
            "authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", namespaced: false,
            verbs: ["create"], virtual: true)
        add(
            "authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", namespaced: false,
            verbs: ["create"], virtual: true)
        add(
            "authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", namespaced: false,
            verbs: ["create"], virtual: true)
        add(
            "authentication.k8s.io", "v1", "TokenReview", "tokenreviews", namespaced: false, verbs: ["create"],
            virtual: true)
        return r
    }()
}
