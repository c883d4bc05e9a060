import DuckDB
import Foundation
import Testing

/// Types through the real binary: every type a model can produce is published exactly and read
/// back as the contract's type (by consumers, `tessera query` and `tessera check`); a type no
/// snapshot can hold, and a check that does not fit its column's type, are `validate` errors;
/// a check that fails while running is that check's `error`, and the other checks still run.
@Suite struct ExactTypesTests {
    static let base: [String: String] = [
        "tessera.yaml": "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n",
        "domains/sales/domain.yaml": "owner: sales@acme.example\n",
        "domains/sales/sources/orders.yaml":
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: full}\n",
        "domains/sales/data/orders.csv": "order_id,status,ordered_at\n1,placed,2024-01-01\n2,shipped,2024-01-02\n",
    ]

    static let exactModel = """
        select status,
          sum(order_id::BIGINT) as total,
          99999999999999999999999999999999999999::HUGEINT as big,
          -99999999999999999999999999999999999999::HUGEINT as small,
          99999999999999999999999999999999999999::UHUGEINT as ubig,
          '12:00:00.123456+05:30'::TIMETZ as tz,
          INTERVAL '1 month -3 days 00:00:00.000003' as iv,
          '2024-01-02 03:04:05'::TIMESTAMP_S as ts_s,
          '2024-01-02 03:04:05.123'::TIMESTAMP_MS as ts_ms,
          '2024-01-02 03:04:05.123456789'::TIMESTAMP_NS as ts_ns,
          'b'::ENUM('a', 'b') as e,
          '0101011'::BIT as bits,
          '123456789012345678901234567890123456789012345678901234567890'::BIGNUM as bn,
          [1, 2, 3]::INTEGER[3] as arr,
          union_value(s := 'x')::UNION(n INTEGER, s VARCHAR) as u,
          {'h': 12345678901234567890123::HUGEINT, 't': '01:00:00-08'::TIMETZ} as st,
          MAP {1::HUGEINT: '10:00:00+01'::TIMETZ} as m
        from src.orders group by status

        """

    static let exactContract = """
        version: 1.0.0
        contract:
          primary_key: [status]
          columns:
            - {name: status, type: VARCHAR, nullable: false}
            - {name: total, type: HUGEINT}
            - {name: big, type: HUGEINT}
            - {name: small, type: HUGEINT}
            - {name: ubig, type: UHUGEINT}
            - {name: tz, type: TIMETZ}
            - {name: iv, type: INTERVAL}
            - {name: ts_s, type: TIMESTAMP_S}
            - {name: ts_ms, type: TIMESTAMP_MS}
            - {name: ts_ns, type: TIMESTAMP_NS}
            - {name: e, type: "ENUM('a', 'b')"}
            - {name: bits, type: BIT}
            - {name: bn, type: BIGNUM}
            - {name: arr, type: "INTEGER[3]"}
            - {name: u, type: "UNION(n INTEGER, s VARCHAR)"}
            - {name: st, type: "STRUCT(h HUGEINT, t TIME WITH TIME ZONE)"}
            - {name: m, type: "MAP(HUGEINT, TIMETZ)"}
        checks:
          - unique: status
          - range: {column: total, min: 0}
          - not_null: [tz, iv, u]

        """

    func mesh(_ extra: [String: String]) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for (path, text) in Self.base.merging(extra, uniquingKeysWith: { $1 }) { try dir.write(path, text) }
        return dir
    }

    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func everyTypeAModelProducesIsPublishedExactlyAndReadBackAsTheContractsType() async throws {
        let dir = try mesh([
            "domains/sales/models/totals.sql": Self.exactModel,
            "domains/sales/products/totals.yaml": Self.exactContract,
            "domains/finance/domain.yaml": "owner: finance@acme.example\n",
            "domains/finance/models/copy.sql": "select * from sales.totals\n",
            // Relationships read the target's snapshot as its contract's types too.
            "domains/finance/products/copy.yaml": """
            version: 1.0.0
            contract:
              columns:
                - {name: status, type: VARCHAR}
                - {name: total, type: HUGEINT}
                - {name: tz, type: TIMETZ}
                - {name: e, type: "ENUM('a', 'b')"}
            checks:
              - relationship: {column: total, to: sales.totals.total}
              - relationship: {column: tz, to: sales.totals.tz}
              - relationship: {column: e, to: sales.totals.e}

            """,
        ])
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("contract holds"), "\(run.stdout)")
        #expect(run.stdout.contains("checks: 3 passed"), "the relationships hold: \(run.stdout)")

        let types = try await TesseraBinary.run(
            ["query", "select typeof(COLUMNS(*)) from sales.totals limit 1", "--format", "json"], in: dir.url)
        let row = try #require((try json(types.stdout) as? [[String: Any]])?.first, "\(types.stdout)\(types.stderr)")
        let expected = [
            "total": "HUGEINT", "big": "HUGEINT", "ubig": "UHUGEINT", "tz": "TIME WITH TIME ZONE", "iv": "INTERVAL",
            "ts_s": "TIMESTAMP_S", "ts_ms": "TIMESTAMP_MS", "ts_ns": "TIMESTAMP_NS", "e": "ENUM('a', 'b')",
            "bits": "BIT",
            "bn": "BIGNUM", "arr": "INTEGER[3]", "u": "UNION(n INTEGER, s VARCHAR)",
            "st": "STRUCT(h HUGEINT, t TIME WITH TIME ZONE)", "m": "MAP(HUGEINT, TIME WITH TIME ZONE)",
        ]
        for (column, type) in expected { #expect(row[column] as? String == type, "\(column): \(row[column] ?? "nil")") }

        // The values, exactly: compared in DuckDB with what the model computes.
        let values = try await TesseraBinary.run(
            [
                "query",
                """
                select total, big::VARCHAR, small::VARCHAR, ubig::VARCHAR, tz::VARCHAR, iv::VARCHAR, ts_ms::VARCHAR, ts_ns::VARCHAR,
                       bn::VARCHAR, st::VARCHAR, m::VARCHAR, union_tag(u)::VARCHAR
                from sales.totals where status = 'shipped'
                """, "--format", "json",
            ], in: dir.url)
        let shipped = try #require(
            (try json(values.stdout) as? [[String: Any]])?.first, "\(values.stdout)\(values.stderr)")
        let texts = shipped.mapValues { "\($0)" }
        #expect(
            Set(texts.values).isSuperset(of: [
                "2", "99999999999999999999999999999999999999", "-99999999999999999999999999999999999999",
                "12:00:00.123456+05:30",
                "1 month -3 days 00:00:00.000003", "2024-01-02 03:04:05.123", "2024-01-02 03:04:05.123456789",
                "123456789012345678901234567890123456789012345678901234567890",
                "{'h': 12345678901234567890123, 't': '01:00:00-08'}",
                "{1='10:00:00+01'}", "s",
            ]), "\(texts)")

        // A consumer in another domain builds on the product with its types.
        let consumer = try Database(
            path: dir.url.appendingPathComponent(".tessera/dev/domains/finance/warehouse.duckdb").path
        ).connect()
        let built =
            try consumer.rows("select typeof(total), typeof(tz), big::VARCHAR from main.copy limit 1").first ?? []
        #expect(
            built == [
                .varchar("HUGEINT"), .varchar("TIME WITH TIME ZONE"),
                .varchar("99999999999999999999999999999999999999"),
            ])

        let check = try await TesseraBinary.run(["check"], in: dir.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("contract holds") && check.stdout.contains("checks: 5 passed"), "\(check.stdout)")
    }

    @Test func anEarlierMajorIsServedWithItsOwnTypesToo() async throws {
        let v1 = """
            version: 1.0.0
            contract:
              columns:
                - {name: status, type: VARCHAR}
                - {name: total, type: HUGEINT}
                - {name: tz, type: TIME WITH TIME ZONE}
                - {name: e, type: "ENUM('placed', 'shipped')"}

            """
        let dir = try mesh([
            "domains/sales/models/totals.sql": """
            select status, sum(order_id::BIGINT) as total, '12:00:00+05:30'::TIMETZ as tz,
                   status::ENUM('placed', 'shipped') as e
            from src.orders group by status

            """,
            "domains/sales/products/totals.yaml": v1,
        ])
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        try dir.write(
            "domains/sales/products/totals.yaml",
            v1.replacingOccurrences(of: "1.0.0", with: "2.0.0")
                .replacingOccurrences(of: "    - {name: tz, type: TIME WITH TIME ZONE}\n", with: ""))
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let query = try await TesseraBinary.run(
            [
                "query", "select typeof(total), typeof(tz), tz::VARCHAR, typeof(e) from sales.totals__v1 limit 1",
                "--format", "json",
            ], in: dir.url)
        let row = try #require((try json(query.stdout) as? [[String: Any]])?.first, "\(query.stdout)\(query.stderr)")
        #expect(
            Set(row.values.map { "\($0)" }) == [
                "HUGEINT", "TIME WITH TIME ZONE", "12:00:00+05:30", "ENUM('placed', 'shipped')",
            ], "\(row)")
    }

    @Test func aHugeintBeyondThirtyEightDigitsIsRefusedByNameNotRounded() async throws {
        let dir = try mesh([
            "domains/sales/models/totals.sql":
                "select status, 170141183460469231731687303715884105727::HUGEINT as big from src.orders\n",
            "domains/sales/products/totals.yaml": """
            version: 1.0.0
            contract:
              columns:
                - {name: status, type: VARCHAR}
                - {name: big, type: HUGEINT}

            """,
        ])
        let run = try await TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
        let output = run.stdout + run.stderr
        #expect(output.contains("big (HUGEINT) holds a value of more than 38 digits"), "\(output)")
        #expect(output.contains("DECIMAL(38,0)") && output.contains("VARCHAR"), "\(output)")
    }

    @Test func aTypeNoSnapshotHoldsExactlyIsAValidateErrorOnTheContractColumn() async throws {
        let dir = try mesh([
            "domains/sales/models/totals.sql": "select status, 1::VARIANT as v from src.orders\n",
            "domains/sales/products/totals.yaml": """
            version: 1.0.0
            contract:
              columns:
                - {name: status, type: VARCHAR}
                - {name: v, type: VARIANT}
                - {name: w, type: NOSUCHTYPE}

            """,
        ])
        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(validate.status == 2, "\(validate.stdout)\(validate.stderr)")
        #expect(
            validate.stdout.contains(
                "domains/sales/products/totals.yaml:5:7: error: column 'v': a snapshot cannot hold VARIANT exactly"),
            "\(validate.stdout)")
        #expect(validate.stdout.contains("hint: declare JSON"), "\(validate.stdout)")
        #expect(
            validate.stdout.contains("totals.yaml:6:7: error: column 'w': DuckDB does not know the type 'NOSUCHTYPE'"),
            "\(validate.stdout)")
    }

    @Test func checksThatDoNotFitTheirColumnsTypesAreValidateErrorsWithLocationAndHint() async throws {
        let dir = try mesh([
            "domains/sales/models/orders.sql":
                "select order_id, status, ordered_at::VARCHAR as ordered_at, ordered_at as day from src.orders\n",
            "domains/sales/products/orders.yaml": """
            version: 1.0.0
            contract:
              columns:
                - {name: order_id, type: BIGINT}
                - {name: status, type: VARCHAR}
                - {name: ordered_at, type: VARCHAR}
                - {name: day, type: DATE}
            checks:
              - freshness: {column: ordered_at, max_age: 1d}
              - range: {column: day, min: 0}
              - regex: {column: order_id, pattern: "[0-9]+"}
              - accepted_values: {column: order_id, values: ["1", "one"]}
              - relationship: {column: status, to: sales.orders.order_id}
              - freshness: {column: day, max_age: 1d}

            """,
        ])
        let validate = try await TesseraBinary.run(["validate"], in: dir.url)
        #expect(validate.status == 2, "\(validate.stdout)\(validate.stderr)")
        let out = validate.stdout
        #expect(
            out.contains(
                "orders.yaml:9:5: error: freshness on 'ordered_at' needs a date or timestamp, but 'ordered_at' is VARCHAR"
            ), "\(out)")
        #expect(out.contains("CAST(ordered_at AS TIMESTAMP)"), "the hint says what to write: \(out)")
        #expect(out.contains("orders.yaml:10:5: error: range on 'day' compares numbers, but 'day' is DATE"), "\(out)")
        #expect(
            out.contains("orders.yaml:11:5: error: regex on 'order_id' matches text, but 'order_id' is BIGINT"),
            "\(out)")
        #expect(
            out.contains(
                "orders.yaml:12:5: error: accepted_values on 'order_id': 'one' is not a value of its type, BIGINT"),
            "\(out)")
        #expect(!out.contains("'1' is not a value"), "\(out)")
        #expect(
            out.contains(
                "orders.yaml:13:5: error: relationship from 'status' (VARCHAR) to sales.orders.order_id (BIGINT)"),
            "\(out)")
        #expect(!out.contains("orders.yaml:14:5"), "freshness on a DATE is fine: \(out)")
        #expect(out.contains("5 errors"), "\(out)")
    }

    @Test func aCheckFailingWhileRunningIsThatChecksErrorAndTheOtherChecksStillRun() async throws {
        let contract = """
            version: 1.0.0
            contract:
              columns:
                - {name: order_id, type: BIGINT}
                - {name: status, type: VARCHAR}
            checks:
              - row_count: {min: 1}
              - row_count: {min: 1}
                where: "CAST(status AS INTEGER) > 0"
              - accepted_values: {column: status, values: [placed, shipped]}

            """
        let dir = try mesh([
            "domains/sales/models/orders.sql": "select order_id, status from src.orders\n",
            "domains/sales/products/orders.yaml": contract,
        ])
        await #expect(
            try TesseraBinary.run(["validate"], in: dir.url).status == 0, "the where is SQL: only running it tells")
        let run = try await TesseraBinary.run(["run", "--format", "json"], in: dir.url)
        #expect(run.status == 1, "the failing check blocks publishing: \(run.stdout)\(run.stderr)")
        let quality = try #require(
            ((try json(run.stdout) as? [String: Any])?["quality"] as? [[String: Any]])?.first, "\(run.stdout)")
        let checks = quality["checks"] as? [[String: Any]] ?? []
        #expect(checks.map { $0["status"] as? String } == ["passed", "error", "passed"], "\(checks)")
        let message = checks.count == 3 ? checks[1]["message"] as? String ?? "" : ""
        #expect(
            message.contains("the check failed while running") && message.contains("Could not convert string 'placed'"),
            "\(message)")
        #expect((quality["contract"] as? [String: Any])?["passed"] as? Bool == true, "\(quality)")

        // `tessera check` on a published snapshot: the same, as a data failure (1), never an internal error (3).
        try dir.write(
            "domains/sales/products/orders.yaml",
            contract.replacingOccurrences(
                of: "              - row_count: {min: 1}\n                where",
                with: "              - row_count: {min: 0}\n                where"
            )
            .replacingOccurrences(of: "CAST(status AS INTEGER) > 0", with: "true"))
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        try dir.write("domains/sales/products/orders.yaml", contract)
        let check = try await TesseraBinary.run(["check"], in: dir.url)
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("the check failed while running"), "\(check.stdout)")
        #expect(check.stdout.contains("checks: 2 passed"), "\(check.stdout)")
    }
}
