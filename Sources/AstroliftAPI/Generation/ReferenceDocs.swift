import KubeCore

/// `docs/api-reference.md`: every field of every kind, with its type, default, bounds
/// and description, generated from the same schemas as the CRDs.
public enum ReferenceDocs {
    /// The whole reference.
    public static func markdown() -> String {
        var out = """
            <!-- Generated from the types in Sources/AstroliftAPI by hack/generate.sh. Do not edit. -->
            # API reference: astrolift.dev/v1alpha1

            Every field of every kind, as `kubectl explain` shows it. Required fields are marked
            **required**; CEL rules are listed under the object they apply to. See
            [api.md](api.md) for what each kind is for, with examples.


            """
        for kind in AstroliftGroup.kinds {
            out += section(kind)
        }
        return out
    }

    static func section(_ kind: any AstroliftResource.Type) -> String {
        let r = kind.resource
        let d = kind.definition
        var out = "## \(r.kind)\n\n"
        out += "`\(r.apiVersion)`, \(r.namespaced ? "namespaced" : "cluster-scoped"), resource `\(r.plural)`"
        out += ", short names " + d.shortNames.map { "`\($0)`" }.joined(separator: ", ") + ".\n\n"
        out += escape(d.description) + "\n\n"
        for rule in d.rules { out += "- Rule: \(escape(rule.message ?? rule.rule))\n" }
        if !d.rules.isEmpty { out += "\n" }
        out += "| Field | Type | Description |\n|---|---|---|\n"
        let root = kind.schema
        for name in ["spec", "status"] {
            guard let p = root[property: name] else { continue }
            rows(p.schema, path: name, required: p.isRequired, into: &out)
        }
        return out + "\n"
    }

    static func rows(_ schema: Schema, path: String, required: Bool, into out: inout String) {
        var notes: [String] = []
        if required { notes.append("**required**") }
        if let d = schema.defaultValue { notes.append("default `\(d.jsonString)`") }
        if let e = schema.enumValues {
            notes.append("one of " + e.map { "`\($0.stringValue ?? $0.jsonString)`" }.joined(separator: ", "))
        }
        if let min = schema.minimum { notes.append("≥ \(min)") }
        if let max = schema.maximum { notes.append("≤ \(max)") }
        if let max = schema.maxItems { notes.append("at most \(max) items") }
        for rule in schema.rules { notes.append("rule: " + (rule.message ?? rule.rule)) }
        let description =
            escape(schema.description ?? "")
            + (notes.isEmpty ? "" : " (" + notes.map(escape).joined(separator: "; ") + ")")
        out += "| `\(path)` | \(typeName(schema)) | \(description) |\n"

        let children: Schema? =
            schema.type == .array ? schema.items : schema.additionalProperties == nil ? schema : nil
        guard let children, !children.properties.isEmpty else { return }
        let prefix = schema.type == .array ? path + "[]" : path
        if schema.type == .array, !children.rules.isEmpty {
            for rule in children.rules {
                out += "| `\(prefix)` | | rule: \(escape(rule.message ?? rule.rule)) |\n"
            }
        }
        for p in children.properties {
            rows(p.schema, path: "\(prefix).\(p.name)", required: p.isRequired, into: &out)
        }
    }

    static func typeName(_ schema: Schema) -> String {
        if schema.intOrString { return "quantity" }
        switch schema.type {
        case .array?: return "[]" + (schema.items.map(typeName) ?? "")
        case .object?:
            if let values = schema.additionalProperties { return "map[string]" + typeName(values) }
            return "object"
        case .string?:
            if schema.format == "date-time" { return "time" }
            if schema.pattern == Schema.duration.pattern { return "duration" }
            return "string"
        case .integer?: return schema.format == "int64" ? "int64" : "int32"
        case let t?: return t.rawValue
        case nil: return "any"
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
