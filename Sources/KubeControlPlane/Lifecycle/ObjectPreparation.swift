import Foundation
import KubeAPIMachinery
import KubeCore
import Synchronization

/// What the API server does to every object before storing it: fill in
/// server-owned metadata, keep what clients may not change, validate names
/// and labels, and apply the defaults of the built-in kinds.
enum ObjectPreparation {
    /// Characters the real server uses for `generateName` suffixes (no vowels, no look-alikes).
    private static let suffixAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    static func randomSuffix() -> String {
        String((0..<5).map { _ in suffixAlphabet.randomElement() ?? "x" })
    }

    /// Parses a request body: JSON, or YAML for the apply content type.
    static func parseBody(_ body: [UInt8], contentType: String?) throws -> JSONValue {
        let type =
            (contentType ?? "application/json").split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            } ?? "application/json"
        if KubeProtobuf.isProtobuf(contentType: type) {
            // kubectl's imperative `create` commands send protobuf.
            do {
                return try KubeProtobuf.decodeObject(body)
            } catch {
                throw APIStatus(code: 415, reason: .unsupportedMediaType, message: "\(error)")
            }
        }
        guard type.hasSuffix("json") || type.contains("yaml") else {
            // CBOR is not spoken here.
            throw APIStatus.unsupportedMediaType(
                type, accepted: ["application/json", "application/yaml", "application/apply-patch+yaml"])
        }
        do {
            if type.contains("yaml") {
                // Clients send server-side apply bodies as JSON (kubectl, client-go, our
                // own client); JSON is YAML, and the JSON parser is far cheaper. A flow
                // mapping that is not JSON (`{a: b}`) falls through to the YAML parser.
                if body.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "{"),
                    let json = try? JSONValue.parse(Data(body))
                {
                    return json
                }
                return try YAMLDocuments.parseSingle(String(decoding: body, as: UTF8.self))
            }
            return try JSONValue.parse(Data(body))
        } catch {
            throw APIStatus.badRequest("the request body could not be decoded as \(type): \(error)")
        }
    }

    /// Checks `apiVersion` and `kind` against the resource and fills them in.
    static func checkType(_ object: inout JSONValue, _ r: ServedResource) throws {
        guard object.objectValue != nil else {
            throw APIStatus.badRequest("the request body must be a JSON object")
        }
        if let apiVersion = object["apiVersion"]?.stringValue, !apiVersion.isEmpty, apiVersion != r.apiVersion {
            throw APIStatus.badRequest(
                "the API version in the data (\(apiVersion)) does not match the expected API version (\(r.apiVersion))")
        }
        if let kind = object["kind"]?.stringValue, !kind.isEmpty, kind != r.kind {
            throw APIStatus.badRequest("the kind in the data (\(kind)) does not match the expected kind (\(r.kind))")
        }
        object["apiVersion"] = .string(r.apiVersion)
        object["kind"] = .string(r.kind)
    }

    /// Validates name, labels and annotations the way the real server does.
    static func validateMetadata(_ object: JSONValue, _ r: ServedResource, name: String) -> [StatusCause] {
        var causes: [StatusCause] = []
        let nameErrors: [String]
        switch (r.group, r.plural) {
        case ("", "namespaces"): nameErrors = Validation.dns1123Label(name)
        case ("", "services"): nameErrors = Validation.dns1035Label(name)
        default: nameErrors = Validation.dns1123Subdomain(name)
        }
        for e in nameErrors {
            causes.append(
                StatusCause(
                    reason: "FieldValueInvalid", message: "Invalid value: \"\(name)\": \(e)", field: "metadata.name"))
        }
        let labels = (object[path: ["metadata", "labels"]]?.objectValue ?? [:])
        for key in labels.keys.sorted() {
            guard let value = labels[key]?.stringValue else {
                causes.append(
                    StatusCause(
                        reason: "FieldValueTypeInvalid", message: "label values must be strings",
                        field: "metadata.labels"))
                continue
            }
            for e in Validation.labelKey(key) {
                causes.append(
                    StatusCause(
                        reason: "FieldValueInvalid", message: "Invalid value: \"\(key)\": \(e)",
                        field: "metadata.labels"))
            }
            for e in Validation.labelValue(value) {
                causes.append(
                    StatusCause(
                        reason: "FieldValueInvalid", message: "Invalid value: \"\(value)\": \(e)",
                        field: "metadata.labels"))
            }
        }
        for reference in object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [] {
            for field in ["apiVersion", "kind", "name", "uid"] where (reference[field]?.stringValue ?? "").isEmpty {
                let detail = field == "uid" ? "uid must not be empty" : "\(field) must not be empty"
                causes.append(
                    StatusCause(
                        reason: "FieldValueInvalid", message: "Invalid value: \"\": \(detail)",
                        field: "metadata.ownerReferences.\(field)"))
            }
        }
        let annotations = object[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        for key in annotations.keys.sorted() {
            for e in Validation.qualifiedName(key.lowercased()) {
                causes.append(
                    StatusCause(
                        reason: "FieldValueInvalid", message: "Invalid value: \"\(key)\": \(e)",
                        field: "metadata.annotations"))
            }
        }
        let size = annotations.reduce(0) { $0 + $1.key.utf8.count + ($1.value.stringValue?.utf8.count ?? 0) }
        if size > 256 * 1024 {
            causes.append(
                StatusCause(
                    reason: "FieldValueTooLong", message: "Too long: must have at most 262144 bytes",
                    field: "metadata.annotations"))
        }
        return causes
    }

    /// Fills in server-owned metadata of a new object and the built-in kinds' defaults.
    static func prepareCreate(_ object: inout JSONValue, _ r: ServedResource, now: Time) {
        object[path: ["metadata", "uid"]] = .string(UUID.random().uuidString.lowercased())
        object[path: ["metadata", "creationTimestamp"]] = .string(now.description)
        if tracksGeneration(r) {
            object[path: ["metadata", "generation"]] = .int(1)
        } else {
            object[path: ["metadata", "generation"]] = Optional<JSONValue>.none
        }
        object[path: ["metadata", "deletionTimestamp"]] = nil
        object[path: ["metadata", "deletionGracePeriodSeconds"]] = nil
        object[path: ["metadata", "resourceVersion"]] = nil
        object[path: ["metadata", "selfLink"]] = nil
        if r.hasStatusSubresource && r.crdName != nil {
            // A custom resource's status is only written through /status.
            object["status"] = nil
        }
        BuiltinDefaults.apply(&object, r)
        if r.group == "", r.plural == "services" { ServiceIPs.allocate(&object) }
    }

    /// Whether the kind has `metadata.generation` (kinds with a desired state that
    /// controllers observe; ConfigMaps, Secrets and the like have none).
    static func tracksGeneration(_ r: ServedResource) -> Bool {
        if r.crdName != nil { return true }
        return [
            "apps", "batch", "networking.k8s.io", "apiextensions.k8s.io", "policy", "autoscaling",
        ].contains(r.group)
    }

    /// Carries server-owned metadata from `old` to `new` on update, and decides the generation.
    static func prepareUpdate(_ new: inout JSONValue, old: JSONValue, _ r: ServedResource, subresource: String?) {
        for field in [
            "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace",
            "name",
        ] {
            new[path: ["metadata", field]] = old[path: ["metadata", field]]
        }
        if subresource == "status" {
            // Writes to /status change only the status.
            var merged = old
            merged["status"] = new["status"]
            new = merged
            return
        }
        if r.hasStatusSubresource {
            new["status"] = old["status"]
        }
        BuiltinDefaults.apply(&new, r)
        if r.group == "", r.plural == "services" { ServiceIPs.keep(&new, from: old) }
        // metadata.generation counts changes to everything but metadata and status.
        var oldSpec = old
        var newSpec = new
        for key in ["metadata", "status"] {
            oldSpec[key] = nil
            newSpec[key] = nil
        }
        if oldSpec != newSpec && tracksGeneration(r) {
            new[path: ["metadata", "generation"]] = .int((old[path: ["metadata", "generation"]]?.intValue ?? 1) + 1)
        }
    }
}

