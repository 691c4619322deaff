import Foundation
import KubeCore
import XCTest

@testable import KubeAPIMachinery

/// Server-side apply of custom resources, whose list semantics come from the CRD schema.
final class ApplyCustomResourceTests: XCTestCase {
    static let crd = yaml(
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: workbenches.astrolift.dev}
        spec:
          group: astrolift.dev
          names: {kind: Workbench, plural: workbenches}
          scope: Namespaced
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      image: {type: string}
                      tools:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items:
                          type: object
                          required: [name]
                          properties:
                            name: {type: string}
                            version: {type: string}
                            port: {type: integer}
                      tags:
                        type: array
                        x-kubernetes-list-type: set
                        items: {type: string}
                      args:
                        type: array
                        items: {type: string}
                      resources:
                        type: object
                        x-kubernetes-map-type: atomic
                        additionalProperties: {type: string}
                      env:
                        type: object
                        additionalProperties: {type: string}
                      extra:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                  status:
                    type: object
                    properties:
                      phase: {type: string}
                      conditions:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [type]
                        items:
                          type: object
                          properties:
                            type: {type: string}
                            status: {type: string}
        """)

    let kind = GroupVersionKind(group: "astrolift.dev", version: "v1alpha1", kind: "Workbench")
    var fm: FieldManager {
        var schemas = CustomResourceMergeSchemas()
        schemas.register(crd: Self.crd)
        return FieldManager(schemas: ChainedMergeSchemaProvider(schemas, BuiltinPatchSchemas()))
    }

    private func workbench(_ spec: String) -> JSONValue {
        yaml(
            """
            apiVersion: astrolift.dev/v1alpha1
            kind: Workbench
            metadata:
              name: alice
              namespace: team-a
              finalizers: [astrolift.dev/cleanup]
            spec:
            \(spec.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            """)
    }

    private let aliceSpec = """
        image: jupyter/base:2024.1
        tools:
        - {name: jupyter, version: "4.1", port: 8888}
        - {name: vscode, version: "1.90"}
        tags: [gpu, python]
        args: [--lab]
        resources: {cpu: "2", memory: 4Gi}
        env: {TZ: UTC}
        extra: {theme: dark, editor: {font: mono}}
        """

    private func owned(_ object: JSONValue, by manager: String) throws -> FieldSet {
        let entries = object[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        let entry = try XCTUnwrap(entries.first { $0["manager"]?.stringValue == manager })
        return try FieldSet(fieldsV1: XCTUnwrap(entry["fieldsV1"]))
    }

    func testCreateByApplyRecordsSchemaSemantics() throws {
        let result = try fm.apply(workbench(aliceSpec), to: nil, kind: kind, manager: "astrolift", time: t0)
        XCTAssertEqual(
            try owned(result.object, by: "astrolift").fieldsV1JSON,
            #"{"f:metadata":{"f:finalizers":{"v:\"astrolift.dev/cleanup\"":{}}},"f:spec":{"f:args":{},"f:env":{"f:TZ":{}},"f:extra":{"f:editor":{".":{},"f:font":{}},"f:theme":{}},"f:image":{},"f:resources":{},"f:tags":{"v:\"gpu\"":{},"v:\"python\"":{}},"f:tools":{"k:{\"name\":\"jupyter\"}":{".":{},"f:name":{},"f:port":{},"f:version":{}},"k:{\"name\":\"vscode\"}":{".":{},"f:name":{},"f:version":{}}}}}"#
        )
    }

    func testSecondManagerMergesByKeyAndSetValue() throws {
        let first = try fm.apply(workbench(aliceSpec), to: nil, kind: kind, manager: "astrolift", time: t0)
        let config = workbench(
            """
            tools:
            - {name: rstudio, version: "2024.04"}
            tags: [shared]
            env: {LANG: C.UTF-8}
            """)
        let result = try fm.apply(config, to: first.object, kind: kind, manager: "platform", time: t1)
        XCTAssertEqual(
            result.object[path: ["spec", "tools"]]?.arrayValue?.map { $0["name"] }, ["jupyter", "vscode", "rstudio"])
        assertJSON(result.object[path: ["spec", "tags"]], ["gpu", "python", "shared"])
        assertJSON(result.object[path: ["spec", "env"]], ["TZ": "UTC", "LANG": "C.UTF-8"])
        XCTAssertEqual(
            try owned(result.object, by: "platform").fieldsV1JSON,
            #"{"f:metadata":{"f:finalizers":{"v:\"astrolift.dev/cleanup\"":{}}},"f:spec":{"f:env":{"f:LANG":{}},"f:tags":{"v:\"shared\"":{}},"f:tools":{"k:{\"name\":\"rstudio\"}":{".":{},"f:name":{},"f:version":{}}}}}"#
        )
    }

    func testAtomicListAndAtomicMapConflictWhole() throws {
        let first = try fm.apply(workbench(aliceSpec), to: nil, kind: kind, manager: "astrolift", time: t0)
        let config = workbench(
            """
            args: [--notebook]
            resources: {cpu: "4"}
            """)
        XCTAssertThrowsError(try fm.apply(config, to: first.object, kind: kind, manager: "user", time: t1)) { error in
            guard case .conflict(let conflict) = error as? ApplyError else { return XCTFail("\(error)") }
            XCTAssertEqual(
                conflict.message,
                """
                Apply failed with 2 conflicts: conflicts with "astrolift":
                - .spec.args
                - .spec.resources
                """)
        }
        let forced = try fm.apply(config, to: first.object, kind: kind, manager: "user", force: true, time: t1)
        assertJSON(forced.object[path: ["spec", "resources"]], ["cpu": "4"])
        assertJSON(forced.object[path: ["spec", "args"]], ["--notebook"])
    }

    func testDroppingAListItemRemovesIt() throws {
        let first = try fm.apply(workbench(aliceSpec), to: nil, kind: kind, manager: "astrolift", time: t0)
        let config = workbench(
            """
            image: jupyter/base:2024.1
            tools:
            - {name: vscode, version: "1.91"}
            tags: [gpu]
            """)
        let result = try fm.apply(config, to: first.object, kind: kind, manager: "astrolift", time: t1)
        assertJSON(result.object[path: ["spec", "tools"]], [["name": "vscode", "version": "1.91"]])
        assertJSON(result.object[path: ["spec", "tags"]], ["gpu"])
        XCTAssertNil(result.object[path: ["spec", "extra"]])
        XCTAssertNil(result.object[path: ["spec", "resources"]])
        assertJSON(result.object[path: ["metadata", "finalizers"]], ["astrolift.dev/cleanup"])
    }

    func testUndeclaredFieldsAreRejected() {
        XCTAssertThrowsError(try fm.apply(workbench("colour: blue"), to: nil, kind: kind, manager: "x", time: t0)) {
            error in
            XCTAssertEqual(
                (error as? ApplyError)?.status.message,
                "failed to create typed patch object (team-a/alice; astrolift.dev/v1alpha1, Kind=Workbench): .spec.colour: field not declared in schema"
            )
        }
    }

    func testListMapItemsNeedTheirKeys() {
        XCTAssertThrowsError(
            try fm.apply(workbench("tools:\n- {version: '1'}"), to: nil, kind: kind, manager: "x", time: t0)
        ) {
            XCTAssertEqual(
                ($0 as? ApplyError)?.status.message,
                #"failed to create typed patch object (team-a/alice; astrolift.dev/v1alpha1, Kind=Workbench): .spec.tools: element 0: associative list with keys has an element that omits key field "name" (and doesn't have default value)"#
            )
        }
    }

    func testStatusSubresourceOwnsOnlyStatus() throws {
        let first = try fm.apply(workbench(aliceSpec), to: nil, kind: kind, manager: "astrolift", time: t0)
        var config = workbench("image: other")
        config["status"] = json(#"{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}"#)
        let result = try fm.apply(
            config, to: first.object, kind: kind, manager: "controller", subresource: "status", time: t1)
        XCTAssertEqual(result.object[path: ["spec", "image"]], "jupyter/base:2024.1")
        XCTAssertEqual(result.object[path: ["status", "phase"]], "Running")
        let entry = result.object[path: ["metadata", "managedFields"]]?.arrayValue?.first {
            $0["manager"] == "controller"
        }
        XCTAssertEqual(entry?["subresource"], "status")
        XCTAssertEqual(
            try owned(result.object, by: "controller").fieldsV1JSON,
            #"{"f:status":{"f:conditions":{"k:{\"type\":\"Ready\"}":{".":{},"f:status":{},"f:type":{}}},"f:phase":{}}}"#
        )
    }

    func testUpdateRecordsCustomResourceCreate() throws {
        // A CR created by POST: new maps are owned with their entries ("."), as for unstructured objects.
        let stored = fm.recordUpdate(
            old: nil, new: workbench("image: a\nenv: {TZ: UTC}"), manager: "kubectl-create", time: t0)
        XCTAssertEqual(
            try owned(stored, by: "kubectl-create").fieldsV1JSON,
            #"{"f:metadata":{"f:finalizers":{".":{},"v:\"astrolift.dev/cleanup\"":{}}},"f:spec":{".":{},"f:env":{".":{},"f:TZ":{}},"f:image":{}}}"#
        )
    }
}
