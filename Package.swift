// swift-tools-version: 6.1
// Astrolift: a Kubernetes controller for AI workbench sessions.
//
// Targets are layered; each imports only those listed below it:
//   KubeCore        API-free types: metadata, Status, selectors, quantities, JSON, YAML
//   KubeModels      Codable models of the built-in kinds Astrolift uses
//   KubeConfig      kubeconfig / in-cluster configuration and credentials (no networking)
//   KubeClient      HTTPS transport and the typed and dynamic API
//   KubeAPIMachinery  server-side object machinery: schema validation, defaulting, pruning,
//                   CEL rules, strategic merge patch, server-side apply (no networking)
//   KubeRuntime     controller runtime: watcher, cache, work queue, controllers, leader election
//   AstroliftAPI    Astrolift's custom resource types and their CRDs
//   AstroliftControllers  the reconcilers: Tenant, WorkbenchClass, Workbench, GatewayPolicy
//   AstroliftKMS    envelope encryption and the KMS providers (AWS, GCP, Azure, Vault, local)
//   KubeControlPlane  the embedded Kubernetes-compatible API server (`astrolift dev`)
//   KubePKI         certificate authority and leaf certificates (dev server, tests)
//   KubeHTTPServer  the HTTPS/1.1 server on SwiftNIO both servers below are built on
//   KubeTestServer  scriptable in-process HTTPS server for client tests
//   AstroliftCLI    the `astrolift` commands
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6)
]

let package = Package(
    name: "astrolift",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "astrolift", targets: ["astrolift"]),
        .library(name: "KubeCore", targets: ["KubeCore"]),
        .library(name: "KubeModels", targets: ["KubeModels"]),
        .library(name: "KubeClient", targets: ["KubeClient"]),
        .library(name: "KubeRuntime", targets: ["KubeRuntime"]),
        .library(name: "AstroliftKMS", targets: ["AstroliftKMS"]),
        // For benchmarks and downstream tests that need a scriptable or fake API server.
        .library(name: "KubeTestServer", targets: ["KubeTestServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .target(
            name: "KubeCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(name: "KubeModels", dependencies: ["KubeCore"], swiftSettings: strict),
        .target(
            name: "KubeConfig",
            dependencies: ["KubeCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "KubeClient",
            dependencies: [
                "KubeCore", "KubeConfig",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "KubeAPIMachinery",
            dependencies: [
                "KubeCore", "KubeModels",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "KubeRuntime",
            dependencies: [
                "KubeCore", "KubeModels", "KubeClient",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(name: "AstroliftAPI", dependencies: ["KubeCore", "KubeModels"], swiftSettings: strict),
        .target(
            name: "AstroliftControllers",
            dependencies: [
                "KubeCore", "KubeModels", "KubeClient", "KubeRuntime", "AstroliftAPI", "AstroliftKMS",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AstroliftKMS",
            dependencies: [
                "KubeCore", "AstroliftAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "KubeControlPlane",
            dependencies: [
                "KubeCore", "KubeModels", "KubeAPIMachinery", "KubePKI", "KubeHTTPServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "KubePKI",
            dependencies: [
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "KubeHTTPServer",
            dependencies: [
                "KubeCore", "KubePKI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "KubeTestServer",
            dependencies: [
                "KubeCore", "KubePKI", "KubeHTTPServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AstroliftCLI",
            dependencies: [
                "KubeCore", "KubeModels", "KubeConfig", "KubeClient", "KubeRuntime", "AstroliftAPI",
                "AstroliftControllers", "KubeControlPlane", "AstroliftKMS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "astrolift", dependencies: ["AstroliftCLI"], swiftSettings: strict),

        .testTarget(name: "KubeCoreTests", dependencies: ["KubeCore", "KubeModels"], swiftSettings: strict),
        .testTarget(name: "KubeConfigTests", dependencies: ["KubeConfig"], swiftSettings: strict),
        .testTarget(
            name: "KubeAPIMachineryTests", dependencies: ["KubeAPIMachinery", "KubeModels"], swiftSettings: strict),
        .testTarget(
            name: "KubeRuntimeTests",
            dependencies: [
                "KubeRuntime", "KubeTestServer", "KubeControlPlane",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AstroliftControllersTests",
            dependencies: [
                "AstroliftControllers", "KubeControlPlane", "KubeClient", "KubeRuntime", "AstroliftAPI", "AstroliftKMS",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AstroliftAPITests", dependencies: ["AstroliftAPI", "KubeAPIMachinery"], swiftSettings: strict
        ),
        .testTarget(
            name: "KubeControlPlaneTests",
            dependencies: ["KubeControlPlane", "KubeClient", "KubeModels"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeClientTests",
            dependencies: ["KubeClient", "KubeModels", "KubeTestServer", "KubePKI"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeTestServerTests",
            dependencies: [
                "KubeTestServer", "KubePKI", "KubeHTTPServer",
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AstroliftKMSTests",
            dependencies: [
                "AstroliftKMS", "AstroliftAPI", "KubeTestServer", "KubePKI", "KubeControlPlane",
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AstroliftCLITests",
            dependencies: [
                "AstroliftCLI", "KubeTestServer", "KubePKI", "KubeControlPlane", "KubeClient", "AstroliftAPI",
                "KubeConfig", "KubeModels", "AstroliftKMS",
            ],
            swiftSettings: strict
        ),
    ]
)
