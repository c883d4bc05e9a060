import TesseraModel
import TesseraSQL

/// `tessera query`'s SQL under the guard every user SQL is under (files, the engine's catalog,
/// settings, dynamic SQL refused), before anything is opened or run.
enum QueryGuard {
    static func refuseEscapes(_ sql: String, analyzer: SQLAnalyzer) throws(CoreError) {
        guard let refusal = analyzer.refusals(inQuery: sql).first else { return }
        var place = ""
        if let offset = refusal.offset {
            let at = TextLocation(start: .start(of: "query"), isBlock: true).location(ofByteOffset: offset, in: sql)
            place = " (line \(at.line), column \(at.column))"
        }
        throw CoreError(
            .usage, "the query was refused: \(refusal.message)\(place).",
            hint: "a query reads products by name, e.g. select * from sales.orders (`tessera catalog list` lists them)")
    }

    /// One parser for the query's checks (starting one costs a DuckDB database).
    static func analyzer() throws(CoreError) -> SQLAnalyzer {
        do { return try SQLAnalyzer() } catch {
            throw CoreError(.internalError, "cannot start DuckDB's SQL parser: \(error)")
        }
    }
}
