import Foundation

/// The identity of a client certificate that the TLS layer has already verified against
/// the client CA: common name → user name, each organization → a group, as the real
/// server's x509 authenticator maps them.
///
/// Verification itself (chain, validity, key usage) belongs to the TLS layer; these
/// functions only name the user.
public enum ClientCertificateIdentity {
    /// The user of a certificate with this subject, or `nil` when the common name is
    /// empty (the real server does not authenticate such certificates).
    ///
    /// - Parameter sha256Fingerprint: the hex SHA-256 of the certificate's DER bytes,
    ///   recorded as `extra["authentication.kubernetes.io/credential-id"] = ["X509SHA256=…"]`
    ///   as the real server does; pass `nil` to leave it out.
    public static func user(
        commonName: String?, organizations: [String], sha256Fingerprint: String? = nil
    ) -> AuthenticatedUser? {
        guard let commonName, !commonName.isEmpty else { return nil }
        var extra = [String: [String]]()
        if let sha256Fingerprint, !sha256Fingerprint.isEmpty {
            extra[AuthenticationExtraKey.credentialID] = ["X509SHA256=\(sha256Fingerprint.lowercased())"]
        }
        return AuthenticatedUser(username: commonName, groups: organizations, extra: extra).addingAuthenticatedGroup()
    }

    /// The user of a certificate whose subject is given as an RFC 4514 string, e.g.
    /// `CN=admin,O=system:masters` (the order of the parts does not matter; when the
    /// common name repeats, the last one counts, as in Go's `pkix.Name`).
    public static func user(subject: String, sha256Fingerprint: String? = nil) throws(DistinguishedNameError)
        -> AuthenticatedUser?
    {
        let attributes = try parseDistinguishedName(subject)
        var commonName: String?
        var organizations = [String]()
        for attribute in attributes {
            switch attribute.type.uppercased() {
            case "CN", "2.5.4.3", "OID.2.5.4.3": commonName = attribute.value
            case "O", "2.5.4.10", "OID.2.5.4.10": organizations.append(attribute.value)
            default: continue
            }
        }
        return user(commonName: commonName, organizations: organizations, sha256Fingerprint: sha256Fingerprint)
    }

    /// The attributes of an RFC 4514 distinguished name in written order. Separators are
    /// `,` (or the older `;`) between parts and `+` inside a multi-valued part; values
    /// may escape characters with `\` (`\,`, `\+`, `\"`, `\\`) or as UTF-8 hex pairs
    /// (`\2C`); spaces around types and values are ignored. A value in `#hex` form is
    /// kept as written.
    public static func parseDistinguishedName(_ dn: String) throws(DistinguishedNameError)
        -> [(type: String, value: String)]
    {
        var result = [(type: String, value: String)]()
        let scalars = Array(dn.unicodeScalars)
        var i = 0
        func skipSpaces() { while i < scalars.count, scalars[i] == " " { i += 1 } }
        skipSpaces()
        if i == scalars.count { return [] }
        while true {
            skipSpaces()
            var type = ""
            while i < scalars.count, scalars[i] != "=" {
                if scalars[i] == "," || scalars[i] == "+" || scalars[i] == ";" {
                    throw DistinguishedNameError(message: "attribute type at offset \(i) has no '='")
                }
                type.unicodeScalars.append(scalars[i])
                i += 1
            }
            type = type.trimmingCharacters(in: .whitespaces)
            guard i < scalars.count, !type.isEmpty else {
                throw DistinguishedNameError(message: "expected TYPE=VALUE at offset \(i)")
            }
            i += 1  // '='
            skipSpaces()
            var bytes = [UInt8]()
            // Trailing spaces are dropped unless escaped; remember where escaped text ends.
            var keptLength = 0
            while i < scalars.count, scalars[i] != ",", scalars[i] != "+", scalars[i] != ";" {
                if scalars[i] == "\\" {
                    i += 1
                    guard i < scalars.count else {
                        throw DistinguishedNameError(message: "a '\\' ends the name")
                    }
                    if i + 1 < scalars.count, let hi = hexValue(scalars[i]), let lo = hexValue(scalars[i + 1]) {
                        bytes.append(hi << 4 | lo)
                        i += 2
                    } else {
                        bytes.append(contentsOf: Array(String(scalars[i]).utf8))
                        i += 1
                    }
                    keptLength = bytes.count
                } else {
                    bytes.append(contentsOf: Array(String(scalars[i]).utf8))
                    if scalars[i] != " " { keptLength = bytes.count }
                    i += 1
                }
            }
            guard let value = String(bytes: bytes[0..<keptLength], encoding: .utf8) else {
                throw DistinguishedNameError(message: "the value of \(type) is not valid UTF-8")
            }
            result.append((type, value))
            if i >= scalars.count { return result }
            i += 1  // separator
        }
    }

    private static func hexValue(_ s: Unicode.Scalar) -> UInt8? {
        switch s {
        case "0"..."9": return UInt8(s.value - 48)
        case "a"..."f": return UInt8(s.value - 87)
        case "A"..."F": return UInt8(s.value - 55)
        default: return nil
        }
    }
}

/// A distinguished name that is not valid RFC 4514 text.
public struct DistinguishedNameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the name.
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { "invalid distinguished name: \(message)" }
}
