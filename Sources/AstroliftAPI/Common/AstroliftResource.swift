import KubeCore

/// The API group and version of every Astrolift kind.
public enum AstroliftGroup {
    /// `astrolift.dev`.
    public static let name = "astrolift.dev"
    /// `v1alpha1`.
    public static let version = "v1alpha1"
    /// `astrolift.dev/v1alpha1`.
    public static let apiVersion = "\(name)/\(version)"
    /// The kubectl category every kind belongs to: `kubectl get astrolift -A` lists them all.
    public static let category = "astrolift"

    /// Every kind of the group, in the order their CRDs are written.
    public static let kinds: [any AstroliftResource.Type] = [
        Tenant.self, WorkbenchClass.self, Workbench.self, GatewayPolicy.self, ClusterKeyProvider.self,
        KeyProvider.self, KMSSecret.self, IdentityProvider.self,
    ]

    /// A descriptor in this group.
    static func resource(kind: String, plural: String, namespaced: Bool) -> ResourceDescriptor {
        ResourceDescriptor(group: name, version: version, kind: kind, plural: plural, namespaced: namespaced)
    }
}

/// An Astrolift custom resource: a spec the user writes, a status the controller
/// writes, and everything its CustomResourceDefinition needs besides the schema.
public protocol AstroliftResource: HasStatus, SchemaDescribed, Hashable
where StatusType: SchemaDescribed & Hashable {
    /// The desired state.
    associatedtype Spec: Codable & Sendable & Hashable & SchemaDescribed
    /// The desired state.
    var spec: Spec { get set }
    /// Names, printer columns and root rules of the kind's CRD.
    static var definition: ResourceDefinition { get }
}

extension AstroliftResource {
    /// The schema of a whole object: `apiVersion`, `kind`, `metadata`, `spec` and `status`.
    public static var schema: Schema {
        var root = Schema.object(definition.description) {
            Field(
                "apiVersion", Schema(type: .string).example(.string(resource.apiVersion)),
                "The version of the schema the object is written in: " + resource.apiVersion + ".")
            Field(
                "kind", Schema(type: .string).example(.string(resource.kind)),
                "The kind of the object: " + resource.kind + ".")
            Field(
                "metadata", Schema(type: .object),
                "Name, labels, annotations and the other metadata every object has.")
            Field("spec", Spec.self, Spec.schema.description ?? "The desired state.").required()
            Field("status", StatusType.self, StatusType.schema.description ?? "The observed state.")
        }
        root.rules = definition.rules
        // The API server owns metadata's schema; a CRD may only say it is an object.
        if let i = root.properties.firstIndex(where: { $0.name == "metadata" }) {
            root.properties[i].schema.description = nil
        }
        return root
    }
}

/// What a kind's CustomResourceDefinition holds besides the schema.
public struct ResourceDefinition: Sendable, Hashable {
    /// What the kind is for: the top of `kubectl explain KIND`.
    public var description: String
    /// The lower-case singular name, e.g. `workbench`.
    public var singular: String
    /// Abbreviations for kubectl, e.g. `wb`.
    public var shortNames: [String]
    /// kubectl categories; ``AstroliftGroup/category`` is always added.
    public var categories: [String]
    /// The columns `kubectl get` prints, in order.
    public var printerColumns: [PrinterColumn]
    /// CEL rules on the whole object, e.g. on `metadata.name`.
    public var rules: [ValidationRule]

    public init(
        description: String, singular: String, shortNames: [String], categories: [String] = [],
        printerColumns: [PrinterColumn], rules: [ValidationRule] = []
    ) {
        self.description = description
        self.singular = singular
        self.shortNames = shortNames
        self.categories = categories
        self.printerColumns = printerColumns
        self.rules = rules
    }
}

/// A column of `kubectl get`.
public struct PrinterColumn: Sendable, Hashable {
    /// The type of the value, which decides how kubectl formats it.
    public enum ValueType: String, Sendable, Hashable {
        case string, integer, number, boolean
        /// A timestamp, printed as an age (`5m`).
        case date
    }

    /// The header.
    public var name: String
    /// The type of the value.
    public var type: ValueType
    /// The JSONPath of the value, e.g. `.status.phase`.
    public var jsonPath: String
    /// What the column shows.
    public var description: String
    /// 0 for the default view, 1 for `-o wide` only.
    public var priority: Int32

    public init(_ name: String, _ type: ValueType, _ jsonPath: String, _ description: String, priority: Int32 = 0) {
        self.name = name
        self.type = type
        self.jsonPath = jsonPath
        self.description = description
        self.priority = priority
    }

    /// The status of the `Ready` condition.
    public static let ready = PrinterColumn(
        "Ready", .string, ".status.conditions[?(@.type==\"Ready\")].status",
        "Whether the object is ready: the status of its Ready condition.")

    /// Why the object is not ready, when it is not (`-o wide`).
    public static let reason = PrinterColumn(
        "Reason", .string, ".status.conditions[?(@.type==\"Ready\")].reason",
        "The reason of the Ready condition.", priority: 1)

    /// The age of the object, from `metadata.creationTimestamp`.
    public static let age = PrinterColumn(
        "Age", .date, ".metadata.creationTimestamp", "How long ago the object was created.")
}

/// Rules on `metadata.name` shared by several kinds.
extension ValidationRule {
    /// The name must be a DNS-1123 label of at most `maxLength` characters, because it
    /// becomes part of other objects' names or of host names.
    public static func nameIsDNSLabel(maxLength: Int, because reason: String) -> ValidationRule {
        ValidationRule(
            "self.metadata.name.size() <= \(maxLength) && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
            message:
                "metadata.name must be at most \(maxLength) characters of lower-case letters, digits and '-', "
                + "starting with a letter and ending with a letter or digit, because \(reason)")
    }
}
