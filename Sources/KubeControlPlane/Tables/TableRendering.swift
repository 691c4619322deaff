import Foundation
import KubeCore
import KubeHTTPServer

/// Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`),
/// which `kubectl get` asks for: built-in kinds get the columns kubectl users know,
/// custom resources their CRD's `additionalPrinterColumns`.
enum TableRendering {
    static func wanted(_ request: ServerRequest) -> Bool {
        (request.header("Accept") ?? "").contains("as=Table")
    }

    typealias Column = (definition: Table.Column, cell: @Sendable (JSONValue) -> JSONValue)

    static func table(
        for objects: [StoredObject], resource r: ServedResource, listRevision: Int64?, continueToken: String?,
        request: ServerRequest
    ) throws -> Data {
        let columns = self.columns(for: r)
        let includeObject = request.queryValue("includeObject") ?? "Metadata"
        var rows: [JSONValue] = []
        for stored in objects {
            let json = try stored.json()
            var row: [String: JSONValue] = ["cells": .array(columns.map { $0.cell(json) })]
            switch includeObject {
            case "None": break
            // The object as served at the resource's version (cells are computed from storage).
            case "Object":
                row["object"] = try r.conversion == nil && r.crdName == nil ? json : JSONValue.parse(r.serve(stored))
            default:
                row["object"] = [
                    "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                    "metadata": json["metadata"] ?? [:],
                ]
            }
            rows.append(.object(row))
        }
        var meta: [String: JSONValue] = [:]
        if let listRevision { meta["resourceVersion"] = .string(String(listRevision)) }
        if let continueToken { meta["continue"] = .string(continueToken) }
        let definitions = try columns.map { try JSONValue(encoding: $0.definition) }
        let table: JSONValue = [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": .object(meta),
            "columnDefinitions": .array(definitions), "rows": .array(rows),
        ]
        return table.serialized()
    }

    static func age(_ o: JSONValue) -> JSONValue {
        .string(HumanDuration.age(of: o[path: ["metadata", "creationTimestamp"]]?.stringValue))
    }

    static let nameColumn: Column = (
        Table.Column(
            name: "Name", type: "string", format: "name",
            description: "Name must be unique within a namespace.", priority: 0),
        { $0[path: ["metadata", "name"]] ?? "" }
    )
    static let ageColumn: Column = (
        Table.Column(
            name: "Age", type: "string", format: "",
            description: "CreationTimestamp is a timestamp representing the server time when this object was created.",
            priority: 0),
        { age($0) }
    )

    static func column(
        _ name: String, priority: Int = 0, _ cell: @escaping @Sendable (JSONValue) -> JSONValue
    ) -> Column {
        (Table.Column(name: name, type: "string", format: "", description: name, priority: priority), cell)
    }

