import Foundation
import Testing

/// The PostgreSQL endpoint of `tessera serve --pg-port 0`, driven by real clients: psql (simple
/// query, its catalog commands) and psycopg 3 (extended query with parameters, binary results,
/// cancel). Sign-in is SCRAM with a token as the password. A reader of another domain sees masked
/// values and no private product; a wrong password, an expired token and a write each get their
/// SQLSTATE. The clients come from `scripts/setup-pg-clients.sh` (`make test` runs it): without
/// them these tests fail, they never skip.
@Suite(.serialized) struct ServePostgresTests {
    static let files: [String: String] = [
        "tessera.yaml": """
        mesh: acme
        governance: {require_description: false, require_classification: false}

        """,
        "domains/sales/domain.yaml": """
        owner: sales@acme.example
        members:
          - {name: ana, role: owner}

        """,
        "domains/sales/models/orders.sql": """
        select 1 as order_id, 10.5::DOUBLE as amount, 'x@acme.example' as customer,
               DATE '2026-12-01' as ordered_on, 12.34::DECIMAL(10,2) as price, true as paid
        union all
        select 2, 3.25, 'y@acme.example', DATE '2026-12-02', 5.00, false

        """,
        "domains/sales/products/orders.yaml": """
        description: Orders, one row each.
        contract:
          columns:
            - {name: order_id, type: INTEGER, description: The order's number.}
            - {name: amount, type: DOUBLE}
            - {name: customer, type: VARCHAR}
            - {name: ordered_on, type: DATE}
            - {name: price, type: "DECIMAL(10,2)"}
            - {name: paid, type: BOOLEAN}
        access:
          readers: [marketing]
          masks: {customer: redact}

        """,
        "domains/sales/models/ledger.sql": "select 1 as entry\n",
        "domains/sales/products/ledger.yaml": """
        contract:
          columns:
            - {name: entry, type: INTEGER}
        access:
          readers: []

        """,
        "domains/marketing/domain.yaml": """
        owner: marketing@acme.example
        members:
          - {name: mia, role: reader}

        """,
        "domains/marketing/models/campaigns.sql": "select 1 as campaign_id\n",
    ]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let python = root.appendingPathComponent(".deps/pg-clients-venv/bin/python")
    static let psql = URL(fileURLWithPath: "/usr/bin/psql")

