import Foundation
import Testing
import TesseraTesting

/// What clients expect of the PostgreSQL endpoint beyond single queries, through real clients
/// (psql, psycopg 3) against the real binary: `SET search_path` applied to unqualified names,
/// `EXPLAIN` in PostgreSQL's shape, transactions that read one set of snapshots across a real
/// publish, and sign-in with a token or the password of a principal that has both. The mesh
/// and the helpers are `ServePostgresTests'`.
@Suite(.serialized) struct ServePostgresClientTests {
    let base = ServePostgresTests()

    @Test func searchPathResolvesUnqualifiedNamesThroughWhatThePrincipalMaySee() async throws {
        let dir = try await base.project()
        let ana = try await base.token("ana", in: dir)
        let mia = try await base.token("mia", in: dir)
        let (service, port) = try await base.start(dir)
        defer { _ = service.stop() }

        let outcome = try await base.python(
            port,
            """
            def sqlstate(conn, sql):
                try:
                    conn.execute(sql).fetchall()
                    return "ran"
                except psycopg.Error as e:
                    return f"{e.sqlstate} {e}"
            a = psycopg.connect(conninfo("ana", "\(ana)"), autocommit=True)
            print("default:", a.execute("show search_path").fetchone()[0], a.execute("select current_schema()").fetchone()[0])
            print("unset:", sqlstate(a, "select * from orders"))
            a.execute("set search_path to nowhere, sales, public")
            print("set:", a.execute("show search_path").fetchone()[0])
            print("rows:", a.execute("select count(*) from orders").fetchone()[0])
            print("schema:", a.execute("select current_schema()").fetchone()[0])
            print("schemas:", a.execute("select current_schemas(false)").fetchone()[0], a.execute("select current_schemas(true)").fetchone()[0])
            print("ledger:", a.execute("select count(*) from ledger").fetchone()[0])
            a.execute("reset search_path")
            print("reset:", sqlstate(a, "select * from orders"))
            a.execute("set schema 'sales'")
            print("set schema:", a.execute("select order_id from orders where order_id = %s", (2,)).fetchone()[0])
            o = psycopg.connect(conninfo("ana", "\(ana)") + " options='-c search_path=sales'", autocommit=True)
            print("options:", o.execute("select count(*) from orders").fetchone()[0], o.execute("show search_path").fetchone()[0])
            m = psycopg.connect(conninfo("mia", "\(mia)"), autocommit=True)
            m.execute("set search_path = sales")
            print("mia orders:", m.execute("select customer from orders order by order_id").fetchall())
            print("mia ledger:", sqlstate(m, "select * from ledger"))
            print("mia qualified:", sqlstate(m, "select * from sales.ledger"))
            m.execute("set search_path = '; drop table x; --', sales")
            print("mia odd:", m.execute("show search_path").fetchone()[0], m.execute("select count(*) from orders").fetchone()[0])
            """)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let out = outcome.stdout
        #expect(out.contains("default: \"$user\", public public\n"), "\(out)")
        #expect(out.contains("unset: 42P01"), "\(out)")
        #expect(out.contains("set: nowhere, sales, public\n"), "\(out)")
        #expect(out.contains("rows: 2\n") && out.contains("schema: sales\n"), "\(out)")
        #expect(out.contains("schemas: ['sales', 'public'] ['pg_catalog', 'sales', 'public']\n"), "\(out)")
        #expect(out.contains("ledger: 1\n") && out.contains("reset: 42P01"), "\(out)")
        #expect(out.contains("set schema: 2\n") && out.contains("options: 2 sales\n"), "\(out)")
        #expect(out.contains("mia orders: [('****',), ('****',)]"), "\(out)")
        let ledger = try #require(out.split(separator: "\n").first { $0.hasPrefix("mia ledger:") })
        #expect(ledger.hasPrefix("mia ledger: 42P01"), "\(out)")
        #expect(
            !ledger.contains("sales.ledger") && !ledger.contains("may not") && !ledger.contains("refused"), "\(ledger)")
        #expect(out.contains("mia qualified: 42501"), "\(out)")
        #expect(out.contains("mia odd: \"; drop table x; --\", sales 2\n"), "\(out)")

