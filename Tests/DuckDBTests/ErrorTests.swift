import Testing
import DuckDB

@Suite struct ErrorTests {
    @Test func syntaxErrorCarriesDuckDBsMessage() throws {
        let connection = try makeConnection()
        #expect {
            try connection.query("SELEC 1")
        } throws: { error in
            guard let error = error as? DuckDBError else { return false }
            return error.kind == .parser && error.message.hasPrefix("Parser Error: syntax error at or near \"SELEC\"")
                && error.sql == "SELEC 1"
        }
        #expect {
            try connection.execute("SELECT FROM WHERE")
        } throws: { error in
            guard let error = error as? DuckDBError else { return false }
            return error.kind == .parser && error.message.contains("syntax error")
        }
    }

    @Test func unknownTable() throws {
        let connection = try makeConnection()
        #expect {
            try connection.execute("SELECT * FROM nowhere")
        } throws: { error in
            guard let error = error as? DuckDBError else { return false }
            return error.kind == .catalog
                && error.message.hasPrefix("Catalog Error: Table with name nowhere does not exist!")
        }
        #expect {
            try connection.query("SELECT * FROM nowhere")
        } throws: { error in (error as? DuckDBError)?.kind == .catalog }
    }

    @Test func openingUnderAMissingDirectory() throws {
        #expect {
            try Database(path: "/nonexistent-dir-\(UInt32.random(in: 0...UInt32.max))/sub/db.duckdb")
        } throws: { error in
            guard let error = error as? DuckDBError else { return false }
            return error.kind == .io && error.message.contains("IO Error")
        }
    }

    @Test func unknownConfigurationOption() throws {
        #expect {
            try Database(options: ["no_such_option": "1"])
        } throws: { error in
            guard let error = error as? DuckDBError else { return false }
            return error.kind == .invalidInput && error.message.contains("no_such_option")
        }
    }

    @Test func constraintViolation() throws {
        let connection = try makeConnection()
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL)")
        try connection.execute("INSERT INTO t VALUES (1, 'a')")
        #expect {
            try connection.execute("INSERT INTO t VALUES (1, 'b')")
        } throws: { error in
            guard let error = error as? DuckDBError else { return false }
            return error.kind == .constraint && error.message.contains("Duplicate key \"id: 1\"")
        }
        #expect {
            try connection.execute("INSERT INTO t VALUES ($1, $2)", 2, nil)
        } throws: { error in
            guard let error = error as? DuckDBError else { return false }
            return error.kind == .constraint && error.message.contains("NOT NULL constraint failed")
        }
    }

    @Test func errorDuringStreamingSurfaces() throws {
        let stream = try makeConnection().query(
            "SELECT CASE WHEN i = 5000 THEN error('boom at ' || i) ELSE i END FROM range(10000) t(i)")
        #expect {
            try stream.drain()
        } throws: { error in
            (error as? DuckDBError)?.message.contains("boom at 5000") == true
        }
    }

    @Test func conversionErrorKind() throws {
        #expect {
            try makeConnection().execute("SELECT 'abc'::INTEGER")
        } throws: { error in
            guard let error = error as? DuckDBError else { return false }
            return error.kind == .conversion && error.message.hasPrefix("Conversion Error:")
        }
    }

    @Test func unsupportedTypeIsAnErrorNotACrash() throws {
        let chunk = try #require(try makeConnection().query("SELECT union_value(k := 1) AS u").nextChunk())
        #expect {
            try chunk.values(column: 0)
        } throws: { error in (error as? DuckDBError)?.kind == .unsupportedType }
    }
}
