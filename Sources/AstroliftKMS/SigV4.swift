import Crypto
import Foundation

/// AWS Signature Version 4 for requests signed in headers.
///
/// Each step's output is exposed so tests can compare it with AWS's published test suite.
public struct SigV4Signer: Sendable {
    /// The credentials that sign.
    public var credentials: AWSCredentials
    /// The region of the credential scope, e.g. `us-east-1`.
    public var region: String
    /// The service of the credential scope, e.g. `kms`.
    public var service: String

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// A request to sign.
    public struct Request: Sendable {
        /// `GET`, `POST`, …
        public var method: String
        /// The path, already URI-encoded as it is sent (`/` for AWS KMS).
        public var path: String
        /// The query parameters, not encoded.
        public var query: [(String, String)]
        /// The headers to sign, with `host` among them.
        public var headers: [(String, String)]
        /// The body.
        public var body: [UInt8]

        public init(
            method: String, path: String = "/", query: [(String, String)] = [], headers: [(String, String)],
            body: [UInt8] = []
        ) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }
    }

    /// The intermediate values and the headers to add.
    public struct Signature: Sendable {
        /// Task 1: the canonical request.
        public var canonicalRequest: String
        /// Task 2: the string to sign.
        public var stringToSign: String
        /// Task 3: the hex signature.
        public var signature: String
        /// The `Authorization` header value.
        public var authorization: String
        /// `X-Amz-Date`, and `X-Amz-Security-Token` for temporary credentials.
        public var headers: [(String, String)]
    }

    /// `YYYYMMDD'T'HHMMSS'Z'` in UTC.
    public static func amzDate(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current, from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0,
            c.second ?? 0)
    }

    /// Signs `request` as of `date`. `X-Amz-Date` (and the session token, when the
    /// credentials have one) are added to the signed headers.
    public func sign(_ request: Request, date: Date) -> Signature {
        let amzDate = Self.amzDate(date)
        let day = String(amzDate.prefix(8))
        var added = [("X-Amz-Date", amzDate)]
        if let token = credentials.sessionToken { added.append(("X-Amz-Security-Token", token)) }

        var byName: [String: [String]] = [:]
        for (name, value) in request.headers + added {
            byName[name.lowercased(), default: []].append(Self.trimmed(value))
        }
        let names = byName.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(byName[$0, default: []].joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let encoded: [(name: String, value: String)] = request.query.map { (Self.encode($0.0), Self.encode($0.1)) }
        let sortedQuery = encoded.sorted { a, b in a.name == b.name ? a.value < b.value : a.name < b.name }
        let query = sortedQuery.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        let payloadHash = Self.hex(SHA256.hash(data: request.body))
        let canonicalRequest = [
            request.method, request.path, query, canonicalHeaders, signedHeaders, payloadHash,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")

        var key = SymmetricKey(data: Array(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), "
            + "Signature=\(signature)"
        return Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            authorization: authorization, headers: added + [("Authorization", authorization)])
    }

    /// Trims a header value and collapses inner runs of spaces, as the canonical form requires.
    static func trimmed(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true)
            .joined(separator: " ")
    }

    /// URI-encodes everything but the unreserved characters.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
