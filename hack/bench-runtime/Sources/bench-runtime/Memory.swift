import Foundation
import KubeCore
import KubeModels
import KubeRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// Resident memory of this process, from /proc/self/statm.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Returns freed heap to the system so RSS reflects what is live.
func trimHeap() {
    #if canImport(Glibc)
        // glibc's malloc_trim is not in the Glibc module map; look it up at run time.
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
    #endif
}

struct MemoryResult {
    var kind: String
    var count: Int
    var jsonBytesPerObject: Int
    var bytesPerObject: Int
}

/// Fills a cache store the way a SharedCache does on its first list (decode a 500-object
/// page, ingest each object: default transform and metadata interning; buffer; swap the
/// whole list in) and reports the RSS growth per object.
func measureCache<Object: KubernetesObject>(
    _ type: Object.Type, kind: String, count: Int, intern: Bool, fixture: (Int) -> String
) throws -> MemoryResult {
    trimHeap()
    let before = residentBytes()
    let writer = StoreWriter<Object>(transform: CacheOptions<Object>.dropManagedFields, internMetadata: intern)
    var buffer: [Object] = []
    var jsonBytes = 0
    var i = 0
    while i < count {
        let end = min(i + 500, count)
        var page = #"{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":"1"},"items":["#
        page += (i..<end).map(fixture).joined(separator: ",")
        page += "]}"
        let data = Data(page.utf8)
        jsonBytes += data.count
        for item in try KubeJSON.decode(ObjectList<Object>.self, from: data).items {
            buffer.append(writer.ingest(item))
        }
        i = end
    }
    _ = writer.replaceAll(buffer, origin: .initialList)
    buffer = []
    trimHeap()
    let after = residentBytes()
    precondition(writer.store.count == count, "every object is cached")
    withExtendedLifetime(writer) {}
    return MemoryResult(
        kind: kind + (intern ? "" : " (no interning)"), count: count, jsonBytesPerObject: jsonBytes / count,
        bytesPerObject: (after - before) / count)
}

/// Inline sizes of the cached types, for explaining the memory figures.
func layoutReport() -> String {
    [
        "ObjectMeta \(MemoryLayout<ObjectMeta>.stride) B", "ConfigMap \(MemoryLayout<ConfigMap>.stride) B",
        "Pod \(MemoryLayout<Pod>.stride) B", "PodSpec \(MemoryLayout<PodSpec>.stride) B",
        "Container \(MemoryLayout<Container>.stride) B", "ObjectKey \(MemoryLayout<ObjectKey>.stride) B",
    ].joined(separator: ", ")
}

/// Where a cached object's bytes go: the decoded objects alone (in an array), then the
/// same objects in a store (dictionary and indexes).
func breakdown(count: Int) throws -> String {
    trimHeap()
    let r0 = residentBytes()
    var objects: [ConfigMap] = []
    objects.reserveCapacity(count)
    var i = 0
    while i < count {
        let end = min(i + 500, count)
        let page = "{\"items\":[" + (i..<end).map(Fixtures.configMap).joined(separator: ",") + "]}"
        for var o in try KubeJSON.decode(ObjectList<ConfigMap>.self, from: Data(page.utf8)).items {
            o.metadata.managedFields = nil
            objects.append(o)
        }
        i = end
    }
    trimHeap()
    let r1 = residentBytes()
    let writer = StoreWriter<ConfigMap>()
    for o in objects { writer.apply(o) }
    trimHeap()
    let r2 = residentBytes()
    withExtendedLifetime((objects, writer)) {}
    return "objects in an array: \((r1 - r0) / count) B each (\(MemoryLayout<ConfigMap>.stride) inline); "
        + "store on top (dictionary, indexes, no copies of the objects' heap parts): \((r2 - r1) / count) B each"
}
