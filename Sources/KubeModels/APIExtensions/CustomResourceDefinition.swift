import Foundation
import KubeCore

/// `CustomResourceDefinition`: adds a kind to the API. The name must be `<plural>.<group>`.
public struct CustomResourceDefinition: KubernetesObject, Hashable, HasStatus {
    /// The schema version, `apiextensions.k8s.io/v1`.
    public var apiVersion: String?
    /// The kind, `CustomResourceDefinition`.
    public var kind: String?
    /// Name, namespace, labels, annotations and the other metadata every object carries.
    public var metadata: ObjectMeta
    /// The group, names, scope and versions of the new kind.
    public var spec: CustomResourceDefinitionSpec
    /// Whether the names were accepted and the kind is served, written by the server.
    public var status: CustomResourceDefinitionStatus?

    /// Served at `apiextensions.k8s.io/v1`, resource `customresourcedefinitions`, cluster-scoped.
    public static let resource = ResourceDescriptor(
        group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition",
        plural: "customresourcedefinitions", namespaced: false)

    /// An object with `apiVersion` and `kind` already set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: CustomResourceDefinitionSpec,
        status: CustomResourceDefinitionStatus? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Whether the `Established` condition is `True`: the kind is served.
    public var isEstablished: Bool { status?.conditions?.isTrue("Established") ?? false }

    /// Whether the `NamesAccepted` condition is `True`.
    public var namesAccepted: Bool { status?.conditions?.isTrue("NamesAccepted") ?? false }

    /// Where the storage version (or, failing that, the first served version) is served.
    public var servedResource: ResourceDescriptor? {
        let versions = spec.versions
        guard let version = versions.first(where: { $0.storage }) ?? versions.first(where: { $0.served }) else {
            return nil
        }
        return ResourceDescriptor(
            group: spec.group, version: version.name, kind: spec.names.kind, plural: spec.names.plural,
            namespaced: spec.scope == "Namespaced")
    }
}

/// A list of ``CustomResourceDefinition`` objects, as returned by a list request.
public typealias CustomResourceDefinitionList = ObjectList<CustomResourceDefinition>

/// The definition of a custom kind.
public struct CustomResourceDefinitionSpec: Codable, Sendable, Hashable {
    /// The API group, e.g. `astrolift.dev`.
    public var group: String
    /// The plural, singular, kind and short names.
    public var names: CustomResourceDefinitionNames
    /// `Namespaced` or `Cluster`.
    public var scope: String
    /// The served versions; exactly one has `storage: true`.
    public var versions: [CustomResourceDefinitionVersion]
    /// How objects are converted between versions.
    public var conversion: CustomResourceConversion?
    /// Deprecated; must be false for structural schemas.
    public var preserveUnknownFields: Bool?

    public init(
        group: String, names: CustomResourceDefinitionNames, scope: String,
        versions: [CustomResourceDefinitionVersion], conversion: CustomResourceConversion? = nil,
        preserveUnknownFields: Bool? = nil
    ) {
        self.group = group
        self.names = names
        self.scope = scope
        self.versions = versions
        self.conversion = conversion
        self.preserveUnknownFields = preserveUnknownFields
    }
}

/// The names of a custom kind.
public struct CustomResourceDefinitionNames: Codable, Sendable, Hashable {
    /// The lower-case plural used in URLs, e.g. `workbenches`.
    public var plural: String
    /// The lower-case singular, e.g. `workbench`.
    public var singular: String?
    /// The CamelCase kind, e.g. `Workbench`.
    public var kind: String
    /// The list kind; defaults to `<kind>List`.
    public var listKind: String?
    /// Abbreviations for kubectl, e.g. `wb`.
    public var shortNames: [String]?
    /// Groupings for kubectl, e.g. `all`.
    public var categories: [String]?

    public init(
        plural: String, singular: String? = nil, kind: String, listKind: String? = nil,
        shortNames: [String]? = nil, categories: [String]? = nil
    ) {
        self.plural = plural
        self.singular = singular
        self.kind = kind
        self.listKind = listKind
        self.shortNames = shortNames
        self.categories = categories
    }
}

/// One version of a custom kind.
public struct CustomResourceDefinitionVersion: Codable, Sendable, Hashable {
    /// The version, e.g. `v1alpha1`.
    public var name: String
    /// Whether the version is served by the API.
    public var served: Bool
    /// Whether objects are stored in this version; exactly one version must be.
    public var storage: Bool
    /// Whether clients get a deprecation warning.
    public var deprecated: Bool?
    /// The warning text.
    public var deprecationWarning: String?
    /// The OpenAPI v3 schema objects must match.
    public var schema: CustomResourceValidation?
    /// The `status` and `scale` subresources.
    public var subresources: CustomResourceSubresources?
    /// The columns `kubectl get` prints.
    public var additionalPrinterColumns: [CustomResourceColumnDefinition]?
    /// Fields usable in field selectors.
    public var selectableFields: [SelectableField]?

