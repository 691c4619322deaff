// swift-tools-version: 6.1
// Decoding/encoding benchmarks for KubeCore's JSON path. Kept out of the main
// package so that `swift build` at the root never compiles benchmark code.
//
//   ./run.sh            # release build + all decoding benchmarks, prints a table
//   swift run -c release json-bench --help
import Foundation
import PackageDescription

// A path dependency's identity is the last component of its directory, which
// differs between checkouts (worktrees, CI clones); compute it.
let rootIdentity = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("../..")
    .standardizedFileURL
    .lastPathComponent
    .lowercased()

let package = Package(
    name: "astrolift-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "json-bench",
            dependencies: [.product(name: "KubeCore", package: rootIdentity)],
            path: "Sources/JSONBench",
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