/// Defaults of the built-in kinds that clients rely on seeing.
enum BuiltinDefaults {
    static func apply(_ o: inout JSONValue, _ r: ServedResource) {
        switch (r.group, r.plural) {
        case ("", "namespaces"):
            // The real server labels every namespace with its name (for namespace selectors).
            if let name = o[path: ["metadata", "name"]]?.stringValue {
                o[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] = .string(name)
            }
            if o[path: ["spec", "finalizers"]] == nil { o[path: ["spec", "finalizers"]] = ["kubernetes"] }
            if o[path: ["status", "phase"]] == nil { o[path: ["status", "phase"]] = "Active" }
        case ("", "secrets"):
            if o["type"] == nil { o["type"] = "Opaque" }
        case ("", "services"):
            if o[path: ["spec", "type"]] == nil { o[path: ["spec", "type"]] = "ClusterIP" }
            if var ports = o[path: ["spec", "ports"]]?.arrayValue {
                for i in ports.indices {
                    if ports[i]["protocol"] == nil { ports[i]["protocol"] = "TCP" }
                    if ports[i]["targetPort"] == nil { ports[i]["targetPort"] = ports[i]["port"] }
                }
                o[path: ["spec", "ports"]] = .array(ports)
            }
        case ("apps", "deployments"), ("apps", "statefulsets"), ("apps", "replicasets"):
            if o[path: ["spec", "replicas"]] == nil { o[path: ["spec", "replicas"]] = 1 }
        case ("", "pods"):
            if o[path: ["status", "phase"]] == nil { o[path: ["status", "phase"]] = "Pending" }
        case ("", "persistentvolumeclaims"):
            if o[path: ["status", "phase"]] == nil { o[path: ["status", "phase"]] = "Pending" }
        default:
            break
        }
    }
}

/// Cluster IPs of Services, assigned when a Service is created, as kube-apiserver's
/// Service storage does (not by a controller afterwards): a Service is never seen
/// without its address, and an update that leaves the address out keeps it.
enum ServiceIPs {
    private static let next = Atomic<UInt32>(1)

    static func allocate(_ service: inout JSONValue) {
        let type = service[path: ["spec", "type"]]?.stringValue
        let current = service[path: ["spec", "clusterIP"]]?.stringValue ?? ""
        guard type != "ExternalName", current.isEmpty else { return }
        let n = next.wrappingAdd(1, ordering: .relaxed).newValue
        let ip = "10.96.\((n >> 8) & 0xFF).\(n & 0xFF)"
        service[path: ["spec", "clusterIP"]] = .string(ip)
        service[path: ["spec", "clusterIPs"]] = [.string(ip)]
    }

    static func keep(_ new: inout JSONValue, from old: JSONValue) {
        guard (new[path: ["spec", "clusterIP"]]?.stringValue ?? "").isEmpty,
            let ip = old[path: ["spec", "clusterIP"]]
        else { return }
        new[path: ["spec", "clusterIP"]] = ip
        if new[path: ["spec", "clusterIPs"]] == nil {
            new[path: ["spec", "clusterIPs"]] = old[path: ["spec", "clusterIPs"]]
        }
    }
}
