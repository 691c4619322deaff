import Crypto
import Foundation
import KubeTestServer
import NIOHTTP1
import XCTest
import _CryptoExtras

@testable import AstroliftKMS

/// GCP Cloud KMS, Azure Key Vault, AWS web identity and Vault Kubernetes auth cannot run
/// here: these tests check the requests the providers build and how they handle the
/// answers, against a scriptable HTTPS server that plays the service from its documented
/// request and response formats.
final class CloudProviderTests: XCTestCase {
    let binding = EnvelopeBinding(namespace: "team-a", name: "db", dataKey: "password")

    static func json(_ text: String, _ status: HTTPResponseStatus = .ok) -> TestResponse {
        TestResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(text.utf8))
    }

    static func object(_ request: TestRequest) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
    }

    static func form(_ request: TestRequest) -> [String: String] {
        var out: [String: String] = [:]
        for pair in request.bodyText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if parts.count == 2 { out[parts[0]] = parts[1] }
        }
        return out
    }

    // MARK: Google Cloud KMS

    /// Plays Cloud KMS: AES-GCM with the request's additionalAuthenticatedData.
    static func gcpHandler(serverKey: SymmetricKey, expectToken: String, tokenHandler: @escaping TestServer.Handler)
        -> TestServer.Handler
    {
        let keyPath = "/v1/projects/p/locations/global/keyRings/r/cryptoKeys/k"
        return { request in
            if request.path.hasPrefix("/token") || request.path.hasPrefix("/v1/token")
                || request.path.contains(":generateAccessToken")
            {
                return await tokenHandler(request)
            }
            guard request.header("Authorization") == "Bearer \(expectToken)" else {
                return json(#"{"error":{"code":401,"status":"UNAUTHENTICATED","message":"bad token"}}"#, .unauthorized)
            }
            let body = object(request)
            let aad = (body["additionalAuthenticatedData"] as? String).flatMap { Data(base64Encoded: $0) } ?? Data()
            switch (request.method, request.path) {
            case (.POST, keyPath + ":encrypt"):
                guard let plaintext = (body["plaintext"] as? String).flatMap({ Data(base64Encoded: $0) }),
                    let sealed = try? AES.GCM.seal(plaintext, using: serverKey, authenticating: aad).combined
                else { return json(#"{"error":{"status":"INVALID_ARGUMENT","message":"bad"}}"#, .badRequest) }
                return json(
                    #"{"name":"projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/3","ciphertext":"\#(sealed.base64EncodedString())"}"#
                )
            case (.POST, keyPath + ":decrypt"):
                guard let ciphertext = (body["ciphertext"] as? String).flatMap({ Data(base64Encoded: $0) }),
                    let box = try? AES.GCM.SealedBox(combined: ciphertext),
                    let plaintext = try? AES.GCM.open(box, using: serverKey, authenticating: aad)
                else {
                    return json(
                        #"{"error":{"code":400,"status":"INVALID_ARGUMENT","message":"Decryption failed: the ciphertext is invalid."}}"#,
                        .badRequest)
                }
                return json(#"{"plaintext":"\#(plaintext.base64EncodedString())"}"#)
            case (.GET, keyPath):
                return json(
                    #"{"name":"projects/p/locations/global/keyRings/r/cryptoKeys/k","primary":{"name":"projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/3","state":"ENABLED"}}"#
                )
            default:
                return json(#"{"error":{"status":"NOT_FOUND","message":"no such path"}}"#, .notFound)
            }
        }
    }

    func testGCPServiceAccountKeyFlowAndEnvelope() async throws {
        let signingKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let publicKey = signingKey.publicKey
        let serverKey = SymmetricKey(size: .bits256)
        let server = try await TestServer.start(
            handler: Self.gcpHandler(serverKey: serverKey, expectToken: "ya29.sa-token") { request in
                let form = Self.form(request)
                guard form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer",
                    let jwt = form["assertion"]
                else { return Self.json(#"{"error":"invalid_request"}"#, .badRequest) }
                let parts = jwt.split(separator: ".").map(String.init)
                guard parts.count == 3, let signature = Base64URL.decode(parts[2]),
                    publicKey.isValidSignature(
                        _RSA.Signing.RSASignature(rawRepresentation: signature),
                        for: Array((parts[0] + "." + parts[1]).utf8),
                        padding: .insecurePKCS1v1_5),
                    let claimsData = Base64URL.decode(parts[1]),
                    let claims = try? JSONSerialization.jsonObject(with: Data(claimsData)) as? [String: Any],
                    claims["iss"] as? String == "kms@acme.iam.gserviceaccount.com",
                    claims["scope"] as? String == "https://www.googleapis.com/auth/cloudkms",
                    (claims["aud"] as? String)?.hasSuffix("/token") == true
                else {
                    return Self.json(#"{"error":"invalid_grant","error_description":"bad assertion"}"#, .badRequest)
                }
                return Self.json(#"{"access_token":"ya29.sa-token","expires_in":3600,"token_type":"Bearer"}"#)
            })
        defer { Task { await server.shutdown() } }
        let keyFile: [String: String] = [
            "type": "service_account", "client_email": "kms@acme.iam.gserviceaccount.com",
            "private_key": signingKey.pemRepresentation, "private_key_id": "kid1",
            "token_uri": server.baseURL.absoluteString + "/token",
        ]
        let kms = GCPKMS(
            resourceName: "projects/p/locations/global/keyRings/r/cryptoKeys/k",
            endpoint: server.baseURL.absoluteString,
            auth: .serviceAccountKey(json: Array(try JSONSerialization.data(withJSONObject: keyFile))),
            http: try KMSHTTPClient(caBundlePEM: Array(server.caPEM.utf8)))
        do {
            let cipher = EnvelopeCipher(kms: kms)
            let text = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
            let envelope = try Envelope(text: text)
            XCTAssertEqual(envelope.provider, .gcp)
            XCTAssertEqual(envelope.wrappedKey.keyVersion, "3")
            let current = try await kms.describeKey()
            XCTAssertEqual(current.currentVersion, "3")
            let opened = try await cipher.open(text, for: binding, current: current)
            XCTAssertEqual(String(decoding: opened.plaintext, as: UTF8.self), Plaintexts.first)
            XCTAssertFalse(opened.resealRecommended)
            XCTAssertEqual(server.requestCount(path: "/token"), 1, "the token is cached")

            // The service itself refuses the data key under another binding.
            let elsewhere = EnvelopeBinding(namespace: "team-b", name: "db", dataKey: "password")
            do {
                _ = try await kms.unwrap(envelope.wrappedKey, binding: elsewhere)
                XCTFail("unwrapped under another binding")
            } catch let error as KMSError {
                XCTAssertEqual(error.kind, .wrongKey)
                XCTAssertTrue(error.message.contains("Decryption failed"), error.message)
                assertNoSecrets(error.message, extra: ["ya29.sa-token"])
            }
        } catch {
            await kms.shutdown()
            throw error
        }
        await kms.shutdown()
    }

    func testGCPWorkloadIdentityExchangesAndImpersonates() async throws {
        let serverKey = SymmetricKey(size: .bits256)
        let server = try await TestServer.start(
            handler: Self.gcpHandler(serverKey: serverKey, expectToken: "impersonated") { request in
                if request.path == "/v1/token" {
                    let body = Self.object(request)
                    guard body["subject_token"] as? String == "k8s-sa-jwt",
                        body["audience"] as? String == "//iam.googleapis.com/projects/1/locations/global/x",
                        body["grant_type"] as? String == "urn:ietf:params:oauth:grant-type:token-exchange"
                    else { return Self.json(#"{"error":"invalid_request"}"#, .badRequest) }
                    return Self.json(#"{"access_token":"federated","expires_in":3600}"#)
                }
                guard
                    request.path
                        == "/v1/projects/-/serviceAccounts/kms@acme.iam.gserviceaccount.com:generateAccessToken",
                    request.header("Authorization") == "Bearer federated"
                else { return Self.json(#"{"error":{"status":"PERMISSION_DENIED","message":"no"}}"#, .forbidden) }
                return Self.json(#"{"accessToken":"impersonated","expireTime":"2099-01-01T00:00:00Z"}"#)
            })
        defer { Task { await server.shutdown() } }
        let base = server.baseURL.absoluteString
        let kms = GCPKMS(
            resourceName: "projects/p/locations/global/keyRings/r/cryptoKeys/k", endpoint: base,
            auth: .workloadIdentity(
                audience: "//iam.googleapis.com/projects/1/locations/global/x",
                serviceAccount: "kms@acme.iam.gserviceaccount.com", stsEndpoint: base, iamCredentialsEndpoint: base,
                subjectToken: { "k8s-sa-jwt" }),
            http: try KMSHTTPClient(caBundlePEM: Array(server.caPEM.utf8)))
        let description = try await kms.describeKey()
        await kms.shutdown()
        XCTAssertEqual(description.currentVersion, "3")
        XCTAssertEqual(description.keyID, "projects/p/locations/global/keyRings/r/cryptoKeys/k")
    }

    // MARK: Azure Key Vault

    func testAzureClientCredentialsWrapUnwrap() async throws {
        // RSA encryption keys are not Sendable: the handler rebuilds the key from its PEM.
        let pem = try _RSA.Encryption.PrivateKey(keySize: .bits2048).pemRepresentation
        let server = try await TestServer.start { request in
            guard let rsa = try? _RSA.Encryption.PrivateKey(pemRepresentation: pem) else {
                return Self.json(#"{"error":{"code":"Internal","message":"fixture key"}}"#, .internalServerError)
            }
            let publicKey = rsa.publicKey
            if request.path == "/tenant-1/oauth2/v2.0/token" {
                let form = Self.form(request)
                let secretOK = form["client_secret"] == "azure-client-secret"
                let assertionOK =
                    form["client_assertion"] == "federated-sa-token"
                    && form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                guard form["grant_type"] == "client_credentials", form["client_id"] == "client-1",
                    form["scope"] == "https://vault.azure.net/.default", secretOK || assertionOK
                else {
                    return Self.json(#"{"error":"invalid_client","error_description":"AADSTS7000215"}"#, .unauthorized)
                }
                return Self.json(#"{"access_token":"entra-token","expires_in":3600,"token_type":"Bearer"}"#)
            }
            guard request.header("Authorization") == "Bearer entra-token", request.queryValue("api-version") == "7.4"
            else { return Self.json(#"{"error":{"code":"Unauthorized","message":"no"}}"#, .unauthorized) }
            let kid = "https://127.0.0.1/keys/astrolift/0a1b2c"
            let body = Self.object(request)
            let value = (body["value"] as? String).flatMap(Base64URL.decode) ?? []
            switch (request.method, request.path) {
            case (.POST, "/keys/astrolift/wrapkey"):
                guard body["alg"] as? String == "RSA-OAEP-256",
                    let wrapped = try? publicKey.encrypt(value, padding: .PKCS1_OAEP_SHA256)
                else { return Self.json(#"{"error":{"code":"BadParameter","message":"alg"}}"#, .badRequest) }
                return Self.json(#"{"kid":"\#(kid)","value":"\#(Base64URL.encode(wrapped))"}"#)
            case (.POST, "/keys/astrolift/0a1b2c/unwrapkey"):
                guard let plain = try? rsa.decrypt(value, padding: .PKCS1_OAEP_SHA256) else {
                    return Self.json(#"{"error":{"code":"BadParameter","message":"Bad Request"}}"#, .badRequest)
                }
                return Self.json(#"{"kid":"\#(kid)","value":"\#(Base64URL.encode(plain))"}"#)
            case (.GET, "/keys/astrolift"):
                return Self.json(#"{"key":{"kid":"\#(kid)","kty":"RSA"},"attributes":{"enabled":true}}"#)
            default:
                return Self.json(#"{"error":{"code":"KeyNotFound","message":"no key"}}"#, .notFound)
            }
        }
        defer { Task { await server.shutdown() } }
        for auth in [
            AzureAuthMethod.clientSecret("azure-client-secret"), .workloadIdentity(assertion: { "federated-sa-token" }),
        ] {
            let kms = AzureKeyVault(
                vaultURL: server.baseURL.absoluteString, name: "astrolift", tenantID: "tenant-1", clientID: "client-1",
                authorityHost: server.baseURL.absoluteString, auth: auth,
                http: try KMSHTTPClient(caBundlePEM: Array(server.caPEM.utf8)))
            do {
                let cipher = EnvelopeCipher(kms: kms)
                let text = try await cipher.seal(Array(Plaintexts.first.utf8), for: binding)
                let envelope = try Envelope(text: text)
                XCTAssertEqual(envelope.wrappedKey.keyVersion, "0a1b2c")
                XCTAssertEqual(envelope.wrappedKey.keyID, server.baseURL.absoluteString + "/keys/astrolift")
                let current = try await kms.describeKey()
                let opened = try await cipher.open(text, for: binding, current: current)
                XCTAssertEqual(String(decoding: opened.plaintext, as: UTF8.self), Plaintexts.first)
                XCTAssertFalse(opened.resealRecommended)
                var broken = envelope
                broken.wrappedKey.ciphertext[10] ^= 1
                do {
                    _ = try await kms.unwrap(broken.wrappedKey, binding: binding)
                    XCTFail("a damaged wrapped key unwrapped")
                } catch let error as KMSError {
                    XCTAssertEqual(error.kind, .wrongKey)
                    assertNoSecrets(error.message, extra: ["azure-client-secret", "entra-token"])
                }
            } catch {
                await kms.shutdown()
                throw error
            }
            await kms.shutdown()
        }
    }

    func testAzureBadClientSecretNamesTheApplication() async throws {
        let server = try await TestServer.start { _ in
            Self.json(
                #"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret."}"#,
                .unauthorized)
        }
        defer { Task { await server.shutdown() } }
        let kms = AzureKeyVault(
            vaultURL: server.baseURL.absoluteString, name: "astrolift", tenantID: "tenant-1", clientID: "client-1",
            authorityHost: server.baseURL.absoluteString, auth: .clientSecret("wrong-secret-value"),
            http: try KMSHTTPClient(caBundlePEM: Array(server.caPEM.utf8)))
        do {
            _ = try await kms.describeKey()
            XCTFail("described with a bad secret")
        } catch let error as KMSError {
            XCTAssertEqual(error.kind, .unauthorized)
            XCTAssertTrue(error.message.contains("application client-1"), error.message)
            XCTAssertTrue(error.message.contains("AADSTS7000215"), error.message)
            assertNoSecrets(error.message, extra: ["wrong-secret-value"])
        }
        await kms.shutdown()
    }

    // MARK: AWS web identity and Vault Kubernetes auth

    func testAWSWebIdentityThenSignedKMSCall() async throws {
        let server = try await TestServer.start { request in
            if request.header("X-Amz-Target") == nil {
                let form = Self.form(request)
                guard form["Action"] == "AssumeRoleWithWebIdentity", form["WebIdentityToken"] == "irsa-jwt",
                    form["RoleArn"] == "arn:aws:iam::111122223333:role/astrolift-kms"
                else {
                    return TestResponse(status: .badRequest, body: Array("<Error><Message>bad</Message></Error>".utf8))
                }
                let xml = """
                    <AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>
                    <AccessKeyId>ASIATESTKEY</AccessKeyId><SecretAccessKey>sts-secret</SecretAccessKey>
                    <SessionToken>sts-session-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>
                    </Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>
                    """
                return TestResponse(status: .ok, headers: ["Content-Type": "text/xml"], body: Array(xml.utf8))
            }
            guard request.header("X-Amz-Target") == "TrentService.DescribeKey",
                request.header("Authorization")?.contains("Credential=ASIATESTKEY/") == true,
                request.header("Authorization")?.contains("/eu-west-1/kms/aws4_request") == true,
                request.header("X-Amz-Security-Token") == "sts-session-token",
                request.header("Content-Type") == "application/x-amz-json-1.1"
            else { return Self.json(#"{"__type":"AccessDeniedException","message":"denied"}"#, .badRequest) }
            return Self.json(
                #"{"KeyMetadata":{"KeyId":"k-1","Arn":"arn:aws:kms:eu-west-1:111122223333:key/k-1","Enabled":true}}"#)
        }
        defer { Task { await server.shutdown() } }
        let http = try KMSHTTPClient(caBundlePEM: Array(server.caPEM.utf8))
        let credentials = WebIdentityAWSCredentialProvider(
            roleARN: "arn:aws:iam::111122223333:role/astrolift-kms", region: "eu-west-1",
            stsEndpoint: server.baseURL.absoluteString, http: http, token: { "irsa-jwt" })
        let kms = AWSKMS(
            keyID: "alias/astrolift", region: "eu-west-1", endpoint: server.baseURL.absoluteString,
            credentials: credentials, http: http)
        let description = try await kms.describeKey()
        _ = try await kms.describeKey()
        await kms.shutdown()
        XCTAssertEqual(description.keyID, "arn:aws:kms:eu-west-1:111122223333:key/k-1")
        XCTAssertEqual(server.requests.filter { $0.method == .POST }.count, 3, "one STS call, two KMS calls")
    }

    func testVaultKubernetesLoginAndNamespaceHeader() async throws {
        let server = try await TestServer.start { request in
            guard request.header("X-Vault-Namespace") == "team-a" else {
                return Self.json(#"{"errors":["namespace header missing"]}"#, .badRequest)
            }
            if request.path == "/v1/auth/k8s/login" {
                let body = Self.object(request)
                guard body["role"] as? String == "astrolift", body["jwt"] as? String == "projected-sa-jwt" else {
                    return Self.json(#"{"errors":["permission denied"]}"#, .forbidden)
                }
                return Self.json(#"{"auth":{"client_token":"hvs.login-token","lease_duration":3600}}"#)
            }
            guard request.header("X-Vault-Token") == "hvs.login-token" else {
                return Self.json(#"{"errors":["permission denied"]}"#, .forbidden)
            }
            guard request.path == "/v1/transit/keys/astrolift" else {
                return Self.json(#"{"errors":["no handler"]}"#, .notFound)
            }
            return Self.json(
                #"{"data":{"latest_version":4,"min_decryption_version":2,"derived":false,"type":"aes256-gcm96"}}"#)
        }
        defer { Task { await server.shutdown() } }
        let kms = VaultTransit(
            address: server.baseURL.absoluteString, transitKey: "astrolift", namespace: "team-a",
            auth: .kubernetes(role: "astrolift", mountPath: "k8s", jwt: { "projected-sa-jwt" }),
            http: try KMSHTTPClient(caBundlePEM: Array(server.caPEM.utf8)))
        let description = try await kms.describeKey()
        _ = try await kms.describeKey()
        await kms.shutdown()
        XCTAssertEqual(description.currentVersion, "4")
        XCTAssertEqual(description.minDecryptionVersion, "2")
        XCTAssertEqual(server.requestCount(path: "/v1/auth/k8s/login"), 1, "the login token is cached")
    }

    func testUnreachableServiceIsRetryableAndNamesTheService() async throws {
        let kms = VaultTransit(
            address: "http://127.0.0.1:1", transitKey: "astrolift", auth: .token("hvs.secret-token"),
            http: try KMSHTTPClient())
        do {
            _ = try await kms.describeKey()
            XCTFail("reached port 1")
        } catch let error as KMSError {
            XCTAssertEqual(error.kind, .unreachable)
            XCTAssertTrue(error.isRetryable)
            XCTAssertTrue(error.message.contains("Vault at http://127.0.0.1:1"), error.message)
            assertNoSecrets(error.message, extra: ["hvs.secret-token"])
        }
        await kms.shutdown()
    }
}
