import Foundation

/// `EXPLAIN [ ( option [, …] ) ] statement`, or the older `EXPLAIN [ ANALYZE ] [ VERBOSE ]
/// statement`: the statement explained and what was asked of the plan.
struct ExplainStatement: Equatable {
    /// The statement after the options.
    var statement: String
    /// `ANALYZE` (run the statement and show what happened): refused, see `refusal`.
    var analyze = false
    /// `FORMAT`: only TEXT is spoken.
    var format = "text"

    /// Nil when `sql` does not start with EXPLAIN.
    init?(_ sql: String) {
        guard let start = Self.afterKeyword(sql) else { return nil }
        var rest = sql[start...].drop { $0.isWhitespace }
        if rest.first == "(", let close = rest.firstIndex(of: ")") {
            for option in rest[rest.index(after: rest.startIndex)..<close].split(separator: ",") {
                let words = option.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
                guard let name = words.first else { continue }
                let value = words.dropFirst().first
                switch name {
                case "analyze", "analyse": analyze = !["false", "off", "0"].contains(value ?? "true")
                case "format": format = value ?? "text"
                default: break  // VERBOSE, COSTS, BUFFERS, SETTINGS, SUMMARY …: the plan is the same
                }
            }
            rest = rest[rest.index(after: close)...]
        } else {
            while let word = rest.split(maxSplits: 1, whereSeparator: \.isWhitespace).first?.lowercased(),
                ["analyze", "analyse", "verbose"].contains(word)
            {
                if word != "verbose" { analyze = true }
                rest = rest.dropFirst(word.count).drop { $0.isWhitespace }
            }
        }
        statement = String(rest).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Why the endpoint will not explain it, if it will not.
    var refusal: EndpointError? {
        if analyze {
            return EndpointError(
                EndpointError.Code.featureNotSupported, "EXPLAIN ANALYZE is not supported",
                hint: "EXPLAIN without ANALYZE shows the plan and its estimates; run the query itself to time it")
        }
        if format != "text" {
            return EndpointError(
                EndpointError.Code.featureNotSupported, "EXPLAIN (FORMAT \(format.uppercased())) is not supported",
                hint: "use EXPLAIN's default text format")
        }
        return nil
    }

    /// Where the text after the leading EXPLAIN (past comments and spaces) starts.
    private static func afterKeyword(_ sql: String) -> String.Index? {
        var index = sql.startIndex
        while index < sql.endIndex {
            if sql[index].isWhitespace {
                index = sql.index(after: index)
            } else if sql[index...].hasPrefix("--") {
                index = sql[index...].firstIndex(of: "\n") ?? sql.endIndex
            } else if sql[index...].hasPrefix("/*") {
                index = sql[index...].range(of: "*/")?.upperBound ?? sql.endIndex
            } else {
                break
            }
        }
        guard sql[index...].lowercased().hasPrefix("explain") else { return nil }
        return sql.index(index, offsetBy: 7)
    }
}
