import Foundation
import KubeCore

/// Output formats of `get`.
enum OutputFormat: String, CaseIterable {
    case table = ""
    case wide, json, yaml, name
}

/// Prints objects the way `kubectl get -o …` does.
enum ObjectPrinter {
    /// A single object, or a `List` of several, as JSON or YAML.
    static func document(_ objects: [JSONValue], single: Bool) -> JSONValue {
        if single, let only = objects.first { return only }
        return [
            "apiVersion": "v1", "kind": "List", "items": .array(objects), "metadata": ["resourceVersion": ""],
        ]
    }

    static func json(_ value: JSONValue) throws -> String {
        String(decoding: try KubeJSON.encodePretty(value), as: UTF8.self)
    }

    static func yaml(_ value: JSONValue) -> String {
        YAMLDocuments.render(value)
    }

    /// `kind.group/name`, e.g. `deployment.apps/web`, `pod/web-0`.
    static func name(_ object: JSONValue, resource: ResourceDescriptor) -> String {
        let kind = resource.kind.lowercased()
        let qualified = resource.group.isEmpty ? kind : "\(kind).\(resource.group)"
        return "\(qualified)/\(object[path: ["metadata", "name"]]?.stringValue ?? "")"
    }

    /// A server-rendered table, with a NAMESPACE column first when listing all namespaces.
    static func table(_ table: Table, wide: Bool, withNamespace: Bool) -> String {
        let visible = table.columnDefinitions.enumerated().filter { wide || ($0.element.priority ?? 0) == 0 }
        var header = visible.map { $0.element.name.uppercased() }
        if withNamespace { header.insert("NAMESPACE", at: 0) }
        var text = TextTable(header: header)
        for row in table.rows ?? [] {
            var cells = visible.map { column -> String in
                let cell = column.offset < row.cells.count ? row.cells[column.offset] : .null
                return render(cell, type: column.element.type)
            }
            if withNamespace {
                cells.insert(row.object?[path: ["metadata", "namespace"]]?.stringValue ?? "", at: 0)
            }
            text.add(cells)
        }
        return text.render()
    }

    /// The fallback table when the server does not render one: NAME and AGE.
    static func basicTable(_ objects: [JSONValue], withNamespace: Bool) -> String {
        var text = TextTable(header: (withNamespace ? ["NAMESPACE"] : []) + ["NAME", "AGE"])
        for o in objects {
            var row = [
                o[path: ["metadata", "name"]]?.stringValue ?? "",
                HumanDuration.age(of: o[path: ["metadata", "creationTimestamp"]]?.stringValue),
            ]
            if withNamespace { row.insert(o[path: ["metadata", "namespace"]]?.stringValue ?? "", at: 0) }
            text.add(row)
        }
        return text.render()
    }

    private static func render(_ cell: JSONValue, type: String) -> String {
        switch cell {
        case .null: return "<none>"
        case .string(let s):
            // CRD printer columns of type date carry timestamps; show them as ages like kubectl.
            if type == "date", RFC3339.parse(s) != nil { return HumanDuration.age(of: s) }
            return s.isEmpty && type == "string" ? "" : s
        case .int(let i): return String(i)
        case .double(let d): return d.rounded() == d ? String(Int64(d)) : String(d)
        case .bool(let b): return b ? "true" : "false"
        case .array(let a): return a.map { render($0, type: "string") }.joined(separator: ",")
        case .object: return cell.jsonString
        }
    }
}
