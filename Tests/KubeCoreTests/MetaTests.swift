import XCTest

@testable import KubeCore

final class TimeTests: XCTestCase {
    func testTimeEncodesWholeSecondsUTC() throws {
        let t = try XCTUnwrap(Time(rfc3339: "2024-05-01T12:00:00Z"))
        XCTAssertEqual(String(decoding: try JSONEncoder().encode([t]), as: UTF8.self), #"["2024-05-01T12:00:00Z"]"#)
        XCTAssertEqual(t.date.timeIntervalSince1970, 1_714_564_800)
        // Offsets and fractions parse; the output is UTC with whole seconds.
        let offset = try XCTUnwrap(Time(rfc3339: "2024-05-01T14:30:00.75+02:30"))
        XCTAssertEqual(offset.description, "2024-05-01T12:00:00Z")
        XCTAssertEqual(Time(rfc3339: "2024-05-01T07:00:00-05:00")?.description, "2024-05-01T12:00:00Z")
        XCTAssertEqual(Time(rfc3339: "2024-05-01t12:00:00z")?.description, "2024-05-01T12:00:00Z")
        XCTAssertNil(Time(rfc3339: "2024-05-01"))
        XCTAssertNil(Time(rfc3339: "2024-13-01T00:00:00Z"))
        XCTAssertNil(Time(rfc3339: "2024-05-01T12:00:00"))
        XCTAssertNil(Time(rfc3339: "2024-05-01T12:00:00Zjunk"))
        XCTAssertThrowsError(try JSONDecoder().decode([Time].self, from: Data(#"["yesterday"]"#.utf8)))
        XCTAssertTrue(Time(rfc3339: "2024-05-01T12:00:00Z")! < Time(rfc3339: "2024-05-01T12:00:01Z")!)
    }

    func testMicroTimeHasExactlySixDigits() throws {
        let m = try XCTUnwrap(MicroTime(rfc3339: "2024-05-01T12:00:00.123456Z"))
        XCTAssertEqual(
            String(decoding: try JSONEncoder().encode([m]), as: UTF8.self), #"["2024-05-01T12:00:00.123456Z"]"#)
        XCTAssertEqual(MicroTime(rfc3339: "2024-05-01T12:00:00Z")?.description, "2024-05-01T12:00:00.000000Z")
        XCTAssertEqual(MicroTime(rfc3339: "2024-05-01T12:00:00.5Z")?.description, "2024-05-01T12:00:00.500000Z")
        XCTAssertEqual(
            MicroTime(rfc3339: "2024-05-01T13:00:00.123456789+01:00")?.description, "2024-05-01T12:00:00.123457Z",
            "nanoseconds round to the nearest microsecond")
        // Every microsecond value survives a round trip, even where a Double is inexact.
        for micros in [0, 1, 999_999, 123_456, 456_789, 100_001, 999_000] {
            let text = "2031-12-31T23:59:59." + String(format: "%06d", micros) + "Z"
            XCTAssertEqual(MicroTime(rfc3339: text)?.description, text)
        }
        let now = MicroTime.now().description
        XCTAssertEqual(now.count, "2024-05-01T12:00:00.000000Z".count)
    }
}

final class StatusTests: XCTestCase {
    func decode(_ s: String) throws -> Status { try JSONDecoder().decode(Status.self, from: Data(s.utf8)) }

    func testNotFound() throws {
        let s = try decode(
            #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"web\" not found","reason":"NotFound","details":{"name":"web","kind":"pods"},"code":404}"#
        )
        XCTAssertEqual(s.reason, .notFound)
        XCTAssertEqual(s.details?.name, "web")
        let e = KubeAPIError(status: s, method: "GET", path: "/api/v1/namespaces/default/pods/web")
        XCTAssertEqual(e.kind, .notFound)
        XCTAssertTrue(e.isNotFound)
        XCTAssertTrue(
            e.description.hasPrefix("GET /api/v1/namespaces/default/pods/web: 404 NotFound: pods \"web\" not found"))
    }

    func testConflict() throws {
        let s = try decode(
            #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"c","kind":"configmaps"},"code":409}"#
        )
        XCTAssertEqual(KubeAPIError(status: s).kind, .conflict)
        let exists = try decode(
            #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"c\" already exists","reason":"AlreadyExists","details":{"name":"c","kind":"configmaps"},"code":409}"#
        )
        XCTAssertEqual(KubeAPIError(status: exists).kind, .alreadyExists, "409 with AlreadyExists is not a conflict")
    }

    func testInvalidWithCauses() throws {
        let s = try decode(
            #"""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"Deployment.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`]",
             "reason":"Invalid",
             "details":{"name":"web","group":"apps","kind":"Deployment","causes":[
               {"reason":"FieldValueInvalid","message":"Invalid value: -1: must be greater than or equal to 0","field":"spec.replicas"},
               {"reason":"FieldValueInvalid","message":"Invalid value: map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`","field":"spec.template.metadata.labels"}]},
             "code":422}
            """#)
        XCTAssertEqual(s.code, 422)
        XCTAssertEqual(s.details?.group, "apps")
        XCTAssertEqual(s.details?.causes?.map(\.field), ["spec.replicas", "spec.template.metadata.labels"])
        XCTAssertEqual(s.details?.causes?.first?.reason, "FieldValueInvalid")
        let e = KubeAPIError(status: s)
        XCTAssertEqual(e.kind, .invalid)
        XCTAssertTrue(e.isInvalid)
    }

    func testKindClassification() {
        func kind(_ reason: StatusReason?, _ code: Int?) -> KubeAPIError.Kind {
            KubeAPIError(status: Status(reason: reason, code: code)).kind
        }
        XCTAssertEqual(kind(.forbidden, 403), .forbidden)
        XCTAssertEqual(kind(.unauthorized, 401), .unauthorized)
        XCTAssertEqual(kind(.expired, 410), .gone)
        XCTAssertEqual(kind(.gone, nil), .gone)
        XCTAssertEqual(kind(.tooManyRequests, 429), .tooManyRequests)
        XCTAssertEqual(kind(.serverTimeout, 500), .timeout)
        XCTAssertEqual(kind(.badRequest, 400), .badRequest)
        XCTAssertEqual(kind(.internalError, 500), .serverError)
        XCTAssertEqual(kind(.other("SomethingNew"), 503), .serverError)
        XCTAssertEqual(kind(nil, 404), .notFound)
        XCTAssertEqual(kind(nil, 409), .conflict)
        XCTAssertEqual(kind(nil, 422), .invalid)
        XCTAssertEqual(kind(nil, 418), .other)
        XCTAssertEqual(StatusReason(rawValue: "SomethingNew"), .other("SomethingNew"))
        XCTAssertEqual(StatusReason.other("X").rawValue, "X")
    }
}

final class ConditionTests: XCTestCase {
    func testSetKeepsTransitionTimeWhenStatusUnchanged() throws {
        let t0 = try XCTUnwrap(Time(rfc3339: "2024-05-01T12:00:00Z"))
        let t1 = try XCTUnwrap(Time(rfc3339: "2024-05-01T13:00:00Z"))
        var conditions = [Condition]()
        XCTAssertTrue(
            conditions.set(Condition(type: "Ready", status: .false, reason: "Starting", lastTransitionTime: t0)))
        // Same status, new reason: updated, but the transition time stays.
        XCTAssertTrue(
            conditions.set(Condition(type: "Ready", status: .false, reason: "Pulling", lastTransitionTime: t1)))
        XCTAssertEqual(conditions[type: "Ready"]?.reason, "Pulling")
        XCTAssertEqual(conditions[type: "Ready"]?.lastTransitionTime, t0)
        // Nothing changed: reports false.
        XCTAssertFalse(
            conditions.set(Condition(type: "Ready", status: .false, reason: "Pulling", lastTransitionTime: t1)))
        // Status changed: the new time is taken.
        XCTAssertTrue(
            conditions.set(Condition(type: "Ready", status: .true, reason: "Running", lastTransitionTime: t1)))
        XCTAssertEqual(conditions[type: "Ready"]?.lastTransitionTime, t1)
        XCTAssertEqual(conditions.count, 1)
        let json = String(decoding: try KubeJSON.encode(conditions), as: UTF8.self)
        XCTAssertEqual(
            json,
            #"[{"lastTransitionTime":"2024-05-01T13:00:00Z","message":"","reason":"Running","status":"True","type":"Ready"}]"#
        )
    }
}

final class DiscoveryTests: XCTestCase {
    func testDecodeDiscovery() throws {
        let list = try JSONDecoder().decode(
            APIResourceList.self,
            from: Data(
                #"{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1","resources":[{"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment","verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["deploy"],"categories":["all"],"storageVersionHash":"8aSe+NMegvE="},{"name":"deployments/scale","singularName":"","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale","verbs":["get","patch","update"]}]}"#
                    .utf8))
        let d = try XCTUnwrap(list.resource(forKind: "Deployment"))
        XCTAssertEqual(d.shortNames, ["deploy"])
        XCTAssertTrue(d.supports("watch"))
        XCTAssertTrue(list.resources[1].isSubresource)
        XCTAssertEqual(
            list.descriptor(for: d),
            ResourceDescriptor(
                group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true))
        let groups = try JSONDecoder().decode(
            APIGroupList.self,
            from: Data(
                #"{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}"#
                    .utf8))
        XCTAssertEqual(groups.group(named: "apps")?.preferredVersion?.version, "v1")
        let core = try JSONDecoder().decode(
            APIVersions.self,
            from: Data(
                #"{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"10.0.0.1:6443"}]}"#
                    .utf8))
        XCTAssertEqual(core.versions, ["v1"])
        let version = try JSONDecoder().decode(
            VersionInfo.self,
            from: Data(#"{"major":"1","minor":"31+","gitVersion":"v1.31.2-eks-1","platform":"linux/amd64"}"#.utf8))
        XCTAssertEqual(version.minorNumber, 31)
        XCTAssertEqual(version.gitCommit, "")
    }

    func testObjectMetaMayBeAbsent() throws {
        struct Thing: Codable {
            var metadata: ObjectMeta
        }
        XCTAssertNil(try JSONDecoder().decode(Thing.self, from: Data("{}".utf8)).metadata.name)
        XCTAssertEqual(
            try JSONDecoder().decode(Thing.self, from: Data(#"{"metadata":{"name":"a"}}"#.utf8)).metadata.name, "a")
        let list = try JSONDecoder().decode(ObjectList<DynamicObject>.self, from: Data(#"{"items":null}"#.utf8))
        XCTAssertEqual(list.items.count, 0)
    }
}
