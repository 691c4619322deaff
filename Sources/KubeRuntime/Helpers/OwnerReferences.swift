import KubeCore

/// Owner references tie children to the object that made them: the garbage collector
/// deletes children with their owner, and ``ControllerBuilder/owns(_:options:predicates:)``
/// maps a child's change back to its owner.
public enum OwnerReferences {
    /// Makes `owner` the controller owner of `child` (`controller: true`,
    /// `blockOwnerDeletion: true`), replacing an older reference to the same owner.
    ///
    /// - Throws: ``RuntimeError`` (`alreadyOwned`) if another object controls `child`,
    ///   or (`configuration`) if `owner` has no UID yet (use the object as read from the server).
    public static func setController<Owner: KubernetesObject, Child: KubernetesObject>(
        _ owner: Owner, on child: inout Child
    ) throws {
        guard let uid = owner.metadata.uid, !uid.isEmpty else {
            throw RuntimeError(
                .configuration,
                "\(Owner.resource.kind) \(ObjectKey(owner)) has no uid: set owner references from the object as read from the server"
            )
        }
        if Owner.resource.namespaced, owner.metadata.namespace != child.metadata.namespace,
            child.metadata.namespace != nil
        {
            throw RuntimeError(
                .configuration,
                "\(Owner.resource.kind) \(ObjectKey(owner)) cannot own \(Child.resource.kind) \(ObjectKey(child)): a namespaced owner must be in the child's namespace"
            )
        }
        var refs = child.metadata.ownerReferences ?? []
        if let existing = refs.first(where: { $0.controller == true }), existing.uid != uid {
            throw RuntimeError(
                .alreadyOwned,
                "\(Child.resource.kind) \(ObjectKey(child)) is already controlled by \(existing.kind) \(existing.name); remove that owner reference or pick another name"
            )
        }
        refs.removeAll { $0.uid == uid }
        refs.append(owner.ownerReference(controller: true, blockOwnerDeletion: true))
        child.metadata.ownerReferences = refs
    }

    /// Whether `owner` is the controller owner of `child`.
    public static func isControlled<Owner: KubernetesObject>(_ child: some KubernetesObject, by owner: Owner) -> Bool {
        guard let ref = child.metadata.controllerReference, let uid = owner.metadata.uid else { return false }
        return ref.uid == uid
    }
}
