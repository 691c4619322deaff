import Foundation
import KubeCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// json-bench CASE [--count N] [--runs N]
//
// Each case decodes (or encodes) the whole input `runs` times on the calling
// thread and prints one `RESULT` line with the best and median throughput by
// wall-clock time and by this thread's CPU time, and the peak RSS. Run one case
// per process (run.sh does) so that the peak RSS belongs to that case.

struct Case {
    var name: String
    var summary: String
    var needsList: Bool
    var needsWatch: Bool
    /// Runs once over the input; returns (objects, bytes, checksum).
    var body: (Inputs) throws -> (objects: Int, bytes: Int, checksum: Int)
}

func checksum(_ s: StatefulSet) -> Int {
    (s.metadata.name?.utf8.count ?? 0) + Int(s.spec?.replicas ?? 0)
        + (s.spec?.template.spec?.containers.count ?? 0) + (s.metadata.managedFields?.count ?? 0)
}

func checksum(_ v: JSONValue) -> Int {
    v["metadata"]?["name"]?.stringValue?.utf8.count ?? v["object"]?["metadata"]?["name"]?.stringValue?.utf8.count ?? 0
}

let foundationDecoder = JSONDecoder()
let fastDecoder = FastJSONDecoder()

let cases: [Case] = [
    Case(
        name: "foundation-list", summary: "Foundation JSONDecoder, StatefulSetList -> ObjectList<StatefulSet>",
        needsList: true, needsWatch: false
    ) { inputs in
        let list = try foundationDecoder.decode(ObjectList<StatefulSet>.self, from: inputs.list)
        return (list.items.count, inputs.list.count, list.items.reduce(0) { $0 + checksum($1) })
    },
    Case(
        name: "foundation-watch",
        summary: "Foundation JSONDecoder, each watch line -> WatchEventEnvelope<StatefulSet>",
        needsList: false, needsWatch: true
    ) { inputs in
        var sum = 0
        var bytes = 0
        for line in inputs.watchLines {
            let event = try foundationDecoder.decode(WatchEventEnvelope<StatefulSet>.self, from: line)
            sum += checksum(event.object)
            bytes += line.count
        }
        return (inputs.watchLines.count, bytes, sum)
    },
    Case(
        name: "parser-list", summary: "KubeCore JSONParser (JSONValue.parse), list -> JSONValue",
        needsList: true, needsWatch: false
    ) { inputs in
        let v = try JSONValue.parse(inputs.list)
        let items = v["items"]?.arrayValue ?? []
        return (items.count, inputs.list.count, items.reduce(0) { $0 + checksum($1) })
    },
    Case(
        name: "parser-watch", summary: "KubeCore JSONParser (JSONValue.parse), each watch line -> JSONValue",
        needsList: false, needsWatch: true
    ) { inputs in
        var sum = 0
        var bytes = 0
        for line in inputs.watchLines {
            sum += checksum(try JSONValue.parse(line))
            bytes += line.count
        }
        return (inputs.watchLines.count, bytes, sum)
    },
    Case(
        name: "fast-list", summary: "KubeCore FastJSONDecoder, StatefulSetList -> ObjectList<StatefulSet>",
        needsList: true, needsWatch: false
    ) { inputs in
        let list = try fastDecoder.decode(ObjectList<StatefulSet>.self, from: inputs.list)
        return (list.items.count, inputs.list.count, list.items.reduce(0) { $0 + checksum($1) })
    },
    Case(
        name: "fast-watch", summary: "KubeCore FastJSONDecoder, each watch line -> WatchEventEnvelope<StatefulSet>",
        needsList: false, needsWatch: true
    ) { inputs in
        var sum = 0
        var bytes = 0
        for line in inputs.watchLines {
            let event = try fastDecoder.decode(WatchEventEnvelope<StatefulSet>.self, from: line)
            sum += checksum(event.object)
            bytes += line.count
        }
        return (inputs.watchLines.count, bytes, sum)
    },
    Case(
        name: "foundation-watch-nomf",
        summary: "Foundation JSONDecoder, each watch line, model without managedFields",
        needsList: false, needsWatch: true
    ) { inputs in
        var sum = 0
        var bytes = 0
        for line in inputs.watchLines {
            let event = try foundationDecoder.decode(WatchEventEnvelope<StatefulSetLite>.self, from: line)
            sum += event.object.metadata.name?.utf8.count ?? 0
            bytes += line.count
        }
        return (inputs.watchLines.count, bytes, sum)
    },
    Case(
        name: "fast-list-nomf", summary: "FastJSONDecoder, list, model without managedFields",
        needsList: true, needsWatch: false
    ) { inputs in
        let list = try fastDecoder.decode(ObjectList<StatefulSetLite>.self, from: inputs.list)
        return (list.items.count, inputs.list.count, list.items.reduce(0) { $0 + ($1.metadata.name?.utf8.count ?? 0) })
    },
    Case(
        name: "fast-watch-nomf", summary: "FastJSONDecoder, each watch line, model without managedFields",
        needsList: false, needsWatch: true
    ) { inputs in
        var sum = 0
        var bytes = 0
        for line in inputs.watchLines {
            let event = try fastDecoder.decode(WatchEventEnvelope<StatefulSetLite>.self, from: line)
            sum += event.object.metadata.name?.utf8.count ?? 0
            bytes += line.count
        }
        return (inputs.watchLines.count, bytes, sum)
    },
    Case(
        name: "kubejson-watch", summary: "KubeJSON.decode (the project's entry point), each watch line",
        needsList: false, needsWatch: true
    ) { inputs in
        var sum = 0
        var bytes = 0
        for line in inputs.watchLines {
            let event = try KubeJSON.decode(WatchEventEnvelope<StatefulSet>.self, from: line)
            sum += checksum(event.object)
            bytes += line.count
        }
        return (inputs.watchLines.count, bytes, sum)
    },
    Case(
        name: "foundation-encode",
        summary: "Foundation JSONEncoder, [.sortedKeys, .withoutEscapingSlashes] (KubeJSON.encode before FastJSONEncoder)",
        needsList: true, needsWatch: false
    ) { inputs in
        // Decoding the objects to encode is setup, done once per process.
        let items = try EncodeSetup.items(inputs)
        let encoder = EncodeSetup.foundationEncoder()
        var bytes = 0
        for item in items { bytes += try encoder.encode(item).count }
        return (items.count, bytes, bytes)
    },
    Case(
        name: "fast-encode", summary: "KubeJSON.encode (FastJSONEncoder, same bytes as foundation-encode), each object",
        needsList: true, needsWatch: false
    ) { inputs in
        let items = try EncodeSetup.items(inputs)
        var bytes = 0
        for item in items { bytes += try KubeJSON.encode(item).count }
        return (items.count, bytes, bytes)
    },
    Case(
        name: "foundation-jsonvalue",
        summary: "JSONValue.parse(Foundation JSONEncoder output): JSONValue(encoding:) before FastJSONEncoder",
        needsList: true, needsWatch: false
    ) { inputs in
        let items = try EncodeSetup.items(inputs)
        let encoder = EncodeSetup.foundationEncoder()
        var sum = 0
        for item in items { sum += checksum(try JSONValue.parse(encoder.encode(item))) }
        return (items.count, 0, sum)
    },
    Case(
        name: "fast-encode-parse-jsonvalue", summary: "JSONValue.parse(KubeJSON.encode(object)): the fast bytes, parsed",
        needsList: true, needsWatch: false
    ) { inputs in
        let items = try EncodeSetup.items(inputs)
        var sum = 0
        for item in items { sum += checksum(try JSONValue.parse(KubeJSON.encode(item))) }
        return (items.count, 0, sum)
    },
    Case(
        name: "fast-jsonvalue", summary: "JSONValue(encoding:) (FastJSONEncoder builds the tree directly), each object",
        needsList: true, needsWatch: false
    ) { inputs in
        let items = try EncodeSetup.items(inputs)
        var sum = 0
        for item in items { sum += checksum(try JSONValue(encoding: item)) }
        return (items.count, 0, sum)
    },
]

