import DuckDB
import Foundation
import Testing
import TesseraModel
@testable import TesseraQuality

@Suite("Drift detector")
struct DriftDetectorTests {
    /// 100k draws of normal(mean, 1) by Box–Muller; successive tables continue one seeded
    /// stream, so they are independent samples.
    static func normalProfiles(means: [Double]) throws -> [Profile] {
        let connection = try Connection(Database())
        try connection.execute("SET threads = 1")
        try connection.execute("SELECT setseed(0.42)")
        return try means.enumerated().map { index, mean in
            try connection.execute(
                """
                CREATE TABLE s\(index) AS SELECT \(mean) + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS x
                FROM range(100000)
                """)
            var scan = AggregateScan(relation: "s\(index)")
            var profiler = ProfilePlan(columns: [("x", "DOUBLE")])
            profiler.contribute(to: &scan)
            return try profiler.finish(scan: scan.run(on: connection), connection: connection)
        }
    }

    static func psi(_ report: DriftReport, _ column: String) -> DriftFinding? {
        report.findings.first { $0.column == column && $0.metric == .psi }
    }

    @Test func detectsAShiftedDistributionButNotAResample() throws {
        let profiles = try Self.normalProfiles(means: [0, 0, 0.5])
        let detector = DriftDetector(settings: DriftSettings(psi: 0.1))
        let resample = try #require(Self.psi(detector.compare(previous: profiles[0], current: profiles[1]), "x"))
        let shifted = try #require(Self.psi(detector.compare(previous: profiles[0], current: profiles[2]), "x"))
        #expect(!resample.exceeded)
        #expect(resample.value < 0.02)
        #expect(shifted.exceeded)
        // For a shift of d standard deviations PSI is about d², a little less over bins.
        #expect(shifted.value > 0.15 && shifted.value < 0.35)
        #expect(shifted.message.contains("PSI"))
    }

    static func column(_ name: String, count: Int64, nulls: Int64, top: [(String, Int64)]? = nil) -> ColumnProfile {
        var column = ColumnProfile(name: name, type: "VARCHAR", kind: .text, count: count, nulls: nulls)
        column.topValues = top?.map { ColumnProfile.ValueCount(value: .text($0.0), count: $0.1) }
        return column
    }

    @Test func comparesRowCountsInPercentAgainstTheThreshold() {
        let detector = DriftDetector()  // ±50%
        let before = Profile(rowCount: 1000, columns: [])
        let grown = detector.compare(previous: before, current: Profile(rowCount: 1400, columns: []))
        let rows = grown.findings.first { $0.metric == .rowCountChange }
        #expect(rows?.column == nil && rows?.value == 40 && rows?.threshold == 50 && rows?.exceeded == false)
        #expect(!grown.exceeded)
        let shrunk = detector.compare(previous: before, current: Profile(rowCount: 400, columns: []))
        #expect(shrunk.findings.first?.value == -60)
        #expect(shrunk.exceeded)
        #expect(shrunk.findings.first?.message == "row count 1000 → 400 (-60.0%, limit ±50.0%)")
        #expect(detector.compare(previous: Profile(rowCount: 0, columns: []), current: before).exceeded)
    }

    @Test func comparesNullRatesInPercentagePoints() {
        let detector = DriftDetector(settings: DriftSettings(nullRatePoints: 10, ignore: []))
        let before = Profile(rowCount: 1000, columns: [Self.column("email", count: 950, nulls: 50)])
        let slightly = Profile(rowCount: 1000, columns: [Self.column("email", count: 880, nulls: 120)])
        let much = Profile(rowCount: 1000, columns: [Self.column("email", count: 800, nulls: 200)])
        let small = detector.compare(previous: before, current: slightly).findings.first {
            $0.metric == .nullRateChange
        }
        #expect(abs((small?.value ?? 0) - 7) < 1e-9 && small?.exceeded == false)
        let large = detector.compare(previous: before, current: much).findings.first { $0.metric == .nullRateChange }
        #expect(abs((large?.value ?? 0) - 15) < 1e-9 && large?.exceeded == true)
        #expect(large?.message == "email: nulls 5.0% → 20.0% (+15.0 points, limit ±10.0)")
    }