    static func columns(for r: ServedResource) -> [Column] {
        if r.crdName != nil { return CRDColumns.columns(r) }
        switch (r.group, r.plural) {
        case ("", "pods"): return [nameColumn] + PodColumns.all + [ageColumn] + PodColumns.wide
        case ("", "events"), ("events.k8s.io", "events"): return EventColumns.all
        case ("", "namespaces"):
            return [nameColumn, column("Status") { $0[path: ["status", "phase"]] ?? "" }, ageColumn]
        case ("", "configmaps"):
            return [
                nameColumn,
                column("Data") {
                    .int(Int64(($0["data"]?.objectValue?.count ?? 0) + ($0["binaryData"]?.objectValue?.count ?? 0)))
                },
                ageColumn,
            ]
        case ("", "secrets"):
            return [
                nameColumn, column("Type") { $0["type"] ?? "Opaque" },
                column("Data") { .int(Int64($0["data"]?.objectValue?.count ?? 0)) }, ageColumn,
            ]
        case ("", "serviceaccounts"):
            return [nameColumn, column("Secrets") { .int(Int64($0["secrets"]?.arrayValue?.count ?? 0)) }, ageColumn]
        case ("", "services"):
            return [
                nameColumn, column("Type") { $0[path: ["spec", "type"]] ?? "ClusterIP" },
                column("Cluster-IP") { $0[path: ["spec", "clusterIP"]] ?? "<none>" },
                column("External-IP") { _ in "<none>" },
                column("Port(s)") { o in
                    let ports = (o[path: ["spec", "ports"]]?.arrayValue ?? []).map { p in
                        "\(p["port"]?.intValue ?? 0)/\(p["protocol"]?.stringValue ?? "TCP")"
                    }
                    return .string(ports.isEmpty ? "<none>" : ports.joined(separator: ","))
                }, ageColumn,
            ]
        case ("", "persistentvolumeclaims"):
            return [
                nameColumn, column("Status") { $0[path: ["status", "phase"]] ?? "Pending" },
                column("Volume") { $0[path: ["spec", "volumeName"]] ?? "" },
                column("Capacity") { $0[path: ["status", "capacity", "storage"]] ?? "" },
                column("Access Modes") { o in
                    .string(
                        (o[path: ["status", "accessModes"]]?.arrayValue ?? []).compactMap(\.stringValue).map {
                            [
                                "ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX",
                                "ReadWriteOncePod": "RWOP",
                            ][$0] ?? $0
                        }.joined(separator: ","))
                },
                column("StorageClass") { $0[path: ["spec", "storageClassName"]] ?? "<unset>" }, ageColumn,
            ]
        case ("apps", "deployments"):
            return [
                nameColumn,
                column("Ready") { o in
                    .string(
                        "\(o[path: ["status", "readyReplicas"]]?.intValue ?? 0)/\(o[path: ["spec", "replicas"]]?.intValue ?? 1)"
                    )
                },
                column("Up-to-date") { .int($0[path: ["status", "updatedReplicas"]]?.intValue ?? 0) },
                column("Available") { .int($0[path: ["status", "availableReplicas"]]?.intValue ?? 0) }, ageColumn,
            ] + WorkloadColumns.wide
        case ("apps", "statefulsets"), ("apps", "replicasets"):
            return [
                nameColumn,
                column("Ready") { o in
                    .string(
                        "\(o[path: ["status", "readyReplicas"]]?.intValue ?? 0)/\(o[path: ["spec", "replicas"]]?.intValue ?? 1)"
                    )
                }, ageColumn,
            ]
        case ("batch", "jobs"):
            return [
                nameColumn,
                column("Status") { o in
                    let done =
                        (o[path: ["status", "succeeded"]]?.intValue ?? 0)
                        >= (o[path: ["spec", "completions"]]?.intValue ?? 1)
                    return .string(done ? "Complete" : "Running")
                },
                column("Completions") { o in
                    .string(
                        "\(o[path: ["status", "succeeded"]]?.intValue ?? 0)/\(o[path: ["spec", "completions"]]?.intValue ?? 1)"
                    )
                }, ageColumn,
            ]
        case ("apiextensions.k8s.io", "customresourcedefinitions"):
            return [
                nameColumn,
                (
                    Table.Column(name: "Created At", type: "date", format: "", description: "Created At", priority: 0),
                    { $0[path: ["metadata", "creationTimestamp"]] ?? "" }
                ),
            ]
        default:
            return [nameColumn, ageColumn]
        }
    }
}

