import Foundation
import KubeCore

/// The structural-schema rules of `apiextensions.k8s.io/v1` (`ValidateStructural`): every
/// field, array and item has a type; `allOf`, `anyOf`, `oneOf` and `not` only add value
/// checks; `metadata` may only restrict `name` and `generateName`. Errors are sorted by
/// message, as the server sorts them.
enum StructuralCheck {
    private enum Level {
        case root, item, field
    }

    static func check(_ schema: StructuralSchema, path: FieldPath) -> [FieldError] {
        var errors = invariants(schema, .root, path)
        errors += completeness(schema, schema, path, path)
        return errors.sorted { $0.description < $1.description }
    }

    private static func invariants(_ s: StructuralSchema, _ level: Level, _ path: FieldPath) -> [FieldError] {
        var errors = [FieldError]()
        if s.type == "array" && s.items == nil {
            errors.append(.required(path.child("items"), "must be specified"))
        }
        if let items = s.items { errors += invariants(items, .item, path.child("items")) }
        for name in s.properties.keys.sorted() {
            guard let p = s.properties[name] else { continue }
            errors += invariants(p, .field, path.child("properties").key(name))
        }
        if s.additionalProperties != nil {
            if level == .root {
                errors.append(.forbidden(path.child("additionalProperties"), "must not be used at the root"))
            }
            if let ap = s.additionalPropertiesSchema {
                errors += invariants(ap, .field, path.child("additionalProperties"))
            }
        }
        if s.intOrString && s.preserveUnknownFields {
            errors.append(
                .invalid(
                    path.child("x-kubernetes-preserve-unknown-fields"), true,
                    "must be false if x-kubernetes-int-or-string is true"))
        }
        if s.intOrString && s.embeddedResource {
            errors.append(
                .invalid(
                    path.child("x-kubernetes-embedded-resource"), true,
                    "must be false if x-kubernetes-int-or-string is true"
                ))
        }
        let skipAnyOf = isIntOrStringAnyOf(s.anyOf)
        let skipFirstAllOfAnyOf = s.allOf.first.map { isIntOrStringAnyOf($0.anyOf) } ?? false
        errors += valueValidation(s, skipAnyOf: skipAnyOf, skipFirstAllOfAnyOf: skipFirstAllOfAnyOf, level, path)

        let checkMetadata = level == .root || s.embeddedResource
        if s.embeddedResource && s.type != "object" {
            let detail = "must be object if x-kubernetes-embedded-resource is true"
            errors.append(
                s.type.isEmpty
                    ? .required(path.child("type"), detail) : .invalid(path.child("type"), .string(s.type), detail))
        } else if s.type.isEmpty && !s.intOrString && !s.preserveUnknownFields {
            switch level {
            case .root: errors.append(.required(path.child("type"), "must not be empty at the root"))
            case .item: errors.append(.required(path.child("type"), "must not be empty for specified array items"))
            case .field: errors.append(.required(path.child("type"), "must not be empty for specified object fields"))
            }
        }
        if s.embeddedResource && s.additionalProperties != nil {
            errors.append(
                .forbidden(
                    path.child("additionalProperties"), "must not be used if x-kubernetes-embedded-resource is set"))
        }
        if level == .root && !s.type.isEmpty && s.type != "object" {
            errors.append(.invalid(path.child("type"), .string(s.type), "must be object at the root"))
        }
        if checkMetadata {
            for name in ["kind", "apiVersion"] {
                if let p = s.properties[name], p.type != "string" {
                    errors.append(
                        .invalid(path.child("properties").key(name).child("type"), .string(p.type), "must be string"))
                }
            }
        }
        if let metadata = s.properties["metadata"] {
            let metaPath = path.child("properties").key("metadata")
            if checkMetadata && metadata.type != "object" {
                errors.append(.invalid(metaPath.child("type"), .string(metadata.type), "must be object"))
            }
            if level == .root && !restrictsOnlyNames(metadata) {
                errors.append(
                    .forbidden(
                        metaPath,
                        "must not specify anything other than name and generateName, but metadata is implicitly specified"
                    ))
            }
        }
        if s.embeddedResource && !s.preserveUnknownFields && s.properties.isEmpty {
            errors.append(
                .required(
                    path.child("properties"),
                    "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"
                ))
        }
        return errors
    }

    /// Whether a root `metadata` schema says nothing but its type and constraints on `name` and
    /// `generateName`.
    private static func restrictsOnlyNames(_ metadata: StructuralSchema) -> Bool {
        guard let o = metadata.raw.objectValue else { return true }
        if o.keys.contains(where: { $0 != "type" && $0 != "default" && $0 != "properties" }) { return false }
        let names = Set(metadata.properties.keys)
        return names.isEmpty || names.isSubset(of: ["name", "generateName"])
    }

    /// The two int-or-string forms a structural schema may spell out: `anyOf: [{type:
    /// integer}, {type: string}]`.
    private static func isIntOrStringAnyOf(_ anyOf: [StructuralSchema]) -> Bool {
        anyOf.count == 2 && anyOf[0].raw == ["type": "integer"] && anyOf[1].raw == ["type": "string"]
    }

