import Foundation
import KubeCore

/// Validates a value against a structural schema with the checks, order and messages of the
/// API server's OpenAPI validator (kube-openapi, converted to field errors as
/// `apiextensions-apiserver` does): `spec.replicas: Invalid value: 15: spec.replicas in body
/// should be less than or equal to 10`.
///
/// Messages name fields by their path inside the validated value (`name`); error fields are
/// that path placed under `base` (empty when validating a whole object).
struct OpenAPIValidator {
    let base: FieldPath
    private(set) var errors: [FieldError] = []

    init(base: FieldPath = .root) {
        self.base = base
    }

    // MARK: Error construction

    private func field(_ name: String) -> String {
        if base.isEmpty { return name.isEmpty ? "<nil>" : name }
        return name.isEmpty ? base.description : base.description + "." + name
    }

    private mutating func add(
        _ type: FieldError.ErrorType, _ name: String, _ value: FieldError.BadValue, _ detail: String
    ) {
        errors.append(FieldError(type: type, field: field(name), badValue: value, detail: detail))
    }

    /// An error that is not about one field (the `allOf`/`anyOf`/`oneOf`/`not` summaries),
    /// reported at the base path with an empty value, as the server does.
    private mutating func addComposite(_ detail: String) {
        errors.append(
            FieldError(type: .invalid, field: base.fieldString, badValue: .value(.string("")), detail: detail))
    }

    static func child(_ name: String, _ key: String) -> String {
        name.isEmpty ? key : name + "." + key
    }

