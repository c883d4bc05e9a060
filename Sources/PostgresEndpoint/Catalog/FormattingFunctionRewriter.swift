import Foundation

/// PostgreSQL's formatting functions that BI tools write into the queries of products they
/// generate, rewritten into DuckDB's: Superset's time filters compare a column with
/// `TO_DATE('2026-11-29', 'YYYY-MM-DD')` or `TO_TIMESTAMP('2026-11-29 00:00:00.000000',
/// 'YYYY-MM-DD HH24:MI:SS.US')`, which DuckDB lacks (its `to_timestamp` takes epoch seconds). A
/// call whose two arguments are literals becomes `strptime` with the template translated; any
/// other call is left as it is, to fail with DuckDB's own message.
public enum FormattingFunctionRewriter {
    public static func rewrite(_ sql: String) -> String {
        guard let call, sql.range(of: "to_", options: .caseInsensitive) != nil else { return sql }
        var text = sql
        for match in call.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)).reversed() {
            guard let whole = Range(match.range, in: sql), let function = Range(match.range(at: 1), in: sql),
                let value = Range(match.range(at: 2), in: sql), let template = Range(match.range(at: 3), in: sql)
            else { continue }
            let format = strptimeFormat(String(sql[template]))
            let parsed = "strptime(\(sql[value]), '\(format)')"
            text.replaceSubrange(
                whole, with: sql[function].lowercased() == "date" ? "CAST(\(parsed) AS DATE)" : parsed)
        }
        return text
    }

    private static let call = try? NSRegularExpression(
        pattern: #"\bto_(date|timestamp)\s*\(\s*('(?:[^']|'')*')\s*,\s*'([^']*)'\s*\)"#, options: [.caseInsensitive])

    /// PostgreSQL's template patterns, longest first where one is the start of another.
    private static let patterns: [(String, String)] = [
        ("YYYY", "%Y"), ("HH24", "%H"), ("HH12", "%I"), ("HH", "%I"), ("YY", "%y"), ("MM", "%m"), ("DD", "%d"),
        ("MI", "%M"), ("SS", "%S"), ("US", "%f"), ("MS", "%g"), ("AM", "%p"), ("PM", "%p"),
    ]

    /// A PostgreSQL template (`YYYY-MM-DD HH24:MI:SS.US`) as strptime's format
    /// (`%Y-%m-%d %H:%M:%S.%f`); what is not a pattern stays as it is.
    static func strptimeFormat(_ template: String) -> String {
        var format = ""
        var rest = Substring(template)
        while let first = rest.first {
            if let (pattern, replacement) = patterns.first(where: { rest.uppercased().hasPrefix($0.0) }) {
                format += replacement
                rest = rest.dropFirst(pattern.count)
            } else {
                format += first == "%" ? "%%" : String(first)
                rest = rest.dropFirst()
            }
        }
        return format
    }
}
