import KubeCore

/// `IdentityProvider` (cluster-scoped): an OIDC or SAML identity provider whose users and
/// groups Tenants bind to roles and whose sign-in guards Workbenches.
public struct IdentityProvider: AstroliftResource {
    /// `astrolift.dev/v1alpha1`.
    public var apiVersion: String?
    /// `IdentityProvider`.
    public var kind: String?
    /// The object's metadata.
    public var metadata: ObjectMeta
    /// The desired state.
    public var spec: IdentityProviderSpec
    /// The observed state, written by the controller.
    public var status: IdentityProviderStatus?

    /// Served at `astrolift.dev/v1alpha1`, resource `identityproviders`, cluster-scoped.
    public static let resource = AstroliftGroup.resource(
        kind: "IdentityProvider", plural: "identityproviders", namespaced: false)

    /// An object with `apiVersion` and `kind` set.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: IdentityProviderSpec, status: IdentityProviderStatus? = nil)
    {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// Names and printer columns.
    public static let definition = ResourceDefinition(
        description:
            "An IdentityProvider is the organization's OIDC or SAML identity provider (Okta, Entra ID, Keycloak, "
            + "Dex, Google…). Tenants bind its users and groups to tenant roles; the auth proxy in front of each "
            + "Workbench signs people in with it. The controller checks its discovery document and signing keys "
            + "and reports them in status. Cluster-scoped.",
        singular: "identityprovider", shortNames: ["idp"],
        printerColumns: [
            PrinterColumn("Type", .string, ".spec.type", "OIDC or SAML."),
            PrinterColumn("Issuer", .string, ".status.issuer", "The issuer the provider reports."),
            .ready,
            PrinterColumn("Last Check", .date, ".status.lastCheckTime", "When discovery was last checked."),
            .reason, .age,
        ]
    )
}

/// The desired state of an ``IdentityProvider``.
public struct IdentityProviderSpec: Codable, Sendable, Hashable, SchemaDescribed {
    /// OIDC or SAML.
    public var type: IdentityProviderType
    /// The name shown on sign-in pages.
    public var displayName: String?
    /// For `OIDC`.
    public var oidc: OIDCProvider?
    /// For `SAML`.
    public var saml: SAMLProvider?
    /// Prepended to user names in RoleBindings.
    public var usernamePrefix: String?
    /// Prepended to group names in RoleBindings.
    public var groupsPrefix: String?
    /// How often discovery is checked.
    public var checkInterval: KubeDuration?

    public init(
        type: IdentityProviderType, displayName: String? = nil, oidc: OIDCProvider? = nil, saml: SAMLProvider? = nil,
        usernamePrefix: String? = nil, groupsPrefix: String? = nil, checkInterval: KubeDuration? = nil
    ) {
        self.type = type
        self.displayName = displayName
        self.oidc = oidc
        self.saml = saml
        self.usernamePrefix = usernamePrefix
        self.groupsPrefix = groupsPrefix
        self.checkInterval = checkInterval
    }

    /// The schema of `spec`.
    public static var schema: Schema {
        Schema.object("The identity provider and how its identities map to Kubernetes users and groups.") {
            Field(
                "type", .enumeration(IdentityProviderType.self), "OIDC or SAML; set the member of the same name."
            ).required()
            Field("displayName", .string(maxLength: 256), "The name shown on sign-in pages, e.g. \"Acme SSO\".")
            Field("oidc", OIDCProvider.self, "Settings for type OIDC.")
            Field("saml", SAMLProvider.self, "Settings for type SAML.")
            Field(
                "usernamePrefix", .string(maxLength: 64),
                "What the cluster's API server puts before user names from this provider (its "
                    + "--oidc-username-prefix or structured authentication claimMappings), e.g. \"oidc:\". The "
                    + "controller adds it in the RoleBindings it writes so that they match.")
            Field(
                "groupsPrefix", .string(maxLength: 64),
                "What the cluster's API server puts before group names from this provider, e.g. \"oidc:\".")
            Field(
                "checkInterval", .duration,
                "How often the controller fetches the discovery document and signing keys, e.g. 15m."
            ).defaultValue("15m0s")
        }
        .rule(
            "self.type == 'OIDC' ? has(self.oidc) : !has(self.oidc)",
            message: "oidc is required for type OIDC, and only then"
        )
        .rule(
            "self.type == 'SAML' ? has(self.saml) : !has(self.saml)",
            message: "saml is required for type SAML, and only then")
    }
}

/// An identity protocol.
public enum IdentityProviderType: String, Codable, Sendable, Hashable, CaseIterable {
    case oidc = "OIDC"
    case saml = "SAML"
}

/// An OpenID Connect provider.
public struct OIDCProvider: Codable, Sendable, Hashable, SchemaDescribed {
    /// The issuer URL.
    public var issuerURL: String
    /// The client id.
    public var clientID: String
    /// The client secret.
    public var clientSecretRef: NamespacedSecretKeyReference?
    /// The scopes requested.
    public var scopes: [String]?
    /// The claim holding the user name.
    public var usernameClaim: String?
    /// The claim holding the groups.
    public var groupsClaim: String?
    /// CA certificates that verify the issuer.
    public var caBundleSecretRef: NamespacedSecretKeyReference?

