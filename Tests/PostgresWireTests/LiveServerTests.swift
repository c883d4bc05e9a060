import Foundation
import Testing
import PostgresWire

/// Against a real server started by `scripts/postgres-test-cluster.sh` (see LiveServer).
@Suite("PostgreSQL server") struct LiveServerTests {
    @Test func connectsWithSCRAM() throws {
        let connection = try LiveServer.connect()
        defer { connection.close() }
        let result = try connection.simpleQuery("select current_user as who, current_database() as db")
        #expect(result.value(0, "who") == "tessera")
        #expect(result.value(0, "db") == "tessera")
        #expect(connection.serverParameters["server_version"] != nil)
        #expect(connection.serverParameters["client_encoding"] == "UTF8")
        #expect(connection.backendProcessID != nil)
        #expect(connection.isOpen)
    }

    @Test(arguments: [
        "TESSERA_TEST_PG_MD5_URL", "TESSERA_TEST_PG_PASSWORD_URL", "TESSERA_TEST_PG_TRUST_URL",
        "TESSERA_TEST_PG_UNICODE_URL",
    ])
    func otherAuthenticationMethods(_ variable: String) throws {
        let connection = try LiveServer.connect(variable)
        defer { connection.close() }
        let user = try LiveServer.url(variable).user
        #expect(try connection.simpleQuery("select current_user").rows == [[user]])
    }

    @Test func unixSocket() throws {
        let tcp = try LiveServer.url()
        // Local connections to the test cluster are trusted.
        let url = PostgresURL(
            host: .unixSocket(directory: try LiveServer.variable("TESSERA_TEST_PG_DIR")), port: tcp.port,
            user: tcp.user, database: tcp.database)
        let connection = try PostgresConnection.connect(url)
        defer { connection.close() }
        #expect(try connection.simpleQuery("select 41 + 1").rows == [["42"]])
    }

    @Test func wrongPasswordFailsWithoutShowingAnyPassword() throws {
        var url = try LiveServer.url()
        let realPassword = url.password ?? ""
        url.password = "not-the-password-8c1f"
        let error = #expect(throws: PostgresError.self) { try PostgresConnection.connect(url) }
        #expect(error?.kind == .authenticationFailed)
        for text in [error?.message ?? "", "\(String(describing: error))", String(reflecting: error)] {
            #expect(!text.contains("not-the-password-8c1f"))
            #expect(realPassword.isEmpty || !text.contains(realPassword))
        }
        #expect(error?.message.contains("127.0.0.1:\(url.port)/tessera") == true)
    }

    @Test func connectionRefused() throws {
        let url = PostgresURL(host: .tcp("127.0.0.1"), port: 1, user: "tessera", password: "pw")
        let error = #expect(throws: PostgresError.self) { try PostgresConnection.connect(url) }
        #expect(error?.kind == .connectionRefused)
        #expect(error?.message.contains("127.0.0.1:1") == true)
    }

    @Test func unknownHost() throws {
        let url = try PostgresURL("postgres://tessera:pw@no-such-host.invalid/tessera")
        let error = #expect(throws: PostgresError.self) { try PostgresConnection.connect(url) }
        #expect(error?.kind == .unknownHost)
        #expect(error?.message.contains("no-such-host.invalid") == true)
    }

