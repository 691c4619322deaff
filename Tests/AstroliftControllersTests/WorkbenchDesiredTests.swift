import AstroliftAPI
import AstroliftControllers
import Foundation
import KubeCore
import KubeModels
import XCTest

/// The objects a Workbench becomes, computed without a server.
final class WorkbenchDesiredTests: XCTestCase {
    let configuration = ControllerConfiguration(
        ingressHostTemplate: "{name}-{namespace}.wb.example.com", ingressClassName: "nginx",
        gatewayImage: "registry.example.com/astrolift:1.0", imagePullSecrets: ["regcred"])

    func desired(
        _ workbench: Workbench = Samples.workbench(), lookup: WorkbenchResolution.Lookup = Samples.lookup(),
        running: Bool = true
    ) throws -> WorkbenchDesired {
        let resolved = try WorkbenchResolution.resolve(workbench, lookup: lookup, configuration: configuration).get()
        return WorkbenchDesired(
            workbench: workbench, resolved: resolved, configuration: configuration, running: running)
    }

    func pod(_ d: WorkbenchDesired) throws -> PodSpec { try XCTUnwrap(d.statefulSet.spec?.template.spec) }
    func container(_ d: WorkbenchDesired, _ name: String) throws -> Container {
        let spec = try pod(d)
        return try XCTUnwrap((spec.containers + (spec.initContainers ?? [])).first { $0.name == name })
    }

    func testWorkbenchContainerIsHardened() throws {
        let d = try desired()
        let spec = try pod(d)
        XCTAssertEqual(spec.securityContext?.runAsNonRoot, true)
        XCTAssertEqual(spec.securityContext?.seccompProfile?.type, "RuntimeDefault")
        XCTAssertEqual(spec.automountServiceAccountToken, false)
        XCTAssertEqual(spec.serviceAccountName, "astrolift-workbench")
        XCTAssertEqual(spec.enableServiceLinks, false)
        for name in ["workbench", "gateway"] {
            let sc = try XCTUnwrap(try container(d, name).securityContext, name)
            XCTAssertEqual(sc.allowPrivilegeEscalation, false, name)
            XCTAssertEqual(sc.capabilities?.drop, ["ALL"], name)
            XCTAssertEqual(sc.readOnlyRootFilesystem, true, name)
            XCTAssertEqual(sc.runAsNonRoot, true, name)
            XCTAssertEqual(sc.seccompProfile?.type, "RuntimeDefault", name)
            XCTAssertNotEqual(sc.privileged, true, name)
        }
        // Read-only root, but home and /tmp are writable volumes.
        let mounts = try container(d, "workbench").volumeMounts ?? []
        XCTAssertEqual(mounts.first { $0.mountPath == "/home/jovyan" }?.name, "home")
        XCTAssertEqual(mounts.first { $0.mountPath == "/tmp" }?.name, "tmp")
        XCTAssertEqual(spec.volumes?.first { $0.name == "home" }?.persistentVolumeClaim?.claimName, "ada-home")
        XCTAssertEqual(spec.imagePullSecrets?.map(\.name), ["regcred"])
    }

    func testGatewayIsANativeSidecarWithThePolicyMountedReadOnly() throws {
        let d = try desired()
        let spec = try pod(d)
        let gateway = try XCTUnwrap(spec.initContainers?.first)
        XCTAssertEqual(gateway.name, "gateway")
        XCTAssertEqual(gateway.restartPolicy, "Always")
        XCTAssertEqual(gateway.image, "registry.example.com/astrolift:1.0")
        XCTAssertEqual(gateway.args?.first, "gateway")
        let policyMount = try XCTUnwrap(gateway.volumeMounts?.first { $0.name == "gateway-policy" })
        XCTAssertEqual(policyMount.readOnly, true)
        XCTAssertEqual(policyMount.mountPath, "/etc/astrolift/policy")
        let volume = try XCTUnwrap(spec.volumes?.first { $0.name == "gateway-policy" })
        XCTAssertEqual(volume.configMap?.name, "astrolift-policy-default")
        // The rendering's hash is in the pod template, so a policy change rolls the pod.
        let published = try XCTUnwrap(Samples.publishedConfigMap(Samples.policy()))
        XCTAssertEqual(
            d.statefulSet.spec?.template.metadata?.annotations?["astrolift.dev/gateway-policy-hash"],
            published.metadata.annotations?["astrolift.dev/gateway-policy-hash"])
    }