    private static func valueValidation(
        _ v: StructuralSchema, skipAnyOf: Bool, skipFirstAllOfAnyOf: Bool, _ level: Level, _ path: FieldPath
    ) -> [FieldError] {
        var errors = [FieldError]()
        if !skipAnyOf {
            for (i, a) in v.anyOf.enumerated() {
                errors += nested(a, skipAnyOf: false, level, path.child("anyOf").index(i))
            }
        }
        for (i, a) in v.allOf.enumerated() {
            errors += nested(a, skipAnyOf: skipFirstAllOfAnyOf && i == 0, level, path.child("allOf").index(i))
        }
        for (i, a) in v.oneOf.enumerated() {
            errors += nested(a, skipAnyOf: false, level, path.child("oneOf").index(i))
        }
        if let not = v.not { errors += nested(not, skipAnyOf: false, level, path.child("not")) }
        if let pattern = v.pattern {
            do {
                _ = try ECMARegex(pattern)
            } catch {
                errors.append(
                    .invalid(
                        path.child("pattern"), .string(pattern),
                        "must be a valid regular expression, but isn't: \(error)"))
            }
        }
        return errors
    }

    /// A schema under `allOf`, `anyOf`, `oneOf` or `not`: only value checks are allowed.
    private static func nested(_ v: StructuralSchema, skipAnyOf: Bool, _ level: Level, _ path: FieldPath)
        -> [FieldError]
    {
        var errors = valueValidation(v, skipAnyOf: skipAnyOf, skipFirstAllOfAnyOf: false, level, path)
        if let items = v.items { errors += nested(items, skipAnyOf: false, level, path.child("items")) }
        for name in v.properties.keys.sorted() {
            guard let p = v.properties[name] else { continue }
            errors += nested(p, skipAnyOf: false, .field, path.child("properties").key(name))
        }
        let empty = "must be empty to be structural"
        let undefined = "must be undefined to be structural"
        let falseRequired = "must be false to be structural"
        if !v.type.isEmpty { errors.append(.forbidden(path.child("type"), empty)) }
        if v.additionalProperties != nil { errors.append(.forbidden(path.child("additionalProperties"), undefined)) }
        if v.defaultValue != nil { errors.append(.forbidden(path.child("default"), undefined)) }
        if !(v.title ?? "").isEmpty { errors.append(.forbidden(path.child("title"), empty)) }
        if !(v.description ?? "").isEmpty { errors.append(.forbidden(path.child("description"), empty)) }
        if v.nullable { errors.append(.forbidden(path.child("nullable"), falseRequired)) }
        if v.preserveUnknownFields {
            errors.append(.forbidden(path.child("x-kubernetes-preserve-unknown-fields"), falseRequired))
        }
        if v.embeddedResource { errors.append(.forbidden(path.child("x-kubernetes-embedded-resource"), falseRequired)) }
        if v.intOrString { errors.append(.forbidden(path.child("x-kubernetes-int-or-string"), falseRequired)) }
        if !v.listMapKeys.isEmpty { errors.append(.forbidden(path.child("x-kubernetes-list-map-keys"), empty)) }
        if v.listType != nil { errors.append(.forbidden(path.child("x-kubernetes-list-type"), undefined)) }
        if v.mapType != nil { errors.append(.forbidden(path.child("x-kubernetes-map-type"), undefined)) }
        if !v.validationRules.isEmpty { errors.append(.forbidden(path.child("x-kubernetes-validations"), empty)) }
        if v.properties["metadata"] != nil {
            errors.append(
                .forbidden(path.child("properties").key("metadata"), "must not be specified in a nested context"))
        }
        return errors
    }

    /// Every field and item named inside the root's `allOf`/`anyOf`/`oneOf`/`not` must also be
    /// declared outside them.
    private static func completeness(
        _ v: StructuralSchema, _ s: StructuralSchema, _ sPath: FieldPath, _ vPath: FieldPath
    ) -> [FieldError] {
        var errors = [FieldError]()
        if let not = v.not { errors += nestedCompleteness(not, s, sPath, vPath.child("not")) }
        for (i, a) in v.allOf.enumerated() { errors += nestedCompleteness(a, s, sPath, vPath.child("allOf").index(i)) }
        for (i, a) in v.anyOf.enumerated() { errors += nestedCompleteness(a, s, sPath, vPath.child("anyOf").index(i)) }
        for (i, a) in v.oneOf.enumerated() { errors += nestedCompleteness(a, s, sPath, vPath.child("oneOf").index(i)) }
        return errors
    }

    private static func nestedCompleteness(
        _ v: StructuralSchema, _ s: StructuralSchema?, _ sPath: FieldPath, _ vPath: FieldPath
    ) -> [FieldError] {
        guard let s else { return [.required(sPath, "because it is defined in \(vPath)")] }
        var errors = completeness(v, s, sPath, vPath)
        if let items = v.items {
            errors += nestedCompleteness(items, s.items, sPath.child("items"), vPath.child("items"))
        }
        for name in v.properties.keys.sorted() {
            guard let vf = v.properties[name] else { continue }
            let vp = vPath.child("properties").key(name)
            if let sf = s.properties[name] {
                errors += nestedCompleteness(vf, sf, sPath.child("properties").key(name), vp)
            } else {
                errors.append(.required(sPath.child("properties").key(name), "because it is defined in \(vp)"))
            }
        }
        return errors
    }
}
