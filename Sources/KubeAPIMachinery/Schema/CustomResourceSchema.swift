import Foundation
import KubeCore

/// Everything the API server does with one version's schema to the custom resources it
/// serves: pruning of unknown fields, defaulting, and validation (OpenAPI checks, list
/// types, and `x-kubernetes-validations` rules), with the real server's semantics and
/// messages.
///
/// Build one per served version when a CRD is created or changed, and share it: it is
/// immutable and `Sendable`.
///
/// ```swift
/// let schema = try CustomResourceSchema(openAPIV3Schema: version["schema"]["openAPIV3Schema"])
/// let result = schema.admit(body, oldObject: nil, fieldValidation: .warn)
/// if !result.errors.isEmpty { return Status.invalid(kind: "Widget", group: "example.com", name: name, errors: result.errors) }
/// ```
public struct CustomResourceSchema: Sendable {
    /// The schema tree.
    public let schema: StructuralSchema
    let rules: CELRuleSet

    /// Why a schema cannot be used: the errors the API server reports when the CRD is written.
    public struct InvalidSchema: Error, Sendable, CustomStringConvertible {
        /// The problems, with paths under the path given to the initializer.
        public var errors: [FieldError]
        public var description: String { FieldError.aggregateMessage(errors) ?? "invalid schema" }
    }

    /// Reads and checks a version's `openAPIV3Schema`, compiling its rules.
    ///
    /// - Parameters:
    ///   - openAPIV3Schema: the schema JSON.
    ///   - path: where the schema sits in the CRD, for error paths.
    ///   - statusSubresource: whether the version has a status subresource (which restricts
    ///     the root of the schema).
    /// - Throws: ``InvalidSchema`` with every problem ``SchemaCheck`` finds.
    public init(
        openAPIV3Schema: JSONValue,
        path: FieldPath = FieldPath("spec", "versions").index(0).child("schema", "openAPIV3Schema"),
        statusSubresource: Bool = false
    ) throws(InvalidSchema) {
        let analysis = SchemaCheck.analyze(openAPIV3Schema, at: path, statusSubresource: statusSubresource)
        guard analysis.errors.isEmpty else { throw InvalidSchema(errors: analysis.errors) }
        schema = analysis.schema
        rules = analysis.rules
    }

    /// The schemas of every version of a `CustomResourceDefinition` object, by version name,
    /// each checked as the server checks it (with its status subresource taken into account).
    ///
    /// - Throws: ``InvalidSchema`` with the errors of every version, with paths such as
    ///   `spec.versions[1].schema.openAPIV3Schema.properties[spec].type`.
    public static func versions(ofCustomResourceDefinition crd: JSONValue) throws(InvalidSchema)
        -> [String: CustomResourceSchema]
    {
        var schemas = [String: CustomResourceSchema]()
        var errors = [FieldError]()
        for (i, version) in (crd[path: ["spec", "versions"]]?.arrayValue ?? []).enumerated() {
            let path = FieldPath("spec", "versions").index(i).child("schema", "openAPIV3Schema")
            let status = version[path: ["subresources", "status"]] != nil
            let analysis = SchemaCheck.analyze(
                version[path: ["schema", "openAPIV3Schema"]], at: path, statusSubresource: status)
            if analysis.errors.isEmpty, let name = version["name"]?.stringValue {
                schemas[name] = CustomResourceSchema(schema: analysis.schema, rules: analysis.rules)
            }
            errors += analysis.errors
        }
        guard errors.isEmpty else { throw InvalidSchema(errors: errors) }
        return schemas
    }

    private init(schema: StructuralSchema, rules: CELRuleSet) {
        self.schema = schema
        self.rules = rules
    }

    // MARK: Pruning and defaulting

    /// Removes the fields the schema does not declare (keeping `apiVersion` and `kind`,
    /// pruning `metadata` to `ObjectMeta`) and the `null`s of fields that are neither nullable
    /// nor defaulted. Returns the removed paths, sorted: `spec.foo`, `spec.items[0].bar`.
    public func prune(_ object: inout JSONValue) -> [String] {
        let paths = SchemaPruning.prune(&object, schema: schema, isResourceRoot: true)
        SchemaPruning.pruneNonNullableNulls(&object, schema: schema)
        return paths
    }

