import KubeCore

/// A source of keys for a controller: a cache, and how its events map to keys.
struct ControllerSource: Sendable {
    let description: String
    /// Obtains the source's cache from the registry and returns how to subscribe to it.
    let bind: @Sendable (CacheRegistry) -> BoundSource
}

/// A source whose cache exists.
struct BoundSource: Sendable {
    let cache: any AnySharedCache
    let subscribe: @Sendable (WorkQueue<ObjectKey>) -> CacheSubscription
}

/// Describes a controller: its primary kind (`For`), the kinds it creates (`Owns`), other
/// kinds it reacts to (`Watches`), the predicates that filter their events and how many
/// reconciles may run at once.
///
/// ```swift
/// let builder = ControllerBuilder(name: "notebook", for: Notebook.self)
///     .withPredicates(.generationChanged)
///     .owns(ConfigMap.self)
///     .watches(Secret.self) { secret in [ObjectKey(namespace: secret.namespace, name: "x")] }
///     .maxConcurrentReconciles(4)
/// let controller = manager.add(builder, reconciler: NotebookReconciler(...))
/// ```
public struct ControllerBuilder<Primary: KubernetesObject>: Sendable {
    /// The controller's name, in metrics, logs and events.
    public let name: String
    var primaryOptions: CacheOptions<Primary>
    var primaryPredicates: [Predicate<Primary>] = []
    var extraSources: [ControllerSource] = []
    var concurrency = 1
    var queueConfiguration = WorkQueue<ObjectKey>.Configuration()

    /// A controller named `name` reconciling objects of `primary`, cached with `options`.
    public init(name: String, for primary: Primary.Type, options: CacheOptions<Primary> = CacheOptions()) {
        self.name = name
        self.primaryOptions = options
    }

    /// Only primary-object events passing every predicate enqueue a reconcile.
    public func withPredicates(_ predicates: Predicate<Primary>...) -> Self {
        var copy = self
        copy.primaryPredicates += predicates
        return copy
    }

    /// Reconciles the controller owner (a `Primary` named in an owner reference with
    /// `controller: true`) of every `Child` that changes.
    public func owns<Child: KubernetesObject>(
        _ child: Child.Type, options: CacheOptions<Child> = CacheOptions(), predicates: [Predicate<Child>] = []
    ) -> Self {
        let group = Primary.resource.group
        let kind = Primary.resource.kind
        let namespaced = Primary.resource.namespaced
        let mapping: @Sendable (Child) -> [ObjectKey] = { object in
            guard let owner = object.metadata.controllerReference,
                owner.kind == kind, GroupVersionKind(apiVersion: owner.apiVersion, kind: owner.kind).group == group
            else { return [] }
            // A namespaced owner lives in its child's namespace; a cluster-scoped one in none.
            return [ObjectKey(namespace: namespaced ? object.metadata.namespace : nil, name: owner.name)]
        }
        return adding(Child.self, "owns \(Child.resource.qualifiedName)", options, predicates, mapping)
    }

    /// Reconciles the keys `mapping` returns for every `Other` that changes.
    ///
    /// - Parameter coalescing: when set, a mapped key is reconciled once this long after
    ///   the first event that names it, however many more arrive meanwhile: for an
    ///   aggregate (a count over many objects of another kind) that need not follow each
    ///   change, a burst of thousands of events then costs one reconcile per interval.
    public func watches<Other: KubernetesObject>(
        _ other: Other.Type, options: CacheOptions<Other> = CacheOptions(), predicates: [Predicate<Other>] = [],
        coalescing: Duration? = nil, mapping: @escaping @Sendable (Other) -> [ObjectKey]
    ) -> Self {
        adding(Other.self, "watches \(Other.resource.qualifiedName)", options, predicates, mapping, delay: coalescing)
    }

    /// At most `n` reconciles run at once (default 1, as in controller-runtime).
    public func maxConcurrentReconciles(_ n: Int) -> Self {
        var copy = self
        copy.concurrency = max(1, n)
        return copy
    }

    /// The work queue's fairness and per-key backoff.
    public func queue(_ configuration: WorkQueue<ObjectKey>.Configuration) -> Self {
        var copy = self
        copy.queueConfiguration = configuration
        return copy
    }

    /// All the sources: the primary kind first.
    var sources: [ControllerSource] {
        let predicates = primaryPredicates
        let options = primaryOptions
        let primary = ControllerSource(description: "for \(Primary.resource.qualifiedName)") { registry in
            let cache = registry.cache(for: Primary.self, options: options)
            return BoundSource(cache: cache) { queue in
                cache.subscribe { event in
                    guard predicates.allSatisfy({ $0.evaluate(event) }) else { return }
                    queue.add(ObjectKey(event.object), priority: Self.priority(of: event.origin))
                }
            }
        }
        return [primary] + extraSources
    }

    private func adding<Other: KubernetesObject>(
        _ type: Other.Type, _ description: String, _ options: CacheOptions<Other>, _ predicates: [Predicate<Other>],
        _ mapping: @escaping @Sendable (Other) -> [ObjectKey], delay: Duration? = nil
    ) -> Self {
        var copy = self
        copy.extraSources.append(
            ControllerSource(description: description) { registry in
                let cache = registry.cache(for: Other.self, options: options)
                return BoundSource(cache: cache) { queue in
                    cache.subscribe { event in
                        guard predicates.allSatisfy({ $0.evaluate(event) }) else { return }
                        let priority = Self.priority(of: event.origin)
                        var keys = Set(mapping(event.object))
                        // An update that moved the object away from an owner must reach the old owner too.
                        if let old = event.oldObject { keys.formUnion(mapping(old)) }
                        for key in keys {
                            // A delayed add keeps the earliest deadline, so repeats coalesce.
                            if let delay {
                                queue.add(key, after: delay, priority: priority)
                            } else {
                                queue.add(key, priority: priority)
                            }
                        }
                    }
                }
            })
        return copy
    }

    /// Bulk deliveries go to the low lane so they cannot delay live changes.
    static func priority<T>(of origin: CacheEvent<T>.Origin) -> WorkQueuePriority {
        switch origin {
        case .initialList, .resync: return .low
        case .watch, .relist: return .high
        }
    }
}