    /// The mesh, written and run: its products published.
    func project() async throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.files { try dir.write(path, text) }
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        return dir
    }

    func token(_ principal: String, expires: String? = nil, in dir: TemporaryDirectory) async throws -> String {
        let outcome = try await TesseraBinary.run(
            ["token", "create", "--principal", principal, "--format", "json"]
                + (expires.map { ["--expires", $0] } ?? []), in: dir.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        return try #require(json["token"] as? String)
    }

    /// A running service with the endpoint, and its PostgreSQL port from serve.json.
    func start(_ dir: TemporaryDirectory, _ extra: [String] = []) async throws -> (ServeTests.Service, Int) {
        let service = try ServeTests.Service(
            dir, clock: "2026-12-06T05:00:00Z", arguments: ["--pg-port", "0"] + extra)
        try await service.waitFor("listening", containing: "postgresql://")
        let info =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: dir.url.appendingPathComponent(".tessera/dev/serve.json"))) as? [String: Any]
        return (service, try #require(info?["pgPort"] as? Int))
    }

    func psql(
        _ port: Int, user: String, password: String, _ command: String, environment: [String: String] = [:]
    ) async throws -> ProcessRunner.Outcome {
        #expect(
            FileManager.default.isExecutableFile(atPath: Self.psql.path), "psql is missing: run make setup-pg-clients")
        return try await ProcessRunner.run(
            Self.psql,
            [
                "-X", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose", "-h", "127.0.0.1", "-p", "\(port)", "-U",
                user,
                "-d", "acme", "-c", command,
            ],
            environment: ["PGPASSWORD": password, "PGCONNECT_TIMEOUT": "20"].merging(environment) { $1 })
    }

    /// Runs a psycopg script with `conninfo(user, password)` and `PORT` defined.
    func python(_ port: Int, _ script: String) async throws -> ProcessRunner.Outcome {
        #expect(
            FileManager.default.isExecutableFile(atPath: Self.python.path),
            "the psycopg venv is missing: run scripts/setup-pg-clients.sh")
        let prelude = """
            import psycopg, sys, threading, time
            PORT = \(port)
            def conninfo(user, password):
                return f"host=127.0.0.1 port={PORT} dbname=acme user={user} password={password} connect_timeout=20"

            """
        return try await ProcessRunner.run(Self.python, ["-c", prelude + script])
    }

    @Test func psqlListsAndQueriesWhatThePrincipalMayRead() async throws {
        let dir = try await project()
        let ana = try await token("ana", in: dir)
        let (service, port) = try await start(dir)
        defer { _ = service.stop() }

        let schemas = try await psql(port, user: "ana", password: ana, "\\dn")
        #expect(schemas.status == 0, "\(schemas.stderr)")
        #expect(schemas.stdout.contains("sales"), "\(schemas.stdout)")
        let tables = try await psql(port, user: "ana", password: ana, "\\dt sales.*")
        #expect(tables.status == 0, "\(tables.stderr)")
        #expect(tables.stdout.contains("orders") && tables.stdout.contains("ledger"), "\(tables.stdout)")
        let columns = try await psql(port, user: "ana", password: ana, "\\d sales.orders")
        #expect(columns.status == 0, "\(columns.stderr)")
        #expect(columns.stdout.contains("order_id") && columns.stdout.contains("ordered_on"), "\(columns.stdout)")
        let rows = try await psql(
            port, user: "ana", password: ana, "select order_id, customer, paid from sales.orders order by 1")
        #expect(rows.status == 0, "\(rows.stderr)")
        #expect(rows.stdout.contains("1 | x@acme.example | t"), "\(rows.stdout)")
        let version = try await psql(port, user: "ana", password: ana, "show server_version")
        #expect(version.stdout.contains("15."), "\(version.stdout)")

        let write = try await psql(port, user: "ana", password: ana, "insert into sales.orders values (3)")
        #expect(write.status != 0)
        #expect(write.stderr.contains("25006"), "\(write.stderr)")
        let wrong = try await psql(port, user: "ana", password: ana + "x", "select 1")
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("password authentication failed for user \"ana\""), "\(wrong.stderr)")
        let nobody = try await psql(port, user: "nobody", password: ana, "select 1")
        #expect(nobody.stderr.contains("password authentication failed for user \"nobody\""), "\(nobody.stderr)")
        #expect(service.stop() == 0, "\(service.text)")
        #expect(!service.text.contains(ana), "a token in the log")
        // Each product query is in the audit log with its principal; catalog queries are not.
        let audit = try await TesseraBinary.run(["audit", "--action", "query", "--format", "json"], in: dir.url)
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(
            audit.stdout.contains("select order_id, customer, paid from sales.orders order by 1"), "\(audit.stdout)")
        #expect(audit.stdout.contains(#"\"principal\":\"ana\""#), "\(audit.stdout)")
        #expect(audit.stdout.contains("insert into sales.orders values (3)"), "a refused write is audited too")
        #expect(!audit.stdout.contains("pg_namespace"), "\(audit.stdout)")
    }

    @Test func withACertificateTheEndpointSpeaksTLS() async throws {
        let dir = try await project()
        let ana = try await token("ana", in: dir)
        let certificate = dir.url.appendingPathComponent("cert.pem"), key = dir.url.appendingPathComponent("key.pem")
        let made = try await ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/openssl"),
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", certificate.path,
                "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ])
        #expect(made.status == 0, "\(made.stderr)")
        let (service, port) = try await start(dir, ["--tls-cert", certificate.path, "--tls-key", key.path])
        defer { _ = service.stop() }
        let verified = try await psql(
            port, user: "ana", password: ana, "select ssl from (select true as ssl)",
            environment: ["PGSSLMODE": "verify-full", "PGSSLROOTCERT": certificate.path])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains(" t"), "\(verified.stdout)")
        // Without a certificate the endpoint answers N: a client that insists on TLS stops.
        let (plain, plainPort) = try await start(try copy(dir))
        defer { _ = plain.stop() }
        let refused = try await psql(
            plainPort, user: "ana", password: ana, "select 1", environment: ["PGSSLMODE": "require"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("server does not support SSL"), "\(refused.stderr)")
    }

    /// The same project in another folder (one service per environment folder).
    func copy(_ dir: TemporaryDirectory) throws -> TemporaryDirectory {
        let other = try TemporaryDirectory()
        try FileManager.default.removeItem(at: other.url)
        try FileManager.default.copyItem(at: dir.url, to: other.url)
        try? FileManager.default.removeItem(at: other.url.appendingPathComponent(".tessera/dev/serve.json"))
        return other
    }

    @Test func psycopgReadsWithParametersBinaryAndMasksAndCancels() async throws {
        let dir = try await project()
        let ana = try await token("ana", in: dir)
        let mia = try await token("mia", in: dir)
        let expiring = try await token("ana", expires: "1s", in: dir)
        let (service, port) = try await start(dir)
        defer { _ = service.stop() }
        try await Task.sleep(for: .seconds(1.2))  // the 1 s token expires

        let outcome = try await python(port, Self.psycopgScript(ana: ana, mia: mia, expiring: expiring))
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        for line in [
            "params [(1,)]", "binary (1, 10.5, 'x@acme.example', datetime.date(2026, 12, 1), Decimal('12.34'), True)",
            "text (2, 3.25, 'y@acme.example', datetime.date(2026, 12, 2), Decimal('5.00'), False)",
            "masked [('****',), ('****',)]", "private 42501", "write 25006", "expired 28P01", "cancelled 57014",
            "limit 1", "psycopg2 [(1, 10.5)]", "concurrent 20 [2]",
            "timeout 57014 canceling statement due to statement timeout",
        ] {
            #expect(outcome.stdout.contains(line), "\(line) in:\n\(outcome.stdout)")
        }
    }

    @Test func sqlAlchemysInspectorAndPandasSeeWhatTheReaderMayRead() async throws {
        let dir = try await project()
        let mia = try await token("mia", in: dir)
        let (service, port) = try await start(dir)
        defer { _ = service.stop() }
        let script = """
            import sqlalchemy as sa, pandas as pd
            for driver in ["psycopg", "psycopg2"]:
                engine = sa.create_engine(f"postgresql+{driver}://mia:\(mia)@127.0.0.1:{PORT}/acme")
                inspector = sa.inspect(engine)
                print(driver, "schemas", [s for s in inspector.get_schema_names() if s != "public"])
                print(driver, "tables", inspector.get_table_names(schema="sales"))
                print(driver, "columns", [(c["name"], str(c["type"])) for c in inspector.get_columns("orders", schema="sales")][:3])
                with engine.connect() as conn:
                    frame = pd.read_sql("select order_id, customer from sales.orders order by order_id", conn)
                    print(driver, "pandas", frame.shape, list(frame["customer"]))
            """
        let outcome = try await python(port, script)
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        for driver in ["psycopg", "psycopg2"] {
            for line in [
                "\(driver) schemas ['sales']", "\(driver) tables ['orders']",
                "\(driver) columns [('order_id', 'INTEGER'), ('amount', 'DOUBLE PRECISION'), ('customer', 'VARCHAR')]",
                "\(driver) pandas (2, 2) ['****', '****']",
            ] {
                #expect(outcome.stdout.contains(line), "\(line) in:\n\(outcome.stdout)")
            }
        }
    }

    @Test func pgjdbcReadsMetadataAndRunsAPreparedStatement() async throws {
        let dir = try await project()
        let ana = try await token("ana", in: dir)
        let (service, port) = try await start(dir)
        defer { _ = service.stop() }
        let jar = "/usr/share/java/postgresql.jar"
        #expect(FileManager.default.fileExists(atPath: jar), "pgjdbc is missing: run scripts/setup-pg-clients.sh")
        let source = try TemporaryDirectory()
        try source.write("Check.java", Self.jdbcCheck)
        let compiled = try await ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/javac"), ["-cp", jar, "Check.java"], in: source.url)
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let outcome = try await ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/java"), ["-cp", "\(jar):.", "Check", "\(port)", "ana", ana], in: source.url)
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        for line in [
            "schemas public sales", "tables ledger orders",
            "columns order_id:int4 amount:float8 customer:varchar ordered_on:date price:numeric paid:bool",
            "row 1 10.5 x@acme.example",
        ] {
            #expect(outcome.stdout.contains(line), "\(line) in:\n\(outcome.stdout)")
        }
    }

    /// What a JDBC tool does first: DatabaseMetaData's schemas, tables and columns, then a
    /// PreparedStatement with a parameter.
    static let jdbcCheck = """
        import java.sql.*;

        public class Check {
            static String list(ResultSet rs, String... columns) throws SQLException {
                StringBuilder text = new StringBuilder();
                while (rs.next()) {
                    text.append(" ");
                    for (int i = 0; i < columns.length; i++) {
                        text.append(i == 0 ? "" : ":").append(rs.getString(columns[i]));
                    }
                }
                return text.toString();
            }

            public static void main(String[] args) throws Exception {
                String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/acme";
                try (Connection conn = DriverManager.getConnection(url, args[1], args[2])) {
                    DatabaseMetaData meta = conn.getMetaData();
                    System.out.println("schemas" + list(meta.getSchemas(), "TABLE_SCHEM"));
                    System.out.println("tables" + list(meta.getTables(null, "sales", "%", new String[] {"TABLE"}), "TABLE_NAME"));
                    System.out.println("columns" + list(meta.getColumns(null, "sales", "orders", "%"), "COLUMN_NAME", "TYPE_NAME"));
                    try (PreparedStatement st = conn.prepareStatement(
                            "select order_id, amount, customer from sales.orders where order_id = ?")) {
                        st.setInt(1, 1);
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) {
                                System.out.println("row " + rs.getInt(1) + " " + rs.getDouble(2) + " " + rs.getString(3));
                            }
                        }
                    }
                }
            }
        }

        """

    static func psycopgScript(ana: String, mia: String, expiring: String) -> String {
        """
        with psycopg.connect(conninfo("ana", "\(ana)"), autocommit=True) as conn:
            print("params", conn.execute("select order_id from sales.orders where amount > %s and paid = %s", (5, True)).fetchall())
            sql = "select order_id, amount, customer, ordered_on, price, paid from sales.orders order by order_id"
            print("binary", conn.cursor(binary=True).execute(sql).fetchone())
            print("text", conn.execute(sql).fetchall()[1])
            try:
                conn.execute("insert into sales.orders values (3)")
            except psycopg.Error as e:
                print("write", e.sqlstate)
            with conn.cursor(name="portal") as cur:
                pass
            cur = conn.cursor()
            cur.execute("select order_id from sales.orders order by 1")
            print("limit", len(cur.fetchmany(1)))
            def cancel():
                time.sleep(1.0)
                conn.cancel()
            threading.Thread(target=cancel).start()
            try:
                conn.execute("select count(*) from range(100000000000) t(i) where i % 7 = 3")
                print("not cancelled")
            except psycopg.Error as e:
                print("cancelled", e.sqlstate)
            conn.execute("set statement_timeout = '500ms'")
            try:
                conn.execute("select count(*) from range(100000000000) t(i) where i % 7 = 3")
            except psycopg.Error as e:
                print("timeout", e.sqlstate, str(e).strip())
            conn.execute("set statement_timeout = 0")
        with psycopg.connect(conninfo("mia", "\(mia)"), autocommit=True) as conn:
            print("masked", conn.execute("select customer from sales.orders order by order_id").fetchall())
            try:
                conn.execute("select * from sales.ledger")
            except psycopg.Error as e:
                print("private", e.sqlstate)
        def count(results, index):
            with psycopg.connect(conninfo("ana", "\(ana)"), autocommit=True) as own:
                results[index] = own.execute("select count(*) from sales.orders").fetchone()[0]
        results = [None] * 20
        workers = [threading.Thread(target=count, args=(results, i)) for i in range(20)]
        for worker in workers: worker.start()
        for worker in workers: worker.join()
        print("concurrent", len(results), sorted(set(results)))
        import psycopg2
        with psycopg2.connect(conninfo("ana", "\(ana)")) as legacy:
            with legacy.cursor() as cur:
                cur.execute("select order_id, amount from sales.orders where customer = %s", ("x@acme.example",))
                print("psycopg2", cur.fetchall())
        try:
            psycopg.connect(conninfo("ana", "\(expiring)"))
        except psycopg.OperationalError as e:
            print("expired", "28P01" if "password authentication failed" in str(e) else str(e))
        """
    }
}