    @Test func silentServerTimesOut() throws {
        let listener = try SilentListener()
        let url = PostgresURL(host: .tcp("127.0.0.1"), port: listener.port, user: "tessera", password: "pw")
        let started = ContinuousClock.now
        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection.connect(url, timeout: .milliseconds(300))
        }
        #expect(error?.kind == .timeout)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func databaseDoesNotExist() throws {
        var url = try LiveServer.url()
        url.database = "no_such_database"
        let error = #expect(throws: PostgresError.self) { try PostgresConnection.connect(url) }
        #expect(error?.serverError?.sqlState == "3D000")
        #expect(error?.message.contains("no_such_database") == true)
    }

    @Test func simpleQueryForMetadata() throws {
        let connection = try LiveServer.connect()
        defer { connection.close() }
        _ = try connection.simpleQuery(
            """
            create temp table orders (id bigint primary key, amount numeric(12,2), note text, updated_at timestamptz);
            insert into orders values (1, 9.99, null, '2024-05-01 10:00:00+00'), (2, 20.5, 'x', '2024-05-02 11:30:00+00')
            """)
        let columns = try connection.simpleQuery(
            """
            select column_name, data_type from information_schema.columns
            where table_name = 'orders' and table_schema like 'pg_temp%' order by ordinal_position
            """)
        #expect(columns.rows.map { $0[0] } == ["id", "amount", "note", "updated_at"])
        #expect(columns.rows.map { $0[1] } == ["bigint", "numeric", "text", "timestamp with time zone"])

        let result = try connection.simpleQuery("select * from orders order by id")
        #expect(result.columns.map(\.name) == ["id", "amount", "note", "updated_at"])
        #expect(result.columns.map(\.typeName) == ["int8", "numeric", "text", "timestamptz"])
        #expect(result.rows.count == 2)
        #expect(result.rows[0][2] == nil)
        #expect(result.value(1, "amount") == "20.50")
        #expect(result.commandTag == "SELECT 2")

        let cursor = try connection.simpleQuery("select max(updated_at) at time zone 'UTC' as high from orders")
        #expect(cursor.value(0, "high") == "2024-05-02 11:30:00")
    }

    @Test func serverErrorInASimpleQueryLeavesTheConnectionUsable() throws {
        let connection = try LiveServer.connect()
        defer { connection.close() }
        let error = #expect(throws: PostgresError.self) { try connection.simpleQuery("selec 1") }
        #expect(error?.serverError?.sqlState == "42601")
        #expect(error?.serverError?.position == 1)
        #expect(try connection.simpleQuery("select 'still here'").rows == [["still here"]])
    }

    /// Every awkward kind of value, deterministic so that psql's export can be compared byte for byte.
    static let mixedQuery = """
        select i as id,
               case when i % 11 = 0 then null else 'name ' || i end as name,
               case i % 6 when 0 then 'has "quotes"' when 1 then 'comma, inside' when 2 then E'line\\nbreak'
                          when 3 then 'ünïcødé ✓ 日本 😀' when 4 then '' else E'tab\\tand \\\\ backslash' end as text_value,
               (i * 1.25)::numeric(12,2) as amount,
               i::float8 / 7 as ratio,
               timestamp '2024-01-01 00:00:00' + i * interval '37 minutes 11.5 seconds' as happened_at,
               timestamptz '2024-01-01 00:00:00+00' + i * interval '1 hour' as happened_tz,
               date '2000-01-01' + i as day,
               i % 2 = 0 as flag,
               case when i % 13 = 0 then null else i::bigint * 1000000007 end as big
        from generate_series(1, 20000) i
        """

    @Test func copyOutMatchesPsqlByteForByte() throws {
        let connection = try LiveServer.connect()
        defer { connection.close() }
        let ours = LiveServer.temporaryFile("ours.csv")
        let theirs = LiveServer.temporaryFile("psql.csv")
        defer {
            try? FileManager.default.removeItem(at: ours)
            try? FileManager.default.removeItem(at: theirs)
        }
        let flat = Self.mixedQuery.replacingOccurrences(of: "\n", with: " ")
        let summary = try connection.copyOut("COPY (\(flat)) TO STDOUT (FORMAT csv, HEADER true)", toFile: ours)
        #expect(summary.rows == 20000)

        let psql = try LiveServer.psql(["-c", "\\copy (\(flat)) to '\(theirs.path)' csv header"])
        #expect(psql.status == 0, "psql failed: \(psql.output)")
        let ourBytes = try Data(contentsOf: ours)
        let theirBytes = try Data(contentsOf: theirs)
        #expect(summary.bytes == ourBytes.count)
        #expect(ourBytes.count > 1_000_000)
        #expect(ourBytes == theirBytes)

        let text = String(decoding: ourBytes, as: UTF8.self)
        #expect(text.hasPrefix("id,name,text_value,amount,ratio,happened_at,happened_tz,day,flag,big\n"))
        #expect(text.contains("\"has \"\"quotes\"\"\""))
        #expect(text.contains("\"line\nbreak\""))
        #expect(text.contains("ünïcødé ✓ 日本 😀"))
    }

    @Test func copyOutToASinkAgreesWithASimpleQuery() throws {
        let connection = try LiveServer.connect()
        defer { connection.close() }
        var chunks = 0
        var bytes: [UInt8] = []
        let rows = try connection.copyOut(
            "COPY (select i, nullif(i % 3, 0) from generate_series(1, 1000) i) TO STDOUT (FORMAT csv)"
        ) { chunk in
            chunks += 1
            bytes.append(contentsOf: chunk)
        }
        #expect(rows == 1000)
        #expect(chunks == 1000)  // one CopyData per row
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast()
        let expected = try connection.simpleQuery("select i, nullif(i % 3, 0) from generate_series(1, 1000) i").rows
            .map { ($0[0] ?? "") + "," + ($0[1] ?? "") }
        #expect(lines.map(String.init) == expected)
    }

    @Test func copyOfARealTable() throws {
        let connection = try LiveServer.connect()
        defer { connection.close() }
        _ = try connection.simpleQuery(
            "create temp table \"Order Lines\" as select i as id, 'x' || i as label from generate_series(1, 500) i")
        var bytes = 0
        let rows = try connection.copyOut(try PostgresSQL.copyToCSV(table: "\"Order Lines\"")) { bytes += $0.count }
        #expect(rows == 500)
        #expect(bytes > 500 * 4)
    }

    @Test func errorHalfwayThroughACopyIsAnError() throws {
        let connection = try LiveServer.connect()
        defer { connection.close() }
        var rows = 0
        let sql = "COPY (select 1/(i-50000) from generate_series(1,100000) i) TO STDOUT"
        let error = #expect(throws: PostgresError.self) { try connection.copyOut(sql) { _ in rows += 1 } }
        #expect(error?.serverError?.sqlState == "22012")
        #expect(rows > 0 && rows < 50000, "rows before the error: \(rows)")
        #expect(try connection.simpleQuery("select 1").rows == [["1"]])

        let file = LiveServer.temporaryFile("partial.csv")
        #expect(throws: PostgresError.self) { try connection.copyOut(sql, toFile: file) }
        #expect(!FileManager.default.fileExists(atPath: file.path), "a failed COPY must not leave a partial file")
    }

    @Test func serverKilledInTheMiddleOfACopyIsAnError() throws {
        let connection = try LiveServer.connect()
        let killer = try LiveServer.connect()
        defer {
            connection.close()
            killer.close()
        }
        let processID = try #require(connection.backendProcessID)
        var rows = 0
        let error = #expect(throws: PostgresError.self) {
            try connection.copyOut("COPY (select i from generate_series(1, 5000000) i) TO STDOUT") { _ in
                rows += 1
                if rows == 1 { _ = try killer.simpleQuery("select pg_terminate_backend(\(processID))") }
            }
        }
        let acceptable = error?.kind == .connectionClosed || error?.serverError?.sqlState == "57P01"
        #expect(acceptable, "got \(String(describing: error))")
        #expect(!connection.isOpen)
        #expect(throws: PostgresError.self) { try connection.simpleQuery("select 1") }
    }

    @Test func copyOutWithAStatementThatIsNotACopy() throws {
        let connection = try LiveServer.connect()
        defer { connection.close() }
        let error = #expect(throws: PostgresError.self) { try connection.copyOut("select 1") { _ in } }
        #expect(error?.kind == .misuse)
        #expect(try connection.simpleQuery("select 2").rows == [["2"]])
    }

    @Test func sinkErrorsAreRethrownAndCloseTheConnection() throws {
        struct Full: Error {}
        let connection = try LiveServer.connect()
        defer { connection.close() }
        #expect(throws: Full.self) {
            try connection.copyOut("COPY (select i from generate_series(1, 1000000) i) TO STDOUT") { _ in throw Full() }
        }
        #expect(!connection.isOpen)
    }

    @Test func unwritableOutputFileIsAnIOErrorBeforeAnythingRuns() throws {
        let connection = try LiveServer.connect()
        defer { connection.close() }
        let file = URL(fileURLWithPath: "/nonexistent-folder-\(UUID().uuidString)/out.csv")
        let error = #expect(throws: PostgresError.self) {
            try connection.copyOut("COPY (select 1) TO STDOUT", toFile: file)
        }
        #expect(error?.kind == .io)
        #expect(error?.message.contains(file.path) == true)
        #expect(connection.isOpen)
    }

    @Test func cancellingFromAnotherThread() throws {
        let connection = try LiveServer.connect()
        defer { connection.close() }
        let token = try #require(connection.cancelToken)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            try? token.cancel()
        }
        let started = ContinuousClock.now
        let error = #expect(throws: PostgresError.self) { try connection.simpleQuery("select pg_sleep(30)") }
        #expect(error?.serverError?.sqlState == "57014")
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(try connection.simpleQuery("select 'usable'").rows == [["usable"]])
    }

    @Test func cancellingACopyKeepsTheConnection() throws {
        let connection = try LiveServer.connect()
        defer { connection.close() }
        let token = try #require(connection.cancelToken)
        var rows = 0
        let error = #expect(throws: PostgresError.self) {
            try connection.copyOut("COPY (select i from generate_series(1, 5000000) i) TO STDOUT") { _ in
                rows += 1
                if rows == 1 { try token.cancel() }
            }
        }
        #expect(error?.serverError?.sqlState == "57014")
        #expect(rows < 5_000_000)
        #expect(try connection.simpleQuery("select 'usable'").rows == [["usable"]])
    }

    @Test func noticesReachTheHandler() throws {
        let connection = try LiveServer.connect()
        defer { connection.close() }
        var notices: [String] = []
        connection.noticeHandler = { notices.append($0.message) }
        _ = try connection.simpleQuery("do $$ begin raise notice 'hello from plpgsql'; end $$")
        #expect(notices == ["hello from plpgsql"])
    }
}
