import DuckDB
import Foundation
import Testing
import TesseraIngest

@Suite struct SchemaAndRejectTests {
    static func source(onChange: String = "evolve", maxRejected: String = "0") -> String {
        """
        connector: {type: csv, path: "data/*.csv", options: {delimiter: ","}}
        load: {mode: append}
        schema:
          on_change: \(onChange)
          max_rejected: \(maxRejected)
          columns:
            - {name: id, type: BIGINT, nullable: false}
            - {name: amount, type: DOUBLE}

        """
    }

    @Test func aNewColumnIsAddedWhenTheSchemaEvolves() async throws {
        let mesh = try MeshFixture()
        try mesh.source("events", Self.source())
        try mesh.write("data/1.csv", "id,amount\n1,1.5\n")
        _ = try await mesh.ingestOne("events")
        try mesh.write("data/2.csv", "id,amount,Channel\n2,2.5,web\n")
        let (report, failure) = try await mesh.ingestOne("events")
        #expect(failure == nil)
        #expect(report.loadedRows == 1)
        let rows = try mesh.rows("SELECT id, channel FROM src.events ORDER BY id")
        #expect(rows == [[.bigint(1), .null], [.bigint(2), .varchar("web")]])
    }

    @Test func aFrozenSchemaFailsTheLoadAndLeavesTheTableAsItWas() async throws {
        let mesh = try MeshFixture()
        try mesh.source("events", Self.source(onChange: "freeze"))
        try mesh.write("data/1.csv", "id,amount\n1,1.5\n")
        _ = try await mesh.ingestOne("events")
        try mesh.write("data/2.csv", "id,amount,channel\n2,2.5,web\n")
        let (report, failure) = try await mesh.ingestOne("events")
        #expect(report.status == .failed)
        #expect(failure?.kind == .data)
        #expect(failure?.message == "new column 'channel' in the data, and the schema is frozen (on_change: freeze)")
        #expect(failure?.location?.file == "domains/sales/sources/events.yaml")
        #expect(try mesh.count("SELECT count(*) FROM src.events") == 1)
        #expect(
            try mesh.rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").count == 4)
    }

    @Test func rejectedRowsAreKeptWithTheirReasonAndCounted() async throws {
        let mesh = try MeshFixture()
        try mesh.source("events", Self.source(maxRejected: "0.5"))
        try mesh.write("data/1.csv", "id,amount\n1,1.5\n2,lots\n,3\n4,4\n")
        let (report, failure) = try await mesh.ingestOne("events")
        #expect(failure == nil)
        #expect(report.extractedRows == 4)
        #expect(report.loadedRows == 2)
        #expect(report.rejectedRows == 2)
        let rejected = try mesh.rows(
            "SELECT _line, _column, _reason, _record FROM src.events__rejected ORDER BY _line NULLS LAST")
        #expect(rejected.count == 2)
        #expect(rejected[0][0] == .bigint(3))
        #expect(rejected[0][1] == .varchar("amount"))
        #expect(rejected[0][3] == .varchar("2,lots"))
        #expect(rejected[1][2] == .varchar("column id: missing value (declared nullable: false)"))
        #expect(try mesh.count("SELECT count(DISTINCT _load_id) FROM src.events__rejected") == 1)
    }

    @Test func tooManyRejectsFailTheLoadButKeepTheRejects() async throws {
        let mesh = try MeshFixture()
        try mesh.source("events", Self.source(maxRejected: "0"))
        try mesh.write("data/1.csv", "id,amount\n1,1.5\n2,lots\n")
        let (report, failure) = try await mesh.ingestOne("events")
        #expect(report.status == .failed)
        let message = try #require(failure?.message)
        #expect(
            message.hasPrefix(
                "1 of 2 rows rejected, more than schema.max_rejected (0) allows; nothing was loaded. First: data/1.csv:3: CAST"
            ))
        #expect(try mesh.rows("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'events'") == [[.bigint(0)]])
        #expect(try mesh.count("SELECT count(*) FROM src.events__rejected") == 1)
        #expect(try mesh.count("SELECT count(*) FROM _tessera.loads WHERE status = 'failed'") == 1)
    }

    @Test func anUnknownReaderOptionNamesTheSourceFileAndSuggests() async throws {
        let mesh = try MeshFixture()
        try mesh.source("events", "connector: {type: csv, path: data/1.csv, options: {delimeter: \";\"}}\n")
        try mesh.write("data/1.csv", "id\n1\n")
        let (_, failure) = try await mesh.ingestOne("events")
        #expect(failure?.kind == .configuration)
        #expect(
            failure?.description
                == "domains/sales/sources/events.yaml:1:1: unknown option 'delimeter' for a csv source (did you mean 'delimiter'?)"
        )
    }

    @Test func aGlobMatchingNothingSaysWhereItLooked() async throws {
        let mesh = try MeshFixture()
        try mesh.source("events", "connector: {type: csv, path: \"nowhere/*.csv\"}\n")
        let (_, failure) = try await mesh.ingestOne("events")
        #expect(failure?.kind == .configuration)
        #expect(failure?.message.hasPrefix("no file matches 'nowhere/*.csv'") == true)
    }

    @Test func oneFailingSourceDoesNotStopTheOthers() async throws {
        let mesh = try MeshFixture()
        try mesh.source("broken", "connector: {type: csv, path: \"nowhere/*.csv\"}\n")
        try mesh.source("fine", "connector: {type: csv, path: data/fine.csv}\n")
        try mesh.write("data/fine.csv", "id\n1\n2\n")
        let results = try await mesh.ingest()
        #expect(results.map(\.0.status) == [.failed, .committed])
        #expect(try mesh.count("SELECT count(*) FROM src.fine") == 2)
    }
}
