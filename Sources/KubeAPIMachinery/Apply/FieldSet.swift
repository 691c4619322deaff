import KubeCore

/// A set of field paths, held as a trie: what one field manager owns.
///
/// A path is in the set when its last element is a member of the node its prefix leads to.
/// A node can have children without being a member itself (`f:spec` is usually just a
/// parent), which is why `FieldsV1` writes `".": {}` for nodes that are both.
public struct FieldSet: Sendable, Hashable {
    /// Elements that end a path in the set, at this level.
    public private(set) var members: Set<ManagedPathElement>
    /// The sets below each element that has descendants in the set. Never empty sets.
    public private(set) var children: [ManagedPathElement: FieldSet]

    /// The empty set.
    public init() {
        members = []
        children = [:]
    }

    /// A set of these paths.
    public init(_ paths: [ManagedFieldPath]) {
        self.init()
        for path in paths { insert(path) }
    }

    /// Whether the set has no paths.
    public var isEmpty: Bool { members.isEmpty && children.isEmpty }

    /// Adds `path` (the empty path is ignored: the root is never a member).
    public mutating func insert(_ path: ManagedFieldPath) {
        insert(path.elements[...])
    }

    mutating func insert(_ elements: ArraySlice<ManagedPathElement>) {
        guard let first = elements.first else { return }
        if elements.count == 1 {
            members.insert(first)
        } else {
            children[first, default: FieldSet()].insert(elements.dropFirst())
        }
    }

    /// Makes `element` a member at this level.
    mutating func insertMember(_ element: ManagedPathElement) { members.insert(element) }

    /// Adds `set` below `element`.
    mutating func addChild(_ element: ManagedPathElement, _ set: FieldSet) {
        guard !set.isEmpty else { return }
        children[element] = children[element].map { $0.union(set) } ?? set
    }

    /// Whether `path` is in the set.
    public func contains(_ path: ManagedFieldPath) -> Bool {
        var node = self
        for (i, element) in path.elements.enumerated() {
            if i == path.elements.count - 1 { return node.members.contains(element) }
            guard let child = node.children[element] else { return false }
            node = child
        }
        return false
    }

    /// The set below `element` (paths that start with it, without it).
    public func child(_ element: ManagedPathElement) -> FieldSet { children[element] ?? FieldSet() }

    /// Paths in either set.
    public func union(_ other: FieldSet) -> FieldSet {
        var out = self
        out.members.formUnion(other.members)
        for (element, set) in other.children {
            out.children[element] = out.children[element].map { $0.union(set) } ?? set
        }
        return out
    }

    /// Paths in both sets.
    public func intersection(_ other: FieldSet) -> FieldSet {
        var out = FieldSet()
        out.members = members.intersection(other.members)
        for (element, set) in children {
            guard let theirs = other.children[element] else { continue }
            let both = set.intersection(theirs)
            if !both.isEmpty { out.children[element] = both }
        }
        return out
    }

    /// Paths in this set and not in `other`; descendants of a removed path stay.
    public func subtracting(_ other: FieldSet) -> FieldSet {
        var out = FieldSet()
        out.members = members.subtracting(other.members)
        for (element, set) in children {
            if let theirs = other.children[element] {
                let rest = set.subtracting(theirs)
                if !rest.isEmpty { out.children[element] = rest }
            } else {
                out.children[element] = set
            }
        }
        return out
    }

    /// Paths in this set that are neither in `other` nor below a path of `other`: removing
    /// `status` removes everything under it too.
    public func subtractingRecursively(_ other: FieldSet) -> FieldSet {
        var out = FieldSet()
        out.members = members.subtracting(other.members)
        for (element, set) in children where !other.members.contains(element) {
            if let theirs = other.children[element] {
                let rest = set.subtractingRecursively(theirs)
                if !rest.isEmpty { out.children[element] = rest }
            } else {
                out.children[element] = set
            }
        }
        return out
    }

    /// Every path of the set, in `FieldsV1` order (a node before its descendants).
    public var paths: [ManagedFieldPath] {
        var out: [ManagedFieldPath] = []
        collect(prefix: [], into: &out)
        return out
    }

    private func collect(prefix: [ManagedPathElement], into out: inout [ManagedFieldPath]) {
        let elements = Set(members).union(children.keys).sorted()
        for element in elements {
            if members.contains(element) { out.append(ManagedFieldPath(prefix + [element])) }
            children[element]?.collect(prefix: prefix + [element], into: &out)
        }
    }

    /// Adds the named fields (declared members of structures, per `schema`) that lead to
    /// paths of the set, as members: owning `spec.replicas` then also counts as owning
    /// `spec`, so that pruning may remove an emptied structure.
    func ensuringNamedFieldsAreMembers(_ schema: any MergeSchema) -> FieldSet {
        var out = self
        for (element, set) in children {
            var childSchema: any MergeSchema = UntypedMergeSchema.deduced
            switch element {
            case .field(let name):
                childSchema = schema.member(name)
                if schema.objectSemantics == .structure && schema.declaresField(name) {
                    out.members.insert(element)
                }
            case .key, .value, .index:
                childSchema = schema.listElement
            }
            out.children[element] = set.ensuringNamedFieldsAreMembers(childSchema)
        }
        return out
    }
}
