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
    static func afterBulkLoad() {
        #if canImport(Glibc)
            typealias Trim = @convention(c) (Int) -> Int32
            // A null handle is RTLD_DEFAULT: search every loaded library.
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
