import Foundation
import KubeCore

/// The service account a token is issued for.
public struct ServiceAccountReference: Sendable, Hashable {
    /// The ServiceAccount's namespace.
    public var namespace: String
    /// The ServiceAccount's name.
    public var name: String
    /// The ServiceAccount's `metadata.uid`: a token stops working when the account is
    /// deleted and recreated under the same name.
    public var uid: String

    public init(namespace: String, name: String, uid: String) {
        self.namespace = namespace
        self.name = name
        self.uid = uid
    }

    /// `system:serviceaccount:<namespace>:<name>`.
    public var username: String { ServiceAccountUsername.make(namespace: namespace, name: name) }
}

/// An object a token is bound to: the token stops working when the object is deleted.
public struct TokenBinding: Sendable, Hashable {
    /// The kinds a token can be bound to.
    public enum Kind: String, Sendable, Hashable {
        case pod = "Pod"
        case secret = "Secret"
        case node = "Node"
    }

    /// Pod, Secret or Node.
    public var kind: Kind
    /// The object's name (in the service account's namespace, except for a Node).
    public var name: String
    /// The object's `metadata.uid`.
    public var uid: String
    /// For a Pod: the Node it runs on, recorded in the token as the real server does.
    public var nodeName: String?
    /// For a Pod: that Node's UID.
    public var nodeUID: String?

    public init(kind: Kind, name: String, uid: String, nodeName: String? = nil, nodeUID: String? = nil) {
        self.kind = kind
        self.name = name
        self.uid = uid
        self.nodeName = nodeName
        self.nodeUID = nodeUID
    }
}

/// The kinds of object token issuing and verification look up.
public enum AuthObjectKind: String, Sendable, Hashable {
    case serviceAccount = "serviceaccounts"
    case pod = "pods"
    case secret = "secrets"
    case node = "nodes"

    /// The lookup kind of a binding kind.
    init(_ kind: TokenBinding.Kind) {
        switch kind {
        case .pod: self = .pod
        case .secret: self = .secret
        case .node: self = .node
        }
    }
}

/// What token issuing and verification need to know of a stored object.
public struct AuthObjectRecord: Sendable, Hashable {
    /// `metadata.uid`.
    public var uid: String
    /// `metadata.deletionTimestamp`: an object being deleted (finalizers pending) stops
    /// validating tokens a minute after deletion started, as in the real server.
    public var deletionTimestamp: Date?
    /// For a Pod, `spec.serviceAccountName`.
    public var serviceAccountName: String?
    /// For a Pod, `spec.nodeName`.
    public var nodeName: String?

    public init(uid: String, deletionTimestamp: Date? = nil, serviceAccountName: String? = nil, nodeName: String? = nil)
    {
        self.uid = uid
        self.deletionTimestamp = deletionTimestamp
        self.serviceAccountName = serviceAccountName
        self.nodeName = nodeName
    }

    /// The record of a stored object in JSON form; `nil` when it has no `metadata.uid`.
    public init?(object: JSONValue) {
        guard let uid = object[path: ["metadata", "uid"]]?.stringValue else { return nil }
        let deletion = object[path: ["metadata", "deletionTimestamp"]]?.stringValue.flatMap(RFC3339.parse)
        self.init(
            uid: uid, deletionTimestamp: deletion,
            serviceAccountName: object[path: ["spec", "serviceAccountName"]]?.stringValue,
            nodeName: object[path: ["spec", "nodeName"]]?.stringValue)
    }
}

/// Looks up a stored object: the kind, the namespace (empty for Nodes) and the name.
/// A synchronous closure may be passed; Swift converts it.
public typealias AuthObjectLookup =
    @Sendable (AuthObjectKind, _ namespace: String, _ name: String) async ->
    AuthObjectRecord?

/// A token the issuer signed.
public struct IssuedServiceAccountToken: Sendable, Hashable {
    /// The JWT.
    public var token: String
    /// When it expires (the `exp` claim).
    public var expiration: Date
    /// The claims it carries.
    public var claims: JSONValue
}
