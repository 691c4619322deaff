import KubeCore

/// A reference to another object by name: of a cluster-scoped kind, or of a
/// namespaced kind in the referrer's own namespace.
public struct NameReference: Codable, Sendable, Hashable, SchemaDescribed {
    /// The referent's `metadata.name`.
    public var name: String

    public init(name: String) {
        self.name = name
    }

    /// `{name}`.
    public static var schema: Schema {
        .object("A reference to another object by name.") {
            Field("name", .dnsSubdomain, "The name of the object.").required()
        }
    }
}

/// A key of a Secret in the referrer's own namespace.
public struct SecretKeyReference: Codable, Sendable, Hashable, SchemaDescribed {
    /// The Secret's name.
    public var name: String
    /// The key within the Secret's data.
    public var key: String

    public init(name: String, key: String) {
        self.name = name
        self.key = key
    }

    /// `{name, key}`.
    public static var schema: Schema {
        .object("A key of a Secret in the same namespace.") {
            Field("name", .dnsSubdomain, "The name of the Secret.").required()
            Field("key", .secretKey, "The key within the Secret's data.").required()
        }
    }
}

/// A key of a Secret that may live in another namespace; used by cluster-scoped
/// objects, which have no namespace of their own.
public struct NamespacedSecretKeyReference: Codable, Sendable, Hashable, SchemaDescribed {
    /// The Secret's name.
    public var name: String
    /// The Secret's namespace; see the schema for the default.
    public var namespace: String?
    /// The key within the Secret's data.
    public var key: String

    public init(name: String, namespace: String? = nil, key: String) {
        self.name = name
        self.namespace = namespace
        self.key = key
    }

    /// `{name, namespace, key}`.
    public static var schema: Schema {
        .object("A key of a Secret.") {
            Field("name", .dnsSubdomain, "The name of the Secret.").required()
            Field(
                "namespace", .dnsLabel,
                "The namespace of the Secret. On a cluster-scoped object it defaults to the namespace the "
                    + "controller runs in (astrolift-system); on a namespaced object it must be empty or the "
                    + "object's own namespace, since the controller never reads Secrets across tenants."
            )
            Field("key", .secretKey, "The key within the Secret's data.").required()
        }
    }
}

extension Schema {
    /// A Secret data key: letters, digits, '-', '_' and '.'.
    public static var secretKey: Schema {
        Schema.string(maxLength: 253).minLength(1).pattern("^[-._a-zA-Z0-9]+$").example("token")
    }
}