    func testProviderCredentialsNeverReachTheWorkbenchContainer() throws {
        var workbench = Samples.workbench()
        workbench.spec.env = [
            EnvVar(name: "ANTHROPIC_API_KEY", value: "sk-user"),
            EnvVar(
                name: "SNEAKY",
                valueFrom: EnvVarSource(secretKeyRef: SecretKeySelector(name: "openai-key", key: "api-key"))),
            EnvVar(name: "OPENAI_BASE_URL", value: "https://api.openai.com/v1"),
            EnvVar(name: "MY_SETTING", value: "kept"),
        ]
        workbench.spec.secrets = [WorkbenchSecretMount(name: "openai-key"), WorkbenchSecretMount(name: "db")]
        let d = try desired(workbench)
        let main = try container(d, "workbench")
        let env = Dictionary((main.env ?? []).map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        for name in ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SNEAKY"] { XCTAssertNil(env[name], name) }
        XCTAssertEqual(env["MY_SETTING"]?.value, "kept")
        XCTAssertEqual(env["JUPYTER_ENABLE_LAB"]?.value, "yes")
        // The SDKs are pointed at the sidecar, whatever the user wrote.
        XCTAssertEqual(env["OPENAI_BASE_URL"]?.value, "http://127.0.0.1:15080/openai/v1")
        XCTAssertEqual(env["ANTHROPIC_BASE_URL"]?.value, "http://127.0.0.1:15080/anthropic")
        XCTAssertEqual(env["HOME"]?.value, "/home/jovyan")
        XCTAssertFalse(main.env?.contains { $0.valueFrom?.secretKeyRef != nil } ?? false)
        // The credential Secret is mounted in the gateway only.
        let mountNames = Set((main.volumeMounts ?? []).map(\.name))
        XCTAssertFalse(mountNames.contains("provider-credentials"))
        XCTAssertFalse(mountNames.contains("secret-openai-key"))
        XCTAssertTrue(mountNames.contains("secret-db"))
        let gateway = try container(d, "gateway")
        XCTAssertTrue(
            gateway.volumeMounts?.contains { $0.name == "provider-credentials" && $0.readOnly == true } ?? false)
        let projected = try XCTUnwrap(try pod(d).volumes?.first { $0.name == "provider-credentials" }?.projected)
        XCTAssertEqual(projected.sources?.first?.secret?.name, "openai-key")
        XCTAssertEqual(projected.sources?.first?.secret?.items?.first?.path, "openai/credential")
        XCTAssertEqual(
            Set(d.removed), ["env OPENAI_API_KEY", "env ANTHROPIC_API_KEY", "env SNEAKY", "secret openai-key"])
    }

    func testSuspendScalesToZeroAndKeepsTheHomeVolume() throws {
        let running = try desired(running: true)
        let stopped = try desired(running: false)
        XCTAssertEqual(running.statefulSet.spec?.replicas, 1)
        XCTAssertEqual(stopped.statefulSet.spec?.replicas, 0)
        XCTAssertEqual(stopped.homeClaim, running.homeClaim)
        XCTAssertEqual(stopped.homeClaim.spec?.resources?.requests?["storage"], Quantity(10 << 30, format: .binarySI))
        XCTAssertEqual(stopped.statefulSet.spec?.template, running.statefulSet.spec?.template)
    }

    func testGPUProfilePlacesThePodOnGPUNodes() throws {
        let d = try desired(Samples.workbench(profile: "gpu"))
        let spec = try pod(d)
        let resources = try XCTUnwrap(try container(d, "workbench").resources)
        XCTAssertEqual(resources.limits?["nvidia.com/gpu"], Quantity(1))
        XCTAssertEqual(resources.requests?["nvidia.com/gpu"], Quantity(1))
        XCTAssertEqual(spec.tolerations?.first?.key, "nvidia.com/gpu")
        // The tenant's node selector is merged over the profile's.
        XCTAssertEqual(spec.nodeSelector, ["pool": "gpu", "tenant": "team"])
    }

    func testServiceIngressAndURLFollowTheHostTemplate() throws {
        let d = try desired()
        XCTAssertEqual(d.url, "https://ada-team.wb.example.com/")
        XCTAssertEqual(d.ingress?.spec?.rules?.first?.host, "ada-team.wb.example.com")
        XCTAssertEqual(d.ingress?.spec?.ingressClassName, "nginx")
        XCTAssertEqual(d.service.spec?.selector, d.statefulSet.spec?.selector.matchLabels)
        XCTAssertEqual(d.service.spec?.ports?.first?.targetPort, .string("http"))

        let noIngress = ControllerConfiguration()
        let resolved = try WorkbenchResolution.resolve(
            Samples.workbench(), lookup: Samples.lookup(), configuration: noIngress
        ).get()
        let plain = WorkbenchDesired(
            workbench: Samples.workbench(), resolved: resolved, configuration: noIngress, running: true)
        XCTAssertNil(plain.ingress)
        XCTAssertNil(plain.url)
    }

    func testAuthProxyFrontsTheWorkbenchWhenAnIdentityProviderIsKnown() throws {
        var tenant = Samples.tenant()
        tenant.spec.identityProviderRef = NameReference(name: "corp-sso")
        var workbench = Samples.workbench()
        workbench.spec.access = WorkbenchAccess(users: ["bob@example.com"], groups: ["team"])
        let d = try desired(workbench, lookup: Samples.lookup(tenant: tenant))
        let proxy = try container(d, "auth-proxy")
        XCTAssertEqual(proxy.restartPolicy, "Always")
        XCTAssertTrue(proxy.args?.contains("--allowed-user=ada@example.com") ?? false)
        XCTAssertTrue(proxy.args?.contains("--allowed-group=team") ?? false)
        XCTAssertEqual(d.service.spec?.ports?.first?.targetPort, .string("auth-proxy"))
        XCTAssertEqual(d.networkPolicy.spec?.ingress?.first?.ports?.first?.port, .int(4180))
    }

    func testNetworkFenceOpensOnlyWhatThePolicyNeeds() throws {
        let d = try desired()
        let egress = d.networkPolicy.spec?.egress ?? []
        // openai (public): the internet on 443 without private ranges; vLLM in-cluster: its namespace on 8000.
        let publicRule = try XCTUnwrap(egress.first { $0.to?.first?.ipBlock != nil })
        XCTAssertEqual(publicRule.to?.first?.ipBlock?.cidr, "0.0.0.0/0")
        XCTAssertTrue(publicRule.to?.first?.ipBlock?.except?.contains("169.254.0.0/16") ?? false)
        XCTAssertEqual(publicRule.ports?.first?.port, .int(443))
        let inCluster = try XCTUnwrap(egress.first { $0.to?.first?.namespaceSelector != nil })
        XCTAssertEqual(inCluster.to?.first?.namespaceSelector?.matchLabels, ["kubernetes.io/metadata.name": "models"])
        XCTAssertEqual(inCluster.ports?.first?.port, .int(8000))

        // Without a policy, the deny-all rendering opens nothing.
        let denyAll = PolicyRendering.denyAll.configMap(namespace: "team", labels: [:])
        let d2 = try desired(
            lookup: Samples.lookup(tenant: Samples.tenant(policy: nil), configMaps: [denyAll]))
        XCTAssertEqual(d2.networkPolicy.spec?.egress ?? [], [])
        XCTAssertEqual(d2.networkPolicy.spec?.policyTypes, ["Ingress", "Egress"])
    }

    func testSameInputsGiveTheSameObjects() throws {
        XCTAssertEqual(try desired(), try desired())
    }
}