let encodeUnsorted = Case(
    name: "foundation-encode-unsorted", summary: "Foundation JSONEncoder, default options (no sorted keys), each object",
    needsList: true, needsWatch: false
) { inputs in
    let items = try EncodeSetup.items(inputs)
    let encoder = JSONEncoder()
    var bytes = 0
    for item in items { bytes += try encoder.encode(item).count }
    return (items.count, bytes, bytes)
}

/// `{"a":1,"b":2}` × 200,000: the fixed cost of one keyed container through Codable.
struct Tiny: Codable, Sendable {
    var a: Int
    var b: Int
}

enum TinySetup {
    nonisolated(unsafe) static var cached: Data?
    static var input: Data {
        if let cached { return cached }
        var text = "["
        for i in 0..<200_000 { text += (i > 0 ? "," : "") + "{\"a\":\(i),\"b\":\(i * 2)}" }
        text += "]"
        let data = Data(text.utf8)
        cached = data
        return data
    }
}

let tinyCases = [
    Case(name: "foundation-tiny", summary: "Foundation JSONDecoder, [{a,b}] x 200,000", needsList: false, needsWatch: false) {
        _ in
        let input = TinySetup.input
        let v = try foundationDecoder.decode([Tiny].self, from: input)
        return (v.count, input.count, v.count)
    },
    Case(name: "fast-tiny", summary: "FastJSONDecoder, [{a,b}] x 200,000", needsList: false, needsWatch: false) { _ in
        let input = TinySetup.input
        let v = try fastDecoder.decode([Tiny].self, from: input)
        return (v.count, input.count, v.count)
    },
]

