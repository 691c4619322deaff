import KubeCore

/// What a controller caches of a child it writes with ``ApplyDesired/applyHashed(_:current:annotation:)``:
/// the child's identity, owners, finalizers and deletion state, the labels it chose to
/// keep, and the hash of what was last applied — nothing else.
///
/// A metadata-only cache (``PartialObjectMetadata``) still holds a full `ObjectMeta`:
/// 184 bytes inline, a uid, and labels and annotations that are unique per child (an
/// owner's name, a hash), each a dictionary of its own. At tens of thousands of children
/// that is most of a controller's memory. This type keeps the same information the
/// controller reads in about half the space; ``metadata`` rebuilds an `ObjectMeta` (without
/// uid, timestamps other than deletion, or annotations) when asked.
///
/// Cache it with ``CacheOptions/hashed(annotation:labels:)`` as the transform, which moves
/// the hash out of the annotations and drops the labels not named.
public struct HashedMetadata<Kind: KubernetesObject>: KubernetesObject, Hashable {
    public var name: String
    public var namespace: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var deletionTimestamp: Time?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?
    /// The labels kept (all of them until the cache's transform trims them).
    public var labels: [String: String]?
    /// The annotations as received; the cache's transform takes the hash out and drops the rest.
    public var annotations: [String: String]?
    private var storedHash: StoredHash?

    /// The applied hash the child carried (set by the transform).
    public var appliedHash: String? {
        get { storedHash?.text }
        set { storedHash = newValue.map(StoredHash.init) }
    }

    /// Whether the child carries `hash` as its applied hash.
    public func carries(_ hash: String) -> Bool {
        storedHash == StoredHash(hash)
    }

    /// Served where `Kind` is.
    public static var resource: ResourceDescriptor { Kind.resource }

    /// Always `Kind`'s; setting it has no effect.
    public var apiVersion: String? {
        get { Kind.resource.apiVersion }
        set {}
    }

    /// Always `Kind`'s; setting it has no effect.
    public var kind: String? {
        get { Kind.resource.kind }
        set {}
    }

    /// The metadata held, as an `ObjectMeta`; setting it keeps only the fields this type holds.
    public var metadata: ObjectMeta {
        get {
            var meta = ObjectMeta(name: name, namespace: namespace, labels: labels)
            meta.resourceVersion = resourceVersion
            meta.generation = generation
            meta.deletionTimestamp = deletionTimestamp
            meta.ownerReferences = ownerReferences
            meta.finalizers = finalizers
            meta.annotations = annotations
            return meta
        }
        set {
            let hash = storedHash
            self = Self(newValue)
            storedHash = hash
        }
    }

    public init(_ metadata: ObjectMeta, appliedHash: String? = nil) {
        name = metadata.name ?? ""
        namespace = metadata.namespace
        resourceVersion = metadata.resourceVersion
        generation = metadata.generation
        deletionTimestamp = metadata.deletionTimestamp
        ownerReferences = metadata.ownerReferences
        finalizers = metadata.finalizers
        labels = metadata.labels
        annotations = metadata.annotations
        storedHash = appliedHash.map(StoredHash.init)
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta())
    }

    /// Writes `apiVersion`, `kind` and ``metadata``; the applied hash, once the transform
    /// has taken it out of the annotations, is not written back (decoding such output
    /// gives no hash).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(apiVersion, forKey: .apiVersion)
        try container.encode(kind, forKey: .kind)
        try container.encode(metadata, forKey: .metadata)
    }
}

extension CacheOptions {
    /// The transform for a cache of ``HashedMetadata``: takes the hash from annotation
    /// `annotation` into ``HashedMetadata/appliedHash``, drops every other annotation and
    /// every label not in `labels`.
    public static func hashed<Kind>(annotation: String, labels: Set<String> = [])
        -> @Sendable (inout Object) -> Void
    where Object == HashedMetadata<Kind> {
        { object in
            // Once taken out, the hash stays: applying the transform again changes nothing.
            guard let annotations = object.annotations else { return }
            object.appliedHash = annotations[annotation]
            object.annotations = nil
            object.labels = keep(labels, of: object.labels)
        }
    }
}

/// A hash as ``ApplyDesired/contentHash(of:)`` writes it (`sha256:` and 64 lowercase hex
/// digits) held as its 32 bytes, inline: at tens of thousands of cached children the text
/// would be a heap allocation each. Any other text is kept as it is.
enum StoredHash: Hashable, Sendable {
    case sha256(UInt64, UInt64, UInt64, UInt64)
    case text(String)

    private static let prefix = "sha256:"

    init(_ text: String) {
        let utf8 = Array(text.utf8)
        let prefixLength = Self.prefix.utf8.count
        guard utf8.count == prefixLength + 64, text.hasPrefix(Self.prefix) else {
            self = .text(text)
            return
        }
        var words: [UInt64] = []
        for word in 0..<4 {
            var value: UInt64 = 0
            for byte in utf8[(prefixLength + word * 16)..<(prefixLength + word * 16 + 16)] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                default:
                    // Upper case or not hex: keep the text, so it reads back exactly.
                    self = .text(text)
                    return
                }
                value = value << 4 | UInt64(digit)
            }
            words.append(value)
        }
        self = .sha256(words[0], words[1], words[2], words[3])
    }

    var text: String {
        switch self {
        case .text(let text):
            return text
        case .sha256(let a, let b, let c, let d):
            let digits = Array("0123456789abcdef".utf8)
            var out = Array(Self.prefix.utf8)
            out.reserveCapacity(out.count + 64)
            for word in [a, b, c, d] {
                for shift in stride(from: 60, through: 0, by: -4) {
                    out.append(digits[Int((word >> UInt64(shift)) & 0xF)])
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
