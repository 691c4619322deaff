import Foundation
import KubeCore
import Logging
import XCTest

@testable import KubeRuntime

final class LoggingTests: XCTestCase {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "the \"thing\" broke" }
    }

    func testJSONLinesCarryTheReconcileFields() throws {
        let lines = LockedList<String>()
        let sink = LogSink { lines.append($0) }
        var logger = Logger(label: "test") { JSONLogHandler(label: $0, level: .debug, sink: sink) }
        logger[metadataKey: "controller"] = "toy"
        logger[metadataKey: "object"] = "default/one"
        logger[metadataKey: "reconcileID"] = "r-1"
        logger.error("reconcile failed", error: Failure(), metadata: ["retryIn": "5 ms"])
        logger.trace("hidden")
        XCTAssertEqual(lines.count, 1)
        let line = try XCTUnwrap(lines.items.first)
        let json = try JSONValue.parse(Data(line.utf8))
        XCTAssertEqual(json["level"]?.stringValue, "error")
        XCTAssertEqual(json["message"]?.stringValue, "reconcile failed")
        XCTAssertEqual(json["controller"]?.stringValue, "toy")
        XCTAssertEqual(json["object"]?.stringValue, "default/one")
        XCTAssertEqual(json["reconcileID"]?.stringValue, "r-1")
        XCTAssertEqual(json["error"]?.stringValue, "the \"thing\" broke")
        XCTAssertEqual(json["retryIn"]?.stringValue, "5 ms")
        XCTAssertNotNil(Time(rfc3339: json["time"]?.stringValue ?? ""))
        XCTAssertTrue(line.hasPrefix(#"{"time":"#), "time comes first")
    }

    func testTerminalLinesAreReadable() throws {
        let lines = LockedList<String>()
        let sink = LogSink { lines.append($0) }
        var logger = Logger(label: "test") { TerminalLogHandler(label: $0, level: .info, sink: sink, colors: false) }
        logger[metadataKey: "controller"] = "toy"
        logger.warning("slow", metadata: ["took": "3s"])
        let line = try XCTUnwrap(lines.items.first)
        XCTAssertNotNil(
            line.range(
                of: #"^\d\d:\d\d:\d\d\.\d{3} WARNING slow  controller=toy took=3s$"#, options: .regularExpression), line
        )
    }

    func testLevelAndFormatComeFromTheFlagThenTheEnvironment() throws {
        XCTAssertEqual(try RuntimeLogging.level(flag: nil, environment: [:]), .info)
        XCTAssertEqual(try RuntimeLogging.level(flag: nil, environment: ["LOG_LEVEL": "debug"]), .debug)
        XCTAssertEqual(try RuntimeLogging.level(flag: "warn", environment: ["LOG_LEVEL": "debug"]), .warning)
        XCTAssertThrowsError(try RuntimeLogging.level(flag: nil, environment: ["LOG_LEVEL": "loud"])) { error in
            XCTAssertTrue("\(error)".contains("LOG_LEVEL 'loud' is not a log level; use one of: trace"), "\(error)")
        }
        XCTAssertEqual(try RuntimeLogging.format(flag: nil, environment: [:], isTerminal: true), .text)
        XCTAssertEqual(try RuntimeLogging.format(flag: nil, environment: [:], isTerminal: false), .json)
        XCTAssertEqual(try RuntimeLogging.format(flag: "JSON", environment: [:], isTerminal: true), .json)
        XCTAssertThrowsError(try RuntimeLogging.format(flag: "xml", environment: [:]))
    }
}