enum EncodeSetup {
    static func foundationEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    nonisolated(unsafe) static var cached: [StatefulSet]?
    static func items(_ inputs: Inputs) throws -> [StatefulSet] {
        if let cached { return cached }
        let items = try foundationDecoder.decode(ObjectList<StatefulSet>.self, from: inputs.list).items
        cached = items
        return items
    }
}

/// Checks that FastJSONDecoder and Foundation decode the generated inputs to equal values.
func verify(count: Int) throws {
    let inputs = Inputs.make(count: count)
    let a = try foundationDecoder.decode(ObjectList<StatefulSet>.self, from: inputs.list)
    let b = try fastDecoder.decode(ObjectList<StatefulSet>.self, from: inputs.list)
    guard a.items == b.items, a.metadata == b.metadata, a.kind == b.kind else {
        throw BenchError("list: FastJSONDecoder and JSONDecoder disagree")
    }
    for line in inputs.watchLines {
        let x = try foundationDecoder.decode(WatchEventEnvelope<StatefulSet>.self, from: line)
        let y = try fastDecoder.decode(WatchEventEnvelope<StatefulSet>.self, from: line)
        guard x.type == y.type, x.object == y.object else {
            throw BenchError("watch: FastJSONDecoder and JSONDecoder disagree")
        }
    }
    print("verify: \(count) list items and \(count) watch lines decode identically")
    let encoder = EncodeSetup.foundationEncoder()
    for item in a.items {
        let expected = try encoder.encode(item)
        guard try KubeJSON.encode(item) == expected else {
            throw BenchError("encode: FastJSONEncoder and JSONEncoder disagree")
        }
        guard try JSONValue(encoding: item) == JSONValue.parse(expected) else {
            throw BenchError("JSONValue(encoding:) differs from parsing JSONEncoder's output")
        }
    }
    print("verify: \(count) objects encode to the same bytes and JSONValues as with JSONEncoder")
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

func now(_ clock: clockid_t) -> Double {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func maxRSSKiB() -> Int {
    var usage = rusage()
    #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
    #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
    #endif
    #if canImport(Darwin)
        return Int(usage.ru_maxrss) / 1024
    #else
        return Int(usage.ru_maxrss)
    #endif
}

/// A `/proc/self/status` field in KiB (Linux), or nil.
func procStatusKiB(_ field: String) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.dropFirst(field.count + 1).split(separator: " ").first ?? "")
    }
    return nil
}