    public init(
        issuerURL: String, clientID: String, clientSecretRef: NamespacedSecretKeyReference? = nil,
        scopes: [String]? = nil, usernameClaim: String? = nil, groupsClaim: String? = nil,
        caBundleSecretRef: NamespacedSecretKeyReference? = nil
    ) {
        self.issuerURL = issuerURL
        self.clientID = clientID
        self.clientSecretRef = clientSecretRef
        self.scopes = scopes
        self.usernameClaim = usernameClaim
        self.groupsClaim = groupsClaim
        self.caBundleSecretRef = caBundleSecretRef
    }

    /// The schema of `oidc`.
    public static var schema: Schema {
        .object("An OpenID Connect provider.") {
            Field(
                "issuerURL", .httpsURL,
                "The issuer URL; its /.well-known/openid-configuration must be reachable from the cluster, e.g. "
                    + "https://login.example.com/realms/acme."
            ).required()
            Field(
                "clientID", Schema.string(maxLength: 256).minLength(1).example("astrolift"),
                "The OAuth client id registered for Astrolift."
            ).required()
            Field(
                "clientSecretRef", NamespacedSecretKeyReference.self,
                "The Secret key holding the client secret (a KMSSecret can maintain it). Absent for public "
                    + "clients using PKCE.")
            Field(
                "scopes",
                Schema.array(of: Schema.string(maxLength: 128).minLength(1).example("email"), maxItems: 16)
                    .listSet(),
                "The scopes requested at sign-in."
            ).defaultValue(["openid", "email", "profile"])
            Field(
                "usernameClaim", Schema.string(maxLength: 128).minLength(1).example("email"),
                "The ID-token claim that holds the user name Workbench owners and role bindings use."
            ).defaultValue("email")
            Field(
                "groupsClaim", Schema.string(maxLength: 128).minLength(1).example("groups"),
                "The ID-token claim that holds the user's groups."
            ).defaultValue("groups")
            Field(
                "caBundleSecretRef", NamespacedSecretKeyReference.self,
                "A Secret key holding PEM CA certificates that verify the issuer; the system's when absent.")
        }
    }
}

/// A SAML 2.0 identity provider.
public struct SAMLProvider: Codable, Sendable, Hashable, SchemaDescribed {
    /// Where the provider's metadata is published.
    public var metadataURL: String
    /// Astrolift's entity id as a service provider.
    public var entityID: String?
    /// The attribute holding the user name.
    public var usernameAttribute: String?
    /// The attribute holding the groups.
    public var groupsAttribute: String?

    public init(
        metadataURL: String, entityID: String? = nil, usernameAttribute: String? = nil,
        groupsAttribute: String? = nil
    ) {
        self.metadataURL = metadataURL
        self.entityID = entityID
        self.usernameAttribute = usernameAttribute
        self.groupsAttribute = groupsAttribute
    }

    /// The schema of `saml`.
    public static var schema: Schema {
        .object("A SAML 2.0 identity provider.") {
            Field("metadataURL", .httpsURL, "Where the provider publishes its SAML metadata XML.").required()
            Field(
                "entityID", Schema.string(maxLength: 1024).minLength(1).example("https://astrolift.example.com"),
                "Astrolift's entity id as a service provider, as registered with the identity provider.")
            Field(
                "usernameAttribute", Schema.string(maxLength: 256).minLength(1).example("email"),
                "The assertion attribute that holds the user name; NameID when absent.")
            Field(
                "groupsAttribute", Schema.string(maxLength: 256).minLength(1).example("groups"),
                "The assertion attribute that holds the user's groups."
            ).defaultValue("groups")
        }
    }
}

/// The observed state of an ``IdentityProvider``.
public struct IdentityProviderStatus: Codable, Sendable, Hashable, SchemaDescribed {
    /// The issuer or entity id the provider reports.
    public var issuer: String?
    /// The ids of the signing keys it publishes.
    public var signingKeyIDs: [String]?
    /// When discovery was last checked.
    public var lastCheckTime: Time?
    /// The latest observations.
    public var conditions: [Condition]?
    /// The generation this status describes.
    public var observedGeneration: Int64?

    public init(
        issuer: String? = nil, signingKeyIDs: [String]? = nil, lastCheckTime: Time? = nil,
        conditions: [Condition]? = nil, observedGeneration: Int64? = nil
    ) {
        self.issuer = issuer
        self.signingKeyIDs = signingKeyIDs
        self.lastCheckTime = lastCheckTime
        self.conditions = conditions
        self.observedGeneration = observedGeneration
    }

    /// The schema of `status`.
    public static var schema: Schema {
        .object("The observed state of the identity provider, written by the controller.") {
            Field(
                "issuer", Schema.string(maxLength: 2048).example("https://login.example.com"),
                "The issuer (OIDC) or entity id (SAML) the provider's metadata reports.")
            Field(
                "signingKeyIDs", Schema.array(of: Schema.string(maxLength: 256).example("key-1"), maxItems: 32),
                "The ids (kid, or certificate fingerprints for SAML) of the signing keys the provider publishes.")
            Field("lastCheckTime", .time, "When the controller last fetched the discovery document and keys.")
            Field.conditions(
                "Types: DiscoveryReachable (the discovery document or metadata was fetched and matches "
                    + "issuerURL), SigningKeysValid (at least one usable signing key is published).")
            Field.observedGeneration
        }
    }
}
