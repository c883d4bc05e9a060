import Testing
import TesseraModel
@testable import TesseraSQL

/// `analyzeAll` parses many models in one DuckDB query per batch: each analysis must be exactly
/// what analysing the model alone gives, errors included, in the order given, across batches.
@Suite("SQL analysis in batches")
struct BatchAnalysisTests {
    @Test func sameAsOneByOne() throws {
        let texts = [
            "SELECT a.id, (a.k + b.k) % 7 AS k FROM m_a AS a JOIN m_b AS b ON a.id = b.id",
            "SELEC broken FROM nowhere",
            "",
            "SELECT 1 AS x; SELECT 2 AS y",
            "WITH t AS (SELECT id FROM src.orders) SELECT id, @start AS s FROM t",
            "SELECT * FROM src.orders WHERE amount > 0 -- a comment",
        ]
        // More than one batch, so that the second batch's answers are not shifted.
        let models = (0..<(SQLAnalyzer.parseBatch + 30)).map { index in
            (
                sql: texts[index % texts.count], file: "m\(index).sql",
                schemas: { (_: RelationName) -> [String]? in ["id"] }
            )
        }
        let batched = try SQLAnalyzer().analyzeAll(models)
        let single = try SQLAnalyzer()
        #expect(batched.count == models.count)
        for (model, analysis) in zip(models, batched) {
            #expect(analysis == single.analyze(sql: model.sql, file: model.file, schemas: model.schemas))
        }
        #expect(batched[1].diagnostics.contains { $0.severity == .error })
        #expect(!batched[0].fingerprint.isEmpty && batched[0].fingerprint == batched[texts.count].fingerprint)
    }

    /// The batch query itself answers (else `analyzeAll` would quietly parse one by one).
    @Test func oneQueryAnswersEveryText() throws {
        let outcomes = try #require(try DuckDBParser().parseAll(["SELECT 1 AS x", "SELEC x", ""]))
        #expect(outcomes.count == 3)
        guard case .statements(let first, _) = outcomes[0], case .failure = outcomes[1],
            case .statements(let empty, _) = outcomes[2]
        else {
            Issue.record("unexpected outcomes: \(outcomes)")
            return
        }
        #expect(first.count == 1 && empty.isEmpty)
    }
}
