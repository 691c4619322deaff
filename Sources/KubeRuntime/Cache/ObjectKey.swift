import KubeCore

/// The identity of an object within its kind: namespace and name. This is what a
/// reconciler receives and what the work queue de-duplicates.
public struct ObjectKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The namespace; `nil` for cluster-scoped kinds.
    public var namespace: String?
    /// The name.
    public var name: String

    public init(namespace: String?, name: String) {
        self.namespace = namespace.flatMap { $0.isEmpty ? nil : $0 }
        self.name = name
    }

    /// The key of `object`.
    public init(_ object: some KubernetesObject) {
        self.init(namespace: object.metadata.namespace, name: object.metadata.name ?? "")
    }

    /// Parses `namespace/name` or `name`.
    public init(parsing text: String) {
        if let slash = text.firstIndex(of: "/") {
            self.init(namespace: String(text[..<slash]), name: String(text[text.index(after: slash)...]))
        } else {
            self.init(namespace: nil, name: text)
        }
    }

    /// `namespace/name`, or `name` for a cluster-scoped object.
    public var description: String { namespace.map { "\($0)/\(name)" } ?? name }

    public static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        (a.namespace ?? "", a.name) < (b.namespace ?? "", b.name)
    }
}
