import KubeCore

/// Decides whether a cache event should enqueue a reconcile. Predicates filter noise,
/// such as status-only updates a controller caused itself.
public struct Predicate<Object: KubernetesObject>: Sendable {
    let test: @Sendable (CacheEvent<Object>) -> Bool

    public init(_ test: @escaping @Sendable (CacheEvent<Object>) -> Bool) {
        self.test = test
    }

    /// Whether `event` passes.
    public func evaluate(_ event: CacheEvent<Object>) -> Bool { test(event) }

    /// Passes updates only when `metadata.generation` changed (a spec change); passes
    /// additions and deletions. Status-only updates and resyncs are filtered out.
    public static var generationChanged: Predicate {
        Predicate { e in
            guard e.kind == .updated, let old = e.oldObject else { return true }
            return old.metadata.generation != e.object.metadata.generation
        }
    }

    /// Passes updates only when the labels changed; passes additions and deletions.
    public static var labelsChanged: Predicate {
        Predicate { e in
            guard e.kind == .updated, let old = e.oldObject else { return true }
            return (old.metadata.labels ?? [:]) != (e.object.metadata.labels ?? [:])
        }
    }

    /// Passes updates only when the annotations changed; passes additions and deletions.
    public static var annotationsChanged: Predicate {
        Predicate { e in
            guard e.kind == .updated, let old = e.oldObject else { return true }
            return (old.metadata.annotations ?? [:]) != (e.object.metadata.annotations ?? [:])
        }
    }

    /// Passes updates only when `metadata.resourceVersion` changed (drops resyncs).
    public static var resourceVersionChanged: Predicate {
        Predicate { e in
            guard e.kind == .updated, let old = e.oldObject else { return true }
            return old.metadata.resourceVersion != e.object.metadata.resourceVersion
        }
    }

    /// Passes updates only when `value` differs between the old and the new object; passes
    /// additions and deletions. For a controller that derives something from a few fields
    /// of another kind (a count of running sessions, say): every other update of that kind
    /// would cost a reconcile that finds nothing to do.
    public static func changed<Value: Equatable & Sendable>(_ value: @escaping @Sendable (Object) -> Value) -> Predicate
    {
        Predicate { e in
            guard e.kind == .updated, let old = e.oldObject else { return true }
            return value(old) != value(e.object)
        }
    }

    /// Passes when any of `predicates` passes.
    public static func any(_ predicates: [Predicate]) -> Predicate {
        Predicate { e in predicates.contains { $0.evaluate(e) } }
    }

    /// Passes when every one of `predicates` passes.
    public static func all(_ predicates: [Predicate]) -> Predicate {
        Predicate { e in predicates.allSatisfy { $0.evaluate(e) } }
    }

    /// Passes when `self` does not.
    public var negated: Predicate {
        let test = self.test
        return Predicate { !test($0) }
    }
}
