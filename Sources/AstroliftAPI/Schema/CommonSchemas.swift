import KubeCore

/// Schemas of the value kinds Kubernetes APIs share: names, durations, quantities,
/// times, URLs, image references. Each carries the bounds that keep the API server's
/// CEL cost estimates small, and an example value for tests.
extension Schema {
    /// A DNS-1123 label, the form of namespace, Service and most object names that
    /// become host names: lower-case letters, digits and '-', at most 63 characters.
    public static var dnsLabel: Schema {
        Schema.string(maxLength: 63).minLength(1).pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$").example("example")
    }

    /// A DNS-1123 subdomain, the form of most object names: DNS labels joined by '.',
    /// at most 253 characters.
    public static var dnsSubdomain: Schema {
        Schema.string(maxLength: 253).minLength(1)
            .pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
            .example("example")
    }

    /// A qualified name, the form of label keys and extended resource names
    /// (`nvidia.com/gpu`): an optional DNS subdomain and '/', then a name.
    public static var qualifiedName: Schema {
        Schema.string(maxLength: 317).minLength(1)
            .pattern(
                "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                    + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"
            )
            .example("example.com/name")
    }

    /// A span of time written as Kubernetes writes durations: a sequence of decimal
    /// numbers with units `h`, `m`, `s`, `ms`, `us`, `ns` (`1h30m`, `90s`, `0s`).
    /// Negative durations are refused. Decodes as ``KubeDuration``.
    public static var duration: Schema {
        Schema.string(maxLength: 64)
            .pattern("^(0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$")
            .example("1h30m0s")
    }

    /// A Kubernetes quantity: a number with an optional SI or binary suffix (`500m`, `2`,
    /// `1.5Gi`, `10G`), as a string or an integer. Decodes as ``Quantity``.
    public static var quantity: Schema {
        var s = Schema(type: nil)
        s.intOrString = true
        s.anyOf = [Schema(type: .integer), Schema(type: .string)]
        s.pattern =
            "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$"
        s.example = "2Gi"
        return s
    }

    /// A quantity-valued map keyed by resource name (`cpu`, `memory`, `nvidia.com/gpu`),
    /// as in a container's requests and limits.
    public static var resourceList: Schema {
        map(of: .quantity, maxProperties: 32)
    }

    /// A point in time in RFC 3339 form (`2026-05-01T12:00:00Z`). Decodes as `Time`.
    public static var time: Schema {
        Schema(type: .string).format("date-time").example("2026-05-01T12:00:00Z")
    }

    /// An `https://` URL.
    public static var httpsURL: Schema {
        Schema.string(maxLength: 2048).pattern("^https://[^\\s/?#]+[^\\s]*$").example("https://example.com/path")
    }

    /// An `http://` or `https://` URL.
    public static var httpURL: Schema {
        Schema.string(maxLength: 2048).pattern("^https?://[^\\s/?#]+[^\\s]*$").example("https://example.com/path")
    }

    /// An absolute file-system path.
    public static var absolutePath: Schema {
        Schema.string(maxLength: 4096).pattern("^/").example("/home/user")
    }

    /// A container image reference: `[registry[:port]/]repository[:tag][@sha256:digest]`.
    public static var imageReference: Schema {
        Schema.string(maxLength: 512)
            .pattern(
                "^([a-zA-Z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-]+[a-z0-9]+)*(/[a-z0-9]+([._-]+[a-z0-9]+)*)*"
                    + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$"
            )
            .example(.string("registry.example.com/team/image@sha256:" + String(repeating: "ab", count: 32)))
    }

    /// A TCP port number.
    public static var port: Schema {
        Schema.int32.minimum(1).maximum(65535).example(8080)
    }

    /// A regular expression in RE2 syntax (the gateway compiles it; invalid ones are
    /// reported in status).
    public static var regularExpression: Schema {
        Schema.string(maxLength: 1024).minLength(1).example("[A-Z]{2}[0-9]{6}")
    }

    /// An environment variable name.
    public static var environmentVariableName: Schema {
        Schema.string(maxLength: 256).minLength(1).pattern("^[-._a-zA-Z][-._a-zA-Z0-9]*$").example("EXAMPLE_VAR")
    }
}

// MARK: - Status fields every kind shares

extension Field {
    /// `status.observedGeneration`: the generation the status describes.
    public static var observedGeneration: Field {
        Field(
            "observedGeneration", Schema.int64.minimum(0).example(3),
            "The metadata.generation of the spec this status describes. When it is lower than "
                + "metadata.generation, the controller has not yet acted on the latest change.")
    }

    /// `status.conditions`, documented with the condition types the kind reports.
    public static func conditions(_ types: String) -> Field {
        Field(
            "conditions", Schema.array(of: Condition.self, maxItems: 16).listMap(keys: "type"),
            "The latest observations of the object's state, one per type. Ready is the summary: "
                + "True when everything below is in order. " + types)
    }
}

extension Condition: SchemaDescribed {
    /// `metav1.Condition`, with the bounds and patterns Kubernetes uses for it.
    public static var schema: Schema {
        .object("One aspect of the object's state, in the metav1.Condition shape.") {
            Field(
                "type",
                Schema.string(maxLength: 316).pattern(
                    "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                        + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$"
                ).example("Ready"),
                "The aspect this condition is about, in CamelCase (Ready, Reachable, Valid, …)."
            ).required()
            Field(
                "status", Schema.enumeration(["True", "False", "Unknown"]),
                "True, False or Unknown."
            ).required()
            Field(
                "observedGeneration", Schema.int64.minimum(0).example(3),
                "The metadata.generation the condition was computed from."
            )
            Field(
                "lastTransitionTime", .time,
                "When status last changed (not when the condition was last written)."
            ).required()
            Field(
                "reason",
                Schema.string(maxLength: 1024).minLength(1).pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
                    .example("Reconciled"),
                "A CamelCase word saying why the condition has its status; meant for programs."
            ).required()
            Field(
                "message", Schema.string(maxLength: 32768).example("all is well"),
                "What happened, for people. May be empty."
            ).required()
        }
    }
}