    /// Sets the `default` of every absent field, recursively.
    public func applyDefaults(to object: inout JSONValue) {
        SchemaDefaulting.apply(&object, schema: schema)
    }

    /// What the server does to an object read from storage: prune, then default (defaults
    /// applied on read are not written back).
    public func prepareForRead(_ object: inout JSONValue) {
        _ = prune(&object)
        applyDefaults(to: &object)
    }

    // MARK: Validation

    /// The outcome of validating an object.
    public struct ValidationResult: Sendable, Hashable {
        /// The errors, in the server's order; any error means 422 Invalid.
        public var errors: [FieldError]
        /// Messages the server sends as `Warning` headers: rule failures on parts of the
        /// object an update did not change (ratcheting).
        public var warnings: [String]

        public init(errors: [FieldError] = [], warnings: [String] = []) {
            self.errors = errors
            self.warnings = warnings
        }
    }

    /// Validates an object (already pruned and defaulted) as the server validates a create
    /// (`oldObject` nil) or an update: OpenAPI checks, embedded resources, list types, then the
    /// `x-kubernetes-validations` rules — skipped, with one error saying so, when the earlier
    /// checks found a missing, mistyped, unsupported or too-long value.
    ///
    /// On update, parts equal to the old object are not re-validated (ratcheting) and
    /// transition rules (`oldSelf`) run where old values exist.
    public func validate(_ object: JSONValue, oldObject: JSONValue? = nil) -> ValidationResult {
        var validator = OpenAPIValidator()
        validator.validate(object, schema, name: "", old: oldObject)
        var errors = validator.errors
        errors += ListTypeValidation.validate(object, schema: schema, path: .root)
        var warnings = [String]()
        if !rules.isEmpty {
            let blocking: Set<FieldError.ErrorType> = [.notSupported, .required, .tooLong, .tooMany, .typeInvalid]
            if errors.contains(where: { blocking.contains($0.type) }) {
                errors.append(
                    FieldError(
                        type: .invalid, field: "<nil>", badValue: .value(.string("null")),
                        detail:
                            "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"
                    ))
            } else {
                let outcome = rules.validate(object, old: oldObject, schema: schema)
                errors += outcome.errors
                warnings += outcome.warnings
            }
        }
        return ValidationResult(errors: errors, warnings: warnings)
    }

    // MARK: The whole request

    /// The result of ``admit(_:oldObject:fieldValidation:)``.
    public struct Admission: Sendable {
        /// The object after pruning and defaulting: what the server stores.
        public var object: JSONValue
        /// The unknown fields that were pruned.
        public var unknownFields: [String]
        /// Validation errors: non-empty means 422 (see `Status.invalid`).
        public var errors: [FieldError]
        /// `Warning` header texts: unknown fields under `Warn`, ratcheted rule failures.
        public var warnings: [String]
        /// Under `Strict`, the 400 BadRequest to return because of unknown fields.
        public var strictError: Status?
    }

    /// Runs a create or update body through the server's pipeline: prune (reporting unknown
    /// fields according to `fieldValidation`), default, validate.
    public func admit(
        _ object: JSONValue, oldObject: JSONValue? = nil, fieldValidation: FieldValidationDirective = .warn
    ) -> Admission {
        var result = object
        let unknown = prune(&result)
        applyDefaults(to: &result)
        let validation = validate(result, oldObject: oldObject)
        var warnings = [String]()
        var strictError: Status?
        switch fieldValidation {
        case .warn: warnings += unknown.map(UnknownFieldMessages.warning(path:))
        case .strict where !unknown.isEmpty: strictError = UnknownFieldMessages.strictStatus(paths: unknown)
        default: break
        }
        return Admission(
            object: result, unknownFields: unknown, errors: validation.errors, warnings: warnings + validation.warnings,
            strictError: strictError)
    }
}
