import Foundation
import PostgresWire
import Testing
@testable import TesseraIngest

/// A PostgreSQL table's unique keys let a load skip its dedup; only keys that really guarantee
/// one row per value in the copied batch may count. Needs the test server (TESSERA_TEST_PG_URL).
@Suite(.serialized) struct PostgresUniqueKeyTests {
    @Test func onlyPlainValidUniqueIndexesOverExactlyReadColumnsCount() throws {
        let name = "uk_\(UInt32.random(in: 0...UInt32.max))"
        let pg = try PostgresLoadTests.server()
        defer { pg.close() }
        _ = try pg.simpleQuery(
            """
            CREATE TABLE public.\(name) (id bigint PRIMARY KEY, a text, b int, c text, d text, f float8 UNIQUE, g int);
            CREATE UNIQUE INDEX \(name)_ab ON public.\(name) (a, b) INCLUDE (g);
            CREATE UNIQUE INDEX \(name)_c ON public.\(name) (c) WHERE c <> '';
            CREATE UNIQUE INDEX \(name)_d ON public.\(name) (lower(d));
            """)
        let shape = try pg.simpleQuery("SELECT * FROM public.\(name) LIMIT 0")
        let keys = try PostgresExtractor.uniqueKeys(of: "public.\(name)", columns: shape.columns, on: pg)
        #expect(Set(keys) == [["id"], ["a", "b"]])
    }

    @Test func aParentWithInheritanceChildrenHasNoUniqueKey() throws {
        let name = "inh_\(UInt32.random(in: 0...UInt32.max))"
        let pg = try PostgresLoadTests.server()
        defer { pg.close() }
        _ = try pg.simpleQuery(
            """
            CREATE TABLE public.\(name) (id bigint PRIMARY KEY);
            CREATE TABLE public.\(name)_child () INHERITS (public.\(name));
            """)
        let shape = try pg.simpleQuery("SELECT * FROM public.\(name) LIMIT 0")
        #expect(try PostgresExtractor.uniqueKeys(of: "public.\(name)", columns: shape.columns, on: pg).isEmpty)
    }
}
