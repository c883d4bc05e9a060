import Foundation
import TesseraModel

/// Analyses model SQL with DuckDB's own parser: shape, dependencies, macros, column lineage.
///
/// Owns an in-memory DuckDB connection. `Sendable`: calls are serialized by a lock, so one
/// analyzer can be shared; each call takes well under a millisecond per statement to parse.
public final class SQLAnalyzer: @unchecked Sendable {
    let parser: DuckDBParser
    let lock = NSLock()

    public init() throws {
        parser = try DuckDBParser()
    }

    /// Analyses one model's SQL. User errors become diagnostics in `file`; this never throws.
    ///
    /// `schemas` gives the columns of the relations read (upstream models, sources, product
    /// contracts); relations it does not know make `*` over them unresolved.
    public func analyze(sql: String, file: String, schemas: SchemaProvider = { _ in nil }) -> SQLAnalysis {
        analyze(sql: sql, file: file, columns: { relation in schemas(relation).map { KnownColumns(names: $0) } })
    }

    /// Analyses one model's SQL, knowing some relations' columns only in part (see ``KnownColumns``).
    public func analyze(sql: String, file: String, columns: ColumnsProvider) -> SQLAnalysis {
        lock.lock()
        defer { lock.unlock() }
        return analyzeLocked(sql: sql, file: file, schemas: columns)
    }

    /// Analyses many models' SQL, as ``analyze(sql:file:schemas:)`` does each, with DuckDB
    /// parsing them ``parseBatch`` at a time in one query (see ``DuckDBParser/parseAll(_:)``). In
    /// the order given.
    public func analyzeAll(_ models: [(sql: String, file: String, schemas: SchemaProvider)]) -> [SQLAnalysis] {
        lock.lock()
        defer { lock.unlock() }
        var analyses: [SQLAnalysis] = []
        analyses.reserveCapacity(models.count)
        for start in stride(from: 0, to: models.count, by: Self.parseBatch) {
            let batch = models[start..<min(start + Self.parseBatch, models.count)]
            let expansions = batch.map { MacroExpansion.expand($0.sql, values: .analysisPlaceholders, file: $0.file) }
            let parsed = parser.parseAll(expansions.map(\.expandedSQL))
            for (offset, (model, expansion)) in zip(batch, expansions).enumerated() {
                let schemas = model.schemas
                analyses.append(
                    analyzeLocked(
                        expansion: expansion, file: model.file,
                        schemas: { relation in schemas(relation).map { KnownColumns(names: $0) } },
                        parsed: parsed?[offset]))
            }
        }
        return analyses
    }

    /// Texts per parser query: one query's parse trees are in memory together until analysed (a
    /// thousand small models' at once raised `tessera plan`'s peak by 70 MiB; a hundred at a time
    /// keep nearly all of the gain).
    static let parseBatch = 100

    private func analyzeLocked(sql: String, file: String, schemas: ColumnsProvider) -> SQLAnalysis {
        analyzeLocked(
            expansion: MacroExpansion.expand(sql, values: .analysisPlaceholders, file: file), file: file,
            schemas: schemas, parsed: nil)
    }

    /// `parsed`: DuckDB's parse of `expansion.expandedSQL` when it was parsed already.
    private func analyzeLocked(
        expansion: MacroExpansion, file: String, schemas: ColumnsProvider, parsed: DuckDBParser.Outcome?
    ) -> SQLAnalysis {
        var analysis = SQLAnalysis(macros: expansion.macros, diagnostics: expansion.diagnostics)
        let map = expansion.sourceMap
        func locate(_ offset: Int?) -> SourceLocation {
            let position = map.originalPosition(ofExpandedOffset: offset ?? 0)
            return SourceLocation(file: file, line: position.line, column: position.column)
        }

        let tokens = SQLLexer.tokens(expansion.expandedSQL)
        let expandedBytes = Array(expansion.expandedSQL.utf8)
        let statementStarts = Self.statementStarts(tokens)
        guard let firstStart = statementStarts.first else {
            analysis.diagnostics.append(
                .error("the model has no SQL", at: .start(of: file), hint: "write one SELECT statement"))
            return analysis
        }
        if statementStarts.count > 1 {
            analysis.diagnostics.append(
                .error(
                    "a model is exactly one SELECT statement; found \(statementStarts.count) statements",
                    at: locate(statementStarts[1]),
                    hint: "remove this statement, or move it to a model of its own"
                ))
            return analysis
        }

        let outcome: DuckDBParser.Outcome
        do {
            outcome = try parsed ?? parser.parse(expansion.expandedSQL)
        } catch {
            analysis.diagnostics.append(.error("DuckDB could not parse the SQL: \(error)", at: .start(of: file)))
            return analysis
        }
        switch outcome {
        case .failure(let message, let type, let position):
            analysis.diagnostics.append(
                Self.parseFailure(
                    message, type: type, at: position.map { locate($0) } ?? locate(firstStart),
                    statementStart: locate(firstStart), firstWord: Self.firstWord(tokens, expandedBytes)))
            return analysis
        case .statements(let statements, let text):
            guard statements.count == 1, let statement = statements.first, let node = statement["node"] else {
                analysis.diagnostics.append(
                    .error(
                        "a model is exactly one SELECT statement; found \(statements.count) statements",
                        at: locate(firstStart)
                    ))
                return analysis
            }
            withoutActuallyEscaping(schemas) { schemas in
                analyze(node, into: &analysis, locate: locate, schemas: schemas)
            }
            analysis.fingerprint = Fingerprint.of(Self.strippingPositions(text))
        }
        return analysis
    }

