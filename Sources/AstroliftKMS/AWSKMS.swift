import Crypto
import Foundation
import NIOHTTP1

/// A key in AWS KMS, spoken to with the JSON 1.1 protocol (`X-Amz-Target:
/// TrentService.*`) and SigV4.
///
/// The binding is sent as the encryption context (`astrolift.dev/namespace`, `…/name`,
/// `…/key`), so KMS itself refuses to unwrap a data key for another object and CloudTrail
/// records which object each call was for. The key id recorded in envelopes is the key
/// ARN KMS returns; the version is `1`, because AWS rotates key material transparently
/// (a re-seal is recommended when an alias is moved to another key).
public struct AWSKMS: KeyManagementService {
    /// The key: id, ARN, alias name or alias ARN.
    public let keyID: String
    /// The region.
    public let region: String
    /// `https://kms.REGION.amazonaws.com`, or the override.
    public let endpoint: String
    private let credentials: any AWSCredentialProvider
    private let http: KMSHTTPClient
    private let ownsHTTP: Bool
    private let clock: @Sendable () -> Date

    public var kind: KMSProviderKind { .aws }
    public var keyName: String { "AWS KMS key \(keyID) (\(region))" }

    /// - Parameters:
    ///   - endpoint: replaces the regional endpoint (VPC endpoints, tests).
    ///   - ownsHTTP: whether ``shutdown()`` shuts `http` down.
    public init(
        keyID: String, region: String, endpoint: String? = nil, credentials: any AWSCredentialProvider,
        http: KMSHTTPClient, ownsHTTP: Bool = true, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.keyID = keyID
        self.region = region
        var base = endpoint ?? "https://kms.\(region).amazonaws.com"
        while base.hasSuffix("/") { base.removeLast() }
        self.endpoint = base
        self.credentials = credentials
        self.http = http
        self.ownsHTTP = ownsHTTP
        self.clock = clock
    }

    public func shutdown() async {
        if ownsHTTP { await http.shutdown() }
    }

    private struct ErrorBody: Decodable {
        var type: String?
        var message: String?
        var upperMessage: String?
        enum CodingKeys: String, CodingKey {
            case type = "__type"
            case message
            case upperMessage = "Message"
        }
    }

