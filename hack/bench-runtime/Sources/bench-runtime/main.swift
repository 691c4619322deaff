import Foundation
import KubeModels
import KubeRuntime

// Usage:
//   bench-runtime                 queue throughput, then every memory case (each in its own process)
//   bench-runtime throughput      queue and controller throughput only
//   bench-runtime memory KIND N   one memory case: KIND is configmap, pod or pod-metadata
//                                 (--no-intern: without metadata interning; --default-malloc:
//                                 without the malloc settings `astrolift controller` uses)

func machine() -> String {
    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    let cpu =
        read("/proc/cpuinfo").split(separator: "\n").first { $0.hasPrefix("model name") }
        .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        ?? "unknown"
    let memKB =
        read("/proc/meminfo").split(separator: "\n").first { $0.hasPrefix("MemTotal") }
        .flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } } ?? 0
    return "\(ProcessInfo.processInfo.activeProcessorCount) CPUs, \(cpu), \(memKB / 1024 / 1024) GiB RAM"
}

func runMemoryCase(_ kind: String, _ count: Int, intern: Bool, defaultMalloc: Bool) throws {
    var result: MemoryResult
    switch kind {
    case "configmap":
        result = try measureCache(
            ConfigMap.self, kind: kind, count: count, intern: intern, fixture: Fixtures.configMap)
    case "pod": result = try measureCache(Pod.self, kind: kind, count: count, intern: intern, fixture: Fixtures.pod)
    case "pod-metadata":
        result = try measureCache(
            PartialObjectMetadata<Pod>.self, kind: kind, count: count, intern: intern, fixture: Fixtures.pod)
    default:
        print("unknown kind \(kind): use configmap, pod or pod-metadata")
        exit(2)
    }
    if defaultMalloc { result.kind += " (default malloc)" }
    print(
        "| \(result.kind) | \(result.count) | \(result.jsonBytesPerObject) | \(result.bytesPerObject) | \(String(format: "%.2f", Double(result.bytesPerObject) / 1024)) |"
    )
}

func runThroughput() async throws {
    print("| path | workers | keys | keys/s | µs per key |")
    print("|---|---|---|---|---|")
    // One warm-up round each, unreported.
    _ = await measureQueue(keys: 10_000, workers: 1)
    _ = try await measureController(keys: 10_000, workers: 1)
    for workers in [1, 4] {
        let q = await measureQueue(keys: 200_000, workers: workers)
        print(
            "| \(q.name) | \(workers) | \(q.keys) | \(Int(q.keysPerSecond)) | \(String(format: "%.2f", q.microsecondsPerKey)) |"
        )
    }
    for workers in [1, 4] {
        let c = try await measureController(keys: 100_000, workers: workers)
        print(
            "| \(c.name) | \(workers) | \(c.keys) | \(Int(c.keysPerSecond)) | \(String(format: "%.2f", c.microsecondsPerKey)) |"
        )
    }
}

let args = Array(CommandLine.arguments.dropFirst())
// As a controller built on the runtime runs (MemoryTuning), unless asked not to.
if !args.contains("--default-malloc") {
    MemoryTuning.tuneMallocForController(environment: ProcessInfo.processInfo.environment)
}
switch args.first {
case "memory":
    guard args.count >= 3, let n = Int(args[2]) else {
        print("usage: bench-runtime memory configmap|pod|pod-metadata COUNT [--no-intern]")
        exit(2)
    }
    try runMemoryCase(
        args[1], n, intern: !args.contains("--no-intern"), defaultMalloc: args.contains("--default-malloc"))
case "layout":
    print(layoutReport())
    print(try breakdown(count: 100_000))
case "throughput":
    try await runThroughput()
default:
    print("machine: \(machine())")
    try await runThroughput()
    print("")
    print("| object | count | JSON bytes/object | RSS bytes/object | KiB/object |")
    print("|---|---|---|---|---|")
    // The cases print from child processes: flush ours first so the table stays in order.
    fflush(nil)
    for kind in ["configmap", "pod", "pod-metadata"] {
        for n in [10_000, 100_000] {
            for extra in [[], ["--no-intern"], ["--default-malloc"]] {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
                p.arguments = ["memory", kind, String(n)] + extra
                try p.run()
                p.waitUntilExit()
            }
        }
    }
}
