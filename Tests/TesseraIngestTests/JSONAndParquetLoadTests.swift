import DuckDB
import Foundation
import Testing
import TesseraIngest

@Suite struct JSONAndParquetLoadTests {
    @Test func aJSONArrayLoads() async throws {
        let mesh = try MeshFixture()
        try mesh.source("campaigns", "connector: {type: json, path: data/campaigns.json}\nload: {mode: full}\n")
        try mesh.write(
            "data/campaigns.json",
            #"[{"campaignId": 1, "Name": "Spring", "budget": 1200.5}, {"campaignId": 2, "Name": "Fall", "budget": null}]"#
        )
        let (report, failure) = try await mesh.ingestOne("campaigns")
        #expect(failure == nil)
        #expect(report.loadedRows == 2)
        #expect(
            try mesh.rows("SELECT campaign_id, name FROM src.campaigns ORDER BY 1") == [
                [.bigint(1), .varchar("Spring")], [.bigint(2), .varchar("Fall")],
            ])
    }

    @Test func newlineDelimitedJSONLoadsWithDeclaredTypes() async throws {
        let mesh = try MeshFixture()
        try mesh.source(
            "clicks",
            """
            connector: {type: json, path: "data/*.ndjson", options: {format: newline_delimited}}
            load: {mode: append}
            schema:
              max_rejected: 0.5
              columns:
                - {name: at, type: TIMESTAMP, nullable: false}

            """)
        try mesh.write(
            "data/a.ndjson",
            "{\"at\": \"2026-11-01 10:00:00\", \"page\": \"/\"}\n{\"at\": \"not a time\", \"page\": \"/x\"}\n")
        let (report, failure) = try await mesh.ingestOne("clicks")
        #expect(failure == nil)
        #expect(report.loadedRows == 1)
        #expect(report.rejectedRows == 1)
        let reason = try mesh.rows("SELECT _reason FROM src.clicks__rejected")
        #expect(reason == [[.varchar("column at: cannot convert 'not a time' to TIMESTAMP")]])
    }

    @Test func parquetFilesLoad() async throws {
        let mesh = try MeshFixture()
        let file = mesh.root.appendingPathComponent("data/p.parquet")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Database().connect().execute(
            "COPY (SELECT i AS id, i * 2 AS twice FROM range(1000) t(i)) TO '\(file.path)'")
        try mesh.source("numbers", "connector: {type: parquet, path: data/p.parquet}\n")
        let (report, failure) = try await mesh.ingestOne("numbers")
        #expect(failure == nil)
        #expect(report.loadedRows == 1000)
        #expect(try mesh.count("SELECT sum(twice)::BIGINT FROM src.numbers") == 999_000)
    }

    @Test func aTruncatedParquetFileIsNamed() async throws {
        let mesh = try MeshFixture()
        let file = mesh.root.appendingPathComponent("data/p.parquet")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Database().connect().execute("COPY (SELECT i AS id FROM range(100000) t(i)) TO '\(file.path)'")
        let bytes = try Data(contentsOf: file)
        try bytes.prefix(bytes.count / 2).write(to: file)
        try mesh.source("numbers", "connector: {type: parquet, path: data/p.parquet}\n")
        let (report, failure) = try await mesh.ingestOne("numbers")
        #expect(report.status == .failed)
        #expect(failure?.message.contains("p.parquet") == true)
    }
}
