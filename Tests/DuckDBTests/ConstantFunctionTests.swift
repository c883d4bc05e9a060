import DuckDB
import Testing

@Suite struct ConstantFunctionTests {
    static let bytes: [UInt8] = [0x00, 0x7f, 0x80, 0xff, 0x27, 0x5c, 0x41]
    static let hex = "007F80FF275C41"

    @Test func returnsItsBytesOnEveryRow() throws {
        let connection = try makeConnection()
        try connection.register(ConstantFunction(name: "tessera_test_constant", bytes: Self.bytes))
        let rows = try connection.rows(
            "SELECT hex(tessera_test_constant()), count(*) FROM range(10000) GROUP BY ALL")
        #expect(rows == [[.varchar(Self.hex), .bigint(10000)]])
    }

    @Test func everyConnectionOfTheDatabaseSeesIt() throws {
        let database = try Database.inMemory()
        try database.connect().register(ConstantFunction(name: "tessera_test_constant", bytes: Self.bytes))
        #expect(try value("SELECT hex(tessera_test_constant())", on: try database.connect()) == .varchar(Self.hex))
    }

    /// A view names the function; neither its stored definition nor a plan holds the value.
    @Test func theValueIsInNoSQLTextNorPlan() throws {
        let connection = try makeConnection()
        try connection.register(ConstantFunction(name: "tessera_test_constant", bytes: Self.bytes))
        try connection.execute("CREATE VIEW v AS SELECT tessera_test_constant() || 'x'::BLOB AS b FROM range(3)")
        let definitions = try connection.rows("SELECT sql FROM duckdb_views() WHERE view_name = 'v'")
        let plan = try connection.rows("EXPLAIN SELECT * FROM v")
        for text in (definitions + plan).flatMap({ $0 }).compactMap(\.stringValue) {
            #expect(!text.uppercased().contains("7F80FF"))
            #expect(!text.contains("\\x7F"))
        }
        #expect(try value("SELECT hex(b) FROM v LIMIT 1", on: connection) == .varchar(Self.hex + "78"))
        #expect(ConstantFunction(name: "f", bytes: Self.bytes).description == "f()")
    }
}
