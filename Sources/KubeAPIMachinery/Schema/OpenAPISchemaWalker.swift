import Foundation
import KubeCore

/// The keyword-by-keyword checks of a CRD schema (`ValidateCustomResourceDefinitionOpenAPISchema`):
/// unsupported keywords, `uniqueItems`, `additionalProperties` beside `properties`, defaults
/// in `metadata`, the list and map extensions, rule declarations, and the compilation of
/// `x-kubernetes-validations` — done for a node only when nothing else is wrong at or below it.
struct OpenAPISchemaWalker {
    struct Context {
        var isRoot = false
        var insideResourceMeta = false
        var defaultsForbiddenReason: String?
        /// The path of the nearest enclosing schema whose values cannot be matched with old
        /// values (the items of a non-`map` list, the fields of an atomic map).
        var uncorrelatable: FieldPath?
        /// Under `allOf`/`anyOf`/`oneOf`/`not`, where rules are not compiled.
        var nested = false
    }

    let celEnabled: Bool
    private(set) var rules = CELRuleSet()

    init(celEnabled: Bool) {
        self.celEnabled = celEnabled
    }

    static let supportedTypes = ["array", "boolean", "integer", "number", "object", "string"]
    private static let metaFields: Set<String> = ["apiVersion", "kind", "metadata"]

    /// Walks `s`, returning the schema errors and (after them, as the server orders them) the
    /// rule compilation errors of the subtree.
    mutating func walk(_ s: StructuralSchema, path: FieldPath, context: Context) -> ([FieldError], [FieldError]) {
        var schemaErrors = keywordErrors(s, path: path, context: context)
        var celErrors = [FieldError]()
        func merge(_ r: ([FieldError], [FieldError])) {
            schemaErrors += r.0
            celErrors += r.1
        }
        if s.uniqueItems {
            schemaErrors.append(
                .forbidden(
                    path.child("uniqueItems"),
                    "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"))
        }
        if let ap = s.additionalProperties {
            if !s.properties.isEmpty {
                var conflicting = true
                if case .allowed(true) = ap { conflicting = false }
                if conflicting {
                    schemaErrors.append(
                        .forbidden(
                            path.child("additionalProperties"),
                            "additionalProperties and properties are mutual exclusive"))
                }
            }
            if let aps = s.additionalPropertiesSchema {
                var sub = context
                sub.isRoot = false
                if context.insideResourceMeta {
                    sub.defaultsForbiddenReason = "inside additionalProperties applying to object metadata"
                }
                if s.mapType == "atomic" { sub.uncorrelatable = sub.uncorrelatable ?? path }
                merge(walk(aps, path: path.child("additionalProperties"), context: sub))
            }
        }
        for name in s.properties.keys.sorted() {
            guard let p = s.properties[name] else { continue }
            var sub = context
            sub.isRoot = false
            if s.mapType == "atomic" { sub.uncorrelatable = sub.uncorrelatable ?? path }
            if (context.isRoot || s.embeddedResource) && Self.metaFields.contains(name) {
                sub.insideResourceMeta = true
                if context.isRoot { sub.defaultsForbiddenReason = "in top-level \(name)" }
            }
            merge(walk(p, path: path.child("properties").key(name), context: sub))
        }
        var nested = context
        nested.isRoot = false
        nested.nested = true
        if let not = s.not { merge(walk(not, path: path.child("not"), context: nested)) }
        for (i, a) in s.allOf.enumerated() { merge(walk(a, path: path.child("allOf").index(i), context: nested)) }
        for (i, a) in s.oneOf.enumerated() { merge(walk(a, path: path.child("oneOf").index(i), context: nested)) }
        for (i, a) in s.anyOf.enumerated() { merge(walk(a, path: path.child("anyOf").index(i), context: nested)) }
        if let items = s.items {
            var sub = context
            sub.isRoot = false
            if s.listType != "map" { sub.uncorrelatable = sub.uncorrelatable ?? path }
            merge(walk(items, path: path.child("items"), context: sub))
        }
        schemaErrors += extensionErrors(s, path: path)
        for (i, rule) in s.validationRules.enumerated() {
            schemaErrors += CELRuleSet.declarationErrors(
                rule, node: s, path: path.child("x-kubernetes-validations").index(i))
        }
        if celEnabled && !context.nested && schemaErrors.isEmpty && !s.validationRules.isEmpty {
            celErrors += rules.compileRules(
                of: s, resourceRoot: context.isRoot || s.embeddedResource, path: path,
                uncorrelatable: context.uncorrelatable)
        }
        rules.recordSubtree(of: s)
        return (schemaErrors, celErrors)
    }

    /// Keywords Kubernetes does not support, and defaults where they are forbidden.
    private func keywordErrors(_ s: StructuralSchema, path: FieldPath, context: Context) -> [FieldError] {
        var errors = [FieldError]()
        let o = s.raw.objectValue ?? [:]
        if !s.type.isEmpty && !Self.supportedTypes.contains(s.type) && s.type != "null" {
            errors.append(.notSupported(path.child("type"), .string(s.type), supported: Self.supportedTypes))
        }
        if s.defaultValue != nil, let reason = context.defaultsForbiddenReason {
            errors.append(.forbidden(path.child("default"), "must not be set " + reason))
        }
        for keyword in ["id", "additionalItems", "patternProperties", "definitions", "dependencies", "$ref"]
        where o[keyword] != nil {
            errors.append(.forbidden(path.child(keyword), "\(keyword) is not supported"))
        }
        if s.type == "null" {
            errors.append(.forbidden(path.child("type"), "type cannot be set to null, use nullable as an alternative"))
        }
        if case .array? = o["items"] {
            errors.append(.forbidden(path.child("items"), "items must be a schema object and not an array"))
        }
        if context.insideResourceMeta && s.embeddedResource {
            errors.append(
                .forbidden(path.child("x-kubernetes-embedded-resource"), "must not be used inside of resource meta"))
        }
        return errors
    }

