import DuckDB
import Foundation
import Testing
import TesseraIngest

/// Incremental loads at the cursor's high-water mark: rows at the mark are read again, new ones
/// are loaded, and the ones already loaded are recognised by content (copy for copy).
@Suite struct CursorBoundaryLoadTests {
    static func source(key: Bool, cursorType: String = "TIMESTAMP") -> String {
        """
        connector: {type: csv, path: "data/orders*.csv"}
        load: {mode: incremental, cursor: updated_at\(key ? ", primary_key: [order_id]" : "")}
        schema:
          columns:
            - {name: updated_at, type: \(cursorType), nullable: false}

        """
    }

    @Test func aRowChangedWithoutMovingTheCursorReplacesTheLoadedOne() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", Self.source(key: true))
        try mesh.write(
            "data/orders_1.csv", "order_id,amount,updated_at\n1,10,2026-11-01 11:00:00\n2,20,2026-11-01 11:00:00\n")
        _ = try await mesh.ingestOne("orders")
        try mesh.write(
            "data/orders_2.csv", "order_id,amount,updated_at\n1,15,2026-11-01 11:00:00\n2,20,2026-11-01 11:00:00\n")
        let (report, failure) = try await mesh.ingestOne("orders")
        #expect(failure == nil)
        #expect(report.loadedRows == 1)
        #expect(report.staleRows == 1)
        #expect(
            try mesh.rows("SELECT order_id, amount FROM src.orders ORDER BY 1") == [
                [.bigint(1), .bigint(15)], [.bigint(2), .bigint(20)],
            ])
    }

    @Test func identicalRowsAtTheMarkAreMatchedCopyForCopy() async throws {
        let mesh = try MeshFixture()
        try mesh.source("events", Self.source(key: false))
        let row = "7,1,2026-11-01 11:00:00\n"
        try mesh.write("data/orders_1.csv", "order_id,amount,updated_at\n" + row + row)
        _ = try await mesh.ingestOne("events")
        // The file grows by a third copy: two are re-read, one is new.
        try mesh.write("data/orders_1.csv", "order_id,amount,updated_at\n" + row + row + row)
        let (report, failure) = try await mesh.ingestOne("events")
        #expect(failure == nil)
        #expect(report.staleRows == 2)
        #expect(report.loadedRows == 1)
        #expect(try mesh.count("SELECT count(*) FROM src.events") == 3)
    }

    @Test func aColumnTheSourceGainedDoesNotMakeReReadRowsNew() async throws {
        let mesh = try MeshFixture()
        try mesh.source("events", Self.source(key: false))
        try mesh.write("data/orders_1.csv", "order_id,amount,updated_at\n1,10,2026-11-01 11:00:00\n")
        _ = try await mesh.ingestOne("events")
        try mesh.write(
            "data/orders_1.csv",
            "order_id,amount,updated_at,note\n1,10,2026-11-01 11:00:00,x\n2,20,2026-11-01 11:00:00,y\n")
        let (report, failure) = try await mesh.ingestOne("events")
        #expect(failure == nil)
        #expect(report.staleRows == 1)
        #expect(
            try mesh.rows("SELECT order_id, note FROM src.events ORDER BY 1") == [
                [.bigint(1), .null], [.bigint(2), .varchar("y")],
            ])
    }

    @Test func withAKeyAColumnTheSourceGainedReachesReReadRows() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", Self.source(key: true))
        try mesh.write(
            "data/orders_1.csv", "order_id,amount,updated_at\n1,10,2026-11-01 11:00:00\n2,20,2026-11-01 11:00:00\n")
        _ = try await mesh.ingestOne("orders")
        try mesh.write(
            "data/orders_1.csv",
            "order_id,amount,updated_at,note\n1,10,2026-11-01 11:00:00,x\n2,20,2026-11-01 11:00:00,\n")
        let (report, failure) = try await mesh.ingestOne("orders")
        #expect(failure == nil)
        #expect(report.loadedRows == 1)
        #expect(report.staleRows == 1)
        #expect(
            try mesh.rows("SELECT order_id, note FROM src.orders ORDER BY 1") == [
                [.bigint(1), .varchar("x")], [.bigint(2), .null],
            ])
    }

    @Test func aTimeZonedCursorWithMicrosecondsRoundTripsThroughTheLedger() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", Self.source(key: true, cursorType: "TIMESTAMPTZ"))
        try mesh.write("data/orders_1.csv", "order_id,amount,updated_at\n1,10,2026-11-01 11:00:00.123456+02\n")
        _ = try await mesh.ingestOne("orders")
        try mesh.write(
            "data/orders_2.csv",
            "order_id,amount,updated_at\n1,10,2026-11-01 09:00:00.123456+00\n2,20,2026-11-01 09:00:00.123456Z\n")
        let (report, failure) = try await mesh.ingestOne("orders")
        #expect(failure == nil)
        #expect(report.staleRows == 1)
        #expect(report.loadedRows == 1)
        #expect(try mesh.count("SELECT count(*) FROM src.orders") == 2)
    }

    @Test func nestedValuesAndAFractionalCursorCompareExactly() async throws {
        let mesh = try MeshFixture()
        try mesh.source(
            "readings", "connector: {type: json, path: \"data/*.json\"}\nload: {mode: incremental, cursor: at}\n")
        let first = #"{"at": 0.1, "meta": {"tags": ["a", null], "depth": 1}, "v": null}"#
        try mesh.write("data/a.json", "[\(first)]")
        _ = try await mesh.ingestOne("readings")
        try mesh.write("data/a.json", "[\(first), " + #"{"at": 0.1, "meta": {"tags": ["b"], "depth": 2}, "v": null}]"#)
        let (report, failure) = try await mesh.ingestOne("readings")
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(report.staleRows == 1)
        #expect(report.loadedRows == 1)
        #expect(try mesh.count("SELECT count(*) FROM src.readings") == 2)
    }

    @Test func aRejectedRowAtTheMarkIsNotTakenForALoadedOne() async throws {
        let mesh = try MeshFixture()
        try mesh.source("orders", Self.source(key: true) + "  max_rejected: 0.9\n")
        try mesh.write("data/orders_1.csv", "order_id,amount,updated_at\n1,10,2026-11-01 11:00:00\n")
        _ = try await mesh.ingestOne("orders")
        try mesh.write(
            "data/orders_2.csv", "order_id,amount,updated_at\n,10,2026-11-01 11:00:00\n3,30,2026-11-01 11:00:00\n")
        let (report, failure) = try await mesh.ingestOne("orders")
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(report.rejectedRows == 1)
        #expect(report.loadedRows == 1)
        #expect(report.staleRows == 0)
    }
}
