import KubeCore
import KubeModels

/// Builds the apiextensions.k8s.io/v1 CustomResourceDefinitions of Astrolift's kinds
/// from their types: the schema each type declares, and its ``ResourceDefinition``.
public enum CRDGenerator {
    /// The line every generated file starts with.
    public static let generatedHeader =
        "# Generated from the types in Sources/AstroliftAPI by hack/generate.sh. Do not edit.\n"

    /// The CRD of `kind`.
    public static func customResourceDefinition<K: AstroliftResource>(for kind: K.Type) -> CustomResourceDefinition {
        let resource = K.resource
        let definition = K.definition
        var categories = definition.categories
        if !categories.contains(AstroliftGroup.category) { categories.append(AstroliftGroup.category) }
        let version = CustomResourceDefinitionVersion(
            name: resource.version, served: true, storage: true,
            schema: CustomResourceValidation(openAPIV3Schema: K.schema.openAPI),
            subresources: CustomResourceSubresources(status: CustomResourceSubresourceStatus()),
            additionalPrinterColumns: definition.printerColumns.map { column in
                CustomResourceColumnDefinition(
                    name: column.name, type: column.type.rawValue, description: column.description,
                    priority: column.priority == 0 ? nil : column.priority, jsonPath: column.jsonPath)
            })
        return CustomResourceDefinition(
            metadata: ObjectMeta(
                name: resource.qualifiedName,
                labels: ["app.kubernetes.io/name": "astrolift", "app.kubernetes.io/part-of": "astrolift"]),
            spec: CustomResourceDefinitionSpec(
                group: resource.group,
                names: CustomResourceDefinitionNames(
                    plural: resource.plural, singular: definition.singular, kind: resource.kind,
                    listKind: resource.kind + "List", shortNames: definition.shortNames, categories: categories),
                scope: resource.namespaced ? "Namespaced" : "Cluster",
                versions: [version]))
    }

    /// The CRDs of every kind, in ``AstroliftGroup/kinds`` order.
    public static func all() -> [CustomResourceDefinition] {
        AstroliftGroup.kinds.map { customResourceDefinition(for: $0) }
    }

    /// The file a CRD is written to: `astrolift.dev_<plural>.yaml`.
    public static func fileName(for crd: CustomResourceDefinition) -> String {
        "\(crd.spec.group)_\(crd.spec.names.plural).yaml"
    }

    /// A CRD as a YAML document with the generated-file header.
    public static func yaml(_ crd: CustomResourceDefinition) throws -> String {
        generatedHeader + YAMLDocuments.render(try JSONValue(encoding: crd))
    }

    /// Every CRD as one multi-document YAML stream.
    public static func yamlStream() throws -> String {
        generatedHeader + YAMLDocuments.render(try all().map { try JSONValue(encoding: $0) })
    }
}
