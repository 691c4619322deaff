import Foundation
import KubeCore

/// Unknown and duplicate fields of built-in kinds, found as the API server's strict decoder
/// finds them (`?fieldValidation=Strict` rejects them, `Warn` reports them, and every mode
/// drops unknown fields before storing).
///
/// The server decodes built-in kinds into Go structs, so a field the struct lacks is unknown.
/// Here the structs are the OpenAPI definitions of ``BuiltinOpenAPI``. Those describe only part
/// of some kinds (a `Container` lists its common fields), so a definition counts as *closed* —
/// unknown names in it are reported — only when it lists every field Kubernetes 1.33 has;
/// inside the others only the fields they do describe are followed. Kinds without a
/// definition are checked at the top level and in `metadata`.
public enum BuiltinFieldValidation {
    /// Removes the fields of `object` that its kind does not have and returns their paths in
    /// the server's form (`spec.template.spec.containers[0].foo`), sorted. Returns `nil` when
    /// the kind is not one this type knows (custom resources, reviews).
    public static func pruneUnknownFields(_ object: inout JSONValue, group: String, kind: String) -> [String]? {
        guard let root = rootSchema(group: group, kind: kind) else { return nil }
        var unknown: [String] = []
        prune(&object, schema: root, closed: true, path: "", unknown: &unknown)
        return unknown.sorted()
    }

    /// The paths of keys that appear twice in one JSON object of `body`, in document order
    /// (`metadata.name`, `data.a`). Malformed JSON yields what was found before the error.
    public static func duplicateFields(in body: [UInt8]) -> [String] {
        var scanner = DuplicateKeyScanner(bytes: body)
        scanner.skipWhitespace()
        scanner.scanValue()
        return scanner.duplicates
    }

    /// The 400 `BadRequest` of `Strict` mode: `strict decoding error: duplicate field "x",
    /// unknown field "spec.foo"` (duplicates first, then unknown fields).
    public static func strictStatus(duplicates: [String], unknown: [String]) -> Status {
        let parts =
            duplicates.map { "duplicate field " + GoFormat.quote($0) } + unknown.map(UnknownFieldMessages.warning)
        return Status(
            status: "Failure", message: "strict decoding error: " + parts.joined(separator: ", "), reason: .badRequest,
            code: 400)
    }

    /// The `Warn` mode texts for a `Warning` header: `duplicate field "x"`, `unknown field "y"`.
    public static func warnings(duplicates: [String], unknown: [String]) -> [String] {
        duplicates.map { "duplicate field " + GoFormat.quote($0) } + unknown.map(UnknownFieldMessages.warning)
    }

    /// A `Warning` response header value (RFC 7234 form, as the API server sends it):
    /// `299 - "unknown field \"spec.foo\""`.
    public static func warningHeaderValue(_ text: String) -> String {
        var escaped = ""
        for c in text {
            if c == "\"" || c == "\\" { escaped.append("\\") }
            escaped.append(c)
        }
        return "299 - \"" + escaped + "\""
    }

    // MARK: Schemas

    /// Definitions that list every field the kind has in Kubernetes 1.33.
    static let closedDefinitions: Set<String> = [
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference",
        "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry", "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
        "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement", "io.k8s.api.core.v1.ConfigMap",
        "io.k8s.api.core.v1.Secret", "io.k8s.api.core.v1.Namespace", "io.k8s.api.core.v1.NamespaceSpec",
        "io.k8s.api.core.v1.NamespaceStatus", "io.k8s.api.core.v1.NamespaceCondition",
        "io.k8s.api.core.v1.ServiceAccount", "io.k8s.api.core.v1.LocalObjectReference",
        "io.k8s.api.core.v1.ObjectReference", "io.k8s.api.core.v1.ContainerPort", "io.k8s.api.core.v1.KeySelector",
        "io.k8s.api.core.v1.EnvVar", "io.k8s.api.core.v1.EnvVarSource", "io.k8s.api.core.v1.EnvFromSource",
        "io.k8s.api.core.v1.PodTemplateSpec", "io.k8s.api.core.v1.Pod", "io.k8s.api.core.v1.Service",
        "io.k8s.api.core.v1.ServicePort", "io.k8s.api.apps.v1.Deployment", "io.k8s.api.apps.v1.DeploymentSpec",
        "io.k8s.api.apps.v1.DeploymentStrategy", "io.k8s.api.apps.v1.RollingUpdateDeployment",
        "io.k8s.api.apps.v1.DeploymentCondition",
    ]