    /// What DuckDB's parser refused, as the user's mistake: a statement that is not a query, a
    /// construct Tessera cannot analyse (DuckDB's "not implemented"), or DuckDB's own message.
    private static func parseFailure(
        _ message: String, type: String?, at position: SourceLocation, statementStart: SourceLocation,
        firstWord keyword: String
    ) -> Diagnostic {
        guard type == "not implemented" else { return .error(lowercasedFirst(message), at: position, hint: nil) }
        let isQuery = ["select", "with", "from", "values", "("].contains(keyword.lowercased())
        return .error(
            isQuery
                ? "this query uses a construct Tessera cannot analyse (e.g. PIVOT)"
                : "a model must be a SELECT statement, not \(keyword.uppercased())",
            at: statementStart,
            hint: isQuery
                ? "write PIVOT/UNPIVOT in the SELECT form with explicit columns"
                : "a model is one SELECT (CTEs allowed)")
    }

    private func analyze(
        _ node: JSONValue, into analysis: inout SQLAnalysis, locate: @escaping (Int?) -> SourceLocation,
        schemas: @escaping ColumnsProvider
    ) {
        var collector = DependencyCollector()
        collector.collect(node)
        analysis.usesThis = collector.usesThis
        // What user SQL may not use (files, the engine's catalog, settings): refused here, at validate.
        for refusal in collector.refused + UserSQLGuard.refusals(in: node) {
            analysis.diagnostics.append(.error(refusal.message, at: locate(refusal.offset), hint: refusal.hint))
        }
        analysis.references = collector.found
            .sorted { ($0.offset ?? 0) < ($1.offset ?? 0) }
            .map { TableReference(relation: $0.relation, location: locate($0.offset)) }

        let parser = self.parser
        let lineage = LineageAnalyzer(schemas: schemas, locate: locate, render: { parser.render($0) })
        analysis.outputColumns = lineage.outputColumns(of: node)
        analysis.dependsOnUnknownColumns = lineage.dependsOnUnknownColumns
        var seen: Set<Diagnostic> = Set(analysis.diagnostics)
        for diagnostic in lineage.diagnostics where seen.insert(diagnostic).inserted {
            analysis.diagnostics.append(diagnostic)
        }
    }

    /// DuckDB's JSON of a parse tree without its `"query_location":N` (and `_length`) fields: what is left does
    /// not change with whitespace, comments or keyword case. DuckDB writes fields in a fixed
    /// order, so the text itself is canonical; no need to rebuild it from the parsed tree.
    static func strippingPositions(_ json: String) -> String {
        let key = Array(#""query_location"#.utf8)
        var bytes = Array(json.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        bytes.append(0)  // a sentinel, so the look-ahead needs no bounds check
        let end = bytes.count - 1
        while i < end {
            if bytes[i] == key[0], i + key.count <= end, bytes[i..<(i + key.count)].elementsEqual(key) {
                var j = i + key.count
                if bytes[j] == UInt8(ascii: "_") {  // "query_location_length"
                    while j < end, bytes[j] != UInt8(ascii: "\"") { j += 1 }
                }
                guard bytes[j] == UInt8(ascii: "\""), bytes[j + 1] == UInt8(ascii: ":") else {
                    out.append(bytes[i]); i += 1; continue
                }
                j += 2
                while j < end, (bytes[j] >= UInt8(ascii: "0") && bytes[j] <= UInt8(ascii: "9")) { j += 1 }
                if bytes[j] == UInt8(ascii: ",") { j += 1 }
                i = j
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Byte offsets where statements start: the first non-trivia token, and the first one after
    /// each `;` that is followed by more than comments and whitespace.
    static func statementStarts(_ tokens: [SQLToken]) -> [Int] {
        var starts: [Int] = []
        var expectingStart = true
        for token in tokens where !token.isTrivia {
            if token.kind == .semicolon { expectingStart = true; continue }
            if expectingStart { starts.append(token.start); expectingStart = false }
        }
        return starts
    }

    private static func firstWord(_ tokens: [SQLToken], _ bytes: [UInt8]) -> String {
        guard let token = tokens.first(where: { !$0.isTrivia }) else { return "" }
        return String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    private static func lowercasedFirst(_ message: String) -> String {
        message.prefix(1).lowercased() + message.dropFirst()
    }
}
