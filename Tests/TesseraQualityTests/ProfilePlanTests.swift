import DuckDB
import Foundation
import Testing
@testable import TesseraQuality

@Suite("Profile plan")
struct ProfilePlanTests {
    static let fixtureColumns: [ProfilePlan.Column] = [
        ("n", "INTEGER"), ("amount", "DECIMAL(12,2)"), ("day", "DATE"), ("at", "TIMESTAMP"),
        ("status", "VARCHAR"), ("word", "VARCHAR"), ("flag", "BOOLEAN"), ("items", "INTEGER[]"),
    ]

    /// 1000 rows with values whose statistics are known exactly. `counted` is the same table
    /// seen through a view that counts how often it is read (an uncorrelated subquery runs once per
    /// query), so the test can tell how many queries profiling took.
    static func fixture() throws -> Connection {
        let connection = try Connection(Database())
        try connection.execute(
            """
            CREATE TABLE f AS SELECT
                i::INTEGER AS n,
                CASE WHEN i % 10 = 0 THEN NULL ELSE (i / 100.0)::DECIMAL(12,2) END AS amount,
                DATE '2024-01-01' + (i - 1)::INTEGER AS day,
                TIMESTAMP '2024-01-01 00:00:00' + to_seconds(i::BIGINT) AS at,
                ['placed', 'shipped', 'returned'][(i % 3) + 1] AS status,
                repeat('x', (i % 5)::INTEGER + 1) AS word,
                i % 2 = 0 AS flag,
                [i::INTEGER] AS items
            FROM range(1, 1001) AS r(i)
            """)
        try connection.execute("CREATE SEQUENCE reads")
        try connection.execute("CREATE VIEW counted AS SELECT * FROM f WHERE (SELECT nextval('reads')) > 0")
        return connection
    }

    static func profile(_ relation: String, columns: [ProfilePlan.Column], on connection: Connection) throws -> Profile
    {
        var scan = AggregateScan(relation: relation)
        var profiler = ProfilePlan(columns: columns)
        profiler.contribute(to: &scan)
        let row = try scan.run(on: connection)
        return try profiler.finish(scan: row, connection: connection)
    }

    /// Above twice the sample size, moments and quantiles come from a Bernoulli sample in a query
    /// of their own; counts, NULLs, min and max stay exact, in the shared scan.
    @Test func largeRelationsSampleMomentsAndQuantilesButKeepCountsExact() throws {
        let connection = try Connection(Database())
        try connection.execute(
            "CREATE TABLE big AS SELECT i AS n, CASE WHEN i % 4 = 0 THEN NULL ELSE i END AS m FROM range(1, 100001) AS r(i)"
        )
        var profiler = ProfilePlan(columns: [("n", "BIGINT"), ("m", "BIGINT")], expectedRowCount: 100_000)
        profiler.sampleRows = 10_000
        let fraction = try #require(profiler.sampleFraction)
        #expect(abs(fraction - 0.1) < 1e-12)
        var scan = AggregateScan(relation: "big")
        profiler.contribute(to: &scan)
        #expect(!scan.sql.contains("approx_quantile") && !scan.sql.contains("avg("), "sampled apart: \(scan.sql)")
        let profile = try profiler.finish(scan: try scan.run(on: connection), connection: connection)
        let n = try #require(profile[column: "n"])
        #expect(profile.rowCount == 100_000 && n.count == 100_000 && n.nulls == 0)
        #expect(n.min == .integer(1) && n.max == .integer(100_000))
        #expect(abs((n.mean ?? 0) - 50_000.5) < 2_000, "a 10% sample's mean: \(n.mean ?? 0)")
        #expect(abs((n.p50 ?? 0) - 50_000) < 3_000)
        #expect(n.quantiles?.count == ProfilePlan.quantilePoints.count)
        let m = try #require(profile[column: "m"])
        #expect(m.nulls == 25_000)
        #expect(m.stddev != nil)

        // Below the threshold every row counts, in the shared scan.
        var small = ProfilePlan(columns: [("n", "BIGINT")], expectedRowCount: 15_000)
        #expect(small.sampleFraction == nil)
        var whole = AggregateScan(relation: "big")
        small.contribute(to: &whole)
        #expect(whole.sql.contains("approx_quantile"))
    }

