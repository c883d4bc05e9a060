import Foundation
import Testing

/// A long-running `tessera serve` lets garbage collection remove old snapshots: each HTTP query
/// and each PostgreSQL session holds its lease on the snapshots it reads only while it reads
/// them (a session: while it is open, on what its last transaction read). Real binary, real
/// clients (curl's job done by Python's urllib, psycopg 3), real publishes by `tessera run`.
@Suite(.serialized) struct ServePostgresLeaseTests {
    let base = ServePostgresTests()

    @Test func oldSnapshotsAreCollectedWhileTheServiceAnswersQueries() async throws {
        let dir = try TemporaryDirectory()
        for (path, text) in ServePostgresTests.files { try dir.write(path, text) }
        // Only the current snapshot is kept, once it is a second old.
        try dir.write(
            "domains/sales/products/orders.yaml",
            ServePostgresTests.files["domains/sales/products/orders.yaml"]! + "retention: {keep: 1, max_age: 1s}\n")
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let ana = try await base.token("ana", in: dir)
        let (service, port) = try await base.start(dir)
        defer { _ = service.stop() }
        let info =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: dir.url.appendingPathComponent(".tessera/dev/serve.json"))) as? [String: Any]
        let httpPort = try #require(info?["port"] as? Int)
        let model = dir.url.appendingPathComponent("domains/sales/models/orders.sql").path
        let folder = dir.url.appendingPathComponent(".tessera/dev/domains/sales/lake/products/orders").path
        let outcome = try await base.python(port, Self.script(dir, ana: ana, httpPort: httpPort, model, folder))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let out = outcome.stdout
        #expect(out.contains("http: 200 200 200 200 200\n"), "\(out)")
        #expect(out.contains("sessions: 2 2 2 2 2\n"), "\(out)")
        // A publish's own collection keeps the snapshot it supersedes (it read it to compare):
        // the folders are the current one, the one before it, and those a reader still holds.
        // Before, every query's lease lasted as long as the service: the first snapshot stayed.
        #expect(out.contains("\nafter queries, publish 0: 2 folder(s)\n"), "\(out)")
        #expect(out.contains("open session reads 4\n"), "\(out)")
        #expect(out.contains("\nwhile a session is open, publish 0: 3 folder(s)\n"), "\(out)")
        #expect(out.contains("session reopened reads 6\n"), "\(out)")
        #expect(out.contains("\nafter the session moved on, publish 0: 2 folder(s)\n"), "\(out)")
        #expect(out.contains("\nafter the session closed, publish 0: 2 folder(s)\n"), "\(out)")
    }

    static func script(_ dir: TemporaryDirectory, ana: String, httpPort: Int, _ model: String, _ folder: String)
        -> String
    {
        """
        import datetime, os, subprocess, urllib.request
        next_id = [3]
        def publish(label):
            # The run is the service's (`tessera run` hands it over), on the service's clock: moved
            # on so that every snapshot but the newest is past max_age.
            time.sleep(1.2)
            moved = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=2 * next_id[0])
            with open(\(PythonLiteral.python(dir.url.appendingPathComponent("clock.txt").path)), "w") as f:
                f.write(moved.strftime("%Y-%m-%dT%H:%M:%SZ"))
            with open(\(PythonLiteral.python(model)), "a") as f:
                f.write(f"union all select {next_id[0]}, 1.0, 'z@acme.example', DATE '2026-12-03', 1.00, true\\n")
            next_id[0] += 1
            r = subprocess.run([\(PythonLiteral.python(TesseraBinary.url.path)), "run"], cwd=\(PythonLiteral.python(dir.url.path)), capture_output=True, text=True)
            time.sleep(0.3)
            print(f"{label}, publish {r.returncode}: {len(os.listdir(\(PythonLiteral.python(folder))))} folder(s)")
        def http_query():
            request = urllib.request.Request(
                "http://127.0.0.1:\(httpPort)/api/v1/query", data=b'{"sql": "select count(*) from sales.orders"}',
                headers={"Authorization": "Bearer \(ana)", "Content-Type": "application/json"}, method="POST")
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                return response.status
        def count(conn):
            return conn.execute("select count(*) from sales.orders").fetchone()[0]
        print("http:", *[http_query() for _ in range(5)])
        counts = []
        for _ in range(5):
            with psycopg.connect(conninfo("ana", "\(ana)"), autocommit=True) as conn:
                counts.append(count(conn))
        print("sessions:", *counts)
        time.sleep(0.3)  # the leases end in tasks of their own
        publish("first after queries")
        publish("after queries")
        held = psycopg.connect(conninfo("ana", "\(ana)"), autocommit=True)
        print("open session reads", count(held))
        publish("first while a session is open")
        publish("while a session is open")
        print("session reopened reads", count(held))
        time.sleep(0.3)
        publish("after the session moved on")
        held.close()
        time.sleep(0.3)
        publish("after the session closed")
        """
    }
}