    /// The JSON type name of a value, as kube-openapi infers it.
    static func jsonType(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    // MARK: Validation

    /// Validates `value`, whose path in messages is `name`, against `schema`.
    ///
    /// With an `old` value (an update), a part of the object equal to its old value is not
    /// validated again: the server's *validation ratcheting* (on by default since Kubernetes
    /// 1.30), which lets objects stored under an older schema be updated elsewhere. Parts are
    /// matched through object fields and the keys of `map` lists.
    mutating func validate(_ value: JSONValue, _ schema: StructuralSchema, name: String, old: JSONValue? = nil) {
        if let old, JSONSemantics.equal(old, value) { return }
        let types = schema.intOrString ? ["integer", "string"] : (schema.type.isEmpty ? [] : [schema.type])
        if case .null = value {
            if !types.isEmpty && !schema.nullable {
                let list = types.joined(separator: ",")
                add(.typeInvalid, name, .value("null"), "\(name) in body must be of type \(list): \"null\"")
            }
            if !schema.nullable { validateEnum(value, schema, name: name) }
            return
        }
        if !types.isEmpty {
            let actual = Self.jsonType(value)
            let floatInt = actual == "number" && (value.intValue != nil) && types.contains("integer")
            let intFloat = actual == "integer" && types.contains("number")
            if !(types.contains(actual) || floatInt || intFloat) {
                let list = types.joined(separator: ",")
                add(
                    .typeInvalid, name, .value(.string(actual)),
                    "\(name) in body must be of type \(list): \"\(actual)\"")
            }
        }
        validateJunctors(value, schema, name: name)
        switch value {
        case .string(let s):
            validateString(s, schema, name: name)
            validateFormat(s, schema, name: name)
        case .int, .double:
            validateNumber(value, schema, name: name)
        case .array(let items):
            validateArray(items, schema, name: name, old: old?.arrayValue)
        default:
            break
        }
        validateEnum(value, schema, name: name)
        if case .object(let members) = value {
            validateObject(members, schema, name: name, old: old?.objectValue)
            if schema.embeddedResource { validateEmbeddedResource(members, name: name) }
        }
    }

    private mutating func validateJunctors(_ value: JSONValue, _ schema: StructuralSchema, name: String) {
        func run(_ s: StructuralSchema) -> [FieldError] {
            var v = OpenAPIValidator(base: base)
            v.validate(value, s, name: name)
            return v.errors
        }
        if !schema.anyOf.isEmpty {
            var best: [FieldError]?
            var succeeded = false
            for s in schema.anyOf {
                let e = run(s)
                if e.isEmpty {
                    succeeded = true
                    best = nil
                    break
                }
                if best == nil { best = e }
            }
            if !succeeded { addComposite("\"\(name)\" must validate at least one schema (anyOf)") }
            errors.append(contentsOf: best ?? [])
        }
        if !schema.oneOf.isEmpty {
            var valid = 0
            var best: [FieldError]?
            for s in schema.oneOf {
                let e = run(s)
                if e.isEmpty {
                    valid += 1
                } else if best == nil {
                    best = e
                }
            }
            if valid == 0 {
                addComposite("\"\(name)\" must validate one and only one schema (oneOf). Found none valid")
                errors.append(contentsOf: best ?? [])
            } else if valid > 1 {
                addComposite(
                    "\"\(name)\" must validate one and only one schema (oneOf). Found \(valid) valid alternatives")
            }
        }
        if !schema.allOf.isEmpty {
            var allValid = true
            for s in schema.allOf {
                let e = run(s)
                if !e.isEmpty { allValid = false }
                errors.append(contentsOf: e)
            }
            if !allValid { addComposite("\"\(name)\" must validate all the schemas (allOf)") }
        }
        if let not = schema.not, run(not).isEmpty {
            addComposite("\"\(name)\" must not validate the schema (not)")
        }
    }

    private mutating func validateString(_ s: String, _ schema: StructuralSchema, name: String) {
        let length = s.unicodeScalars.count
        if let max = schema.maxLength, length > max {
            add(.tooLong, name, .omitted, FieldError.tooLong(.root, maxLength: max).detail)
            return
        }
        if let min = schema.minLength, length < min {
            add(.invalid, name, .value(.string(s)), "\(name) in body should be at least \(min) chars long")
            return
        }
        if let pattern = schema.pattern, let regex = schema.patternRegex, !regex.matches(s) {
            add(.invalid, name, .value(.string(s)), "\(name) in body should match '\(pattern)'")
        }
    }

    private mutating func validateFormat(_ s: String, _ schema: StructuralSchema, name: String) {
        guard let format = schema.format, let valid = SchemaFormats.isValid(s, format: format), !valid else { return }
        add(.typeInvalid, name, .value(.string(s)), "\(name) in body must be of type \(format): \(GoFormat.quote(s))")
    }

    private mutating func validateNumber(_ value: JSONValue, _ schema: StructuralSchema, name: String) {
        // An integer is checked against integer bounds (the bound truncated to an integer, as
        // the server does) and printed as an integer; a float against float bounds.
        if let factor = schema.multipleOf, factor > 0 {
            if case .int(let i) = value, factor.rounded() == factor, abs(factor) < 9.2e18 {
                let f = Int64(factor)
                if i % f != 0 { add(.invalid, name, .value(value), "\(name) in body should be a multiple of \(f)") }
            } else if let d = value.doubleValue {
                let quotient = factor < 1 ? (1 / factor) * d : d / factor
                if quotient.rounded() != quotient || !quotient.isFinite {
                    add(
                        .invalid, name, .value(value),
                        "\(name) in body should be a multiple of \(GoFormat.float(factor))")
                }
            }
        }
        if let max = schema.maximum {
            let exclusive = schema.exclusiveMaximum
            let word = exclusive ? "less than" : "less than or equal to"
            if case .int(let i) = value {
                let m = Self.truncated(max)
                if exclusive ? i >= m : i > m {
                    add(.invalid, name, .value(value), "\(name) in body should be \(word) \(m)")
                }
            } else if let d = value.doubleValue, exclusive ? d >= max : d > max {
                add(.invalid, name, .value(value), "\(name) in body should be \(word) \(GoFormat.float(max))")
            }
        }
        if let min = schema.minimum {
            let exclusive = schema.exclusiveMinimum
            let word = exclusive ? "greater than" : "greater than or equal to"
            if case .int(let i) = value {
                let m = Self.truncated(min)
                if exclusive ? i <= m : i < m {
                    add(.invalid, name, .value(value), "\(name) in body should be \(word) \(m)")
                }
            } else if let d = value.doubleValue, exclusive ? d <= min : d < min {
                add(.invalid, name, .value(value), "\(name) in body should be \(word) \(GoFormat.float(min))")
            }
        }
    }

    /// Go's `int64(f)`: truncation toward zero, saturating.
    static func truncated(_ d: Double) -> Int64 {
        if d.isNaN { return 0 }
        if d >= 9223372036854775807.0 { return .max }
        if d <= -9223372036854775808.0 { return .min }
        return Int64(d.rounded(.towardZero))
    }

    private mutating func validateArray(
        _ items: [JSONValue], _ schema: StructuralSchema, name: String, old: [JSONValue]?
    ) {
        if let itemSchema = schema.items {
            for (i, item) in items.enumerated() {
                var oldItem: JSONValue?
                if let old {
                    switch schema.listType {
                    case "map"?: oldItem = ListMapKeys.match(item, in: old, keys: schema.listMapKeys)
                    case "set"?: oldItem = old.first { JSONSemantics.equal($0, item) }
                    default: oldItem = nil
                    }
                }
                validate(item, itemSchema, name: "\(name)[\(i)]", old: oldItem)
            }
        }
        if let min = schema.minItems, items.count < min {
            add(.invalid, name, .value(.int(Int64(items.count))), "\(name) in body should have at least \(min) items")
        }
        if let max = schema.maxItems, items.count > max {
            errors.append(FieldError.tooMany(.root, actual: items.count, max: max).withField(field(name)))
        }
        if schema.uniqueItems {
            var duplicate = false
            outer: for i in items.indices {
                for j in items.indices where j > i && JSONSemantics.equal(items[i], items[j]) {
                    duplicate = true
                    break outer
                }
            }
            if duplicate { add(.invalid, name, .value(""), "\(name) in body shouldn't contain duplicates") }
        }
    }

    private mutating func validateEnum(_ value: JSONValue, _ schema: StructuralSchema, name: String) {
        guard let allowed = schema.enumValues, !allowed.isEmpty else { return }
        if allowed.contains(where: { JSONSemantics.equal($0, value) }) { return }
        let supported = allowed.map { v -> String in
            if case .string(let s) = v { return s }
            return GoFormat.json(v)
        }
        errors.append(FieldError.notSupported(.root, value, supported: supported).withField(field(name)))
    }

    private mutating func validateObject(
        _ members: [String: JSONValue], _ schema: StructuralSchema, name: String, old: [String: JSONValue]?
    ) {
        if let min = schema.minProperties, members.count < min {
            add(
                .invalid, name, .value(.int(Int64(members.count))),
                "\(name) in body should have at least \(min) properties")
            return
        }
        if let max = schema.maxProperties, members.count > max {
            errors.append(FieldError.tooMany(.root, actual: members.count, max: max).withField(field(name)))
            return
        }
        let keys = members.keys.sorted()
        switch schema.additionalProperties {
        case .allowed(false)?:
            for key in keys where schema.properties[key] == nil {
                add(.invalid, name, .value(.string(key)), "\(Self.child(name, key)) in body is a forbidden property")
            }
        case .schema(let ap)?:
            for key in keys where schema.properties[key] == nil {
                if let v = members[key] { validate(v, ap, name: Self.child(name, key), old: old?[key]) }
            }
        default:
            break
        }
        for key in schema.properties.keys.sorted() {
            guard let v = members[key], let p = schema.properties[key] else { continue }
            validate(v, p, name: Self.child(name, key), old: old?[key])
        }
        for key in schema.required where members[key] == nil {
            add(.required, Self.child(name, key), .omitted, "")
        }
    }

    /// An embedded resource must say what it is: `apiVersion` and `kind` are required.
    private mutating func validateEmbeddedResource(_ members: [String: JSONValue], name: String) {
        for key in ["apiVersion", "kind"] {
            switch members[key] {
            case nil:
                add(.required, Self.child(name, key), .omitted, "must not be empty")
            case .string(let s)?:
                if key == "kind" && s.isEmpty {
                    add(.invalid, Self.child(name, key), .value(""), "must not be empty")
                }
            case let other?:
                add(.invalid, Self.child(name, key), .value(other), "must be a string")
            }
        }
    }
}

extension FieldError {
    /// This error at another field.
    func withField(_ field: String) -> FieldError {
        var copy = self
        copy.field = field
        return copy
    }
}
