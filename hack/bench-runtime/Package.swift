// swift-tools-version: 6.1
// Benchmarks of the controller runtime (KubeRuntime): work-queue throughput through a
// controller with a no-op reconciler, and cache memory per object. Not a test: run it
// by hand (see docs/benchmarks-runtime.md) with `swift run -c release bench-runtime`.
import Foundation
import PackageDescription

// A path dependency is identified by its directory's name, which differs between
// checkouts (a worktree, a CI clone): read it instead of naming it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
    .standardizedFileURL
let rootIdentity = root.lastPathComponent

let package = Package(
    name: "bench-runtime",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "bench-runtime",
            dependencies: [
                .product(name: "KubeRuntime", package: rootIdentity),
                .product(name: "KubeModels", package: rootIdentity),
                .product(name: "KubeCore", package: rootIdentity),
                .product(name: "KubeClient", package: rootIdentity),
                .product(name: "KubeTestServer", package: rootIdentity),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
