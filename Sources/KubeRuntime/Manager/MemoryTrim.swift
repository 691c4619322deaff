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
    /// Tunes glibc's malloc for a long-running cache holder. Call it first thing, before
    /// threads start (an arena a thread already has stays); an operator's `MALLOC_*`
    /// environment variables, or any `glibc.malloc` tunable in `GLIBC_TUNABLES`, win over it.
    ///
    /// - One arena (glibc gives threads their own, up to eight per core, and each keeps what
    ///   is freed into it: a controller allocates on whichever thread a task runs).
    /// - Allocations of 64 KiB and more get their own mappings, returned to the system when
    ///   freed (glibc otherwise raises that threshold to the largest block freed, so after
    ///   the first list the next large blocks stay in the heap as holes).
    /// - The top of the heap is returned once 1 MiB is free there.
    ///
    /// At 10,000 cached workbenches this took the resident size from about 122 MiB to
    /// 102 MiB with no slower resync (docs/benchmarks.md). Elsewhere this does nothing.
    public static func tuneMallocForController(environment: [String: String]) {
        #if canImport(Glibc)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            if environment["GLIBC_TUNABLES"]?.contains("glibc.malloc") == true { return }
            guard let symbol = dlsym(nil, "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            // Parameter numbers from malloc.h.
            let settings: [(variable: String, parameter: Int32, value: Int32)] = [
                ("MALLOC_ARENA_MAX", -8, 1), ("MALLOC_MMAP_THRESHOLD_", -3, 64 * 1024),
                ("MALLOC_TRIM_THRESHOLD_", -1, 1024 * 1024),
            ]
            for setting in settings where environment[setting.variable] == nil {
                _ = mallopt(setting.parameter, setting.value)
            }
        #endif
    }
}
