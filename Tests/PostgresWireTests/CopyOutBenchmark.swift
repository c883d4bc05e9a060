import Foundation
import Testing
import PostgresWire
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Not a test: the measurement `scripts/postgres-wire-bench.sh` runs in a release build, one
/// process per size so that peak RSS is per size. Off unless TESSERA_PG_BENCH_SQL is set.
@Suite struct CopyOutBenchmark {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["TESSERA_PG_BENCH_SQL"] != nil))
    func copyOutToFile() throws {
        let sql = try LiveServer.variable("TESSERA_PG_BENCH_SQL")
        let output = URL(fileURLWithPath: try LiveServer.variable("TESSERA_PG_BENCH_OUT"))
        let connection = try LiveServer.connect()
        defer { connection.close() }
        let started = ContinuousClock.now
        let summary = try connection.copyOut(sql, toFile: output)
        let elapsed = ContinuousClock.now - started
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "bench: rows=\(summary.rows) bytes=\(summary.bytes) copy_seconds=\(String(format: "%.3f", seconds)) max_rss_kib=\(usage.ru_maxrss)"
        )
    }
}
