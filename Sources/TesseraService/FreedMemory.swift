#if canImport(Glibc)
    import Glibc
#endif

/// Hands memory the process has freed back to the system. glibc's allocator keeps freed blocks
/// in its arenas for reuse, so the peak of a start-up (reading and analysing the project) or of
/// a run stayed resident while the service sat idle: about 5 MB of a 100 MB service. The service
/// calls this when it has nothing running, once after each such peak (`AutomationService.step`).
enum FreedMemory {
    static func returnToSystem() {
        #if canImport(Glibc)
            // `malloc_trim` is declared in <malloc.h>, which Swift's Glibc module leaves out:
            // looked up by name, and skipped where the C library has none (musl).
            typealias Trim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
