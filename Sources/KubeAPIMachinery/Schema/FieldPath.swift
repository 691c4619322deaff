import Foundation

/// The path of a field inside an object, written the way the API server writes it in
/// validation errors: `spec.replicas`, `spec.items[2].name`, `metadata.labels[app]`,
/// `spec.versions[0].schema.openAPIV3Schema.properties[spec].type`.
///
/// Field names are joined with dots, list indexes and map keys are put in brackets (map keys
/// are not quoted), as `field.Path` does.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Element: Sendable, Hashable {
        /// A named field: `.name`.
        case field(String)
        /// A list index: `[2]`.
        case index(Int)
        /// A map key: `[key]`.
        case key(String)
    }

    /// The steps, outermost first.
    public private(set) var elements: [Element]

    /// A path of field names: `FieldPath("spec", "replicas")` is `spec.replicas`.
    public init(_ fields: String...) {
        elements = fields.map(Element.field)
    }

    /// A path of the given steps.
    public init(elements: [Element]) {
        self.elements = elements
    }

    /// The empty path (the object itself).
    public static let root = FieldPath(elements: [])

    /// Whether the path has no steps.
    public var isEmpty: Bool { elements.isEmpty }

    /// This path followed by a field name.
    public func child(_ name: String) -> FieldPath {
        FieldPath(elements: elements + [.field(name)])
    }

    /// This path followed by several field names.
    public func child(_ first: String, _ more: String...) -> FieldPath {
        FieldPath(elements: elements + [.field(first)] + more.map(Element.field))
    }

    /// This path followed by a list index.
    public func index(_ i: Int) -> FieldPath {
        FieldPath(elements: elements + [.index(i)])
    }

    /// This path followed by a map key.
    public func key(_ k: String) -> FieldPath {
        FieldPath(elements: elements + [.key(k)])
    }

    /// This path followed by all the steps of `other`.
    public func appending(_ other: FieldPath) -> FieldPath {
        FieldPath(elements: elements + other.elements)
    }

    /// The path as a `StatusCause.field`: like ``description``, but `<nil>` for the empty
    /// path, as the server writes errors about a whole object.
    public var fieldString: String { isEmpty ? "<nil>" : description }

    public var description: String {
        var s = ""
        for (i, e) in elements.enumerated() {
            switch e {
            case .field(let name):
                if i > 0 { s += "." }
                s += name
            case .index(let n):
                s += "[\(n)]"
            case .key(let k):
                s += "[\(k)]"
            }
        }
        return s
    }
}
