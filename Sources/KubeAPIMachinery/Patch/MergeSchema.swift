import KubeCore

/// How the members of an object merge, per `x-kubernetes-map-type` or Go's struct tags.
public enum ObjectSemantics: Sendable, Hashable {
    /// A structure with named fields (a Go struct, an OpenAPI object with `properties`):
    /// members merge one by one, and are not themselves owned unless they are leaves.
    case structure
    /// A map with free keys (`labels`, `additionalProperties`): members merge one by one and
    /// each member is owned as an entry.
    case map
    /// Replaced whole (`x-kubernetes-map-type: atomic`, `+structType=atomic`).
    case atomic
}

/// How the items of a list are identified, per `x-kubernetes-list-type`.
public enum ListSemantics: Sendable, Hashable {
    /// Replaced whole; the default for lists.
    case atomic
    /// A set of scalars, merged by value (`x-kubernetes-list-type: set`).
    case set
    /// An associative list of objects, merged by these key fields
    /// (`x-kubernetes-list-type: map` with `x-kubernetes-list-map-keys`).
    case map(keys: [String])
}

/// The strategic-merge-patch strategy of a field (Go's `patchStrategy` tag).
public struct PatchStrategy: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Lists merge by `patchMergeKey` (objects) or by value (scalars) instead of being replaced.
    public static let merge = PatchStrategy(rawValue: 1)
    /// Clients may send `$retainKeys` for this object (the server honours it regardless).
    public static let retainKeys = PatchStrategy(rawValue: 2)
    /// The object is replaced instead of merged.
    public static let replace = PatchStrategy(rawValue: 4)
}

/// The schema of one value in an object, as patches and server-side apply need it.
///
/// A node describes the value reached by a field: if the value is an object, how its members
/// merge and what their schemas are; if it is a list, how its items are identified; and the
/// field's strategic-merge-patch tags. Nodes are walked lazily from the root of a kind, so a
/// conformance can wrap a static table (``BuiltinPatchSchemas``) or an OpenAPI schema
/// (``CustomResourceMergeSchema``). Values the schema does not describe use ``UntypedMergeSchema``.
public protocol MergeSchema: Sendable {
    /// How an object value here merges.
    var objectSemantics: ObjectSemantics { get }
    /// The schema of member `name` of an object value here (an untyped node when unknown).
    func member(_ name: String) -> any MergeSchema
    /// Whether `name` is a declared field of a structure (as opposed to a map entry or an
    /// unknown member); declared fields are not owned as such unless they are leaves.
    func declaresField(_ name: String) -> Bool
    /// Whether an applied configuration may not set members that are not declared here
    /// (closed structural schemas); built-in tables are not exhaustive and never reject.
    var rejectsUndeclaredFields: Bool { get }

    /// How a list value here identifies its items.
    var listSemantics: ListSemantics { get }
    /// The schema of the items of a list value here.
    var listElement: any MergeSchema { get }

    /// The `default` of this field, used for list-map keys an item leaves out (`protocol: TCP`).
    var defaultValue: JSONValue? { get }

    /// The strategic-merge-patch strategy of this field.
    var patchStrategy: PatchStrategy { get }
    /// The strategic-merge-patch merge key of this list field (`patchMergeKey`).
    var patchMergeKey: String? { get }

    /// Members a typed (Go) object always carries, with the value they have when unset
    /// (`containers: null`, `strategy: {}`): managed-fields bookkeeping compares objects as if
    /// these were present, as the real server does with its typed objects.
    var zeroMembers: [String: JSONValue] { get }
}

extension MergeSchema {
    public var rejectsUndeclaredFields: Bool { false }
    public var defaultValue: JSONValue? { nil }
    public var patchStrategy: PatchStrategy { [] }
    public var patchMergeKey: String? { nil }
    public var zeroMembers: [String: JSONValue] { [:] }

    /// Whether an object value here is replaced whole.
    var isAtomicObject: Bool { objectSemantics == .atomic }
    /// Whether a list value here is replaced whole.
    var isAtomicList: Bool { listSemantics == .atomic }
}

/// The schema of values nothing describes.
///
/// `deduced` is what server-side apply uses for `x-kubernetes-preserve-unknown-fields`:
/// objects are maps whose entries are owned one by one, lists are atomic. `lenient` is for
/// members of built-in kinds that the built-in table leaves out: objects are structures.
public struct UntypedMergeSchema: MergeSchema {
    /// Whether objects here are structures (`lenient`) or maps (`deduced`).
    public let objectSemantics: ObjectSemantics

    /// Objects are maps, lists atomic (`x-kubernetes-preserve-unknown-fields`).
    public static let deduced = UntypedMergeSchema(objectSemantics: .map)
    /// Objects are structures, lists atomic (undescribed members of built-in kinds).
    public static let lenient = UntypedMergeSchema(objectSemantics: .structure)

    public func member(_ name: String) -> any MergeSchema { self }
    public func declaresField(_ name: String) -> Bool { objectSemantics == .structure }
    public var listSemantics: ListSemantics { .atomic }
    public var listElement: any MergeSchema { self }
}

/// Supplies the strategic-merge-patch schema of kinds.
public protocol PatchStrategyProvider: Sendable {
    /// The schema of objects of `kind`, or `nil` when strategic merge patch is not supported
    /// for it (custom resources): the server answers such patches with 415, see
    /// ``StrategicMergePatch/unsupportedMediaTypeStatus()``.
    func strategicMergeSchema(for kind: GroupVersionKind) -> (any MergeSchema)?
}

/// Supplies the list and map semantics server-side apply merges objects of a kind with.
public protocol ListSemanticsProvider: Sendable {
    /// The schema of objects of `kind`, or `nil` to treat them as untyped (maps granular,
    /// lists atomic) with standard object metadata.
    func applySchema(for kind: GroupVersionKind) -> (any MergeSchema)?

    /// The fields writes to `kind` through `subresource` (`nil` for the main resource) may not
    /// change, or `nil` when the provider does not know the kind.
    func resetFields(for kind: GroupVersionKind, subresource: String?) -> ResetFields?
}

extension ListSemanticsProvider {
    public func resetFields(for kind: GroupVersionKind, subresource: String?) -> ResetFields? { nil }
}

/// A provider that asks `first`, then `second`: e.g. the CRD schemas the server holds, then
/// the built-in table.
public struct ChainedMergeSchemaProvider: ListSemanticsProvider, PatchStrategyProvider {
    /// Asked first.
    public let first: any ListSemanticsProvider & PatchStrategyProvider
    /// Asked when `first` has no schema.
    public let second: any ListSemanticsProvider & PatchStrategyProvider

    /// A provider asking `first`, then `second`.
    public init(
        _ first: any ListSemanticsProvider & PatchStrategyProvider,
        _ second: any ListSemanticsProvider & PatchStrategyProvider
    ) {
        self.first = first
        self.second = second
    }

    public func applySchema(for kind: GroupVersionKind) -> (any MergeSchema)? {
        first.applySchema(for: kind) ?? second.applySchema(for: kind)
    }

    public func strategicMergeSchema(for kind: GroupVersionKind) -> (any MergeSchema)? {
        first.strategicMergeSchema(for: kind) ?? second.strategicMergeSchema(for: kind)
    }

    public func resetFields(for kind: GroupVersionKind, subresource: String?) -> ResetFields? {
        first.resetFields(for: kind, subresource: subresource)
            ?? second.resetFields(for: kind, subresource: subresource)
    }
}
