import KubeCore

/// Where a gateway records its decisions.
public struct AuditPolicy: Codable, Sendable, Hashable, SchemaDescribed {
    /// Whether prompts and responses are recorded, not only decisions.
    public var includeContent: Bool?
    /// Where records go.
    public var sinks: [AuditSink]?

    public init(includeContent: Bool? = nil, sinks: [AuditSink]? = nil) {
        self.includeContent = includeContent
        self.sinks = sinks
    }

    /// The schema of `spec.audit`.
    public static var schema: Schema {
        .object(
            "The audit trail: every gateway decision (allowed, denied, redacted, flagged) becomes a record in a "
                + "hash chain that `astrolift audit verify` checks offline."
        ) {
            Field(
                "includeContent", .boolean,
                "Record the prompts and responses themselves (after redaction), not only the decisions. Records "
                    + "then hold whatever users typed: mind who can read the sinks."
            ).defaultValue(false)
            Field(
                "sinks", Schema.array(of: AuditSink.self, maxItems: 8).listMap(keys: "name"),
                "Where records go. Absent means the gateway's standard output only.")
        }
    }
}

/// A destination of audit records.
public struct AuditSink: Codable, Sendable, Hashable, SchemaDescribed {
    /// The sink's name.
    public var name: String
    /// Where records go.
    public var type: AuditSinkType
    /// For `File`.
    public var file: FileAuditSink?
    /// For `HTTP`.
    public var http: HTTPAuditSink?

    public init(name: String, type: AuditSinkType, file: FileAuditSink? = nil, http: HTTPAuditSink? = nil) {
        self.name = name
        self.type = type
        self.file = file
        self.http = http
    }

    /// The schema of one `spec.audit.sinks` entry.
    public static var schema: Schema {
        .object("A destination of audit records.") {
            Field("name", .dnsLabel, "The sink's name, e.g. siem.").required()
            Field(
                "type", .enumeration(AuditSinkType.self),
                "Stdout (the gateway container's log), File (a file in the pod, e.g. on a volume a log shipper "
                    + "reads) or HTTP (a SIEM endpoint)."
            ).required()
            Field("file", FileAuditSink.self, "Settings of a File sink.")
            Field("http", HTTPAuditSink.self, "Settings of an HTTP sink.")
        }
        .rule(
            "self.type == 'File' ? has(self.file) : !has(self.file)",
            message: "file is required for type File and not allowed for the other types", fieldPath: ".file"
        )
        .rule(
            "self.type == 'HTTP' ? has(self.http) : !has(self.http)",
            message: "http is required for type HTTP and not allowed for the other types", fieldPath: ".http")
    }
}

/// Where audit records go.
public enum AuditSinkType: String, Codable, Sendable, Hashable, CaseIterable {
    case stdout = "Stdout"
    case file = "File"
    case http = "HTTP"
}

/// An audit file in the pod.
public struct FileAuditSink: Codable, Sendable, Hashable, SchemaDescribed {
    /// The file's path.
    public var path: String
    /// The size at which the file is rotated.
    public var maxSize: Quantity?

    public init(path: String, maxSize: Quantity? = nil) {
        self.path = path
        self.maxSize = maxSize
    }

    /// The schema of `file`.
    public static var schema: Schema {
        .object("An audit file, one JSON record per line.") {
            Field("path", .absolutePath, "The file's path in the gateway container.").required()
            Field("maxSize", .quantity, "The size at which the file is rotated (one old file is kept).")
                .defaultValue("100Mi")
        }
    }
}

/// An HTTP endpoint that receives audit records.
public struct HTTPAuditSink: Codable, Sendable, Hashable, SchemaDescribed {
    /// The endpoint.
    public var url: String
    /// The record format.
    public var format: AuditFormat?
    /// The token sent with each batch.
    public var tokenSecretRef: SecretKeyReference?
    /// CA certificates that verify the endpoint.
    public var caBundleSecretRef: SecretKeyReference?

    public init(
        url: String, format: AuditFormat? = nil, tokenSecretRef: SecretKeyReference? = nil,
        caBundleSecretRef: SecretKeyReference? = nil
    ) {
        self.url = url
        self.format = format
        self.tokenSecretRef = tokenSecretRef
        self.caBundleSecretRef = caBundleSecretRef
    }

    /// The schema of `http`.
    public static var schema: Schema {
        .object("An HTTP endpoint that receives batches of audit records.") {
            Field("url", .httpURL, "The endpoint, e.g. https://splunk.example.com:8088/services/collector.")
                .required()
            Field(
                "format", .enumeration(AuditFormat.self),
                "The format of each batch: NDJSON (one JSON record per line), SplunkHEC (Splunk's HTTP Event "
                    + "Collector) or CEF (ArcSight Common Event Format, one event per line)."
            ).defaultValue("NDJSON")
            Field(
                "tokenSecretRef", SecretKeyReference.self,
                "The Secret key holding the token sent with each batch (Authorization: Bearer, or Splunk for "
                    + "SplunkHEC).")
            Field(
                "caBundleSecretRef", SecretKeyReference.self,
                "The Secret key holding PEM CA certificates that verify the endpoint; the system's when absent.")
        }
    }
}

/// The format of audit batches sent over HTTP.
public enum AuditFormat: String, Codable, Sendable, Hashable, CaseIterable {
    case ndjson = "NDJSON"
    case splunkHEC = "SplunkHEC"
    case cef = "CEF"
}