    @Test func profilesNumbersWithExactCountsAndApproximateQuantiles() throws {
        let connection = try Self.fixture()
        let profile = try Self.profile("f", columns: Self.fixtureColumns, on: connection)
        #expect(profile.rowCount == 1000)
        #expect(profile.schemaVersion == Profile.currentSchemaVersion)
        let n = try #require(profile[column: "n"])
        #expect(n.kind == .number)
        #expect(n.count == 1000 && n.nulls == 0)
        #expect(n.min == .integer(1) && n.max == .integer(1000))
        #expect(abs((n.mean ?? 0) - 500.5) < 1e-9)
        #expect(abs((n.stddev ?? 0) - 288.819) < 0.01)
        #expect(abs(Double(n.distinct ?? 0) - 1000) < 50)
        #expect(abs((n.p5 ?? 0) - 50) < 5)
        #expect(abs((n.p25 ?? 0) - 250) < 5)
        #expect(abs((n.p50 ?? 0) - 500) < 5)
        #expect(abs((n.p75 ?? 0) - 750) < 5)
        #expect(abs((n.p95 ?? 0) - 950) < 5)
        #expect(n.quantiles?.count == ProfilePlan.quantilePoints.count)
        #expect(n.topValues == nil)

        let amount = try #require(profile[column: "amount"])
        #expect(amount.count == 900 && amount.nulls == 100)
        #expect(abs(amount.nullRate - 0.1) < 1e-12)
        #expect(amount.min == .number(0.01) && amount.max == .number(9.99))
    }

    @Test func profilesDatesAndTimestampsAsEpochSecondsAndShowsTheirOwnType() throws {
        let connection = try Self.fixture()
        let profile = try Self.profile("f", columns: Self.fixtureColumns, on: connection)
        let day = try #require(profile[column: "day"])
        #expect(day.kind == .time)
        #expect(day.min == .text("2024-01-01") && day.max == .text("2026-09-26"))
        let start = 1_704_067_200.0  // 2024-01-01 as epoch seconds
        #expect(abs((day.mean ?? 0) - (start + 499.5 * 86_400)) < 1e-3)
        #expect(abs((day.p50 ?? 0) - (start + 499.5 * 86_400)) < 5 * 86_400)
        let at = try #require(profile[column: "at"])
        #expect(at.min == .text("2024-01-01 00:00:01") && at.max == .text("2024-01-01 00:16:40"))
        #expect(abs((at.mean ?? 0) - (start + 500.5)) < 1e-6)
        #expect(abs((at.p95 ?? 0) - (start + 950)) < 5)
    }

