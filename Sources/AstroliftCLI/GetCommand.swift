import ArgumentParser
import Foundation
import KubeClient
import KubeCore

/// `astrolift get KIND [NAME]`: reads objects like `kubectl get`.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Display one or many resources.",
        discussion: """
            KIND is any name kubectl accepts: plural, singular, short name or kind, \
            optionally qualified by group (pods, po, deployments.apps, workbench.astrolift.dev).
            """
    )

    @Argument(help: "The resource type.")
    var kind: String

    @Argument(help: "The object's name; omit to list.")
    var name: String?

    @Option(name: [.short, .customLong("output")], help: "Output format: json, yaml, name or wide.")
    var output: String?

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector, e.g. app=web,tier!=db.")
    var selector: String?

    @Option(name: .customLong("field-selector"), help: "Field selector, e.g. metadata.name=web.")
    var fieldSelector: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List across all namespaces.")
    var allNamespaces = false

    @Option(name: .customLong("chunk-size"), help: "Objects per page when listing.")
    var chunkSize = 500

    @Flag(name: .customLong("ignore-not-found"), help: "Print nothing and succeed when the object does not exist.")
    var ignoreNotFound = false

    @OptionGroup var cluster: ClusterOptions

    func validate() throws {
        if let output, OutputFormat(rawValue: output) == nil || output.isEmpty {
            throw ValidationError("unknown output format '\(output)': use json, yaml, name or wide")
        }
        if name != nil && allNamespaces {
            throw ValidationError("a name cannot be combined with --all-namespaces")
        }
        if chunkSize < 1 { throw ValidationError("--chunk-size must be positive") }
    }

    func run() async throws {
        try await reportingErrors {
            try await cluster.withClient { client in try await get(client) }
        }
    }

    private func get(_ client: KubeClient) async throws {
        let format = OutputFormat(rawValue: output ?? "") ?? .table
        let resource = try await DiscoveryCache(client: client).resolve(kind)
        let namespace: String? =
            resource.namespaced ? (allNamespaces ? nil : (cluster.namespace ?? client.defaultNamespace)) : nil
        let api = client.dynamicApi(resource, namespace: namespace)
        let listOptions = ListOptions(labelSelector: selector, fieldSelector: fieldSelector)
        let showNamespace = allNamespaces && resource.namespaced

        if format == .table || format == .wide {
            do {
                if let table = try await api.table(
                    name: name, ListOptions(labelSelector: selector, fieldSelector: fieldSelector, limit: nil))
                {
                    if (table.rows ?? []).isEmpty {
                        Terminal.error(noneFound(namespace: namespace, resource: resource))
                    } else {
                        Terminal.out(ObjectPrinter.table(table, wide: format == .wide, withNamespace: showNamespace))
                    }
                    return
                }
            } catch let error as KubeAPIError where error.isNotFound && ignoreNotFound {
                return
            }
        }

        var objects: [JSONValue]
        if let name {
            do {
                objects = [try await api.get(name).raw]
            } catch let error as KubeAPIError where error.isNotFound && ignoreNotFound {
                return
            }
        } else {
            objects = try await api.listAll(listOptions, pageSize: chunkSize).items.map(\.raw)
        }
        switch format {
        case .json: Terminal.out(try ObjectPrinter.json(ObjectPrinter.document(objects, single: name != nil)))
        case .yaml: Terminal.write(ObjectPrinter.yaml(ObjectPrinter.document(objects, single: name != nil)))
        case .name: objects.forEach { Terminal.out(ObjectPrinter.name($0, resource: resource)) }
        case .table, .wide:
            if objects.isEmpty {
                Terminal.error(noneFound(namespace: namespace, resource: resource))
            } else {
                Terminal.out(ObjectPrinter.basicTable(objects, withNamespace: showNamespace))
            }
        }
    }

    private func noneFound(namespace: String?, resource: ResourceDescriptor) -> String {
        if let namespace, resource.namespaced { return "No resources found in \(namespace) namespace." }
        return "No resources found"
    }
}