    /// The top-level fields (besides `apiVersion`, `kind` and `metadata`) of the served
    /// built-in kinds that have no OpenAPI definition here, by `group/kind`.
    static let topLevelFields: [String: [String]] = [
        "/Endpoints": ["subsets"],
        "/PersistentVolumeClaim": ["spec", "status"],
        "/Event": [
            "action", "count", "eventTime", "firstTimestamp", "involvedObject", "lastTimestamp", "message", "reason",
            "related", "reportingComponent", "reportingInstance", "series", "source", "type",
        ],
        "/ResourceQuota": ["spec", "status"],
        "/LimitRange": ["spec"],
        "apps/StatefulSet": ["spec", "status"],
        "apps/ReplicaSet": ["spec", "status"],
        "batch/Job": ["spec", "status"],
        "networking.k8s.io/Ingress": ["spec", "status"],
        "networking.k8s.io/NetworkPolicy": ["spec", "status"],
        "rbac.authorization.k8s.io/Role": ["rules"],
        "rbac.authorization.k8s.io/ClusterRole": ["rules", "aggregationRule"],
        "rbac.authorization.k8s.io/RoleBinding": ["roleRef", "subjects"],
        "rbac.authorization.k8s.io/ClusterRoleBinding": ["roleRef", "subjects"],
        "coordination.k8s.io/Lease": ["spec"],
        "policy/PodDisruptionBudget": ["spec", "status"],
        "events.k8s.io/Event": [
            "action", "deprecatedCount", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedSource",
            "eventTime", "note", "reason", "regarding", "related", "reportingController", "reportingInstance",
            "series", "type",
        ],
        "apiextensions.k8s.io/CustomResourceDefinition": ["spec", "status"],
    ]

    /// The schema of a kind's objects, as a `$ref` or an inline closed object.
    static func rootSchema(group: String, kind: String) -> JSONValue? {
        if let r = BuiltinOpenAPI.resources.first(where: { $0.group == group && $0.kind == kind }),
            case .definition(let name) = r.schema
        {
            return ["$ref": .string(name)]
        }
        guard let fields = topLevelFields["\(group)/\(kind)"] else { return nil }
        var properties: [String: JSONValue] = [
            "apiVersion": ["type": "string"], "kind": ["type": "string"],
            "metadata": ["$ref": "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"],
        ]
        for f in fields { properties[f] = [:] }
        return ["type": "object", "properties": .object(properties)]
    }

    /// Walks `value` along `schema`; `closed` says whether unknown names at this level count.
    private static func prune(
        _ value: inout JSONValue, schema: JSONValue, closed: Bool, path: String, unknown: inout [String]
    ) {
        var schema = schema
        var closed = closed
        if var ref = schema["$ref"]?.stringValue {
            // The definitions' placeholders for the standard properties (`#metadata`, …).
            if ref == "#metadata" { ref = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" }
            guard let definition = BuiltinOpenAPI.definitions[ref] else { return }
            schema = definition
            closed = closedDefinitions.contains(ref)
        }
        if schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true { return }
        switch value {
        case .object(var fields):
            if let properties = schema["properties"]?.objectValue {
                for key in fields.keys.sorted() {
                    let childPath = path.isEmpty ? key : path + "." + key
                    guard let child = properties[key] else {
                        if closed {
                            unknown.append(childPath)
                            fields[key] = nil
                        }
                        continue
                    }
                    if var v = fields[key] {
                        prune(&v, schema: child, closed: closed, path: childPath, unknown: &unknown)
                        fields[key] = v
                    }
                }
            } else if let additional = schema["additionalProperties"], additional.objectValue != nil {
                for key in fields.keys.sorted() {
                    if var v = fields[key] {
                        prune(
                            &v, schema: additional, closed: closed, path: path.isEmpty ? key : path + "." + key,
                            unknown: &unknown)
                        fields[key] = v
                    }
                }
            }
            value = .object(fields)
        case .array(var items):
            guard let itemSchema = schema["items"] else { return }
            for i in items.indices {
                prune(&items[i], schema: itemSchema, closed: closed, path: "\(path)[\(i)]", unknown: &unknown)
            }
            value = .array(items)
        default:
            return
        }
    }
}

/// Finds keys repeated within one JSON object, tracking the path the server reports.
/// Finds keys that appear twice in one JSON object, reporting each by its path
/// (`metadata.labels.a`, `spec.ports[0].name`). It runs on every write's body, so it
/// allocates only for keys written with escapes and for the paths of duplicates found.
private struct DuplicateKeyScanner {
    let bytes: [UInt8]
    var i = 0
    var duplicates: [String] = []
    /// Where the scan is: the keys and array indexes from the root to the current value.
    private var path: [Component] = []

