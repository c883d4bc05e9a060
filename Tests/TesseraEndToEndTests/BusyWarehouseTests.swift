import Foundation
import Testing

/// A second command on a warehouse in use says which domain is busy, by which command and process
/// and since when; the other domains' work goes on.
@Suite struct BusyWarehouseTests {
    @Test func aBusyDomainIsNamedWithItsHolderAndTheOthersRun() async throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml", "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n")
        try dir.write("domains/slow/domain.yaml", "owner: slow@acme.example\n")
        try dir.write("domains/slow/models/long.sql", "select count(*) as n from range(1000000000000000) a\n")
        try dir.write("domains/quick/domain.yaml", "owner: quick@acme.example\n")
        try dir.write("domains/quick/models/one.sql", "select 1 as n\n")

        let first = Process()
        first.executableURL = TesseraBinary.url
        first.arguments = ["run", "domain:slow"]
        first.currentDirectoryURL = dir.url
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        defer { if first.isRunning { first.interrupt(); first.waitUntilExit() } }
        let holder = dir.url.appendingPathComponent(".tessera/dev/domains/slow/warehouse.duckdb.holder")
        for _ in 0..<1200 where !FileManager.default.fileExists(atPath: holder.path) {
            try await Task.sleep(for: .milliseconds(50))
        }
        try #require(FileManager.default.fileExists(atPath: holder.path), "the first run never opened its warehouse")

        let second = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(second.status == 1, "\(second.stdout)\n\(second.stderr)")
        #expect(
            second.stderr.contains(
                "the warehouse of domain 'slow' is busy: in use by `tessera run` (pid \(first.processIdentifier) on "),
            "\(second.stderr)")
        #expect(second.stderr.contains(" UTC"))
        #expect(second.stdout.contains("✓ quick.one"), "\(second.stdout)")
    }
}
