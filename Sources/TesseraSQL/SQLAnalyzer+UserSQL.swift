import TesseraModel

/// The guard on user SQL that is not a model (models are guarded as they are analysed): a `sql:`
/// check's query, a check's `where:` condition and a `tessera query`. Each is spliced into SQL
/// Tessera writes, so each must also stay what it claims to be — one query, one condition —
/// whatever it is spliced into: one statement, no `;`, no `)` closing what Tessera opened.
extension SQLAnalyzer {
    /// The name `@product` stands for while a check's query is parsed (as long as `@product`, so
    /// positions stay those of the text as written).
    static let productPlaceholder = "_product"

    /// What a `sql:` check's query may not use; offsets are in `query` as written.
    public func refusals(inCheckQuery query: String) -> [SQLRefusal] {
        let text = query.replacing(#/@product(?![A-Za-z0-9_])/#) { _ in Self.productPlaceholder }
        return refusals(inStatement: text, what: "the query")
    }

    /// What `tessera query`'s SQL may not use; offsets are in `sql` as written.
    public func refusals(inQuery sql: String) -> [SQLRefusal] {
        refusals(inStatement: sql, what: "a query")
    }

    /// What a check's `where:` condition may not use; offsets are in `condition` as written.
    public func refusals(inCondition condition: String) -> [SQLRefusal] {
        if let problem = Self.structureProblem(condition, what: "the condition", allowsSemicolon: false) {
            return [problem]
        }
        let prefix = "SELECT 1 FROM \(Self.productPlaceholder) WHERE ("
        let shift = prefix.utf8.count
        return guarded(prefix + condition + "\n)", what: "the condition").map { refusal in
            var moved = refusal
            moved.offset = refusal.offset.map { min(max($0 - shift, 0), condition.utf8.count) }
            return moved
        }
    }

    private func refusals(inStatement sql: String, what: String) -> [SQLRefusal] {
        if let problem = Self.structureProblem(sql, what: what, allowsSemicolon: true) { return [problem] }
        return guarded(sql, what: what)
    }

    /// Parses `sql`, which must be one SELECT, and finds what the guard refuses in it.
    private func guarded(_ sql: String, what: String) -> [SQLRefusal] {
        lock.lock()
        defer { lock.unlock() }
        let outcome: DuckDBParser.Outcome
        do { outcome = try parser.parse(sql) } catch {
            return [SQLRefusal(message: "DuckDB could not parse \(what): \(error)", hint: "", offset: nil)]
        }
        switch outcome {
        case .failure(let message, let type, let position):
            let notQuery = type == "not implemented"
            return [
                SQLRefusal(
                    message: notQuery ? "\(what) must be one read-only SELECT" : "\(what) is not valid SQL: \(message)",
                    hint: "write one read-only SELECT over sources, models and products", offset: position)
            ]
        case .statements(let statements, _):
            guard statements.count == 1, let node = statements.first?["node"] else {
                return [
                    SQLRefusal(
                        message: "\(what) must be one SELECT statement; found \(statements.count)",
                        hint: "write one read-only SELECT", offset: nil)
                ]
            }
            var collector = DependencyCollector()
            collector.collect(node)
            return (collector.refused + UserSQLGuard.refusals(in: node)).sorted {
                ($0.offset ?? 0, $0.message) < ($1.offset ?? 0, $1.message)
            }
        }
    }

    /// A `;` between statements, or a `)` that closes more than the text opened: text that would
    /// end the query or condition Tessera splices it into. Strings, quoted names and comments are
    /// skipped; a trailing `;` is allowed where `allowsSemicolon`.
    static func structureProblem(_ text: String, what: String, allowsSemicolon: Bool) -> SQLRefusal? {
        let bytes = Array(text.utf8)
        let tokens = SQLLexer.tokens(bytes)
        let lastCode = tokens.lastIndex { !$0.isTrivia && $0.kind != .semicolon } ?? -1
        var depth = 0
        for (index, token) in tokens.enumerated() {
            if token.kind == .semicolon, !allowsSemicolon || index < lastCode {
                return SQLRefusal(
                    message: "\(what) must be one statement: it may not hold ';'",
                    hint: "remove the ';' and what follows it", offset: token.start)
            }
            guard token.kind == .symbol else { continue }
            for offset in token.start..<token.end {
                if bytes[offset] == UInt8(ascii: "(") { depth += 1 }
                if bytes[offset] == UInt8(ascii: ")") { depth -= 1 }
                if depth < 0 {
                    return SQLRefusal(
                        message: "\(what) closes a parenthesis it did not open", hint: "balance the parentheses",
                        offset: offset)
                }
            }
        }
        return nil
    }
}
