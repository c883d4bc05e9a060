import Foundation
import Testing
import DuckDB

@Suite struct ValueDescriptionTests {
    @Test func descriptionsMatchDuckDBsText() throws {
        // Every value's description equals DuckDB's own ::VARCHAR rendering of it.
        let connection = try makeConnection()
        let expressions = [
            "42", "-7::TINYINT", "2.5::DOUBLE", "'text'", "DATE '2000-02-29'", "TIME '01:02:03.000004'",
            "TIMESTAMP '1999-12-31 23:59:59.999999'", "INTERVAL '2 years 1 day'", "'ab''c'",
            "12.30::DECIMAL(5,2)", "(-0.5)::DECIMAL(3,2)", "[1, NULL]", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID",
            "true", "DATE '0000-01-01'",
        ]
        for expression in expressions {
            let row = try #require(try connection.rows("SELECT \(expression), (\(expression))::VARCHAR").first)
            #expect(row[0].description == row[1].stringValue, "\(expression)")
        }
    }

    @Test func typeDescriptions() {
        #expect(DuckDBType.map(key: .varchar, value: .list(.integer)).description == "MAP(VARCHAR, INTEGER[])")
        #expect(DuckDBType.array(.double, size: 3).description == "DOUBLE[3]")
        #expect(DuckDBType.enum(["a", "it's"]).description == "ENUM('a', 'it''s')")
        #expect(!DuckDBType.list(.unsupported(id: 28, name: "UNION")).isSupported)
    }

    @Test func convertiblesAndAccessors() {
        #expect(Optional<Int>.none.duckDBValue == .null)
        #expect(Optional(3).duckDBValue == .bigint(3))
        #expect([UInt8]([1, 2]).duckDBValue == .blob(Data([1, 2])))
        #expect(DuckDBValue.utinyint(200).int64Value == 200)
        #expect(DuckDBValue.ubigint(.max).int64Value == nil)
        #expect(DuckDBValue.decimal(DuckDBDecimal(unscaled: 125, width: 5, scale: 2)).doubleValue == 1.25)
        #expect(DuckDBValue.enum("x").stringValue == "x")
        #expect(DuckDBValue.hugeint(DuckDBHugeInt(upper: 1, lower: 0)).int64Value == nil)
    }

    @Test func memoryDatabaseByName() throws {
        let database = try Database(path: ":memory:")
        #expect(database.path == nil)
        #expect(try database.connect().scalar("SELECT 1") == .integer(1))
    }
}
