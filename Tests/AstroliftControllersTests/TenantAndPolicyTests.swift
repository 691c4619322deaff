import AstroliftAPI
import AstroliftControllers
import Foundation
import KubeCore
import KubeModels
import XCTest

final class TenantDesiredTests: XCTestCase {
    let configuration = ControllerConfiguration(ingressControllerNamespace: "ingress-nginx")

    func testNamespaceIsLabelledAndEnforcesRestrictedByDefault() {
        let d = TenantDesired(tenant: Samples.tenant(), configuration: configuration)
        XCTAssertEqual(d.namespace.metadata.name, "team")
        let labels = d.namespace.metadata.labels ?? [:]
        XCTAssertEqual(labels["astrolift.dev/tenant"], "team")
        XCTAssertEqual(labels["pod-security.kubernetes.io/enforce"], "restricted")
        XCTAssertEqual(labels["app.kubernetes.io/managed-by"], "astrolift")

        var baseline = Samples.tenant()
        baseline.spec.namespace = TenantNamespace(
            name: "team-ns", podSecurity: .baseline, labels: ["pod-security.kubernetes.io/enforce": "privileged"])
        let b = TenantDesired(tenant: baseline, configuration: configuration)
        XCTAssertEqual(b.namespace.metadata.name, "team-ns")
        // The tenant's own labels cannot loosen the fence: the spec's level wins.
        XCTAssertEqual(b.namespace.metadata.labels?["pod-security.kubernetes.io/enforce"], "baseline")
    }

    func testQuotaLimitsAndServiceAccount() {
        let d = TenantDesired(tenant: Samples.tenant(), configuration: configuration)
        XCTAssertEqual(
            d.resourceQuota?.spec?.hard,
            [
                "requests.cpu": Quantity(16), "requests.nvidia.com/gpu": Quantity(2),
                "persistentvolumeclaims": Quantity(10),
            ])
        XCTAssertEqual(d.limitRange?.spec?.limits.first?.defaultRequest, ["cpu": Quantity(milli: 250)])
        XCTAssertEqual(d.serviceAccount.metadata.name, "astrolift-workbench")
        XCTAssertEqual(d.serviceAccount.automountServiceAccountToken, false)

        var bare = Samples.tenant()
        bare.spec.quota = nil
        bare.spec.limits = nil
        let b = TenantDesired(tenant: bare, configuration: configuration)
        XCTAssertNil(b.resourceQuota)
        XCTAssertNil(b.limitRange)
    }

    func testNetworkPoliciesDenyByDefaultWithTheAllowedExceptions() throws {
        let d = TenantDesired(tenant: Samples.tenant(), configuration: configuration)
        let ingress = try XCTUnwrap(d.networkPolicies.first { $0.metadata.name == "astrolift-tenant-ingress" })
        XCTAssertEqual(ingress.spec?.policyTypes, ["Ingress"])
        let from = ingress.spec?.ingress?.first?.from ?? []
        let namespaces = from.compactMap { $0.namespaceSelector?.matchLabels?["kubernetes.io/metadata.name"] }
        XCTAssertEqual(Set(namespaces), ["ingress-nginx", "monitoring"])
        let egress = try XCTUnwrap(d.networkPolicies.first { $0.metadata.name == "astrolift-tenant-egress" })
        let rules = egress.spec?.egress ?? []
        XCTAssertEqual(rules.first?.ports?.map(\.port), [.int(53), .int(53)])
        XCTAssertTrue(
            rules.contains { $0.to?.first?.ipBlock?.cidr == "10.20.0.0/16" && $0.ports?.first?.port == .int(443) })
        XCTAssertFalse(rules.contains { $0.to?.first?.ipBlock?.cidr == "0.0.0.0/0" })
    }

    func testRoleBindingsBindIdentityProviderGroupsToTenantRoles() throws {
        let d = TenantDesired(tenant: Samples.tenant(), configuration: configuration)
        XCTAssertEqual(d.roleBindings.map(\.metadata.name), ["astrolift-tenant-admin", "astrolift-tenant-user"])
        let user = try XCTUnwrap(d.roleBindings.last)
        XCTAssertEqual(user.roleRef, RoleRef(kind: "ClusterRole", name: "astrolift-tenant-user"))
        XCTAssertEqual(
            user.subjects?.map { "\($0.kind):\($0.name)" }, ["Group:analysts", "Group:team", "User:ada@example.com"])
    }
}

final class PolicyRenderingTests: XCTestCase {
    func render(_ policy: GatewayPolicy, keys: Set<String>? = ["api-key"]) -> Result<PolicyRendering, PolicyInvalid> {
        PolicyRendering.render(policy) { _ in keys }
    }

