import KubeCore
import XCTest

@testable import KubeClient

final class UnknownFieldOverlayTests: XCTestCase {
    func testUnknownFieldsSurviveAChangeToAKnownOne() throws {
        // What the server has: `hostAliases` and the container's `tty` are unknown to the model.
        let raw: JSONValue = [
            "metadata": ["name": "p", "resourceVersion": "7"],
            "spec": [
                "hostAliases": [["ip": "10.0.0.1"]],
                "containers": [["name": "c", "image": "old", "tty": true]],
            ],
        ]
        let before: JSONValue = [
            "metadata": ["name": "p", "resourceVersion": "7"],
            "spec": ["containers": [["name": "c", "image": "old"]]],
        ]
        let after: JSONValue = [
            "metadata": ["name": "p", "resourceVersion": "7", "labels": ["a": "b"]],
            "spec": ["containers": [["name": "c", "image": "new"]]],
        ]
        let merged = UnknownFieldOverlay.overlay(raw: raw, before: before, after: after)
        XCTAssertEqual(merged[path: ["spec", "hostAliases"]], [["ip": "10.0.0.1"]])
        XCTAssertEqual(merged[path: ["spec", "containers"]]?[0]?["tty"], true)
        XCTAssertEqual(merged[path: ["spec", "containers"]]?[0]?["image"], "new")
        XCTAssertEqual(merged[path: ["metadata", "labels", "a"]], "b")
    }

    func testRemovingAKnownFieldRemovesIt() {
        let raw: JSONValue = ["metadata": ["name": "p", "labels": ["a": "b"]], "x": 1]
        let before: JSONValue = ["metadata": ["name": "p", "labels": ["a": "b"]]]
        let after: JSONValue = ["metadata": ["name": "p"]]
        let merged = UnknownFieldOverlay.overlay(raw: raw, before: before, after: after)
        XCTAssertNil(merged[path: ["metadata", "labels"]])
        XCTAssertEqual(merged["x"], 1)
    }

    func testAGrownArrayIsReplaced() {
        let raw: JSONValue = ["list": [["a": 1, "unknown": true]]]
        let before: JSONValue = ["list": [["a": 1]]]
        let after: JSONValue = ["list": [["a": 1], ["a": 2]]]
        XCTAssertEqual(UnknownFieldOverlay.overlay(raw: raw, before: before, after: after), after)
    }
}
