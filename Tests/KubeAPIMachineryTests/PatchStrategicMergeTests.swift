import Foundation
import KubeCore
import XCTest

@testable import KubeAPIMachinery

final class PatchStrategicMergeTests: XCTestCase {
    private func containers(_ object: JSONValue) -> [JSONValue] {
        object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
    }

    func testContainerImageChangeByName() throws {
        // `kubectl set image deployment/web web=nginx:1.27` sends this.
        let result = try patchDeployment(
            webDeployment, json(#"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}"#)
        )
        let items = containers(result)
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items[0]["name"], "web")
        XCTAssertEqual(items[0]["image"], "nginx:1.27")
        // The rest of the matched container is kept, and so is the container the patch does not name.
        XCTAssertEqual(items[0]["env"]?.arrayValue?.count, 2)
        XCTAssertEqual(items[1]["image"], "busybox:1.36")
        XCTAssertEqual(result[path: ["spec", "replicas"]], 2)
    }

    func testEnvAddAndDeleteByName() throws {
        let patch = json(
            #"""
            {"spec":{"template":{"spec":{"containers":[{"name":"web","env":[
              {"name":"FEATURE_X","value":"on"},
              {"name":"LOG_LEVEL","$patch":"delete"},
              {"name":"MODE","value":"staging"}]}]}}}}
            """#)
        let env = containers(try patchDeployment(webDeployment, patch))[0]["env"]?.arrayValue ?? []
        // LOG_LEVEL deleted; MODE merged in place; FEATURE_X placed as the patch orders it.
        assertJSON(.array(env), json(#"[{"name":"FEATURE_X","value":"on"},{"name":"MODE","value":"staging"}]"#))
    }

    func testNewItemsGoBeforeServerOnlyItems() throws {
        // As in Kubernetes: an item the original lacks cannot be placed relative to the
        // original's items, so the interleaving takes it first.
        let patch = json(#"{"spec":{"template":{"spec":{"containers":[{"name":"metrics","image":"exporter:2"}]}}}}"#)
        XCTAssertEqual(
            containers(try patchDeployment(webDeployment, patch)).map { $0["name"] }, ["metrics", "web", "sidecar"])
    }

    func testPatchDeleteDirectiveRemovesContainer() throws {
        let patch = json(#"{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}"#)
        XCTAssertEqual(containers(try patchDeployment(webDeployment, patch)).map { $0["name"] }, ["web"])
    }

    func testPatchReplaceDirectiveOnListAndMap() throws {
        let listPatch = json(
            #"{"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"app:1"}]}}}}"#)
        assertJSON(
            .array(containers(try patchDeployment(webDeployment, listPatch))),
            json(#"[{"name":"only","image":"app:1"}]"#))

        let mapPatch = json(#"{"metadata":{"labels":{"$patch":"replace","owner":"team-a"}}}"#)
        assertJSON(try patchDeployment(webDeployment, mapPatch)[path: ["metadata", "labels"]], ["owner": "team-a"])
    }

    func testPatchDeleteDirectiveOnMapEmptiesIt() throws {
        let result = try patchDeployment(webDeployment, json(#"{"metadata":{"labels":{"$patch":"delete"}}}"#))
        assertJSON(result[path: ["metadata", "labels"]], [:])
    }

    func testRetainKeysSwitchesDeploymentStrategy() throws {
        // What `kubectl apply` sends when a manifest changes RollingUpdate to Recreate.
        let result = try patchDeployment(
            webDeployment, json(#"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"#))
        assertJSON(result[path: ["spec", "strategy"]], ["type": "Recreate"])
    }

    func testRetainKeysRejectsKeysOutsideTheList() {
        XCTAssertThrowsError(
            try patchDeployment(
                webDeployment, json(#"{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{}}}}"#))
        ) { error in
            let error = error as? StrategicMergePatchError
            XCTAssertEqual(error?.message, "invalid patch format of retainKeys")
            XCTAssertEqual(error?.statusCode, 400)
        }
    }

    func testNullDeletesMembers() throws {
        let result = try patchDeployment(
            webDeployment, json(#"{"metadata":{"labels":{"tier":null,"missing":null}},"spec":{"strategy":null}}"#))
        assertJSON(result[path: ["metadata", "labels"]], ["app": "web"])
        XCTAssertNil(result[path: ["spec", "strategy"]])
    }

    func testPrimitiveListIsReplacedUnlessMergeStrategy() throws {
        let args = try patchDeployment(
            webDeployment, json(#"{"spec":{"template":{"spec":{"containers":[{"name":"web","args":["--debug"]}]}}}}"#))
        assertJSON(containers(args)[0]["args"], ["--debug"])

        // finalizers have patchStrategy merge: the lists are united, patch values in patch order.
        let finalizers = try patchDeployment(
            webDeployment, json(#"{"metadata":{"finalizers":["example.com/c","example.com/a"]}}"#))
        assertJSON(finalizers[path: ["metadata", "finalizers"]], ["example.com/c", "example.com/a", "example.com/b"])
    }

    func testDeleteFromPrimitiveListAndSetElementOrder() throws {
        let patch = json(
            #"""
            {"metadata":{
              "$setElementOrder/finalizers":["example.com/c","example.com/a"],
              "$deleteFromPrimitiveList/finalizers":["example.com/b"],
              "finalizers":["example.com/c"]}}
            """#)
        assertJSON(
            try patchDeployment(webDeployment, patch)[path: ["metadata", "finalizers"]],
            ["example.com/c", "example.com/a"])
    }

    func testSetElementOrderForContainers() throws {
        // kubectl apply's patch when a manifest swaps two containers and changes one image.
        let patch = json(
            #"""
            {"spec":{"template":{"spec":{
              "$setElementOrder/containers":[{"name":"sidecar"},{"name":"web"}],
              "containers":[{"name":"sidecar","image":"busybox:1.37"}]}}}}
            """#)
        let items = containers(try patchDeployment(webDeployment, patch))
        XCTAssertEqual(items.map { $0["name"] }, ["sidecar", "web"])
        XCTAssertEqual(items[0]["image"], "busybox:1.37")
        XCTAssertEqual(items[1]["image"], "nginx:1.25")
    }

    func testPortsMergeByContainerPortAndVolumesByName() throws {
        let patch = json(
            #"""
            {"spec":{"template":{"spec":{
              "containers":[{"name":"web","ports":[{"containerPort":9090,"name":"metrics"}],
                             "volumeMounts":[{"mountPath":"/etc/web","readOnly":true}]}],
              "volumes":[{"name":"config","configMap":{"name":"web-config-v2"}},{"name":"cache","emptyDir":{}}]}}}}
            """#)
        let result = try patchDeployment(webDeployment, patch)
        let web = containers(result)[0]
        XCTAssertEqual(web["ports"]?.arrayValue?.map { $0["containerPort"] }, [9090, 8080])
        assertJSON(web["volumeMounts"], json(#"[{"name":"config","mountPath":"/etc/web","readOnly":true}]"#))
        assertJSON(
            result[path: ["spec", "template", "spec", "volumes"]],
            json(#"[{"name":"config","configMap":{"name":"web-config-v2"}},{"name":"cache","emptyDir":{}}]"#))
    }

    func testMergeKeysCompareNumbersByValue() throws {
        let patch = json(
            #"{"spec":{"template":{"spec":{"containers":[{"name":"web","ports":[{"containerPort":8080.0,"name":"http"}]}]}}}}"#
        )
        let ports = containers(try patchDeployment(webDeployment, patch))[0]["ports"]
        assertJSON(ports, [["containerPort": 8080, "protocol": "TCP", "name": "http"]])
    }

    func testTolerationsAreAtomic() throws {
        let patch = json(#"{"spec":{"template":{"spec":{"tolerations":[{"operator":"Exists"}]}}}}"#)
        assertJSON(
            try patchDeployment(webDeployment, patch)[path: ["spec", "template", "spec", "tolerations"]],
            [["operator": "Exists"]])
    }

    func testOwnerReferencesMergeByUID() throws {
        let original = yaml(
            """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-5d9c
              ownerReferences:
              - {apiVersion: apps/v1, kind: Deployment, name: web, uid: "1111", controller: true}
            """)
        let patch = json(
            #"""
            {"metadata":{"ownerReferences":[
              {"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"1111","blockOwnerDeletion":true},
              {"apiVersion":"v1","kind":"ConfigMap","name":"cfg","uid":"2222"}]}}
            """#)
        let kind = GroupVersionKind(group: "apps", version: "v1", kind: "ReplicaSet")
        let result = try XCTUnwrap(try StrategicMergePatch.apply(patch, to: original, kind: kind, provider: builtins))
        assertJSON(
            result[path: ["metadata", "ownerReferences"]],
            json(
                #"""
                [{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"1111","controller":true,"blockOwnerDeletion":true},
                 {"apiVersion":"v1","kind":"ConfigMap","name":"cfg","uid":"2222"}]
                """#))
    }

    func testServicePortsMergeByPort() throws {
        let service = yaml(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports:
              - {name: http, port: 80, targetPort: 8080}
              - {name: https, port: 443, targetPort: 8443}
            """)
        let patch = json(#"{"spec":{"ports":[{"port":443,"targetPort":9443}],"selector":{"app":"web2"}}}"#)
        let result = try XCTUnwrap(
            try StrategicMergePatch.apply(patch, to: service, kind: serviceKind, provider: builtins))
        assertJSON(
            result[path: ["spec", "ports"]],
            json(#"[{"name":"http","port":80,"targetPort":8080},{"name":"https","port":443,"targetPort":9443}]"#))
        assertJSON(result[path: ["spec", "selector"]], ["app": "web2"])
    }

    func testNestedDirectivesInNewValuesAreResolved() throws {
        let patch = json(#"{"spec":{"template":{"spec":{"affinity":{"nodeAffinity":{"x":null,"y":1}}}}}}"#)
        assertJSON(
            try patchDeployment(webDeployment, patch)[path: ["spec", "template", "spec", "affinity"]],
            ["nodeAffinity": ["y": 1]])
    }

    func testMissingMergeKeyIsAnError() {
        XCTAssertThrowsError(
            try patchDeployment(webDeployment, json(#"{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"#))
        ) { error in
            let error = error as? StrategicMergePatchError
            XCTAssertEqual(error?.message, "map: map[image:x] does not contain declared merge key: name")
            XCTAssertEqual(error?.status.code, 500)
        }
    }

    func testUnknownDirectiveIsAnError() {
        XCTAssertThrowsError(
            try patchDeployment(webDeployment, json(#"{"metadata":{"labels":{"$patch":"frobnicate"}}}"#))
        ) {
            XCTAssertEqual(($0 as? StrategicMergePatchError)?.reason, .unknownPatchType)
        }
        XCTAssertThrowsError(
            try patchDeployment(
                webDeployment, json(#"{"spec":{"template":{"spec":{"containers":[{"$patch":"merge"}]}}}}"#))
        ) {
            XCTAssertEqual(
                ($0 as? StrategicMergePatchError)?.message, "merging lists cannot yet be specified in the patch")
        }
    }

    func testCustomResourcesAreUnsupported() throws {
        let kind = GroupVersionKind(group: "astrolift.dev", version: "v1alpha1", kind: "Workbench")
        let provider = ChainedMergeSchemaProvider(CustomResourceMergeSchemas(), builtins)
        XCTAssertFalse(StrategicMergePatch.isSupported(for: kind, provider: provider))
        XCTAssertTrue(StrategicMergePatch.isSupported(for: deploymentKind, provider: provider))
        XCTAssertNil(try StrategicMergePatch.apply(json("{}"), to: json("{}"), kind: kind, provider: provider))
        let status = StrategicMergePatch.unsupportedMediaTypeStatus()
        XCTAssertEqual(status.code, 415)
        XCTAssertEqual(status.reason, .unsupportedMediaType)
        XCTAssertEqual(
            status.message,
            "the body of the request was in an unknown format - accepted media types include: "
                + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")
    }

    func testPatchMustBeAnObject() {
        XCTAssertThrowsError(try patchDeployment(webDeployment, json("[]"))) {
            XCTAssertEqual(($0 as? StrategicMergePatchError)?.message, "invalid JSON document")
        }
    }
}