    func testRenderingIsCanonicalAndItsHashFollowsTheContent() throws {
        let a = try render(Samples.policy()).get()
        let b = try render(Samples.policy()).get()
        XCTAssertEqual(a.json, b.json)
        XCTAssertEqual(a.hash, b.hash)
        XCTAssertTrue(a.hash.hasPrefix("sha256:"))
        XCTAssertEqual(a.hash.count, 71)
        XCTAssertFalse(a.json.contains(" "), "canonical JSON has no whitespace")
        XCTAssertTrue(a.json.contains("\"credentialFile\":\"/var/run/secrets/astrolift/providers/openai/credential\""))
        XCTAssertTrue(a.json.contains("\"endpoint\":\"https://api.openai.com/v1\""))
        var changed = Samples.policy()
        changed.spec.tools?.rules?.append(ToolRule(tool: "github.*", action: .requireApproval))
        XCTAssertNotEqual(try render(changed).get().hash, a.hash)
        XCTAssertEqual(a.configMapName, "astrolift-policy-default")
    }

    func testInvalidPolicyNamesEveryProblemByField() throws {
        var policy = Samples.policy()
        policy.spec.providers?.append(ModelProvider(name: "azure", type: .azureOpenAI))
        policy.spec.tools?.rules?.append(ToolRule(tool: "rm -rf", action: .allow))
        policy.spec.content = ContentPolicy(detectors: [
            ContentDetector(name: "codes", type: .custom, pattern: "PRJ-[0-9")
        ])
        guard case .failure(let invalid) = render(policy, keys: nil) else { return XCTFail("must be invalid") }
        let fields = invalid.problems.map(\.field)
        XCTAssertEqual(
            fields,
            [
                "spec.providers[0].credentialsSecretRef.name", "spec.providers[2].endpoint", "spec.tools.rules[1].tool",
                "spec.content.detectors[0].pattern",
            ])
        XCTAssertTrue(invalid.description.contains("Secret \"openai-key\" does not exist"))

        guard case .failure(let wrongKey) = render(Samples.policy(), keys: ["token"]) else { return XCTFail() }
        XCTAssertTrue(wrongKey.description.contains("has no key \"api-key\" (it has: token)"), wrongKey.description)
    }

    func testDenyAllRenderingAllowsNothing() throws {
        let json = try JSONValue.parse(Data(PolicyRendering.denyAll.json.utf8))
        XCTAssertEqual(json["providers"], [])
        XCTAssertEqual(json["tools"]?["defaultAction"], "Deny")
        XCTAssertEqual(json["failMode"], "Closed")
    }
}

final class WorkbenchClassValidationTests: XCTestCase {
    func testUnpinnedImagesAndBrokenProfilesAreReported() {
        var spec = Samples.workbenchClass().spec
        XCTAssertEqual(WorkbenchClassValidation.problems(spec), [])
        spec.image = "registry.example.com/lab:latest"
        spec.defaultProfile = "missing"
        spec.profiles[0].resources?.limits = ["cpu": Quantity(milli: 100)]
        let problems = WorkbenchClassValidation.problems(spec)
        XCTAssertEqual(problems.count, 3, "\(problems)")
        XCTAssertTrue(problems[0].hasPrefix("spec.image:"))
        spec.allowUnpinnedImage = true
        XCTAssertEqual(WorkbenchClassValidation.problems(spec).count, 2)
    }

    func testDigestPinningIsSixtyFourLowercaseHexDigitsAfterTheLastSha256Marker() {
        let digest = String(repeating: "0123456789abcdef", count: 4)
        XCTAssertTrue(WorkbenchClassValidation.isDigestPinned("registry.example.com/lab@sha256:" + digest))
        XCTAssertTrue(WorkbenchClassValidation.isDigestPinned("lab:1.0@sha256:" + digest))
        XCTAssertFalse(WorkbenchClassValidation.isDigestPinned("lab@sha256:" + digest.uppercased()))
        XCTAssertFalse(WorkbenchClassValidation.isDigestPinned("lab@sha256:" + digest.dropLast()))
        XCTAssertFalse(WorkbenchClassValidation.isDigestPinned("lab@sha256:" + digest + "0"))
        XCTAssertFalse(WorkbenchClassValidation.isDigestPinned("lab@sha512:" + digest))
        XCTAssertFalse(WorkbenchClassValidation.isDigestPinned("lab@sha256:" + digest.dropLast() + "g"))
        XCTAssertFalse(WorkbenchClassValidation.isDigestPinned("lab:latest"))
        XCTAssertFalse(WorkbenchClassValidation.isDigestPinned(""))
    }
}

final class ControllerConfigurationTests: XCTestCase {
    func testHostTemplateMustNameTheWorkbench() {
        XCTAssertThrowsError(try ControllerConfiguration(ingressHostTemplate: "wb.example.com").validate()) { error in
            XCTAssertTrue("\(error)".contains("--ingress-host-template"))
        }
        XCTAssertThrowsError(try ControllerConfiguration(ingressHostTemplate: "{name}_X.example.com").validate())
        XCTAssertNoThrow(
            try ControllerConfiguration(ingressHostTemplate: "{name}-{namespace}.wb.example.com").validate())
    }
}
