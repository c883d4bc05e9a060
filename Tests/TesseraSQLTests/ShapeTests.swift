import Testing
import TesseraModel
import TesseraSQL

@Suite struct ShapeTests {
    @Test func syntaxErrorOnAMultiLineQuery() throws {
        let analysis = try SQLAnalyzer().analyze(
            sql: "select a,\n  b\nfrom t\nwhere and x", file: "m.sql", schemas: { _ in nil })
        #expect(messages(analysis) == ["4:7 syntax error at or near \"and\""])
        #expect(analysis.diagnostics.first?.location.file == "m.sql")
        #expect(analysis.fingerprint.isEmpty)
    }

    @Test func syntaxErrorAfterMacrosOfOtherLengths() throws {
        let sql = "select * from t where ts >= @start and ts < @end and env = @env frm"
        let analysis = try SQLAnalyzer().analyze(sql: sql, file: "m.sql", schemas: { _ in nil })
        #expect(messages(analysis) == ["1:65 syntax error at or near \"frm\""])
    }

    @Test func syntaxErrorAfterALeadingComment() throws {
        let sql = "-- orders, enriched ' not a string\n/* block\n   comment */ select 1 +\n"
        let analysis = try SQLAnalyzer().analyze(sql: sql, file: "m.sql", schemas: { _ in nil })
        #expect(messages(analysis) == ["3:24 syntax error at or near \"+\""])
    }

    @Test func unterminatedString() throws {
        let analysis = try SQLAnalyzer().analyze(sql: "select 1\n where x = 'abc", file: "m.sql", schemas: { _ in nil })
        #expect(messages(analysis) == ["2:12 unterminated string literal"])
    }

    @Test func twoStatementsAreRejectedAtTheSecond() throws {
        let analysis = try SQLAnalyzer().analyze(sql: "select 1;\n\n  select 2;", file: "m.sql", schemas: { _ in nil })
        #expect(messages(analysis) == ["3:3 a model is exactly one SELECT statement; found 2 statements"])
    }

    @Test func aTrailingSemicolonIsFine() throws {
        let analysis = try SQLAnalyzer().analyze(
            sql: "select 1 as one; -- done\n", file: "m.sql", schemas: { _ in nil })
        #expect(analysis.diagnostics.isEmpty)
        #expect(analysis.outputColumns.map(\.name) == ["one"])
    }

    @Test(arguments: [
        ("delete from t", "a model must be a SELECT statement, not DELETE"),
        ("  insert into t select 1", "a model must be a SELECT statement, not INSERT"),
        ("create table x as select 1", "a model must be a SELECT statement, not CREATE"),
    ])
    func nonSelectIsRejected(sql: String, message: String) throws {
        let analysis = try SQLAnalyzer().analyze(sql: sql, file: "m.sql", schemas: { _ in nil })
        #expect(analysis.diagnostics.map(\.message) == [message])
        #expect(analysis.diagnostics.first?.location.column == sql.prefix { $0 == " " }.count + 1)
    }

    @Test func emptySQLIsRejected() throws {
        let analysis = try SQLAnalyzer().analyze(sql: "-- nothing here\n", file: "m.sql", schemas: { _ in nil })
        #expect(analysis.diagnostics.map(\.message) == ["the model has no SQL"])
    }

    @Test func fromFirstAndValuesAreSelects() throws {
        let analyzer = try SQLAnalyzer()
        #expect(
            analyzer.analyze(sql: "from src.orders", file: "m.sql", schemas: fixtureSchema).outputColumns.count == 5)
        #expect(
            analyzer.analyze(sql: "values (1, 2)", file: "m.sql", schemas: fixtureSchema).outputColumns.map(\.name) == [
                "col0", "col1",
            ])
    }

    @Test func fingerprintIgnoresLayoutButNotMeaning() throws {
        let analyzer = try SQLAnalyzer()
        func fingerprint(_ sql: String) -> String {
            analyzer.analyze(sql: sql, file: "m.sql", schemas: { _ in nil }).fingerprint
        }
        let base = fingerprint("select a, b from t where a > 1")
        #expect(base.count == 64)
        #expect(fingerprint("SELECT a,\n       b  -- the b\nFROM t /* filter */ WHERE a > 1;") == base)
        #expect(fingerprint("select a, b from t where a > 2") != base)
        #expect(fingerprint("select a, b as c from t where a > 1") != base)
        #expect(fingerprint("select a, b from u where a > 1") != base)
    }

    @Test func fingerprintDoesNotDependOnMacroValues() throws {
        let analyzer = try SQLAnalyzer()
        let one = analyzer.analyze(sql: "select * from t where ts >= @start", file: "m.sql", schemas: { _ in nil })
        let two = analyzer.analyze(sql: "select * from t\nwhere ts >= @start  ", file: "m.sql", schemas: { _ in nil })
        let three = analyzer.analyze(sql: "select * from t where ts >= @end", file: "m.sql", schemas: { _ in nil })
        #expect(one.fingerprint == two.fingerprint)
        #expect(one.fingerprint != three.fingerprint)
    }

    @Test func sha256KnownAnswer() {
        // FIPS 180-4 test vector.
        #expect(fingerprintOf("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite struct AnalyzerTests {
    @Test func pivotIsReportedAsNotAnalysable() throws {
        let analysis = try SQLAnalyzer().analyze(
            sql: "select * from (pivot t on x using sum(y))", file: "m.sql", schemas: { _ in nil })
        #expect(
            analysis.diagnostics.map(\.message) == ["this query uses a construct Tessera cannot analyse (e.g. PIVOT)"])
    }

    @Test func describeReadsItsTable() throws {
        let analysis = try SQLAnalyzer().analyze(sql: "describe src.orders", file: "m.sql", schemas: { _ in nil })
        #expect(referenceNames(analysis) == ["src.orders"])
    }

    @Test func oneAnalyzerIsSharedAcrossTasks() async throws {
        let analyzer = try SQLAnalyzer()
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    analyzer.analyze(sql: "select * from t\(index), u", file: "m.sql", schemas: { _ in nil }).references
                        .count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 2, count: 8))
    }
}
