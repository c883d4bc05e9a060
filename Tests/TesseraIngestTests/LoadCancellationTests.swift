import DuckDB
import Foundation
import Testing
import TesseraIngest

/// A load runs on its own DuckDB connection queue: cancelling its task (Ctrl-C during
/// `tessera run`, a service draining) interrupts DuckDB instead of waiting for the load to end,
/// and the load commits nothing.
@Suite struct LoadCancellationTests {
    @Test func aCancelledLoadCommitsNothingAndSaysSo() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", MeshFixture.csvSource())
        try mesh.write("data/orders.csv", "id,amount\n1,10\n2,20\n")
        let load = Task {
            // Wait for the cancellation, so that the load starts in a cancelled task.
            try? await Task.sleep(for: .seconds(600))
            return try await mesh.ingestOne("orders")
        }
        load.cancel()
        let (report, failure) = try await load.value
        #expect(report.status == .failed)
        #expect(failure?.kind == .cancelled, "\(String(describing: failure))")
        #expect(failure?.message == "the load was cancelled; nothing was committed")
        #expect(try mesh.count("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'src'") == 0)
        #expect(try mesh.count("SELECT count(*) FROM _tessera.loads WHERE status = 'committed'") == 0)
    }
}