    private enum Component {
        case key(ArraySlice<UInt8>)
        case index(Int)
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func skipWhitespace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    /// Scans one value starting at `i`; returns false on malformed input.
    @discardableResult
    mutating func scanValue() -> Bool {
        guard i < bytes.count else { return false }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            skipWhitespace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                i += 1
                return true
            }
            var seen = SeenKeys()
            while i < bytes.count {
                skipWhitespace()
                guard let key = scanKey() else { return false }
                path.append(.key(key))
                defer { path.removeLast() }
                if !seen.insert(key) { duplicates.append(pathText()) }
                skipWhitespace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                i += 1
                skipWhitespace()
                guard scanValue() else { return false }
                skipWhitespace()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                } else if bytes[i] == UInt8(ascii: "}") {
                    i += 1
                    return true
                } else {
                    return false
                }
            }
            return false
        case UInt8(ascii: "["):
            i += 1
            skipWhitespace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                i += 1
                return true
            }
            var index = 0
            while i < bytes.count {
                skipWhitespace()
                path.append(.index(index))
                defer { path.removeLast() }
                guard scanValue() else { return false }
                index += 1
                skipWhitespace()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                } else if bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    return true
                } else {
                    return false
                }
            }
            return false
        case UInt8(ascii: "\""):
            return skipString()
        default:
            // A number or literal: up to the next delimiter.
            let start = i
            scan: while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: break scan
                default: i += 1
                }
            }
            return i > start
        }
    }

    /// The current path as reported: keys joined by dots, array indexes in brackets.
    private func pathText() -> String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += String(decoding: key, as: UTF8.self)
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// Skips a string value at `i`.
    private mutating func skipString() -> Bool {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return false }
        i += 1
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                return true
            case UInt8(ascii: "\\"): i += 2
            default: i += 1
            }
        }
        return false
    }

    /// A key at `i`: the bytes between the quotes, or, for a key written with escapes, its
    /// bytes with the escapes decoded (except `\u`, which is kept as written: key
    /// comparison only needs to be consistent).
    private mutating func scanKey() -> ArraySlice<UInt8>? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: "\"") {
            i += 1
            return bytes[start..<(i - 1)]
        }
        var out = Array(bytes[start..<i])
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return out[...]
            }
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                let e = bytes[i + 1]
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "u"): out.append(contentsOf: [b, e])
                default: out.append(e)
                }
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
        return nil
    }
}

/// The keys of one object seen so far: a short list compared byte by byte (most objects
/// have a handful of keys), a set once there are many.
private struct SeenKeys {
    private var few: [ArraySlice<UInt8>] = []
    private var many: Set<ArraySlice<UInt8>>?

    /// Adds `key`; false if it was already there.
    mutating func insert(_ key: ArraySlice<UInt8>) -> Bool {
        if many != nil { return many?.insert(key).inserted ?? true }
        if few.contains(where: { $0.elementsEqual(key) }) { return false }
        few.append(key)
        if few.count > 16 {
            many = Set(few)
            few = []
        }
        return true
    }
}