/// Resets the peak-RSS high-water mark (Linux `clear_refs` 5) so that it measures decoding only.
func resetPeakRSS() -> Bool {
    guard let h = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? h.close() }
    return (try? h.write(contentsOf: Data("5".utf8))) != nil
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func run(_ c: Case, count: Int, runs: Int) throws {
    let inputs = Inputs.make(count: count, list: c.needsList, watch: c.needsWatch)
    if c.name.hasSuffix("-tiny") { _ = TinySetup.input }
    // Peak RSS while decoding: reset the high-water mark after building the inputs where
    // Linux allows it; otherwise fall back to the process peak (which includes generation).
    let baseRSS: Int
    if resetPeakRSS(), let rss = procStatusKiB("VmRSS") {
        baseRSS = rss
    } else {
        baseRSS = maxRSSKiB()
    }
    var wall = [Double]()
    var cpu = [Double]()
    var result = (objects: 0, bytes: 0, checksum: 0)
    for _ in 0..<runs {
        let w0 = now(CLOCK_MONOTONIC)
        let c0 = now(CLOCK_THREAD_CPUTIME_ID)
        result = try c.body(inputs)
        cpu.append(now(CLOCK_THREAD_CPUTIME_ID) - c0)
        wall.append(now(CLOCK_MONOTONIC) - w0)
    }
    let objs = Double(result.objects)
    let mb = Double(result.bytes) / 1_000_000
    func f(_ x: Double) -> String { String(format: "%.0f", x) }
    func g(_ x: Double) -> String { String(format: "%.1f", x) }
    print(
        "RESULT case=\(c.name) objects=\(result.objects) bytes=\(result.bytes) runs=\(runs)"
            + " wall_best_ops=\(f(objs / wall.min()!)) wall_median_ops=\(f(objs / median(wall)))"
            + " cpu_best_ops=\(f(objs / cpu.min()!)) cpu_median_ops=\(f(objs / median(cpu)))"
            + " wall_best_mbs=\(g(mb / wall.min()!)) wall_median_mbs=\(g(mb / median(wall)))"
            + " cpu_best_mbs=\(g(mb / cpu.min()!)) cpu_median_mbs=\(g(mb / median(cpu)))"
            + " rss_base_kib=\(baseRSS) rss_peak_kib=\(procStatusKiB("VmHWM") ?? maxRSSKiB())"
            + " checksum=\(result.checksum)")
}

var args = Array(CommandLine.arguments.dropFirst())
var count = 10_000
var runs = 5
@MainActor func option(_ name: String) -> Int? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return nil }
    args.removeSubrange(i...(i + 1))
    return v
}
count = option("--count") ?? count
runs = option("--runs") ?? runs

switch args.first {
case "list":
    for c in cases + [encodeUnsorted] + tinyCases { print("\(c.name)\t\(c.summary)") }
case "info":
    let inputs = Inputs.make(count: count)
    print("list: \(inputs.list.count) bytes, \(count) items, \(inputs.list.count / count) bytes/item")
    print("watch: \(inputs.watchStream.count) bytes, \(inputs.watchLines.count) lines")
case "sample":
    let inputs = Inputs.make(count: 1, list: false, watch: true)
    FileHandle.standardOutput.write(inputs.watchLines[0])
    print()
case "verify":
    try verify(count: count)
case let name? where (cases + [encodeUnsorted] + tinyCases).contains { $0.name == name }:
    guard let c = (cases + [encodeUnsorted] + tinyCases).first(where: { $0.name == name }) else { break }
    try run(c, count: count, runs: runs)
default:
    print("usage: json-bench (list | info | sample | verify | CASE) [--count N] [--runs N]")
    print("cases: \((cases + [encodeUnsorted] + tinyCases).map(\.name).joined(separator: " "))")
    exit(2)
}