    /// The checks of `x-kubernetes-preserve-unknown-fields`, `-map-type`, `-list-type` and
    /// `-list-map-keys`.
    private func extensionErrors(_ s: StructuralSchema, path: FieldPath) -> [FieldError] {
        var errors = [FieldError]()
        let o = s.raw.objectValue ?? [:]
        if o["x-kubernetes-preserve-unknown-fields"] == .bool(false) {
            errors.append(
                .invalid(path.child("x-kubernetes-preserve-unknown-fields"), false, "must be true or undefined"))
        }
        if let mapType = s.mapType {
            if s.type != "object" {
                let detail = "must be object if x-kubernetes-map-type is specified"
                errors.append(
                    s.type.isEmpty
                        ? .required(path.child("type"), detail) : .invalid(path.child("type"), .string(s.type), detail))
            }
            if mapType != "atomic" && mapType != "granular" {
                errors.append(
                    .notSupported(
                        path.child("x-kubernetes-map-type"), .string(mapType), supported: ["atomic", "granular"]))
            }
        }
        if s.listType != nil, s.type != "array" {
            let detail = "must be array if x-kubernetes-list-type is specified"
            errors.append(
                s.type.isEmpty
                    ? .required(path.child("type"), detail) : .invalid(path.child("type"), .string(s.type), detail))
        } else if s.listType == "set", let items = s.items {
            let detail = "must be atomic as item of a list with x-kubernetes-list-type=set"
            if items.type == "array", let lt = items.listType, lt != "atomic" {
                errors.append(.invalid(path.child("items", "x-kubernetes-list-type"), .string(lt), detail))
            } else if items.type == "object", items.mapType != "atomic" {
                errors.append(.invalid(path.child("items", "x-kubernetes-map-type"), .string("null"), detail))
            }
        }
        if let listType = s.listType, !["atomic", "set", "map"].contains(listType) {
            errors.append(
                .notSupported(
                    path.child("x-kubernetes-list-type"), .string(listType), supported: ["atomic", "set", "map"]))
        }
        if !s.listMapKeys.isEmpty {
            let detail = "must be map if x-kubernetes-list-map-keys is non-empty"
            if let listType = s.listType {
                if listType != "map" {
                    errors.append(.invalid(path.child("x-kubernetes-list-type"), .string(listType), detail))
                }
            } else {
                errors.append(.required(path.child("x-kubernetes-list-type"), detail))
            }
        }
        if s.listType == "map" {
            let keysJSON = JSONValue.array(s.listMapKeys.map(JSONValue.string))
            if s.listMapKeys.isEmpty {
                errors.append(
                    .required(
                        path.child("x-kubernetes-list-map-keys"), "must not be empty if x-kubernetes-list-type is map"))
            }
            if let items = s.items {
                if items.type != "object" {
                    errors.append(
                        .invalid(
                            path.child("items", "type"), .string(items.type),
                            "must be object if parent array's x-kubernetes-list-type is map"))
                } else {
                    var seen = Set<String>()
                    for key in s.listMapKeys {
                        if let p = items.properties[key] {
                            if p.type == "array" || p.type == "object" {
                                errors.append(
                                    .invalid(
                                        path.child("items", "properties").key(key).child("type"), .string(items.type),
                                        "must be a scalar type if parent array's x-kubernetes-list-type is map"))
                            }
                        } else {
                            errors.append(
                                .invalid(
                                    path.child("x-kubernetes-list-map-keys"), keysJSON,
                                    "entries must all be names of item properties"))
                        }
                        if !seen.insert(key).inserted {
                            errors.append(
                                .invalid(
                                    path.child("x-kubernetes-list-map-keys"), keysJSON,
                                    "must not contain duplicate entries"))
                        }
                    }
                }
            } else {
                errors.append(.required(path.child("items"), "must have a schema if x-kubernetes-list-type is map"))
            }
        }
        if let listType = s.listType, listType == "set" || listType == "map", let items = s.items {
            if items.nullable {
                errors.append(
                    .forbidden(
                        path.child("items", "nullable"), "cannot be nullable when x-kubernetes-list-type is \(listType)"
                    ))
            }
            if listType == "map" {
                for key in s.listMapKeys {
                    guard let p = items.properties[key] else { continue }
                    let keyPath = path.child("items", "properties").key(key)
                    if !items.required.contains(key) && p.defaultValue == nil {
                        errors.append(
                            .required(
                                keyPath.child("default"),
                                "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"
                            ))
                    }
                    if p.nullable {
                        errors.append(
                            .forbidden(
                                keyPath.child("nullable"),
                                "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"))
                    }
                }
            }
        }
        return errors
    }
}