    /// Calls one KMS operation and decodes its JSON answer.
    func call<Response: Decodable>(_ operation: String, _ payload: [String: Any], as _: Response.Type) async throws
        -> Response
    {
        let body = try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])
        guard let url = URL(string: endpoint), let host = url.host else {
            throw KMSError(.invalidConfiguration, "the AWS KMS endpoint \(endpoint) is not a URL")
        }
        let hostHeader = url.port.map { "\(host):\($0)" } ?? host
        let request = SigV4Signer.Request(
            method: "POST", path: url.path.isEmpty ? "/" : url.path,
            headers: [
                ("Host", hostHeader), ("Content-Type", "application/x-amz-json-1.1"),
                ("X-Amz-Target", "TrentService.\(operation)"),
            ], body: Array(body))
        let signer = SigV4Signer(credentials: try await credentials.credentials(), region: region, service: "kms")
        let signature = signer.sign(request, date: clock())
        let service = "AWS KMS at \(endpoint)"
        let response = try await http.send(
            .POST, endpoint + (url.path.isEmpty ? "/" : ""), headers: request.headers + signature.headers,
            body: Array(body), service: service)
        if !(200..<300).contains(response.status) {
            let error = try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body))
            let type = error?.type.map { String($0.split(separator: "#").last ?? Substring($0)) } ?? ""
            let text = [type, error?.message ?? error?.upperMessage ?? ""].filter { !$0.isEmpty }
                .joined(separator: ": ")
            switch type {
            case "NotFoundException", "DisabledException", "KMSInvalidStateException":
                throw KMSError(
                    .keyNotFound,
                    "\(service) cannot use \(keyName) (\(KMSError.excerpt(text))): check that the key exists, is "
                        + "enabled and is in \(region)")
            case "InvalidCiphertextException", "IncorrectKeyException":
                throw KMSError(
                    .wrongKey,
                    "\(service) could not unwrap the data key with \(keyName) (\(type)): the value was sealed with "
                        + "another key or for another object, or it was altered")
            case "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException",
                "ExpiredTokenException", "IncompleteSignature", "MissingAuthenticationToken":
                throw KMSError(
                    .unauthorized,
                    "\(service) refused \(operation) on \(keyName) (\(KMSError.excerpt(text))): check the "
                        + "credentials from \(credentials.source) and that the key policy allows kms:\(operation)")
            case "ThrottlingException", "KMSInternalException", "DependencyTimeoutException":
                throw KMSError(.unreachable, "\(service) is busy (\(type)): the controller retries")
            default:
                try response.requireSuccess(
                    service, key: keyName, action: "run \(operation)", serviceMessage: text.isEmpty ? nil : text)
            }
        }
        return try response.decode(Response.self, service: service)
    }

    private struct CipherResponse: Decodable {
        var CiphertextBlob: String?
        var Plaintext: String?
        var KeyId: String?
    }

    private struct DescribeResponse: Decodable {
        struct Metadata: Decodable {
            var KeyId: String
            var Arn: String?
            var Enabled: Bool?
            var KeyState: String?
            var CurrentKeyMaterialId: String?
        }
        var KeyMetadata: Metadata
    }

    public func wrap(_ dataKey: SymmetricKey, binding: EnvelopeBinding) async throws -> WrappedDataKey {
        let response = try await call(
            "Encrypt",
            [
                "KeyId": keyID, "Plaintext": Data(dataKey.rawBytes).base64EncodedString(),
                "EncryptionContext": binding.encryptionContext,
            ], as: CipherResponse.self)
        return try wrapped(response)
    }

    public func generateDataKey(binding: EnvelopeBinding) async throws -> GeneratedDataKey {
        let response = try await call(
            "GenerateDataKey",
            ["KeyId": keyID, "KeySpec": "AES_256", "EncryptionContext": binding.encryptionContext],
            as: CipherResponse.self)
        guard let plaintext = response.Plaintext.flatMap({ Data(base64Encoded: $0) }), plaintext.count == 32 else {
            throw KMSError(.service, "AWS KMS at \(endpoint) answered GenerateDataKey without a 256-bit key")
        }
        return GeneratedDataKey(key: SymmetricKey(data: plaintext), wrapped: try wrapped(response))
    }

    private func wrapped(_ response: CipherResponse) throws -> WrappedDataKey {
        guard let blob = response.CiphertextBlob.flatMap({ Data(base64Encoded: $0) }) else {
            throw KMSError(.service, "AWS KMS at \(endpoint) answered without a CiphertextBlob")
        }
        return WrappedDataKey(ciphertext: Array(blob), keyID: response.KeyId ?? keyID, keyVersion: "1")
    }

    public func unwrap(_ wrapped: WrappedDataKey, binding: EnvelopeBinding) async throws -> SymmetricKey {
        // With a key id or ARN configured, a value sealed under another key is refused here
        // (and by KMS, which gets that id). With an alias, the recorded key ARN is sent, so
        // values sealed before the alias moved to a new key still open (and ask for a re-seal).
        let isAlias = keyID.hasPrefix("alias/") || keyID.contains(":alias/")
        if !isAlias, wrapped.keyID != keyID, !wrapped.keyID.hasSuffix("/" + keyID) {
            throw KMSError(
                .wrongKey,
                "the value in \(binding) was sealed with AWS KMS key \(wrapped.keyID), but the provider uses "
                    + "\(keyName): use the provider it was sealed with, or seal it again")
        }
        let response = try await call(
            "Decrypt",
            [
                "KeyId": isAlias ? wrapped.keyID : keyID,
                "CiphertextBlob": Data(wrapped.ciphertext).base64EncodedString(),
                "EncryptionContext": binding.encryptionContext,
            ], as: CipherResponse.self)
        guard let plaintext = response.Plaintext.flatMap({ Data(base64Encoded: $0) }), plaintext.count == 32 else {
            throw KMSError(.tampered, "AWS KMS at \(endpoint) unwrapped something that is not a 256-bit data key")
        }
        return SymmetricKey(data: plaintext)
    }

    public func describeKey() async throws -> KeyDescription {
        let response = try await call("DescribeKey", ["KeyId": keyID], as: DescribeResponse.self)
        let metadata = response.KeyMetadata
        if metadata.Enabled == false {
            throw KMSError(
                .keyNotFound,
                "\(keyName) is \(metadata.KeyState ?? "disabled"): enable it (aws kms enable-key) or point the "
                    + "provider at another key")
        }
        return KeyDescription(keyID: metadata.Arn ?? metadata.KeyId, currentVersion: "1")
    }
}
