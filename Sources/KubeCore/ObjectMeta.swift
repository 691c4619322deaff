import Foundation

/// `metav1.ObjectMeta`: the metadata every persisted object carries.
public struct ObjectMeta: Codable, Sendable, Hashable {
    /// The name, unique per kind and namespace.
    public var name: String?
    /// A prefix from which the server generates a unique name when `name` is empty.
    public var generateName: String?
    /// The namespace of a namespaced object.
    public var namespace: String?
    /// The server-assigned unique ID, stable for the object's life.
    public var uid: String?
    /// An opaque version for optimistic concurrency and watches; send it back unchanged.
    public var resourceVersion: String?
    /// Incremented by the server on every change of the desired state (`spec`).
    public var generation: Int64?
    /// When the object was created (server-set).
    public var creationTimestamp: Time?
    /// When deletion was requested; the object remains until its finalizers are removed.
    public var deletionTimestamp: Time?
    /// The grace period of a pending deletion.
    public var deletionGracePeriodSeconds: Int64?
    /// Identifying key-value pairs, usable in label selectors.
    public var labels: [String: String]?
    /// Non-identifying key-value pairs for tools and controllers.
    public var annotations: [String: String]?
    /// The objects this one depends on, for garbage collection.
    public var ownerReferences: [OwnerReference]?
    /// Keys that must be removed before the object is deleted.
    public var finalizers: [String]?
    /// Which field manager owns which fields (server-side apply); rarely read by hand.
    public var managedFields: [ManagedFieldsEntry]?

    public init(
        name: String? = nil, namespace: String? = nil, generateName: String? = nil,
        labels: [String: String]? = nil, annotations: [String: String]? = nil,
        ownerReferences: [OwnerReference]? = nil, finalizers: [String]? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.generateName = generateName
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
    }

    /// The controller owner reference (`controller: true`), if any.
    public var controllerReference: OwnerReference? {
        ownerReferences?.first { $0.controller == true }
    }
}

/// `metav1.OwnerReference`: ties a dependent object to its owner for garbage collection.
public struct OwnerReference: Codable, Sendable, Hashable {
    /// The owner's API version.
    public var apiVersion: String
    /// The owner's kind.
    public var kind: String
    /// The owner's name (in the same namespace).
    public var name: String
    /// The owner's UID: a recreated owner with the same name does not adopt the dependent.
    public var uid: String
    /// Whether the owner is the managing controller; at most one reference may be.
    public var controller: Bool?
    /// Whether foreground deletion of the owner waits for this dependent.
    public var blockOwnerDeletion: Bool?

    public init(
        apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
        blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// `metav1.ManagedFieldsEntry`: which manager owns which fields (server-side apply).
public struct ManagedFieldsEntry: Codable, Sendable, Hashable {
    /// The field manager, e.g. `astrolift` or `kubectl-client-side-apply`.
    public var manager: String?
    /// `Apply` or `Update`.
    public var operation: String?
    /// The version the fields are described in.
    public var apiVersion: String?
    /// When the manager last changed its fields.
    public var time: Time?
    /// `FieldsV1`.
    public var fieldsType: String?
    /// The owned fields, as a tree of `f:`/`k:`/`v:` keys.
    public var fieldsV1: JSONValue?
    /// The subresource the change was made through, e.g. `status`.
    public var subresource: String?

    public init(
        manager: String? = nil, operation: String? = nil, apiVersion: String? = nil, time: Time? = nil,
        fieldsType: String? = nil, fieldsV1: JSONValue? = nil, subresource: String? = nil
    ) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fieldsType = fieldsType
        self.fieldsV1 = fieldsV1
        self.subresource = subresource
    }
}

/// `metav1.ListMeta`: the metadata of a list response.
public struct ListMeta: Codable, Sendable, Hashable {
    /// The version of the collection; start a watch from it to see later changes.
    public var resourceVersion: String?
    /// Opaque token for the next page; empty or absent on the last page.
    public var `continue`: String?
    /// An estimate of the items after this page, when the server knows it.
    public var remainingItemCount: Int64?

    public init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}

/// `metav1.TypeMeta`: apiVersion and kind.
public struct TypeMeta: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public init(apiVersion: String? = nil, kind: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
    }
}

extension KeyedDecodingContainer {
    /// Decodes `metadata` as empty when the key is absent or null.
    ///
    /// Kubernetes writes `metadata` with `omitempty` semantics, and review responses
    /// (TokenReview, SubjectAccessReview) may leave it out, but ``KubernetesObject``
    /// requires a non-optional `ObjectMeta`. Synthesised `Decodable` conformances call
    /// `decode(_:forKey:)`, and this overload is more specific than the generic one, so
    /// every model gets the lenient behaviour without a hand-written initialiser.
    public func decode(_ type: ObjectMeta.Type, forKey key: Key) throws -> ObjectMeta {
        try decodeIfPresent(ObjectMeta.self, forKey: key) ?? ObjectMeta()
    }

    /// Decodes `metadata` of a list as empty when absent, for the same reason.
    public func decode(_ type: ListMeta.Type, forKey key: Key) throws -> ListMeta {
        try decodeIfPresent(ListMeta.self, forKey: key) ?? ListMeta()
    }
}
