import AstroliftAPI
import AstroliftControllers
import Foundation
import KubeCore
import KubeModels
import XCTest

final class WorkbenchResolutionTests: XCTestCase {
    let configuration = ControllerConfiguration(defaultStorageClass: "fast")

    func failure(_ wb: Workbench, _ lookup: WorkbenchResolution.Lookup) -> ResolutionFailure? {
        if case .failure(let f) = WorkbenchResolution.resolve(wb, lookup: lookup, configuration: configuration) {
            return f
        }
        return nil
    }

    func testMissingClassProfileTenantAndPolicyEachSayWhatToDo() throws {
        let missingClass = try XCTUnwrap(failure(Samples.workbench(className: "nope"), Samples.lookup()))
        XCTAssertEqual(missingClass.reason, "ClassNotFound")
        XCTAssertTrue(missingClass.message.contains("spec.classRef.name"))
        XCTAssertFalse(missingClass.forbidden)

        let badProfile = try XCTUnwrap(failure(Samples.workbench(profile: "huge"), Samples.lookup()))
        XCTAssertEqual(badProfile.reason, "ProfileNotFound")
        XCTAssertTrue(badProfile.message.contains("small, gpu"), badProfile.message)

        let noTenant = try XCTUnwrap(failure(Samples.workbench(), Samples.lookup(tenant: nil)))
        XCTAssertEqual(noTenant.reason, "NoTenant")

        let noPolicy = try XCTUnwrap(failure(Samples.workbench(), Samples.lookup(configMaps: [])))
        XCTAssertEqual(noPolicy.conditionType, "PolicyApplied")
        XCTAssertTrue(noPolicy.message.contains("GatewayPolicy \"default\""))
    }

    func testTenantAndClassCanForbidAClass() throws {
        var tenant = Samples.tenant()
        tenant.spec.allowedWorkbenchClasses = ["other"]
        let notAllowed = try XCTUnwrap(failure(Samples.workbench(), Samples.lookup(tenant: tenant)))
        XCTAssertEqual(notAllowed.reason, "ClassNotAllowed")
        XCTAssertTrue(notAllowed.forbidden)

        var disabled = Samples.workbenchClass()
        disabled.spec.disabled = true
        let refused = try XCTUnwrap(failure(Samples.workbench(), Samples.lookup(classes: [disabled])))
        XCTAssertEqual(refused.reason, "ClassDisabled")
        // A workbench already provisioned keeps running on a disabled class.
        let kept = WorkbenchResolution.resolve(
            Samples.workbench(), lookup: Samples.lookup(classes: [disabled]), configuration: configuration,
            allowDisabledClass: true)
        XCTAssertNotNil(try? kept.get())
    }

    func testDefaultsComeFromWorkbenchThenTenantThenClassThenController() throws {
        var tenant = Samples.tenant()
        tenant.spec.defaults?.idleTimeout = KubeDuration("45m")
        tenant.spec.defaults?.homeSize = Quantity(20 << 30, format: .binarySI)
        var wb = Samples.workbench()
        let r1 = try WorkbenchResolution.resolve(
            wb, lookup: Samples.lookup(tenant: tenant), configuration: configuration
        )
        .get()
        XCTAssertEqual(r1.idleTimeout, KubeDuration("45m"))
        XCTAssertEqual(r1.maxLifetime, .zero)
        XCTAssertEqual(r1.homeSize, Quantity(20 << 30, format: .binarySI))
        XCTAssertEqual(r1.storageClassName, "fast")
        XCTAssertEqual(r1.profile.name, "small")
        wb.spec.idleTimeout = KubeDuration("2s")
        wb.spec.home = WorkbenchHome(storageClassName: "slow")
        let r2 = try WorkbenchResolution.resolve(
            wb, lookup: Samples.lookup(tenant: tenant), configuration: configuration
        )
        .get()
        XCTAssertEqual(r2.idleTimeout, KubeDuration("2s"))
        XCTAssertEqual(r2.storageClassName, "slow")
    }
}

final class WorkbenchLifecycleTests: XCTestCase {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func running(startedAt: Date, activity: Date? = nil) -> Workbench {
        var wb = Samples.workbench()
        wb.status = WorkbenchStatus(phase: .running, startedAt: Time(startedAt))
        if let activity { wb.metadata.annotations = ["astrolift.dev/last-activity": Time(activity).description] }
        return wb
    }

    func decide(
        _ wb: Workbench, idle: String = "0s", lifetime: String = "0s", now: Date,
        admission: WorkbenchLifecycle.Admission = .admitted
    ) throws -> LifecycleDecision {
        WorkbenchLifecycle.decide(
            workbench: wb, idleTimeout: try KubeDuration(parsing: idle),
            maxLifetime: try KubeDuration(parsing: lifetime),
            admission: admission, statefulSet: nil, now: now)
    }

    func testIdleTimeoutCullsAndRequeuesAtTheExactMoment() throws {
        let wb = running(startedAt: start, activity: start.addingTimeInterval(60))
        let before = try decide(wb, idle: "30m", now: start.addingTimeInterval(600))
        XCTAssertTrue(before.running)
        XCTAssertNil(before.culled)
        // Last activity at +60 s, idle 30 min: expires at +1860 s, looked at from +600 s.
        XCTAssertEqual(before.requeueAfter, .seconds(1260))
        let after = try decide(wb, idle: "30m", now: start.addingTimeInterval(1860))
        XCTAssertFalse(after.running)
        XCTAssertEqual(after.culled, .idle)
        XCTAssertEqual(after.stopReason, .idle)
        XCTAssertEqual(after.phase, .suspended)
    }

