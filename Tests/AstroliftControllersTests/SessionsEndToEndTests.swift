import AstroliftAPI
import AstroliftControllers
import Foundation
import KubeClient
import KubeCore
import KubeModels
import XCTest

/// Sessions end to end on the embedded control plane with simulated workloads, the
/// controllers running as their ServiceAccount.
final class SessionsEndToEndTests: XCTestCase {
    var h: ControllerHarness!

    override func setUp() async throws {
        h = try await ControllerHarness.start()
    }

    override func tearDown() async throws {
        await h?.stop()
    }

    func testTenantBecomesAFencedNamespaceWithRoleBindings() async throws {
        try await h.createBasics()
        let ns = try await h.admin.api(Namespace.self).get("team")
        XCTAssertEqual(ns.metadata.labels?["astrolift.dev/tenant"], "team")
        XCTAssertEqual(ns.metadata.labels?["pod-security.kubernetes.io/enforce"], "restricted")
        try await h.eventually("quota, limits, policies, bindings and service account exist") {
            let quota = try await h.admin.api(ResourceQuota.self, namespace: "team").getIfExists("astrolift-tenant")
            let policies = try await h.admin.api(NetworkPolicy.self, namespace: "team").list().items
            let bindings = try await h.admin.api(RoleBinding.self, namespace: "team").list().items
            let sa = try await h.admin.api(ServiceAccount.self, namespace: "team").getIfExists("astrolift-workbench")
            return quota?.spec?.hard?["requests.cpu"] == Quantity(16) && policies.count == 2 && bindings.count == 2
                && sa?.automountServiceAccountToken == false
        }
        try await h.eventually("the tenant reports Ready and its namespace") {
            let t = try await h.admin.api(Tenant.self).get("team")
            return t.status?.namespace == "team" && t.status?.conditions?.isTrue("Ready") == true
        }
        // Dropping a role from the spec removes its binding.
        try await h.patchSpec(
            Tenant.self, "team", nil, ["roleBindings": [["role": "Admin", "groups": ["team-admins"]]]])
        try await h.eventually("the User binding is removed") {
            let names = try await h.admin.api(RoleBinding.self, namespace: "team").list().items.compactMap(
                \.metadata.name)
            return names == ["astrolift-tenant-admin"]
        }
    }

    func testWorkbenchRunsWithURLPolicyHashAndSidecar() async throws {
        try await h.createBasics()
        try await h.create(Samples.workbench())
        try await h.eventually("the workbench runs") { try await h.workbench("ada").status?.phase == .running }
        let wb = try await h.workbench("ada")
        XCTAssertEqual(wb.status?.url, "https://ada-team.wb.test/")
        XCTAssertEqual(wb.status?.homeClaimName, "ada-home")
        XCTAssertEqual(wb.status?.profile, "small")
        XCTAssertNotNil(wb.status?.startedAt)
        XCTAssertTrue(wb.status?.conditions?.isTrue("Ready") ?? false)
        let policy = try await h.admin.api(GatewayPolicy.self, namespace: "team").get("default")
        XCTAssertNotNil(policy.status?.hash)
        XCTAssertEqual(wb.status?.gatewayPolicyHash, policy.status?.hash)
        let fetched = try await h.statefulSet("ada")
        let sts = try XCTUnwrap(fetched)
        XCTAssertEqual(sts.spec?.template.spec?.initContainers?.first?.name, "gateway")
        XCTAssertEqual(sts.spec?.template.spec?.initContainers?.first?.restartPolicy, "Always")
        XCTAssertEqual(
            sts.spec?.template.metadata?.annotations?["astrolift.dev/gateway-policy-hash"], policy.status?.hash)
        let value1 = try await h.admin.api(Ingress.self, namespace: "team").getIfExists("ada")
        XCTAssertNotNil(value1)
        try await h.eventually("the tenant and class count it") {
            let t = try await h.admin.api(Tenant.self).get("team")
            let c = try await h.admin.api(WorkbenchClass.self).get("lab")
            return t.status?.workbenches == 1 && t.status?.runningWorkbenches == 1 && c.status?.workbenches == 1
        }
        try await h.eventually("events say it was created and started") {
            let reasons = try await h.eventReasons(about: "ada")
            return reasons.contains("Created") && reasons.contains("Started")
        }
    }