    @Test func reportsNewAndVanishedCategoriesAndTheirShift() throws {
        let before = Profile(
            rowCount: 300,
            columns: [
                Self.column(
                    "status", count: 300, nulls: 0,
                    top: [("placed", 100), ("shipped", 100), ("returned", 100)])
            ])
        let after = Profile(
            rowCount: 300,
            columns: [
                Self.column(
                    "status", count: 300, nulls: 0,
                    top: [("placed", 100), ("shipped", 100), ("lost", 100)])
            ])
        let report = DriftDetector().compare(previous: before, current: after)
        let new = try #require(report.findings.first { $0.metric == .newCategories })
        #expect(new.values == [.text("lost")] && new.exceeded)
        let gone = try #require(report.findings.first { $0.metric == .vanishedCategories })
        #expect(gone.values == [.text("returned")] && gone.message == "status: values no longer present 'returned'")
        #expect(Self.psi(report, "status")?.exceeded == true)
        // The same shares again: no drift.
        let same = DriftDetector().compare(previous: before, current: before)
        #expect(!same.exceeded)
        #expect((Self.psi(same, "status")?.value ?? 1) < 1e-12)
    }

    @Test func skipsCategorySetsWhenTopValuesDoNotCoverEveryValue() {
        let before = Profile(
            rowCount: 1000, columns: [Self.column("city", count: 1000, nulls: 0, top: [("a", 300), ("b", 200)])])
        let after = Profile(
            rowCount: 1000, columns: [Self.column("city", count: 1000, nulls: 0, top: [("a", 300), ("c", 200)])])
        let report = DriftDetector().compare(previous: before, current: after)
        #expect(!report.findings.contains { $0.metric == .newCategories || $0.metric == .vanishedCategories })
        // b's 20% went to "other" (50% → 70%): PSI over a, b, other.
        let psi = Self.psi(report, "city")?.value ?? 0
        #expect(psi > 1)
    }

    @Test func ignoresListedColumnsAndReportsSchemaChangesWithoutDistributionDrift() {
        let before = Profile(
            rowCount: 100,
            columns: [
                Self.column("status", count: 100, nulls: 0, top: [("a", 100)]),
                Self.column("old", count: 100, nulls: 0),
            ])
        let after = Profile(
            rowCount: 100,
            columns: [
                Self.column("status", count: 10, nulls: 90, top: [("b", 10)]), Self.column("new", count: 0, nulls: 100),
            ])
        let report = DriftDetector(settings: DriftSettings(ignore: ["status"])).compare(
            previous: before, current: after)
        #expect(!report.findings.contains { $0.column == "status" })
        #expect(
            report.findings.map(\.metric).sorted { $0.rawValue < $1.rawValue } == [
                .columnAdded, .columnRemoved, .rowCountChange,
            ])
        #expect(!report.exceeded)
    }

    @Test func reportsTypeChangesAndTheSeverityOfTheSettings() throws {
        var number = ColumnProfile(name: "v", type: "INTEGER", kind: .number, count: 10, nulls: 0)
        number.quantiles = ProfilePlan.quantilePoints.map { .init(p: $0, value: $0 * 10) }
        var text = Self.column("v", count: 10, nulls: 0)
        text.type = "VARCHAR"
        let report = DriftDetector(settings: DriftSettings(severity: .error))
            .compare(
                previous: Profile(rowCount: 10, columns: [number]), current: Profile(rowCount: 10, columns: [text]))
        #expect(report.severity == .error)
        #expect(report.findings.contains { $0.metric == .typeChanged && $0.message == "v: type INTEGER → VARCHAR" })
        #expect(Self.psi(report, "v") == nil)
        let decoded = try JSONDecoder().decode(DriftReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }

    @Test func interpolatesTheCumulativeShareBetweenQuantilesAndOverTies() {
        let points: [ColumnProfile.Quantile] = [
            .init(p: 0, value: 0), .init(p: 0.5, value: 10), .init(p: 0.9, value: 10), .init(p: 1, value: 20),
        ]
        #expect(DriftDetector.cumulative(points, at: -1) == 0)
        #expect(DriftDetector.cumulative(points, at: 5) == 0.25)
        #expect(DriftDetector.cumulative(points, at: 10) == 0.9)
        #expect(DriftDetector.cumulative(points, at: 15) == 0.95)
        #expect(DriftDetector.cumulative(points, at: 20) == 1)
    }
}
