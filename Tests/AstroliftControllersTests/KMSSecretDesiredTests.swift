import AstroliftAPI
import AstroliftControllers
import Foundation
import KubeCore
import KubeModels
import XCTest

/// The Secret a KMSSecret maintains, from spec, opened values and template: pure.
final class KMSSecretDesiredTests: XCTestCase {
    func kmsSecret(
        policy: SecretCreationPolicy? = nil, template: [String: String]? = nil, target: String? = nil
    ) -> KMSSecret {
        var meta = ObjectMeta(name: "db", namespace: "team")
        meta.uid = "uid-1"
        return KMSSecret(
            metadata: meta,
            spec: KMSSecretSpec(
                providerRef: KeyProviderReference(name: "local"),
                encryptedData: ["password": "v1:AAAA", "user": "v1:BBBB"],
                target: KMSSecretTarget(
                    name: target, type: "kubernetes.io/basic-auth", labels: ["app": "db"],
                    annotations: ["team": "a"], creationPolicy: policy, template: template)))
    }
    let values: [String: [UInt8]] = ["password": Array("pw".utf8), "user": Array("app".utf8)]

    func testOwnerSecretCarriesTypeLabelsAnnotationsAndTheContentHash() throws {
        let data = try KMSSecretDesired.data(for: kmsSecret(), values: values)
        let secret = KMSSecretDesired.secret(for: kmsSecret(), data: data)
        XCTAssertEqual(secret.metadata.name, "db")
        XCTAssertEqual(secret.metadata.namespace, "team")
        XCTAssertEqual(secret.type, "kubernetes.io/basic-auth")
        XCTAssertEqual(secret.metadata.labels?["app"], "db")
        XCTAssertEqual(secret.metadata.labels?["app.kubernetes.io/managed-by"], "astrolift")
        XCTAssertEqual(secret.metadata.annotations?["team"], "a")
        XCTAssertEqual(secret.metadata.annotations?["astrolift.dev/kmssecret"], "db")
        XCTAssertEqual(secret.string(forKey: "password"), "pw")
        XCTAssertEqual(secret.string(forKey: "user"), "app")
        let hash = try XCTUnwrap(secret.metadata.annotations?["astrolift.dev/content-hash"])
        XCTAssertTrue(hash.hasPrefix("sha256:"))
        XCTAssertEqual(hash.count, 71)
        XCTAssertFalse(hash.contains("pw"))
    }

    func testMergeSetsOnlyKeysAndAnnotations() throws {
        let ks = kmsSecret(policy: .merge, target: "existing")
        let secret = KMSSecretDesired.secret(for: ks, data: try KMSSecretDesired.data(for: ks, values: values))
        XCTAssertEqual(secret.metadata.name, "existing")
        XCTAssertNil(secret.type)
        XCTAssertNil(secret.metadata.labels)
        XCTAssertEqual(
            Set((secret.metadata.annotations ?? [:]).keys),
            ["astrolift.dev/content-hash", "astrolift.dev/kmssecret"])
        XCTAssertEqual(KMSSecretDesired.managedKeys(of: ks), ["password", "user"])
    }

    func testTemplateReplacesReferencesAndWinsOverValues() throws {
        let ks = kmsSecret(template: [
            "url": "postgres://{{ .user }}:{{.password}}@db:5432/app", "user": "x-{{ .user }}",
        ])
        let data = try KMSSecretDesired.data(for: ks, values: values)
        XCTAssertEqual(String(decoding: data["url"] ?? [], as: UTF8.self), "postgres://app:pw@db:5432/app")
        XCTAssertEqual(String(decoding: data["user"] ?? [], as: UTF8.self), "x-app")
        XCTAssertEqual(String(decoding: data["password"] ?? [], as: UTF8.self), "pw")
    }

    func testTemplateErrorsNameTheFieldAndNeverAValue() {
        for (template, expected) in [
            ("{{ .nope }}", "names no key of spec.encryptedData (it has: password, user)"),
            ("{{ .password ", "has no closing"), ("{{ password }}", "is not a reference"),
        ] {
            XCTAssertThrowsError(try KMSSecretDesired.data(for: kmsSecret(template: ["url": template]), values: values))
            {
                let error = $0 as? KMSSecretTemplateError
                XCTAssertEqual(error?.field, "spec.target.template.url")
                XCTAssertTrue(error?.description.contains(expected) ?? false, "\(String(describing: error))")
                XCTAssertFalse(error?.description.contains("pw") ?? true)
            }
        }
    }

    func testContentHashFollowsContentOnly() {
        let a = KMSSecretDesired.contentHash(["a": [1, 2], "b": [3]])
        XCTAssertEqual(a, KMSSecretDesired.contentHash(["b": [3], "a": [1, 2]]))
        XCTAssertNotEqual(a, KMSSecretDesired.contentHash(["a": [1], "b": [2, 3]]))
        XCTAssertNotEqual(a, KMSSecretDesired.contentHash(["a": [1, 2], "b": [4]]))
    }

    func testMatchesComparesOurKeysAndHashOnly() throws {
        let ks = kmsSecret(policy: .merge, target: "existing")
        let desired = KMSSecretDesired.secret(for: ks, data: try KMSSecretDesired.data(for: ks, values: values))
        var current = desired
        current.setData(Data("theirs".utf8), forKey: "other")
        current.type = "Opaque"
        XCTAssertTrue(KMSSecretDesired.matches(current, desired: desired))
        current.setData(Data("changed".utf8), forKey: "password")
        XCTAssertFalse(KMSSecretDesired.matches(current, desired: desired))
    }

    func testWorkbenchPodCarriesTheHashOfMountedManagedSecrets() throws {
        var wb = Samples.workbench()
        wb.spec.secrets = [WorkbenchSecretMount(name: "db"), WorkbenchSecretMount(name: "plain")]
        let base = Samples.lookup()
        func template(_ hash: String?) throws -> PodTemplateSpec {
            let lookup = WorkbenchResolution.Lookup(
                tenant: base.tenant, workbenchClass: base.workbenchClass, policyConfigMap: base.policyConfigMap,
                secretHash: { $0 == "db" ? hash : nil })
            guard
                case .success(let resolved) = WorkbenchResolution.resolve(
                    wb, lookup: lookup, configuration: ControllerConfiguration())
            else { throw XCTSkip("unresolved") }
            return WorkbenchPodTemplate.make(
                workbench: wb, resolved: resolved, configuration: ControllerConfiguration()
            )
            .template
        }
        let none = try template(nil).metadata?.annotations?["astrolift.dev/secrets-hash"]
        XCTAssertNil(none)
        let first = try template("sha256:aa").metadata?.annotations?["astrolift.dev/secrets-hash"]
        let second = try template("sha256:bb").metadata?.annotations?["astrolift.dev/secrets-hash"]
        XCTAssertNotNil(first)
        XCTAssertNotEqual(first, second)
    }
}