/// The `-o wide` columns of workloads: their containers, images and selector.
enum WorkloadColumns {
    static func containers(_ o: JSONValue) -> [JSONValue] {
        o[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
    }

    static let wide: [TableRendering.Column] = [
        TableRendering.column("Containers", priority: 1) { o in
            .string(containers(o).compactMap { $0["name"]?.stringValue }.joined(separator: ","))
        },
        TableRendering.column("Images", priority: 1) { o in
            .string(containers(o).compactMap { $0["image"]?.stringValue }.joined(separator: ","))
        },
        TableRendering.column("Selector", priority: 1) { o in
            let labels = o[path: ["spec", "selector", "matchLabels"]]?.objectValue ?? [:]
            return .string(labels.keys.sorted().map { "\($0)=\(labels[$0]?.stringValue ?? "")" }.joined(separator: ","))
        },
    ]
}

/// Pod columns: READY, STATUS, RESTARTS; IP and NODE with `-o wide`.
enum PodColumns {
    static let all: [TableRendering.Column] = [
        TableRendering.column("Ready") { o in
            let statuses = o[path: ["status", "containerStatuses"]]?.arrayValue ?? []
            let total = o[path: ["spec", "containers"]]?.arrayValue?.count ?? statuses.count
            let ready = statuses.filter { $0["ready"]?.boolValue == true }.count
            return .string("\(ready)/\(total)")
        },
        TableRendering.column("Status") { o in
            if o[path: ["metadata", "deletionTimestamp"]] != nil { return "Terminating" }
            return o[path: ["status", "phase"]] ?? "Pending"
        },
        TableRendering.column("Restarts") { o in
            .int(
                (o[path: ["status", "containerStatuses"]]?.arrayValue ?? []).reduce(0) {
                    $0 + ($1["restartCount"]?.intValue ?? 0)
                })
        },
    ]
    static let wide: [TableRendering.Column] = [
        TableRendering.column("IP", priority: 1) { $0[path: ["status", "podIP"]] ?? "<none>" },
        TableRendering.column("Node", priority: 1) { $0[path: ["spec", "nodeName"]] ?? "<none>" },
    ]
}

/// Columns of a custom resource: its CRD's `additionalPrinterColumns`, or NAME and AGE.
enum CRDColumns {
    static func columns(_ r: ServedResource) -> [TableRendering.Column] {
        var result: [TableRendering.Column] = [TableRendering.nameColumn]
        var hasAge = false
        for c in r.printerColumns {
            guard let name = c["name"]?.stringValue, let path = c["jsonPath"]?.stringValue else { continue }
            let type = c["type"]?.stringValue ?? "string"
            if path == ".metadata.creationTimestamp" { hasAge = true }
            let definition = Table.Column(
                name: name, type: type, format: c["format"]?.stringValue ?? "",
                description: c["description"]?.stringValue ?? "", priority: Int(c["priority"]?.intValue ?? 0))
            if type == "date" {
                // The real server prints date columns as ages, as it does creationTimestamp.
                result.append(
                    (
                        definition,
                        { o in
                            guard let text = SimpleJSONPath.evaluate(path, in: o)?.stringValue,
                                let date = RFC3339.parse(text)
                            else { return .null }
                            return .string(HumanDuration.format(Date().timeIntervalSince(date)))
                        }
                    ))
            } else {
                result.append((definition, { SimpleJSONPath.evaluate(path, in: $0) ?? .null }))
            }
        }
        if r.printerColumns.isEmpty || !hasAge && r.printerColumns.isEmpty {
            result.append(TableRendering.ageColumn)
        }
        return result
    }
}

/// The subset of JSONPath CRD printer columns use: `.a.b`, `.a[0].b` (a negative
/// index counts from the end), `.a[*].b`, `.a[?(@.type=="Ready")].status`. A path may
/// find several values; like the Kubernetes API server, a column shows the first.
enum SimpleJSONPath {
    static func evaluate(_ path: String, in object: JSONValue) -> JSONValue? {
        results(path, in: object)?.first
    }

    /// Every value `path` finds, in document order; `nil` for a path outside the subset.
    static func results(_ path: String, in object: JSONValue) -> [JSONValue]? {
        var current: [JSONValue] = [object]
        var rest = Substring(path.hasPrefix("{") ? String(path.dropFirst().dropLast()) : path)
        while !rest.isEmpty {
            if rest.hasPrefix(".") { rest = rest.dropFirst() }
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                if inner == "*" {
                    current = current.flatMap { $0.arrayValue ?? [] }
                } else if let index = Int(inner) {
                    current = current.compactMap { (value: JSONValue) -> JSONValue? in
                        guard let array = value.arrayValue else { return nil }
                        let i = index < 0 ? array.count + index : index
                        return array.indices.contains(i) ? array[i] : nil
                    }
                } else if inner.hasPrefix("?(@."), let eq = inner.range(of: "==") {
                    let field = String(inner[inner.index(inner.startIndex, offsetBy: 4)..<eq.lowerBound])
                    var wanted = inner[eq.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: ")"))
                    wanted = wanted.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                    current = current.flatMap { ($0.arrayValue ?? []).filter { $0[field]?.stringValue == wanted } }
                } else {
                    return nil
                }
                continue
            }
            let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
            let key = String(rest[..<end])
            rest = rest[end...]
            current = current.compactMap { $0[key] }
        }
        return current
    }
}
