import Foundation
import KubeAPIMachinery
import KubeCore

extension APIServer {
    /// Kind-specific checks and mutations before a write is stored; returns field errors.
    /// `warnings` collects the texts for `Warning` response headers.
    func admit(
        _ object: inout JSONValue, old: JSONValue?, _ r: ServedResource, name: String,
        fieldValidation: FieldValidationDirective, warnings: inout [String]
    ) throws -> [StatusCause] {
        if let schema = r.structuralSchema {
            // Custom resources: prune unknown fields, apply defaults, validate (CEL rules included).
            let admission = schema.admit(object, oldObject: old, fieldValidation: fieldValidation)
            if let strict = admission.strictError { throw APIStatus(status: strict) }
            object = admission.object
            warnings += admission.warnings
            return admission.errors.map(\.statusCause)
        }
        switch (r.group, r.plural) {
        case ("apiextensions.k8s.io", "customresourcedefinitions"):
            let schemaErrors = SchemaCheck.checkCustomResourceDefinition(object).map(\.statusCause)
            if !schemaErrors.isEmpty { return schemaErrors }
            return CRDAdmission.admit(&object, old: old, name: name)
        default:
            return []
        }
    }

    /// Unknown and duplicate fields of a write's object, as the real server's strict decoder
    /// treats them: `Strict` refuses them (400), `Warn` adds warnings; unknown fields of
    /// built-in kinds are dropped in every mode (custom resources are pruned by their schema
    /// in ``admit(_:old:_:name:fieldValidation:warnings:)``). `body` is the request body when
    /// it maps onto the object (create, update, merge patches), to find repeated keys.
    func checkFields(
        _ object: inout JSONValue, _ r: ServedResource, body: [UInt8]?, _ directive: FieldValidationDirective,
        warnings: inout [String]
    ) throws {
        guard !r.virtual else { return }
        var duplicates: [String] = []
        if let body, directive != .ignore, body.first(where: { !Self.isJSONWhitespace($0) }) == UInt8(ascii: "{") {
            duplicates = BuiltinFieldValidation.duplicateFields(in: body)
        }
        let unknown =
            r.crdName == nil
            ? BuiltinFieldValidation.pruneUnknownFields(&object, group: r.group, kind: r.kind) ?? [] : []
        switch directive {
        case .strict where !duplicates.isEmpty || !unknown.isEmpty:
            throw APIStatus(status: BuiltinFieldValidation.strictStatus(duplicates: duplicates, unknown: unknown))
        case .warn:
            warnings += BuiltinFieldValidation.warnings(duplicates: duplicates, unknown: unknown)
        default:
            break
        }
    }

    private static func isJSONWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    /// What follows a committed create or update.
    func afterWrite(_ r: ServedResource, _ stored: StoredObject) {
        if r.group == "rbac.authorization.k8s.io", let rbac, let json = try? stored.json() {
            _ = try? rbac.upsert(object: json)
        }
        guard r.group == "apiextensions.k8s.io", r.plural == "customresourcedefinitions",
            let crd = try? stored.json()
        else { return }
        if crd[path: ["metadata", "deletionTimestamp"]] == nil {
            registry.install(crd: crd)
            patchEngine.register(crd: crd)
            openAPI.invalidate()
        }
    }

    /// What follows a committed deletion.
    func afterDelete(_ r: ServedResource, _ stored: StoredObject) {
        if r.group == "rbac.authorization.k8s.io", let rbac, let json = try? stored.json() {
            _ = rbac.remove(object: json)
        }
        if r.group == "apiextensions.k8s.io", r.plural == "customresourcedefinitions" {
            if let crd = try? stored.json() {
                let resources = ResourceRegistry.servedResources(of: crd)
                registry.uninstall(crdName: stored.name)
                openAPI.invalidate()
                if let first = resources.first { patchEngine.unregister(group: first.group, kind: first.kind) }
                // Deleting a CRD deletes its objects.
                if let storageKey = resources.first?.storageKey {
                    for object in store.list(storageKey, namespace: nil).objects {
                        _ = try? store.mutate(storageKey, key: object.key) { _ in .delete }
                    }
                }
            }
        }
        lifecycle?.ownerDeleted(uid: (try? stored.json())?[path: ["metadata", "uid"]]?.stringValue)
    }
}

/// Validation and status of CustomResourceDefinitions.
enum CRDAdmission {
    static func admit(_ crd: inout JSONValue, old: JSONValue?, name: String) -> [StatusCause] {
        var causes: [StatusCause] = []
        let spec = crd["spec"] ?? [:]
        let group = spec["group"]?.stringValue ?? ""
        let plural = spec[path: ["names", "plural"]]?.stringValue ?? ""
        if group.isEmpty {
            causes.append(StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.group"))
        }
        if plural.isEmpty {
            causes.append(
                StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.names.plural"))
        }
        if spec[path: ["names", "kind"]]?.stringValue == nil {
            causes.append(
                StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.names.kind"))
        }
        if !group.isEmpty, !plural.isEmpty, name != "\(plural).\(group)" {
            causes.append(
                StatusCause(
                    reason: "FieldValueInvalid",
                    message: "Invalid value: \"\(name)\": must be spec.names.plural+\".\"+spec.group",
                    field: "metadata.name"))
        }
        let scope = spec["scope"]?.stringValue ?? ""
        if scope != "Namespaced" && scope != "Cluster" {
            causes.append(
                StatusCause(
                    reason: "FieldValueNotSupported",
                    message: "Unsupported value: \"\(scope)\": supported values: \"Cluster\", \"Namespaced\"",
                    field: "spec.scope"))
        }
        let versions = spec["versions"]?.arrayValue ?? []
        if versions.isEmpty {
            causes.append(
                StatusCause(
                    reason: "FieldValueRequired",
                    message: "Required value: must have exactly one version marked as storage version",
                    field: "spec.versions"))
        } else if versions.filter({ $0["storage"]?.boolValue == true }).count != 1 {
            causes.append(
                StatusCause(
                    reason: "FieldValueInvalid",
                    message: "Invalid value: must have exactly one version marked as storage version",
                    field: "spec.versions"))
        }
        if let old, old[path: ["spec", "scope"]] != crd[path: ["spec", "scope"]] {
            causes.append(
                StatusCause(
                    reason: "FieldValueInvalid", message: "Invalid value: field is immutable", field: "spec.scope"))
        }
        guard causes.isEmpty else { return causes }
        // The real server establishes a CRD asynchronously within milliseconds; here at once.
        // Conditions already set keep their transition times, so a no-op update stays a no-op.
        let now =
            old?[path: ["status", "conditions"]]?[0]?["lastTransitionTime"]?.stringValue ?? Time.now().description
        let storage = versions.first { $0["storage"]?.boolValue == true }?["name"] ?? "v1"
        var stored = Set((crd[path: ["status", "storedVersions"]]?.arrayValue ?? []).compactMap(\.stringValue))
        if let s = storage.stringValue { stored.insert(s) }
        crd["status"] = [
            "conditions": [
                [
                    "type": "NamesAccepted", "status": "True", "reason": "NoConflicts",
                    "message": "no conflicts found", "lastTransitionTime": .string(now),
                ],
                [
                    "type": "Established", "status": "True", "reason": "InitialNamesAccepted",
                    "message": "the initial names have been accepted", "lastTransitionTime": .string(now),
                ],
            ],
            "acceptedNames": spec["names"] ?? [:],
            "storedVersions": .array(stored.sorted().map(JSONValue.string)),
        ]
        return []
    }
}