    func testSuspendAndResumeKeepTheHomeVolume() async throws {
        try await h.createBasics()
        try await h.create(Samples.workbench())
        try await h.eventually("running") { try await h.workbench("ada").status?.phase == .running }
        try await h.patchSpec(Workbench.self, "ada", "team", ["suspend": true])
        try await h.eventually("suspended by the user, scaled to 0") {
            let wb = try await h.workbench("ada")
            let sts = try await h.statefulSet("ada")
            return wb.status?.phase == .suspended && wb.status?.stopReason == .user && sts?.spec?.replicas == 0
        }
        let value2 = try await h.admin.api(PersistentVolumeClaim.self, namespace: "team").getIfExists("ada-home")
        XCTAssertNotNil(value2)
        let value3 = try await h.workbench("ada").status?.startedAt
        XCTAssertNil(value3)
        try await h.patchSpec(Workbench.self, "ada", "team", ["suspend": false])
        try await h.eventually("running again") {
            let wb = try await h.workbench("ada")
            return wb.status?.phase == .running && wb.status?.stopReason == nil
        }
        let value4 = try await h.statefulSet("ada")?.spec?.replicas
        XCTAssertEqual(value4, 1)
    }

    func testIdleWorkbenchIsCulledAfterTwoSeconds() async throws {
        try await h.createBasics()
        var wb = Samples.workbench()
        wb.spec.idleTimeout = KubeDuration("2s")
        try await h.create(wb)
        try await h.eventually("running") { try await h.workbench("ada").status?.phase == .running }
        let started = ContinuousClock.now
        try await h.eventually("culled as idle", timeout: .seconds(15)) {
            let wb = try await h.workbench("ada")
            return wb.status?.stopReason == .idle && wb.spec.suspend == true
        }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(6), "culled close to its 2 s timeout")
        try await h.eventually("scaled to 0") { try await h.statefulSet("ada")?.spec?.replicas == 0 }
        try await h.eventually("a Culled event") { try await h.eventReasons(about: "ada").contains("Culled") }
    }

    func testActivityPostponesCulling() async throws {
        try await h.createBasics()
        var wb = Samples.workbench()
        wb.spec.idleTimeout = KubeDuration("3s")
        try await h.create(wb)
        try await h.eventually("running") { try await h.workbench("ada").status?.phase == .running }
        // Report activity every second for four seconds: longer than the timeout.
        for _ in 0..<4 {
            try await Task.sleep(for: .seconds(1))
            _ = try await h.admin.api(Workbench.self, namespace: "team").patch(
                "ada",
                .merge(["metadata": ["annotations": ["astrolift.dev/last-activity": .string(Time.now().description)]]]))
        }
        let value5 = try await h.workbench("ada").status?.phase
        XCTAssertEqual(value5, .running)
        try await h.eventually("culled once activity stops", timeout: .seconds(10)) {
            try await h.workbench("ada").status?.stopReason == .idle
        }
    }

    func testMaxLifetimeExpiresTheSession() async throws {
        try await h.createBasics()
        var wb = Samples.workbench()
        wb.spec.idleTimeout = KubeDuration("0s")
        wb.spec.maxLifetime = KubeDuration("2s")
        try await h.create(wb)
        try await h.eventually("expired", timeout: .seconds(15)) {
            let wb = try await h.workbench("ada")
            return wb.status?.phase == .expired && wb.status?.stopReason == .maxLifetime
        }
        try await h.eventually("scaled to 0") { try await h.statefulSet("ada")?.spec?.replicas == 0 }
    }

    func testRunningQuotaMakesTheSecondWaitAndStartsItWhenRoomFreesUp() async throws {
        try await h.createBasics(tenant: Samples.tenant(runningQuota: 1))
        try await h.create(Samples.workbench(name: "first"))
        try await h.eventually("first runs") { try await h.workbench("first").status?.phase == .running }
        try await h.create(Samples.workbench(name: "second"))
        try await h.eventually("second waits for quota") {
            let wb = try await h.workbench("second")
            return wb.status?.phase == .suspended && wb.status?.stopReason == .quota
        }
        let value6 = try await h.statefulSet("second")?.spec?.replicas
        XCTAssertEqual(value6, 0)
        try await h.eventually("a QuotaExceeded event") {
            try await h.eventReasons(about: "second").contains("QuotaExceeded")
        }
        try await h.patchSpec(Workbench.self, "first", "team", ["suspend": true])
        try await h.eventually("second starts once first stops") {
            try await h.workbench("second").status?.phase == .running
        }
    }

    func testPolicyChangeRollsTheSessionAndItsHash() async throws {
        try await h.createBasics()
        try await h.create(Samples.workbench())
        try await h.eventually("running") { try await h.workbench("ada").status?.phase == .running }
        let before = try await h.workbench("ada").status?.gatewayPolicyHash
        try await h.patchSpec(
            GatewayPolicy.self, "default", "team", ["tools": ["defaultAction": "Deny", "rules": []]])
        try await h.eventually("the new hash is in force") {
            let policyHash = try await h.admin.api(GatewayPolicy.self, namespace: "team").get("default").status?.hash
            let wb = try await h.workbench("ada")
            let sts = try await h.statefulSet("ada")
            return policyHash != before && wb.status?.gatewayPolicyHash == policyHash
                && sts?.spec?.template.metadata?.annotations?["astrolift.dev/gateway-policy-hash"] == policyHash
        }
        try await h.eventually("a PolicyRolled event") {
            try await h.eventReasons(about: "ada").contains("PolicyRolled")
        }
    }

    func testInvalidPolicyKeepsTheLastValidRenderingInForce() async throws {
        try await h.createBasics()
        try await h.create(Samples.workbench())
        try await h.eventually("running") { try await h.workbench("ada").status?.phase == .running }
        let valid = try await h.workbench("ada").status?.gatewayPolicyHash
        try await h.patchSpec(
            GatewayPolicy.self, "default", "team",
            ["content": ["detectors": [["name": "codes", "type": "Custom", "pattern": "PRJ-[0-9"]]]])
        try await h.eventually("Valid=False names the field") {
            let p = try await h.admin.api(GatewayPolicy.self, namespace: "team").get("default")
            let valid = p.status?.conditions?.first { $0.type == "Valid" }
            return valid?.status == .false && valid?.message.contains("spec.content.detectors[0].pattern") == true
        }
        try await h.eventually("an InvalidPolicy event") {
            try await h.eventReasons(about: "default").contains("InvalidPolicy")
        }
        let p = try await h.admin.api(GatewayPolicy.self, namespace: "team").get("default")
        XCTAssertEqual(p.status?.hash, valid)
        let value7 = try await h.workbench("ada").status?.gatewayPolicyHash
        XCTAssertEqual(value7, valid)
        let value8 = try await h.workbench("ada").status?.phase
        XCTAssertEqual(value8, .running)
    }

    func testMissingClassAndBadProfileGiveConditionsAndEventsThenRecover() async throws {
        try await h.createBasics(workbenchClass: Samples.workbenchClass(name: "other"))
        try await h.create(Samples.workbench())
        try await h.eventually("ClassNotFound") {
            let wb = try await h.workbench("ada")
            return wb.status?.phase == .pending
                && wb.status?.conditions?.first { $0.type == "ClassResolved" }?.reason == "ClassNotFound"
        }
        try await h.eventually("a ClassNotFound event") {
            try await h.eventReasons(about: "ada").contains("ClassNotFound")
        }
        let value9 = try await h.statefulSet("ada")
        XCTAssertNil(value9)
        try await h.create(Samples.workbenchClass())
        try await h.eventually("runs once the class exists") { try await h.workbench("ada").status?.phase == .running }

        try await h.create(Samples.workbench(name: "huge", profile: "huge"))
        try await h.eventually("ProfileNotFound") {
            let wb = try await h.workbench("huge")
            let c = wb.status?.conditions?.first { $0.type == "ClassResolved" }
            return c?.reason == "ProfileNotFound" && c?.message.contains("small, gpu") == true
        }
    }

    func testDeletionKeepsTheHomeVolumeOnlyWhenAskedTo() async throws {
        try await h.createBasics()
        var kept = Samples.workbench(name: "kept")
        kept.spec.home = WorkbenchHome(retainOnDelete: true)
        try await h.create(kept)
        try await h.create(Samples.workbench(name: "gone"))
        try await h.eventually("both run") {
            let a = try await h.workbench("kept").status?.phase
            let b = try await h.workbench("gone").status?.phase
            return a == .running && b == .running
        }
        let claims = h.admin.api(PersistentVolumeClaim.self, namespace: "team")
        try await h.admin.api(Workbench.self, namespace: "team").delete("kept")
        try await h.admin.api(Workbench.self, namespace: "team").delete("gone")
        try await h.eventually("both workbenches are gone, with their StatefulSets") {
            let a = try await h.admin.api(Workbench.self, namespace: "team").getIfExists("kept")
            let b = try await h.admin.api(Workbench.self, namespace: "team").getIfExists("gone")
            let s = try await h.statefulSet("gone")
            return a == nil && b == nil && s == nil
        }
        try await h.eventually("the unretained home volume is collected") {
            try await claims.getIfExists("gone-home") == nil
        }
        let retained = try await claims.getIfExists("kept-home")
        XCTAssertNotNil(retained)
        XCTAssertEqual(retained?.metadata.ownerReferences ?? [], [])
    }

    func testRestartedControllerConvergesAndAResyncWritesNothing() async throws {
        try await h.createBasics()
        try await h.create(Samples.workbench(name: "a"))
        // Killed before it could finish: the second workbench arrives while no controller runs.
        await h.stopController()
        try await h.create(Samples.workbench(name: "b"))
        try await h.startController()
        try await h.eventually("both run after the restart") {
            let a = try await h.workbench("a").status?.phase
            let b = try await h.workbench("b").status?.phase
            return a == .running && b == .running
        }
        try await Task.sleep(for: .seconds(1))
        // A new controller process over a converged cluster reconciles everything and writes nothing.
        await h.stopController()
        h.writes.entries.withLock { $0.removeAll() }
        try await h.startController()
        try await Task.sleep(for: .seconds(2))
        XCTAssertEqual(h.writesSnapshot(), [], "a resync with nothing to change must not write")
    }

    func testAPodThatCannotStartMakesTheWorkbenchFailedWithTheReason() async throws {
        try await h.createBasics()
        try await h.create(Samples.workbench())
        try await h.eventually("running") { try await h.workbench("ada").status?.phase == .running }
        // As the kubelet reports a container that crashes on start.
        _ = try await h.admin.api(Pod.self, namespace: "team").patchStatus(
            "ada-0",
            .merge([
                "status": [
                    "conditions": [["type": "Ready", "status": "False"]],
                    "containerStatuses": [
                        [
                            "name": "workbench", "ready": false, "restartCount": 4, "image": "x", "imageID": "",
                            "state": ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off 40s restarting"]],
                        ]
                    ],
                ]
            ]))
        try await h.eventually("Failed, with the container's reason") {
            let wb = try await h.workbench("ada")
            let ready = wb.status?.conditions?.first { $0.type == "Ready" }
            return wb.status?.phase == .failed && ready?.reason == "CrashLoopBackOff"
                && ready?.message.contains("container workbench") == true
        }
        try await h.eventually("a Warning event") {
            try await h.eventReasons(about: "ada").contains("CrashLoopBackOff")
        }
    }

    func testLeaderElectionWorksWithTheShippedRole() async throws {
        await h.stopController()
        try await h.startController(leaderElection: true)
        let lease = try await h.admin.api(Lease.self, namespace: "astrolift-system").get("astrolift-controller")
        XCTAssertNotNil(lease.spec?.holderIdentity)
        try await h.createBasics()
        try await h.create(Samples.workbench())
        try await h.eventually("the leader reconciles") { try await h.workbench("ada").status?.phase == .running }
        await h.stopController()
        let released = try await h.admin.api(Lease.self, namespace: "astrolift-system").get("astrolift-controller")
        XCTAssertNil(released.spec?.holderIdentity ?? nil, "the Lease is released on shutdown")
    }

    func testDeletingATenantDeletesItsNamespace() async throws {
        try await h.createBasics()
        var kept = Samples.workbench(name: "kept")
        kept.spec.home = WorkbenchHome(retainOnDelete: true)
        try await h.create(kept)
        try await h.eventually("running") { try await h.workbench("kept").status?.phase == .running }
        try await h.admin.api(Tenant.self).delete("team")
        try await h.eventually("the tenant and its namespace are gone", timeout: .seconds(30)) {
            let t = try await h.admin.api(Tenant.self).getIfExists("team")
            let ns = try await h.admin.api(Namespace.self).getIfExists("team")
            return t == nil && ns == nil
        }
        // Events about a cluster-scoped object live in "default"; this one names the retained volume.
        let events = try await h.admin.api(EventsV1Event.self, namespace: "default").list().items
        let deleting = events.first { $0.regarding?.name == "team" && $0.reason == "NamespaceDeleting" }
        XCTAssertTrue(deleting?.note?.contains("kept-home") ?? false, "\(events.map { $0.note ?? "" })")
    }
}
