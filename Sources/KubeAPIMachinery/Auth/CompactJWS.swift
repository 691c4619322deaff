import Crypto
import Foundation
import KubeCore

/// JSON Web Tokens in compact serialisation (`header.payload.signature`, each part
/// base64url without padding), signed with ES256 (ECDSA P-256 over SHA-256, the signature
/// as the 64 bytes `r || s`). Only what service account tokens need.
enum CompactJWS {
    /// A token split into its parts; the signature is not yet checked.
    struct Parsed {
        var header: [String: JSONValue]
        var claims: [String: JSONValue]
        /// `header.payload` as sent: the bytes the signature covers.
        var signingInput: Data
        var signature: Data
    }

    /// Splits and decodes a compact JWS; `nil` when it is not one (wrong number of parts,
    /// bad base64url, or a header or payload that is not a JSON object).
    static func parse(_ token: String) -> Parsed? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerData = base64URLDecode(parts[0]),
            let payloadData = base64URLDecode(parts[1]),
            let signature = base64URLDecode(parts[2]),
            let header = (try? JSONValue.parse(headerData))?.objectValue,
            let claims = (try? JSONValue.parse(payloadData))?.objectValue
        else { return nil }
        let input = Data(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        return Parsed(header: header, claims: claims, signingInput: input, signature: signature)
    }

    /// Signs `claims` with `key` under `header` (which should name `alg` and `kid`).
    static func sign(header: JSONValue, claims: JSONValue, key: P256.Signing.PrivateKey) throws -> String {
        let input = base64URLEncode(header.serialized()) + "." + base64URLEncode(claims.serialized())
        let signature = try key.signature(for: Data(input.utf8))
        return input + "." + base64URLEncode(signature.rawRepresentation)
    }

    /// Whether `parsed` carries a valid ES256 signature by `key`.
    static func verify(_ parsed: Parsed, key: P256.Signing.PublicKey) -> Bool {
        guard parsed.signature.count == 64,
            let signature = try? P256.Signing.ECDSASignature(rawRepresentation: parsed.signature)
        else { return false }
        return key.isValidSignature(signature, for: parsed.signingInput)
    }

    static func base64URLEncode(_ data: Data) -> String {
        var s = data.base64EncodedString()
        s = s.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while s.hasSuffix("=") { s.removeLast() }
        return s
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        // Padding is not allowed in JWS; anything but the URL alphabet is rejected.
        guard !text.contains("="), !text.contains("+"), !text.contains("/") else { return nil }
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        switch s.count % 4 {
        case 0: break
        case 2: s += "=="
        case 3: s += "="
        default: return nil
        }
        return Data(base64Encoded: s)
    }
}
