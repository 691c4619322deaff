import Foundation
import KubeCore
import XCTest

@testable import KubeAPIMachinery

final class ApplyServerSideTests: XCTestCase {
    let fm = FieldManager()

    private func deployment(_ spec: String, labels: String = "{app: web}") -> JSONValue {
        yaml(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: default
              labels: \(labels)
            spec:
            \(spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
            """)
    }

    private let webSpec = """
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: web
              image: nginx:1.25
              args: [--port, "8080"]
              env:
              - {name: MODE, value: production}
        """

    private func owned(_ object: JSONValue, by manager: String) throws -> FieldSet {
        let entries = object[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        let entry = try XCTUnwrap(entries.first { $0["manager"]?.stringValue == manager }, "no entry for \(manager)")
        return try FieldSet(fieldsV1: XCTUnwrap(entry["fieldsV1"]))
    }

    private func managers(_ object: JSONValue) -> [String] {
        (object[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap { $0["manager"]?.stringValue }
    }

    private func apply(
        _ config: JSONValue, to live: JSONValue?, as manager: String, force: Bool = false, time: Time = t1
    ) throws -> ApplyResult {
        try fm.apply(config, to: live, kind: deploymentKind, manager: manager, force: force, time: time)
    }

    func testTwoManagersOwnDifferentFields() throws {
        let helm = try apply(deployment(webSpec), to: nil, as: "helm", time: t0).object
        let injector = yaml(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations: {injected: "true"}
            spec:
              template:
                spec:
                  containers:
                  - {name: proxy, image: envoy:1.30}
            """)
        let result = try apply(injector, to: helm, as: "injector", time: t1)
        XCTAssertTrue(result.changed)
        XCTAssertEqual(managers(result.object), ["helm", "injector"])
        let containers = result.object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        XCTAssertEqual(containers.map { $0["name"] }, ["web", "proxy"])
        XCTAssertEqual(
            try owned(result.object, by: "injector").fieldsV1JSON,
            #"{"f:metadata":{"f:annotations":{"f:injected":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"proxy\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"#
        )
        XCTAssertTrue(try owned(result.object, by: "helm").contains(ManagedFieldPath(fields: "spec", "replicas")))
        // The first applier's entry is untouched, time included.
        let helmEntry = result.object[path: ["metadata", "managedFields"]]?[0]
        XCTAssertEqual(helmEntry?["time"], .string(t0.description))
    }

    func testConflictWithClientSideApplyManager() throws {
        let created = fm.recordUpdate(
            old: nil, new: deployment(webSpec), manager: "kubectl-client-side-apply", time: t0)
        let config = deployment("replicas: 3")
        XCTAssertThrowsError(try apply(config, to: created, as: "helm")) { error in
            guard case .conflict(let conflict) = error as? ApplyError else { return XCTFail("\(error)") }
            XCTAssertEqual(
                conflict.message,
                #"Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas"#
            )
            let status = conflict.status
            XCTAssertEqual(status.code, 409)
            XCTAssertEqual(status.reason, .conflict)
            XCTAssertEqual(
                status.details?.causes,
                [
                    StatusCause(
                        reason: "FieldManagerConflict",
                        message: #"conflict with "kubectl-client-side-apply" using apps/v1"#,
                        field: ".spec.replicas")
                ])
        }
        // Applying the value the field already has is no conflict: the field becomes shared.
        let shared = try apply(deployment("replicas: 2"), to: created, as: "helm")
        XCTAssertTrue(try owned(shared.object, by: "helm").contains(ManagedFieldPath(fields: "spec", "replicas")))
        XCTAssertTrue(
            try owned(shared.object, by: "kubectl-client-side-apply").contains(
                ManagedFieldPath(fields: "spec", "replicas")))
    }

    func testConflictMessageListsEveryField() throws {
        let created = fm.recordUpdate(old: nil, new: deployment(webSpec), manager: "kubectl-create", time: t0)
        let config = deployment(
            """
            replicas: 5
            template:
              spec:
                containers:
                - name: web
                  image: nginx:1.27
            """)
        XCTAssertThrowsError(try apply(config, to: created, as: "helm")) { error in
            guard case .conflict(let conflict) = error as? ApplyError else { return XCTFail("\(error)") }
            XCTAssertEqual(
                conflict.message,
                """
                Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1:
                - .spec.replicas
                - .spec.template.spec.containers[name="web"].image
                """)
        }
    }

    func testForceTransfersOwnership() throws {
        let created = fm.recordUpdate(old: nil, new: deployment(webSpec), manager: "kubectl-create", time: t0)
        let result = try apply(deployment("replicas: 3"), to: created, as: "hpa-bridge", force: true)
        XCTAssertEqual(result.object[path: ["spec", "replicas"]], 3)
        XCTAssertTrue(try owned(result.object, by: "hpa-bridge").contains(ManagedFieldPath(fields: "spec", "replicas")))
        XCTAssertFalse(
            try owned(result.object, by: "kubectl-create").contains(ManagedFieldPath(fields: "spec", "replicas")))
        // Appliers sort before updaters.
        XCTAssertEqual(managers(result.object), ["hpa-bridge", "kubectl-create"])
    }

    func testFieldsDroppedFromTheConfigurationAreRemoved() throws {
        let first = try apply(deployment(webSpec, labels: "{app: web, tier: frontend}"), to: nil, as: "helm", time: t0)
        let second = deployment(
            """
            selector:
              matchLabels: {app: web}
            template:
              metadata:
                labels: {app: web}
              spec:
                containers:
                - name: web
                  image: nginx:1.25
            """)
        let result = try apply(second, to: first.object, as: "helm")
        XCTAssertEqual(result.object[path: ["metadata", "labels"]], ["app": "web"])
        XCTAssertNil(result.object[path: ["spec", "replicas"]])
        let web = result.object[path: ["spec", "template", "spec", "containers"]]?[0]
        XCTAssertNil(web?["args"])
        XCTAssertNil(web?["env"])
        XCTAssertEqual(web?["image"], "nginx:1.25")
    }

    func testFieldsOwnedByOthersSurviveRemoval() throws {
        let first = try apply(deployment(webSpec), to: nil, as: "helm", time: t0)
        // Another applier sets the same replicas: both own it.
        let shared = try apply(deployment("replicas: 2"), to: first.object, as: "autoscaler")
        // Helm drops replicas from its configuration: it stays, owned by the autoscaler.
        let config = deployment(
            """
            selector:
              matchLabels: {app: web}
            template:
              metadata:
                labels: {app: web}
              spec:
                containers:
                - {name: web, image: nginx:1.25}
            """)
        let result = try apply(config, to: shared.object, as: "helm")
        XCTAssertEqual(result.object[path: ["spec", "replicas"]], 2)
        XCTAssertFalse(try owned(result.object, by: "helm").contains(ManagedFieldPath(fields: "spec", "replicas")))
    }

    func testDroppedListItemStaysWhileAnotherApplierListsIt() throws {
        let first = try apply(deployment(webSpec), to: nil, as: "helm", time: t0)
        let sidecar = deployment(
            """
            template:
              spec:
                containers:
                - {name: web, image: nginx:1.25}
            """)
        let shared = try apply(sidecar, to: first.object, as: "mirror")
        // Helm's new configuration has no container at all: the item stays, with only the
        // fields the other applier owns.
        let config = deployment("replicas: 2")
        let result = try apply(config, to: shared.object, as: "helm")
        assertJSON(
            result.object[path: ["spec", "template", "spec", "containers"]], [["name": "web", "image": "nginx:1.25"]])
    }

    func testNoOpApplyChangesNothing() throws {
        let first = try apply(deployment(webSpec), to: nil, as: "helm", time: t0)
        let again = try apply(deployment(webSpec), to: first.object, as: "helm", time: t2)
        XCTAssertFalse(again.changed)
        XCTAssertFalse(again.created)
        XCTAssertEqual(again.object, first.object)
        // A real change records the new time.
        let changed = try apply(
            deployment(webSpec.replacingOccurrences(of: "replicas: 2", with: "replicas: 4")), to: first.object,
            as: "helm", time: t2)
        XCTAssertTrue(changed.changed)
        XCTAssertEqual(changed.object[path: ["metadata", "managedFields"]]?[0]?["time"], .string(t2.description))
    }

    func testAssociativeListMergesByKey() throws {
        let first = try apply(deployment(webSpec), to: nil, as: "helm", time: t0)
        let config = deployment(
            """
            template:
              spec:
                containers:
                - name: web
                  env:
                  - {name: TRACE, value: "1"}
            """)
        let result = try apply(config, to: first.object, as: "tracer")
        let env = result.object[path: ["spec", "template", "spec", "containers"]]?[0]?["env"]
        assertJSON(env, json(#"[{"name":"MODE","value":"production"},{"name":"TRACE","value":"1"}]"#))
        XCTAssertTrue(
            try owned(result.object, by: "tracer").contains(
                ManagedFieldPath([
                    .field("spec"), .field("template"), .field("spec"), .field("containers"), .keyed([("name", "web")]),
                    .field("env"), .keyed([("name", "TRACE")]), .field("value"),
                ])))
    }

    func testAtomicListsAreReplacedWholeAndConflictWhole() throws {
        let first = try apply(deployment(webSpec), to: nil, as: "helm", time: t0)
        let config = deployment(
            """
            template:
              spec:
                containers:
                - name: web
                  args: [--debug]
            """)
        XCTAssertThrowsError(try apply(config, to: first.object, as: "debugger")) { error in
            guard case .conflict(let conflict) = error as? ApplyError else { return XCTFail("\(error)") }
            XCTAssertEqual(
                conflict.conflicts.map(\.path.description), [#".spec.template.spec.containers[name="web"].args"#])
        }
        let forced = try apply(config, to: first.object, as: "debugger", force: true)
        assertJSON(forced.object[path: ["spec", "template", "spec", "containers"]]?[0]?["args"], ["--debug"])
    }

    func testStatusIsNotOwnedThroughTheMainResource() throws {
        var live = try apply(deployment(webSpec), to: nil, as: "helm", time: t0).object
        live["status"] = ["replicas": 2]
        var config = deployment(webSpec)
        config["status"] = ["replicas": 7]
        let result = try apply(config, to: live, as: "helm", time: t2)
        XCTAssertFalse(result.changed)
        XCTAssertEqual(result.object[path: ["status", "replicas"]], 2)
        XCTAssertFalse(try owned(result.object, by: "helm").contains(ManagedFieldPath(fields: "status", "replicas")))
    }

    func testApplyToAnObjectWithoutManagedFields() throws {
        // Objects that predate field tracking belong to "before-first-apply".
        XCTAssertThrowsError(try apply(deployment("replicas: 9"), to: webDeployment, as: "helm")) { error in
            guard case .conflict(let conflict) = error as? ApplyError else { return XCTFail("\(error)") }
            XCTAssertEqual(
                conflict.message,
                #"Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas"#)
        }
    }

    func testClientSideToServerSideMigration() throws {
        // `kubectl apply` (client-side) created the object and recorded the configuration.
        var created = deployment(webSpec)
        let annotation = FieldManager.lastAppliedAnnotation
        created[path: ["metadata", "annotations"]] = [annotation: .string(deployment(webSpec).jsonString + "\n")]
        let live = fm.recordUpdate(old: nil, new: created, manager: "kubectl-client-side-apply", time: t0)
        // `kubectl apply --server-side` may take the fields still at their last applied values.
        let config = deployment(webSpec.replacingOccurrences(of: "replicas: 2", with: "replicas: 3"))
        let result = try fm.apply(config, to: live, kind: deploymentKind, manager: "kubectl", time: t1)
        XCTAssertEqual(result.object[path: ["spec", "replicas"]], 3)
        XCTAssertFalse(
            try owned(result.object, by: "kubectl-client-side-apply").contains(
                ManagedFieldPath(fields: "spec", "replicas")))
        // The annotation follows the server-side applied configuration.
        let synced = try XCTUnwrap(result.object[path: ["metadata", "annotations", annotation]]?.stringValue)
        XCTAssertTrue(synced.hasSuffix("\n"))
        XCTAssertEqual(json(synced)[path: ["spec", "replicas"]], 3)
        // Another field manager gets no such allowance.
        XCTAssertThrowsError(try fm.apply(config, to: live, kind: deploymentKind, manager: "helm", time: t1))
        // Nor does kubectl for a value someone else changed since.
        var scaled = live
        scaled[path: ["spec", "replicas"]] = 5
        scaled = fm.recordUpdate(old: live, new: scaled, manager: "kubectl-scale", time: t1)
        XCTAssertThrowsError(try fm.apply(config, to: scaled, kind: deploymentKind, manager: "kubectl", time: t2)) {
            error in
            guard case .conflict(let conflict) = error as? ApplyError else { return XCTFail("\(error)") }
            XCTAssertEqual(conflict.conflicts.map(\.manager), [#""kubectl-scale" using apps/v1"#])
        }
    }

    func testServicePortsKeyedByPortAndDefaultedProtocol() throws {
        let config = yaml(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              ports:
              - {name: http, port: 80, targetPort: 8080}
            """)
        let result = try fm.apply(config, to: nil, kind: serviceKind, manager: "helm", time: t0)
        XCTAssertEqual(
            try owned(result.object, by: "helm").fieldsV1JSON,
            #"{"f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:name":{},"f:port":{},"f:targetPort":{}}}}}"#
        )
    }

    func testBadRequests() {
        var withManagedFields = deployment(webSpec)
        withManagedFields[path: ["metadata", "managedFields"]] = []
        let cases: [(JSONValue, String, String)] = [
            (withManagedFields, "helm", "metadata.managedFields must be nil"),
            (
                json(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"}}"#), "helm",
                "invalid object type: /v1, Kind=Pod"
            ),
            (deployment(webSpec), "", "fieldManager is required for apply requests"),
        ]
        for (config, manager, message) in cases {
            XCTAssertThrowsError(try fm.apply(config, to: nil, kind: deploymentKind, manager: manager, time: t0)) {
                XCTAssertEqual(($0 as? ApplyError)?.status.message, message)
                XCTAssertEqual(($0 as? ApplyError)?.status.code, 400)
            }
        }
    }

    func testDuplicateKeysInTheConfigurationAreRejected() {
        let config = deployment(
            """
            template:
              spec:
                containers:
                - {name: web, image: a}
                - {name: web, image: b}
            """)
        XCTAssertThrowsError(try apply(config, to: nil, as: "helm")) { error in
            XCTAssertEqual(
                (error as? ApplyError)?.status.message,
                #"failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="web"]"#
            )
        }
    }

    func testManyUpdatersAreCapped() throws {
        var object = fm.recordUpdate(old: nil, new: deployment(webSpec), manager: "creator", time: t0)
        for i in 0..<12 {
            var next = object
            next[path: ["metadata", "labels", "l\(i)"]] = "x"
            object = fm.recordUpdate(
                old: object, new: next, manager: "m\(i)",
                time: Time(Date(timeIntervalSince1970: 1_800_000_000 + Double(i))))
        }
        let names = managers(object)
        XCTAssertEqual(names.count, 10)
        XCTAssertTrue(names.contains("ancient-changes"))
        XCTAssertTrue(names.contains("m11"))
    }
}