    @Test func profilesTextLengthsTopValuesBooleansAndNestedTypes() throws {
        let connection = try Self.fixture()
        let profile = try Self.profile("f", columns: Self.fixtureColumns, on: connection)
        let status = try #require(profile[column: "status"])
        #expect(status.kind == .text)
        #expect(
            status.topValues == [
                .init(value: .text("shipped"), count: 334), .init(value: .text("placed"), count: 333),
                .init(value: .text("returned"), count: 333),
            ])
        #expect(status.topValuesCoverAll)
        #expect(status.min == .text("placed") && status.max == .text("shipped"))
        let word = try #require(profile[column: "word"])
        #expect(word.length == ColumnProfile.Lengths(min: 1, max: 5, mean: 3))
        #expect(word.topValues?.count == 5)
        let flag = try #require(profile[column: "flag"])
        #expect(flag.kind == .boolean && flag.count == 1000 && flag.min == nil)
        #expect(
            flag.topValues == [.init(value: .boolean(false), count: 500), .init(value: .boolean(true), count: 500)])
        let items = try #require(profile[column: "items"])
        #expect(items.kind == .other && items.count == 1000 && items.nulls == 0)
        #expect(items.min == nil && items.quantiles == nil && items.topValues == nil)
    }

    @Test func takesOneScanAndOneQueryForAllTopValues() throws {
        let connection = try Self.fixture()
        _ = try Self.profile("counted", columns: Self.fixtureColumns, on: connection)
        #expect(try connection.scalar("SELECT currval('reads')")?.int64Value == 2)
        // Without low-cardinality columns there is no second query.
        _ = try Self.profile("counted", columns: [("n", "INTEGER"), ("at", "TIMESTAMP")], on: connection)
        #expect(try connection.scalar("SELECT currval('reads')")?.int64Value == 3)
    }

    @Test func keepsOnlyTheMostFrequentValues() throws {
        let connection = try Connection(Database())
        try connection.execute(
            "CREATE TABLE t AS SELECT (range % 20)::INTEGER AS code FROM range(1000) UNION ALL SELECT 7")
        let profile = try Self.profile("t", columns: [("code", "INTEGER")], on: connection)
        let code = try #require(profile[column: "code"])
        #expect(code.topValues?.count == 10)
        #expect(code.topValues?.first == .init(value: .integer(7), count: 51))
        #expect(!code.topValuesCoverAll)
    }

    @Test func sensitiveColumnsKeepCountsAndLengthsButNoValues() throws {
        let connection = try Connection(Database())
        try connection.execute(
            """
            CREATE TABLE people AS SELECT 'p' || (range % 7) || '@x.com' AS email, (range % 5)::INTEGER AS age, range % 3 AS grp
            FROM range(1000)
            """)
        var scan = AggregateScan(relation: "people")
        var profiler = ProfilePlan(
            columns: [("email", "VARCHAR"), ("age", "INTEGER"), ("grp", "BIGINT")], sensitive: ["email", "age"])
        profiler.contribute(to: &scan)
        #expect(
            !scan.expressions.contains { $0.contains("min(t.\"email\")") || $0.contains("age\" AS DOUBLE") },
            "a hidden value is not even computed")
        let profile = try profiler.finish(scan: try scan.run(on: connection), connection: connection)
        let email = try #require(profile[column: "email"]), age = try #require(profile[column: "age"])
        #expect(email.count == 1000 && email.distinct == 7 && email.length?.max == 8)
        #expect(email.min == nil && email.max == nil && email.topValues == nil)
        #expect(age.count == 1000 && age.distinct == 5)
        #expect(age.min == nil && age.max == nil && age.mean == nil && age.quantiles == nil && age.topValues == nil)
        #expect(profile[column: "grp"]?.max == .integer(2) && profile[column: "grp"]?.topValues?.count == 3)
    }

    @Test func boundsAndNullsTheWriterMeasuredAreTakenNotScanned() throws {
        let connection = try Connection(Database())
        try connection.execute(
            """
            CREATE TABLE t AS SELECT
                CASE WHEN i % 10 = 0 THEN NULL ELSE i - 500 END::BIGINT AS n,
                ((i - 300) / 7)::DECIMAL(12,2) AS amount,
                TIMESTAMP '2024-01-01' + INTERVAL (i) MINUTE AS at,
                'v' || (i % 13) AS code,
                CASE WHEN i = 5 THEN repeat('z', 20000) ELSE 'short' END AS long_text,
                i / 3.0 AS ratio,
                NULL::INTEGER AS nothing
            FROM range(1000) AS r(i)
            """)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("written-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data.parquet").path
        let stream = try connection.query("COPY t TO '\(file)' (FORMAT parquet, RETURN_STATS)")
        let statistics = try #require(try stream.nextChunk()?.values(column: 4).first)
        _ = try stream.drain()
        let written = WrittenStatistics(columnStatistics: statistics)
        #expect(written.column("n") == .init(values: 1000, nulls: 100, min: "-499", max: "499"))
        #expect(written.column("long_text")?.boundsAreExact == false, "a long string's bound is truncated")
        #expect(written.column("nothing")?.boundsAreExact == true)

        let columns: [ProfilePlan.Column] = [
            ("n", "BIGINT"), ("amount", "DECIMAL(12,2)"), ("at", "TIMESTAMP"), ("code", "VARCHAR"),
            ("long_text", "VARCHAR"), ("ratio", "DOUBLE"), ("nothing", "INTEGER"),
        ]
        let relation = "read_parquet('\(file)')"
        var scan = AggregateScan(relation: relation)
        var profiler = ProfilePlan(columns: columns, written: written)
        profiler.contribute(to: &scan)
        for taken in ["n", "amount", "at", "code", "nothing"] {
            #expect(
                !scan.expressions.contains { $0 == "min(t.\"\(taken)\")" || $0 == "count(t.\"\(taken)\")" },
                "\(taken) is not scanned")
        }
        #expect(scan.expressions.contains("min(t.\"long_text\")") && scan.expressions.contains("max(t.\"ratio\")"))
        let fromWriter = try profiler.finish(scan: try scan.run(on: connection), connection: connection)
        let scanned = try Self.profile(relation, columns: columns, on: connection)
        #expect(fromWriter.rowCount == scanned.rowCount)
        for column in scanned.columns {
            let other = try #require(fromWriter[column: column.name])
            #expect(other.min == column.min && other.max == column.max, "\(column.name)")
            #expect(other.count == column.count && other.nulls == column.nulls, "\(column.name)")
        }
        #expect(fromWriter[column: "amount"]?.min == scanned[column: "amount"]?.min)
        #expect(fromWriter[column: "n"]?.nulls == 100)
    }

    @Test func profilesAnEmptyRelation() throws {
        let connection = try Connection(Database())
        try connection.execute("CREATE TABLE t (n INTEGER, s VARCHAR)")
        let profile = try Self.profile("t", columns: [("n", "INTEGER"), ("s", "VARCHAR")], on: connection)
        #expect(profile.rowCount == 0)
        #expect(profile[column: "n"]?.count == 0)
        #expect(profile[column: "n"]?.min == nil)
        #expect(profile[column: "s"]?.topValues == nil)
    }

    @Test func quotesColumnNames() throws {
        let connection = try Connection(Database())
        try connection.execute(#"CREATE TABLE t AS SELECT range AS "odd ""name""" FROM range(3)"#)
        let profile = try Self.profile("t", columns: [(#"odd "name""#, "BIGINT")], on: connection)
        #expect(profile[column: #"odd "name""#]?.max == .integer(2))
    }

    @Test func roundTripsThroughJSON() throws {
        let connection = try Self.fixture()
        let profile = try Self.profile("f", columns: Self.fixtureColumns, on: connection)
        let data = try JSONEncoder().encode(profile)
        #expect(try JSONDecoder().decode(Profile.self, from: data) == profile)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""min":"2024-01-01""#))
        #expect(text.contains(#""schemaVersion":1"#))
    }

    @Test func classifiesContractTypes() {
        #expect(ProfilePlan.kind(of: "decimal(12, 2)") == .number)
        #expect(ProfilePlan.kind(of: "TIMESTAMP WITH TIME ZONE") == .time)
        #expect(ProfilePlan.kind(of: "VARCHAR[]") == .other)
        #expect(ProfilePlan.kind(of: "STRUCT(a INTEGER)") == .other)
        #expect(ProfilePlan.kind(of: "BLOB") == .other)
        #expect(ProfilePlan.kind(of: "bool") == .boolean)
    }
}