    public init(
        name: String, served: Bool, storage: Bool, deprecated: Bool? = nil, deprecationWarning: String? = nil,
        schema: CustomResourceValidation? = nil, subresources: CustomResourceSubresources? = nil,
        additionalPrinterColumns: [CustomResourceColumnDefinition]? = nil,
        selectableFields: [SelectableField]? = nil
    ) {
        self.name = name
        self.served = served
        self.storage = storage
        self.deprecated = deprecated
        self.deprecationWarning = deprecationWarning
        self.schema = schema
        self.subresources = subresources
        self.additionalPrinterColumns = additionalPrinterColumns
        self.selectableFields = selectableFields
    }
}

/// The validation schema of a custom kind version.
public struct CustomResourceValidation: Codable, Sendable, Hashable {
    /// The structural OpenAPI v3 schema, kept as raw JSON so every keyword survives.
    public var openAPIV3Schema: JSONValue?

    public init(openAPIV3Schema: JSONValue? = nil) {
        self.openAPIV3Schema = openAPIV3Schema
    }
}

/// The subresources of a custom kind version.
public struct CustomResourceSubresources: Codable, Sendable, Hashable {
    /// Enables `/status`: `status` then changes only through it, and `spec` changes bump
    /// `metadata.generation`.
    public var status: CustomResourceSubresourceStatus?
    /// Enables `/scale`, for `kubectl scale` and autoscalers.
    public var scale: CustomResourceSubresourceScale?

    public init(status: CustomResourceSubresourceStatus? = nil, scale: CustomResourceSubresourceScale? = nil) {
        self.status = status
        self.scale = scale
    }
}

/// Enables the status subresource; it has no settings and encodes as `{}`.
public struct CustomResourceSubresourceStatus: Codable, Sendable, Hashable {

    public init() {}
}

/// Where the scale subresource finds replica counts.
public struct CustomResourceSubresourceScale: Codable, Sendable, Hashable {
    /// The JSON path of the desired replicas, e.g. `.spec.replicas`.
    public var specReplicasPath: String
    /// The JSON path of the observed replicas, e.g. `.status.replicas`.
    public var statusReplicasPath: String
    /// The JSON path of the Pod selector in string form, e.g. `.status.selector`.
    public var labelSelectorPath: String?

    public init(specReplicasPath: String, statusReplicasPath: String, labelSelectorPath: String? = nil) {
        self.specReplicasPath = specReplicasPath
        self.statusReplicasPath = statusReplicasPath
        self.labelSelectorPath = labelSelectorPath
    }
}

/// A column `kubectl get` prints for a custom kind.
public struct CustomResourceColumnDefinition: Codable, Sendable, Hashable {
    /// The column header.
    public var name: String
    /// `integer`, `number`, `string`, `boolean` or `date`.
    public var type: String
    /// An OpenAPI format refining `type`.
    public var format: String?
    /// A description of the column.
    public var description: String?
    /// 0 for the default view; higher only with `-o wide`.
    public var priority: Int32?
    /// The JSON path of the value, e.g. `.status.phase`.
    public var jsonPath: String

    public init(
        name: String, type: String, format: String? = nil, description: String? = nil, priority: Int32? = nil,
        jsonPath: String
    ) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
        self.jsonPath = jsonPath
    }
}

/// A field of a custom kind usable in field selectors.
public struct SelectableField: Codable, Sendable, Hashable {
    /// The JSON path of the field, e.g. `.spec.owner`.
    public var jsonPath: String

    public init(jsonPath: String) {
        self.jsonPath = jsonPath
    }
}

/// How a custom kind converts between versions.
public struct CustomResourceConversion: Codable, Sendable, Hashable {
    /// `None` (only `apiVersion` changes) or `Webhook`.
    public var strategy: String
    /// The conversion webhook settings, kept as raw JSON.
    public var webhook: JSONValue?

    public init(strategy: String, webhook: JSONValue? = nil) {
        self.strategy = strategy
        self.webhook = webhook
    }
}

/// The observed state of a CustomResourceDefinition.
public struct CustomResourceDefinitionStatus: Codable, Sendable, Hashable {
    /// `Established`, `NamesAccepted`, `NonStructuralSchema`, `Terminating`.
    public var conditions: [ObjectCondition]?
    /// The names actually in use; they differ from `spec.names` on conflicts.
    public var acceptedNames: CustomResourceDefinitionNames?
    /// Versions objects have ever been stored in.
    public var storedVersions: [String]?

    public init(
        conditions: [ObjectCondition]? = nil, acceptedNames: CustomResourceDefinitionNames? = nil,
        storedVersions: [String]? = nil
    ) {
        self.conditions = conditions
        self.acceptedNames = acceptedNames
        self.storedVersions = storedVersions
    }
}