        let psql = try await base.psql(
            port, user: "ana", password: ana, "set search_path to sales; select order_id from orders order by 1")
        #expect(psql.status == 0, "\(psql.stderr)")
        #expect(psql.stdout.contains("(2 rows)"), "\(psql.stdout)")
    }

    @Test func explainAnswersInPostgreSQLsShapeAndShowsNoInternals() async throws {
        let dir = try await base.project()
        let ana = try await base.token("ana", in: dir)
        let mia = try await base.token("mia", in: dir)
        let (service, port) = try await base.start(dir)
        defer { _ = service.stop() }

        let outcome = try await base.python(
            port,
            """
            import re
            def plan(conn, sql, params=None):
                try:
                    cur = conn.execute(sql, params)
                    return cur.description[0].name, [r[0] for r in cur.fetchall()]
                except psycopg.Error as e:
                    return "error", [f"{e.sqlstate} {e}"]
            a = psycopg.connect(conninfo("ana", "\(ana)"), autocommit=True)
            name, lines = plan(a, "explain select paid, count(*) from sales.orders where amount > 1 group by paid")
            print("column:", name)
            print("plan:", lines)
            m = re.search(r"cost=([\\d.]+)\\.\\.([\\d.]+)", lines[0])
            print("cost:", m is not None and float(m.group(2)) >= float(m.group(1)))
            print("params:", plan(a, "explain (costs true, verbose) select * from sales.orders where order_id = %s", (1,))[1][0])
            m2 = psycopg.connect(conninfo("mia", "\(mia)"), autocommit=True)
            print("mia plan:", plan(m2, "explain select customer from sales.orders")[1])
            print("mia private:", plan(m2, "explain select * from sales.ledger")[1][0])
            print("analyze:", plan(a, "explain analyze select * from sales.orders")[1][0])
            """)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let out = outcome.stdout
        #expect(out.contains("column: QUERY PLAN\n"), "\(out)")
        #expect(out.contains("cost: True\n"), "\(out)")
        #expect(out.contains("Seq Scan on sales.orders"), "\(out)")
        #expect(out.contains("params: ") && out.contains("(cost="), "\(out)")
        let plans = out.split(separator: "\n").filter { $0.hasPrefix("plan:") || $0.hasPrefix("mia plan:") }
        #expect(plans.count == 2 && plans.allSatisfy { $0.contains("Seq Scan on sales.orders") }, "\(out)")
        for leak in ["/", "parquet", ".tessera", "snapshot", "md5", "hash", "redact", "****", "customer"] {
            #expect(!plans.joined().contains(leak), "\(leak) in \(plans)")
        }
        #expect(out.contains("mia private: 42501"), "\(out)")
        #expect(out.contains("analyze: 0A000"), "\(out)")
    }

    @Test func aTransactionReadsOneSetOfSnapshotsAcrossARealPublish() async throws {
        let dir = try await base.project()
        let ana = try await base.token("ana", in: dir)
        let (service, port) = try await base.start(dir)
        defer { _ = service.stop() }
        let model = dir.url.appendingPathComponent("domains/sales/models/orders.sql").path
        let outcome = try await base.python(
            port,
            """
            import subprocess
            def count(conn):
                return conn.execute("select count(*) from sales.orders").fetchone()[0]
            next_id = [3]
            def publish(rows):
                extra = "".join(f"\\nunion all select {n}, 1.0, 'z@acme.example', DATE '2026-12-03', 1.00, true" for n in range(next_id[0], next_id[0] + rows))
                next_id[0] += rows
                with open(\(PythonLiteral.python(model)), "a") as f:
                    f.write(extra + "\\n")
                r = subprocess.run([\(PythonLiteral.python(TesseraBinary.url.path)), "run"], cwd=\(PythonLiteral.python(dir.url.path)), capture_output=True, text=True)
                print("publish:", r.returncode, r.stderr.strip()[-300:] if r.returncode else "")
            a = psycopg.connect(conninfo("ana", "\(ana)"), autocommit=True)
            b = psycopg.connect(conninfo("ana", "\(ana)"), autocommit=True)
            print("before:", count(a))
            # One Query message, two statements; a publish lands while the first runs.
            ended = {}
            def publish_soon():
                time.sleep(0.5)
                publish(1)
                ended["publish"] = time.time()
            worker = threading.Thread(target=publish_soon)
            worker.start()
            cur = a.execute("select count(*) from range(600000000) t(i) where i % 7 = 3; select count(*) from sales.orders")
            cur.nextset()
            in_message = cur.fetchone()[0]
            ended["message"] = time.time()
            worker.join()
            print("publish ended first:", ended["publish"] < ended["message"])
            print("second statement of the message:", in_message)
            print("next message:", count(a))
            a.execute("begin")
            print("in block:", count(a))
            publish(1)
            print("in block after a publish:", count(a), a.execute("select max(order_id) from sales.orders").fetchone()[0])
            print("another session:", count(b))
            a.execute("commit")
            print("after commit:", count(a))
            a.execute("begin")
            try:
                a.execute("select nope from sales.orders")
            except psycopg.Error as e:
                print("failing:", e.sqlstate)
            for sql in ["select 1", "select count(*) from sales.orders"]:
                try:
                    a.execute(sql)
                    print("ran after the failure")
                except psycopg.Error as e:
                    print("aborted:", e.sqlstate, e)
            a.execute("rollback")
            print("after rollback:", count(a))
            """)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let out = outcome.stdout
        #expect(out.contains("before: 2\n"), "\(out)")
        #expect(out.contains("publish: 0 \n"), "\(out)")
        #expect(out.contains("publish ended first: True\n"), "\(out)")
        #expect(out.contains("second statement of the message: 2\n") && out.contains("next message: 3\n"), "\(out)")
        #expect(out.contains("in block: 3\n") && out.contains("in block after a publish: 3 3\n"), "\(out)")
        #expect(out.contains("another session: 4\n") && out.contains("after commit: 4\n"), "\(out)")
        #expect(out.contains("failing: 42703\n"), "\(out)")
        #expect(!out.contains("ran after the failure"), "\(out)")
        #expect(
            out.contains(
                "aborted: 25P02 current transaction is aborted, commands ignored until end of transaction block"),
            "\(out)")
        #expect(out.contains("after rollback: 4\n"), "\(out)")

        // In one Query message the statements after an error do not run, and a block's error
        // aborts it until ROLLBACK, as psql shows.
        let psql = try await base.psql(
            port, user: "ana", password: ana, "begin; select nope from sales.orders; select 'after'; rollback")
        #expect(psql.status != 0 && !psql.stdout.contains("after"), "\(psql.stdout)\(psql.stderr)")
    }

    @Test func aPrincipalWithTokensAndAPasswordSignsInWithEither() async throws {
        let dir = try await base.project()
        // ana's token exists before her password; mia's password before her token.
        let ana = try await base.token("ana", in: dir)
        let anaPassword = "correct-horse-battery-staple"
        let miaPassword = "a-long-enough-secret-for-mia"
        for (principal, password) in [("ana", anaPassword), ("mia", miaPassword)] {
            let set = try await ProcessRunner.run(
                URL(fileURLWithPath: "/bin/sh"),
                ["-c", "printf '%s\\n' \"$PW\" | \"$TESSERA\" user set-password \(principal)"], in: dir.url,
                environment: ["PW": password, "TESSERA": TesseraBinary.url.path, "NO_COLOR": "1"])
            #expect(set.status == 0, "\(set.stdout)\(set.stderr)")
        }
        let mia = try await base.token("mia", in: dir)
        let (service, port) = try await base.start(dir)
        defer { _ = service.stop() }

        let outcome = try await base.python(
            port,
            """
            def sign_in(user, secret):
                try:
                    with psycopg.connect(conninfo(user, secret)) as c:
                        return c.execute("select current_user").fetchone()[0]
                except psycopg.OperationalError as e:
                    return "refused " + str(e).strip()
            print("ana token:", sign_in("ana", "\(ana)"))
            print("ana password:", sign_in("ana", "\(anaPassword)"))
            print("mia token:", sign_in("mia", "\(mia)"))
            print("mia password:", sign_in("mia", "\(miaPassword)"))
            print("wrong:", sign_in("ana", "not-the-password-at-all"))
            """)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let out = outcome.stdout
        #expect(out.contains("ana token: ana\n") && out.contains("ana password: ana\n"), "\(out)")
        #expect(out.contains("mia token: mia\n") && out.contains("mia password: mia\n"), "\(out)")
        #expect(out.contains("wrong: refused") && out.contains("password authentication failed"), "\(out)")
    }
}

/// A Swift string as a Python string literal.
enum PythonLiteral {
    static func python(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