    func testMaxLifetimeExpiresFromTheStart() throws {
        let wb = running(startedAt: start, activity: start.addingTimeInterval(3000))
        let d = try decide(wb, idle: "1h", lifetime: "1h", now: start.addingTimeInterval(3600))
        XCTAssertEqual(d.culled, .maxLifetime)
        XCTAssertEqual(d.phase, .expired)
        let earlier = try decide(wb, idle: "1h", lifetime: "1h", now: start.addingTimeInterval(1800))
        XCTAssertEqual(earlier.requeueAfter, .seconds(1800))
    }

    func testSuspendKeepsTheReasonTheControllerStoppedIt() throws {
        var wb = running(startedAt: start)
        wb.spec.suspend = true
        XCTAssertEqual(try decide(wb, now: start).stopReason, .user)
        wb.status?.stopReason = .idle
        XCTAssertEqual(try decide(wb, now: start).stopReason, .idle)
        wb.status?.stopReason = .maxLifetime
        XCTAssertEqual(try decide(wb, now: start).phase, .expired)
        // Resuming starts a new run: lifetime and idle count from now.
        wb.spec.suspend = false
        let resumed = try decide(wb, idle: "10m", lifetime: "1h", now: start.addingTimeInterval(7200))
        XCTAssertTrue(resumed.running)
        XCTAssertEqual(resumed.startedAt, Time(start.addingTimeInterval(7200)))
        XCTAssertEqual(resumed.requeueAfter, .seconds(600))
    }

    func testAStuckPodMakesTheWorkbenchFailed() throws {
        let wb = running(startedAt: start)
        let d = WorkbenchLifecycle.decide(
            workbench: wb, idleTimeout: .zero, maxLifetime: .zero, admission: .admitted, statefulSet: nil,
            podStuck: true, now: start)
        XCTAssertEqual(d.phase, .failed)
        XCTAssertTrue(d.running, "the StatefulSet keeps its replica: the kubelet keeps retrying")

        func pod(_ reason: String, initContainer: Bool = false) -> PodSummary {
            let container = PodSummary.ContainerSummary(
                name: initContainer ? "gateway" : "workbench",
                state: .init(waiting: .init(reason: reason, message: "details"), terminated: nil))
            return PodSummary(
                status: initContainer
                    ? .init(phase: "Pending", initContainerStatuses: [container])
                    : .init(phase: "Pending", containerStatuses: [container]))
        }
        XCTAssertEqual(pod("ImagePullBackOff").failure?.reason, "ImagePullBackOff")
        XCTAssertEqual(
            pod("CrashLoopBackOff", initContainer: true).failure?.message,
            "container gateway: CrashLoopBackOff: details")
        XCTAssertNil(pod("ContainerCreating").failure, "starting is not failing")
        XCTAssertEqual(PodSummary(status: .init(phase: "Failed")).failure?.reason, "PodFailed")
    }

    func testQuotaWaitStopsWithReasonQuota() throws {
        let d = try decide(Samples.workbench(), now: start, admission: .waiting("full"))
        XCTAssertFalse(d.running)
        XCTAssertEqual(d.stopReason, .quota)
        XCTAssertEqual(d.phase, .suspended)
    }
}

final class RunningQuotaTests: XCTestCase {
    func workbench(_ name: String, createdAt offset: TimeInterval, phase: WorkbenchPhase? = nil) -> Workbench {
        var wb = Samples.workbench(name: name)
        wb.metadata.creationTimestamp = Time(Date(timeIntervalSince1970: 1_800_000_000 + offset))
        wb.status = phase.map { WorkbenchStatus(phase: $0) }
        return wb
    }

    func testOldestWaitingWorkbenchGetsTheFreeSlot() {
        let quota = RunningQuota()
        let limit = TenantQuota(runningWorkbenches: 1)
        let a = workbench("a", createdAt: 0, phase: .running)
        let b = workbench("b", createdAt: 1)
        let c = workbench("c", createdAt: 2)
        XCTAssertEqual(quota.admission(for: a, among: [a, b, c], quota: limit), .admitted)
        guard case .waiting = quota.admission(for: c, among: [a, b, c], quota: limit) else {
            return XCTFail("c must wait while a runs")
        }
        // a stops: b (older) is admitted before c, and c keeps waiting even before b shows as running.
        var stopped = a
        stopped.spec.suspend = true
        guard case .waiting = quota.admission(for: c, among: [stopped, b, c], quota: limit) else {
            return XCTFail("c must wait for b, which is older")
        }
        XCTAssertEqual(quota.admission(for: b, among: [stopped, b, c], quota: limit), .admitted)
        guard case .waiting = quota.admission(for: c, among: [stopped, b, c], quota: limit) else {
            return XCTFail("b's admission is remembered before the cache shows it")
        }
    }

    func testObjectCountQuotaRefusesTheNewest() {
        let quota = RunningQuota()
        let a = workbench("a", createdAt: 0)
        let b = workbench("b", createdAt: 1)
        XCTAssertEqual(quota.admission(for: a, among: [a, b], quota: TenantQuota(workbenches: 1)), .admitted)
        guard case .waiting(let message) = quota.admission(for: b, among: [a, b], quota: TenantQuota(workbenches: 1))
        else { return XCTFail("b is over the object quota") }
        XCTAssertTrue(message.contains("allows 1 workbenches"), message)
    }
}
