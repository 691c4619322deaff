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

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Maps an ASCII byte to its 6-bit value, or 0xFF for bytes outside the URL alphabet.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    /// Base64url without padding. Written out by hand: Foundation's base64 plus string
    /// replacement cost more than the signature check itself on Linux.
    static func base64URLEncode(_ data: Data) -> String {
        var out = [UInt8]()
        out.reserveCapacity((data.count * 4 + 2) / 3)
        var bits: UInt32 = 0
        var count = 0
        for byte in data {
            bits = bits << 8 | UInt32(byte)
            count += 8
            while count >= 6 {
                count -= 6
                out.append(alphabet[Int((bits >> UInt32(count)) & 0x3F)])
            }
        }
        if count > 0 { out.append(alphabet[Int((bits << UInt32(6 - count)) & 0x3F)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base64url without padding; `nil` for any other character (padding
    /// included, which JWS forbids) or an impossible length.
    static func base64URLDecode(_ text: Substring) -> Data? {
        let utf8 = text.utf8
        guard utf8.count % 4 != 1 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count * 3 / 4)
        var bits: UInt32 = 0
        var count = 0
        for c in utf8 {
            let v = decodeTable[Int(c)]
            guard v != 0xFF else { return nil }
            bits = bits << 6 | UInt32(v)
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8((bits >> UInt32(count)) & 0xFF))
            }
        }
        return Data(out)
    }
}
