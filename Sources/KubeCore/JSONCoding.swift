import Foundation

/// The JSON encoder and decoder settings every Astrolift component uses, so that
/// objects are written the way the Kubernetes API server writes them.
public enum KubeJSON {
    /// Encodes `value` as compact JSON with sorted keys (stable output for hashing and diffs)
    /// with ``FastJSONEncoder``: the same bytes as Foundation's `JSONEncoder` with
    /// `[.sortedKeys, .withoutEscapingSlashes]` (hashes of this output are stored in
    /// clusters, so it must not change), several times faster; see docs/benchmarks.md.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try FastJSONEncoder().encode(value)
    }

    /// Encodes `value` as indented JSON, as `kubectl get -o json` prints it.
    public static func encodePretty<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Decodes `T` from JSON bytes with ``FastJSONDecoder`` (same results and errors as
    /// Foundation's `JSONDecoder()`, about 10× faster on API objects; see docs/benchmarks.md).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try FastJSONDecoder().decode(T.self, from: data)
    }
}
