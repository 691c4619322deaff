#if canImport(Glibc)
    import Glibc
#endif

/// Hands memory freed after a bulk load back to the operating system.
///
/// The first list of every cache decodes pages of up to 500 objects at once; once they
/// are in the stores, that working memory is free but glibc's allocator keeps it mapped,
/// so a controller's resident size would stay at its start-up peak. glibc's
/// `malloc_trim` returns the free pages. It is looked up at run time (the Glibc module
/// does not export `malloc.h`); elsewhere this does nothing.
enum MemoryTrim {
    /// After the first lists, and whenever the controllers fall idle after work (see
    /// ``Manager``): a burst of reconciles (a resync of thousands of objects) leaves as
    /// much free heap behind as the first list does.
    static func afterBulkLoad() {
        #if canImport(Glibc)
            typealias Trim = @convention(c) (Int) -> Int32
            // A null handle is RTLD_DEFAULT: search every loaded library.
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}

/// Allocator settings for a controller process.
public enum MemoryTuning {
    /// Limits glibc's malloc to `count` arenas. Call it first thing, before any thread
    /// starts.
    ///
    /// glibc gives threads their own arenas (up to eight per core), and each keeps the
    /// memory freed into it. A controller allocates on whichever thread a task runs, so
    /// after a resync of thousands of objects every arena holds free pages: with one arena
    /// its resident size at 10,000 cached workbenches was about a fifth lower, with no
    /// slower reconciles (docs/benchmarks.md). Elsewhere this does nothing.
    public static func limitMallocArenas(to count: Int32) {
        #if canImport(Glibc)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            let arenaMax: Int32 = -8  // M_ARENA_MAX in malloc.h
            guard let symbol = dlsym(nil, "mallopt") else { return }
            _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, count)
        #endif
    }
}
