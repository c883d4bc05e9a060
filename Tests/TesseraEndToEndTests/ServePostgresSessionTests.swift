import Foundation
import Testing

/// Sessions of the PostgreSQL endpoint, through real clients (psql, psycopg 3) against the real
/// binary: several statements in one Query message, the limit on sessions open at once
/// (`--pg-max-sessions`), and the idle-session timeout (`--pg-idle-timeout`, `SET
/// idle_session_timeout`). The mesh and the helpers are `ServePostgresTests`'.
@Suite(.serialized) struct ServePostgresSessionTests {
    let base = ServePostgresTests()

    @Test func severalStatementsInOneQueryRunInOrderAndAnErrorStopsTheRest() async throws {
        let dir = try await base.project()
        let ana = try await base.token("ana", in: dir)
        let (service, port) = try await base.start(dir)
        defer { _ = service.stop() }

        let both = try await base.psql(
            port, user: "ana", password: ana, "select 40 + 2 as first; select order_id from sales.orders order by 1")
        #expect(both.status == 0, "\(both.stderr)")
        let first = try #require(both.stdout.range(of: "first"))
        let second = try #require(both.stdout.range(of: "order_id"))
        #expect(first.lowerBound < second.lowerBound, "\(both.stdout)")
        #expect(both.stdout.contains("42") && both.stdout.contains("(2 rows)"), "\(both.stdout)")

        let failing = try await base.psql(
            port, user: "ana", password: ana, "select 40 + 2 as first; select nope from sales.orders; select 'third'")
        #expect(failing.status != 0)
        #expect(failing.stdout.contains("42"), "\(failing.stdout)")
        #expect(!failing.stdout.contains("third"), "\(failing.stdout)")
        #expect(failing.stderr.contains("nope"), "\(failing.stderr)")

        let sets = try await base.python(
            port,
            """
            with psycopg.connect(conninfo("ana", "\(ana)"), autocommit=True) as conn:
                cur = conn.execute("select 1 as a; select count(*) from sales.orders; show server_version")
                print(cur.fetchall()); cur.nextset(); print(cur.fetchall()); cur.nextset(); print(cur.fetchall())
            """)
        #expect(sets.status == 0, "\(sets.stderr)")
        #expect(sets.stdout == "[(1,)]\n[(2,)]\n[('15.6',)]\n", "\(sets.stdout)")
    }

    @Test func sessionsBeyondTheLimitGet53300UntilOneCloses() async throws {
        let dir = try await base.project()
        let ana = try await base.token("ana", in: dir)
        let (service, port) = try await base.start(dir, ["--pg-max-sessions", "2"])
        defer { _ = service.stop() }

        let outcome = try await base.python(
            port,
            """
            first = psycopg.connect(conninfo("ana", "\(ana)"))
            second = psycopg.connect(conninfo("ana", "\(ana)"))
            try:
                psycopg.connect(conninfo("ana", "\(ana)"))
                print("third connected")
            except psycopg.OperationalError as e:
                print("refused:", e)
            first.close()
            for attempt in range(50):
                try:
                    third = psycopg.connect(conninfo("ana", "\(ana)"))
                    print("after a close:", third.execute("select count(*) from sales.orders").fetchone()[0])
                    break
                except psycopg.OperationalError:
                    time.sleep(0.1)
            print("second still works:", second.execute("select 1").fetchone()[0])
            """)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("refused:") && outcome.stdout.contains("too many clients"), "\(outcome.stdout)")
        #expect(!outcome.stdout.contains("third connected"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("after a close: 2"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("second still works: 1"), "\(outcome.stdout)")
    }

    @Test func anIdleSessionIsClosedWith57P05ButNotInATransactionOrWhenItSaysSo() async throws {
        let dir = try await base.project()
        let ana = try await base.token("ana", in: dir)
        let (service, port) = try await base.start(dir, ["--pg-idle-timeout", "1s"])
        defer { _ = service.stop() }

        let outcome = try await base.python(
            port,
            """
            idle = psycopg.connect(conninfo("ana", "\(ana)"), autocommit=True)
            print("setting:", idle.execute("show idle_session_timeout").fetchone()[0])
            staying = psycopg.connect(conninfo("ana", "\(ana)"), autocommit=True)
            staying.execute("set idle_session_timeout = 0")
            in_block = psycopg.connect(conninfo("ana", "\(ana)"))
            in_block.execute("select 1")
            time.sleep(2.5)
            try:
                idle.execute("select 1")
                print("idle survived")
            except psycopg.OperationalError as e:
                print("idle closed:", e)
            print("staying:", staying.execute("select 2").fetchone()[0])
            print("in a block:", in_block.execute("select 3").fetchone()[0])
            """)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("setting: 1000ms"), "\(outcome.stdout)")
        #expect(
            outcome.stdout.contains("idle closed:") && outcome.stdout.contains("idle-session timeout"),
            "\(outcome.stdout)")
        #expect(outcome.stdout.contains("staying: 2"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("in a block: 3"), "\(outcome.stdout)")
    }

    @Test func aSessionIdleInsideABlockIsClosedWith25P03WhenItAsksFor() async throws {
        let dir = try await base.project()
        let ana = try await base.token("ana", in: dir)
        let (service, port) = try await base.start(dir, ["--pg-idle-timeout", "0"])
        defer { _ = service.stop() }

        let outcome = try await base.python(
            port,
            """
            plain = psycopg.connect(conninfo("ana", "\(ana)"))
            print("default:", plain.execute("show idle_in_transaction_session_timeout").fetchone()[0])
            strict = psycopg.connect(conninfo("ana", "\(ana)"), autocommit=True)
            strict.execute("set idle_in_transaction_session_timeout = '500ms'")
            strict.execute("begin")
            strict.execute("select 1")
            time.sleep(2)
            try:
                strict.execute("select 2")
                print("strict survived")
            except psycopg.Error as e:
                print("strict closed:", e.sqlstate, e)
            print("plain in a block:", plain.execute("select 3").fetchone()[0])
            """)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("default: 0"), "\(outcome.stdout)")
        #expect(
            outcome.stdout.contains("strict closed: 25P03") && outcome.stdout.contains("idle-in-transaction timeout"),
            "\(outcome.stdout)")
        #expect(outcome.stdout.contains("plain in a block: 3"), "\(outcome.stdout)")
    }
}
