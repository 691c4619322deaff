import Foundation
import KubeCore

/// Defaults must validate against their own schema and contain only declared fields
/// (`ValidateDefaults`).
enum DefaultsCheck {
    static func check(_ schema: StructuralSchema, path: FieldPath) -> [FieldError] {
        var errors = [FieldError]()
        walk(schema, path, resourceRoot: true, &errors)
        return errors
    }

    private static func walk(_ s: StructuralSchema, _ path: FieldPath, resourceRoot: Bool, _ errors: inout [FieldError])
    {
        if let d = s.defaultValue {
            let defaultPath = path.child("default")
            var validator = OpenAPIValidator(base: defaultPath)
            validator.validate(d, s, name: "")
            if !validator.errors.isEmpty {
                errors += validator.errors
            } else {
                let listErrors = ListTypeValidation.validate(d, schema: s, path: defaultPath)
                if !listErrors.isEmpty {
                    errors += listErrors
                } else {
                    var pruned = d
                    _ = SchemaPruning.prune(&pruned, schema: s, isResourceRoot: s.embeddedResource)
                    if !JSONSemantics.equal(pruned, d) {
                        errors.append(.invalid(defaultPath, d, "must not have unknown fields"))
                    }
                }
            }
        }
        // Defaults are not followed into additionalProperties, as on the server.
        if let items = s.items { walk(items, path.child("items"), resourceRoot: items.embeddedResource, &errors) }
        for name in s.properties.keys.sorted() {
            guard let p = s.properties[name] else { continue }
            // The type and object meta of a resource are not defaulted from the schema (defaults
            // there are reported as forbidden).
            if resourceRoot && ["apiVersion", "kind", "metadata"].contains(name) { continue }
            walk(p, path.child("properties").key(name), resourceRoot: p.embeddedResource, &errors)
        }
    }
}
